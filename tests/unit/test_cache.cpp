// The compiled-database cache: a second compile of the same policy loads
// from disk, the file is private, a corrupt file is ignored, and what the
// file holds besides the databases (the scan groups and the literal gate,
// cached_scan_groups.hpp) is exactly what compiling derives.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "compiled_policy_data.hpp"
#include "test_support.hpp"

using namespace policycheck;
namespace fs = std::filesystem;

namespace {
const char* kPack = "pack: t\nrules:\n  - id: t/w\n    kind: terms\n    message: m\n    terms: [alpha, beta]\n";

std::shared_ptr<const CompiledPolicy> compile_cached(const fs::path& dir) {
  PolicyLoader loader;
  loader.add_text("t.yaml", kPack);
  CompileOptions options;
  options.cache_dir = dir;
  return CompiledPolicy::compile(loader.finish(), options);
}
}  // namespace

TEST_CASE("the second compile comes from a private cache file") {
  const fs::path dir = fs::temp_directory_path() / ("pc-cache-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto first = compile_cached(dir);
  CHECK_FALSE(first->stats().from_cache);
  auto second = compile_cached(dir);
  CHECK(second->stats().from_cache);
  CHECK(second->stats().cache_key == first->stats().cache_key);
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    ++files;
    struct stat st {};
    REQUIRE(::stat(entry.path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
  CHECK(files == 1);
  struct stat dir_stat {};
  REQUIRE(::stat(dir.c_str(), &dir_stat) == 0);
  CHECK((dir_stat.st_mode & 0777) == 0700);
  // Both find the same things.
  CHECK(policycheck::testing::scan_text(second, "alpha and beta").size() == 2);

  // A corrupt cache file is ignored and replaced.
  for (const auto& entry : fs::directory_iterator(dir)) std::ofstream(entry.path()) << "garbage";
  auto third = compile_cached(dir);
  CHECK_FALSE(third->stats().from_cache);
  CHECK(policycheck::testing::scan_text(third, "alpha").size() == 1);
  CHECK(compile_cached(dir)->stats().from_cache);
  // So is a file cut short, never half read.
  for (const auto& entry : fs::directory_iterator(dir)) fs::resize_file(entry.path(), fs::file_size(entry.path()) / 2);
  CHECK_FALSE(compile_cached(dir)->stats().from_cache);
  CHECK(compile_cached(dir)->stats().from_cache);
  fs::remove_all(dir);
}

TEST_CASE("a different policy gets a different cache key") {
  PolicyLoader a, b;
  a.add_text("t.yaml", kPack);
  b.add_text("t.yaml", "pack: t\nrules:\n  - id: t/w\n    kind: terms\n    message: m\n    terms: [alpha]\n");
  CompileOptions options;
  options.use_cache = false;
  auto pa = CompiledPolicy::compile(a.finish(), options);
  auto pb = CompiledPolicy::compile(b.finish(), options);
  CHECK(pa->stats().cache_key != pb->stats().cache_key);
}

TEST_CASE("the built-in policy from the cache has the scan groups and literal gate it was compiled with") {
  const fs::path dir = fs::temp_directory_path() / ("pc-cache-groups-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto compile = [&] {
    PolicyLoader loader;
    loader.add_builtin();
    CompileOptions options;
    options.cache_dir = dir;
    return CompiledPolicy::compile(loader.finish(), options);
  };
  const auto cold = compile();
  const auto warm = compile();
  REQUIRE_FALSE(cold->stats().from_cache);
  REQUIRE(warm->stats().from_cache);
  const CompiledPolicyData& a = cold->data();
  const CompiledPolicyData& b = warm->data();
  REQUIRE(a.patterns.size() == b.patterns.size());
  size_t differing_patterns = 0;
  for (size_t i = 0; i < a.patterns.size(); ++i) {
    const PatternEntry& p = a.patterns[i];
    const PatternEntry& q = b.patterns[i];
    if (p.min_width != q.min_width || p.max_width != q.max_width || p.group != q.group ||
        p.gate_formula != q.gate_formula || p.gate_subgroup != q.gate_subgroup) {
      ++differing_patterns;
    }
  }
  CHECK(differing_patterns == 0);
  for (size_t g = 0; g < a.groups.size(); ++g) {
    INFO("scan group " << g);
    CHECK(a.groups[g].max_width == b.groups[g].max_width);
    CHECK(a.groups[g].min_digit_run == b.groups[g].min_digit_run);
    CHECK(a.groups[g].min_digits == b.groups[g].min_digits);
    CHECK(a.groups[g].alphabet == b.groups[g].alphabet);
    CHECK(a.groups[g].needed == b.groups[g].needed);
    CHECK((a.groups[g].database != nullptr) == (b.groups[g].database != nullptr));
  }
  CHECK(a.folded_literals == b.folded_literals);
  CHECK(a.folded_literal_word_bounded == b.folded_literal_word_bounded);
  const LiteralGate& x = a.literal_gate;
  const LiteralGate& y = b.literal_gate;
  CHECK(x.atoms == y.atoms);
  CHECK(x.clauses_in_formula == y.clauses_in_formula);
  CHECK(x.formula_of_clause == y.formula_of_clause);
  CHECK(x.clauses_of_atom == y.clauses_of_atom);
  CHECK(x.formula_text == y.formula_text);
  CHECK(x.subgroups_of_formula == y.subgroups_of_formula);
  REQUIRE(x.subgroups.size() == y.subgroups.size());
  for (size_t s = 0; s < x.subgroups.size(); ++s) {
    CHECK(x.subgroups[s].rule == y.subgroups[s].rule);
    CHECK(y.subgroups[s].database != nullptr);
  }
  // The built-in policy uses every kind of group, so none of the above
  // compares empty lists only.
  CHECK_FALSE(x.atoms.empty());
  CHECK_FALSE(a.folded_literals.empty());
  CHECK(a.groups[kNearDigitsFirst].max_width > 0);
  fs::remove_all(dir);
}
