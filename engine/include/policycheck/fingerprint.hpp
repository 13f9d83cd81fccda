#pragma once
// Fingerprints identify a finding across runs without revealing its text:
// an HMAC-SHA256 over rule id, path, record id, the normalised match and the
// occurrence number of that match in the file. Line numbers are left out so
// that moving text does not change them. The key lives outside the
// repository (see key_file_path) so a published baseline cannot be reversed
// by hashing a dictionary of names.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "policycheck/finding.hpp"

namespace policycheck {

// $POLICYCHECK_FINGERPRINT_KEY (hex or text) wins; else the key file in the
// user's config directory, created with mode 0600 on first use.
std::string load_fingerprint_key();
std::filesystem::path key_file_path();

std::string sha256_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// Fills in Finding::fingerprint for findings of one file, in order.
void assign_fingerprints(std::vector<Finding>& findings, std::string_view key);

}  // namespace policycheck
