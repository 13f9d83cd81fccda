// Email addresses: the pattern finds local@domain.tld; this rejects what the
// pattern cannot express without look-arounds.
#include <array>
#include <string>

#include "policycheck/validators.hpp"
#include "../ascii_case.hpp"

namespace policycheck {
namespace {

// File extensions that appear after an '@' in image names (logo@2x.png).
// Some are also top-level domains (.zip, .mov), but an address there is far
// rarer in a school post than a file name.
constexpr std::array<std::string_view, 22> kFileExtensions = {
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "tif", "tiff", "heic", "pdf",
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "csv", "zip", "mov", "mp4"};

}  // namespace

bool email_address_valid(std::string_view text) {
  const size_t at = text.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= text.size()) return false;
  const std::string_view local = text.substr(0, at);
  const std::string_view domain = text.substr(at + 1);
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  const size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos) return false;
  const std::string tld = ascii_lowercase(domain.substr(dot + 1));
  if (tld.size() < 2) return false;
  for (char c : tld) {
    if (c < 'a' || c > 'z') return false;
  }
  for (std::string_view ext : kFileExtensions) {
    if (tld == ext) return false;
  }
  // Labels never start or end with a hyphen and are never empty.
  size_t start = 0;
  while (start <= domain.size()) {
    size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    const std::string_view label = domain.substr(start, end - start);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    start = end + 1;
  }
  return true;
}

}  // namespace policycheck
