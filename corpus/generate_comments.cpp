// Writes synthetic comment-like English, one comment per line, for
// benchmarks: school-page chatter with the mix of digits, names, dates and
// occasional personal data that real archives have. Seeded, so the same
// arguments always give the same bytes.
//
//   generate_comments BYTES [SEED] > comments.txt
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

const std::vector<std::string> kOpeners = {
    "Well done", "Thank you", "Congratulations", "Lovely to see", "Such a great", "Can anyone tell me",
    "Does anyone know", "Brilliant", "Amazing work from", "So proud of", "Just a reminder that", "Looking forward to",
    "What a fantastic", "Great photos of", "Is it true that", "Please remember", "Fab day for", "Huge thanks to"};
const std::vector<std::string> kSubjects = {
    "Year 3", "the PTA", "the football team", "Mrs Patel's class", "the choir", "everyone involved", "the staff",
    "Reception", "Year 6", "the school council", "our reading champions", "the netball girls", "Oak class",
    "the after school club", "the eco team", "the parents who helped", "the lunchtime supervisors", "Year 2"};
const std::vector<std::string> kMiddles = {
    "on the trip to the museum", "at sports day", "in the nativity", "for raising money for charity",
    "with the science fair", "at the summer fair", "on the residential", "during book week",
    "at the harvest festival", "in assembly this morning", "on the walk to the park", "at the disco",
    "with the cake sale", "in the maths challenge", "at the swimming gala", "during world book day"};
const std::vector<std::string> kClosers = {
    "!", ".", "!!", " :)", ". See you all on Friday.", ". The kids loved it.", ". Pickup is at 3:15pm.",
    ". Tickets are £3.50 at the door.", ". Forms back by 12th March please.", ". Room 14 after school.",
    ". Kick off 10:30, final score 3-2.", ". Term dates for 2024-25 are on the website.",
    ". Order ref 45821 for the uniform.", ". Thanks to the 120 families who came.",
    ". Best day ever according to my daughter.", ". Can't believe how much they've grown."};
// Rare events, as in real pages: a swear word, a number or an email.
const std::vector<std::string> kRare = {
    " Text me on 07700 900461 if you can help.", " Email me at sam.parent84@gmail.com.",
    " Bloody brilliant.", " Damn that was close.", " What a shit day for weather though.",
    " Ring 0113 496 0555 for tickets.", " I work at the school and views are my own."};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: generate_comments BYTES [SEED]\n");
    return 2;
  }
  const uint64_t target = std::strtoull(argv[1], nullptr, 10);
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 42;
  std::mt19937_64 rng(seed);
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& { return v[rng() % v.size()]; };
  std::string buffer;
  uint64_t written = 0;
  while (written < target) {
    std::string line = pick(kOpeners) + " " + pick(kSubjects) + " " + pick(kMiddles) + pick(kClosers);
    if (rng() % 200 == 0) line += pick(kRare);
    line += '\n';
    buffer += line;
    written += line.size();
    if (buffer.size() > (1 << 20)) {
      std::fwrite(buffer.data(), 1, buffer.size(), stdout);
      buffer.clear();
    }
  }
  std::fwrite(buffer.data(), 1, buffer.size(), stdout);
  return 0;
}
