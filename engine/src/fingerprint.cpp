#include "policycheck/fingerprint.hpp"

// SHA256_Init and friends are deprecated in OpenSSL 3 in favour of EVP, but
// EVP's first use initialises the library (configuration, every algorithm
// registered): 1-2 ms of every start from the cache, which hashes its keys
// and nothing else (issue 8). The low-level calls hash the same bytes alike.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

namespace policycheck {
namespace {

std::string to_hex(const unsigned char* bytes, size_t length) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (size_t i = 0; i < length; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

// The match as it would be written by someone else: case and whitespace
// differences do not make a new finding.
std::string normalise_match(std::string_view match) {
  std::string out;
  bool space = false;
  for (char c : match) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_CTX context;
  SHA256_Init(&context);
  SHA256_Update(&context, data.data(), data.size());
  SHA256_Final(digest, &context);
  return to_hex(digest, sizeof digest);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), digest, &length);
  return to_hex(digest, length);
}

std::filesystem::path key_file_path() {
  if (const char* dir = std::getenv("XDG_CONFIG_HOME"); dir && *dir) {
    return std::filesystem::path(dir) / "policycheck" / "fingerprint.key";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".config" / "policycheck" / "fingerprint.key";
  }
  return {};
}

std::string load_fingerprint_key() {
  if (const char* key = std::getenv("POLICYCHECK_FINGERPRINT_KEY"); key && *key) return key;
  const std::filesystem::path path = key_file_path();
  if (path.empty()) return "policycheck-unkeyed";
  {
    std::ifstream in(path);
    std::string key;
    if (in && std::getline(in, key) && !key.empty()) return key;
  }
  unsigned char random[32];
  if (RAND_bytes(random, sizeof random) != 1) return "policycheck-unkeyed";
  const std::string key = to_hex(random, sizeof random);
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  const std::filesystem::path temp = path.string() + ".tmp" + std::to_string(::getpid());
  {
    const mode_t old = ::umask(077);  // the key file must be private from its first byte
    std::ofstream out(temp);
    ::umask(old);
    if (!out) return key;
    out << key << '\n';
  }
  // Another run may have written a key meanwhile: keep whichever landed first.
  if (::link(temp.c_str(), path.c_str()) != 0) {
    std::filesystem::remove(temp, ec);
    std::ifstream in(path);
    std::string existing;
    if (in && std::getline(in, existing) && !existing.empty()) return existing;
    return key;
  }
  std::filesystem::remove(temp, ec);
  return key;
}

void assign_fingerprints(std::vector<Finding>& findings, std::string_view key) {
  // Occurrence numbers separate the same text found twice for the same rule.
  std::map<std::string, int> seen;
  for (Finding& f : findings) {
    std::string material = f.rule + '\0' + f.path + '\0' + f.record.id + '\0' + normalise_match(f.match);
    const int occurrence = seen[material]++;
    material += '\0' + std::to_string(occurrence);
    f.fingerprint = "v1:" + hmac_sha256_hex(key, material).substr(0, 32);
  }
}

}  // namespace policycheck
