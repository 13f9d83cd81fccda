// Hyperscan compiles in a child process so that a policy that would take
// minutes to compile is stopped at --compile-timeout instead of hanging.
#include <catch2/catch.hpp>

#include "bounded_compile.hpp"
#include "test_support.hpp"

using namespace policycheck;

TEST_CASE("a database compiled in the child process scans like a normal one") {
  const std::vector<const char*> expressions = {"alpha", "b[0-9]+c"};
  const std::vector<unsigned> flags = {HS_FLAG_CASELESS, 0};
  const std::vector<unsigned> ids = {0, 1};
  BoundedCompileResult result = compile_bounded(expressions, flags, ids, 60);
  REQUIRE(result.database != nullptr);
  hs_scratch_t* scratch = nullptr;
  REQUIRE(hs_alloc_scratch(result.database, &scratch) == HS_SUCCESS);
  int hits = 0;
  const std::string text = "ALPHA b123c";
  hs_scan(result.database, text.data(), static_cast<unsigned>(text.size()), 0, scratch,
          [](unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
            ++*static_cast<int*>(ctx);
            return 0;
          },
          &hits);
  CHECK(hits == 2);
  hs_free_scratch(scratch);
  hs_free_database(result.database);
}

TEST_CASE("Hyperscan's refusal names the failing pattern") {
  const std::vector<const char*> expressions = {"fine", "a\\Z(?<=b)"};
  const std::vector<unsigned> flags = {0, 0};
  const std::vector<unsigned> ids = {0, 1};
  const BoundedCompileResult result = compile_bounded(expressions, flags, ids, 60);
  CHECK(result.database == nullptr);
  CHECK_FALSE(result.timed_out);
  CHECK(result.failed_expression == 1);
  CHECK_FALSE(result.error.empty());
}

TEST_CASE("a compile that outlives the limit is stopped and reported") {
  std::vector<std::string> storage;
  for (int i = 0; i < 400; ++i) storage.push_back("w" + std::to_string(i) + "[a-z]{2,9}q\\d{1,5}");
  std::vector<const char*> expressions;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < storage.size(); ++i) {
    expressions.push_back(storage[i].c_str());
    flags.push_back(HS_FLAG_CASELESS);
    ids.push_back(static_cast<unsigned>(i));
  }
  const BoundedCompileResult result = compile_bounded(expressions, flags, ids, 0.001);
  CHECK(result.database == nullptr);
  CHECK(result.timed_out);
}

TEST_CASE("the policy compiler turns a timeout into a policy error") {
  PolicyLoader loader;
  std::string yaml = "pack: t\nrules:\n  - id: t/a\n    kind: pattern\n    message: m\n    patterns:\n";
  for (int i = 0; i < 300; ++i) yaml += "      - 'x" + std::to_string(i) + "[a-z]{2,9}q\\d{1,5}'\n";
  loader.add_text("t.yaml", yaml);
  CompileOptions options;
  options.use_cache = false;
  options.compile_timeout_seconds = 0.001;
  try {
    CompiledPolicy::compile(loader.finish(), options);
    FAIL("expected a PolicyError");
  } catch (const PolicyError& e) {
    CHECK(std::string(e.what()).find("--compile-timeout") != std::string::npos);
  }
}
