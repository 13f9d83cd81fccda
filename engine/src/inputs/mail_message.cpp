// Email: mbox archives (many messages, streamed) and single .eml files.
// One record per message: the Subject and the text of its body, taken from
// the text/plain part of a multipart/alternative (else the HTML part's
// visible text). 7bit/8bit bodies are copied verbatim, so findings carry
// exact line:column; quoted-printable escapes and base64 parts are decoded
// and map to their encoded bytes, with the message id to find them by.
#include <algorithm>
#include <array>
#include <cctype>

#include "../utf8.hpp"
#include "decoded_text.hpp"
#include "html_text.hpp"
#include "reader.hpp"
#include "../ascii_case.hpp"

namespace policycheck::inputs {
namespace {

constexpr size_t kMaxMessage = 64u << 20;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

struct HeaderField {
  std::string name;      // lower case
  std::string_view raw;  // the value as written, folding included
  size_t offset = 0;     // of raw in the message buffer
};

struct Headers {
  std::vector<HeaderField> fields;
  size_t body = 0;  // buffer offset where the body starts
  const HeaderField* get(std::string_view name) const {
    for (const HeaderField& f : fields) {
      if (f.name == name) return &f;
    }
    return nullptr;
  }
};

// Header fields from `begin` up to the first empty line.
Headers parse_headers(std::string_view buffer, size_t begin, size_t end) {
  Headers headers;
  size_t pos = begin;
  while (pos < end) {
    size_t eol = buffer.find('\n', pos);
    if (eol == std::string_view::npos || eol > end) eol = end;
    std::string_view line = buffer.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t next = std::min(end, eol + 1);
    if (line.empty()) {
      headers.body = next;
      return headers;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !headers.fields.empty()) {
      HeaderField& last = headers.fields.back();
      last.raw = buffer.substr(last.offset, pos + line.size() - last.offset);
    } else if (const size_t colon = line.find(':'); colon != std::string_view::npos) {
      HeaderField field;
      field.name = ascii_lowercase(trim(line.substr(0, colon)));
      size_t value = colon + 1;
      while (value < line.size() && (line[value] == ' ' || line[value] == '\t')) ++value;
      field.offset = pos + value;
      field.raw = line.substr(value);
      headers.fields.push_back(field);
    }
    pos = next;
  }
  headers.body = end;
  return headers;
}

// A Content-Type parameter (boundary, charset), unquoted.
std::string parameter(std::string_view value, std::string_view name) {
  const std::string lowered = ascii_lowercase(value);
  size_t at = 0;
  while ((at = lowered.find(name, at)) != std::string::npos) {
    const bool starts = at == 0 || lowered[at - 1] == ';' || lowered[at - 1] == ' ' || lowered[at - 1] == '\t';
    size_t eq = at + name.size();
    while (eq < lowered.size() && lowered[eq] == ' ') ++eq;
    if (starts && eq < lowered.size() && lowered[eq] == '=') {
      std::string_view rest = trim(value.substr(eq + 1));
      if (!rest.empty() && rest[0] == '"') {
        const size_t close = rest.find('"', 1);
        return std::string(rest.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
      }
      return std::string(rest.substr(0, rest.find_first_of("; \t\r\n")));
    }
    at += name.size();
  }
  return {};
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string base64_decode(std::string_view in) {
  static const auto table = [] {
    std::array<int, 256> t{};
    t.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = i;
    return t;
  }();
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = table[static_cast<unsigned char>(c)];
    if (v < 0) continue;  // line breaks, padding, stray characters
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

std::string qp_decode(std::string_view in, bool header) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (header && c == '_') {
      out += ' ';
    } else if (c == '=' && i + 2 < in.size() + 0 && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2]));
      i += 2;
    } else if (c == '=' && (in.substr(i + 1, 1) == "\n" || in.substr(i + 1, 2) == "\r\n")) {
      i += in[i + 1] == '\r' ? 2 : 1;  // soft line break
    } else {
      out += c;
    }
  }
  return out;
}

bool is_utf8_charset(std::string_view charset) {
  const std::string c = ascii_lowercase(charset);
  return c.empty() || c == "utf-8" || c == "utf8" || c == "us-ascii" || c == "ascii";
}

