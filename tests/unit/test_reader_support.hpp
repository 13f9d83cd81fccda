#pragma once
// Helpers for the reader tests: run a reader over bytes (through a temporary
// file, as the CLI does) and check where a piece of record text comes from.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "locator.hpp"
#include "policycheck/input.hpp"

namespace policycheck::testing {

struct ReadRecord {
  std::string text;
  SourceMap map;
  RecordInfo info;
  Record view() const {
    Record r;
    r.text = text;
    r.map = map;
    r.info = info;
    return r;
  }
};

struct ReadResult {
  std::vector<ReadRecord> records;
  std::vector<InputDiagnostic> diagnostics;
  ReadStats stats;
  std::string bytes;
  bool has_error() const {
    for (const auto& d : diagnostics) {
      if (d.level == InputDiagnostic::Level::error) return true;
    }
    return false;
  }
};

inline std::string temp_path(const std::string& name) {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("policycheck-readers-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return (dir / name).string();
}

inline ReadResult read_path(const std::string& path, ReaderOptions options = {}) {
  ReadResult result;
  {
    std::ifstream in(path, std::ios::binary);
    result.bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  result.stats = read_input(
      path, path, options,
      [&](const Record& r) { result.records.push_back({std::string(r.text), r.map, r.info}); },
      [&](InputDiagnostic d) { result.diagnostics.push_back(std::move(d)); });
  return result;
}

inline ReadResult read_bytes(const std::string& bytes, InputFormat format, const std::string& name = "input",
                             ReaderOptions options = {}) {
  const std::string path = temp_path(name);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  options.format = format;
  return read_path(path, options);
}

// Where `needle` (its first occurrence in the record text) sits in the file.
struct Place {
  uint32_t line = 0, column = 0;
  uint64_t byte_start = 0, byte_end = 0;
};

inline Place place_of(const ReadRecord& record, const std::string& needle) {
  const size_t at = record.text.find(needle);
  if (at == std::string::npos) return {};
  const Record view = record.view();
  Locator locator(view);
  const Location start = locator.locate(at, false);
  const Location end = locator.locate(at + needle.size(), true);
  return {start.line, start.column, start.byte, end.byte};
}

inline std::string source_at(const ReadResult& result, const Place& p) {
  return result.bytes.substr(p.byte_start, p.byte_end - p.byte_start);
}

inline std::string sample(const std::string& relative) {
  return std::string(POLICYCHECK_SOURCE_DIR) + "/corpus/samples/" + relative;
}

}  // namespace policycheck::testing
