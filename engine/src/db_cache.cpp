#include "db_cache.hpp"

#include <charconv>
#include <cstdlib>
#include <cstring>

#include "byte_codec.hpp"
#include "cached_scan_groups.hpp"
#include "engine_source_hash.hpp"
#include "policycheck/fingerprint.hpp"
#include "populated_memory.hpp"
#include "private_cache_file.hpp"
#include "scan_groups.hpp"
#include "version.hpp"

namespace policycheck {
namespace {

using namespace byte_codec;

// Version 7: the pattern widths, what assign_scan_groups derived
// (cached_scan_groups.hpp: groups, literal gate, folded literals), one
// database per scan group (empty when a group has no patterns, as the
// literal-gated one: its patterns are in per-rule databases; six groups near
// digit runs, version 5 had four), then the folded-literal database, the
// literal gate's atom database and its per-rule databases.
// Version 8: each digit group's min_digits too. Version 9: a literal-gate
// atom's flag byte also says whether it counts only at a word start.
constexpr char kMagic[8] = {'P', 'C', 'H', 'S', 'D', 'B', '9', '\n'};

std::filesystem::path cache_file(const std::filesystem::path& dir, const std::string& key) {
  return dir / ("db-" + key + ".hsdb");
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
  std::string material = std::string("policycheck-engine ") + kEngineVersion + "\nsources " + kEngineSourceHash +
                         "\nhyperscan " + hs_version() + "\n";
  // Built on every start, from the cache too: one buffer, no temporaries.
  size_t size = material.size();
  for (const PatternEntry& p : patterns) size += p.expression.size() + p.folded_literal.size() + 48;
  material.reserve(size);
  auto number = [&material](uint64_t value, char after) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    material.append(digits, end);
    material += after;
  };
  for (const PatternEntry& p : patterns) {
    number(p.hs_flags(), ' ');
    material += p.expression;
    material += '\0';
    material += p.folded_literal;
    material += p.spaced_letters ? "\1" : "";
    material += p.masked ? "\2" : "";
    // The literal gate reads the rule's kind and sides (scan_groups.cpp),
    // and the file holds the gate instead of working it out again.
    number(p.rule, ' ');
    number(static_cast<uint64_t>(p.role), p.fold_unicode ? 'u' : ' ');
    number(sides_needed(rules[p.rule], p.role), ' ');
    number(static_cast<uint64_t>(rules[p.rule].kind), '\0');
  }
  return sha256_hex(material);
}

bool load_cached_database(const std::filesystem::path& dir, const std::string& key, CompiledPolicyData& data) {
  if (dir.empty()) return false;
  const MappedFile file(cache_file(dir, key));
  std::string_view view = file.bytes();
  if (view.size() < sizeof kMagic || std::memcmp(view.data(), kMagic, sizeof kMagic) != 0) return false;
  view.remove_prefix(sizeof kMagic);
  uint64_t count = 0;
  if (!get(view, count) || count != data.patterns.size()) return false;
  for (PatternEntry& p : data.patterns) {
    if (!get(view, p.min_width) || !get(view, p.max_width)) return false;
  }
  if (!read_scan_groups(view, data)) return false;
  std::vector<hs_database_t**> databases;
  for (auto& group : data.groups) databases.push_back(&group.database);
  databases.push_back(&data.folded_literal_database);
  databases.push_back(&data.literal_gate.database);
  for (auto& g : data.literal_gate.subgroups) databases.push_back(&g.database);
  // The databases live in data.database_memory: giving up drops the
  // pointers and the block, nothing is freed one by one.
  auto give_up = [&] {
    for (hs_database_t** db : databases) *db = nullptr;
    data.database_memory.reset();
    return false;
  };
  // Each database's size in memory first, so all of them go into one
  // block whose pages are mapped in one call (populated_memory.hpp).
  std::vector<size_t> offsets;
  size_t total = 0;
  {
    std::string_view rest = view;
    for (size_t i = 0; i < databases.size(); ++i) {
      uint64_t size = 0;
      size_t in_memory = 0;
      if (!get(rest, size) || size > rest.size()) return false;
      if (size > 0 && hs_serialized_database_size(rest.data(), size, &in_memory) != HS_SUCCESS) return false;
      // In memory a database is its serialised bytes with a header of a
      // different size: a larger claim is a corrupt file, not a block to map.
      if (in_memory > size + 4096) return false;
      offsets.push_back(total);
      total += (in_memory + 63) & ~size_t{63};  // Hyperscan wants 8-byte alignment; cache lines do no harm
      rest.remove_prefix(size);
    }
  }
  data.database_memory = populated_memory(total);
  if (total > 0 && !data.database_memory) return false;
  for (size_t i = 0; i < databases.size(); ++i) {
    uint64_t size = 0;
    get(view, size);  // checked above
    if (size > 0) {
      auto* db = reinterpret_cast<hs_database_t*>(data.database_memory.get() + offsets[i]);
      if (hs_deserialize_database_at(view.data(), size, db) != HS_SUCCESS) return give_up();
      *databases[i] = db;
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
  std::string bytes(kMagic, sizeof kMagic);
  put<uint64_t>(bytes, data.patterns.size());
  for (const PatternEntry& p : data.patterns) {
    put(bytes, p.min_width);
    put(bytes, p.max_width);
  }
  write_scan_groups(bytes, data);
  std::vector<const hs_database_t*> databases;
  for (const auto& group : data.groups) databases.push_back(group.database);
  databases.push_back(data.folded_literal_database);
  databases.push_back(data.literal_gate.database);
  for (const auto& g : data.literal_gate.subgroups) databases.push_back(g.database);
  for (const hs_database_t* db : databases) {
    char* serialized = nullptr;
    size_t length = 0;
    if (db && hs_serialize_database(db, &serialized, &length) != HS_SUCCESS) return;
    put<uint64_t>(bytes, length);
    bytes.append(serialized ? serialized : "", length);
    std::free(serialized);
  }

  store_private_file(dir, cache_file(dir, key).filename().string(), bytes);
}

}  // namespace policycheck
