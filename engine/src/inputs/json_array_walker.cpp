#include "json_array_walker.hpp"

#include <algorithm>
#include <optional>

#include "../utf8.hpp"

namespace policycheck::inputs {
namespace {

constexpr size_t kChunk = 1 << 20;
constexpr size_t kMaxKey = 4096;
constexpr size_t kPrefixSearch = 64 * 1024;  // where "window.YTD....=" must be found

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// `cut`, moved back to the start of a UTF-8 sequence it would split (the
// buffer may end mid-sequence): columns are counted on either side of it.
size_t sequence_boundary(std::string_view buffer, size_t cut) {
  size_t lead = cut;
  while (lead > 0 && cut - lead < 4 && (static_cast<unsigned char>(buffer[lead - 1]) & 0xC0) == 0x80) --lead;
  if (lead == 0) return cut;
  const auto byte = static_cast<unsigned char>(buffer[lead - 1]);
  const size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
  return cut - (lead - 1) < length ? lead - 1 : cut;
}

// Where the tokenizer lost track of the structure, and why.
struct Damage {
  uint32_t line = 0;
  std::string what;
};

class Walker {
 public:
  Walker(ReadContext& ctx, ByteSource& source, const JsonWalk& walk) : ctx_(ctx), source_(source), walk_(walk) {}

  size_t run() {
    if (!more()) {
      ctx_.error(1, "empty file: no JSON");
      return 0;
    }
    if (buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) step(3);
    if (walk_.javascript_prefix && !skip_javascript_prefix()) return 0;
    skip_space();
    const int c = peek();
    if (c == '[') {
      ++lists_;
      walk_array("");
    } else if (c == '{') {
      walk_wrapper();
    } else {
      ctx_.error(line_, c < 0 ? "no JSON value: the file ends first" : "invalid JSON: expected a JSON object or array");
    }
    return lists_;
  }

 private:
  // --- the buffer ----------------------------------------------------------
  // buf_ holds the file from buf_offset_; pos_ is the next byte to read.
  // Bytes before pos_ are dropped on the next refill unless an element being
  // cut out starts there (keep_from_).

  bool more() { return pos_ < buf_.size() || refill(); }
  int peek() { return more() ? static_cast<unsigned char>(buf_[pos_]) : -1; }
  uint64_t file_pos() const { return buf_offset_ + pos_; }

  bool refill() {
    size_t keep = keep_from_ ? std::min(*keep_from_, pos_) : pos_;
    if (keep >= kChunk || (keep > 0 && keep == buf_.size())) {
      keep = sequence_boundary(buf_, keep);
      // Columns count from the line start, which may be about to go: carry
      // the count up to the cut forward.
      if (anchor_offset_ < buf_offset_ + keep) column_at(buf_offset_ + keep);
      buf_.erase(0, keep);
      buf_offset_ += keep;
      pos_ -= keep;
      if (keep_from_) *keep_from_ -= keep;
    }
    return source_.append_to(buf_, kChunk) > 0;
  }

  // Moves past n buffered bytes, counting lines (LF, CR LF, lone CR).
  void step(size_t n) {
    for (size_t end = pos_ + n; pos_ < end; ++pos_) {
      const char c = buf_[pos_];
      if (c == '\n' || (c == '\r' && !(pos_ + 1 < buf_.size() && buf_[pos_ + 1] == '\n'))) new_line(pos_ + 1);
    }
  }
  void new_line(size_t next_line_start) {
    ++line_;
    line_start_ = buf_offset_ + next_line_start;
    anchor_offset_ = line_start_;
    anchor_column_ = 1;
  }

  // The code-point column of a file offset on the current line, counted on
  // from the last answer so a single-line file is not counted quadratically.
  uint32_t column_at(uint64_t offset) {
    const size_t from = static_cast<size_t>(anchor_offset_ - buf_offset_);
    const size_t to = static_cast<size_t>(offset - buf_offset_);
    anchor_column_ += static_cast<uint32_t>(utf8::count_code_points(std::string_view(buf_).substr(from, to - from)));
    anchor_offset_ = offset;
    return anchor_column_;
  }

