#include "whatsapp_prefix.hpp"

#include <cstdio>
#include <utility>

namespace policycheck::inputs {
namespace {

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  size_t pos = 0;

  // Skips direction marks and other invisible format characters.
  void skip_marks() {
    while (true) {
      if (at("\xE2\x80\x8E") || at("\xE2\x80\x8F") || at("\xEF\xBB\xBF")) { pos += 3; continue; }
      if (pos + 2 < s_.size() && s_.substr(pos, 2) == "\xE2\x80" && static_cast<unsigned char>(s_[pos + 2]) >= 0xAA &&
          static_cast<unsigned char>(s_[pos + 2]) <= 0xAE) { pos += 3; continue; }
      if (pos + 2 < s_.size() && s_.substr(pos, 2) == "\xE2\x81" && static_cast<unsigned char>(s_[pos + 2]) >= 0xA6 &&
          static_cast<unsigned char>(s_[pos + 2]) <= 0xA9) { pos += 3; continue; }
      return;
    }
  }
  // Spaces of any width (including no-break and narrow no-break); true if any.
  bool spaces() {
    const size_t start = pos;
    while (true) {
      skip_marks();
      if (at(" ")) { pos += 1; continue; }
      if (at("\xC2\xA0")) { pos += 2; continue; }
      if (at("\xE2\x80\xAF") || at("\xE2\x80\x89") || at("\xE2\x80\x87")) { pos += 3; continue; }
      break;
    }
    return pos > start;
  }
  bool number(int min_digits, int max_digits, int& value) {
    skip_marks();
    int n = 0;
    value = 0;
    while (pos < s_.size() && n < max_digits && s_[pos] >= '0' && s_[pos] <= '9') {
      value = value * 10 + (s_[pos] - '0');
      ++pos;
      ++n;
    }
    return n >= min_digits && !(pos < s_.size() && s_[pos] >= '0' && s_[pos] <= '9');
  }
  bool literal(char c) {
    skip_marks();
    if (pos < s_.size() && s_[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool at(std::string_view lit) const { return s_.substr(pos, lit.size()) == lit; }
  char peek() const { return pos < s_.size() ? s_[pos] : '\0'; }

 private:
  std::string_view s_;
};

bool date_separator(char c) { return c == '/' || c == '.' || c == '-'; }

// am/pm in its regional spellings: AM, pm, a.m., a. m.
int meridiem(Cursor& c, std::string_view s) {
  const size_t start = c.pos;
  c.spaces();
  const char first = c.peek();
  if (first != 'a' && first != 'A' && first != 'p' && first != 'P') {
    c.pos = start;
    return 0;
  }
  ++c.pos;
  c.literal('.');
  c.spaces();
  if (c.peek() != 'm' && c.peek() != 'M') {
    c.pos = start;
    return 0;
  }
  ++c.pos;
  c.literal('.');
  (void)s;
  return (first == 'p' || first == 'P') ? 2 : 1;
}

}  // namespace

bool parse_whatsapp_prefix(std::string_view line, WhatsAppPrefix& out) {
  Cursor c(line);
  c.skip_marks();
  const bool ios = c.literal('[');
  // Date: three numbers with one kind of separator.
  if (!c.number(1, 4, out.date[0])) return false;
  const char sep = c.peek();
  if (!date_separator(sep)) return false;
  ++c.pos;
  if (!c.number(1, 2, out.date[1]) || c.peek() != sep) return false;
  ++c.pos;
  if (!c.number(2, 4, out.date[2])) return false;
  c.literal('.');
  c.literal(',');
  if (!c.spaces()) return false;
  // Time.
  if (!c.number(1, 2, out.hour) || !c.literal(':') || !c.number(2, 2, out.minute)) return false;
  if (c.literal(':') && !c.number(2, 2, out.second)) return false;
  const int half = meridiem(c, line);
  if (half == 2 && out.hour < 12) out.hour += 12;
  if (half == 1 && out.hour == 12) out.hour = 0;
  if (out.hour > 23 || out.minute > 59) return false;
  if (ios) {
    if (!c.literal(']')) return false;
    if (!c.spaces()) return false;
  } else {
    c.spaces();
    if (!c.literal('-')) return false;
    if (!c.spaces()) return false;
  }
  c.skip_marks();
  const size_t rest = c.pos;
  // "Sender: text"; no ": " in the rest of a short stretch means a system message.
  const size_t colon = line.find(": ", rest);
  if (colon != std::string_view::npos && colon > rest && colon - rest <= 120) {
    out.has_sender = true;
    out.sender_begin = rest;
    out.sender_end = colon;
    out.text_begin = colon + 2;
  } else if (colon == std::string_view::npos && line.size() > rest && line.back() == ':' && line.size() - rest <= 121) {
    out.has_sender = true;  // "Name:" with the text on the next lines
    out.sender_begin = rest;
    out.sender_end = line.size() - 1;
    out.text_begin = line.size();
  } else {
    out.has_sender = false;
    out.text_begin = rest;
  }
  return true;
}

bool looks_like_whatsapp(std::string_view head) {
  size_t pos = 0;
  int checked = 0;
  while (pos < head.size() && checked < 3) {
    size_t end = head.find('\n', pos);
    if (end == std::string_view::npos) end = head.size();
    std::string_view line = head.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line == "\xEF\xBB\xBF") continue;
    ++checked;
    WhatsAppPrefix prefix;
    if (parse_whatsapp_prefix(line, prefix)) return true;
    if (checked == 1) return false;  // the first line of an export always has a prefix
  }
  return false;
}

std::string whatsapp_time(const WhatsAppPrefix& p, std::string_view order) {
  int year, month, day;
  if (p.date[0] > 31 || order == "ymd") {
    year = p.date[0], month = p.date[1], day = p.date[2];
  } else if (order == "mdy") {
    month = p.date[0], day = p.date[1], year = p.date[2];
  } else {
    day = p.date[0], month = p.date[1], year = p.date[2];
  }
  // A date the chosen order cannot be (month 22) is read the other way round.
  if (month > 12 && day <= 12) std::swap(day, month);
  if (year < 100) year += 2000;
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d", year, month, day, p.hour, p.minute);
  std::string out = buffer;
  if (p.second >= 0) {
    std::snprintf(buffer, sizeof buffer, ":%02d", p.second);
    out += buffer;
  }
  return out;
}

}  // namespace policycheck::inputs
