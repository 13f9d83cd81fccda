// The policy cache (engine/src/policy_cache.hpp): a start whose inputs are
// unchanged takes the loaded policy from the cache file, field for field
// what parsing the packs gives; a changed lexicon or roster, or a corrupt or
// cut-short file, is a miss, never a stale or half-read policy.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "compiled_policy_data.hpp"
#include "test_support.hpp"

using namespace policycheck;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// The options a start uses with this loader's inputs; the key is the
// policy cache's.
CompileOptions options_for(const PolicyLoader& loader, const fs::path& cache) {
  CompileOptions options;
  options.cache_dir = cache;
  options.policy_key = policy_cache_key(loader, "");
  return options;
}

// A cold start: parse, compile, store the policy for the next start.
std::shared_ptr<const CompiledPolicy> cold_start(PolicyLoader& loader, const fs::path& cache) {
  CompileOptions options = options_for(loader, cache);
  Policy policy = loader.finish();
  options.policy_files = loader.files_read();
  return CompiledPolicy::compile(std::move(policy), options);
}

std::vector<fs::path> policy_files(const fs::path& cache) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(cache)) {
    if (entry.path().extension() == ".pcpol") files.push_back(entry.path());
  }
  return files;
}

void check_same(const SourceLocation& a, const SourceLocation& b) {
  CHECK(a.file == b.file);
  CHECK(a.line == b.line);
  CHECK(a.column == b.column);
}

void check_same(const MatchSpec& a, const MatchSpec& b) {
  CHECK(a.terms == b.terms);
  CHECK(a.patterns == b.patterns);
  CHECK(a.case_sensitive == b.case_sensitive);
  CHECK(a.word_boundary == b.word_boundary);
  REQUIRE(a.pattern_locations.size() == b.pattern_locations.size());
  for (size_t i = 0; i < a.pattern_locations.size(); ++i) check_same(a.pattern_locations[i], b.pattern_locations[i]);
  CHECK(a.evasion.stretch == b.evasion.stretch);
  CHECK(a.evasion.leet == b.evasion.leet);
  CHECK(a.evasion.separators == b.evasion.separators);
  CHECK(a.evasion.masks == b.evasion.masks);
  CHECK(a.evasion.unicode == b.evasion.unicode);
}

void check_same(const ContextSpec& a, const ContextSpec& b) {
  CHECK(a.words == b.words);
  CHECK(a.window == b.window);
  CHECK(a.before == b.before);
  CHECK(a.after == b.after);
  CHECK(a.required == b.required);
}

// Every field of the policy model (policy.hpp); the rosters compared by
// what they hold and by being the policy's own.
void check_same(const Policy& a, const Policy& b) {
  REQUIRE(a.packs.size() == b.packs.size());
  for (size_t i = 0; i < a.packs.size(); ++i) {
    CHECK(a.packs[i].name == b.packs[i].name);
    CHECK(a.packs[i].description == b.packs[i].description);
    CHECK(a.packs[i].source == b.packs[i].source);
  }
  CHECK(a.variables == b.variables);
  CHECK(a.notices == b.notices);
  REQUIRE((a.roster == nullptr) == (b.roster == nullptr));
  if (a.roster) {
    CHECK(a.roster->sources == b.roster->sources);
    CHECK(a.roster->has_consent_column == b.roster->has_consent_column);
    REQUIRE(a.roster->pupils.size() == b.roster->pupils.size());
    for (size_t i = 0; i < a.roster->pupils.size(); ++i) {
      const Pupil& p = a.roster->pupils[i];
      const Pupil& q = b.roster->pupils[i];
      CHECK(p.forename == q.forename);
      CHECK(p.preferred == q.preferred);
      CHECK(p.middle_names == q.middle_names);
      CHECK(p.surname == q.surname);
      CHECK(p.year == q.year);
      CHECK(p.form == q.form);
      CHECK(p.publication_consent == q.publication_consent);
    }
  }
  REQUIRE(a.rules.size() == b.rules.size());
  for (size_t i = 0; i < a.rules.size(); ++i) {
    const Rule& r = a.rules[i];
    const Rule& s = b.rules[i];
    INFO("rule " << r.id);
    CHECK(r.id == s.id);
    CHECK(r.pack == s.pack);
    CHECK(r.category == s.category);
    CHECK(r.kind == s.kind);
    CHECK(r.severity == s.severity);
    CHECK(r.confidence == s.confidence);
    CHECK(r.message == s.message);
    CHECK(r.description == s.description);
    CHECK(r.policy_ref == s.policy_ref);
    CHECK(r.suggest == s.suggest);
    CHECK(r.personal_data == s.personal_data);
    check_same(r.match, s.match);
    check_same(r.required, s.required);
    CHECK(r.exceptions == s.exceptions);
    check_same(r.allow, s.allow);
    CHECK(r.validator == s.validator);
    check_same(r.context, s.context);
    check_same(r.unless, s.unless);
    CHECK(r.min_confidence == s.min_confidence);
    CHECK(r.names.detect == s.names.detect);
    CHECK(r.names.given_names == s.names.given_names);
    CHECK(r.names.ordinary_words == s.names.ordinary_words);
    CHECK(r.names.not_names == s.names.not_names);
    CHECK(r.names.not_surnames == s.names.not_surnames);
    CHECK(r.names.titles == s.names.titles);
    CHECK((r.names.roster == a.roster) == (s.names.roster == b.roster));
    CHECK((r.names.roster == nullptr) == (s.names.roster == nullptr));
    check_same(r.near.partner, s.near.partner);
    CHECK(r.near.distance == s.near.distance);
    CHECK(r.near.same_sentence == s.near.same_sentence);
    CHECK(r.near.not_between == s.near.not_between);
    CHECK(r.near.hedges == s.near.hedges);
    CHECK((r.near.roster == a.roster) == (s.near.roster == b.roster));
    CHECK((r.near.roster == nullptr) == (s.near.roster == nullptr));
    CHECK(r.tests.match == s.tests.match);
    CHECK(r.tests.no_match == s.tests.no_match);
    CHECK(r.tests.roster == s.tests.roster);
    check_same(r.location, s.location);
  }
}

