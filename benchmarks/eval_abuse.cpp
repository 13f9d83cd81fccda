// Precision and recall of the abuse packs (abuse, harassment,
// discrimination, defamation) on a labelled JSONL sample such as
// shared/eval/abuse/sample.jsonl (Davidson et al. 2017: {"text", "label"}
// with label "offensive" or "clean"), and, with --corpus, their throughput:
// the built-in policy with and without these packs, same binary, same run.
//
//   eval_abuse SAMPLE [--min-precision P] [--min-recall R] [--min-severity warning]
//                     [--misses N] [--corpus FILE]
//
// The sample is split in two halves by a hash of each row's text (FNV-1a,
// even = development, odd = held out), so the split never changes and a
// repeated tweet always falls in the same half. Lexicons are curated looking
// at development misses only: --misses prints rows of the development half
// and nothing of the held-out one, whose figures are the honest estimate.
// Recall is also given per source class (hate speech, offensive language).
//
// With --min-precision/--min-recall it is a regression test: exit 1 when a
// figure of either half falls below its floor; exit 77 (ctest's "skipped")
// when SAMPLE is missing, as on a machine without the shared evaluation data.
#include <time.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "policycheck/scanner.hpp"
#include "inputs/json_value.hpp"

using namespace policycheck;

namespace {

const std::set<std::string> kAbusePacks = {"abuse", "harassment", "discrimination", "defamation"};

struct Options {
  std::string sample;
  std::string corpus;
  double min_precision = 0;
  double min_recall = 0;
  Severity min_severity = Severity::warning;
  int misses = 0;
};

// The string value of "key" in one flat JSON object line, unescaped by the
// JSON readers' own decoder (\uXXXX and surrogate pairs included). Enough
// for the sample's shape.
bool json_string(const std::string& line, const std::string& key, std::string& out) {
  const std::string needle = "\"" + key + "\":";
  size_t pos = line.find(needle);
  if (pos == std::string::npos) return false;
  pos = line.find('"', pos + needle.size());
  if (pos == std::string::npos) return false;
  for (size_t i = pos + 1; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;  // the escaped character cannot end the string
    } else if (line[i] == '"') {
      out = policycheck::inputs::decode_json_string(std::string_view(line).substr(pos + 1, i - pos - 1));
      return true;
    }
  }
  return false;
}

// FNV-1a over the row's text: a fixed, platform-independent split.
bool is_development_row(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return (hash & 1) == 0;
}

// Confusion counts of one half, with recall per source class.
struct Tally {
  size_t tp = 0, fp = 0, fn = 0, tn = 0;
  std::map<std::string, std::pair<size_t, size_t>> by_class;  // source class -> (flagged, rows)

  void add(const std::string& source_class, bool offensive, bool predicted) {
    if (predicted && offensive) ++tp;
    else if (predicted) ++fp;
    else if (offensive) ++fn;
    else ++tn;
    auto& [flagged, rows] = by_class[source_class];
    flagged += predicted ? 1 : 0;
    ++rows;
  }
  void merge(const Tally& other) {
    tp += other.tp, fp += other.fp, fn += other.fn, tn += other.tn;
    for (const auto& [name, counts] : other.by_class) {
      by_class[name].first += counts.first;
      by_class[name].second += counts.second;
    }
  }
  double precision() const { return tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0; }
  double recall() const { return tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0; }
  void print(const char* name) const {
    const double p = precision(), r = recall();
    const double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    std::printf("%-12s rows %4zu: tp %4zu fp %3zu fn %3zu tn %4zu  precision %.3f recall %.3f F1 %.3f", name,
                tp + fp + fn + tn, tp, fp, fn, tn, p, r, f1);
    for (const auto& [source_class, counts] : by_class) {
      std::printf("  %s flagged %zu/%zu (%.3f)", source_class.c_str(), counts.first, counts.second,
                  counts.second ? static_cast<double>(counts.first) / static_cast<double>(counts.second) : 0.0);
    }
    std::printf("\n");
  }
};

std::shared_ptr<const CompiledPolicy> compile_builtin(bool with_abuse_packs) {
  PolicyLoader loader;
  loader.add_builtin();
  Policy policy = loader.finish();
  if (!with_abuse_packs) {
    std::erase_if(policy.rules, [](const Rule& r) { return kAbusePacks.count(r.pack) > 0; });
  }
  return CompiledPolicy::compile(std::move(policy));
}

bool flags_abuse(const std::vector<Finding>& findings, Severity min_severity) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
    return kAbusePacks.count(f.rule.substr(0, f.rule.find('/'))) && f.severity >= min_severity;
  });
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Scans every line of the corpus as a record; returns CPU seconds of the best of three runs.
double scan_corpus(const std::shared_ptr<const CompiledPolicy>& policy, const std::vector<std::string_view>& lines,
                   size_t& findings) {
  Scanner scanner(policy);
  std::vector<Finding> out;
  double best = 1e30;
  for (int run = 0; run < 3; ++run) {
    findings = 0;
    const double start = thread_cpu_seconds();
    for (std::string_view line : lines) {
      Record record;
      record.path = "corpus";
      record.text = line;
      out.clear();
      scanner.scan(record, out);
      findings += out.size();
    }
    best = std::min(best, thread_cpu_seconds() - start);
  }
  return best;
}

