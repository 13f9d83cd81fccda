#pragma once
// What every format reader gets: where records go, where problems go, and the
// options. One reader per file in this folder; read_input.cpp picks one.
#include <string>
#include <string_view>

#include "byte_source.hpp"
#include "line_stream.hpp"
#include "policycheck/input.hpp"
#include "source_text.hpp"

namespace policycheck::inputs {

struct ReadContext {
  std::string_view path;  // as records and messages show it
  const ReaderOptions& options;
  const RecordCallback& emit_record;
  const DiagnosticCallback& diagnose;
  ReadStats& stats;
  bool warned_utf8 = false;

  void emit(const Record& record) {
    if (record.text.size() > options.limits.max_record_bytes) {
      error(record.map.segments.empty() ? 0 : record.map.segments.front().start.line,
            "a record of " + std::to_string(record.text.size()) + " bytes is larger than the record limit of " +
                std::to_string(options.limits.max_record_bytes) + " bytes (--max-record-size); skipped");
      return;
    }
    ++stats.records;
    emit_record(record);
  }
  // A parse error: the file is counted as an input error (exit 2) but the
  // rest of the batch, and the rest of this file where possible, goes on.
  void error(uint32_t line, std::string message) {
    stats.failed = true;
    diagnose({InputDiagnostic::Level::error, std::string(path), line, std::move(message)});
  }
  void notice(uint32_t line, std::string message) {
    diagnose({InputDiagnostic::Level::notice, std::string(path), line, std::move(message)});
  }
  // After a LineStream ends: its read error and the first line it had to
  // skip for being longer than a record may be. `member` names the file
  // inside an archive, when there is one.
  void report_stream_problems(const LineStream& lines, std::string_view member = {}) {
    const std::string prefix = member.empty() ? std::string() : std::string(member) + ": ";
    if (lines.read_error()) error(0, prefix + lines.error());
    if (lines.overlong_line()) {
      error(lines.overlong_line(), prefix + "line longer than the record limit of " +
                                       std::to_string(lines.max_line()) + " bytes skipped (--max-record-size)");
    }
  }
  // Once per file, so a file full of bad bytes does not flood stderr.
  void note_repaired_utf8(const TextBuilder& builder, uint32_t line) {
    if (builder.repaired_utf8() && !warned_utf8) {
      warned_utf8 = true;
      notice(line, "invalid UTF-8 replaced by U+FFFD for scanning");
    }
  }
};

// Whole-document readers: the file's bytes are in memory (their libraries
// need the whole document).
void read_markdown(ReadContext& ctx, std::string_view bytes);
void read_html(ReadContext& ctx, std::string_view bytes);
void read_docx(ReadContext& ctx, std::string_view bytes);
void read_pdf(ReadContext& ctx, std::string_view bytes);
void read_eml(ReadContext& ctx, std::string_view bytes);

// Streaming readers: records are cut from the stream as it is read.
void read_plain_text_records(ReadContext& ctx, ByteSource& source);
void read_facebook(ReadContext& ctx, ByteSource& source);
void read_instagram(ReadContext& ctx, ByteSource& source);
void read_twitter(ReadContext& ctx, ByteSource& source);
void read_jsonl(ReadContext& ctx, LineStream& lines);
void read_csv(ReadContext& ctx, LineStream& lines);
void read_youtube(ReadContext& ctx, LineStream& lines);
// `member` names the chat file inside a ZIP export ("_chat.txt"), for record ids.
void read_whatsapp(ReadContext& ctx, LineStream& lines, std::string_view member = {});
void read_mbox(ReadContext& ctx, LineStream& lines);

// iOS "Export Chat" ZIPs: _chat.txt plus the media. True when the ZIP at
// `path` holds a chat (checked before it is taken for a .docx).
bool is_whatsapp_zip(const std::string& path);
// Streams the chat out of the ZIP; lines and columns are those of the chat
// file, record ids name it ("_chat.txt message 12").
void read_whatsapp_zip(ReadContext& ctx, const std::string& path);

}  // namespace policycheck::inputs