  void skip_space() {
    while (more()) {
      const char c = buf_[pos_];
      if (!is_space(c)) return;
      if (c == '\r' && pos_ + 1 == buf_.size()) refill();  // CR LF split across reads counts once
      step(1);
    }
  }

  bool skip_javascript_prefix() {
    while (buf_.size() < kPrefixSearch && refill()) {
    }
    const std::string_view head = std::string_view(buf_).substr(0, kPrefixSearch);
    const size_t prefix = head.find("window.YTD.");
    const size_t equals = prefix == std::string_view::npos ? prefix : head.find('=', prefix);
    if (equals == std::string_view::npos) {
      ctx_.error(1, "not an X/Twitter archive file: no \"window.YTD.<name>.partN =\" prefix");
      return false;
    }
    step(equals + 1 - pos_);
    return true;
  }

  // --- structure -------------------------------------------------------------

  // {"key": [...], "other": ...}: record lists are the wanted keys' arrays.
  void walk_wrapper() {
    step(1);  // '{'
    skip_space();
    if (peek() == '}') return;
    while (true) {
      skip_space();
      std::string key;
      if (!read_key(key)) return;
      skip_space();
      if (peek() == '[' && walk_.wanted_list(key)) {
        ++lists_;
        if (!walk_array(key)) return;
      } else if (const auto damage = scan_value(false)) {
        report(*damage, "");
        return;
      }
      skip_space();
      const int c = peek();
      if (c == ',') {
        step(1);
        continue;
      }
      if (c != '}') ctx_.error(line_, "invalid JSON: expected ',' or '}' after a list");
      return;
    }
  }

  bool read_key(std::string& key) {
    if (peek() != '"') {
      ctx_.error(line_, "invalid JSON: expected a string key");
      return false;
    }
    keep_from_ = pos_;
    const auto damage = scan_string();
    if (damage || !keep_from_ || pos_ - *keep_from_ > kMaxKey) {
      keep_from_.reset();
      ctx_.error(line_, damage ? "invalid JSON: " + damage->what : "invalid JSON: a key longer than 4 KiB");
      return false;
    }
    const size_t start = *keep_from_;
    keep_from_.reset();
    key = decode_json_string(std::string_view(buf_).substr(start + 1, pos_ - start - 2));
    skip_space();
    if (peek() != ':') {
      ctx_.error(line_, "invalid JSON: expected ':' after a key");
      return false;
    }
    step(1);
    return true;
  }

  // Walks one record array. False when the rest of the file cannot be read.
  bool walk_array(std::string_view list) {
    step(1);  // '['
    skip_space();
    if (peek() == ']') {
      step(1);
      return true;
    }
    size_t index = 0;
    while (true) {
      skip_space();
      if (peek() < 0) {
        ctx_.error(line_, "invalid JSON: the file ends inside the list of records (after record " +
                              std::to_string(index) + ")");
        return false;
      }
      const Outcome outcome = element(list, index++);
      if (outcome == Outcome::stop) return false;
      if (outcome == Outcome::resynchronised) continue;
      skip_space();
      const int c = peek();
      if (c == ',') {
        step(1);
        continue;
      }
      if (c == ']') {
        step(1);
        return true;
      }
      ctx_.error(line_, std::string("invalid JSON: ") +
                            (c < 0 ? "the file ends inside the list of records" : "expected ',' or ']' after a record") +
                            " (after record " + std::to_string(index - 1) + describe_list(list) + ")");
      if (c < 0 || !resynchronise()) return false;
    }
  }

  enum class Outcome { read, resynchronised, stop };

