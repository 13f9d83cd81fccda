#include "html_text.hpp"

#include <gumbo.h>

#include <cstring>
#include <vector>

#include "decoded_text.hpp"

namespace policycheck::inputs {
namespace {

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_TR: case GUMBO_TAG_TABLE: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_BR: case GUMBO_TAG_HR: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_MAIN: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_TITLE: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_DL:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_FORM:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_BODY: case GUMBO_TAG_HEAD: case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_LEGEND: case GUMBO_TAG_FIELDSET:
      return true;
    default:
      return false;
  }
}

class Extractor {
 public:
  Extractor(std::string_view html, uint64_t file_offset, TextBuilder& out)
      : html_(html), base_(file_offset), out_(out) {}

  void walk(const GumboNode* node, int depth) {
    if (depth > kMaxRecursion) {
      walk_deep(node);
      return;
    }
    switch (node->type) {
      case GUMBO_NODE_DOCUMENT:
        children(&node->v.document.children, depth);
        break;
      case GUMBO_NODE_ELEMENT: element(node, depth); break;
      default: leaf(node); break;
    }
  }

 private:
  // Nesting deeper than this (generated or hostile HTML nests thousands of
  // elements) is walked with an explicit stack: no text is lost, and the
  // call stack stays small.
  static constexpr int kMaxRecursion = 400;

  void leaf(const GumboNode* node) {
    switch (node->type) {
      case GUMBO_NODE_TEXT: case GUMBO_NODE_CDATA: case GUMBO_NODE_WHITESPACE:
        raw_text(node->v.text.original_text, node->v.text.start_pos.offset);
        break;
      case GUMBO_NODE_COMMENT: comment(node); break;
      default: break;
    }
  }

  void walk_deep(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      unsigned next_child;
    };
    std::vector<Frame> stack;
    auto enter = [&](const GumboNode* node) {
      if (node->type != GUMBO_NODE_ELEMENT) {
        leaf(node);
      } else if (open_element(node)) {
        stack.push_back({node, 0});
      }
    };
    enter(root);
    while (!stack.empty()) {
      Frame& top = stack.back();
      const GumboVector& kids = top.node->v.element.children;
      if (top.next_child < kids.length) {
        enter(static_cast<const GumboNode*>(kids.data[top.next_child++]));  // may reallocate: top not used after
        continue;
      }
      close_element(top.node);
      stack.pop_back();
    }
  }

  void children(const GumboVector* list, int depth) {
    for (unsigned i = 0; i < list->length; ++i) walk(static_cast<const GumboNode*>(list->data[i]), depth + 1);
  }

  void element(const GumboNode* node, int depth) {
    if (!open_element(node)) return;
    children(&node->v.element.children, depth);
    close_element(node);
  }

  // The line break before a block and its published attribute text; false
  // for elements whose content is never shown.
  bool open_element(const GumboNode* node) {
    const GumboElement& e = node->v.element;
    if (e.tag == GUMBO_TAG_SCRIPT || e.tag == GUMBO_TAG_STYLE || e.tag == GUMBO_TAG_TEMPLATE) return false;
    const bool block = is_block(e.tag);
    if (block) line_break(e.start_pos.offset);
    // Published attribute text: image alt text and titles (captions often carry names).
    for (unsigned i = 0; i < e.attributes.length; ++i) {
      const auto* attr = static_cast<const GumboAttribute*>(e.attributes.data[i]);
      if (std::strcmp(attr->name, "alt") != 0 && std::strcmp(attr->name, "title") != 0) continue;
      GumboStringPiece value = attr->original_value;
      size_t offset = attr->value_start.offset;
      if (value.length >= 2 && (value.data[0] == '"' || value.data[0] == '\'')) {
        ++value.data;
        value.length -= 2;
        ++offset;
      }
      if (value.length == 0) continue;
      line_break(offset);
      raw_text(value, offset);
      line_break(offset + value.length);
    }
    return true;
  }

  void close_element(const GumboNode* node) {
    const GumboElement& e = node->v.element;
    if (is_block(e.tag)) line_break(e.end_pos.offset);
  }

  // Comments are not published, but a policycheck suppression directive in
  // one must still reach the suppression logic, at its own line.
  void comment(const GumboNode* node) {
    const GumboStringPiece& raw = node->v.text.original_text;
    const std::string_view text(raw.data, raw.length);
    if (text.find("policycheck-") == std::string_view::npos) return;
    line_break(node->v.text.start_pos.offset);
    out_.verbatim(text, base_ + node->v.text.start_pos.offset);
    line_break(node->v.text.start_pos.offset + raw.length);
  }

  // Source text with character references decoded, each mapped to its bytes.
  void raw_text(const GumboStringPiece& piece, size_t offset) {
    if (!piece.data || piece.length == 0) return;
    // original_text points into our buffer; recompute the offset from it when
    // the parser reports none (implied or foster-parented nodes).
    if (piece.data >= html_.data() && piece.data < html_.data() + html_.size()) {
      offset = static_cast<size_t>(piece.data - html_.data());
    }
    const std::string_view text(piece.data, piece.length);
    size_t run = 0;
    std::string decoded;
    for (size_t i = text.find('&'); i != std::string_view::npos; i = text.find('&', i + 1)) {
      decoded.clear();
      const size_t len = decode_html_reference(text, i, decoded);
      if (!len) continue;
      out_.verbatim(text.substr(run, i - run), base_ + offset + run);
      out_.decoded(decoded, base_ + offset + i, base_ + offset + i + len);
      run = i + len;
      i = run - 1;
    }
    out_.verbatim(text.substr(run), base_ + offset + run);
    ends_with_break_ = false;
  }

  void line_break(size_t offset) {
    if (ends_with_break_ || out_.size() == 0) return;
    out_.synthetic("\n", base_ + std::min<size_t>(offset, html_.size()));
    ends_with_break_ = true;
  }

  std::string_view html_;
  uint64_t base_;
  TextBuilder& out_;
  bool ends_with_break_ = false;
};

}  // namespace

void append_html_text(std::string_view html, uint64_t file_offset, TextBuilder& out) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  Extractor(html, file_offset, out).walk(output->document, 0);
  gumbo_destroy_output(&options, output);
}

}  // namespace policycheck::inputs
