// Recall and false alarms of the pupil-names rules on the labelled sentences
// in corpus/labelled/names/ (see the README there for the marks).
//
//   eval_names SOURCE_DIR [--verbose] [--strict]
//
// Screens with-roster.txt with roster.csv and without-roster.txt with no
// roster, using rules/pupil-names.yaml from SOURCE_DIR, and prints:
//   recall on must-flag spans (a finding of the expected rule with exactly
//   the marked span), allowed forms flagged (any pupil-names finding
//   overlapping a {{...}} span), and other findings (outside every mark).
// With --strict the exit status is 1 unless recall is 100 % and both counts
// are 0 (the ctest); 2 on a usage or corpus error.
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "policycheck/scanner.hpp"

namespace {

using namespace policycheck;

enum class Mark { full_name, consent, allowed };

struct Expected {
  Mark mark;
  size_t start, end;
};

struct Sentence {
  std::string text;
  std::vector<Expected> spans;
  size_t line = 0;
};

// Removes the marks, remembering where each marked span is in the plain text.
bool parse_line(const std::string& raw, size_t line, Sentence& out) {
  out.line = line;
  struct Open {
    Mark mark;
    size_t start;
  };
  std::vector<Open> open;
  for (size_t i = 0; i < raw.size();) {
    const std::string_view rest = std::string_view(raw).substr(i);
    auto opens = [&](std::string_view token, Mark mark) {
      if (rest.substr(0, 2) != token) return false;
      open.push_back({mark, out.text.size()});
      i += 2;
      return true;
    };
    auto closes = [&](std::string_view token, Mark mark) {
      if (rest.substr(0, 2) != token) return false;
      if (open.empty() || open.back().mark != mark) return false;
      out.spans.push_back({mark, open.back().start, out.text.size()});
      open.pop_back();
      i += 2;
      return true;
    };
    if (opens("[[", Mark::full_name) || opens("<<", Mark::consent) || opens("{{", Mark::allowed)) continue;
    if (closes("]]", Mark::full_name) || closes(">>", Mark::consent) || closes("}}", Mark::allowed)) continue;
    if (rest.substr(0, 2) == "\\n") {
      out.text += '\n';
      i += 2;
      continue;
    }
    out.text += raw[i++];
  }
  return open.empty();
}

std::vector<Sentence> read_sentences(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Sentence> sentences;
  std::string raw;
  size_t line = 0;
  while (std::getline(in, raw)) {
    ++line;
    if (raw.empty() || raw[0] == '#') continue;
    Sentence s;
    if (!parse_line(raw, line, s)) throw std::runtime_error(path + ":" + std::to_string(line) + ": unbalanced marks");
    sentences.push_back(std::move(s));
  }
  return sentences;
}

struct Totals {
  size_t sentences = 0, expected = 0, found = 0, allowed = 0, allowed_flagged = 0, other = 0;
};

void evaluate(const std::string& name, const std::shared_ptr<const CompiledPolicy>& policy,
              const std::vector<Sentence>& sentences, const char* full_name_rule, bool verbose, Totals& totals) {
  Scanner scanner(policy);
  Totals local;
  for (const Sentence& s : sentences) {
    ++local.sentences;
    Record record;
    record.path = name;
    record.text = s.text;
    std::vector<Finding> findings;
    scanner.scan(record, findings);
    std::vector<bool> explained(findings.size(), false);
    for (const Expected& e : s.spans) {
      const std::string_view wanted = std::string_view(s.text).substr(e.start, e.end - e.start);
      if (e.mark == Mark::allowed) {
        ++local.allowed;
        bool flagged = false;
        for (const Finding& f : findings) flagged = flagged || (f.text_start < e.end && e.start < f.text_end);
        if (flagged) {
          ++local.allowed_flagged;
          if (verbose) std::cout << "  ALLOWED FLAGGED " << name << ":" << s.line << ": " << wanted << '\n';
        }
        continue;
      }
      ++local.expected;
      const char* rule = e.mark == Mark::consent ? "pupil-names/no-consent" : full_name_rule;
      bool hit = false;
      for (size_t i = 0; i < findings.size(); ++i) {
        if (findings[i].rule == rule && findings[i].text_start == e.start && findings[i].text_end == e.end) {
          hit = true;
          explained[i] = true;
        }
      }
      if (hit) ++local.found;
      else if (verbose) std::cout << "  MISSED " << name << ":" << s.line << ": " << wanted << '\n';
    }
    for (size_t i = 0; i < findings.size(); ++i) {
      if (explained[i]) continue;
      bool in_allowed = false;
      for (const Expected& e : s.spans) {
        in_allowed = in_allowed || (e.mark == Mark::allowed && findings[i].text_start < e.end && e.start < findings[i].text_end);
      }
      if (in_allowed) continue;  // already counted as an allowed form flagged
      ++local.other;
      if (verbose) std::cout << "  OTHER " << name << ":" << s.line << ": " << findings[i].rule << " '" << findings[i].match << "'\n";
    }
  }
  std::printf("%-20s %4zu sentences  recall %3zu/%-3zu  allowed forms flagged %zu/%zu  other findings %zu\n",
              name.c_str(), local.sentences, local.found, local.expected, local.allowed_flagged, local.allowed, local.other);
  totals.sentences += local.sentences;
  totals.expected += local.expected;
  totals.found += local.found;
  totals.allowed += local.allowed;
  totals.allowed_flagged += local.allowed_flagged;
  totals.other += local.other;
}

std::shared_ptr<const CompiledPolicy> compile_pack(const std::string& source, const std::string& roster) {
  PolicyLoader loader;
  loader.add_file(source + "/rules/pupil-names.yaml");
  if (!roster.empty()) loader.add_roster(roster);
  CompileOptions options;
  options.use_cache = false;
  return CompiledPolicy::compile(loader.finish(), options);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: eval_names SOURCE_DIR [--verbose] [--strict]\n";
    return 2;
  }
  const std::string source = argv[1];
  bool verbose = false, strict = false;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--verbose") == 0) verbose = true;
    else if (std::strcmp(argv[i], "--strict") == 0) strict = true;
    else {
      std::cerr << "eval_names: unknown option " << argv[i] << '\n';
      return 2;
    }
  }
  const std::string dir = source + "/corpus/labelled/names/";
  Totals totals;
  try {
    evaluate("with-roster", compile_pack(source, dir + "roster.csv"), read_sentences(dir + "with-roster.txt"),
             "pupil-names/full-name", verbose, totals);
    evaluate("without-roster", compile_pack(source, ""), read_sentences(dir + "without-roster.txt"),
             "pupil-names/possible-full-name", verbose, totals);
  } catch (const std::exception& e) {
    std::cerr << "eval_names: " << e.what() << '\n';
    return 2;
  }
  const double recall = totals.expected ? 100.0 * static_cast<double>(totals.found) / static_cast<double>(totals.expected) : 100.0;
  std::printf("total                %4zu sentences  recall %.1f%% (%zu/%zu)  allowed forms flagged %zu  other findings %zu\n",
              totals.sentences, recall, totals.found, totals.expected, totals.allowed_flagged, totals.other);
  if (strict && (totals.found != totals.expected || totals.allowed_flagged != 0 || totals.other != 0)) return 1;
  return 0;
}
