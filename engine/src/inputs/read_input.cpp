// Opens one input, decides its format and hands it to the right reader:
// archives and plain text stream (line-based ones through a LineStream, the
// JSON ones through the element walker); documents that their libraries
// need whole (Markdown, HTML, DOCX, PDF, a single .eml) are read whole
// within --max-file-size.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "reader.hpp"

namespace policycheck {
namespace {

constexpr size_t kHeadBytes = 64 * 1024;

bool streams_lines(InputFormat format) {
  switch (format) {
    case InputFormat::jsonl: case InputFormat::csv: case InputFormat::youtube:
    case InputFormat::whatsapp: case InputFormat::mbox:
      return true;
    default:
      return false;
  }
}

bool streams_bytes(InputFormat format) {
  return format == InputFormat::facebook || format == InputFormat::instagram || format == InputFormat::twitter ||
         format == InputFormat::text || format == InputFormat::auto_detect;
}

bool is_zip(std::string_view head) { return head.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

// Reads up to `want` bytes: fewer at end of input, or after the first read
// when `whole` is false (a pipe: do not wait for more than is there).
bool read_some(int fd, std::string& out, size_t want, std::string& error, bool whole = true) {
  const size_t old = out.size();
  out.resize(old + want);
  size_t got = 0;
  while (got < want) {
    const ssize_t n = ::read(fd, out.data() + old + got, want - got);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::string("read error: ") + std::strerror(errno);
      out.resize(old + got);
      return false;
    }
    got += static_cast<size_t>(n);
    if (!whole) break;
  }
  out.resize(old + got);
  return true;
}

class FileHandle {
 public:
  ~FileHandle() {
    if (fd > 0) ::close(fd);
  }
  int fd = -1;
};

}  // namespace

ReadStats read_input(const std::string& path, const std::string& display_path, const ReaderOptions& options,
                     const RecordCallback& emit, const DiagnosticCallback& diagnose) {
  ReadStats stats;
  auto fail = [&](std::string message) {
    stats.failed = true;
    diagnose({InputDiagnostic::Level::error, display_path, 0, std::move(message)});
    return stats;
  };
  FileHandle file;
  struct stat st {};
  if (path == "-") {
    file.fd = 0;
  } else {
    file.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (file.fd < 0) return fail(std::string("cannot open: ") + std::strerror(errno));
    if (::fstat(file.fd, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
      return fail("not a regular file (device or socket)");
    }
    // Reads below block as usual: O_NONBLOCK was only for opening a FIFO.
    ::fcntl(file.fd, F_SETFL, ::fcntl(file.fd, F_GETFL) & ~O_NONBLOCK);
  }
  std::string bytes;
  std::string error;
  // From a pipe, take what the first read gives: a filter must not wait for
  // 64 KiB of records before answering the first one.
  const bool regular = path != "-" && S_ISREG(st.st_mode);
  if (!read_some(file.fd, bytes, kHeadBytes, error, regular)) return fail(error);

  InputFormat format = options.format;
  if (format == InputFormat::auto_detect) format = detect_format(path == "-" ? "" : path, bytes);
  stats.format = format;
  inputs::ReadContext ctx{display_path, options, emit, diagnose, stats};
  // An iOS WhatsApp export is a ZIP like a .docx: what it holds decides.
  if (regular && is_zip(bytes) && (format == InputFormat::docx || format == InputFormat::whatsapp) &&
      inputs::is_whatsapp_zip(path)) {
    stats.format = InputFormat::whatsapp;
    inputs::read_whatsapp_zip(ctx, path);
    if (options.bytes_read) *options.bytes_read += static_cast<uint64_t>(st.st_size);
    stats.bytes = static_cast<uint64_t>(st.st_size);
    return stats;
  }
  if (format != InputFormat::docx && format != InputFormat::pdf && looks_binary(bytes)) {
    stats.skipped = true;
    diagnose({InputDiagnostic::Level::notice, display_path, 0, "binary file skipped"});
    return stats;
  }

  if (streams_lines(format)) {
    inputs::ByteSource source(file.fd, std::move(bytes), options.bytes_read, options.before_read);
    inputs::LineStream lines(source);
    lines.set_max_line(static_cast<size_t>(std::min<uint64_t>(options.limits.max_record_bytes, SIZE_MAX)));
    switch (format) {
      case InputFormat::jsonl: inputs::read_jsonl(ctx, lines); break;
      case InputFormat::csv: inputs::read_csv(ctx, lines); break;
      case InputFormat::youtube: inputs::read_youtube(ctx, lines); break;
      case InputFormat::whatsapp: inputs::read_whatsapp(ctx, lines); break;
      case InputFormat::mbox: inputs::read_mbox(ctx, lines); break;
      default: break;
    }
    ctx.report_stream_problems(lines);
    stats.bytes = lines.bytes_consumed();
    return stats;
  }
  if (streams_bytes(format)) {
    inputs::ByteSource source(file.fd, std::move(bytes), options.bytes_read, options.before_read);
    switch (format) {
      case InputFormat::facebook: inputs::read_facebook(ctx, source); break;
      case InputFormat::instagram: inputs::read_instagram(ctx, source); break;
      case InputFormat::twitter: inputs::read_twitter(ctx, source); break;
      default: inputs::read_plain_text_records(ctx, source); break;
    }
    if (source.read_error()) ctx.error(0, source.error());
    stats.bytes = source.handed_out();
    return stats;
  }

  // Whole-document formats: read the rest, within the size limit. A
  // Markdown file is a single record, so it must also fit the record limit:
  // refused before it is read, or as soon as a pipe passes it.
  const uint64_t file_limit = options.limits.max_file_bytes;
  const bool one_record = format == InputFormat::markdown;
  const uint64_t limit = one_record ? std::min(file_limit, options.limits.max_record_bytes) : file_limit;
  auto too_large = [&](const char* what) {
    if (limit < file_limit) {
      return fail(std::string(what) + " is larger than the record limit of " + std::to_string(limit) +
                  " bytes (--max-record-size; a Markdown file is one record)");
    }
    return fail(std::string(what) + " is larger than the limit of " + std::to_string(limit) +
                " bytes (--max-file-size)");
  };
  if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > limit) return too_large("file");
  // A regular file is read as it was when opened: one that keeps growing (a
  // log being written) must not keep the read going.
  const uint64_t want = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : limit + 1;
  while (bytes.size() < want) {
    const size_t before = bytes.size();
    const size_t chunk = static_cast<size_t>(std::min<uint64_t>(1 << 20, want - bytes.size()));
    if (!read_some(file.fd, bytes, chunk, error)) return fail(error);
    if (bytes.size() > limit) return too_large("input");
    if (bytes.size() == before) break;
  }
  if (S_ISREG(st.st_mode) && bytes.size() == want) {
    char probe;
    if (::read(file.fd, &probe, 1) == 1) {
      diagnose({InputDiagnostic::Level::notice, display_path, 0,
                "the file grew while it was read: its first " + std::to_string(want) +
                    " bytes (its size when opened) were screened"});
    }
  }
  if (options.bytes_read) *options.bytes_read += bytes.size();
  stats.bytes = bytes.size();
  switch (format) {
    case InputFormat::markdown: inputs::read_markdown(ctx, bytes); break;
    case InputFormat::html: inputs::read_html(ctx, bytes); break;
    case InputFormat::docx: inputs::read_docx(ctx, bytes); break;
    case InputFormat::pdf: inputs::read_pdf(ctx, bytes); break;
    default: inputs::read_eml(ctx, bytes); break;
  }
  return stats;
}

}  // namespace policycheck
