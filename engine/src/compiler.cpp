// Compiles a policy: every rule kind emits its patterns, which go into one
// Hyperscan database per scan group (scan_groups.hpp: everywhere, or only
// near rare bytes, folded literals, spelled-out letters or '*'), so one pass
// of each finds candidates for every rule. Each pattern is checked by both engines first, so a pattern RE2
// would refuse at confirmation time is a policy error, not a silent miss.
#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdlib>

#include <fmt/format.h>

#include "ascii_case.hpp"
#include "bounded_compile.hpp"
#include "db_cache.hpp"
#include "kinds/rule_kinds.hpp"
#include "pattern_anchors.hpp"
#include "policy_cache.hpp"
#include "scan_groups.hpp"
#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "text_window.hpp"

namespace policycheck {
namespace {

RuleRuntime prepare_runtime(const Rule& rule) {
  RuleRuntime runtime;
  if (!rule.validator.empty()) runtime.validator = find_validator(rule.validator);
  for (const std::string& e : rule.exceptions) runtime.exceptions.push_back(ascii_lowercase(e));
  for (const std::string& a : rule.allow.patterns) runtime.allow.push_back(std::make_unique<RE2>(a, confirm_options(true)));
  for (const std::string& w : rule.context.words) runtime.context_phrases.push_back(split_words(w));
  for (const std::string& w : rule.unless.words) runtime.unless_phrases.push_back(split_words(w));
  if (rule.kind == RuleKind::names) runtime.names = build_names_matcher(rule);
  if (rule.kind == RuleKind::near && rule.near.roster) runtime.roster_people = build_roster_people(rule);
  for (const std::string& w : rule.near.not_between) runtime.not_between_phrases.push_back(split_words(w));
  for (const std::string& w : rule.near.hedges) runtime.hedge_phrases.push_back(split_words(w));
  return runtime;
}

// Allow patterns run only in RE2, on every start (they are not in the
// cached database), so they are checked every time.
void check_allow_patterns(const CompiledPolicyData& data, std::vector<PolicyIssue>& issues) {
  for (size_t r = 0; r < data.rules.size(); ++r) {
    const Rule& rule = data.policy.rules[r];
    for (size_t i = 0; i < data.rules[r].allow.size(); ++i) {
      if (data.rules[r].allow[i]->ok()) continue;
      const SourceLocation where = i < rule.allow.pattern_locations.size() ? rule.allow.pattern_locations[i] : rule.location;
      issues.push_back({where, rule.id, "invalid allow pattern '" + rule.allow.patterns[i] + "': " + data.rules[r].allow[i]->error()});
    }
  }
}

PolicyIssue compile_timeout_issue(const CompileOptions& options) {
  return {{}, "", fmt::format("compiling the policy took longer than {:g} s", options.compile_timeout_seconds) +
                      " (--compile-timeout): simplify large bounded repeats such as {1,500} or split the rule"};
}

// Checks each pattern with both engines and records its width, which the
// confirmer needs to know how far back a match can start. Checking is part
// of compiling: a hostile pack of wide repeats makes each check slow too,
// so the --compile-timeout deadline is watched between patterns.
void check_patterns(CompiledPolicyData& data, std::vector<PolicyIssue>& issues, const CompileOptions& options,
                    std::chrono::steady_clock::time_point deadline) {
  for (PatternEntry& p : data.patterns) {
    if (options.compile_timeout_seconds > 0 && std::chrono::steady_clock::now() > deadline) {
      throw PolicyError({compile_timeout_issue(options)});
    }
    const std::string& rule_id = data.policy.rules[p.rule].id;
    RE2 re(p.expression, confirm_options(p.caseless));
    if (!re.ok()) {
      issues.push_back({p.location, rule_id, "invalid pattern '" + p.expression + "': " + re.error() +
                                                 " (look-arounds and back-references are not supported)"});
      continue;
    }
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* error = nullptr;
    if (hs_expression_info(p.expression.c_str(), p.hs_flags(), &info, &error) != HS_SUCCESS) {
      issues.push_back({p.location, rule_id,
                        "pattern '" + p.expression + "' is not supported by Hyperscan: " + error->message});
      hs_free_compile_error(error);
      continue;
    }
    p.min_width = info->min_width;
    p.max_width = info->max_width == UINT_MAX ? kUnboundedWidth : info->max_width;
    std::free(info);
    if (p.min_width == 0) {
      issues.push_back({p.location, rule_id, "pattern '" + p.expression + "' can match empty text"});
    }
  }
}

// What is left of the compile deadline for Hyperscan, at least a tenth of
// a second (0 keeps "no limit").
double remaining_seconds(const CompileOptions& options, std::chrono::steady_clock::time_point deadline) {
  if (options.compile_timeout_seconds <= 0) return 0;
  const std::chrono::duration<double> left = deadline - std::chrono::steady_clock::now();
  return std::max(0.1, left.count());
}

// Compiles the patterns of one scan group into its database, within what is
// left of the compile deadline.
template <typename In>
void compile_patterns(CompiledPolicyData& data, In&& in, hs_database_t** out, const CompileOptions& options,
                      std::chrono::steady_clock::time_point deadline) {
  std::vector<const char*> expressions;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  for (size_t i = 0; i < data.patterns.size(); ++i) {
    const PatternEntry& p = data.patterns[i];
    if (!in(p)) continue;
    expressions.push_back(p.expression.c_str());
    flags.push_back(p.hs_flags());
    ids.push_back(static_cast<unsigned>(i));
  }
  if (expressions.empty()) return;
  const BoundedCompileResult result =
      compile_bounded(expressions, flags, ids, remaining_seconds(options, deadline));
  if (!result.database) {
    PolicyIssue issue;
    if (result.timed_out) {
      issue = compile_timeout_issue(options);
    } else {
      issue.message = "Hyperscan could not compile the policy: " + result.error;
    }
    // The failed expression is an index into this group's list.
    if (result.failed_expression >= 0 && static_cast<size_t>(result.failed_expression) < ids.size()) {
      const PatternEntry& p = data.patterns[ids[static_cast<size_t>(result.failed_expression)]];
      issue.location = p.location;
      issue.rule_id = data.policy.rules[p.rule].id;
    }
    throw PolicyError({issue});
  }
  *out = result.database;
}

void compile_group(CompiledPolicyData& data, uint8_t group, const CompileOptions& options,
                   std::chrono::steady_clock::time_point deadline) {
  if (group == kLiteralGated) {  // one database per rule (LiteralGate::subgroups)
    LiteralGate& gate = data.literal_gate;
    for (uint32_t s = 0; s < gate.subgroups.size(); ++s) {
      compile_patterns(
          data, [&](const PatternEntry& p) { return p.group == kLiteralGated && p.gate_subgroup == s; },
          &gate.subgroups[s].database, options, deadline);
    }
    return;
  }
  compile_patterns(data, [&](const PatternEntry& p) { return p.group == group; }, &data.groups[group].database,
                   options, deadline);
}

size_t total_database_bytes(const CompiledPolicyData& data) {
  size_t total = 0;
  for (const auto& g : data.groups) {
    size_t size = 0;
    if (g.database && hs_database_size(g.database, &size) == HS_SUCCESS) total += size;
  }
  std::vector<const hs_database_t*> more{data.folded_literal_database, data.literal_gate.database};
  for (const auto& g : data.literal_gate.subgroups) more.push_back(g.database);
  for (const hs_database_t* db : more) {
    size_t size = 0;
    if (db && hs_database_size(db, &size) == HS_SUCCESS) total += size;
  }
  return total;
}

// The literals of the folded terms, matched exactly in the folded text
// (which is lower case already): a literal matcher compiles in milliseconds.
void compile_folded_literals(CompiledPolicyData& data) {
  if (data.folded_literals.empty()) return;
  std::vector<const char*> literals;
  std::vector<size_t> lengths;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < data.folded_literals.size(); ++i) {
    literals.push_back(data.folded_literals[i].data());
    lengths.push_back(data.folded_literals[i].size());
    flags.push_back(0);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(literals.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(literals.size()), HS_MODE_BLOCK, nullptr,
                           &data.folded_literal_database, &error) != HS_SUCCESS) {
    const std::string message = error ? error->message : "unknown error";
    hs_free_compile_error(error);
    throw PolicyError({{{}, "", "Hyperscan could not compile the folded term literals: " + message}});
  }
}

// The atoms of the literal gate (scan_groups.hpp), caseless or exact as
// each needs; ids index LiteralGate::atoms.
void compile_gate_atoms(CompiledPolicyData& data) {
  LiteralGate& gate = data.literal_gate;
  if (gate.atoms.empty()) return;
  std::vector<const char*> literals;
  std::vector<size_t> lengths;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < gate.atoms.size(); ++i) {
    literals.push_back(gate.atoms[i].text.data());
    lengths.push_back(gate.atoms[i].text.size());
    flags.push_back(gate.atoms[i].case_sensitive ? 0u : HS_FLAG_CASELESS);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(literals.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(literals.size()), HS_MODE_BLOCK, nullptr, &gate.database,
                           &error) != HS_SUCCESS) {
    const std::string message = error ? error->message : "unknown error";
    hs_free_compile_error(error);
    throw PolicyError({{{}, "", "Hyperscan could not compile the literal gate: " + message}});
  }
}

