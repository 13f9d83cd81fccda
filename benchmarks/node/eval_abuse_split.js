// Precision and recall of obscenity and @2toad/profanity on the two halves of
// a labelled sample (shared/eval/abuse/sample.jsonl), split exactly as
// benchmarks/eval_abuse.cpp splits it (FNV-1a 64 of the UTF-8 text, even =
// development), so rules/README.md can put them beside policycheck half by half.
//
//   npm ci && node eval_abuse_split.js SAMPLE
'use strict';
const fs = require('fs');
const { RegExpMatcher, englishDataset, englishRecommendedTransformers } = require('obscenity');
const { profanity } = require('@2toad/profanity');
const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const filters = { obscenity: (t) => obscenity.hasMatch(t), '2toad': (t) => profanity.exists(t) };
function dev(text) {
  let h = 14695981039346656037n;
  for (const b of Buffer.from(text, 'utf8')) { h ^= BigInt(b); h = (h * 1099511628211n) & 0xffffffffffffffffn; }
  return (h & 1n) === 0n;
}
const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
for (const [name, f] of Object.entries(filters)) {
  const t = { development: [0, 0, 0, 0], 'held-out': [0, 0, 0, 0], all: [0, 0, 0, 0] };
  const cls = { development: {}, 'held-out': {}, all: {} };
  for (const r of rows) {
    const p = f(r.text), o = r.label === 'offensive';
    const i = p && o ? 0 : p ? 1 : o ? 2 : 3;
    for (const half of [dev(r.text) ? 'development' : 'held-out', 'all']) {
      t[half][i]++;
      const c = (cls[half][r.source_label] ||= [0, 0]); c[0] += p ? 1 : 0; c[1]++;
    }
  }
  for (const [half, [tp, fp, fn, tn]] of Object.entries(t)) {
    const per = Object.entries(cls[half]).map(([k, [a, b]]) => `${k} ${a}/${b} (${(a / b).toFixed(3)})`).join('  ');
    console.log(`${name} ${half} rows ${tp + fp + fn + tn}: precision ${(tp / (tp + fp)).toFixed(3)} recall ${(tp / (tp + fn)).toFixed(3)}  ${per}`);
  }
}
