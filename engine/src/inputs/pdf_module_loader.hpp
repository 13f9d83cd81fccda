#pragma once
// Finds and loads the PDF text module (engine/pdf_module) on first use:
// next to the running executable first (a copied or installed build), then
// where this build tree put it. Loaded once per process, never unloaded.
#include <string>

#include "pdf_text_module.hpp"

namespace policycheck::inputs {

// The module's entry point, or null with `error` saying why.
PolicycheckPdfPagesFn pdf_pages_function(std::string& error);

}  // namespace policycheck::inputs
