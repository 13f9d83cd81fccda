#pragma once
// Visible text of an HTML document (or fragment) with its source map: text
// inside one block element is joined (a name split by <b>Carys</b> Fenwick
// stays whole), blocks are separated by a line break so neighbouring
// paragraphs cannot run together, script/style and comments are left out
// (except comments carrying a policycheck- suppression directive), and the
// published alt and title attributes are scanned too.
#include <cstdint>
#include <string_view>

#include "source_text.hpp"

namespace policycheck::inputs {

// `html` starts at file offset `file_offset`; `positions` covers the file.
void append_html_text(std::string_view html, uint64_t file_offset, TextBuilder& out);

}  // namespace policycheck::inputs
