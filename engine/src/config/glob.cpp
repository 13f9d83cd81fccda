// Glob matching for config ignore lists and per-path overrides, in the
// gitignore spirit: '*' never crosses '/', '**' does, and a glob without a
// '/' is matched against the file name alone.
#include <string_view>

#include "policycheck/config.hpp"

namespace policycheck {
namespace {

// [abc], [a-z], [!abc]; `glob` starts just after '['. Returns the length
// consumed including ']' or 0 when the class is not closed (then '[' is literal).
size_t match_class(std::string_view glob, char c, bool& matched) {
  size_t i = 0;
  bool negate = false;
  if (i < glob.size() && (glob[i] == '!' || glob[i] == '^')) {
    negate = true;
    ++i;
  }
  bool hit = false;
  bool first = true;
  for (; i < glob.size(); ++i) {
    if (glob[i] == ']' && !first) {
      matched = hit != negate;
      return i + 1;
    }
    first = false;
    if (i + 2 < glob.size() && glob[i + 1] == '-' && glob[i + 2] != ']') {
      if (glob[i] <= c && c <= glob[i + 2]) hit = true;
      i += 2;
    } else if (glob[i] == c) {
      hit = true;
    }
  }
  return 0;
}

bool match_here(std::string_view glob, std::string_view path) {
  while (!glob.empty()) {
    if (glob.substr(0, 2) == "**") {
      // "**/" matches zero or more whole folders; a trailing "**" everything.
      std::string_view rest = glob.substr(2);
      if (rest.empty()) return true;
      if (rest.front() == '/') {
        rest.remove_prefix(1);
        if (match_here(rest, path)) return true;
        for (size_t i = 0; i < path.size(); ++i) {
          if (path[i] == '/' && match_here(rest, path.substr(i + 1))) return true;
        }
        return false;
      }
      for (size_t i = 0; i <= path.size(); ++i) {
        if (match_here(rest, path.substr(i))) return true;
      }
      return false;
    }
    const char g = glob.front();
    if (g == '*') {
      std::string_view rest = glob.substr(1);
      for (size_t i = 0; i <= path.size(); ++i) {
        if (match_here(rest, path.substr(i))) return true;
        if (i < path.size() && path[i] == '/') return false;
      }
      return false;
    }
    if (path.empty()) return false;
    if (g == '?') {
      if (path.front() == '/') return false;
    } else if (g == '[') {
      bool matched = false;
      const size_t used = match_class(glob.substr(1), path.front(), matched);
      if (used > 0) {
        if (!matched || path.front() == '/') return false;
        glob.remove_prefix(1 + used);
        path.remove_prefix(1);
        continue;
      }
      if (path.front() != '[') return false;
    } else if (g == '\\' && glob.size() > 1) {
      if (path.front() != glob[1]) return false;
      glob.remove_prefix(1);
    } else if (g != path.front()) {
      return false;
    }
    glob.remove_prefix(1);
    path.remove_prefix(1);
  }
  return path.empty();
}

}  // namespace

bool glob_matches(std::string_view glob, std::string_view path) {
  while (path.substr(0, 2) == "./") path.remove_prefix(2);
  if (glob.substr(0, 2) == "./") glob.remove_prefix(2);
  // A glob ending in '/' names a folder: everything inside it.
  std::string folder_glob;
  if (!glob.empty() && glob.back() == '/') {
    const std::string_view name = glob.substr(0, glob.size() - 1);
    if (name.find('/') == std::string_view::npos) {
      // "old/": a folder of that name at any depth, as in .gitignore.
      for (size_t slash = path.find('/'), start = 0; slash != std::string_view::npos;
           start = slash + 1, slash = path.find('/', start)) {
        if (match_here(name, path.substr(start, slash - start))) return true;
      }
      return false;
    }
    folder_glob = std::string(glob) + "**";
    glob = folder_glob;
  }
  if (!glob.empty() && glob.front() == '/') return match_here(glob.substr(1), path);
  if (glob.find('/') == std::string_view::npos) {
    // Any path segment: the file name, or a folder on the way to it.
    size_t start = 0;
    while (true) {
      const size_t slash = path.find('/', start);
      const std::string_view segment = path.substr(start, slash == std::string_view::npos ? slash : slash - start);
      if (match_here(glob, segment)) return true;
      if (slash == std::string_view::npos) return false;
      start = slash + 1;
    }
  }
  return match_here(glob, path);
}

}  // namespace policycheck
