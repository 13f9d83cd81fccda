// Reading and writing baseline files. yaml-cpp reads them, since JSON is
// YAML; every problem names the file and line.
#include "policycheck/baseline.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace policycheck {
namespace {

constexpr const char* kVersionKey = "policycheck_baseline";
constexpr int kVersion = 1;

[[noreturn]] void fail(const std::string& name, const YAML::Mark& mark, const std::string& cause) {
  std::string where = name;
  if (mark.line >= 0) where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  throw std::runtime_error(where + ": " + cause);
}

}  // namespace

Baseline Baseline::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot read the baseline file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path.string());
}

Baseline Baseline::parse(const std::string& text, const std::string& name) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    fail(name, e.mark, "not a baseline file (" + e.msg + ")");
  }
  if (!root.IsMap()) fail(name, root.Mark(), "not a baseline file: expected a JSON object");
  const YAML::Node version = root[kVersionKey];
  if (!version || !version.IsScalar()) {
    fail(name, root.Mark(), std::string("not a baseline file: \"") + kVersionKey + "\" is missing");
  }
  if (version.as<std::string>() != std::to_string(kVersion)) {
    fail(name, version.Mark(), "baseline version " + version.as<std::string>() + " is not supported (expected " +
                                   std::to_string(kVersion) + ")");
  }
  Baseline baseline;
  const YAML::Node fingerprints = root["fingerprints"];
  if (!fingerprints) return baseline;
  if (!fingerprints.IsMap()) fail(name, fingerprints.Mark(), "\"fingerprints\" must be an object");
  for (const auto& entry : fingerprints) {
    const std::string key = entry.first.as<std::string>();
    size_t count = 0;
    try {
      const long long value = entry.second.as<long long>();
      if (value < 1) throw YAML::Exception(entry.second.Mark(), "");
      count = static_cast<size_t>(value);
    } catch (const YAML::Exception&) {
      fail(name, entry.second.Mark(), "the count of \"" + key + "\" must be a positive whole number");
    }
    baseline.remaining_[key] += count;
    baseline.total_ += count;
  }
  return baseline;
}

std::string Baseline::serialise(const std::map<std::string, size_t>& counts) {
  std::ostringstream out;
  out << "{\n  \"" << kVersionKey << "\": " << kVersion << ",\n  \"fingerprints\": {";
  bool first = true;
  for (const auto& [fingerprint, count] : counts) {
    // Fingerprints are "v1:" and hex digits, nothing JSON would need escaped.
    out << (first ? "\n    \"" : ",\n    \"") << fingerprint << "\": " << count;
    first = false;
  }
  out << (first ? "}\n}\n" : "\n  }\n}\n");
  return out.str();
}

bool Baseline::absorb(const Finding& finding) {
  auto it = remaining_.find(finding.fingerprint);
  if (it == remaining_.end() || it->second == 0) return false;
  --it->second;
  return true;
}

size_t Baseline::unused() const {
  size_t left = 0;
  for (const auto& [key, count] : remaining_) left += count;
  return left;
}

size_t Baseline::size() const { return total_; }

}  // namespace policycheck
