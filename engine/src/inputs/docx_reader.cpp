// Word documents (.docx): a ZIP of XML parts. Word splits text into runs
// wherever formatting, spell-check state or revision ids change, so a name
// can be stored as "Ca" + "rys": all runs of a paragraph are joined before
// scanning. The body, headers, footers, footnotes, endnotes and comments are
// read, plus image descriptions (alt text). Tracked deletions (w:delText) are
// left out unless asked for: they are no longer in the document as shown.
//
// A .docx has no lines a user can go to, so each part is one record whose
// text has one line per paragraph: a finding's line is the paragraph number
// in that part (a logical location), and the record id names the part.
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <pugixml.hpp>

#include "../utf8.hpp"
#include "reader.hpp"

namespace policycheck::inputs {
namespace {

class PartText {
 public:
  explicit PartText(bool scan_deleted) : scan_deleted_(scan_deleted) {}

  void node(const pugi::xml_node& n) {
    const char* name = n.name();
    if (std::strcmp(name, "w:p") == 0) {
      paragraph_break();
      children(n);
      paragraph_break();
      return;
    }
    if (std::strcmp(name, "w:t") == 0 || (scan_deleted_ && std::strcmp(name, "w:delText") == 0)) {
      text_ += n.text().get();
      return;
    }
    if (std::strcmp(name, "w:delText") == 0 || std::strcmp(name, "w:instrText") == 0) return;
    if (std::strcmp(name, "w:tab") == 0 || std::strcmp(name, "w:ptab") == 0) {
      text_ += '\t';
      return;
    }
    if (std::strcmp(name, "w:br") == 0 || std::strcmp(name, "w:cr") == 0) {
      text_ += '\n';
      return;
    }
    if (std::strcmp(name, "w:noBreakHyphen") == 0) {
      text_ += '-';
      return;
    }
    if (std::strcmp(name, "w:sym") == 0) {
      const unsigned long code = std::strtoul(n.attribute("w:char").value(), nullptr, 16);
      // Symbol-font characters live in the private use area: keep real ones only.
      if (code >= 0x20 && !(code >= 0xE000 && code <= 0xF8FF)) utf8::append(text_, static_cast<char32_t>(code));
      return;
    }
    if (std::strcmp(name, "wp:docPr") == 0 || std::strcmp(name, "pic:cNvPr") == 0) {
      // Image alt text: published with the picture.
      for (const char* attr : {"descr", "title"}) {
        const char* value = n.attribute(attr).value();
        if (*value) {
          paragraph_break();
          text_ += value;
          paragraph_break();
        }
      }
      return;
    }
    children(n);
  }

  std::string take() {
    while (!text_.empty() && text_.back() == '\n') text_.pop_back();
    return std::move(text_);
  }

 private:
  void children(const pugi::xml_node& n) {
    for (pugi::xml_node child = n.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element) node(child);
    }
  }
  void paragraph_break() {
    if (!text_.empty() && text_.back() != '\n') text_ += '\n';
  }

  bool scan_deleted_;
  std::string text_;
};

int part_rank(const std::string& name) {
  if (name == "word/document.xml") return 0;
  if (name.rfind("word/header", 0) == 0) return 1;
  if (name.rfind("word/footer", 0) == 0) return 2;
  if (name == "word/footnotes.xml") return 3;
  if (name == "word/endnotes.xml") return 4;
  if (name == "word/comments.xml") return 5;
  return -1;
}

}  // namespace

void read_docx(ReadContext& ctx, std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (!archive) {
    ctx.error(0, std::string("not a DOCX file (cannot open as ZIP: ") + zip_error_strerror(&error) + ")");
    if (source) zip_source_free(source);
    zip_error_fini(&error);
    return;
  }
  std::vector<std::pair<std::string, zip_uint64_t>> parts;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    if (name && part_rank(name) >= 0) parts.emplace_back(name, static_cast<zip_uint64_t>(i));
  }
  std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
    return std::make_pair(part_rank(a.first), a.first) < std::make_pair(part_rank(b.first), b.first);
  });
  if (parts.empty() || parts[0].first != "word/document.xml") {
    ctx.error(0, "not a DOCX file: no word/document.xml inside the ZIP");
    zip_close(archive);
    return;
  }
  for (const auto& [name, index] : parts) {
    zip_stat_t st;
    if (zip_stat_index(archive, index, 0, &st) != 0 || st.size > ctx.options.limits.max_file_bytes) {
      ctx.error(0, name + ": cannot read this part (missing or larger than --max-file-size)");
      continue;
    }
    std::string xml(st.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, index, 0);
    const zip_int64_t got = file ? zip_fread(file, xml.data(), st.size) : -1;
    if (file) zip_fclose(file);
    if (got != static_cast<zip_int64_t>(st.size)) {
      ctx.error(0, name + ": damaged ZIP entry");
      continue;
    }
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed =
        doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!parsed) {
      ctx.error(0, name + ": XML error at byte " + std::to_string(parsed.offset) + ": " + parsed.description());
      continue;
    }
    PartText part(ctx.options.scan_deleted);
    for (pugi::xml_node child = doc.first_child(); child; child = child.next_sibling()) part.node(child);
    const std::string text = part.take();
    if (text.empty()) continue;
    Record record;
    record.path = ctx.path;
    record.info.id = name;
    record.info.field = "text (line = paragraph)";
    record.text = text;  // positions are in this extracted text: see the header comment
    ctx.emit(record);
  }
  zip_close(archive);
}

}  // namespace policycheck::inputs
