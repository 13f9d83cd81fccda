// Plain text: UTF-8 (with or without a BOM) or UTF-16 with a BOM, streamed.
// A draft, the common case, is one record, exactly as it was written: rules
// that look at a whole post (a disclaimer required when the school is named)
// see all of it. Text beyond kRecordBytes (a log, an exported chat pasted
// into one file, stdin that keeps coming) is cut into records between
// paragraphs, so memory stays bounded whatever the size: a record ends at
// the first blank line after kRecordBytes, or at any line end once it would
// pass the hard limit. Line numbers and columns always count from the start
// of the file.
#include "../utf8.hpp"
#include "reader.hpp"

namespace policycheck {
namespace inputs {
namespace {

constexpr size_t kRecordBytes = 1 << 20;
constexpr size_t kHardRecordBytes = 16u << 20;
constexpr size_t kChunk = 1 << 20;

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos; }

// Gathers lines into records and decides where one ends.
class RecordCutter {
 public:
  explicit RecordCutter(ReadContext& ctx)
      : ctx_(ctx), hard_limit_(static_cast<size_t>(std::min<uint64_t>(kHardRecordBytes,
                                                                         ctx.options.limits.max_record_bytes))) {}

  // Before a line of `bytes` (as UTF-8) is added: ends the record when the
  // line would take it past the hard limit.
  void before_line(size_t bytes) {
    if (!text_.empty() && text_.size() + bytes > hard_limit_) flush();
  }
  // After a line: a blank line past kRecordBytes ends the record.
  void after_line(bool was_blank) {
    if (was_blank && text_.size() >= kRecordBytes) flush();
  }

  std::string& text() { return text_; }
  SourceMap& map() { return record_.map; }
  void start_at(uint32_t line) {
    if (text_.empty()) first_line_ = line;
  }
  void repaired_utf8(uint32_t line) {
    if (!ctx_.warned_utf8) {
      ctx_.warned_utf8 = true;
      ctx_.notice(line, "invalid UTF-8 replaced by U+FFFD for scanning");
    }
  }

  // Ends the current record (at a limit, or at the end of input). Once a
  // file is cut, each record is named by the line it starts on.
  void flush(bool at_end = false) {
    if (!at_end) cut_ = true;
    if (text_.empty() && !(at_end && parts_ == 0)) return;  // an empty file still yields its record
    ++parts_;
    record_.path = ctx_.path;
    if (cut_) record_.info.id = "from line " + std::to_string(first_line_);
    record_.text = text_;
    ctx_.emit(record_);
    text_.clear();
    record_ = Record{};
  }
  void finish() { flush(true); }

