// Precision and recall of the built-in personal-data rules on a labelled
// corpus (corpus/labelled/personal-data.jsonl), per entity.
//
// Each corpus line is a JSON object whose "text" marks the expected spans
// inline: "Ring me on [[phone|07700 900123]] tonight". The markers are taken
// out before scanning; a line without markers is a distractor that must stay
// clean. A finding counts as a true positive when it overlaps an expected
// span of the same entity (each expected span is matched once); "exact"
// counts those whose boundaries are identical.
//
//   eval_personal_data CORPUS [--min-recall R] [--min-precision P]
//                             [--floor ENTITY:R:P]... [--min-confidence C] [--verbose]
//
// --floor sets the minimum recall and precision of one entity (or of "all",
// the total row) on top of the global minimums: the held-out corpora are
// held at what they reach, so a change cannot lower them unnoticed.
//
// Exit status: 0 when every entity reaches the minimums (default 0: report
// only), 1 when one does not, 2 on a usage or corpus error.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policycheck/builtin_rules.hpp"
#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "policycheck/scanner.hpp"
#include "utf8.hpp"

namespace {

using policycheck::Finding;

// Rule ids of the personal-data pack and the entity each one reports. Rules
// not listed (other packs) are ignored.
const std::map<std::string, std::string, std::less<>> kEntityOfRule = {
    {"personal-data/phone-uk", "phone"},
    {"personal-data/phone-international", "phone"},
    {"personal-data/phone-local", "phone"},
    {"personal-data/email", "email"},
    {"personal-data/email-obfuscated", "email"},
    {"personal-data/postcode", "postcode"},
    {"personal-data/street-address", "address"},
    {"personal-data/home-location", "location"},
    {"personal-data/date-of-birth", "dob"},
    {"personal-data/ni-number", "nino"},
    {"personal-data/nhs-number", "nhs"},
    {"personal-data/upn", "upn"},
    {"personal-data/driving-licence", "driving-licence"},
    {"personal-data/passport-number", "passport"},
    {"personal-data/sort-code", "sort-code"},
    {"personal-data/bank-account", "bank-account"},
    {"personal-data/iban", "iban"},
    {"personal-data/payment-card", "card"},
    {"personal-data/ip-address", "ip"},
    {"personal-data/vehicle-registration", "vehicle-registration"},
    {"personal-data/vehicle-registration-pre-2001", "vehicle-registration"},
    {"personal-data/social-handle", "handle"},
    {"personal-data/social-profile-link", "profile"},
};

struct Span {
  std::string entity;
  size_t start = 0;
  size_t end = 0;
};

struct Case {
  int line = 0;
  std::string marked;  // as written in the corpus
  std::string text;    // markers removed
  std::vector<Span> expected;
};

struct Tally {
  int expected = 0;
  int true_positives = 0;
  int exact = 0;
  int false_positives = 0;
  int false_negatives = 0;
  double precision() const {
    const int predicted = true_positives + false_positives;
    return predicted == 0 ? 1.0 : static_cast<double>(true_positives) / predicted;
  }
  double recall() const { return expected == 0 ? 1.0 : static_cast<double>(true_positives) / expected; }
};

// The value of the "text" member of a one-line JSON object. The corpus is
// ours and simple, so this reads just what it needs: a JSON string with its
// escapes (\uXXXX including surrogate pairs).
std::optional<std::string> json_text_member(std::string_view line, std::string& error) {
  const size_t key = line.find("\"text\"");
  if (key == std::string_view::npos) {
    error = "no \"text\" member";
    return std::nullopt;
  }
  size_t i = line.find(':', key + 6);
  if (i == std::string_view::npos) {
    error = "no ':' after \"text\"";
    return std::nullopt;
  }
  i = line.find('"', i);
  if (i == std::string_view::npos) {
    error = "\"text\" is not a string";
    return std::nullopt;
  }
  std::string out;
  for (++i; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') return out;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= line.size()) break;
    switch (line[i]) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        auto hex4 = [&](size_t at, unsigned& value) {
          if (at + 4 > line.size()) return false;
          value = static_cast<unsigned>(std::strtoul(std::string(line.substr(at, 4)).c_str(), nullptr, 16));
          return true;
        };
        unsigned cp = 0;
        if (!hex4(i + 1, cp)) break;
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && line.substr(i + 1, 2) == "\\u") {
          unsigned low = 0;
          if (hex4(i + 3, low)) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        policycheck::utf8::append(out, cp);
        break;
      }
      default: out += line[i]; break;  // \" \\ \/
    }
  }
  error = "unterminated string";
  return std::nullopt;
}

// "a [[phone|0770...]] b" -> text "a 0770... b" and the span of the number.
bool strip_markers(Case& c, std::string& error) {
  const std::string& s = c.marked;
  size_t i = 0;
  while (i < s.size()) {
    const size_t open = s.find("[[", i);
    if (open == std::string::npos) {
      c.text += s.substr(i);
      break;
    }
    c.text += s.substr(i, open - i);
    const size_t bar = s.find('|', open);
    const size_t close = s.find("]]", open);
    if (bar == std::string::npos || close == std::string::npos || bar > close) {
      error = "marker without '|' or ']]'";
      return false;
    }
    Span span;
    span.entity = s.substr(open + 2, bar - open - 2);
    span.start = c.text.size();
    c.text += s.substr(bar + 1, close - bar - 1);
    span.end = c.text.size();
    c.expected.push_back(span);
    i = close + 2;
  }
  return true;
}

