#pragma once
// .policycheckignore files, in gitignore syntax: blank lines and #comments
// skipped, "!" re-includes, a trailing "/" matches folders only, a pattern
// with a "/" before its end is anchored to the folder holding the file,
// otherwise it matches a name at any depth; "*", "?", "[a-z]" and "**"
// (any number of folders) as in git. The last matching pattern wins, and a
// deeper ignore file's patterns come after a shallower one's.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace policycheck::inputs {

bool glob_match(std::string_view pattern, std::string_view path);

class IgnoreFile {
 public:
  static constexpr const char* kName = ".policycheckignore";
  explicit IgnoreFile(std::string_view contents);

  // +1 ignored, -1 re-included, 0 no pattern matched. `relative` uses '/'
  // and is relative to the folder holding this file.
  int match(std::string_view relative, bool is_dir) const;
  bool empty() const { return patterns_.empty(); }

 private:
  struct Pattern {
    std::string glob;
    bool negated = false;
    bool dir_only = false;
    bool anchored = false;
  };
  std::vector<Pattern> patterns_;
};

// The ignore files of one scanned folder tree, loaded as folders are visited.
class IgnoreTree {
 public:
  explicit IgnoreTree(std::filesystem::path root) : root_(std::move(root)) {}
  // True when `path` (below root) is ignored by the files from root down to its folder.
  bool ignored(const std::filesystem::path& path, bool is_dir);

 private:
  const IgnoreFile* file_in(const std::filesystem::path& dir);
  std::filesystem::path root_;
  std::map<std::filesystem::path, std::unique_ptr<IgnoreFile>> files_;
};

}  // namespace policycheck::inputs
