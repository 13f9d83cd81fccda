// Which patterns make a policy slow: every database pattern of the policy
// compiled on its own and run over the same text, slowest first. For policy
// authors and for deciding how the engine should split its databases.
//
//   pattern_cost [--policy FILE]... [--no-default-policy] [--top N] [--groups | --gates | --evasion] CORPUS
//
// --groups: instead, each scan group's database (scan_groups.hpp) run over
// the whole corpus, and the everywhere group split by rule pack; for the
// literal-gated group also what it costs as the scanner runs it; then the
// digit-gated groups in their windows, as the scanner runs them (best of 7),
// each with its patterns' proved digit run, digit count and width.
// --gates: the literal-gated patterns and what each needs (required_literals.hpp).
// --evasion: the evasion stages taken apart (best of 7 each): the spelled-out
// words' windows (rare_byte_gate.hpp) and their database in them; the
// stretched/leet terms' letter fold, folded-literal scan and windows
// (evasion/folded_term_windows.hpp), and the folded literals hitting most.
//
// Prints: CPU ms for the corpus, the scan group, the rule id and the
// expression (cut at 100 characters). The corpus is scanned as one block
// (as Scanner::scan_batch does), once per pattern, so keep it to a few MB.
#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "compiled_policy_data.hpp"
#include "digit_windows.hpp"
#include "evasion/folded_term_windows.hpp"
#include "evasion/letter_fold.hpp"
#include "rare_byte_gate.hpp"
#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"

using namespace policycheck;

namespace {

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

int count_match(unsigned, unsigned long long, unsigned long long, unsigned, void* context) {
  ++*static_cast<size_t*>(context);
  return 0;
}

struct Cost {
  double ms = 0;
  size_t hits = 0;
  size_t pattern = 0;
  const char* form = "";
};

// Times one expression over `text`; false when it does not compile alone.
bool time_expression(const std::string& expression, unsigned flags, const std::string& text, Cost& cost) {
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile(expression.c_str(), flags, HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
    hs_free_compile_error(error);
    return false;
  }
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  const double before = cpu_seconds();
  hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, count_match, &cost.hits);
  cost.ms = (cpu_seconds() - before) * 1000;
  hs_free_scratch(scratch);
  hs_free_database(db);
  return true;
}

