#include "csv_reader.hpp"

#include <algorithm>

namespace policycheck::csv {

char guess_delimiter(std::string_view text) {
  const std::string_view first = text.substr(0, text.find('\n'));
  if (first.find(',') != std::string_view::npos) return ',';
  if (first.find('\t') != std::string_view::npos) return '\t';
  if (first.find(';') != std::string_view::npos) return ';';
  return ',';
}

bool CsvReader::next(CsvRecord& record) {
  record.fields.clear();
  // Skip blank lines between records.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  record.number = ++records_;
  record.line = line_;

  std::string field;
  while (true) {
    field.clear();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      ++pos_;
      bool closed = false;
      while (pos_ < text_.size()) {
        const char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field += '"';
            ++pos_;
            continue;
          }
          closed = true;
          break;
        }
        if (c == '\n') ++line_;
        field += c;
      }
      if (!closed) {
        problem_ = CsvProblem::unterminated_quote;
        return false;
      }
      // Spaces after a closing quote are tolerated (spreadsheets pad);
      // anything else is a malformed field.
      while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
      if (pos_ < text_.size() && text_[pos_] != delimiter_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
        problem_ = CsvProblem::text_after_closing_quote;
        return false;
      }
    } else {
      while (pos_ < text_.size() && text_[pos_] != delimiter_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
        field += text_[pos_++];
      }
    }
    record.fields.push_back(field);
    if (pos_ < text_.size() && text_[pos_] == delimiter_) {
      ++pos_;
      continue;
    }
    // End of record: CRLF, LF, a lone CR, or the end of the text.
    if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') {
      ++pos_;
      ++line_;
    }
    return true;
  }
}

}  // namespace policycheck::csv
