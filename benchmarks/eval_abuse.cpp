// Precision and recall of the abuse packs (abuse, harassment,
// discrimination, defamation) on a labelled JSONL sample such as
// shared/eval/abuse/sample.jsonl (Davidson et al. 2017: {"text", "label"}
// with label "offensive" or "clean"), and, with --corpus, their throughput:
// the built-in policy with and without these packs, same binary, same run.
//
//   eval_abuse SAMPLE [--min-precision P] [--min-recall R] [--min-severity warning]
//                     [--misses N] [--corpus FILE]
//
// With --min-precision/--min-recall it is a regression test: exit 1 when a
// figure falls below its floor; exit 77 (ctest's "skipped") when SAMPLE is
// missing, as on a machine without the shared evaluation data.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "policycheck/scanner.hpp"

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

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The string value of "key" in one flat JSON object line, unescaped
// (\uXXXX with surrogate pairs included). Enough for the sample's shape.
bool json_string(const std::string& line, const std::string& key, std::string& out) {
  const std::string needle = "\"" + key + "\":";
  size_t pos = line.find(needle);
  if (pos == std::string::npos) return false;
  pos = line.find('"', pos + needle.size());
  if (pos == std::string::npos) return false;
  out.clear();
  for (size_t i = pos + 1; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') return true;
    if (c != '\\' || i + 1 >= line.size()) {
      out += c;
      continue;
    }
    const char e = line[++i];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        if (i + 4 >= line.size()) return false;
        unsigned cp = static_cast<unsigned>(std::stoul(line.substr(i + 1, 4), nullptr, 16));
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < line.size() && line[i + 1] == '\\' && line[i + 2] == 'u') {
          const unsigned low = static_cast<unsigned>(std::stoul(line.substr(i + 3, 4), nullptr, 16));
          if (low >= 0xDC00 && low < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        append_utf8(out, cp);
        break;
      }
      default: out += e; break;  // \" \\ \/
    }
  }
  return false;
}

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
  size_t tp = 0, fp = 0, fn = 0, tn = 0, rows = 0;
  std::vector<std::string> missed, false_alarms;
  std::string line, text, label;
  std::vector<Finding> findings;
  while (std::getline(in, line)) {
    if (!json_string(line, "text", text) || !json_string(line, "label", label)) continue;
    ++rows;
    Record record;
    record.path = "sample";
    record.text = text;
    findings.clear();
    scanner.scan(record, findings);
    const bool predicted = flags_abuse(findings, options.min_severity);
    const bool offensive = label == "offensive";
    if (predicted && offensive) ++tp;
    else if (predicted) { ++fp; false_alarms.push_back(text); }
    else if (offensive) { ++fn; missed.push_back(text); }
    else ++tn;
  }
  const double precision = tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0;
  const double recall = tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0;
  const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  std::printf("rows %zu: tp %zu fp %zu fn %zu tn %zu (findings at or above %s)\n", rows, tp, fp, fn, tn,
              std::string(to_string(options.min_severity)).c_str());
  std::printf("precision %.3f recall %.3f F1 %.3f flag rate on clean %.1f%%\n", precision, recall, f1,
              tp + fp + fn + tn ? 100.0 * static_cast<double>(fp) / static_cast<double>(fp + tn) : 0.0);
  for (int i = 0; i < options.misses && i < static_cast<int>(missed.size()); ++i) std::printf("MISS %s\n", missed[i].c_str());
  for (int i = 0; i < options.misses && i < static_cast<int>(false_alarms.size()); ++i) std::printf("FALSE %s\n", false_alarms[i].c_str());
  if (!options.corpus.empty()) throughput(options.corpus);
  int rc = 0;
  if (precision + 1e-9 < options.min_precision) {
    std::fprintf(stderr, "eval_abuse: precision %.3f fell below %.3f\n", precision, options.min_precision);
    rc = 1;
  }
  if (recall + 1e-9 < options.min_recall) {
    std::fprintf(stderr, "eval_abuse: recall %.3f fell below %.3f\n", recall, options.min_recall);
    rc = 1;
  }
  return rc;
}
