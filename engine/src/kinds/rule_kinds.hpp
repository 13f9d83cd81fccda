#pragma once
// What each rule kind contributes: the patterns it puts in the database
// (compile time) and how its confirmed spans become findings (scan time).
#include <cstdint>
#include <vector>

#include "../compiled_policy_data.hpp"
#include "../record_scan.hpp"

namespace policycheck {

// Appends the Hyperscan patterns for `rule` (rule index `index`).
void emit_patterns(const Rule& rule, uint32_t index, std::vector<PatternEntry>& out);

// Whether a rule with required context puts its context phrases in the
// database as a gate (emit_patterns). Not when a phrase has no word of three
// letters or more ("s/c", "a/c", "d.o.b."): a gate on one-letter words wakes
// on nearly every record and costs more to scan for than reading the words
// around each candidate, and the gate must hold every phrase or none.
bool has_context_gate(const Rule& rule);

// How much of a rule's other side (its required, context or partner spans)
// its evaluate_* reads in a record, given whether the rule has a confirmed
// primary span there: nothing, only whether there is one, or every span
// in order (other_spans_read.cpp). The scanner confirms the other side's
// hits only as far as this says; the findings are the same.
enum class OtherSpansRead : uint8_t { none, any, all };
OtherSpansRead other_spans_read(const Rule& rule, bool has_primary);

// terms and pattern rules: every confirmed span is a candidate finding that
// exceptions, `unless`, validators and context then judge.
// `context_hits`: where the database found the rule's context phrases in
// the record when its context is required (see emit_patterns); null when not
// known, and each hit is then checked on its own.
void evaluate_span_rule(RecordScan& scan, uint32_t rule_index, const std::vector<Span>& spans,
                        const std::vector<Span>* context_hits = nullptr);

// require rules: a trigger without any of the required texts in the record.
void evaluate_require_rule(RecordScan& scan, uint32_t rule_index, const std::vector<Span>& triggers,
                           const std::vector<Span>& required);

// near rules: an `a:` span within the rule's distance of a `b:` span (same
// sentence by default) is a candidate finding covering both (near_rule.cpp).
void evaluate_near_rule(RecordScan& scan, uint32_t rule_index, const std::vector<Span>& a_spans,
                        const std::vector<Span>& b_spans);

// near rules whose `a:` includes the roster's pupils (NearSpec::roster).
std::shared_ptr<const RosterPeople> build_roster_people(const Rule& rule);

// names rules: roster surnames and forenames, or given names from a lexicon
// (names_build.cpp), and the hash tables that pair them at scan time.
void emit_names_patterns(const Rule& rule, uint32_t index, std::vector<PatternEntry>& out);
std::shared_ptr<const NamesMatcher> build_names_matcher(const Rule& rule);

// names rules: each confirmed name token becomes a full name, a consent
// check or a likely full name (names_rule.cpp, names_heuristic.cpp).
void evaluate_names_rule(RecordScan& scan, uint32_t rule_index, const std::vector<Span>& spans);

}  // namespace policycheck
