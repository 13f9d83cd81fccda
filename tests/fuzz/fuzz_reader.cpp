// libFuzzer target for one input reader: any bytes as a file of the format
// named by FUZZ_READER_FORMAT at build time (CMakeLists.txt builds one
// executable per format, fuzz_reader_<format>, each with its own corpus).
//
// The reader must emit records and diagnostics and return: never crash, hang
// or read out of bounds. Every record must be valid UTF-8 with a source map
// inside its text, and each record is screened by a small policy so the
// locator maps hits through the reader's segments; findings must point inside
// the file. Whole-file formats get the bytes directly; streaming formats read
// them through a ByteSource (or LineStream) whose descriptor is already at
// end of file.
// FUZZ_READER_FORMAT "auto" goes through read_input() on an in-memory file
// instead: format detection, the binary check and the dispatch.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "inputs/reader.hpp"
#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "policycheck/scanner.hpp"
#include "utf8.hpp"

#ifndef FUZZ_READER_FORMAT
#error "FUZZ_READER_FORMAT names the input format to fuzz (see tests/fuzz/CMakeLists.txt)"
#endif

namespace {

using policycheck::InputFormat;

// Terms that turn up in most texts plus a digit pattern with a validator-free
// confirmation, so findings are frequent and the locator does real work.
constexpr const char* kPolicy = R"(pack: fuzz
rules:
  - id: fuzz/common
    kind: terms
    message: m
    terms: [the, and, you, é, "l'école", Ünïcödé]
  - id: fuzz/digits
    kind: pattern
    message: m
    patterns: ['\d{3}[ -]?\d{2}']
)";

struct Harness {
  InputFormat format;
  std::shared_ptr<const policycheck::CompiledPolicy> policy;
  std::unique_ptr<policycheck::Scanner> scanner;
  int end_of_file_fd;
  int memory_file_fd;  // "auto": the input is written here and read by path
};

Harness& harness() {
  static Harness* h = [] {
    auto* made = new Harness;
    const auto format = policycheck::parse_input_format(FUZZ_READER_FORMAT);
    if (!format) std::abort();
    made->format = *format;
    policycheck::PolicyLoader loader;
    loader.add_text("fuzz.yaml", kPolicy);
    policycheck::CompileOptions options;
    options.use_cache = false;
    made->policy = policycheck::CompiledPolicy::compile(loader.finish(), options);
    made->scanner = std::make_unique<policycheck::Scanner>(made->policy);
    made->end_of_file_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (made->end_of_file_fd < 0) std::abort();
    made->memory_file_fd = ::memfd_create("fuzz-input", MFD_CLOEXEC);
    if (made->memory_file_fd < 0) std::abort();
    return made;
  }();
  return *h;
}

// Container formats (a zip of XML parts, a PDF's content streams) map text to
// offsets inside their parts, not inside the file, so only text-side bounds
// can be checked for them.
bool maps_into_file(InputFormat format) { return format != InputFormat::docx && format != InputFormat::pdf; }

void check_record(const policycheck::Record& record, size_t file_size, InputFormat format) {
  if (!policycheck::utf8::valid(record.text)) std::abort();
  const bool in_file = maps_into_file(format);
  for (const policycheck::Segment& s : record.map.segments) {
    if (s.text_begin > s.text_end || s.text_end > record.text.size()) std::abort();
    if (s.source_begin > s.source_end) std::abort();
    if (in_file && s.source_end > file_size) std::abort();
  }
  Harness& h = harness();
  std::vector<policycheck::Finding> findings;
  h.scanner->scan(record, findings);
  for (const policycheck::Finding& f : findings) {
    if (f.text_start >= f.text_end || f.text_end > record.text.size()) std::abort();
    if (f.byte_start > f.byte_end) std::abort();
    if (in_file && f.byte_end > file_size) std::abort();
    if (f.line == 0 || f.column == 0 || f.end_line < f.line) std::abort();
  }
}

