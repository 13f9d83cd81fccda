// libFuzzer target: any bytes as a roster CSV. parse_roster must return a
// roster or throw RosterError, never crash or hang; a roster that parses
// must compile into the names rule (every name form becomes a literal
// Hyperscan pattern, so no cell may break the pattern syntax) and the
// compiled rule must scan the roster's own text without tripping the
// scanner's invariants.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "policycheck/roster.hpp"
#include "policycheck/scanner.hpp"

namespace {

constexpr const char* kNamesPack = R"(pack: fuzz
rules:
  - id: fuzz/full-name
    kind: names
    detect: roster-full-names
    message: m
  - id: fuzz/consent
    kind: names
    detect: roster-consent
    message: m
)";

// Compiling costs milliseconds per pupil; a handful covers the name forms.
constexpr size_t kMaxPupilsToCompile = 6;

void compile_and_scan(const policycheck::Roster& roster, std::string_view text) {
  policycheck::PolicyLoader loader;
  loader.add_text("fuzz.yaml", kNamesPack);
  policycheck::Policy policy = loader.finish();
  policy.roster = std::make_shared<const policycheck::Roster>(roster);
  for (policycheck::Rule& rule : policy.rules) rule.names.roster = policy.roster;
  policycheck::CompileOptions options;
  options.use_cache = false;
  options.compile_timeout_seconds = 5;  // well inside the fuzzer's -timeout
  std::shared_ptr<const policycheck::CompiledPolicy> compiled;
  try {
    compiled = policycheck::CompiledPolicy::compile(std::move(policy), options);
  } catch (const policycheck::PolicyError& e) {
    // A roster that loaded must compile: names are literals, never syntax.
    std::fprintf(stderr, "roster loaded but did not compile:\n%s\n", e.what());
    std::abort();
  }
  policycheck::Scanner scanner(compiled);
  policycheck::Record record;
  record.path = "fuzz";
  record.text = text;
  std::vector<policycheck::Finding> findings;
  scanner.scan(record, findings);
  for (const policycheck::Finding& f : findings) {
    if (f.text_start >= f.text_end || f.text_end > text.size()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  policycheck::Roster roster;
  try {
    roster = policycheck::parse_roster(text, "fuzz.csv");
  } catch (const policycheck::RosterError& e) {
    if (e.source() != "fuzz.csv" || e.issues().empty()) std::abort();
    return 0;
  }
  for (const policycheck::Pupil& pupil : roster.pupils) {
    // Every pupil has the two names the full-name forms are built from.
    if (pupil.forename.empty() || pupil.surname.empty()) std::abort();
  }
  if (!roster.pupils.empty() && roster.pupils.size() <= kMaxPupilsToCompile) compile_and_scan(roster, text);
  return 0;
}
