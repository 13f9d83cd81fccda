// libpolicycheck_pdf.so: a PDF's page texts through poppler (see
// pdf_text_module.hpp for why this is a module of its own).
#include "pdf_text_module.hpp"

#include <memory>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <string>

namespace {
void silence_poppler(const std::string&, void*) {}
}  // namespace

extern "C" __attribute__((visibility("default"))) int policycheck_pdf_pages(const char* bytes, size_t size,
                                                                            PolicycheckPdfPageFn on_page,
                                                                            void* user) {
  poppler::set_debug_error_function(silence_poppler, nullptr);
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(bytes, static_cast<int>(size)));
  if (!doc) return kPolicycheckPdfUnreadable;
  if (doc->is_locked()) return kPolicycheckPdfLocked;
  const int pages = doc->pages();
  for (int p = 0; p < pages; ++p) {
    std::unique_ptr<poppler::page> page(doc->create_page(p));
    if (!page) continue;
    const poppler::byte_array utf8 = page->text(page->page_rect(), poppler::page::physical_layout).to_utf8();
    on_page(user, p, utf8.data(), utf8.size());
  }
  return kPolicycheckPdfOk;
}
