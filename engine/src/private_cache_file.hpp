#pragma once
// Files in the cache folder (db_cache.hpp, policy_cache.hpp): read through a
// read-only mapping, written privately and atomically. They are private
// (0600, in a 0700 folder) because what they hold is derived from the
// roster: pupils' names. Writes go to a temporary file renamed into place,
// so two runs racing to fill the cache are both safe.
#include <filesystem>
#include <string>
#include <string_view>

namespace policycheck {

// A file mapped read-only; bytes() is empty when it cannot be opened.
class MappedFile {
 public:
  explicit MappedFile(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

// Best effort: a read-only cache folder must not stop a scan.
void store_private_file(const std::filesystem::path& dir, const std::string& name, std::string_view bytes);

}  // namespace policycheck
