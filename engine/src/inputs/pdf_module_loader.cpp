#include "pdf_module_loader.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <mutex>
#include <vector>

namespace policycheck::inputs {
namespace {

struct LoadedModule {
  PolicycheckPdfPagesFn pages = nullptr;
  std::string error;
};

LoadedModule load_module() {
  std::vector<std::filesystem::path> candidates;
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(self.parent_path() / POLICYCHECK_PDF_MODULE_NAME);
  candidates.emplace_back(POLICYCHECK_PDF_MODULE_BUILT);
  LoadedModule loaded;
  for (const std::filesystem::path& path : candidates) {
    if (!std::filesystem::exists(path, ec)) continue;
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = ::dlerror();
      loaded.error = why ? why : "dlopen failed";
      continue;
    }
    loaded.pages = reinterpret_cast<PolicycheckPdfPagesFn>(::dlsym(handle, POLICYCHECK_PDF_PAGES_SYMBOL));
    if (loaded.pages) return loaded;
    loaded.error = path.string() + " has no " POLICYCHECK_PDF_PAGES_SYMBOL;
  }
  if (loaded.error.empty()) loaded.error = std::string(POLICYCHECK_PDF_MODULE_NAME) + " not found";
  return loaded;
}

}  // namespace

PolicycheckPdfPagesFn pdf_pages_function(std::string& error) {
  static std::once_flag once;
  static LoadedModule module;
  std::call_once(once, [] { module = load_module(); });
  error = module.error;
  return module.pages;
}

}  // namespace policycheck::inputs
