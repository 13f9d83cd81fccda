// PDF newsletters, through poppler (in a module loaded on the first PDF,
// optional_module.hpp): one record per page, its text in reading
// order as poppler lays it out. A PDF has no source lines, so a finding's
// line is the line of the extracted page text (a derived, logical location)
// and the record id is the page. Ligatures are unfolded (NFKC: "ﬁ" -> "fi")
// and words hyphenated at a line end are rejoined, so names and phrases
// broken by typesetting are still found.
#include <utf8proc.h>

#include <cstdlib>
#include <string>

#include "../optional_module.hpp"
#include "pdf_text_module.hpp"
#include "reader.hpp"

namespace policycheck::inputs {
namespace {

std::string nfkc(const std::string& text) {
  utf8proc_uint8_t* folded = utf8proc_NFKC(reinterpret_cast<const utf8proc_uint8_t*>(text.c_str()));
  if (!folded) return text;
  std::string out(reinterpret_cast<const char*>(folded));
  std::free(folded);
  return out;
}

// "Fen-\nwick" -> "Fenwick\n": a lower-case letter after a line-end hyphen
// continues the word; the line break moves after it so line counts hold.
std::string rejoin_hyphenated(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '-' && i > 0 && std::isalpha(static_cast<unsigned char>(text[i - 1])) && i + 1 < text.size() &&
        text[i + 1] == '\n') {
      size_t j = i + 2;
      while (j < text.size() && text[j] == ' ') ++j;
      if (j < text.size() && std::islower(static_cast<unsigned char>(text[j]))) {
        size_t word_end = j;
        while (word_end < text.size() && std::isalpha(static_cast<unsigned char>(text[word_end]))) ++word_end;
        out.append(text, j, word_end - j);
        out += '\n';
        i = word_end;
        while (i < text.size() && text[i] == ' ') ++i;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

// One page's text as a record (pages without text make none).
void emit_page(ReadContext& ctx, int page, std::string text) {
  // Form feeds and CRs from the layout engine become plain line breaks.
  for (char& c : text) {
    if (c == '\f' || c == '\r') c = '\n';
  }
  text = rejoin_hyphenated(nfkc(text));
  if (text.find_first_not_of(" \n\t") == std::string::npos) return;
  Record record;
  record.path = ctx.path;
  record.info.id = "page " + std::to_string(page + 1);
  record.info.field = "extracted text (line = line on the page)";
  record.text = text;
  ctx.emit(record);
}

}  // namespace

void read_pdf(ReadContext& ctx, std::string_view bytes) {
  static const ModuleSymbol module =
      load_module_symbol(POLICYCHECK_PDF_MODULE_NAME, POLICYCHECK_PDF_MODULE_BUILT, POLICYCHECK_PDF_PAGES_SYMBOL);
  const auto pdf_pages = reinterpret_cast<PolicycheckPdfPagesFn>(module.address);
  if (!pdf_pages) {
    ctx.error(0, "cannot read PDFs: the PDF module did not load (" + module.error + ")");
    return;
  }
  const int status = pdf_pages(
      bytes.data(), bytes.size(),
      [](void* user, int page, const char* text, size_t size) {
        emit_page(*static_cast<ReadContext*>(user), page, std::string(text, size));
      },
      &ctx);
  if (status == kPolicycheckPdfUnreadable) ctx.error(0, "not a readable PDF (damaged or not a PDF)");
  if (status == kPolicycheckPdfLocked) ctx.error(0, "PDF is password-protected: cannot read its text");
}

}  // namespace policycheck::inputs
