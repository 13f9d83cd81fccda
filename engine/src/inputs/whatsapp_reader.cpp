// WhatsApp "Export chat" text files (Android and iOS): a line with a
// date/time prefix starts a message; any other line continues the one before
// (its line break kept). The record text is what follows "Sender: ", copied
// verbatim, so findings point at the exact line and column in the export.
#include "reader.hpp"
#include "whatsapp_prefix.hpp"

namespace policycheck::inputs {
namespace {

constexpr size_t kMaxMessage = 16u << 20;

// The date order for a file: the option, else ymd when a year comes first,
// else mdy when only the middle field can be a day, else dmy (UK default).
std::string decide_order(const std::string& option, const WhatsAppPrefix& p, std::string& seen) {
  if (option != "auto") return option;
  if (!seen.empty()) return seen;
  if (p.date[0] > 31) return seen = "ymd";
  if (p.date[0] > 12) return seen = "dmy";
  if (p.date[1] > 12) return seen = "mdy";
  return "dmy";  // undecided so far: UK order, decided for good once a field exceeds 12
}

}  // namespace

void read_whatsapp(ReadContext& ctx, LineStream& lines, std::string_view member) {
  struct Pending {
    bool open = false;
    std::string buffer;      // the message's source bytes, from its text start
    uint64_t offset = 0;     // file offset of buffer[0]
    TextPosition start;      // of buffer[0]
    uint32_t line = 0;
    std::string author, time;
    bool truncated = false;
  } message;
  std::string order_seen;
  std::string text;
  size_t message_number = 0;

  auto flush = [&] {
    if (!message.open) return;
    message.open = false;
    // Drop the final line break: it ends the message, it is not part of it.
    std::string_view body = message.buffer;
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
    Record record;
    record.path = ctx.path;
    record.info.id = member.empty() ? "message " + std::to_string(message_number)
                                    : std::string(member) + " message " + std::to_string(message_number);
    record.info.author = message.author;
    record.info.time = message.time;
    text.clear();
    Positioner positions(message.buffer, message.offset, message.start);
    TextBuilder builder(text, record.map, positions);
    builder.verbatim(body, message.offset);
    ctx.note_repaired_utf8(builder, message.line);
    if (message.truncated) ctx.error(message.line, "message longer than 16 MiB: only its start was scanned");
    record.text = text;
    ctx.emit(record);
  };

  Line line;
  bool first_line = true;
  while (lines.next(line)) {
    std::string_view content = line.text;
    size_t skip = 0;
    if (first_line && content.substr(0, 3) == "\xEF\xBB\xBF") skip = 3;
    first_line = false;
    WhatsAppPrefix prefix;
    if (parse_whatsapp_prefix(content.substr(skip), prefix)) {
      flush();
      ++message_number;
      const size_t text_begin = skip + prefix.text_begin;
      message.open = true;
      message.line = line.number;
      message.offset = line.offset + text_begin;
      // Columns count code points from the start of the line.
      message.start = Positioner(content, line.offset, TextPosition{line.number, 1}).at(message.offset);
      message.buffer.assign(line.with_terminator.substr(std::min(text_begin, line.with_terminator.size())));
      message.author = prefix.has_sender
                           ? std::string(content.substr(skip + prefix.sender_begin, prefix.sender_end - prefix.sender_begin))
                           : std::string();
      message.time = whatsapp_time(prefix, decide_order(ctx.options.date_order, prefix, order_seen));
      message.truncated = false;
      continue;
    }
    if (!message.open) {
      if (content.empty()) continue;
      // Text before the first message: not an export line. Scan it as its own record.
      ctx.notice(line.number, "line before the first WhatsApp message prefix scanned as text");
      message.open = true;
      message.line = line.number;
      message.offset = line.offset;
      message.start = {line.number, 1};
      message.buffer.assign(line.with_terminator);
      message.author.clear();
      message.time.clear();
      message.truncated = false;
      continue;
    }
    if (message.truncated) continue;
    if (message.buffer.size() + line.with_terminator.size() > kMaxMessage) {
      message.truncated = true;
      continue;
    }
    message.buffer.append(line.with_terminator);
  }
  flush();
}

}  // namespace policycheck::inputs
