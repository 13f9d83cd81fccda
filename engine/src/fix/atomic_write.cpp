// Replacing a file so that a crash or a full disk never leaves it half
// written: write a sibling temporary file, flush it to disk, give it the
// original's permissions, rename it over the original, flush the folder.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "policycheck/fix.hpp"

namespace policycheck {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
  throw std::runtime_error(path.string() + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

void write_file_atomically(const std::filesystem::path& named, std::string_view content) {
  // Through a symlink, replace the file it points to and keep the link.
  std::error_code ec;
  const std::filesystem::path path =
      std::filesystem::is_symlink(named, ec) ? std::filesystem::canonical(named, ec) : named;
  struct stat original {};
  if (::stat(path.c_str(), &original) != 0) fail(path, "cannot read its permissions");
  std::filesystem::path folder = path.parent_path();
  if (folder.empty()) folder = ".";
  std::string temp = (folder / ("." + path.filename().string() + ".policycheck-XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) fail(path, "cannot create a temporary file beside it");
  auto give_up = [&](const std::string& what) {
    const int saved = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    errno = saved;
    fail(path, what);
  };
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      give_up("cannot write the fixed copy");
    }
    written += static_cast<size_t>(n);
  }
  if (::fchmod(fd, original.st_mode & 07777) != 0) give_up("cannot copy its permissions");
  // Keep the owner too where we may (running as root on someone's file).
  if ((original.st_uid != ::geteuid() || original.st_gid != ::getegid()) &&
      ::fchown(fd, original.st_uid, original.st_gid) != 0 && errno != EPERM) {
    give_up("cannot copy its owner");
  }
  if (::fsync(fd) != 0) give_up("cannot flush the fixed copy to disk");
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    fail(path, "cannot close the fixed copy");
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    fail(path, "cannot replace it");
  }
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);  // the rename itself must survive a crash
    ::close(dir);
  }
}

}  // namespace policycheck
