// Runs one JavaScript profanity filter over a one-comment-per-line corpus,
// line by line as a Node.js service screening comments would, and prints how
// many lines it flagged. compare.sh times it from outside.
//
//   node filter.js obscenity|2toad|none FILE
//
// Each filter uses its own built-in English word list and recommended
// settings; `none` only reads the lines (the cost of Node's line reading).
'use strict';
const fs = require('fs');
const readline = require('readline');

function makeFilter(name) {
  switch (name) {
    case 'obscenity': {
      const { RegExpMatcher, englishDataset, englishRecommendedTransformers } = require('obscenity');
      const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
      return (line) => matcher.hasMatch(line);
    }
    case '2toad': {
      const { profanity } = require('@2toad/profanity');
      return (line) => profanity.exists(line);
    }
    case 'none':
      return () => false;
    default:
      return null;
  }
}

async function main() {
  const [name, file] = process.argv.slice(2);
  const flagged = makeFilter(name);
  if (!flagged || !file) {
    process.stderr.write('usage: node filter.js obscenity|2toad|none FILE\n');
    process.exit(2);
  }
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let count = 0;
  for await (const line of lines) {
    if (flagged(line)) count++;
  }
  process.stdout.write(`${count}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(2);
});
