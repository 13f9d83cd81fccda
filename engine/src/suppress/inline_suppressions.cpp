// Finding and applying inline suppression directives. A directive is found
// by its keyword wherever it stands (plain text line, HTML comment, '#' or
// '//' comment), so it survives formatters moving it around on its line; its
// arguments run to the end of the line or of the comment that holds it.
#include <string.h>

#include <algorithm>
#include <optional>

#include "../locator.hpp"
#include "../utf8.hpp"
#include "policycheck/suppress.hpp"
#include "../ascii_case.hpp"

namespace policycheck {
namespace {

constexpr std::string_view kPrefix = "policycheck-";

enum class Kind { next_line, this_line, disable, enable };

struct Directive {
  Kind kind = Kind::disable;
  std::vector<std::string> names;  // lower case; empty: every rule
  bool all_rules = true;           // false when names were given (even if all unknown)
  std::vector<bool> used;          // per name; used[0] for all-rules
  uint64_t start = 0;              // the keyword, in record text
  uint64_t end = 0;                // end of its arguments
  std::string text;                // the directive as written, for messages
};

// A stretch of text where some rules are off.
struct Region {
  size_t directive = 0;
  uint64_t begin = 0;
  uint64_t end = UINT64_MAX;
  std::vector<std::string> except;  // all-rules region re-enabled for these
};

uint64_t line_end(std::string_view text, uint64_t pos) {
  const size_t nl = text.find('\n', pos);
  return nl == std::string_view::npos ? text.size() : nl;
}

uint64_t line_begin(std::string_view text, uint64_t pos) {
  const size_t nl = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
  return nl == std::string_view::npos ? 0 : nl + 1;
}

// Parses the directive whose "policycheck-" starts at `at`, or nothing when
// the text there is not one.
std::optional<Directive> parse_directive(std::string_view text, uint64_t at) {
  if (at > 0) {
    const char before = text[at - 1];
    if (before == '-' || before == '_' || utf8::word_before(text, at)) return std::nullopt;
  }
  uint64_t pos = at + kPrefix.size();
  static constexpr std::pair<std::string_view, Kind> kKeywords[] = {
      {"disable-next-line", Kind::next_line},
      {"disable-line", Kind::this_line},
      {"disable", Kind::disable},
      {"enable", Kind::enable},
  };
  Directive d;
  bool found = false;
  for (const auto& [word, kind] : kKeywords) {
    if (text.substr(pos, word.size()) == word) {
      const uint64_t after = pos + word.size();
      if (after < text.size() && (text[after] == '-' || utf8::word_at(text, after))) continue;
      d.kind = kind;
      pos = after;
      found = true;
      break;
    }
  }
  if (!found) return std::nullopt;
  d.start = at;
  // Arguments end at the line's end or where the comment holding them closes.
  uint64_t stop = line_end(text, pos);
  for (std::string_view closer : {"-->", "*/"}) {
    const size_t close = text.substr(0, stop).find(closer, pos);
    if (close != std::string_view::npos) stop = close;
  }
  d.end = stop;
  std::string_view args = text.substr(pos, stop - pos);
  if (!args.empty() && args.front() == ':') args.remove_prefix(1);
  // "-- reason" ends the rule list.
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == '-' && args[i + 1] == '-' && (i == 0 || args[i - 1] == ' ' || args[i - 1] == '\t')) {
      args = args.substr(0, i);
      break;
    }
  }
  size_t i = 0;
  while (i < args.size()) {
    while (i < args.size() && (args[i] == ' ' || args[i] == '\t' || args[i] == ',' || args[i] == '\r')) ++i;
    size_t j = i;
    while (j < args.size() && args[j] != ' ' && args[j] != '\t' && args[j] != ',' && args[j] != '\r') ++j;
    if (j > i) d.names.push_back(ascii_lowercase(args.substr(i, j - i)));
    i = j;
  }
  d.all_rules = d.names.empty();
  d.used.assign(std::max<size_t>(d.names.size(), 1), false);
  std::string_view written = text.substr(at, stop - at);
  while (!written.empty() && (written.back() == ' ' || written.back() == '\t' || written.back() == '\r')) {
    written.remove_suffix(1);
  }
  d.text = std::string(written);
  return d;
}

