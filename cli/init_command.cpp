// `policycheck init`: a commented starter .policycheck.yaml. An existing
// config is never overwritten (O_EXCL, so not even by a race).
#include "init_command.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "common_options.hpp"
#include "policycheck/config.hpp"

namespace policycheck::cli {

void add_init_command(CLI::App& app, InitOptions& o, std::function<int()>& run) {
  CLI::App* init = app.add_subcommand("init", std::string("Write a commented starter ") + kConfigFileName +
                                                  " (an existing one is left alone)");
  init->add_option("folder", o.folder, "Where to write it (default: the current folder)")
      ->check(CLI::ExistingDirectory);
  init->callback([&run, &o] { run = [&o] { return run_init(o); }; });
}

int run_init(const InitOptions& o) {
  const std::filesystem::path path = std::filesystem::path(o.folder) / kConfigFileName;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0) {
    if (errno == EEXIST) print_error(path.string() + " already exists; it was left as it is");
    else print_error("cannot create " + path.string() + ": " + std::strerror(errno));
    return kExitError;
  }
  const std::string text = starter_config();
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      print_error("cannot write " + path.string() + ": " + std::strerror(errno));
      ::close(fd);
      return kExitError;
    }
    written += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    print_error("cannot write " + path.string() + ": " + std::strerror(errno));
    return kExitError;
  }
  std::cerr << "policycheck: wrote " << path.string() << "; edit it to describe your school\n";
  return kExitClean;
}

}  // namespace policycheck::cli