  // Cuts out, parses and hands over one element; on damage, reports it and
  // resynchronises on the next element.
  Outcome element(std::string_view list, size_t index) {
    const uint64_t start = file_pos();
    const uint32_t start_line = line_;
    const TextPosition start_position{line_, column_at(start)};
    // Pretty-printed when only indentation precedes the element on its line:
    // then a line opening an element at that indentation can only be the
    // next element, whatever state a damaged one left the tokenizer in.
    indent_.reset();
    if (line_start_ >= buf_offset_) {
      const std::string_view lead = std::string_view(buf_).substr(line_start_ - buf_offset_, start - line_start_);
      if (lead.find_first_not_of(" \t") == std::string_view::npos) indent_ = std::string(lead);
    }
    keep_from_ = pos_;
    oversized_ = false;
    const std::optional<Damage> damage = scan_value(true);
    limit_kept();  // an element that fitted in the buffer may still be too large
    const std::string where = describe_list(list);
    if (damage) {
      keep_from_.reset();
      ctx_.error(damage->line, "invalid JSON: " + damage->what + " (in record " + std::to_string(index) + where +
                                   ", which starts on line " + std::to_string(start_line) + ")");
      return resynchronise() ? Outcome::resynchronised : Outcome::stop;
    }
    if (oversized_) {
      ctx_.error(start_line, "record " + std::to_string(index) + where + " is larger than the record limit of " +
                                 std::to_string(ctx_.options.limits.max_record_bytes) +
                                 " bytes (--max-record-size); skipped");
      return Outcome::read;
    }
    const std::string_view bytes = std::string_view(buf_).substr(*keep_from_, pos_ - *keep_from_);
    keep_from_.reset();
    const Positioner positions(bytes, start, start_position);
    JsonParser parser(bytes);
    JsonValue value;
    try {
      value = parser.parse_value();
    } catch (const JsonError& e) {
      ctx_.error(positions.line_at(start + e.offset), std::string("invalid JSON: ") + e.what() + " (in record " +
                                                          std::to_string(index) + where +
                                                          ", which starts on line " + std::to_string(start_line) +
                                                          ")");
      return Outcome::read;
    }
    walk_.each(JsonElement{bytes, start, positions, list, index}, value);
    return Outcome::read;
  }

  static std::string describe_list(std::string_view list) {
    return list.empty() ? std::string() : " of \"" + std::string(list) + "\"";
  }

  void report(const Damage& damage, std::string_view context) {
    ctx_.error(damage.line, "invalid JSON: " + damage.what + std::string(context));
  }

  // After damage in a pretty-printed file, moves to the next line opening an
  // element at the damaged one's indentation. In a single-line file, or when
  // there is none, reports what was left unread.
  bool resynchronise() {
    if (!indent_) {
      if (peek() >= 0) ctx_.error(line_, "the rest of the file after this error was not scanned");
      return false;
    }
    if (peek() == '{' && opens_next_element()) return true;  // damage ended right before the next element
    const std::string opener = *indent_ + "{";
    while (more()) {
      const char c = buf_[pos_];
      const bool at_line_start = file_pos() == line_start_;
      if (at_line_start) {
        while (buf_.size() - pos_ < opener.size() && refill()) {
        }
        if (std::string_view(buf_).substr(pos_, opener.size()) == opener) {
          step(indent_->size());
          return true;
        }
      }
      if (c == '\r' && pos_ + 1 == buf_.size()) refill();
      step(1);
    }
    return false;  // no further element: the damage was in the last one
  }

  // --- tokenizer ---------------------------------------------------------------