const char* kRoster = "Forename,Preferred name,Surname,Year,Form,Photo consent\n"
                      "Tamsin,Tam,Quigleymarsh,6,6B,yes\nOrlaith,,Fennimore,5,5A,no\n";

}  // namespace

TEST_CASE("the built-in policy with a roster, from the policy cache, is the parsed one field for field") {
  TempDir dir("pc-policy-cache");
  write(dir.path / "roster.csv", kRoster);
  auto loader_for = [&] {
    PolicyLoader loader;
    loader.add_builtin();
    loader.add_roster(dir.path / "roster.csv");
    loader.set_variable("staff_names", {"Hale"});
    return loader;
  };
  PolicyLoader first = loader_for();
  const auto cold = cold_start(first, dir.path / "cache");
  REQUIRE(policy_files(dir.path / "cache").size() == 1);
  const PolicyLoader second = loader_for();
  const auto warm = CompiledPolicy::from_cache(options_for(second, dir.path / "cache"));
  REQUIRE(warm);
  CHECK(warm->stats().from_cache);
  CHECK(warm->stats().cache_key == cold->stats().cache_key);
  check_same(cold->policy(), warm->policy());
  REQUIRE(cold->policy().roster);
  // The patterns as emitted: the database cache then gives both the same
  // widths and groups.
  const CompiledPolicyData& a = cold->data();
  const CompiledPolicyData& b = warm->data();
  CHECK(a.joinable == b.joinable);
  REQUIRE(a.patterns.size() == b.patterns.size());
  size_t differing = 0;
  for (size_t i = 0; i < a.patterns.size(); ++i) {
    const PatternEntry& p = a.patterns[i];
    const PatternEntry& q = b.patterns[i];
    if (p.rule != q.rule || p.role != q.role || p.expression != q.expression || p.caseless != q.caseless ||
        p.word_boundary != q.word_boundary || p.min_width != q.min_width || p.max_width != q.max_width ||
        p.fold_unicode != q.fold_unicode || p.group != q.group || p.gate_formula != q.gate_formula ||
        p.gate_subgroup != q.gate_subgroup || p.folded_literal != q.folded_literal ||
        p.spaced_letters != q.spaced_letters || p.masked != q.masked || p.location.file != q.location.file ||
        p.location.line != q.location.line || p.location.column != q.location.column) {
      ++differing;
    }
  }
  CHECK(differing == 0);
  const std::string text = "Tamsin Quigleymarsh's email is tamsin.q@gmail.com and she is a f.u.c.k.i.n.g idiot";
  const auto want = policycheck::testing::scan_text(cold, text);
  const auto got = policycheck::testing::scan_text(warm, text);
  CHECK_FALSE(want.empty());
  REQUIRE(want.size() == got.size());
  for (size_t i = 0; i < want.size(); ++i) {
    CHECK(want[i].rule == got[i].rule);
    CHECK(want[i].byte_start == got[i].byte_start);
  }
}

