// IP addresses, confirmed by the system's own parser rather than a regex:
// inet_pton rejects octets above 255, bad compression and stray groups.
#include <arpa/inet.h>

#include <string>

#include "policycheck/validators.hpp"

namespace policycheck {

bool ip_address_valid(std::string_view text) {
  std::string address(text);
  int max_prefix = -1;
  int prefix = -1;
  if (const size_t slash = address.find('/'); slash != std::string::npos) {
    const std::string length = address.substr(slash + 1);
    if (length.empty() || length.size() > 3) return false;
    prefix = 0;
    for (char c : length) {
      if (c < '0' || c > '9') return false;
      prefix = prefix * 10 + (c - '0');
    }
    address.resize(slash);
  }
  unsigned char buffer[16];
  if (address.find(':') != std::string::npos) {
    // A zone ("fe80::1%eth0") names the host's interface; inet_pton does
    // not take it, so it is checked for shape and dropped.
    if (const size_t percent = address.find('%'); percent != std::string::npos) {
      const std::string zone = address.substr(percent + 1);
      if (zone.empty() || zone.size() > 15) return false;
      for (char c : zone) {
        const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alnum) return false;
      }
      address.resize(percent);
    }
    if (inet_pton(AF_INET6, address.c_str(), buffer) != 1) return false;
    max_prefix = 128;
  } else {
    if (inet_pton(AF_INET, address.c_str(), buffer) != 1) return false;
    max_prefix = 32;
  }
  return prefix <= max_prefix;
}

}  // namespace policycheck
