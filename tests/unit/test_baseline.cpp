// Baseline files: stable bytes, counts, and clear errors.
#include <catch2/catch.hpp>

#include "policycheck/baseline.hpp"

using namespace policycheck;

namespace {

Finding with_fingerprint(const std::string& fingerprint) {
  Finding f;
  f.fingerprint = fingerprint;
  return f;
}

}  // namespace

TEST_CASE("a baseline is sorted, has no timestamps and round-trips") {
  const std::string text = Baseline::serialise({{"v1:bb", 1}, {"v1:aa", 2}});
  CHECK(text == "{\n  \"policycheck_baseline\": 1,\n  \"fingerprints\": {\n    \"v1:aa\": 2,\n    \"v1:bb\": 1\n  }\n}\n");
  Baseline baseline = Baseline::parse(text, "b.json");
  CHECK(baseline.size() == 3);
  CHECK(baseline.absorb(with_fingerprint("v1:aa")));
  CHECK(baseline.absorb(with_fingerprint("v1:aa")));
  CHECK_FALSE(baseline.absorb(with_fingerprint("v1:aa")));  // a third copy is new
  CHECK_FALSE(baseline.absorb(with_fingerprint("v1:cc")));
  CHECK(baseline.unused() == 1);
  CHECK(Baseline::serialise({}) == "{\n  \"policycheck_baseline\": 1,\n  \"fingerprints\": {}\n}\n");
}

TEST_CASE("bad baseline files are refused with file and line") {
  CHECK_THROWS_WITH(Baseline::parse("[1, 2]", "b.json"), Catch::Contains("b.json") && Catch::Contains("not a baseline"));
  CHECK_THROWS_WITH(Baseline::parse("{\"fingerprints\": {}}", "b.json"), Catch::Contains("policycheck_baseline"));
  CHECK_THROWS_WITH(Baseline::parse("{\"policycheck_baseline\": 1,\n \"fingerprints\": {\"v1:a\": -1}}", "b.json"),
                    Catch::Contains("b.json:2:") && Catch::Contains("positive whole number"));
  CHECK_THROWS_WITH(Baseline::parse("{\"policycheck_baseline\": 7}", "b.json"), Catch::Contains("not supported"));
}