bool overlaps(const Span& a, const Span& b) { return a.start < b.end && b.start < a.end; }

struct Options {
  std::string corpus;
  double min_recall = 0;
  double min_precision = 0;
  double min_confidence = 0;
  bool verbose = false;
  struct Floor {
    double recall = 0;
    double precision = 0;
  };
  std::map<std::string, Floor, std::less<>> floors;  // by entity, or "all"
};

std::optional<Options> parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto number = [&](double& out) {
      if (i + 1 >= argc) return false;
      char* end = nullptr;
      out = std::strtod(argv[++i], &end);
      return end && *end == '\0';
    };
    if (arg == "--min-recall") {
      if (!number(o.min_recall)) return std::nullopt;
    } else if (arg == "--min-precision") {
      if (!number(o.min_precision)) return std::nullopt;
    } else if (arg == "--floor") {
      if (i + 1 >= argc) return std::nullopt;
      const std::string spec = argv[++i];
      const size_t a = spec.find(':');
      const size_t b = a == std::string::npos ? a : spec.find(':', a + 1);
      if (b == std::string::npos) return std::nullopt;
      char* end = nullptr;
      Options::Floor f;
      const std::string r = spec.substr(a + 1, b - a - 1), p = spec.substr(b + 1);
      f.recall = std::strtod(r.c_str(), &end);
      if (r.empty() || *end != '\0') return std::nullopt;
      f.precision = std::strtod(p.c_str(), &end);
      if (p.empty() || *end != '\0') return std::nullopt;
      o.floors[spec.substr(0, a)] = f;
    } else if (arg == "--min-confidence") {
      if (!number(o.min_confidence)) return std::nullopt;
    } else if (arg == "--verbose" || arg == "-v") {
      o.verbose = true;
    } else if (!arg.empty() && arg[0] != '-' && o.corpus.empty()) {
      o.corpus = arg;
    } else {
      return std::nullopt;
    }
  }
  if (o.corpus.empty()) return std::nullopt;
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = parse_args(argc, argv);
  if (!options) {
    std::cerr << "usage: eval_personal_data CORPUS.jsonl [--min-recall R] [--min-precision P] "
                 "[--floor ENTITY:R:P]... [--min-confidence C] [--verbose]\n";
    return 2;
  }
  std::ifstream in(options->corpus, std::ios::binary);
  if (!in) {
    std::cerr << options->corpus << ": cannot read the corpus\n";
    return 2;
  }
  std::vector<Case> cases;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string error;
    Case c;
    c.line = line_number;
    auto text = json_text_member(line, error);
    if (text) {
      c.marked = std::move(*text);
      if (strip_markers(c, error)) {
        cases.push_back(std::move(c));
        continue;
      }
    }
    std::cerr << options->corpus << ":" << line_number << ": " << error << "\n";
    return 2;
  }

  for (const Case& c : cases) {
    for (const Span& x : c.expected) {
      bool known = false;
      for (const auto& [rule, entity] : kEntityOfRule) known = known || entity == x.entity;
      if (!known) {
        std::cerr << options->corpus << ":" << c.line << ": unknown entity '" << x.entity << "'\n";
        return 2;
      }
    }
  }

  std::shared_ptr<const policycheck::CompiledPolicy> policy;
  try {
    // Only the built-in personal-data pack: the evaluation measures it, and
    // other packs would only cost compile time.
    policycheck::PolicyLoader loader;
    bool found = false;
    for (const policycheck::EmbeddedFile& file : policycheck::builtin_rule_files()) {
      if (file.path != "personal-data.yaml") continue;
      loader.add_text("builtin:personal-data.yaml", std::string(file.content));
      found = true;
    }
    if (!found) {
      std::cerr << "the built-in policy has no personal-data.yaml\n";
      return 2;
    }
    policycheck::CompileOptions compile;
    compile.use_cache = false;
    policy = policycheck::CompiledPolicy::compile(loader.finish(), compile);
  } catch (const std::exception& e) {
    std::cerr << "policy: " << e.what() << "\n";
    return 2;
  }
  policycheck::ScanOptions scan_options;
  scan_options.min_confidence = options->min_confidence;
  policycheck::Scanner scanner(policy, scan_options);

  std::map<std::string, Tally> tallies;
  for (const auto& [rule, entity] : kEntityOfRule) tallies[entity];
  int distractors = 0;
  std::vector<Finding> findings;
  for (const Case& c : cases) {
    if (c.expected.empty()) ++distractors;
    policycheck::Record record;
    record.path = options->corpus;
    record.text = c.text;
    findings.clear();
    scanner.scan(record, findings);

    // Predictions of one entity that overlap (two rules on one number) count once.
    std::vector<Span> predicted;
    for (const Finding& f : findings) {
      const auto it = kEntityOfRule.find(f.rule);
      if (it == kEntityOfRule.end()) continue;
      Span p{it->second, f.text_start, f.text_end};
      bool merged = false;
      for (Span& q : predicted) {
        if (q.entity == p.entity && overlaps(p, q)) {
          q.start = std::min(q.start, p.start);
          q.end = std::max(q.end, p.end);
          merged = true;
        }
      }
      if (!merged) predicted.push_back(p);
    }

    std::vector<bool> expected_matched(c.expected.size(), false);
    for (const Span& p : predicted) {
      bool matched = false;
      for (size_t e = 0; e < c.expected.size(); ++e) {
        const Span& x = c.expected[e];
        if (expected_matched[e] || x.entity != p.entity || !overlaps(p, x)) continue;
        expected_matched[e] = matched = true;
        Tally& t = tallies[p.entity];
        ++t.true_positives;
        if (x.start == p.start && x.end == p.end) {
          ++t.exact;
        } else if (options->verbose) {
          std::cout << "BOUNDARY " << p.entity << " line " << c.line << ": found '"
                    << c.text.substr(p.start, p.end - p.start) << "', expected '"
                    << c.text.substr(x.start, x.end - x.start) << "'\n";
        }
        break;
      }
      if (!matched) {
        ++tallies[p.entity].false_positives;
        if (options->verbose) {
          std::cout << "FALSE POSITIVE " << p.entity << " line " << c.line << ": '"
                    << c.text.substr(p.start, p.end - p.start) << "' in: " << c.text << "\n";
        }
      }
    }
    for (size_t e = 0; e < c.expected.size(); ++e) {
      Tally& t = tallies[c.expected[e].entity];
      ++t.expected;
      if (!expected_matched[e]) {
        ++t.false_negatives;
        if (options->verbose) {
          std::cout << "MISSED " << c.expected[e].entity << " line " << c.line << ": '"
                    << c.text.substr(c.expected[e].start, c.expected[e].end - c.expected[e].start)
                    << "' in: " << c.text << "\n";
        }
      }
    }
  }

  std::printf("%zu cases (%d distractors) from %s\n\n", cases.size(), distractors, options->corpus.c_str());
  std::printf("| %-20s | %8s | %4s | %4s | %4s | %9s | %6s | %5s |\n", "entity", "expected", "TP", "FP", "FN",
              "precision", "recall", "exact");
  std::printf("|%s|%s|%s|%s|%s|%s|%s|%s|\n", std::string(22, '-').c_str(), std::string(10, '-').c_str(),
              std::string(6, '-').c_str(), std::string(6, '-').c_str(), std::string(6, '-').c_str(),
              std::string(11, '-').c_str(), std::string(8, '-').c_str(), std::string(7, '-').c_str());
  bool ok = true;
  Tally total;
  for (const auto& [entity, t] : tallies) {
    if (t.expected == 0 && t.false_positives == 0) {
      std::cerr << "entity '" << entity << "' has no expected spans in the corpus\n";
      ok = false;
      continue;
    }
    std::printf("| %-20s | %8d | %4d | %4d | %4d | %9.3f | %6.3f | %5d |\n", entity.c_str(), t.expected,
                t.true_positives, t.false_positives, t.false_negatives, t.precision(), t.recall(), t.exact);
    total.expected += t.expected;
    total.true_positives += t.true_positives;
    total.false_positives += t.false_positives;
    total.false_negatives += t.false_negatives;
    total.exact += t.exact;
    if (t.recall() + 1e-9 < options->min_recall || t.precision() + 1e-9 < options->min_precision) ok = false;
    if (const auto f = options->floors.find(entity); f != options->floors.end()) {
      if (t.recall() + 1e-9 < f->second.recall || t.precision() + 1e-9 < f->second.precision) {
        std::fprintf(stderr, "below the floor for %s: recall %.3f (floor %.3f), precision %.3f (floor %.3f)\n",
                     entity.c_str(), t.recall(), f->second.recall, t.precision(), f->second.precision);
        ok = false;
      }
    }
  }
  for (const auto& [entity, f] : options->floors) {
    if (entity != "all" && !tallies.count(entity)) {
      std::cerr << "--floor: no entity '" << entity << "'\n";
      return 2;
    }
  }
  if (const auto f = options->floors.find("all"); f != options->floors.end()) {
    if (total.recall() + 1e-9 < f->second.recall || total.precision() + 1e-9 < f->second.precision) {
      std::fprintf(stderr, "below the floor for all: recall %.3f (floor %.3f), precision %.3f (floor %.3f)\n",
                   total.recall(), f->second.recall, total.precision(), f->second.precision);
      ok = false;
    }
  }
  std::printf("| %-20s | %8d | %4d | %4d | %4d | %9.3f | %6.3f | %5d |\n", "all", total.expected,
              total.true_positives, total.false_positives, total.false_negatives, total.precision(), total.recall(),
              total.exact);
  if (!ok) {
    std::printf("\nFAILED: an entity is below recall %.2f or precision %.2f, or below its --floor\n",
                options->min_recall, options->min_precision);
    return 1;
  }
  return 0;
}
