#include "variables.hpp"

#include <algorithm>

#include "regex_text.hpp"

namespace policycheck {
namespace {

constexpr size_t kMaxExpansion = 200000;  // guards against combinatorial blow-up

struct Expander {
  const Policy& policy;
  std::vector<PolicyIssue>& issues;
  const Rule& rule;

  const std::vector<std::string>* lookup(const std::string& name) {
    auto it = policy.variables.find(name);
    if (it == policy.variables.end()) {
      issues.push_back({rule.location, rule.id, "unknown variable '${" + name + "}'"});
      return nullptr;
    }
    return &it->second;
  }

  // Splits "a ${x} b" into the parts before and after the first reference.
  static bool first_reference(const std::string& text, size_t& open, size_t& close, std::string& name) {
    open = text.find("${");
    if (open == std::string::npos) return false;
    close = text.find('}', open);
    if (close == std::string::npos) return false;
    name = text.substr(open + 2, close - open - 2);
    return true;
  }

  void expand_list(std::vector<std::string>& items) {
    std::vector<std::string> out;
    std::vector<std::string> work(items.rbegin(), items.rend());
    while (!work.empty()) {
      std::string item = std::move(work.back());
      work.pop_back();
      size_t open = 0, close = 0;
      std::string name;
      if (!first_reference(item, open, close, name)) {
        out.push_back(std::move(item));
        continue;
      }
      const auto* values = lookup(name);
      if (!values) return;
      if (out.size() + work.size() + values->size() > kMaxExpansion) {
        issues.push_back({rule.location, rule.id, "variables expand to more than 200000 items"});
        return;
      }
      // Values without references of their own (a lexicon's thousands of
      // words) are final: they go straight to the output, in order, as
      // the work stack would have put them there.
      const bool values_final = std::none_of(values->begin(), values->end(), [](const std::string& v) {
        return v.find("${") != std::string::npos;
      });
      if (values_final && open == 0 && close + 1 == item.size()) {
        out.insert(out.end(), values->begin(), values->end());
        continue;
      }
      for (auto it = values->rbegin(); it != values->rend(); ++it) {
        work.push_back(item.substr(0, open) + *it + item.substr(close + 1));
      }
    }
    items = std::move(out);
  }

  void expand_patterns(MatchSpec& spec) {
    std::vector<std::string> patterns;
    std::vector<SourceLocation> locations;
    for (size_t i = 0; i < spec.patterns.size(); ++i) {
      std::string pattern = spec.patterns[i];
      bool dropped = false;
      size_t open = 0, close = 0;
      std::string name;
      while (first_reference(pattern, open, close, name)) {
        const auto* values = lookup(name);
        if (!values) return;
        if (values->empty()) {
          dropped = true;
          break;
        }
        std::string alternation = "(?:";
        for (size_t v = 0; v < values->size(); ++v) {
          if (v) alternation += '|';
          alternation += term_to_regex((*values)[v]);
        }
        alternation += ')';
        pattern = pattern.substr(0, open) + alternation + pattern.substr(close + 1);
      }
      if (dropped) continue;
      patterns.push_back(std::move(pattern));
      locations.push_back(i < spec.pattern_locations.size() ? spec.pattern_locations[i] : rule.location);
    }
    spec.patterns = std::move(patterns);
    spec.pattern_locations = std::move(locations);
  }
};

}  // namespace

void interpolate_variables(Policy& policy, std::vector<PolicyIssue>& issues) {
  for (Rule& rule : policy.rules) {
    Expander expander{policy, issues, rule};
    for (MatchSpec* spec : {&rule.match, &rule.required, &rule.allow, &rule.near.partner}) {
      expander.expand_list(spec->terms);
      expander.expand_patterns(*spec);
    }
    expander.expand_list(rule.exceptions);
    expander.expand_list(rule.context.words);
    expander.expand_list(rule.unless.words);
    expander.expand_list(rule.near.not_between);
    expander.expand_list(rule.near.hedges);
    for (auto* list : {&rule.names.given_names, &rule.names.ordinary_words, &rule.names.not_names,
                       &rule.names.not_surnames, &rule.names.titles}) {
      expander.expand_list(*list);
    }
  }
}

}  // namespace policycheck
