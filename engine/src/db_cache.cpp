#include "db_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "policycheck/fingerprint.hpp"
#include "scan_groups.hpp"
#include "version.hpp"

namespace policycheck {
namespace {

// Version 6: one database per scan group (scan_groups.hpp: with the
// literal-gated group, empty: its patterns are in per-rule databases, and
// the six groups near digit runs; version 5 had four), the literal gate's
// atoms, then the folded-literal database, the literal gate's atom
// database and its per-rule databases.
constexpr char kMagic[8] = {'P', 'C', 'H', 'S', 'D', 'B', '6', '\n'};

std::filesystem::path cache_file(const std::filesystem::path& dir, const std::string& key) {
  return dir / ("db-" + key + ".hsdb");
}

template <typename T>
void put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename T>
bool get(std::string_view& in, T& value) {
  if (in.size() < sizeof value) return false;
  std::memcpy(&value, in.data(), sizeof value);
  in.remove_prefix(sizeof value);
  return true;
}

}  // namespace

std::filesystem::path default_cache_dir() {
  if (const char* dir = std::getenv("POLICYCHECK_CACHE_DIR"); dir && *dir) return dir;
  if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir && *dir) return std::filesystem::path(dir) / "policycheck";
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".cache" / "policycheck";
  }
  return {};
}

std::string database_cache_key(const std::vector<PatternEntry>& patterns, const std::vector<Rule>& rules) {
  std::string material = std::string("policycheck-engine ") + kEngineVersion + "\nhyperscan " + hs_version() + "\n";
  for (const PatternEntry& p : patterns) {
    material += std::to_string(p.hs_flags());
    material += ' ';
    material += p.expression;
    material += '\0';
    material += p.folded_literal;
    material += p.spaced_letters ? "\1" : "";
    material += p.masked ? "\2" : "";
    // The literal gate reads the rule's sides (scan_groups.cpp).
    material += std::to_string(p.rule) + ' ' + std::to_string(static_cast<int>(p.role)) + (p.fold_unicode ? "u" : "");
    material += ' ' + std::to_string(sides_needed(rules[p.rule], p.role));
    material += '\0';
  }
  return sha256_hex(material);
}