  // Moves past one JSON value, checking only what finding its end needs:
  // strings and escapes, and that brackets match. The parser checks the rest.
  // While `keep` is set the bytes stay buffered, up to the record limit.
  std::optional<Damage> scan_value(bool keep) {
    skip_space();
    const int first = peek();
    if (first < 0) return Damage{line_, "unexpected end of input"};
    if (first == '"') return scan_string();
    if (first != '{' && first != '[') {
      while (more() && !is_space(buf_[pos_]) && buf_[pos_] != ',' && buf_[pos_] != ']' && buf_[pos_] != '}') {
        ++pos_;
      }
      return std::nullopt;
    }
    std::vector<char> open;
    while (true) {
      if (pos_ >= buf_.size()) {
        if (keep) limit_kept();
        if (!refill()) return Damage{line_, "unexpected end of input"};
        continue;
      }
      const char c = buf_[pos_];
      switch (c) {
        case '"':
          if (auto damage = scan_string()) return damage;
          continue;
        case '{':
          if (keep && indent_ && !open.empty() && opens_next_element()) {
            return Damage{line_, "the record is not closed before the next one begins"};
          }
          [[fallthrough]];
        case '[':
          if (open.size() >= 512) return Damage{line_, "nesting too deep"};
          open.push_back(c == '{' ? '}' : ']');
          ++pos_;
          break;
        case '}':
        case ']':
          if (open.empty() || open.back() != c) {
            return Damage{line_, std::string("'") + c + "' does not close the open '" +
                                     (open.empty() ? "" : open.back() == '}' ? "{" : "[") + "'"};
          }
          open.pop_back();
          ++pos_;
          if (open.empty()) return std::nullopt;
          break;
        case '\n':
        case '\r':
          if (c == '\r' && pos_ + 1 == buf_.size()) refill();
          step(1);
          break;
        default:
          ++pos_;
      }
    }
  }

  // pos_ is at '{' inside an element: true when only the element's own
  // indentation precedes it on this line.
  bool opens_next_element() const {
    if (line_start_ < buf_offset_ || file_pos() - line_start_ != indent_->size()) return false;
    return std::string_view(buf_).substr(line_start_ - buf_offset_, indent_->size()) == *indent_;
  }

  // At an opening quote: moves past the string. A raw line break inside is
  // damage (JSON strings hold \n escapes, never line breaks): that is how an
  // unclosed quote shows itself at the end of its line.
  std::optional<Damage> scan_string() {
    ++pos_;
    while (true) {
      if (pos_ >= buf_.size()) {
        if (keep_from_) limit_kept();
        if (!refill()) return Damage{line_, "unterminated string at the end of the file"};
        continue;
      }
      const char c = buf_[pos_];
      if (c == '"') {
        ++pos_;
        return std::nullopt;
      }
      if (c == '\\') {
        if (pos_ + 1 >= buf_.size() && !refill()) return Damage{line_, "unterminated string at the end of the file"};
        pos_ += 2;
        continue;
      }
      if (c == '\n' || c == '\r') return Damage{line_, "unterminated string (a line break inside a string)"};
      ++pos_;
    }
  }

  // An element past the record limit stops being kept: it is skipped to its
  // end, reported, and memory stays bounded.
  void limit_kept() {
    if (!keep_from_ || pos_ - *keep_from_ <= ctx_.options.limits.max_record_bytes) return;
    oversized_ = true;
    keep_from_.reset();
  }

  ReadContext& ctx_;
  ByteSource& source_;
  const JsonWalk& walk_;
  std::string buf_;
  uint64_t buf_offset_ = 0;
  size_t pos_ = 0;
  std::optional<size_t> keep_from_;
  bool oversized_ = false;
  uint32_t line_ = 1;
  uint64_t line_start_ = 0;
  uint64_t anchor_offset_ = 0;
  uint32_t anchor_column_ = 1;
  std::optional<std::string> indent_;  // the current element's, when pretty-printed
  size_t lists_ = 0;
};

}  // namespace

std::string JsonElement::text(const JsonValue* value) const {
  if (!value || !value->is_string()) return {};
  return decode_json_string(value->raw_content(bytes));
}

size_t walk_json_archive(ReadContext& ctx, ByteSource& source, const JsonWalk& walk) {
  Walker walker(ctx, source, walk);
  return walker.run();
}

}  // namespace policycheck::inputs