// Index of the name in `d` that covers `finding`, -1 for an all-rules
// directive, or nothing.
std::optional<int> covering_name(const Directive& d, const Finding& f, const std::string& rule,
                                 const std::string& category, const std::string& pack) {
  if (d.all_rules) return -1;
  for (size_t i = 0; i < d.names.size(); ++i) {
    if (d.names[i] == rule || d.names[i] == category || d.names[i] == pack) return static_cast<int>(i);
  }
  (void)f;
  return std::nullopt;
}

Finding meta_finding(const Record& record, const Locator& locator, const Directive& d, std::string_view rule,
                     Severity severity, std::string message) {
  Finding f;
  f.rule = std::string(rule);
  f.category = "suppression";
  f.severity = severity;
  f.confidence = 1.0;
  f.message = std::move(message);
  f.path = std::string(record.path);
  f.record = record.info;
  const auto [from, to] = locator.locate_span(d.start, d.end);
  f.line = from.line;
  f.column = from.column;
  f.end_line = to.line;
  f.end_column = to.column;
  f.byte_start = from.byte;
  f.byte_end = to.byte;
  f.text_start = d.start;
  f.text_end = d.end;
  // The directive is quoted in the message; it is no match to redact.
  const std::string_view line = locator.line_text(d.start);
  f.snippet = std::string(line);
  f.snippet_start = locator.column_in_line(d.start);
  const uint64_t line_start = static_cast<uint64_t>(line.data() - record.text.data());
  f.snippet_end = std::max(f.snippet_start + 1,
                           locator.column_in_line(std::min<uint64_t>(d.end, line_start + line.size())));
  return f;
}

}  // namespace

const EngineRuleText* engine_rule_text(std::string_view rule_id) {
  static constexpr EngineRuleText kUnused{
      "Unused suppression: a policycheck-disable directive that suppressed nothing",
      "A suppression directive (policycheck-disable-next-line, -disable-line or -disable) covered no finding of the "
      "rules it names. Stale suppressions hide the next real problem at that place.",
      "Delete the directive, or correct the rules it names"};
  static constexpr EngineRuleText kUnknown{
      "Unknown rule in a suppression directive",
      "A suppression directive names something that is no rule id, pack or category of the policy, so it "
      "suppresses nothing for that name. Names are matched exactly, without regard to case.",
      "Correct the name; `policycheck rules list` shows every rule id"};
  if (rule_id == kUnusedSuppressionRule) return &kUnused;
  if (rule_id == kUnknownSuppressionRuleRule) return &kUnknown;
  return nullptr;
}

InlineSuppressions::InlineSuppressions(const Policy& policy) {
  for (const Rule& rule : policy.rules) {
    known_.insert(ascii_lowercase(rule.id));
    known_.insert(ascii_lowercase(rule.pack));
    if (!rule.category.empty()) known_.insert(ascii_lowercase(rule.category));
  }
}

bool InlineSuppressions::has_directive(std::string_view text) {
  return ::memmem(text.data(), text.size(), kPrefix.data(), kPrefix.size()) != nullptr;
}

