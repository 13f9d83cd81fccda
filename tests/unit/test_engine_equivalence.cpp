// The scanner must give exactly the findings of the straightforward engine
// (benchmarks/reference_engine.hpp: one database with SOM_LEFTMOST, no
// pre-filtering): same rule, same span, for every record. Whatever the
// scanner does to go fast (no SOM, split databases, pre-passes, batching),
// this is what keeps it honest. The corpus: the sample drafts and exports,
// every rule's own examples, look-alike and disguised text, and a few MB of
// generated comments; scanned with the built-in policy, and with the
// pupil-names pack plus a roster made of its rules' example rosters.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "../../benchmarks/reference_engine.hpp"
#include "policycheck/input.hpp"
#include "test_support.hpp"

using namespace policycheck;
namespace fs = std::filesystem;

namespace {

struct Text {
  std::string origin;  // where it came from, for the failure message
  std::string text;
};

using Key = std::tuple<uint64_t, uint64_t, std::string>;

std::vector<Key> keys_of(const std::vector<Finding>& findings) {
  std::vector<Key> keys;
  for (const Finding& f : findings) keys.emplace_back(f.text_start, f.text_end, f.rule);
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::string describe(const std::vector<Key>& keys, std::string_view text) {
  std::ostringstream out;
  for (const auto& [start, end, rule] : keys) {
    out << "  " << rule << " [" << start << ", " << end << ") '" << text.substr(start, end - start) << "'\n";
  }
  return out.str();
}

// Every record of the sample exports and drafts, read as `check` reads them.
void add_samples(std::vector<Text>& texts) {
  const fs::path root = fs::path(POLICYCHECK_SOURCE_DIR) / "corpus";
  std::vector<std::string> files;
  for (const char* dir : {"drafts", "samples"}) {
    if (!fs::exists(root / dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (entry.is_regular_file()) files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    read_input(file, file, ReaderOptions{},
               [&](const Record& r) { texts.push_back({file, std::string(r.text)}); },
               [](const InputDiagnostic&) {});
  }
}

// Every rule's examples, which exercise each rule kind where it is subtle.
void add_rule_examples(const Policy& policy, std::vector<Text>& texts) {
  for (const Rule& rule : policy.rules) {
    for (const auto& t : rule.tests.match) texts.push_back({rule.id + " match example", t});
    for (const auto& t : rule.tests.no_match) texts.push_back({rule.id + " no_match example", t});
  }
}

// Disguises and edge cases around word boundaries and look-alike letters.
void add_edge_cases(std::vector<Text>& texts) {
  const std::vector<std::string> cases = {
      "x1234 567 890 and 07700 900461x and 07700 900461",
      // The leftmost start is glued to a word, a later one is clean.
      "Deliver to myFlat 3, 12 High Street please",
      "sh1t, $hit, f.u.c.k, fuuuuck, f*ck, ƒuck, ｓｈｉｔ, s\u200Bhit, shít",
      "Scunthorpe, Essex, assessment, cockpit, Dick Whittington, great tit",
      "Email sam.parent84@gmail.com or sam.parent84@gmail.com.au; call +44 7700 900123",
      "naïve café résumé — idiot\u0301 and ＩＤＩＯＴ, Ｍｒｓ Ｐａｔｅｌ",
      "I work at the school. Views are my own. The school is great.",
      // Styled and framed letters (normalise/letter_forms.hpp), glued and not.
      "ⓕⓤⓒⓚ, ⒡⒰⒞⒦ off, 🅵🆄🅲🅺! 🇫🇺🇨🇰 x𝕗𝕦𝕔𝕜 ꜰᴜᴄᴋ ᶠᵘᶜᵏ ⓘ ① 𝑓(𝑥) Mr Hale is a ⓛⓘⓐⓡ",
      // A roster pupil near an accusation (the roster-aware near rule runs
      // the same in both engines: no roster here, titles only).
      "Mr Hale stole from the tuck shop. Alex Kowalski is a liar.",
      std::string("bad utf-8 \xff\xfe shit \xc3 end"),
      // Digit-run windows (rare_byte_gate.hpp, digit_run_windows): runs of
      // exactly a group's k at a record's edges, runs split by separators,
      // windows of several groups overlapping.
      "AB123456C",
      "AB 12 34 56 C",
      "123456",
      "sort code 12-34-56",
      "A12345678901B",
      "UPN A1234567890 B not one",
      "07700 900461",
      "0 7 7 0 0 9 0 0 4 6 1 and 077-00-900-461",
      "12/05/2019",
      "born 1-2-2019 or 2019-1-2 or 3rd of May 2011",
      "GB29 NWBK 6016 1331 9268 19",
      "IBAN gb29nwbk60161331926819, card 4111 1111 1111 1111, licence MORGA657054SM9IJ",
      "call 07700 900461 or AB 12 34 56 C, born 12/05/2019, sort 12-34-56, +44 20 7946 0958, 192.168.0.1",
      "12 34 56 78 9012 345 67 8 90 1234 5678",
      // Digit-count windows (rare_byte_gate.hpp, digit_count_windows): exactly
      // a group's count of digits, split by separators, at the group's width,
      // glued to words, and split over neighbouring records (scan_batch
      // joins them: the count holds in the block, no match in a record).
      "12-34-56", "sort code 12 34 56.", "x12-34-56", "1 2 3 4 5 6", "ring 496 021", "AB 12 34 56 C x",
      "0044-(0)-7-1-2-3-4-5-6-7-8-9", "x0044-(0)-7-1-2-3-4-5-6-7-8-9", "September, 2019", "xSeptember, 2019",
      "3rd of May", "x3rd of May", "01/02/2016", "1/2", "192.168.0.1", "GB29NWBK60161331926819", "AB12 CDE",
      "12-34", "-56", "0770", "0 900461", "ring", "496", "021", "12345", "6", "+33 1 23", "45 67 89",
  };
  for (const auto& c : cases) texts.push_back({"edge case", c});
  // A digit every few bytes for over 1 MiB: one digit window bigger than a
  // compacted buffer (scanner.cpp, run_in_gate_windows scans it in place),
  // after a small one, with personal data inside it and at its ends.
  std::string digits = "call 07700 900461 ";
  for (int i = 0; i < 20; ++i) digits += "then ";
  while (digits.size() < (1u << 20) + 4096) {
    digits += "a1 b2 c3 ";
    if (digits.size() % 100'000 < 9) digits += "born on the 3rd of May 2011, ring 07700 900123 ";
  }
  digits += "sam.parent84@gmail.com AB123456C";
  texts.push_back({"edge case: a window over 1 MiB", digits});
}

// Around the literal gate (scan_groups.hpp: patterns run only in records
// holding the literals they, or their rule's other side, need): a person
// and an accusation together and apart, in other case, at the edges of a
// record, split over two records (only the joined block holds both, or the
// atom runs over the join), curly and Latin-1 look-alike apostrophes,
// require and context rules' halves; listed in order, so scan_batch joins
// them as neighbours.
void add_literal_gate_cases(std::vector<Text>& texts) {
  const std::vector<std::string> cases = {
      "Mr Hale is a liar", "liar", "Mr Hale is a liar.", "MR HALE IS A LIAR", "mr hale is a liar",
      "Mr Hale Is A Liar", "Mr Hale", "is a liar", "He is a liar.", "Mr Hale is lovely",
      "the HEAD was SACKED for stealing", "The Head Was Sacked For Stealing", "THE HEAD",
      "was sacked for stealing", "Liar! said Mr Hale", "Mr Hale is a", "liar and a thief", "Mr Hale is a lia",
      "r, said Mrs O'Neill", "Mrs O'Neill fiddled", "the books", "fiddled the books",
      "Mr Hale\xE2\x80\x99s a liar", "Mr Hale\xC2\x80\x99s a liar", "MR HALE\xE2\x80\x99S A LIAR",
      "Mr Hale\xE2\x80", "\x99s a liar", "our maths teacher", "is a racist", "our maths teacher is a racist",
      "OUR MATHS TEACHER IS A RACIST", "I work at the school", "Views are my own", "I work at the school. Views are my own.",
      "Ring me on 07700 900123", "call", "me on 07700 900123 after school",
  };
  for (const auto& c : cases) texts.push_back({"literal gate case", c});
}

// Around the glue check of the stretched/leet terms' literal hits
// (evasion/glued_runs.hpp: a hit is dropped when every start, or every end,
// a match behind it could have is glued to a word): stand-ins and runs at
// the edges of a term, where a later start or an earlier end is clean
// ("x5$hit": "$hit"; "shit+7x": "shit"), apostrophes, non-ASCII and invalid
// neighbours, terms at the edges of records that scan_batch joins.
void add_folded_term_cases(std::vector<Text>& texts) {
  const std::vector<std::string> cases = {
      "x5$hit", "a$$hit", "a$hit", "$$hit", "x$sshit", "xssshit", "5hit", "x5hit", "xs$hit", "shit+7x", "shiT7x",
      "shi7+", "shit_", "_shit", "shit7", "7shit", "shitx", "xshit", "cla$$", "cl@ss", "@ss", "a$$", "4ss", "x@ss",
      "s h i t", "sh1t!", "!sh1t", "|d10t", "x|d10t", "1d10t|x", "1d10t|", "idiooot", "xidiooot", "idiooo0tx",
      "'shit'", "it's shit's", "\xE2\x80\x99shit\xE2\x80\x99", "x\xE2\x80\x99shit", "\xE2\x80\x94shit\xE2\x80\x94",
      "\xC3\xA9shit", "shit\xC3\xA9", "\xC3\xA9" "5hit", "shi7\xC3\xA9", "\xC3shit", "shit\xC3", "\xE2\x80shit",
      "shit\xE2\x80", "\x80shit", "\xCC\x81shit", "nancy boy", "nancyboy", "xnancy  boy", "nancy\tboyx",
      // Hyphenated terms: folded ("half-breed") and spelled out, the hyphen
      // then one of the separators.
      "half-breed", "h4lf-br33d", "haaalf-breeeds", "half--breed", "half breed", "xhalf-breed", "half-breedx",
      "h.a.l.f.-.b.r.e.e.d", "h a l f - b r e e d s", "h.a.l.f-b.r.e.e.d", "h.a.l.f.b.r.e.e.d", "s-l-i-t-t-y---e-y-e-d",
      "s l i t t y - e y e d x", "xs.l.i.t.t.y.-.e.y.e.d", "slitty-eyed", "$l1tty-3y3d", "slitty-eyedness",
      // Record edges: neighbours in a block are joined by '\n'.
      "abc", "5hit", "shi7", "xyz", "$hit", "fuuuck", "abc\xC3", "\xA9shit", "shit", "x", "@ss", "1", "twat", "2",
  };
  for (const auto& c : cases) texts.push_back({"folded term case", c});
}

void add_generated_comments(std::vector<Text>& texts, size_t bytes) {
  const std::string command = std::string(POLICYCHECK_GENERATE_COMMENTS) + " " + std::to_string(bytes) + " 7";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string data;
  char buffer[1 << 16];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) data.append(buffer, got);
  REQUIRE(pclose(pipe) == 0);
  REQUIRE(data.size() >= bytes);
  std::istringstream lines(data);
  std::string line;
  while (std::getline(lines, line)) texts.push_back({"generated comment", line});
  // Joined comments too: a record of many lines (a newsletter, a whole
  // post) reaches rules that look across lines and the long-record paths.
  constexpr size_t kBlock = 64 << 10;
  for (size_t i = 0; i + kBlock <= data.size() && i < 8 * kBlock; i += kBlock) {
    texts.push_back({"generated block", data.substr(i, kBlock)});
  }
  // One record of over 2 MB with disguised words around the first 1 MiB:
  // the scanner folds big records in slices for the stretched/leet terms.
  if (data.size() > (5u << 19)) {
    std::string big = data.substr(0, 5u << 19);
    const std::string disguised = " you fuuuuck1ng 1d10t, sh1iiit h3ad ";
    for (size_t at : {(1u << 20) - 20, (1u << 20) - 3, (1u << 20) + 5, (2u << 20) - 10}) {
      big.replace(at, disguised.size(), disguised);
    }
    texts.push_back({"generated record over 2 MB", big});
    // Accusations around the 1 MiB marks and at both ends of a big record.
    std::string accused = "Mr Hale is a liar " + data.substr(0, 5u << 19) + " the head was sacked for it";
    for (size_t at : {(1u << 20) - 9, (1u << 20) + 1, (2u << 20) - 4}) {
      accused.replace(at, 17, "Mrs Ward is a thief");
    }
    texts.push_back({"generated record over 2 MB, accusations", accused});
  }
}

// A roster made of the names rules' example rosters, one file each.
std::vector<fs::path> write_example_rosters(const Policy& policy, const fs::path& dir) {
  std::vector<fs::path> files;
  fs::create_directories(dir);
  for (const Rule& rule : policy.rules) {
    if (rule.tests.roster.empty()) continue;
    const fs::path file = dir / ("roster-" + std::to_string(files.size()) + ".csv");
    std::ofstream out(file);
    for (const auto& row : rule.tests.roster) out << row << '\n';
    files.push_back(file);
  }
  return files;
}

struct Coverage {
  size_t findings = 0;
  std::set<RuleKind> kinds;  // rule kinds with at least one finding
};

// Scans every text with both engines and checks they agree on each: the
// scanner one record at a time, and all records at once (scan_batch joins
// short records into blocks for one database pass).
Coverage compare_engines(const std::shared_ptr<const CompiledPolicy>& policy, const std::vector<Text>& texts) {
  // The start-of-match database takes a minute to compile for the built-in
  // policy: kept in the tests' cache directory between runs.
  auto reference_db = std::make_shared<reference::ReferenceDatabase>(policy, default_cache_dir());
  reference::ReferenceScanner reference_scanner(reference_db);
  Scanner scanner(policy);
  Coverage coverage;
  std::vector<Record> records(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    records[i].path = "equivalence.txt";
    records[i].text = texts[i].text;
  }
  std::vector<std::vector<Key>> want(texts.size());
  std::vector<Finding> found;
  for (size_t i = 0; i < texts.size(); ++i) {
    found.clear();
    reference_scanner.scan(records[i], found);
    want[i] = keys_of(found);
    coverage.findings += found.size();
    for (const Finding& f : found) coverage.kinds.insert(policy->policy().find_rule(f.rule)->kind);
  }
  size_t mismatches = 0;
  auto check = [&](size_t i, const std::vector<Finding>& actual, const char* how) {
    const auto got = keys_of(actual);
    if (got == want[i]) return;
    if (++mismatches <= 5) {
      UNSCOPED_INFO("record from " << texts[i].origin << " (" << how << "):\n  " << texts[i].text.substr(0, 300)
                                   << "\nreference engine:\n" << describe(want[i], texts[i].text) << "scanner:\n"
                                   << describe(got, texts[i].text));
    }
  };
  for (size_t i = 0; i < texts.size(); ++i) {
    found.clear();
    scanner.scan(records[i], found);
    check(i, found, "scan");
  }
  size_t delivered = 0;
  scanner.scan_batch(records, [&](size_t i, std::vector<Finding>& actual) {
    CHECK(i == delivered++);
    check(i, actual, "scan_batch");
  });
  CHECK(delivered == texts.size());
  CHECK(mismatches == 0);
  return coverage;
}

std::shared_ptr<const CompiledPolicy> compile(PolicyLoader& loader) {
  return CompiledPolicy::compile(loader.finish());  // cached in the tests' cache directory
}

std::vector<Text> corpus_for(const Policy& policy) {
  std::vector<Text> texts;
  add_samples(texts);
  add_rule_examples(policy, texts);
  add_edge_cases(texts);
  add_literal_gate_cases(texts);
  add_folded_term_cases(texts);
  add_generated_comments(texts, 3'000'000);
  return texts;
}

}  // namespace

TEST_CASE("the scanner finds exactly what the straightforward engine finds: built-in policy") {
  PolicyLoader loader;
  loader.add_builtin();
  const auto policy = compile(loader);
  const std::vector<Text> texts = corpus_for(policy->policy());
  REQUIRE(texts.size() > 10'000);
  const Coverage coverage = compare_engines(policy, texts);
  // The corpus must exercise the policy, not merely agree on nothing.
  CHECK(coverage.findings > 200);
  for (RuleKind kind : {RuleKind::terms, RuleKind::pattern, RuleKind::require, RuleKind::names, RuleKind::near}) {
    INFO("rule kind " << to_string(kind));
    CHECK(coverage.kinds.count(kind) == 1);
  }
}

// The names rules with a roster (the built-in policy ships none): the
// pupil-names pack alone, with the rules' example rosters, keeps the
// compile short.
TEST_CASE("the scanner finds exactly what the straightforward engine finds: names with a roster") {
  const fs::path dir = fs::temp_directory_path() / ("policycheck-equivalence-" + std::to_string(::getpid()));
  PolicyLoader loader;
  const fs::path pack = fs::path(POLICYCHECK_SOURCE_DIR) / "rules" / "pupil-names.yaml";
  loader.add_file(pack);
  PolicyLoader examples_loader;
  examples_loader.add_file(pack);
  for (const fs::path& file : write_example_rosters(examples_loader.finish(), dir)) loader.add_roster(file);
  const auto policy = compile(loader);
  fs::remove_all(dir);
  REQUIRE(policy->policy().roster);
  std::vector<Text> texts = corpus_for(policy->policy());
  for (const Pupil& pupil : policy->policy().roster->pupils) {
    texts.push_back({"roster mention", "Well done " + pupil.forename + " " + pupil.surname + " in Year 6!"});
    texts.push_back({"roster mention", "Photos of " + pupil.forename + " at sports day."});
    texts.push_back({"roster mention", pupil.surname + ", " + pupil.forename + " won the race"});
  }
  const Coverage coverage = compare_engines(policy, texts);
  CHECK(coverage.kinds.count(RuleKind::names) == 1);
}

// Stretched/leet terms that are not word-bounded: their literal hits inside
// words must all be kept (CompiledPolicyData::folded_literal_word_bounded),
// also when a word-bounded term of another rule folds to the same literal.
TEST_CASE("the scanner finds exactly what the straightforward engine finds: stretched terms inside words") {
  PolicyLoader loader;
  loader.add_text("inside-words.yaml",
                  "pack: t\nrules:\n"
                  "  - id: t/inside\n    kind: terms\n    message: m\n    word_boundary: false\n"
                  "    evasion: [stretch, leet]\n    terms: [crap, dung]\n"
                  "  - id: t/whole\n    kind: terms\n    message: m\n    evasion: [stretch, leet]\n"
                  "    terms: [crap, bilge]\n");
  const auto policy = compile(loader);
  std::vector<Text> texts;
  for (const char* text : {"xcrapx", "xcr4ppx", "crap", "scrappy", "xdungx", "dunggg", "xduuung", "bilgex", "xbilge",
                           "b1lge", "a crap day", "xbilgex crapx"}) {
    texts.push_back({"inside words", text});
  }
  const Coverage coverage = compare_engines(policy, texts);
  CHECK(coverage.findings >= 10);
}

// A near rule whose `b:` side is also looked for in the Unicode-folded copy:
// a person in plain letters and an accusation only in look-alike ones. The
// scanner confirms a rule's `a:` hits only in records where its `b:` side
// has a hit (sides_needed), and the folded copy's spans count as hits.
TEST_CASE("the scanner finds exactly what the straightforward engine finds: a partner only in look-alike letters") {
  PolicyLoader loader;
  loader.add_text("folded-partner.yaml",
                  "pack: t\nrules:\n"
                  "  - id: t/accused\n    kind: near\n    message: m\n    distance: 3\n"
                  "    a:\n      terms: [mr hale]\n"
                  "    b:\n      terms: [liar, thief]\n      evasion: [unicode]\n");
  const auto policy = compile(loader);
  std::vector<Text> texts;
  for (const char* text : {"Mr Hale is a \xEF\xBD\x8C\xEF\xBD\x89\xEF\xBD\x81\xEF\xBD\x92",  // fullwidth "liar"
                           "Mr Hale is a l\xD1\x96" "ar",                                    // Cyrillic i
                           "Mr Hale is a liar", "Mr Hale", "\xEF\xBD\x8C\xEF\xBD\x89\xEF\xBD\x81\xEF\xBD\x92",
                           "th\xD1\x96" "ef, said Mr Hale", "Mr Hale is lovely"}) {
    texts.push_back({"folded partner", text});
  }
  const Coverage coverage = compare_engines(policy, texts);
  CHECK(coverage.findings >= 3);
}