// What the literal-gated group really costs over `text` taken as one
// record per line, as Scanner::scan_batch runs it: the atom database over
// everything, then the gated database over the lines where a formula holds;
// and which formulas and atoms hold in most lines.
void literal_gate_cost(const CompiledPolicyData& data, hs_database_t* gated, hs_scratch_t* scratch,
                       const std::string& text) {
  const LiteralGate& gate = data.literal_gate;
  if (!gate.database) return;
  hs_alloc_scratch(gate.database, &scratch);
  for (const auto& g : gate.subgroups) hs_alloc_scratch(g.database, &scratch);
  std::vector<std::pair<uint32_t, uint64_t>> atom_hits;
  const double t0 = cpu_seconds();
  hs_scan(gate.database, text.data(), static_cast<unsigned>(text.size()), 0, scratch,
          [](unsigned id, unsigned long long, unsigned long long to, unsigned, void* ctx) {
            static_cast<std::vector<std::pair<uint32_t, uint64_t>>*>(ctx)->emplace_back(id, to);
            return 0;
          },
          &atom_hits);
  const double t1 = cpu_seconds();
  LiteralGate::Marks marks;
  std::vector<std::vector<std::pair<uint64_t, uint64_t>>> spans(gate.subgroups.size());
  std::vector<size_t> formula_lines(gate.clauses_in_formula.size(), 0), atom_lines(gate.atoms.size(), 0);
  std::vector<uint32_t> seen;
  size_t h = 0, lines = 0, gated_lines = 0, line_scans = 0;
  for (uint64_t begin = 0; begin < text.size();) {
    uint64_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    ++lines;
    seen.clear();
    while (h < atom_hits.size() && atom_hits[h].second <= begin) ++h;
    for (; h < atom_hits.size() && atom_hits[h].second <= end; ++h) {
      if (gate.counts(atom_hits[h].first, text, atom_hits[h].second)) seen.push_back(atom_hits[h].first);
    }
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (uint32_t a : seen) ++atom_lines[a];
    bool any = false;
    gate.find_holding(seen, marks, [&](uint32_t f) {
      ++formula_lines[f];
      any = true;
      for (uint32_t sub : gate.subgroups_of_formula[f]) {
        auto& list = spans[sub];
        if (!list.empty() && list.back().second == end) continue;
        ++line_scans;
        // Merged with the previous window when close, as the scanner does.
        if (!list.empty() && begin <= list.back().second + 64) list.back().second = end;
        else list.emplace_back(begin, end);
      }
      return false;
    });
    gated_lines += any;
    begin = end + 1;
  }
  size_t hits = 0;
  const double t2 = cpu_seconds();
  for (size_t sub = 0; sub < spans.size(); ++sub) {
    for (const auto& [b, e] : spans[sub]) {
      hs_scan(gate.subgroups[sub].database, text.data() + b, static_cast<unsigned>(e - b), 0, scratch, count_match, &hits);
    }
  }
  const double t3 = cpu_seconds();
  (void)gated;
  std::printf("%8.1f ms %10zu hits %6zu atoms     literal gate: the atom database over the whole corpus\n",
              (t1 - t0) * 1000, atom_hits.size(), gate.atoms.size());
  std::printf("%8.1f ms %10zu hits %6zu lines     literal-gated: %zu per-rule databases, each over the lines where a "
              "formula of its patterns holds (%.1f%% of lines hold one; %.2f databases per line on average)\n",
              (t3 - t2) * 1000, hits, gated_lines, gate.subgroups.size(),
              100.0 * static_cast<double>(gated_lines) / static_cast<double>(lines),
              static_cast<double>(line_scans) / static_cast<double>(lines));
  auto top = [&](const std::vector<size_t>& counts, size_t n, auto&& name) {
    std::vector<size_t> order(counts.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return counts[a] > counts[b]; });
    for (size_t k = 0; k < order.size() && k < n && counts[order[k]] > 0; ++k) {
      std::printf("         %6.2f%% of lines: %.150s\n",
                  100.0 * static_cast<double>(counts[order[k]]) / static_cast<double>(lines), name(order[k]).c_str());
    }
  };
  std::printf("    gate formulas holding in most lines:\n");
  top(formula_lines, 8, [&](size_t f) { return gate.formula_text[f]; });
  std::printf("    atoms in most lines:\n");
  top(atom_lines, 8, [&](size_t a) { return std::string("'") + gate.atoms[a].text + "'"; });
}

// The corpus in slices of about 1 MB cut after a '\n', as Scanner::scan_batch
// joins short records into blocks.
std::vector<std::string_view> blocks_of(const std::string& text) {
  std::vector<std::string_view> blocks;
  for (size_t from = 0; from < text.size();) {
    size_t to = std::min(text.size(), from + (size_t{1} << 20));
    while (to < text.size() && text[to - 1] != '\n') ++to;
    blocks.push_back(std::string_view(text).substr(from, to - from));
    from = to;
  }
  return blocks;
}

template <typename F>
double best_ms(F&& run) {
  double best = 1e9;
  for (int round = 0; round < 7; ++round) {  // the shared box is noisy
    const double before = cpu_seconds();
    run();
    best = std::min(best, (cpu_seconds() - before) * 1000);
  }
  return best;
}

void spelled_out_cost(const CompiledPolicyData& data, const std::string& text) {
  const hs_database_t* spaced = data.groups[kNearSpacedLetters].database;
  if (!spaced) return;
  const std::vector<std::string_view> blocks = blocks_of(text);
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(spaced, &scratch);
  std::vector<GateWindow> windows;
  size_t window_count = 0, covered = 0, hits = 0;
  const double find_ms = best_ms([&] {
    window_count = covered = 0;
    for (std::string_view b : blocks) {
      windows.clear();
      spaced_letter_windows(b, data.groups[kNearSpacedLetters].alphabet, windows);
      window_count += windows.size();
      for (const GateWindow& w : windows) covered += w.end - w.begin;
    }
  });
  const double scan_ms = best_ms([&] {
    hits = 0;
    for (std::string_view b : blocks) {
      windows.clear();
      spaced_letter_windows(b, data.groups[kNearSpacedLetters].alphabet, windows);
      for (const GateWindow& w : windows) {
        hs_scan(spaced, b.data() + w.begin, static_cast<unsigned>(w.end - w.begin), 0, scratch, count_match, &hits);
      }
    }
  });
  std::printf("%8.1f ms  spaced_letter_windows: %zu windows, %zu bytes\n", find_ms, window_count, covered);
  std::printf("%8.1f ms  windows + the spelled-out database in them: %zu hits\n", scan_ms, hits);
  hs_free_scratch(scratch);
}