void InlineSuppressions::apply(const Record& record, std::vector<Finding>& findings, size_t first) const {
  const std::string_view text = record.text;
  if (!has_directive(text)) return;

  std::vector<Directive> directives;
  for (const char* hit = static_cast<const char*>(::memmem(text.data(), text.size(), kPrefix.data(), kPrefix.size()));
       hit != nullptr;) {
    const uint64_t at = static_cast<uint64_t>(hit - text.data());
    if (auto d = parse_directive(text, at)) directives.push_back(std::move(*d));
    const uint64_t next = at + kPrefix.size();
    hit = static_cast<const char*>(::memmem(text.data() + next, text.size() - next, kPrefix.data(), kPrefix.size()));
  }
  if (directives.empty()) return;

  // Turn directives into regions of text.
  std::vector<Region> regions;
  std::vector<size_t> open;  // indexes into regions
  for (size_t i = 0; i < directives.size(); ++i) {
    const Directive& d = directives[i];
    switch (d.kind) {
      case Kind::this_line:
        regions.push_back({i, line_begin(text, d.start), line_end(text, d.start), {}});
        break;
      case Kind::next_line: {
        const uint64_t eol = line_end(text, d.end);
        const uint64_t next = std::min<uint64_t>(eol + 1, text.size());
        regions.push_back({i, next, eol >= text.size() ? next : line_end(text, next), {}});
        break;
      }
      case Kind::disable:
        open.push_back(regions.size());
        regions.push_back({i, d.end, UINT64_MAX, {}});
        break;
      case Kind::enable: {
        std::vector<size_t> still_open;
        for (size_t r : open) {
          Region& region = regions[r];
          const Directive& opener = directives[region.directive];
          if (d.all_rules) {
            region.end = d.start;
            continue;
          }
          // Re-enabling some rules: close the region and reopen it for the rest.
          region.end = d.start;
          Region rest{region.directive, d.end, UINT64_MAX, region.except};
          if (opener.all_rules) {
            rest.except.insert(rest.except.end(), d.names.begin(), d.names.end());
          } else {
            bool any_left = false;
            for (const std::string& name : opener.names) {
              if (std::find(d.names.begin(), d.names.end(), name) == d.names.end()) any_left = true;
              else rest.except.push_back(name);
            }
            if (!any_left) continue;
          }
          still_open.push_back(regions.size());
          regions.push_back(std::move(rest));
        }
        open = std::move(still_open);
        break;
      }
    }
  }

  // Drop covered findings, remembering which directive names were used.
  size_t kept = first;
  for (size_t i = first; i < findings.size(); ++i) {
    Finding& f = findings[i];
    const std::string rule = ascii_lowercase(f.rule);
    const std::string category = ascii_lowercase(f.category);
    const std::string pack = rule.substr(0, rule.find('/'));
    bool suppressed = false;
    for (const Region& region : regions) {
      if (f.text_start < region.begin || f.text_start >= region.end) continue;
      if (std::find(region.except.begin(), region.except.end(), rule) != region.except.end() ||
          std::find(region.except.begin(), region.except.end(), category) != region.except.end()) {
        continue;
      }
      Directive& d = directives[region.directive];
      if (auto name = covering_name(d, f, rule, category, pack)) {
        d.used[*name < 0 ? 0 : static_cast<size_t>(*name)] = true;
        suppressed = true;
      }
    }
    if (!suppressed) {
      if (kept != i) findings[kept] = std::move(f);
      ++kept;
    }
  }
  findings.resize(kept);

  Locator locator(record);
  for (const Directive& d : directives) {
    if (d.kind == Kind::enable) continue;
    for (size_t n = 0; n < d.names.size(); ++n) {
      if (!known_.count(d.names[n])) {
        findings.push_back(meta_finding(record, locator, d, kUnknownSuppressionRuleRule, Severity::warning,
                                        "Unknown rule '" + d.names[n] +
                                            "' in a suppression: no rule, pack or category has that name"));
      }
    }
    if (d.all_rules) {
      if (!d.used[0]) {
        findings.push_back(meta_finding(record, locator, d, kUnusedSuppressionRule, Severity::info,
                                        "Unused suppression: '" + d.text + "' suppressed nothing"));
      }
      continue;
    }
    for (size_t n = 0; n < d.names.size(); ++n) {
      if (!d.used[n] && known_.count(d.names[n])) {
        findings.push_back(meta_finding(record, locator, d, kUnusedSuppressionRule, Severity::info,
                                        "Unused suppression: '" + d.text + "' suppressed no '" + d.names[n] +
                                            "' finding"));
      }
    }
  }
  // Keep the record's findings in text order, meta findings included.
  std::stable_sort(findings.begin() + static_cast<std::ptrdiff_t>(first), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.text_start < b.text_start; });
}

}  // namespace policycheck
