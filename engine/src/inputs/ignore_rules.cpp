#include "ignore_rules.hpp"

#include <fstream>
#include <sstream>

namespace policycheck::inputs {
namespace {

// One path segment against one glob segment-set: '*' and '?' stop at '/'.
bool match_here(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.substr(0, 2) == "**") {
      // "**/" matches zero or more folders; a trailing "**" everything.
      std::string_view rest = p.substr(2);
      if (rest.empty()) return true;
      if (rest[0] == '/') {
        rest.remove_prefix(1);
        for (size_t i = 0; i <= s.size(); ++i) {
          if ((i == 0 || s[i - 1] == '/') && match_here(rest, s.substr(i))) return true;
        }
        return false;
      }
      // "a**b": as '*' crossing folders
      for (size_t i = 0; i <= s.size(); ++i) {
        if (match_here(rest, s.substr(i))) return true;
      }
      return false;
    }
    const char c = p[0];
    if (c == '*') {
      std::string_view rest = p.substr(1);
      for (size_t i = 0; i <= s.size(); ++i) {
        if (match_here(rest, s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') return false;
      }
      return false;
    }
    if (s.empty()) return false;
    if (c == '?') {
      if (s[0] == '/') return false;
      p.remove_prefix(1);
      s.remove_prefix(1);
      continue;
    }
    if (c == '[') {
      size_t close = p.find(']', 2);
      if (close != std::string_view::npos) {
        std::string_view set = p.substr(1, close - 1);
        bool negate = !set.empty() && (set[0] == '!' || set[0] == '^');
        if (negate) set.remove_prefix(1);
        bool hit = false;
        for (size_t i = 0; i < set.size(); ++i) {
          if (i + 2 < set.size() && set[i + 1] == '-') {
            hit |= s[0] >= set[i] && s[0] <= set[i + 2];
            i += 2;
          } else {
            hit |= s[0] == set[i];
          }
        }
        if (hit == negate || s[0] == '/') return false;
        p.remove_prefix(close + 1);
        s.remove_prefix(1);
        continue;
      }
    }
    if (c == '\\' && p.size() > 1) {
      if (s[0] != p[1]) return false;
      p.remove_prefix(2);
      s.remove_prefix(1);
      continue;
    }
    if (c != s[0]) return false;
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) { return match_here(pattern, path); }

IgnoreFile::IgnoreFile(std::string_view contents) {
  std::istringstream in{std::string(contents)};
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Trailing spaces are dropped unless escaped with a backslash.
    while (!line.empty() && line.back() == ' ' && !(line.size() > 1 && line[line.size() - 2] == '\\')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    Pattern pattern;
    if (line[0] == '!') {
      pattern.negated = true;
      line.erase(0, 1);
    } else if (line[0] == '\\' && line.size() > 1 && (line[1] == '#' || line[1] == '!')) {
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      pattern.dir_only = true;
      line.pop_back();
    }
    if (line.empty()) continue;
    pattern.anchored = line.find('/') != std::string::npos;
    if (line[0] == '/') line.erase(0, 1);
    pattern.glob = line;
    patterns_.push_back(std::move(pattern));
  }
}

int IgnoreFile::match(std::string_view relative, bool is_dir) const {
  const size_t slash = relative.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? relative : relative.substr(slash + 1);
  int result = 0;
  for (const Pattern& p : patterns_) {
    if (p.dir_only && !is_dir) continue;
    const bool hit = p.anchored ? glob_match(p.glob, relative) : glob_match(p.glob, name);
    if (hit) result = p.negated ? -1 : 1;
  }
  return result;
}

const IgnoreFile* IgnoreTree::file_in(const std::filesystem::path& dir) {
  auto it = files_.find(dir);
  if (it == files_.end()) {
    std::unique_ptr<IgnoreFile> file;
    std::ifstream in(dir / IgnoreFile::kName, std::ios::binary);
    if (in) {
      std::ostringstream contents;
      contents << in.rdbuf();
      file = std::make_unique<IgnoreFile>(contents.str());
    }
    it = files_.emplace(dir, std::move(file)).first;
  }
  return it->second.get();
}

bool IgnoreTree::ignored(const std::filesystem::path& path, bool is_dir) {
  const std::filesystem::path relative = path.lexically_relative(root_);
  if (relative.empty() || *relative.begin() == "..") return false;
  int verdict = 0;
  std::filesystem::path dir = root_;
  std::filesystem::path rest = relative;
  // Walk from the root down to the path's folder; each ignore file judges
  // the path relative to its own folder, deeper files last.
  std::vector<std::filesystem::path> parts(relative.begin(), relative.end());
  for (size_t depth = 0; depth < parts.size(); ++depth) {
    if (const IgnoreFile* file = file_in(dir)) {
      std::filesystem::path sub;
      for (size_t k = depth; k < parts.size(); ++k) sub /= parts[k];
      if (const int m = file->match(sub.generic_string(), is_dir)) verdict = m;
    }
    dir /= parts[depth];
  }
  return verdict > 0;
}

}  // namespace policycheck::inputs
