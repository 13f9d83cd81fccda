#include "file_digest.hpp"

#include <fstream>
#include <sstream>

#include "policycheck/fingerprint.hpp"

namespace policycheck {

std::optional<std::string> file_sha256(const std::filesystem::path& path) {
  // A device or a pipe named by mistake (--roster /dev/zero) must not be
  // read forever; the loader refuses those files itself.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return sha256_hex(bytes.str());
}

}  // namespace policycheck
