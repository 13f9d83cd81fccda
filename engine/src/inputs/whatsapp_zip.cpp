// WhatsApp "Export Chat" on iOS (and on Android with media) produces a ZIP:
// the chat as _chat.txt (Android: "WhatsApp Chat with <name>.txt") next to
// the photos, videos and voice notes it mentions as "<attached: ...>" lines.
// The chat is streamed out of the ZIP (libzip inflates it chunk by chunk),
// so a long chat costs no more memory than the same chat as a .txt. Lines
// and columns are those of the chat file; record ids name it. Attachments
// are not screened (they are media): a notice says how many there were.
#include <zip.h>

#include <memory>

#include "reader.hpp"

namespace policycheck::inputs {
namespace {

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;

Zip open_zip(const std::string& path, std::string* error) {
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (!archive && error) {
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    *error = zip_error_strerror(&e);
    zip_error_fini(&e);
  }
  return Zip(archive);
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// The chat member: iOS's _chat.txt, or Android's "WhatsApp Chat ....txt"
// (the name is localised, so any single top-level .txt next to no Word
// parts also counts). -1 when there is none.
zip_int64_t chat_member(zip_t* archive) {
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  zip_int64_t text_member = -1;
  size_t text_members = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* raw = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    if (!raw) continue;
    const std::string_view name = raw;
    if (name == "_chat.txt" || ends_with(name, "/_chat.txt")) return i;
    if (name == "word/document.xml" || name == "[Content_Types].xml") return -1;  // a .docx
    if (ends_with(name, ".txt") && name.find('/') == std::string_view::npos) {
      text_member = i;
      ++text_members;
    }
  }
  return text_members == 1 ? text_member : -1;
}

}  // namespace

bool is_whatsapp_zip(const std::string& path) {
  const Zip archive = open_zip(path, nullptr);
  return archive && chat_member(archive.get()) >= 0;
}

void read_whatsapp_zip(ReadContext& ctx, const std::string& path) {
  std::string error;
  const Zip archive = open_zip(path, &error);
  const zip_int64_t member = archive ? chat_member(archive.get()) : -1;
  if (member < 0) {
    ctx.error(0, archive ? "no WhatsApp chat (_chat.txt) in this ZIP" : "cannot open as ZIP: " + error);
    return;
  }
  const std::string name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(member), 0);
  zip_file_t* file = zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(member), 0);
  if (!file) {
    ctx.error(0, name + ": cannot be read from the ZIP: " + zip_strerror(archive.get()));
    return;
  }
  ByteSource source(
      [file](char* into, size_t size, std::string& read_error) -> ssize_t {
        const zip_int64_t n = zip_fread(file, into, size);
        if (n < 0) read_error = std::string("cannot inflate the chat: ") + zip_error_strerror(zip_file_get_error(file));
        return static_cast<ssize_t>(n);
      },
      std::string());
  LineStream lines(source);
  lines.set_max_line(static_cast<size_t>(std::min<uint64_t>(ctx.options.limits.max_record_bytes, SIZE_MAX)));
  read_whatsapp(ctx, lines, name);
  zip_fclose(file);
  ctx.report_stream_problems(lines, name);
  const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
  size_t attachments = 0;
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* entry = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0);
    if (i != member && entry && !ends_with(entry, "/")) ++attachments;
  }
  if (attachments > 0) {
    ctx.notice(0, name + " screened; " + std::to_string(attachments) +
                      (attachments == 1 ? " attachment (media) in the ZIP was" : " attachments (media) in the ZIP were") +
                      " not screened");
  }
}

}  // namespace policycheck::inputs
