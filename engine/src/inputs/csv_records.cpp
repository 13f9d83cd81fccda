#include "csv_records.hpp"

namespace policycheck::inputs {

char detect_csv_delimiter(std::string_view header) {
  size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (tab > comma && tab > semicolon) return '\t';
  if (semicolon > comma) return ';';
  return ',';
}

bool CsvRecords::blank() const {
  return fields_.size() == 1 && fields_[0].begin == fields_[0].end && !fields_[0].quoted;
}

bool CsvRecords::next() {
  if (!error_.empty()) return false;
  buffer_.clear();
  fields_.clear();
  Line line;
  if (!lines_.next(line)) return false;
  offset_ = line.offset;
  line_ = line.number;
  buffer_.append(line.with_terminator);

  // A resumable scan: when a line ends inside quotes, the next line is
  // appended and the scan continues where it stopped.
  size_t i = 0;
  bool at_field_start = true, in_quotes = false, quoted = false;
  size_t field_begin = 0, quote_end = 0;
  while (true) {
    const size_t size = buffer_.size();
    for (; i < size; ++i) {
      const char c = buffer_[i];
      if (in_quotes) {
        if (c == '"') {
          if (i + 1 < size && buffer_[i + 1] == '"') {
            ++i;
          } else {
            in_quotes = false;
            quote_end = i;
          }
        }
        continue;
      }
      if (at_field_start) {
        at_field_start = false;
        quoted = c == '"';
        if (quoted) {
          in_quotes = true;
          field_begin = i + 1;
          continue;
        }
        field_begin = i;
      }
      if (c == delimiter_ || c == '\n' || c == '\r') {
        // Text after a closing quote ("a"b) is malformed; keep what was quoted.
        fields_.push_back({field_begin, quoted ? quote_end : i, quoted});
        if (c != delimiter_) return true;
        at_field_start = true;
      }
    }
    if (!in_quotes) {  // the last line had no terminator
      if (at_field_start) field_begin = size;
      fields_.push_back({field_begin, quoted ? quote_end : size, quoted});
      return true;
    }
    if (buffer_.size() > kMaxRecord) {
      error_ = "quoted field opened here runs past " + std::to_string(kMaxRecord >> 20) +
               " MiB (an unmatched '\"'?); the rest of the file was not scanned";
      error_line_ = line_;
      return false;
    }
    if (!lines_.next(line)) {
      error_ = "quoted field opened here is never closed (an unmatched '\"'); this record was not scanned";
      error_line_ = line_;
      return false;
    }
    buffer_.append(line.with_terminator);
  }
}

std::string CsvRecords::value(size_t index) const {
  const CsvField& f = fields_[index];
  std::string out;
  const std::string_view content = std::string_view(buffer_).substr(f.begin, f.end - f.begin);
  if (!f.quoted) return std::string(content);
  for (size_t i = 0; i < content.size(); ++i) {
    out += content[i];
    if (content[i] == '"' && i + 1 < content.size() && content[i + 1] == '"') ++i;
  }
  return out;
}

void CsvRecords::append(TextBuilder& out, size_t index) const {
  const CsvField& f = fields_[index];
  const std::string_view content = std::string_view(buffer_).substr(f.begin, f.end - f.begin);
  size_t run = 0;
  if (f.quoted) {
    // "" stands for one quote: keep the first byte of the pair, skip the second.
    for (size_t q = content.find("\"\""); q != std::string_view::npos; q = content.find("\"\"", run)) {
      out.verbatim(content.substr(run, q + 1 - run), file_offset(f.begin + run));
      run = q + 2;
    }
  }
  out.verbatim(content.substr(run), file_offset(f.begin + run));
}

}  // namespace policycheck::inputs
