#pragma once
// Loads a library the engine needs only for some inputs (PDF text: poppler;
// phone numbers: libphonenumber with protobuf, ICU and abseil) with dlopen,
// on first use, instead of linking it into every binary: relocating those
// libraries cost most of a start from the cache (issue 8). A module is
// looked for next to the running executable first (a copied or installed
// build), then where this build tree put it. Never unloaded.
#include <string>

namespace policycheck {

struct ModuleSymbol {
  void* address = nullptr;  // null when the module or the symbol did not load
  std::string error;        // why not
};

// Thread-safe; callers keep the result (a function-local static).
ModuleSymbol load_module_symbol(const char* file_name, const char* built_path, const char* symbol);

}  // namespace policycheck