void compile_database(CompiledPolicyData& data, const CompileOptions& options,
                      std::chrono::steady_clock::time_point deadline) {
  for (uint8_t group = 0; group < kScanGroups; ++group) compile_group(data, group, options, deadline);
  compile_folded_literals(data);
  compile_gate_atoms(data);
  const size_t size = total_database_bytes(data);
  if (size > options.max_database_bytes) {
    throw PolicyError({{{}, "", "the compiled database is " + std::to_string(size >> 20) +
                                    " MiB, over the limit of " + std::to_string(options.max_database_bytes >> 20) +
                                    " MiB (--max-database-size)"}});
  }
}

}  // namespace

CompiledPolicy::~CompiledPolicy() = default;

const Policy& CompiledPolicy::policy() const { return data_->policy; }
const CompileStats& CompiledPolicy::stats() const { return data_->stats; }

namespace {

// What every rule needs after its patterns hit, and a confirmer slot per
// pattern: built on every start, from either cache too.
void prepare_rules(CompiledPolicyData& data) {
  data.rules.reserve(data.policy.rules.size());
  for (const Rule& rule : data.policy.rules) data.rules.push_back(prepare_runtime(rule));
  data.confirmers.resize(data.patterns.size());
  for (auto& c : data.confirmers) c = std::make_unique<LazyConfirmer>();
  data.stats.patterns = data.patterns.size();
}

std::filesystem::path cache_dir_of(const CompileOptions& options) {
  return options.cache_dir.empty() ? default_cache_dir() : options.cache_dir;
}

// The databases from the database cache under data.stats.cache_key, or
// compiled (and stored there) when it has none.
void load_or_compile_databases(CompiledPolicyData& data, const CompileOptions& options,
                               std::chrono::steady_clock::time_point started) {
  if (data.patterns.empty()) return;
  const std::filesystem::path dir = cache_dir_of(options);
  if (options.use_cache && load_cached_database(dir, data.stats.cache_key, data)) {
    data.stats.from_cache = true;
  } else {
    const auto deadline = started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                        std::chrono::duration<double>(options.compile_timeout_seconds));
    std::vector<PolicyIssue> issues;
    check_patterns(data, issues, options, deadline);
    if (!issues.empty()) throw PolicyError(std::move(issues));
    assign_scan_groups(data);
    compile_database(data, options, deadline);
    if (options.use_cache) store_cached_database(dir, data.stats.cache_key, data);
  }
  data.stats.database_bytes = total_database_bytes(data);
  data.stats.gated_patterns = static_cast<size_t>(std::count_if(
      data.patterns.begin(), data.patterns.end(), [](const PatternEntry& p) { return p.group != kEverywhere; }));
}

