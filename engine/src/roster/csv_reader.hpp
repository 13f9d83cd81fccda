#pragma once
// RFC 4180 CSV records: fields separated by a delimiter, optionally quoted
// with '"', a doubled quote standing for one quote, and line breaks (CRLF or
// LF) allowed inside quoted fields. Blank lines are skipped.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace policycheck::csv {

struct CsvRecord {
  std::vector<std::string> fields;
  size_t number = 0;  // 1-based record number, blank lines not counted
  size_t line = 0;    // 1-based line the record starts on
};

enum class CsvProblem { none, unterminated_quote, text_after_closing_quote };

class CsvReader {
 public:
  CsvReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

  // Reads the next record; false at the end of the text or on a problem
  // (see problem()), which leaves `record.number` and `record.line` set.
  bool next(CsvRecord& record);
  CsvProblem problem() const { return problem_; }

 private:
  std::string_view text_;
  char delimiter_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t records_ = 0;
  CsvProblem problem_ = CsvProblem::none;
};

// The delimiter a spreadsheet most likely used: ',' unless the first line has
// no commas but has semicolons (European Excel) or tabs.
char guess_delimiter(std::string_view text);

}  // namespace policycheck::csv