 private:
  ReadContext& ctx_;
  size_t hard_limit_;
  std::string text_;
  Record record_;
  uint32_t first_line_ = 1;
  size_t parts_ = 0;
  bool cut_ = false;
};

// UTF-8: lines come from a LineStream and are copied verbatim (invalid
// bytes become U+FFFD, each mapped to its own byte). A BOM is skipped for
// scanning but counted in byte offsets, and columns start after it.
void read_utf8(ReadContext& ctx, LineStream& lines) {
  RecordCutter records(ctx);
  Line line;
  bool first = true;
  while (lines.next(line)) {
    std::string_view piece = line.with_terminator;
    uint64_t offset = line.offset;
    if (first && piece.substr(0, 3) == "\xEF\xBB\xBF") {
      piece.remove_prefix(3);
      offset += 3;
    }
    first = false;
    records.before_line(piece.size());
    records.start_at(line.number);
    const Positioner positions(piece, offset, TextPosition{line.number, 1});
    TextBuilder builder(records.text(), records.map(), positions);
    builder.verbatim(piece, offset);
    if (builder.repaired_utf8()) records.repaired_utf8(line.number);
    records.after_line(blank(line.text));
  }
  records.finish();
}

// UTF-16 LE/BE after a BOM, transcoded to UTF-8 line by line. Each line is
// one verbatim segment whose source bytes count 2-byte units (columns count
// the same characters in both encodings). Unpaired surrogates become U+FFFD.
void read_utf16(ReadContext& ctx, ByteSource& source, bool little_endian) {
  RecordCutter records(ctx);
  std::string buffer;
  while (buffer.size() < 2 && source.append_to(buffer, kChunk) > 0) {
  }
  size_t pos = 2;          // after the BOM
  uint64_t base = 0;       // file offset of buffer[0]
  uint32_t line_number = 1;
  std::string line;        // the current line, transcoded
  uint64_t line_begin = 2;  // its file offset
  bool skipping = false;   // inside a line longer than a record may be
  const uint64_t max_line = ctx.options.limits.max_record_bytes;
  auto unit_at = [&](size_t i) -> char16_t {
    const auto a = static_cast<unsigned char>(buffer[i]), b = static_cast<unsigned char>(buffer[i + 1]);
    return static_cast<char16_t>(little_endian ? (a | (b << 8)) : ((a << 8) | b));
  };
  auto end_line = [&](uint64_t line_end) {
    if (!skipping) {
      records.before_line(line.size());
      records.start_at(line_number);
      Segment seg;
      seg.source_unit = 2;
      seg.text_begin = records.text().size();
      records.text() += line;
      seg.text_end = records.text().size();
      seg.source_begin = line_begin;
      seg.source_end = line_end;
      seg.start = {line_number, 1};
      seg.end = seg.start;
      if (seg.text_end > seg.text_begin) records.map().segments.push_back(seg);
      records.after_line(blank(line));
    }
    skipping = false;
    line.clear();
    ++line_number;
    line_begin = line_end;
  };
  while (true) {
    if (buffer.size() - pos < 4 && !source.at_end()) {
      buffer.erase(0, pos);
      base += pos;
      pos = 0;
      source.append_to(buffer, kChunk);
      continue;
    }
    if (pos + 1 >= buffer.size()) break;  // the end (a stray odd byte is dropped)
    char32_t cp = unit_at(pos);
    size_t width = 2;
    if (cp >= 0xD800 && cp <= 0xDBFF && pos + 3 < buffer.size()) {
      const char16_t low = unit_at(pos + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        width = 4;
      } else {
        cp = 0xFFFD;
      }
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    pos += width;
    if (!skipping) utf8::append(line, cp);
    if (cp == '\n') {
      end_line(base + pos);
    } else if (!skipping && line.size() > max_line) {
      ctx.error(line_number, "line longer than the record limit of " + std::to_string(max_line) +
                                 " bytes skipped (--max-record-size)");
      skipping = true;
      line.clear();
    }
  }
  if (!line.empty() || skipping) end_line(base + pos);
  records.finish();
}

}  // namespace

void read_plain_text_records(ReadContext& ctx, ByteSource& source) {
  const std::string_view head = source.head();
  if (head.size() >= 2 && (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF")) {
    read_utf16(ctx, source, head[0] == '\xFF');
    return;
  }
  LineStream lines(source);
  lines.set_max_line(static_cast<size_t>(std::min<uint64_t>(ctx.options.limits.max_record_bytes, SIZE_MAX)));
  read_utf8(ctx, lines);
  ctx.report_stream_problems(lines);
}

}  // namespace inputs

void read_plain_text(const std::string& path, std::string_view bytes, std::string& storage,
                     const RecordCallback& emit, const DiagnosticCallback& diagnose) {
  (void)storage;
  ReaderOptions options;
  ReadStats stats;
  inputs::ReadContext ctx{path, options, emit, diagnose, stats};
  inputs::ByteSource source([](char*, size_t, std::string&) -> ssize_t { return 0; }, std::string(bytes));
  inputs::read_plain_text_records(ctx, source);
}

}  // namespace policycheck
