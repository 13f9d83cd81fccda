#include "optional_module.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <mutex>
#include <vector>

namespace policycheck {

ModuleSymbol load_module_symbol(const char* file_name, const char* built_path, const char* symbol) {
  // dlerror() is per thread but dlopen's search is not worth racing over.
  static std::mutex mutex;
  const std::lock_guard<std::mutex> lock(mutex);
  std::vector<std::filesystem::path> candidates;
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(self.parent_path() / file_name);
  candidates.emplace_back(built_path);
  ModuleSymbol loaded;
  for (const std::filesystem::path& path : candidates) {
    if (!std::filesystem::exists(path, ec)) continue;
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = ::dlerror();
      loaded.error = why ? why : "dlopen failed";
      continue;
    }
    loaded.address = ::dlsym(handle, symbol);
    if (loaded.address) return loaded;
    loaded.error = path.string() + " has no " + symbol;
  }
  if (loaded.error.empty()) loaded.error = std::string(file_name) + " not found";
  return loaded;
}

}  // namespace policycheck
