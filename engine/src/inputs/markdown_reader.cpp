// Markdown newsletters, parsed with cmark-gfm (tables, strikethrough and
// autolinks as GitHub renders them). The record is the published text:
// paragraphs, headings, list items, table cells, link and image text; code
// blocks are left out (they are code, not prose). A soft line break becomes
// a space, so "**Carys\nFenwick**" is still one name; block ends become line
// breaks, so neighbouring paragraphs cannot form one.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cctype>
#include <cstring>
#include <memory>

#include "decoded_text.hpp"
#include "html_text.hpp"
#include "reader.hpp"

namespace policycheck::inputs {
namespace {

class MarkdownWalker {
 public:
  MarkdownWalker(std::string_view source, size_t start, TextBuilder& out) : src_(source), out_(out), cursor_(start) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < src_.size(); ++i) {
      if (src_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  void walk(cmark_node* root) {
    cmark_iter* iter = cmark_iter_new(root);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
      cmark_node* node = cmark_iter_get_node(iter);
      const cmark_node_type type = cmark_node_get_type(node);
      if (event == CMARK_EVENT_ENTER) enter(node, type);
      else exit(node, type);
    }
    cmark_iter_free(iter);
  }

 private:
  size_t offset_of(int line, int column) const {
    if (line < 1 || static_cast<size_t>(line) > line_starts_.size()) return std::string_view::npos;
    const size_t offset = line_starts_[static_cast<size_t>(line) - 1] + static_cast<size_t>(std::max(column, 1)) - 1;
    return offset <= src_.size() ? offset : std::string_view::npos;
  }

  // A literal (text or inline code) placed at its source: exactly where the
  // source position says, else the next place it occurs after the previous
  // literal, else (backslash escapes, entities) as a decoded span.
  void literal(cmark_node* node) {
    const char* lit = cmark_node_get_literal(node);
    if (!lit || !*lit) return;
    const std::string_view text(lit);
    size_t at = offset_of(cmark_node_get_start_line(node), cmark_node_get_start_column(node));
    if (at == std::string_view::npos || src_.substr(at, text.size()) != text) {
      const size_t found = src_.find(text, cursor_);
      at = found != std::string_view::npos && found - cursor_ < 4096 ? found : std::string_view::npos;
    }
    if (at != std::string_view::npos) {
      out_.verbatim(text, at);
      cursor_ = at + text.size();
      ends_with_break_ = false;
      return;
    }
    size_t begin = offset_of(cmark_node_get_start_line(node), cmark_node_get_start_column(node));
    size_t end = offset_of(cmark_node_get_end_line(node), cmark_node_get_end_column(node) + 1);
    if (begin == std::string_view::npos) begin = cursor_;
    if (end == std::string_view::npos || end < begin) end = begin;
    if (!decode_in_place(text, begin, end)) out_.decoded(text, begin, end);
    cursor_ = std::max(cursor_, end);
    ends_with_break_ = false;
  }

  // Re-decodes the node's source (character references, backslash escapes)
  // piece by piece; when that gives the parser's literal, each piece keeps
  // its own bytes, so a match next to "&amp;" still has an exact column.
  bool decode_in_place(std::string_view literal, size_t begin, size_t end) {
    struct Piece {
      std::string text;
      size_t begin, end;
      bool verbatim;
    };
    std::vector<Piece> pieces;
    std::string rebuilt;
    const std::string_view raw = src_.substr(begin, end - begin);
    size_t run = 0;
    auto flush = [&](size_t at) {
      if (at > run) pieces.push_back({std::string(raw.substr(run, at - run)), begin + run, begin + at, true});
    };
    for (size_t i = 0; i < raw.size();) {
      std::string decoded;
      size_t len = 0;
      if (raw[i] == '&') len = decode_html_reference(raw, i, decoded);
      else if (raw[i] == '\\' && i + 1 < raw.size() && std::ispunct(static_cast<unsigned char>(raw[i + 1]))) {
        decoded = raw.substr(i + 1, 1);
        len = 2;
      }
      if (!len) {
        ++i;
        continue;
      }
      flush(i);
      pieces.push_back({decoded, begin + i, begin + i + len, false});
      i += len;
      run = i;
    }
    flush(raw.size());
    for (const Piece& p : pieces) rebuilt += p.text;
    if (rebuilt != literal) return false;
    for (const Piece& p : pieces) {
      if (p.verbatim) out_.verbatim(p.text, p.begin);
      else out_.decoded(p.text, p.begin, p.end);
    }
    return true;
  }

  void line_break(cmark_node* node) {
    if (ends_with_break_ || out_.size() == 0) return;
    size_t at = offset_of(cmark_node_get_end_line(node), cmark_node_get_end_column(node) + 1);
    out_.synthetic("\n", at == std::string_view::npos ? cursor_ : at);
    ends_with_break_ = true;
  }

  void html(cmark_node* node, bool block) {
    const char* lit = cmark_node_get_literal(node);
    if (!lit || !*lit) return;
    const std::string_view text(lit);
    size_t at = offset_of(cmark_node_get_start_line(node), cmark_node_get_start_column(node));
    if (at == std::string_view::npos || src_.substr(at, text.size()) != text) {
      const size_t found = src_.find(text, cursor_);
      at = found;
    }
    if (at == std::string_view::npos) return;
    cursor_ = at + text.size();
    if (block) {
      // Raw HTML in Markdown is published like any HTML: its visible text counts.
      line_break(node);
      append_html_text(text, at, out_);
      ends_with_break_ = false;
      line_break(node);
    } else if (text.find("policycheck-") != std::string_view::npos) {
      out_.verbatim(text, at);  // an inline comment carrying a suppression directive
      ends_with_break_ = false;
    }
  }

  void enter(cmark_node* node, cmark_node_type type) {
    switch (type) {
      case CMARK_NODE_TEXT: case CMARK_NODE_CODE: literal(node); break;
      case CMARK_NODE_SOFTBREAK: out_.synthetic(" ", cursor_); break;
      case CMARK_NODE_LINEBREAK: out_.synthetic("\n", cursor_); break;
      case CMARK_NODE_HTML_BLOCK: html(node, true); break;
      case CMARK_NODE_HTML_INLINE: html(node, false); break;
      case CMARK_NODE_CODE_BLOCK: {
        const size_t end = offset_of(cmark_node_get_end_line(node), cmark_node_get_end_column(node) + 1);
        if (end != std::string_view::npos) cursor_ = std::max(cursor_, end);
        break;
      }
      default: break;
    }
  }

  void exit(cmark_node* node, cmark_node_type type) {
    switch (type) {
      case CMARK_NODE_PARAGRAPH: case CMARK_NODE_HEADING: case CMARK_NODE_ITEM: case CMARK_NODE_BLOCK_QUOTE:
        line_break(node);
        break;
      default: {
        const char* name = cmark_node_get_type_string(node);
        if (name && (std::strcmp(name, "table_cell") == 0 || std::strcmp(name, "table_row") == 0)) line_break(node);
        break;
      }
    }
  }

  std::string_view src_;
  TextBuilder& out_;
  size_t cursor_;
  bool ends_with_break_ = false;
  std::vector<size_t> line_starts_;
};

}  // namespace

void read_markdown(ReadContext& ctx, std::string_view bytes) {
  cmark_gfm_core_extensions_ensure_registered();
  const size_t start = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_SOURCEPOS);
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser, ext);
  }
  // Source positions are relative to what the parser saw: give it the whole
  // file (a BOM is harmless to cmark) so they are file positions.
  cmark_parser_feed(parser, bytes.data(), bytes.size());
  cmark_node* root = cmark_parser_finish(parser);

  Record record;
  record.path = ctx.path;
  std::string text;
  Positioner positions(bytes);
  TextBuilder builder(text, record.map, positions);
  MarkdownWalker(bytes, start, builder).walk(root);
  cmark_node_free(root);
  cmark_parser_free(parser);
  ctx.note_repaired_utf8(builder, 0);
  record.text = text;
  ctx.emit(record);
}

}  // namespace policycheck::inputs
