// libFuzzer target: any bytes as a policy pack. The loader must either load
// or throw PolicyError; compiling what loads must either work or throw
// PolicyError. Never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;  // bigger packs add nothing but time
  const std::string yaml(reinterpret_cast<const char*>(data), size);
  try {
    policycheck::PolicyLoader loader;
    loader.add_text("fuzz.yaml", yaml);
    policycheck::Policy policy = loader.finish();
    policycheck::CompileOptions options;
    options.use_cache = false;
    // Well inside the fuzzer's -timeout: a runaway Hyperscan compile is a
    // PolicyError here (tests/fuzz/regressions/policy_loader), not a hang.
    options.compile_timeout_seconds = 5;
    policycheck::CompiledPolicy::compile(std::move(policy), options);
  } catch (const policycheck::PolicyError&) {
  }
  return 0;
}