bool load_cached_database(const std::filesystem::path& dir, const std::string& key, CompiledPolicyData& data) {
  if (dir.empty()) return false;
  // One read into a buffer of the file's size: start-up from the cache is
  // dominated by copying and faulting in these megabytes, so copy once.
  const int fd = ::open(cache_file(dir, key).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  std::string bytes;
  bool read_ok = ::fstat(fd, &st) == 0 && st.st_size > 0;
  if (read_ok) {
    bytes.resize(static_cast<size_t>(st.st_size));
    for (size_t got = 0; read_ok && got < bytes.size();) {
      const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
      read_ok = n > 0;
      if (read_ok) got += static_cast<size_t>(n);
    }
  }
  ::close(fd);
  if (!read_ok) return false;
  std::string_view view = bytes;
  if (view.size() < sizeof kMagic || std::memcmp(view.data(), kMagic, sizeof kMagic) != 0) return false;
  view.remove_prefix(sizeof kMagic);
  uint64_t count = 0;
  if (!get(view, count) || count != data.patterns.size()) return false;
  std::vector<uint8_t> stored_groups(data.patterns.size());
  for (size_t i = 0; i < data.patterns.size(); ++i) {
    PatternEntry& p = data.patterns[i];
    if (!get(view, p.min_width) || !get(view, p.max_width) || !get(view, stored_groups[i])) return false;
  }
  // The groups follow from the expressions and widths just read; a file
  // written by an engine that grouped differently is compiled again.
  assign_scan_groups(data);
  for (size_t i = 0; i < data.patterns.size(); ++i) {
    if (data.patterns[i].group != stored_groups[i]) return false;
  }
  auto give_up = [&] {
    for (auto& group : data.groups) {
      hs_free_database(group.database);
      group.database = nullptr;
    }
    hs_free_database(data.folded_literal_database);
    data.folded_literal_database = nullptr;
    hs_free_database(data.literal_gate.database);
    data.literal_gate.database = nullptr;
    for (auto& g : data.literal_gate.subgroups) {
      hs_free_database(g.database);
      g.database = nullptr;
    }
    return false;
  };
  for (auto& group : data.groups) {
    uint64_t size = 0;
    if (!get(view, size) || size > view.size()) return give_up();
    if (size == 0) continue;  // a group without patterns
    hs_database_t* db = nullptr;
    if (hs_deserialize_database(view.data(), size, &db) != HS_SUCCESS) return give_up();
    group.database = db;
    view.remove_prefix(size);
  }
  // The gate's atoms, as the atom database numbers them: they too follow
  // from the patterns, but a file whose list differs is compiled again.
  uint64_t atoms = 0;
  if (!get(view, atoms) || atoms != data.literal_gate.atoms.size()) return give_up();
  for (const LiteralAtom& atom : data.literal_gate.atoms) {
    uint8_t sensitive = 0;
    uint64_t length = 0;
    if (!get(view, sensitive) || !get(view, length) || length > view.size() || sensitive != atom.case_sensitive ||
        view.substr(0, length) != atom.text) {
      return give_up();
    }
    view.remove_prefix(length);
  }
  std::vector<hs_database_t**> more{&data.folded_literal_database, &data.literal_gate.database};
  for (auto& g : data.literal_gate.subgroups) more.push_back(&g.database);
  for (hs_database_t** db : more) {
    uint64_t size = 0;
    if (!get(view, size) || size > view.size()) return give_up();
    if (size > 0 && hs_deserialize_database(view.data(), size, db) != HS_SUCCESS) {
      *db = nullptr;
      return give_up();
    }
    view.remove_prefix(size);
  }
  if (!view.empty()) return give_up();
  if (!data.folded_literals.empty() && !data.folded_literal_database) return give_up();
  if (!data.literal_gate.atoms.empty() && !data.literal_gate.database) return give_up();
  for (const auto& g : data.literal_gate.subgroups) {
    if (!g.database) return give_up();
  }
  return true;
}

void store_cached_database(const std::filesystem::path& dir, const std::string& key, const CompiledPolicyData& data) {
  if (dir.empty() || !data.has_database()) return;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  ::chmod(dir.c_str(), 0700);
  std::string bytes(kMagic, sizeof kMagic);
  put<uint64_t>(bytes, data.patterns.size());
  for (const PatternEntry& p : data.patterns) {
    put(bytes, p.min_width);
    put(bytes, p.max_width);
    put(bytes, p.group);
  }
  for (const auto& group : data.groups) {
    char* serialized = nullptr;
    size_t length = 0;
    if (group.database && hs_serialize_database(group.database, &serialized, &length) != HS_SUCCESS) return;
    put<uint64_t>(bytes, length);
    bytes.append(serialized ? serialized : "", length);
    std::free(serialized);
  }
  put<uint64_t>(bytes, data.literal_gate.atoms.size());
  for (const LiteralAtom& atom : data.literal_gate.atoms) {
    put<uint8_t>(bytes, atom.case_sensitive ? 1 : 0);
    put<uint64_t>(bytes, atom.text.size());
    bytes += atom.text;
  }
  std::vector<const hs_database_t*> more{data.folded_literal_database, data.literal_gate.database};
  for (const auto& g : data.literal_gate.subgroups) more.push_back(g.database);
  for (const hs_database_t* db : more) {
    char* serialized = nullptr;
    size_t length = 0;
    if (db && hs_serialize_database(db, &serialized, &length) != HS_SUCCESS) return;
    put<uint64_t>(bytes, length);
    bytes.append(serialized ? serialized : "", length);
    std::free(serialized);
  }

  std::string temp = (dir / ("db-" + key + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());  // mkstemp creates the file with mode 0600
  if (fd < 0) return;
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  const bool ok = written == bytes.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || std::rename(temp.c_str(), cache_file(dir, key).c_str()) != 0) ::unlink(temp.c_str());
}

}  // namespace policycheck
