#pragma once
// A finding: one place in the input that breaks a rule. Every output format is
// a pure function of a list of findings (see DESIGN.md for the contract).
#include <cstdint>
#include <string>
#include <vector>

#include "policycheck/record.hpp"
#include "policycheck/severity.hpp"

namespace policycheck {

struct Finding {
  std::string rule;        // e.g. personal-data/phone-uk
  std::string category;    // the pack's category, e.g. personal-data
  Severity severity = Severity::error;
  double confidence = 1.0; // 0..1
  std::string message;
  std::string suggestion;
  // Text that may replace the match as it stands (`policycheck fix`), e.g.
  // "Alex K." for a pupil's full name; empty when there is none to offer.
  std::string replacement;
  std::string policy_ref;
  std::string path;
  RecordInfo record;
  // 1-based; columns count Unicode code points; end_column is exclusive (the
  // column after the last character), as in SARIF.
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t end_line = 0;
  uint32_t end_column = 0;
  // Byte offsets in the original file, end exclusive.
  uint64_t byte_start = 0;
  uint64_t byte_end = 0;
  std::string match;        // the matched text; reporters decide whether to show it
  bool personal_data = false;  // the match itself is personal data: redact it
  std::string fingerprint;  // keyed hash, stable across line moves
  std::vector<std::string> reasons;  // why: "validator nhs passed", "context: call"
  // Offsets inside the record text.
  uint64_t text_start = 0;
  uint64_t text_end = 0;
  // The line of record text holding the match, and the match's code-point
  // columns in it (0-based, end clipped to the line), for reporters that
  // show the line with the match underlined.
  std::string snippet;
  uint32_t snippet_start = 0;
  uint32_t snippet_end = 0;
};

}  // namespace policycheck
