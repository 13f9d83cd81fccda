// Which patterns make a policy slow: every database pattern of the policy
// compiled on its own and run over the same text, slowest first. For policy
// authors and for deciding how the engine should split its databases.
//
//   pattern_cost [--policy FILE]... [--no-default-policy] [--top N] [--groups] CORPUS
//
// --groups: instead, each scan group's database (scan_groups.hpp) run over
// the whole corpus, and the everywhere group split by rule pack; then the
// digit-gated groups in their windows, as the scanner runs them (best of 7).
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

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> policies;
  bool builtin = true;
  bool groups = false;
  size_t top = 40;
  std::string corpus;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--policy" && i + 1 < argc) policies.push_back(argv[++i]);
    else if (arg == "--no-default-policy") builtin = false;
    else if (arg == "--top" && i + 1 < argc) top = std::stoul(argv[++i]);
    else if (arg == "--groups") groups = true;
    else corpus = arg;
  }
  if (corpus.empty()) {
    std::cerr << "usage: pattern_cost [--policy FILE]... [--no-default-policy] [--top N] CORPUS\n";
    return 2;
  }
  std::ifstream in(corpus, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  PolicyLoader loader;
  if (builtin) loader.add_builtin();
  for (const auto& p : policies) loader.add_file(p);
  const auto policy = CompiledPolicy::compile(loader.finish());
  const CompiledPolicyData& data = policy->data();
  if (groups) {
    // Each group, and the everywhere group per pack, compiled as one database.
    std::vector<std::pair<std::string, std::vector<size_t>>> sets;
    static const char* const kNames[] = {"everywhere", "near digits/@/* (bounded)", "near digits/@/* (runs)",
                                         "folded terms", "spelled-out letters", "masked (*)"};
    static_assert(std::size(kNames) == kNearDigitsFirst);
    for (uint8_t g = 0; g < kScanGroups; ++g) {
      if (g < kNearDigitsFirst) {
        sets.push_back({kNames[g], {}});
      } else {
        sets.push_back({"near runs of >= " + std::to_string(data.groups[g].min_digit_run) + " digits, <= " +
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
      size_t hits = 0, covered = 0;
      double ms = 1e9;
      for (int round = 0; round < 7; ++round) {  // the best of 7: the shared box is noisy
        const double before = cpu_seconds();
        windows.clear();
        if (g == kNearGateBounded) bounded_windows(gates, text.size(), group.max_width, windows);
        else digit_run_windows(text, gates, group.min_digit_run, group.max_width, windows);
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
    }
    hs_free_scratch(scratch);
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
