#pragma once
// The date/time prefix that starts a WhatsApp message line. Its shape depends
// on the phone's OS and on language and region settings, so it is parsed by a
// small grammar that accepts each variant rather than by one regex:
//   Android  21/03/2024, 16:05 - Mrs Pryce: text     (also 21.03.24 16:05, 4:05 p.m., 2024-03-21)
//   iOS      [21/03/2024, 16:05:12] Idris: text      (also [3/21/24, 4:05:12 PM])
// Invisible marks phones put in the prefix (U+200E/U+200F direction marks,
// U+202F narrow no-break space before AM/PM) are skipped while parsing; the
// line itself is never altered.
#include <cstddef>
#include <string>
#include <string_view>

namespace policycheck::inputs {

struct WhatsAppPrefix {
  int date[3] = {0, 0, 0};  // as written, left to right
  int hour = 0, minute = 0, second = -1;
  bool has_sender = false;
  size_t sender_begin = 0, sender_end = 0;  // in the line
  size_t text_begin = 0;                    // in the line
};

bool parse_whatsapp_prefix(std::string_view line, WhatsAppPrefix& out);

// True when the first non-empty line of `head` starts with a message prefix.
bool looks_like_whatsapp(std::string_view head);

// "2024-03-21T16:05:12" from a prefix, given the date order ("dmy", "mdy" or
// "ymd"); two-digit years are taken as 20xx.
std::string whatsapp_time(const WhatsAppPrefix& prefix, std::string_view order);

}  // namespace policycheck::inputs