void folded_terms_cost(const CompiledPolicyData& data, const std::string& text) {
  if (!data.folded_literal_database) {
    std::printf("no folded literals\n");
    return;
  }
  const std::vector<std::string_view> blocks = blocks_of(text);
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(data.folded_literal_database, &scratch);
  for (const auto& g : data.groups) {
    if (g.database) hs_alloc_scratch(g.database, &scratch);
  }
  FoldedLetters letters;
  size_t folded_bytes = 0;
  const double fold_ms = best_ms([&] {
    folded_bytes = 0;
    for (std::string_view b : blocks) {
      letters.fold(b);
      folded_bytes += letters.text().size();
    }
  });
  std::vector<size_t> per_literal(data.folded_literals.size(), 0);
  size_t hits = 0;
  const double scan_ms = best_ms([&] {
    hits = 0;
    std::fill(per_literal.begin(), per_literal.end(), 0);
    for (std::string_view b : blocks) {
      letters.fold(b);
      hs_scan(data.folded_literal_database, letters.text().data(), static_cast<unsigned>(letters.text().size()), 0,
              scratch,
              [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
                ++(*static_cast<std::vector<size_t>*>(ctx))[id];
                return 0;
              },
              &per_literal);
    }
    for (size_t n : per_literal) hits += n;
  });
  FoldedTermWindows finder;
  std::vector<GateWindow> windows;
  size_t window_count = 0, covered = 0;
  const double find_ms = best_ms([&] {
    window_count = covered = 0;
    for (std::string_view b : blocks) {
      finder.find(data, scratch, b, windows);
      window_count += windows.size();
      for (const GateWindow& w : windows) covered += w.end - w.begin;
    }
  });
  std::printf("%8.1f ms  letter fold of %zu bytes into %zu (%zu blocks)\n", fold_ms, text.size(), folded_bytes,
              blocks.size());
  std::printf("%8.1f ms  fold + folded-literal scan: %zu hits of %zu literals\n", scan_ms, hits,
              data.folded_literals.size());
  std::printf("%8.1f ms  FoldedTermWindows::find: %zu windows, %zu bytes\n", find_ms, window_count, covered);
  std::vector<size_t> order(per_literal.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return per_literal[a] > per_literal[b]; });
  std::printf("    folded literals hitting most:\n");
  for (size_t k = 0; k < order.size() && k < 25 && per_literal[order[k]] > 0; ++k) {
    std::printf("%12zu hits  '%s'%s\n", per_literal[order[k]], data.folded_literals[order[k]].c_str(),
                data.folded_literal_word_bounded[order[k]] ? "" : "  (not word-bounded)");
  }
  // What the short literals cost the scan: the literals split by length,
  // each part compiled alone and run over the same folded blocks.
  for (const bool want_short : {false, true}) {
    std::vector<const char*> literals;
    std::vector<size_t> lengths;
    std::vector<unsigned> flags, ids;
    std::string names;
    for (size_t i = 0; i < data.folded_literals.size(); ++i) {
      if ((data.folded_literals[i].size() <= 3) != want_short) continue;
      literals.push_back(data.folded_literals[i].data());
      lengths.push_back(data.folded_literals[i].size());
      flags.push_back(0);
      ids.push_back(static_cast<unsigned>(i));
      if (want_short) names += " '" + data.folded_literals[i] + "'";
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    if (literals.empty() || hs_compile_lit_multi(literals.data(), flags.data(), ids.data(), lengths.data(),
                                                 static_cast<unsigned>(literals.size()), HS_MODE_BLOCK, nullptr, &db,
                                                 &error) != HS_SUCCESS) {
      hs_free_compile_error(error);
      continue;
    }
    hs_alloc_scratch(db, &scratch);
    size_t part_hits = 0;
    const double ms = best_ms([&] {
      part_hits = 0;
      for (std::string_view b : blocks) {
        letters.fold(b);
        hs_scan(db, letters.text().data(), static_cast<unsigned>(letters.text().size()), 0, scratch, count_match,
                &part_hits);
      }
    });
    std::printf("%8.1f ms  fold + scan of the %zu folded literals %s 3 bytes: %zu hits%s\n", ms, literals.size(),
                want_short ? "<=" : ">", part_hits, names.c_str());
    hs_free_database(db);
  }
  hs_free_scratch(scratch);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> policies;
  bool builtin = true;
  bool groups = false;
  bool gates = false;
  bool evasion = false;
  size_t top = 40;
  std::string corpus;
  bool bad_usage = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--policy" && i + 1 < argc) policies.push_back(argv[++i]);
    else if (arg == "--no-default-policy") builtin = false;
    else if (arg == "--top" && i + 1 < argc) top = std::stoul(argv[++i]);
    else if (arg == "--groups") groups = true;
    else if (arg == "--gates") gates = true;
    else if (arg == "--evasion") evasion = true;
    else if (arg.rfind("--", 0) == 0 || !corpus.empty()) bad_usage = true;  // an unknown option, a second corpus
    else corpus = arg;
  }
  if (corpus.empty() || bad_usage) {
    std::cerr << "usage: pattern_cost [--policy FILE]... [--no-default-policy] [--top N] [--groups | --gates | --evasion] CORPUS\n";
    return 2;
  }
  std::ifstream in(corpus, std::ios::binary);
  if (!in) {  // an empty corpus would print timings of nothing
    std::cerr << "pattern_cost: cannot read " << corpus << "\n";
    return 2;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  PolicyLoader loader;
  if (builtin) loader.add_builtin();
  for (const auto& p : policies) loader.add_file(p);
  const auto policy = CompiledPolicy::compile(loader.finish());
  const CompiledPolicyData& data = policy->data();
  if (evasion) {
    spelled_out_cost(data, text);
    folded_terms_cost(data, text);
    return 0;
  }
  if (groups) {
    // Each group, and the everywhere group per pack, compiled as one database.
    std::vector<std::pair<std::string, std::vector<size_t>>> sets;
    static const char* const kNames[] = {"everywhere", "near digits/@/* (bounded)", "near digits/@/* (runs)",
                                         "folded terms", "spelled-out letters", "masked (*)",
                                         "literal-gated"};
    static_assert(std::size(kNames) == kNearDigitsFirst);
    for (uint8_t g = 0; g < kScanGroups; ++g) {
      if (g < kNearDigitsFirst) {
        sets.push_back({kNames[g], {}});
      } else {
        sets.push_back({"near runs of >= " + std::to_string(data.groups[g].min_digit_run) + " digits, >= " +
                            std::to_string(data.groups[g].min_digits) + " in all, <= " +
                            std::to_string(data.groups[g].max_width) + " wide",
                        {}});
      }
      for (size_t i = 0; i < data.patterns.size(); ++i) {
        if (data.patterns[i].group == g) sets.back().second.push_back(i);
      }
    }
    for (size_t i = 0; i < data.patterns.size(); ++i) {
      if (data.patterns[i].group != kEverywhere) continue;
      const std::string& id = data.policy.rules[data.patterns[i].rule].id;
      const std::string pack = "everywhere: " + id.substr(0, id.find('/'));
      auto it = std::find_if(sets.begin(), sets.end(), [&](const auto& s) { return s.first == pack; });
      if (it == sets.end()) {
        sets.push_back({pack, {}});
        it = sets.end() - 1;
      }
      it->second.push_back(i);
    }
    for (const auto& [name, ids] : sets) {
      if (ids.empty()) continue;
      std::vector<const char*> expressions;
      std::vector<unsigned> flags, hs_ids;
      for (size_t i : ids) {
        expressions.push_back(data.patterns[i].expression.c_str());
        flags.push_back(data.patterns[i].hs_flags());
        hs_ids.push_back(static_cast<unsigned>(i));
      }
      hs_database_t* db = nullptr;
      hs_compile_error_t* error = nullptr;
      if (hs_compile_multi(expressions.data(), flags.data(), hs_ids.data(), static_cast<unsigned>(ids.size()),
                           HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
        hs_free_compile_error(error);
        continue;
      }
      hs_scratch_t* scratch = nullptr;
      hs_alloc_scratch(db, &scratch);
      size_t hits = 0;
      const double before = cpu_seconds();
      hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, count_match, &hits);
      const double ms = (cpu_seconds() - before) * 1000;
      std::printf("%8.1f ms %10zu hits %6zu patterns  %s (over the whole corpus)\n", ms, hits, ids.size(), name.c_str());
      if (name == "literal-gated") literal_gate_cost(data, db, scratch, text);
      hs_free_scratch(scratch);
      hs_free_database(db);
    }
    // The digit-gated groups as the scanner runs them: their own database in
    // their own windows (rare_byte_gate.hpp) over the corpus as one block.
    std::vector<uint32_t> gates;
    find_gate_bytes(text, gates);
    hs_scratch_t* scratch = nullptr;
    for (uint8_t g = 0; g < kScanGroups; ++g) {
      if (data.groups[g].database) hs_alloc_scratch(data.groups[g].database, &scratch);
    }
    for (uint8_t g = 0; g < kScanGroups; ++g) {
      const auto& group = data.groups[g];
      if (!group.database || (g != kNearGateBounded && g < kNearDigitsFirst)) continue;
      std::vector<GateWindow> windows;
      DigitLayout digit_layout;
      DigitWindowScratch digit_scratch;
      size_t hits = 0, covered = 0;
      double ms = 1e9;
      for (int round = 0; round < 7; ++round) {  // the best of 7: the shared box is noisy
        const double before = cpu_seconds();
        windows.clear();
        if (g == kNearGateBounded) bounded_windows(gates, text.size(), group.max_width, windows);
        else {
          digit_layout.find(text, gates);
          digit_windows(digit_layout, group.min_digit_run, group.min_digits, group.max_width, windows, digit_scratch);
        }
        hits = covered = 0;
        for (const GateWindow& w : windows) {
          hs_scan(group.database, text.data() + w.begin, static_cast<unsigned>(w.end - w.begin), 0, scratch,
                  count_match, &hits);
          covered += w.end - w.begin;
        }
        ms = std::min(ms, (cpu_seconds() - before) * 1000);
      }
      std::printf("%8.1f ms %10zu hits %6zu windows %5.1f %% of the text  %s in its windows\n", ms, hits,
                  windows.size(), 100.0 * static_cast<double>(covered) / static_cast<double>(text.size()),
                  sets[g].first.c_str());
      // What each member proves (regex_shape.hpp), for choosing the classes.
      for (size_t i = 0; i < data.patterns.size(); ++i) {
        const PatternEntry& p = data.patterns[i];
        if (p.group != g) continue;
        const RegexShape shape = analyse_regex(p.expression, p.caseless, gate_bytes());
        std::printf("           run %2u, digits %2u, width %2u  %s  %.80s\n", shape.min_digit_run, shape.min_digits,
                    p.max_width, data.policy.rules[p.rule].id.c_str(), p.expression.c_str());
      }
    }
    hs_free_scratch(scratch);
    return 0;
  }
  if (gates) {
    for (size_t i = 0; i < data.patterns.size(); ++i) {
      const PatternEntry& p = data.patterns[i];
      if (p.group != kLiteralGated) continue;
      std::printf("%-32s %.60s\n    own: %.300s\n    gate: %.300s\n", data.policy.rules[p.rule].id.c_str(),
                  p.expression.c_str(), to_string(required_literals(p.expression, p.caseless)).c_str(),
                  data.literal_gate.formula_text[p.gate_formula].c_str());
    }
    const LiteralGate& gate = data.literal_gate;
    std::printf("%zu atoms, %zu distinct gate formulas\n", gate.atoms.size(), gate.clauses_in_formula.size());
    return 0;
  }
  std::vector<Cost> costs;
  double total = 0;
  for (size_t i = 0; i < data.patterns.size(); ++i) {
    const PatternEntry& p = data.patterns[i];
    // As if run over the whole text; only kEverywhere patterns are (the
    // others run in windows: near rare bytes, spelled-out letters or where
    // their folded literal occurs).
    Cost cost;
    cost.pattern = i;
    cost.form = p.group == kEverywhere ? "everywhere" : p.group == kFoldedTerms ? "folded" : "gated";
    if (!time_expression(p.expression, p.hs_flags(), text, cost)) continue;
    total += cost.ms;
    costs.push_back(cost);
  }
  std::sort(costs.begin(), costs.end(), [](const Cost& a, const Cost& b) { return a.ms > b.ms; });
  std::printf("%zu patterns, sum of single-pattern scans %.1f ms over %zu bytes\n", costs.size(), total, text.size());
  for (size_t k = 0; k < costs.size() && k < top; ++k) {
    const PatternEntry& p = data.patterns[costs[k].pattern];
    std::printf("%8.2f ms %8zu hits  %-10s %-32s %.100s\n", costs[k].ms, costs[k].hits, costs[k].form,
                data.policy.rules[p.rule].id.c_str(), p.expression.c_str());
  }
  return 0;
}
