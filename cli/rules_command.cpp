// `policycheck rules list|explain ID|test [PACK...]`: look at and test the
// rules a policy is made of.
#include "rules_command.hpp"

#include <fmt/format.h>

#include <iostream>

#include "policycheck/rule_tester.hpp"

namespace policycheck::cli {
namespace {

int list_rules(const RulesOptions& o) {
  auto policy = o.policy.load();
  if (!policy) return kExitError;
  const Policy& p = policy->policy();
  size_t width = 4;
  for (const Rule& r : p.rules) width = std::max(width, r.id.size());
  std::cout << fmt::format("{:<{}}  {:<8}  {:<7}  {}\n", "RULE", width, "KIND", "LEVEL", "MESSAGE");
  for (const Rule& r : p.rules) {
    std::cout << fmt::format("{:<{}}  {:<8}  {:<7}  {}\n", r.id, width, to_string(r.kind), to_string(r.severity),
                             r.message);
  }
  std::cout << fmt::format("{} rules in {} packs\n", p.rules.size(), p.packs.size());
  return kExitClean;
}

void print_list(const char* label, const std::vector<std::string>& items, size_t limit = 12) {
  if (items.empty()) return;
  std::cout << "  " << label << " (" << items.size() << "):";
  for (size_t i = 0; i < items.size() && i < limit; ++i) std::cout << (i ? ", " : " ") << '"' << items[i] << '"';
  if (items.size() > limit) std::cout << ", ...";
  std::cout << '\n';
}

int explain_rule(const RulesOptions& o) {
  auto policy = o.policy.load();
  if (!policy) return kExitError;
  const Rule* r = policy->policy().find_rule(o.explain_id);
  if (!r) {
    print_error("no rule '" + o.explain_id + "' (see `policycheck rules list`)");
    return kExitError;
  }
  std::cout << r->id << "\n  kind: " << to_string(r->kind) << "\n  severity: " << to_string(r->severity)
            << "\n  category: " << r->category << "\n  message: " << r->message << '\n';
  if (!r->description.empty()) std::cout << "  description: " << r->description << '\n';
  if (!r->policy_ref.empty()) std::cout << "  policy clause: \"" << r->policy_ref << "\"\n";
  if (!r->suggest.empty()) std::cout << "  suggestion: " << r->suggest << '\n';
  std::cout << "  confidence: " << r->confidence << '\n';
  print_list(r->kind == RuleKind::require ? "trigger terms" : "terms", r->match.terms);
  print_list(r->kind == RuleKind::require ? "trigger patterns" : "patterns", r->match.patterns);
  print_list("required terms", r->required.terms);
  print_list("required patterns", r->required.patterns);
  print_list("exceptions", r->exceptions);
  if (!r->validator.empty()) std::cout << "  validator: " << r->validator << '\n';
  print_list("context", r->context.words);
  print_list("unless", r->unless.words);
  print_list("examples that must match", r->tests.match, 100);
  print_list("examples that must not match", r->tests.no_match, 100);
  std::cout << "  defined at: " << r->location.file << ':' << r->location.line << '\n';
  return kExitClean;
}

int test_rules(const RulesOptions& o) {
  auto policy = o.policy.load();
  if (!policy) return kExitError;
  for (const std::string& pack : o.packs) {
    bool known = false;
    for (const Pack& p : policy->policy().packs) known |= p.name == pack;
    if (!known) {
      print_error("no pack '" + pack + "'");
      return kExitError;
    }
  }
  const RuleTestResult result = run_rule_tests(policy, o.packs);
  for (const RuleTestFailure& f : result.failures) {
    std::cout << "FAIL " << f.rule << ": " << (f.expected_match ? "match" : "no_match") << " example \""
              << f.example << "\": " << f.detail << '\n';
  }
  for (const std::string& id : result.untested_rules) std::cout << "note: " << id << " has no tests\n";
  const size_t failed = result.failures.size();
  std::cout << fmt::format("{} rules tested, {} examples\n{} passed, {} failed\n", result.rules_tested,
                           result.examples, result.examples - failed, failed);
  return failed ? kExitFindings : kExitClean;
}

}  // namespace

void add_rules_command(CLI::App& app, RulesOptions& o, std::function<int()>& run) {
  CLI::App* rules = app.add_subcommand("rules", "List, explain and test the rules of a policy");
  rules->require_subcommand(1);
  CLI::App* list = rules->add_subcommand("list", "List every rule of the policy");
  o.policy.add_to(*list);
  list->callback([&] { run = [&] { return list_rules(o); }; });
  CLI::App* explain = rules->add_subcommand("explain", "Show everything about one rule");
  o.policy.add_to(*explain);
  explain->add_option("id", o.explain_id, "Rule id, e.g. personal-data/phone-uk")->required();
  explain->callback([&] { run = [&] { return explain_rule(o); }; });
  CLI::App* test = rules->add_subcommand("test", "Run the examples written in each rule's tests:");
  o.policy.add_to(*test);
  test->add_option("packs", o.packs, "Packs to test (default: all)");
  test->callback([&] { run = [&] { return test_rules(o); }; });
}

}  // namespace policycheck::cli
