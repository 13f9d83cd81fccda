#include "policycheck/policy.hpp"

namespace policycheck {

std::string_view to_string(RuleKind kind) {
  switch (kind) {
    case RuleKind::terms: return "terms";
    case RuleKind::pattern: return "pattern";
    case RuleKind::require: return "require";
    case RuleKind::names: return "names";
    case RuleKind::near: return "near";
  }
  return "terms";
}

const Rule* Policy::find_rule(std::string_view id) const {
  for (const Rule& rule : rules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

}  // namespace policycheck