// Latin-1 and Windows-1252 text as UTF-8 (the 0x80-0x9F range as
// Windows-1252 punctuation, which is what mislabelled "iso-8859-1" mail holds).
std::string to_utf8(std::string_view bytes, std::string_view charset) {
  if (is_utf8_charset(charset)) return std::string(bytes);
  static const char32_t kWindows1252[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  for (unsigned char b : bytes) {
    utf8::append(out, b >= 0x80 && b < 0xA0 ? kWindows1252[b - 0x80] : static_cast<char32_t>(b));
  }
  return out;
}

// RFC 2047 encoded words (=?charset?Q?...?= / =?charset?B?...?=) in a header.
std::string decode_header_words(std::string_view value) {
  std::string out;
  size_t pos = 0;
  bool last_was_word = false;
  while (pos < value.size()) {
    const size_t start = value.find("=?", pos);
    if (start == std::string_view::npos) {
      out.append(value.substr(pos));
      break;
    }
    const size_t q1 = value.find('?', start + 2);
    const size_t q2 = q1 == std::string_view::npos ? q1 : value.find('?', q1 + 1);
    const size_t close = q2 == std::string_view::npos ? q2 : value.find("?=", q2 + 1);
    if (close == std::string_view::npos || q2 != q1 + 2) {
      out.append(value.substr(pos, start + 2 - pos));
      pos = start + 2;
      last_was_word = false;
      continue;
    }
    const std::string_view between = value.substr(pos, start - pos);
    // Whitespace between two encoded words is not part of the text.
    if (!(last_was_word && trim(between).empty())) out.append(between);
    const std::string charset = std::string(value.substr(start + 2, q1 - start - 2));
    const char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(value[q1 + 1])));
    const std::string_view payload = value.substr(q2 + 1, close - q2 - 1);
    const std::string bytes = encoding == 'B' ? base64_decode(payload) : qp_decode(payload, true);
    out += to_utf8(bytes, charset.substr(0, charset.find('*')));
    pos = close + 2;
    last_was_word = true;
  }
  std::string unfolded;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r' || out[i] == '\n') {
      if (!unfolded.empty() && unfolded.back() != ' ') unfolded += ' ';
      while (i + 1 < out.size() && (out[i + 1] == ' ' || out[i + 1] == '\t' || out[i + 1] == '\n')) ++i;
      continue;
    }
    unfolded += out[i];
  }
  return unfolded;
}

class MessageReader {
 public:
  MessageReader(std::string_view buffer, uint64_t file_offset, const Positioner& positions, TextBuilder& out, bool mbox)
      : buf_(buffer), base_(file_offset), out_(out), mbox_(mbox) {
    (void)positions;
  }

  // Appends the text parts of the entity whose headers are `headers` and
  // whose body is buf_[begin, end).
  void entity(const Headers& headers, size_t begin, size_t end, int depth) {
    if (depth > 20) return;
    const HeaderField* type_field = headers.get("content-type");
    const std::string type_value = type_field ? std::string(type_field->raw) : "text/plain";
    const std::string type = ascii_lowercase(trim(std::string_view(type_value).substr(0, type_value.find(';'))));
    const HeaderField* disposition = headers.get("content-disposition");
    if (disposition && ascii_lowercase(disposition->raw).rfind("attachment", 0) == 0) return;
    if (type.rfind("multipart/", 0) == 0) {
      multipart(type, parameter(type_value, "boundary"), begin, end, depth);
      return;
    }
    if (type != "text/plain" && type != "text/html" && !type.empty() && type != "text") return;
    const HeaderField* cte_field = headers.get("content-transfer-encoding");
    const std::string cte = cte_field ? ascii_lowercase(trim(cte_field->raw)) : "7bit";
    const std::string charset = parameter(type_value, "charset");
    separate();
    if (type == "text/html") {
      html_part(cte, charset, begin, end);
      return;
    }
    if (cte == "base64") {
      out_.decoded(to_utf8(base64_decode(buf_.substr(begin, end - begin)), charset), base_ + begin, base_ + end);
    } else if (!is_utf8_charset(charset)) {
      const std::string bytes = cte == "quoted-printable" ? qp_decode(buf_.substr(begin, end - begin), false)
                                                          : std::string(buf_.substr(begin, end - begin));
      out_.decoded(to_utf8(bytes, charset), base_ + begin, base_ + end);
    } else if (cte == "quoted-printable") {
      quoted_printable(begin, end);
    } else {
      plain_lines(begin, end);
    }
  }

