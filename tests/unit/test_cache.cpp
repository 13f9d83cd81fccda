// The compiled-database cache: a second compile of the same policy loads
// from disk, the file is private, and a corrupt file is ignored.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

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
