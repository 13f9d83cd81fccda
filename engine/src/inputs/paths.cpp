// Expanding what the user named into files to scan, and reading them.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "ignore_rules.hpp"
#include "policycheck/input.hpp"

namespace fs = std::filesystem;

namespace policycheck {

std::vector<std::string> expand_paths(const std::vector<std::string>& paths, const DiagnosticCallback& diagnose) {
  return expand_paths(paths, false, diagnose);
}

std::vector<std::string> expand_paths(const std::vector<std::string>& paths, bool use_ignore_files,
                                      const DiagnosticCallback& diagnose) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    if (path == "-") {
      files.push_back(path);
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      const bool loop = ec == std::errc::too_many_symbolic_link_levels;
      const bool dangling = fs::is_symlink(fs::symlink_status(path, ec));
      diagnose({InputDiagnostic::Level::error, path, 0,
                loop       ? "symbolic link loop"
                : dangling ? "broken symbolic link"
                           : "no such file or folder"});
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    // Folders: every regular file below, in a stable (sorted) order so that
    // output does not depend on the file system's listing order.
    std::vector<std::string> found;
    inputs::IgnoreTree ignores(path);
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      diagnose({InputDiagnostic::Level::error, path, 0, "cannot read folder: " + ec.message()});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        diagnose({InputDiagnostic::Level::error, it->path().string(), 0, "cannot read: " + ec.message()});
        ec.clear();
        continue;
      }
      const std::string name = it->path().filename().string();
      const bool is_dir = it->is_directory(ec);
      if (is_dir && (name == ".git" || name == ".hg" || name == ".svn")) {
        it.disable_recursion_pending();
        continue;
      }
      if (use_ignore_files && (name == inputs::IgnoreFile::kName || ignores.ignored(it->path(), is_dir))) {
        if (is_dir) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

bool looks_binary(std::string_view head) {
  head = head.substr(0, 8192);
  if (head.size() >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF'))) {
    return false;  // UTF-16 with a BOM is text
  }
  return head.find('\0') != std::string_view::npos;
}

bool read_file(const std::string& path, const InputLimits& limits, std::string& bytes,
               const DiagnosticCallback& diagnose) {
  bytes.clear();
  int fd = 0;
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
      diagnose({InputDiagnostic::Level::error, path, 0, std::string("cannot open: ") + std::strerror(errno)});
      return false;
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
      ::close(fd);
      diagnose({InputDiagnostic::Level::error, path, 0, "not a regular file (device or socket)"});
      return false;
    }
    if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > limits.max_file_bytes) {
      ::close(fd);
      diagnose({InputDiagnostic::Level::error, path, 0,
                "file is larger than the limit of " + std::to_string(limits.max_file_bytes) +
                    " bytes (--max-file-size)"});
      return false;
    }
    // Reads below block as usual: O_NONBLOCK was only for opening a FIFO.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  }
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      diagnose({InputDiagnostic::Level::error, path, 0, std::string("read error: ") + std::strerror(errno)});
      if (fd != 0) ::close(fd);
      return false;
    }
    bytes.append(buffer, static_cast<size_t>(n));
    if (bytes.size() > limits.max_file_bytes) {
      diagnose({InputDiagnostic::Level::error, path, 0,
                "input is larger than the limit of " + std::to_string(limits.max_file_bytes) +
                    " bytes (--max-file-size)"});
      if (fd != 0) ::close(fd);
      return false;
    }
  }
  if (fd != 0) ::close(fd);
  return true;
}

}  // namespace policycheck