  void separate() {
    if (out_.size() > 0) out_.synthetic("\n\n", base_);
  }

 private:
  void multipart(const std::string& type, const std::string& boundary, size_t begin, size_t end, int depth) {
    if (boundary.empty()) return;
    const std::string delimiter = "--" + boundary;
    struct Part {
      Headers headers;
      size_t begin, end;
    };
    std::vector<Part> parts;
    size_t part_start = std::string::npos;
    size_t pos = begin;
    while (pos < end) {
      size_t eol = buf_.find('\n', pos);
      if (eol == std::string_view::npos || eol >= end) eol = end;
      const std::string_view line = trim(buf_.substr(pos, eol - pos));
      if (line.rfind(delimiter, 0) == 0) {
        if (part_start != std::string::npos) {
          // The line break before a delimiter belongs to the delimiter.
          size_t part_end = pos;
          if (part_end > part_start && buf_[part_end - 1] == '\n') --part_end;
          if (part_end > part_start && buf_[part_end - 1] == '\r') --part_end;
          Part part;
          part.headers = parse_headers(buf_, part_start, part_end);
          part.begin = part.headers.body;
          part.end = std::max(part.begin, part_end);
          parts.push_back(part);
        }
        if (line.substr(delimiter.size(), 2) == "--") break;
        part_start = std::min(end, eol + 1);
      }
      pos = eol + 1;
    }
    if (type == "multipart/alternative") {
      // The same text twice: prefer the plain one, else the last (richest) part.
      const Part* chosen = nullptr;
      for (const Part& p : parts) {
        const HeaderField* t = p.headers.get("content-type");
        if (!t || ascii_lowercase(t->raw).rfind("text/plain", 0) == 0) chosen = &p;
      }
      if (!chosen && !parts.empty()) chosen = &parts.back();
      if (chosen) entity(chosen->headers, chosen->begin, chosen->end, depth + 1);
      return;
    }
    for (const Part& p : parts) entity(p.headers, p.begin, p.end, depth + 1);
  }

  // 7bit/8bit text: verbatim, line by line so mbox ">From " quoting is undone.
  void plain_lines(size_t begin, size_t end) {
    size_t pos = begin;
    while (pos < end) {
      size_t eol = buf_.find('\n', pos);
      eol = eol == std::string_view::npos || eol >= end ? end : eol + 1;
      std::string_view line = buf_.substr(pos, eol - pos);
      size_t skip = 0;
      if (mbox_ && line.size() > 5 && line[0] == '>') {
        const size_t from = line.find_first_not_of('>');
        if (from != std::string_view::npos && line.substr(from, 5) == "From ") skip = 1;
      }
      out_.verbatim(line.substr(skip), base_ + pos + skip);
      pos = eol;
    }
  }

  void quoted_printable(size_t begin, size_t end) {
    const std::string_view body = buf_.substr(begin, end - begin);
    size_t run = 0, i = 0;
    while (i < body.size()) {
      if (body[i] != '=') {
        ++i;
        continue;
      }
      out_.verbatim(body.substr(run, i - run), base_ + begin + run);
      if (body.substr(i + 1, 1) == "\n" || body.substr(i + 1, 2) == "\r\n") {  // soft line break: joins lines
        i += body[i + 1] == '\r' ? 3 : 2;
        run = i;
        continue;
      }
      // A run of =XX escapes is one decoded piece (a UTF-8 character is several).
      std::string bytes;
      const size_t start = i;
      while (i + 2 < body.size() + 0 && body[i] == '=' && hex_value(body[i + 1]) >= 0 && hex_value(body[i + 2]) >= 0) {
        bytes += static_cast<char>(hex_value(body[i + 1]) * 16 + hex_value(body[i + 2]));
        i += 3;
      }
      if (i == start) {  // a stray '=': keep it
        ++i;
        out_.verbatim(body.substr(start, 1), base_ + begin + start);
      } else {
        out_.decoded(bytes, base_ + begin + start, base_ + begin + i);
      }
      run = i;
    }
    out_.verbatim(body.substr(run), base_ + begin + run);
  }

