#include "bounded_compile.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace policycheck {
namespace {

bool write_all(int fd, const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// The child: compile, then send [status:int32][index:int32][length:uint64][bytes].
[[noreturn]] void compile_in_child(int fd, const std::vector<const char*>& expressions,
                                   const std::vector<unsigned>& flags, const std::vector<unsigned>& ids) {
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  const hs_error_t rc = hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                         static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr, &db, &error);
  int32_t status = rc == HS_SUCCESS ? 0 : 1;
  int32_t index = -1;
  char* bytes = nullptr;
  size_t length = 0;
  std::string message;
  if (rc == HS_SUCCESS) {
    if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) {
      status = 1;
      message = "cannot serialise the compiled database";
    }
  } else {
    message = error ? error->message : "unknown error";
    index = error ? error->expression : -1;
  }
  uint64_t size = status == 0 ? length : message.size();
  bool ok = write_all(fd, &status, sizeof status) && write_all(fd, &index, sizeof index) &&
            write_all(fd, &size, sizeof size) &&
            write_all(fd, status == 0 ? static_cast<const void*>(bytes) : message.data(), size);
  ::_exit(ok ? 0 : 3);
}

}  // namespace

BoundedCompileResult compile_bounded(const std::vector<const char*>& expressions, const std::vector<unsigned>& flags,
                                     const std::vector<unsigned>& ids, double timeout_seconds) {
  BoundedCompileResult result;
  int fds[2];
  if (::pipe(fds) != 0) {
    result.error = std::string("cannot create a pipe: ") + std::strerror(errno);
    return result;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    result.error = std::string("cannot start the compiler process: ") + std::strerror(errno);
    return result;
  }
  if (pid == 0) {
    ::close(fds[0]);
    compile_in_child(fds[1], expressions, flags, ids);
  }
  ::close(fds[1]);

  // Read everything the child sends until it closes the pipe or time runs out.
  std::string reply;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  char buffer[1 << 16];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    reply.append(buffer, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  if (result.timed_out) ::kill(pid, SIGKILL);
  int wait_status = 0;
  while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  if (result.timed_out) {
    result.error = "compiling took longer than the limit";
    return result;
  }

  int32_t status = 0, index = -1;
  uint64_t size = 0;
  constexpr size_t header = sizeof status + sizeof index + sizeof size;
  if (reply.size() < header) {
    result.error = "the compiler process failed (out of memory?)";
    return result;
  }
  std::memcpy(&status, reply.data(), sizeof status);
  std::memcpy(&index, reply.data() + sizeof status, sizeof index);
  std::memcpy(&size, reply.data() + sizeof status + sizeof index, sizeof size);
  if (reply.size() != header + size) {
    result.error = "the compiler process sent an incomplete database";
    return result;
  }
  const char* payload = reply.data() + header;
  if (status != 0) {
    result.error.assign(payload, size);
    result.failed_expression = index;
    return result;
  }
  if (hs_deserialize_database(payload, size, &result.database) != HS_SUCCESS) {
    result.database = nullptr;
    result.error = "cannot load the compiled database";
  }
  return result;
}

}  // namespace policycheck