void run_reader(policycheck::inputs::ReadContext& ctx, InputFormat format, std::string_view bytes, int eof_fd) {
  namespace in = policycheck::inputs;
  switch (format) {
    case InputFormat::jsonl: case InputFormat::csv: case InputFormat::youtube:
    case InputFormat::whatsapp: case InputFormat::mbox: {
      in::LineStream lines(eof_fd, std::string(bytes), nullptr);
      if (format == InputFormat::jsonl) in::read_jsonl(ctx, lines);
      else if (format == InputFormat::csv) in::read_csv(ctx, lines);
      else if (format == InputFormat::youtube) in::read_youtube(ctx, lines);
      else if (format == InputFormat::whatsapp) in::read_whatsapp(ctx, lines);
      else in::read_mbox(ctx, lines);
      if (lines.bytes_consumed() > bytes.size()) std::abort();
      return;
    }
    case InputFormat::markdown: in::read_markdown(ctx, bytes); return;
    case InputFormat::html: in::read_html(ctx, bytes); return;
    case InputFormat::docx: in::read_docx(ctx, bytes); return;
    case InputFormat::pdf: in::read_pdf(ctx, bytes); return;
    case InputFormat::facebook: case InputFormat::instagram: case InputFormat::twitter: case InputFormat::text: {
      in::ByteSource source(eof_fd, std::string(bytes));
      if (format == InputFormat::facebook) in::read_facebook(ctx, source);
      else if (format == InputFormat::instagram) in::read_instagram(ctx, source);
      else if (format == InputFormat::twitter) in::read_twitter(ctx, source);
      else in::read_plain_text_records(ctx, source);
      if (source.handed_out() > bytes.size()) std::abort();
      return;
    }
    case InputFormat::eml: in::read_eml(ctx, bytes); return;
    case InputFormat::auto_detect: break;
  }
  std::abort();  // every format has a reader
}

// Writes the input to the in-memory file and reads it back by path, as the
// CLI reads a file named on the command line.
void read_through_file(Harness& h, std::string_view bytes, const policycheck::ReaderOptions& options,
                       const policycheck::RecordCallback& emit, const policycheck::DiagnosticCallback& diagnose) {
  if (::ftruncate(h.memory_file_fd, 0) != 0 || ::pwrite(h.memory_file_fd, bytes.data(), bytes.size(), 0) !=
                                                    static_cast<ssize_t>(bytes.size())) {
    std::abort();
  }
  const std::string path = "/proc/self/fd/" + std::to_string(h.memory_file_fd);
  const policycheck::ReadStats stats = policycheck::read_input(path, "fuzz-input", options, emit, diagnose);
  if (stats.format == InputFormat::auto_detect) std::abort();  // detection always decides
  if (stats.bytes > bytes.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 20) return 0;  // the interesting structure is in small files
  Harness& h = harness();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  policycheck::ReaderOptions options;
  options.format = h.format;
  options.limits.max_file_bytes = 1 << 20;
  InputFormat format_read = h.format;
  const policycheck::RecordCallback emit = [&](const policycheck::Record& record) {
    check_record(record, size, format_read);
  };
  const policycheck::DiagnosticCallback diagnose = [](policycheck::InputDiagnostic d) {
    if (d.path != "fuzz-input") std::abort();  // messages name the file they are about
  };
  if (h.format == InputFormat::auto_detect) {
    // Container formats can only be recognised once detected; bound checks
    // on source offsets are relaxed for them as for their own targets.
    format_read = policycheck::detect_format("fuzz-input", bytes.substr(0, 64 * 1024));
    read_through_file(h, bytes, options, emit, diagnose);
    return 0;
  }
  policycheck::ReadStats stats;
  policycheck::inputs::ReadContext ctx{"fuzz-input", options, emit, diagnose, stats};
  run_reader(ctx, h.format, bytes, h.end_of_file_fd);
  return 0;
}
