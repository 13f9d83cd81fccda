// Which findings become which edits, and applying them.
#include <algorithm>

#include "policycheck/fix.hpp"

namespace policycheck {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = text[text.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

std::string escape_for(std::string_view text, FixMarkup markup) {
  if (markup != FixMarkup::html) return std::string(text);
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

}  // namespace

FixMarkup fix_markup_for(std::string_view path) {
  if (ends_with(path, ".md") || ends_with(path, ".markdown")) return FixMarkup::markdown;
  if (ends_with(path, ".html") || ends_with(path, ".htm")) return FixMarkup::html;
  return FixMarkup::text;
}

std::string removal_marker(std::string_view rule_id) {
  // What the reader of the fixed text sees in place of the data: a plain
  // name for the kind of data, from the rule's last id segment.
  static constexpr std::pair<std::string_view, std::string_view> kKinds[] = {
      {"phone", "phone number"}, {"email", "email address"}, {"postcode", "postcode"},
      {"address", "address"},    {"birth", "date of birth"}, {"dob", "date of birth"},
      {"nhs", "NHS number"},     {"nino", "National Insurance number"},
      {"upn", "pupil number"},   {"uln", "learner number"}, {"card", "card number"},
      {"iban", "bank details"},  {"sort-code", "bank details"}, {"account", "bank details"},
      {"name", "name"},          {"location", "location"}, {"password", "log-in details"},
      {"credential", "log-in details"}, {"social", "social media handle"}, {"handle", "social media handle"},
  };
  const std::string_view what = rule_id.substr(rule_id.rfind('/') == std::string_view::npos ? 0 : rule_id.rfind('/') + 1);
  for (const auto& [key, kind] : kKinds) {
    if (what.find(key) != std::string_view::npos) return "[" + std::string(kind) + " removed]";
  }
  return "[personal data removed]";
}

FixPlan plan_fixes(std::string_view source, const std::vector<Finding>& findings, FixMarkup markup) {
  FixPlan plan;
  std::vector<FixEdit> candidates;
  for (const Finding& f : findings) {
    std::string replacement;
    if (!f.replacement.empty()) replacement = escape_for(f.replacement, markup);
    else if (f.personal_data) replacement = escape_for(removal_marker(f.rule), markup);
    const bool in_source = f.byte_end > f.byte_start && f.byte_end <= source.size() &&
                           source.substr(f.byte_start, f.byte_end - f.byte_start) == f.match;
    if (replacement.empty() || !in_source) {
      plan.left_for_a_person.push_back(f);
      continue;
    }
    candidates.push_back({f.byte_start, f.byte_end, std::move(replacement), f.rule});
  }
  // Overlapping findings (a name inside an address): the earlier, longer one wins.
  std::sort(candidates.begin(), candidates.end(), [](const FixEdit& a, const FixEdit& b) {
    if (a.byte_start != b.byte_start) return a.byte_start < b.byte_start;
    return a.byte_end > b.byte_end;
  });
  uint64_t covered = 0;
  for (FixEdit& edit : candidates) {
    if (edit.byte_start < covered) continue;
    covered = edit.byte_end;
    plan.edits.push_back(std::move(edit));
  }
  return plan;
}

std::string apply_fixes(std::string_view source, const std::vector<FixEdit>& edits) {
  std::string out;
  out.reserve(source.size());
  uint64_t pos = 0;
  for (const FixEdit& edit : edits) {
    out.append(source.substr(pos, edit.byte_start - pos));
    out += edit.replacement;
    pos = edit.byte_end;
  }
  out.append(source.substr(pos));
  return out;
}

}  // namespace policycheck