TEST_CASE("a changed lexicon or roster, or a corrupt policy cache file, is a miss") {
  TempDir dir("pc-policy-cache-miss");
  write(dir.path / "words.txt", "zorbly\n");
  write(dir.path / "roster.csv", kRoster);
  write(dir.path / "t.yaml",
        "pack: t\nlexicons:\n  words: words.txt\nrules:\n  - id: t/w\n    kind: terms\n    message: m\n"
        "    terms: ['${words}']\n");
  const fs::path cache = dir.path / "cache";
  auto loader_for = [&] {
    PolicyLoader loader;
    loader.add_file(dir.path / "t.yaml");
    loader.add_roster(dir.path / "roster.csv");
    return loader;
  };
  auto warm = [&] { return CompiledPolicy::from_cache(options_for(loader_for(), cache)); };
  auto cold = [&] {
    PolicyLoader loader = loader_for();
    return cold_start(loader, cache);
  };
  CHECK_FALSE(warm());
  cold();
  REQUIRE(warm());
  CHECK(policycheck::testing::scan_text(warm(), "zorbly plinth").size() == 1);

  // The lexicon and the roster are read by the loader, not given to it:
  // the file says what they hashed to, and a change is a miss.
  write(dir.path / "words.txt", "zorbly\nplinth\n");
  CHECK_FALSE(warm());
  CHECK(policycheck::testing::scan_text(cold(), "zorbly plinth").size() == 2);
  REQUIRE(warm());
  CHECK(policycheck::testing::scan_text(warm(), "zorbly plinth").size() == 2);
  write(dir.path / "roster.csv", "Forename,Surname\nAnother,Pupil\n");
  CHECK_FALSE(warm());
  REQUIRE(cold()->policy().roster);
  REQUIRE(warm());
  CHECK(warm()->policy().roster->pupils.size() == 1);

  // Garbage, a file cut short, or one byte changed in its policy: never half
  // read, and the next cold start replaces it.
  REQUIRE(policy_files(cache).size() == 1);
  const fs::path file = policy_files(cache).front();
  write(file, "garbage");
  CHECK_FALSE(warm());
  cold();
  REQUIRE(warm());
  const auto size = fs::file_size(file);
  fs::resize_file(file, size - 1);
  CHECK_FALSE(warm());
  cold();
  REQUIRE(warm());
  fs::resize_file(file, size / 2);
  CHECK_FALSE(warm());
  cold();
  REQUIRE(warm());
  {
    // A list count near the start of the policy made huge: refused, not
    // allocated.
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const size_t at = bytes.find((dir.path / "t.yaml").string());
    REQUIRE(at != std::string::npos);
    f.seekp(static_cast<std::streamoff>(at - 8));
    const uint64_t huge = ~uint64_t{0} >> 1;
    f.write(reinterpret_cast<const char*>(&huge), sizeof huge);
  }
  CHECK_FALSE(warm());
}

TEST_CASE("the policy cache key follows every input given to the loader") {
  auto key = [](auto&& setup, std::string_view settings = "") {
    PolicyLoader loader;
    setup(loader);
    return policy_cache_key(loader, settings);
  };
  const char* pack = "pack: t\nrules:\n  - id: t/w\n    kind: terms\n    message: m\n    terms: [alpha]\n";
  const std::string base = key([&](PolicyLoader& l) { l.add_text("t.yaml", pack); });
  CHECK(base == key([&](PolicyLoader& l) { l.add_text("t.yaml", pack); }));
  CHECK(base != key([&](PolicyLoader& l) { l.add_text("t.yaml", std::string(pack) + "\n"); }));
  CHECK(base != key([&](PolicyLoader& l) { l.add_text("u.yaml", pack); }));
  CHECK(base != key([&](PolicyLoader& l) {
          l.add_text("t.yaml", pack);
          l.add_builtin();
        }));
  CHECK(base != key([&](PolicyLoader& l) {
          l.add_text("t.yaml", pack);
          l.set_variable("staff", {"Hale"});
        }));
  CHECK(key([&](PolicyLoader& l) {
          l.add_text("t.yaml", pack);
          l.set_variable("staff", {"Hale", "Jones"});
        }) != key([&](PolicyLoader& l) {
          l.add_text("t.yaml", pack);
          l.set_variable("staff", {"Hale,Jones"});
        }));
  CHECK(base != key([&](PolicyLoader& l) {
          l.add_text("t.yaml", pack);
          l.add_roster("roster.csv");
        }));
  CHECK(base != key([&](PolicyLoader& l) { l.add_text("t.yaml", pack); }, "rules\nt/w off"));
}