  void html_part(const std::string& cte, const std::string& charset, size_t begin, size_t end) {
    if ((cte == "7bit" || cte == "8bit" || cte == "binary") && is_utf8_charset(charset)) {
      append_html_text(buf_.substr(begin, end - begin), base_ + begin, out_);
      return;
    }
    // Decoded HTML has no exact place in the file: its text maps to the part.
    const std::string bytes = cte == "base64"             ? base64_decode(buf_.substr(begin, end - begin))
                              : cte == "quoted-printable" ? qp_decode(buf_.substr(begin, end - begin), false)
                                                          : std::string(buf_.substr(begin, end - begin));
    const std::string html = to_utf8(bytes, charset);
    std::string text;
    SourceMap scratch;
    Positioner none(html);
    TextBuilder inner(text, scratch, none);
    append_html_text(html, 0, inner);
    out_.decoded(text, base_ + begin, base_ + end);
  }

  std::string_view buf_;
  uint64_t base_;
  TextBuilder& out_;
  bool mbox_;
};

}  // namespace

// One message in buffer (from its first header line), at file offset
// `file_offset` on line `line`.
static void read_mail_message(ReadContext& ctx, std::string_view buffer, uint64_t file_offset, uint32_t line, size_t number,
                       bool mbox) {
  const Headers headers = parse_headers(buffer, 0, buffer.size());
  Record record;
  record.path = ctx.path;
  auto header_text = [&](std::string_view name) {
    const HeaderField* f = headers.get(name);
    return f ? decode_header_words(trim(f->raw)) : std::string();
  };
  record.info.id = header_text("message-id");
  if (record.info.id.empty()) record.info.id = "message " + std::to_string(number);
  record.info.author = header_text("from");
  record.info.time = header_text("date");
  std::string text;
  Positioner positions(buffer, file_offset, TextPosition{line, 1});
  TextBuilder builder(text, record.map, positions);
  if (const HeaderField* subject = headers.get("subject")) {
    const std::string_view raw = trim(subject->raw);
    if (raw.find("=?") != std::string_view::npos) {
      builder.decoded(decode_header_words(raw), file_offset + subject->offset, file_offset + subject->offset + raw.size());
    } else {
      builder.verbatim(raw, file_offset + subject->offset);
    }
  }
  MessageReader reader(buffer, file_offset, positions, builder, mbox);
  reader.entity(headers, headers.body, buffer.size(), 0);
  ctx.note_repaired_utf8(builder, line);
  record.info.field = "message";
  record.text = text;
  ctx.emit(record);
}

void read_eml(ReadContext& ctx, std::string_view bytes) {
  size_t start = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  uint32_t line = 1;
  // An .eml saved from an mbox may keep its From_ line: skip it.
  if (bytes.substr(start, 5) == "From ") {
    const size_t eol = bytes.find('\n', start);
    start = eol == std::string_view::npos ? bytes.size() : eol + 1;
    line = 2;
  }
  read_mail_message(ctx, bytes.substr(start), start, line, 1, false);
}

void read_mbox(ReadContext& ctx, LineStream& lines) {
  std::string message;
  uint64_t offset = 0;
  uint32_t first_line = 0;
  size_t number = 0;
  bool open = false, truncated = false, previous_blank = true;
  auto flush = [&] {
    if (!open) return;
    if (truncated) ctx.error(first_line, "message longer than 64 MiB: only its start was scanned");
    read_mail_message(ctx, message, offset, first_line, number, true);
    open = false;
  };
  Line line;
  while (lines.next(line)) {
    // A From_ line after a blank line (or at the start) separates messages.
    if (previous_blank && line.text.substr(0, 5) == "From ") {
      flush();
      ++number;
      open = true;
      truncated = false;
      message.clear();
      first_line = line.number + 1;
      offset = line.offset + line.with_terminator.size();
      previous_blank = false;
      continue;
    }
    previous_blank = line.text.empty();
    if (!open) {
      if (line.text.empty()) continue;
      ctx.error(line.number, "not an mbox file: expected a \"From \" separator line");
      return;
    }
    if (message.size() + line.with_terminator.size() > kMaxMessage) {
      truncated = true;
      continue;
    }
    if (!truncated) message.append(line.with_terminator);
  }
  flush();
}

}  // namespace policycheck::inputs