void finish_stats(CompiledPolicyData& data, std::chrono::steady_clock::time_point started) {
  data.stats.compile_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace

std::shared_ptr<const CompiledPolicy> CompiledPolicy::compile(Policy policy, const CompileOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  std::shared_ptr<CompiledPolicy> compiled(new CompiledPolicy());
  compiled->data_ = std::make_unique<CompiledPolicyData>();
  CompiledPolicyData& data = *compiled->data_;
  data.policy = std::move(policy);
  for (size_t i = 0; i < data.policy.rules.size(); ++i) {
    emit_patterns(data.policy.rules[i], static_cast<uint32_t>(i), data.patterns);
  }
  data.joinable = std::none_of(data.patterns.begin(), data.patterns.end(),
                               [](const PatternEntry& p) { return depends_on_buffer_edges(p.expression); });
  prepare_rules(data);
  {
    std::vector<PolicyIssue> issues;
    check_allow_patterns(data, issues);
    if (!issues.empty()) throw PolicyError(std::move(issues));
  }
  const bool store_policy = options.use_cache && !options.policy_key.empty();
  // Encoded as emitted, before the database cache fills in widths and groups.
  const std::string encoded = store_policy ? encode_loaded_policy(data) : std::string();
  if (!data.patterns.empty()) data.stats.cache_key = database_cache_key(data.patterns, data.policy.rules);
  load_or_compile_databases(data, options, started);
  // Stored only once everything compiled: a policy with errors is never cached.
  if (store_policy) {
    store_cached_policy(cache_dir_of(options), options.policy_key, options.policy_files, data.stats.cache_key,
                        data.joinable, encoded);
  }
  finish_stats(data, started);
  return compiled;
}

std::shared_ptr<const CompiledPolicy> CompiledPolicy::from_cache(const CompileOptions& options) {
  if (!options.use_cache || options.policy_key.empty()) return nullptr;
  const auto started = std::chrono::steady_clock::now();
  std::shared_ptr<CompiledPolicy> compiled(new CompiledPolicy());
  compiled->data_ = std::make_unique<CompiledPolicyData>();
  CompiledPolicyData& data = *compiled->data_;
  if (!load_cached_policy(cache_dir_of(options), options.policy_key, data)) return nullptr;
  prepare_rules(data);
  load_or_compile_databases(data, options, started);
  finish_stats(data, started);
  return compiled;
}

}  // namespace policycheck
