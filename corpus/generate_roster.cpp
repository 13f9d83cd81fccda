// Writes a synthetic school roster (CSV) of N invented pupils, the same for
// the same seed, for the pupil-names scale benchmark:
//
//   generate_roster N [SEED] > roster.csv
//
// Forenames come from a short list of common ones; surnames are built from
// syllables so that large rosters have tens of thousands of distinct
// surnames, as a multi-academy trust's would, with the awkward shapes real
// rosters hold (O'Brien, Smith-Jones, van der Berg, McDonald, accents).
// About 5 % of pupils have no publication consent.
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace {

const char* const kForenames[] = {
    "Oliver", "Amelia", "George", "Isla", "Noah", "Ava", "Arthur", "Mia", "Muhammad", "Ivy", "Leo", "Freya",
    "Harry", "Lily", "Oscar", "Florence", "Archie", "Sophia", "Henry", "Willow", "Theo", "Grace", "Jack",
    "Evie", "Charlie", "Olivia", "Freddie", "Poppy", "Alfie", "Ella", "Thomas", "Isabella", "Jacob", "Daisy",
    "Aisha", "Priya", "Zoë", "Chloé", "Tomasz", "Oluwaseun", "Siobhan", "Mary-Jane", "Jürgen", "Amir", "Yusuf",
    "Maryam", "Finley", "Harper", "Rory", "Niamh", "Callum", "Eilidh", "Dylan", "Megan", "Kai", "Zara"};
const char* const kStarts[] = {"Ash", "Black", "Brad", "Carr", "Dun", "Ell", "Fair", "Gold", "Hart", "Kel",
                               "Lang", "Mor", "Nor", "Pem", "Rad", "Shel", "Thorn", "Wal", "Whit", "Win",
                               "Kow", "Nak", "Okon", "Ade", "Fitz", "Hal", "Mar", "Ben", "Sto", "Tre"};
const char* const kMiddles[] = {"", "", "ber", "en", "ing", "al", "ow", "ham", "ers", "ick", "ley", "ew"};
const char* const kEnds[] = {"ton", "worth", "ford", "field", "ley", "son", "ski", "ura", "kwo", "yemi",
                             "gerald", "shaw", "wood", "by", "stone", "well", "more", "den", "wick", "ett"};

std::string surname(std::mt19937& rng) {
  auto pick = [&](const auto& list) { return std::string(list[rng() % (sizeof list / sizeof list[0])]); };
  std::string base = pick(kStarts) + pick(kMiddles) + pick(kEnds);
  switch (rng() % 40) {
    case 0: return "O'" + base;
    case 1: return "Mc" + base;
    case 2: return base + "-" + pick(kStarts) + pick(kEnds);
    case 3: return "van der " + base;
    case 4: return base.substr(0, base.size() - 1) + "é";
    default: return base;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: generate_roster N [SEED]\n");
    return 2;
  }
  const long n = std::atol(argv[1]);
  std::mt19937 rng(argc > 2 ? static_cast<unsigned>(std::atol(argv[2])) : 20240901u);
  std::printf("UPN,Legal Forename,Preferred Forename,Legal Surname,Year Group,Reg Group,Photo Consent\n");
  for (long i = 0; i < n; ++i) {
    const char* forename = kForenames[rng() % (sizeof kForenames / sizeof kForenames[0])];
    const std::string family = surname(rng);
    const int year = static_cast<int>(rng() % 13) + 1;
    const char* consent = rng() % 20 == 0 ? "No" : "Yes";
    // A quoted surname now and then, as spreadsheets write them.
    const bool quote = rng() % 10 == 0;
    std::printf("X%012ld,%s,,%s%s%s,%d,%d%c,%s\n", i, forename, quote ? "\"" : "", family.c_str(),
                quote ? "\"" : "", year, year, static_cast<char>('A' + rng() % 4), consent);
  }
  return 0;
}
