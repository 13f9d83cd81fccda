// PDF newsletters, through poppler: one record per page, its text in reading
// order as poppler lays it out. A PDF has no source lines, so a finding's
// line is the line of the extracted page text (a derived, logical location)
// and the record id is the page. Ligatures are unfolded (NFKC: "ﬁ" -> "fi")
// and words hyphenated at a line end are rejoined, so names and phrases
// broken by typesetting are still found.
#include <utf8proc.h>

#include <cstdlib>
#include <memory>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include "reader.hpp"

namespace policycheck::inputs {
namespace {

void silence_poppler(const std::string&, void*) {}

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

}  // namespace

void read_pdf(ReadContext& ctx, std::string_view bytes) {
  poppler::set_debug_error_function(silence_poppler, nullptr);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) {
    ctx.error(0, "not a readable PDF (damaged or not a PDF)");
    return;
  }
  if (doc->is_locked()) {
    ctx.error(0, "PDF is password-protected: cannot read its text");
    return;
  }
  const int pages = doc->pages();
  for (int p = 0; p < pages; ++p) {
    std::unique_ptr<poppler::page> page(doc->create_page(p));
    if (!page) continue;
    const poppler::byte_array utf8 = page->text(page->page_rect(), poppler::page::physical_layout).to_utf8();
    std::string text(utf8.begin(), utf8.end());
    // Form feeds and CRs from the layout engine become plain line breaks.
    for (char& c : text) {
      if (c == '\f' || c == '\r') c = '\n';
    }
    text = rejoin_hyphenated(nfkc(text));
    if (text.find_first_not_of(" \n\t") == std::string::npos) continue;
    Record record;
    record.path = ctx.path;
    record.info.id = "page " + std::to_string(p + 1);
    record.info.field = "extracted text (line = line on the page)";
    record.text = text;
    ctx.emit(record);
  }
}

}  // namespace policycheck::inputs