int throughput(const std::string& corpus_path) {
  std::ifstream in(corpus_path, std::ios::binary);
  if (!in) {
    std::cerr << "eval_abuse: cannot read " << corpus_path << '\n';
    return 2;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string corpus = buffer.str();
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos < corpus.size();) {
    size_t end = corpus.find('\n', pos);
    if (end == std::string::npos) end = corpus.size();
    if (end > pos) lines.emplace_back(corpus.data() + pos, end - pos);
    pos = end + 1;
  }
  const double mb = static_cast<double>(corpus.size()) / 1e6;
  auto without = compile_builtin(false);
  auto with = compile_builtin(true);
  size_t findings_without = 0, findings_with = 0;
  // Interleaved so that machine load falls on both alike.
  const double t_without = scan_corpus(without, lines, findings_without);
  const double t_with = scan_corpus(with, lines, findings_with);
  std::printf("corpus: %.1f MB, %zu records\n", mb, lines.size());
  std::printf("built-in policy without abuse packs: %zu patterns, %.3f s CPU, %.1f MB/s, %zu findings\n",
              without->stats().patterns, t_without, mb / t_without, findings_without);
  std::printf("built-in policy with abuse packs:    %zu patterns, %.3f s CPU, %.1f MB/s, %zu findings\n",
              with->stats().patterns, t_with, mb / t_with, findings_with);
  std::printf("throughput with / without: %.2f\n", t_without / t_with);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "eval_abuse: " << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--min-precision") options.min_precision = std::stod(value());
    else if (arg == "--min-recall") options.min_recall = std::stod(value());
    else if (arg == "--misses") options.misses = std::stoi(value());
    else if (arg == "--corpus") options.corpus = value();
    else if (arg == "--min-severity") {
      const auto severity = parse_severity(value());
      if (!severity) {
        std::cerr << "eval_abuse: --min-severity is error, warning or info\n";
        return 2;
      }
      options.min_severity = *severity;
    } else if (options.sample.empty() && arg[0] != '-') options.sample = arg;
    else {
      std::cerr << "usage: eval_abuse SAMPLE [--min-precision P] [--min-recall R] [--min-severity S] [--misses N] "
                   "[--corpus FILE]\n";
      return 2;
    }
  }
  if (!options.corpus.empty() && options.sample.empty()) return throughput(options.corpus);

  std::ifstream in(options.sample);
  if (!in) {
    std::cerr << "eval_abuse: cannot read " << options.sample << " (skipped)\n";
    return 77;
  }
  auto policy = compile_builtin(true);
  Scanner scanner(policy);
  Tally halves[2];
  std::vector<std::string> missed, false_alarms;  // development half only
  std::string line, text, label, source_label;
  std::vector<Finding> findings;
  while (std::getline(in, line)) {
    if (!json_string(line, "text", text) || !json_string(line, "label", label)) continue;
    if (!json_string(line, "source_label", source_label)) source_label = label;
    const bool development = is_development_row(text);
    Record record;
    record.path = "sample";
    record.text = text;
    findings.clear();
    scanner.scan(record, findings);
    const bool predicted = flags_abuse(findings, options.min_severity);
    const bool offensive = label == "offensive";
    halves[development ? 0 : 1].add(source_label, offensive, predicted);
    if (!development) continue;
    if (predicted && !offensive) false_alarms.push_back(text);
    if (!predicted && offensive) missed.push_back(source_label + ": " + text);
  }
  std::printf("findings at or above %s\n", std::string(to_string(options.min_severity)).c_str());
  halves[0].print("development");
  halves[1].print("held-out");
  Tally all = halves[0];
  all.merge(halves[1]);
  all.print("all");
  for (int i = 0; i < options.misses && i < static_cast<int>(missed.size()); ++i) std::printf("MISS (dev) %s\n", missed[i].c_str());
  for (int i = 0; i < options.misses && i < static_cast<int>(false_alarms.size()); ++i) std::printf("FALSE (dev) %s\n", false_alarms[i].c_str());
  if (!options.corpus.empty()) throughput(options.corpus);
  int rc = 0;
  for (const Tally& half : halves) {
    if (half.precision() + 1e-9 < options.min_precision) {
      std::fprintf(stderr, "eval_abuse: precision %.3f fell below %.3f\n", half.precision(), options.min_precision);
      rc = 1;
    }
    if (half.recall() + 1e-9 < options.min_recall) {
      std::fprintf(stderr, "eval_abuse: recall %.3f fell below %.3f\n", half.recall(), options.min_recall);
      rc = 1;
    }
  }
  return rc;
}
