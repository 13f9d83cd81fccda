#pragma once
// RFC 4180 records cut from a LineStream: a quoted field may hold the
// delimiter, doubled quotes and line breaks, so one record can span several
// physical lines. Fields remember where their content starts in the record's
// buffer, so text taken from them maps back to the file exactly.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "line_stream.hpp"
#include "source_text.hpp"

namespace policycheck::inputs {

struct CsvField {
  size_t begin = 0;  // content, without the enclosing quotes, in the record buffer
  size_t end = 0;
  bool quoted = false;
};

class CsvRecords {
 public:
  static constexpr size_t kMaxRecord = 16u << 20;

  CsvRecords(LineStream& lines, char delimiter) : lines_(lines), delimiter_(delimiter) {}

  // The next record; false at the end of input or after an error (see error()).
  bool next();

  std::string_view buffer() const { return buffer_; }
  uint64_t offset() const { return offset_; }  // of the record's first byte in the file
  uint32_t line() const { return line_; }      // the record's first line
  const std::vector<CsvField>& fields() const { return fields_; }
  bool blank() const;  // a record of one empty field: an empty line

  // The field's value with doubled quotes collapsed.
  std::string value(size_t index) const;
  // Appends the field's value to `out`; every character maps to its own byte.
  void append(TextBuilder& out, size_t index) const;
  // File offset of a byte inside the record buffer.
  uint64_t file_offset(size_t buffer_pos) const { return offset_ + buffer_pos; }

  const std::string& error() const { return error_; }
  uint32_t error_line() const { return error_line_; }

 private:
  LineStream& lines_;
  char delimiter_;
  std::string buffer_;
  uint64_t offset_ = 0;
  uint32_t line_ = 0;
  std::vector<CsvField> fields_;
  std::string error_;
  uint32_t error_line_ = 0;
};

// The delimiter a header line uses: the most frequent of , ; and tab outside
// quotes (comma on a tie). Excel writes ';' where the decimal mark is a comma.
char detect_csv_delimiter(std::string_view header_line);

}  // namespace policycheck::inputs
