#pragma once
// The C interface of the PDF text module (libpolicycheck_pdf.so), which holds
// everything that needs poppler. poppler and the twenty-odd libraries it
// pulls in (NSS, freetype, fontconfig, image codecs) cost ~6-10 ms of
// relocation on every start, half of issue 8's 20 ms budget, while most runs
// read no PDF: the engine loads the module with dlopen on the first PDF
// (engine/src/optional_module.hpp). A C function, so no C++ type
// crosses the boundary.
#include <stddef.h>

extern "C" {

enum PolicycheckPdfStatus { kPolicycheckPdfOk = 0, kPolicycheckPdfUnreadable = 1, kPolicycheckPdfLocked = 2 };

// Called once per page, in order, with the page's text as poppler lays it
// out (UTF-8, not NUL-terminated; `page` counts from 0).
typedef void (*PolicycheckPdfPageFn)(void* user, int page, const char* text, size_t size);

// Extracts the text of every page of the PDF in `bytes`.
typedef int (*PolicycheckPdfPagesFn)(const char* bytes, size_t size, PolicycheckPdfPageFn on_page, void* user);

#define POLICYCHECK_PDF_PAGES_SYMBOL "policycheck_pdf_pages"
int policycheck_pdf_pages(const char* bytes, size_t size, PolicycheckPdfPageFn on_page, void* user);
}
