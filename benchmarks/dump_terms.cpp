// Writes the literal terms of a policy's `terms` rules, one per line, sorted
// and without duplicates: the list compare.sh hands to ripgrep and ugrep
// (-F -w -i -f) so they look for the same words as the engines. Evasion
// variants (leet, stretched letters, separators) are compile-time patterns,
// not terms, and have no fixed-string equivalent, so they are not written.
//
//   dump_terms [--policy FILE]... [--no-default-policy] > terms.txt
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "policycheck/policy_loader.hpp"

using namespace policycheck;

int main(int argc, char** argv) {
  std::vector<std::string> policies;
  bool builtin = true;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--policy" && i + 1 < argc) policies.push_back(argv[++i]);
    else if (arg == "--no-default-policy") builtin = false;
    else {
      std::cerr << "usage: dump_terms [--policy FILE]... [--no-default-policy]\n";
      return 2;
    }
  }
  try {
    PolicyLoader loader;
    if (builtin) loader.add_builtin();
    for (const auto& p : policies) loader.add_file(p);
    const Policy policy = loader.finish();
    std::vector<std::string> terms;
    for (const Rule& rule : policy.rules) {
      if (rule.kind != RuleKind::terms) continue;
      for (const std::string& term : rule.match.terms) {
        if (!term.empty()) terms.push_back(term);
      }
    }
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    for (const std::string& term : terms) std::cout << term << '\n';
  } catch (const PolicyError& e) {
    for (const auto& issue : e.issues()) std::cerr << "dump_terms: " << issue.to_string() << '\n';
    return 2;
  }
  return 0;
}
