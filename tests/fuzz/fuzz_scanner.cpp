// libFuzzer target: a small random policy plus random text. The input is
// split at the first NUL: before it, a list of terms and regexes (one per
// line; lines starting with '~' are patterns); after it, the text to scan.
// Checks the scanner's invariants on every finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "policycheck/scanner.hpp"

namespace {

std::string yaml_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "''";
    else if (static_cast<unsigned char>(c) < 0x20) out += ' ';
    else out += c;
  }
  return out + "'";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t split = input.find('\0');
  if (split == std::string::npos || split > 2048) return 0;
  std::string terms, patterns;
  size_t pos = 0;
  int count = 0;
  while (pos < split && count < 16) {
    size_t end = input.find('\n', pos);
    if (end == std::string::npos || end > split) end = split;
    const std::string line = input.substr(pos, end - pos);
    pos = end + 1;
    if (line.size() < 2) continue;
    ++count;
    if (line[0] == '~') patterns += "      - " + yaml_quote(line.substr(1)) + "\n";
    else terms += "      - " + yaml_quote(line) + "\n";
  }
  std::string yaml = "pack: f\nrules:\n";
  if (!terms.empty()) yaml += "  - id: f/t\n    kind: terms\n    message: m\n    terms:\n" + terms;
  if (!patterns.empty()) {
    yaml += "  - id: f/p\n    kind: pattern\n    message: m\n    context: [call, me]\n    patterns:\n" + patterns;
  }
  std::shared_ptr<const policycheck::CompiledPolicy> policy;
  try {
    policycheck::PolicyLoader loader;
    loader.add_text("fuzz.yaml", yaml);
    policycheck::CompileOptions options;
    options.use_cache = false;
    // Well inside the fuzzer's -timeout: a runaway Hyperscan compile is a
    // PolicyError here (tests/fuzz/regressions/policy_loader), not a hang.
    options.compile_timeout_seconds = 5;
    policy = policycheck::CompiledPolicy::compile(loader.finish(), options);
  } catch (const policycheck::PolicyError&) {
    return 0;
  }
  policycheck::Scanner scanner(policy);
  policycheck::Record record;
  record.path = "fuzz";
  record.text = std::string_view(input).substr(split + 1);
  std::vector<policycheck::Finding> findings;
  scanner.scan(record, findings);
  for (const auto& f : findings) {
    // Spans lie inside the text, start before end, and locations are sane.
    if (f.text_start >= f.text_end || f.text_end > record.text.size()) std::abort();
    if (f.line == 0 || f.column == 0 || f.end_line < f.line) std::abort();
    if (f.byte_end > record.text.size() || f.byte_start > f.byte_end) std::abort();
    if (f.match != record.text.substr(f.text_start, f.text_end - f.text_start)) std::abort();
  }
  return 0;
}
