// One engine, one thread, over a one-comment-per-line corpus streamed from
// disk in 4 MiB chunks (every line a record, as an archive reader hands them
// over). compare.sh runs it once per engine and reads its one-line output.
//
//   bench_lines --engine memchr|reference|current|current-per-record [--policy FILE]...
//               [--no-default-policy] [--roster FILE]... [--compile-timeout S] CORPUS
//
// memchr only finds the line ends: the floor any line-based scanner pays.
// reference is the straightforward single-database SOM engine
// (reference_engine.hpp), one record at a time; current is
// policycheck::Scanner::scan_batch over each chunk's lines (the way the
// archive readers hand records over, in batches); current-per-record is
// Scanner::scan called for every line. Prints
//   engine=... bytes=... records=... findings=... wall_s=... cpu_s=...
//   load_ms=... patterns=... database_bytes=... without_som=...
// (without_som: patterns the reference engine could not compile with SOM).
// Peak memory is measured from outside (/usr/bin/time -f %M).
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "policycheck/scanner.hpp"
#include "reference_engine.hpp"

using namespace policycheck;

namespace {

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Calls `chunk` with the lines of each chunk of the file as records (texts
// without their '\n', viewing the read buffer), reading in fixed chunks so
// memory stays flat whatever the corpus size.
uint64_t for_each_chunk(const std::string& path, const std::function<void(std::span<const Record>)>& chunk) {
  std::vector<Record> lines;
  size_t count = 0;
  auto line = [&](std::string_view text) {
    if (count == lines.size()) lines.emplace_back().path = path;
    lines[count++].text = text;
  };
  auto flush = [&] {
    chunk(std::span<const Record>(lines.data(), count));
    count = 0;
  };
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  constexpr size_t kChunk = 4 << 20;
  std::string buffer(kChunk, '\0');
  size_t held = 0;  // bytes of an unfinished line carried to the front
  uint64_t total = 0;
  for (;;) {
    if (held == buffer.size()) buffer.resize(buffer.size() * 2);  // a line longer than the chunk
    const ssize_t got = ::read(fd, buffer.data() + held, buffer.size() - held);
    if (got < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      throw std::runtime_error("read error on " + path);
    }
    total += static_cast<uint64_t>(got);
    const size_t size = held + static_cast<size_t>(got);
    size_t start = 0;
    while (start < size) {
      const void* nl = std::memchr(buffer.data() + start, '\n', size - start);
      if (!nl) break;
      const size_t end = static_cast<size_t>(static_cast<const char*>(nl) - buffer.data());
      line(std::string_view(buffer.data() + start, end - start));
      start = end + 1;
    }
    if (got == 0) {
      if (start < size) line(std::string_view(buffer.data() + start, size - start));
      flush();
      break;
    }
    flush();
    held = size - start;
    std::memmove(buffer.data(), buffer.data() + start, held);
  }
  ::close(fd);
  return total;
}

void usage() {
  std::cerr << "usage: bench_lines --engine memchr|reference|current|current-per-record [--policy FILE]... "
               "[--no-default-policy] [--roster FILE]... [--compile-timeout S] [--reference-cache DIR] CORPUS\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string engine, corpus;
  std::vector<std::string> policies, rosters;
  bool builtin = true;
  std::string reference_cache;  // where the reference engine may keep its database (default: compiled every run)
  CompileOptions compile;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--engine" && i + 1 < argc) engine = argv[++i];
    else if (arg == "--policy" && i + 1 < argc) policies.push_back(argv[++i]);
    else if (arg == "--roster" && i + 1 < argc) rosters.push_back(argv[++i]);
    else if (arg == "--no-default-policy") builtin = false;
    else if (arg == "--reference-cache" && i + 1 < argc) reference_cache = argv[++i];
    else if (arg == "--compile-timeout" && i + 1 < argc) compile.compile_timeout_seconds = std::stod(argv[++i]);
    else if (!arg.empty() && arg[0] != '-' && corpus.empty()) corpus = arg;
    else {
      usage();
      return 2;
    }
  }
  if (corpus.empty() || (engine != "memchr" && engine != "reference" && engine != "current" &&
                            engine != "current-per-record")) {
    usage();
    return 2;
  }

  try {
    std::function<size_t(std::span<const Record>)> scan_chunk = [](std::span<const Record>) -> size_t { return 0; };
    double load_ms = 0;
    size_t patterns = 0, database_bytes = 0, without_som = 0;
    std::shared_ptr<reference::ReferenceDatabase> reference_db;
    std::unique_ptr<reference::ReferenceScanner> reference_scanner;
    std::unique_ptr<Scanner> current_scanner;
    std::vector<Finding> findings;

    if (engine != "memchr") {
      const auto started = std::chrono::steady_clock::now();
      PolicyLoader loader;
      if (builtin) loader.add_builtin();
      for (const auto& p : policies) loader.add_file(p);
      for (const auto& r : rosters) loader.add_roster(r);
      auto policy = CompiledPolicy::compile(loader.finish(), compile);
      patterns = policy->stats().patterns;
      if (engine == "reference") {
        // Not cached unless asked: compiling is part of what the straightforward engine costs.
        reference_db = std::make_shared<reference::ReferenceDatabase>(policy, reference_cache);
        reference_scanner = std::make_unique<reference::ReferenceScanner>(reference_db);
        database_bytes = reference_db->database_bytes();
        without_som = reference_db->patterns_without_som();
        scan_chunk = [&](std::span<const Record> records) {
          size_t found = 0;
          for (const Record& r : records) {
            findings.clear();
            reference_scanner->scan(r, findings);
            found += findings.size();
          }
          return found;
        };
      } else {
        current_scanner = std::make_unique<Scanner>(policy);
        database_bytes = policy->stats().database_bytes;
        if (engine == "current") {
          scan_chunk = [&](std::span<const Record> records) {
            size_t found = 0;
            current_scanner->scan_batch(records, [&](size_t, std::vector<Finding>& f) { found += f.size(); });
            return found;
          };
        } else {
          scan_chunk = [&](std::span<const Record> records) {
            size_t found = 0;
            for (const Record& r : records) {
              findings.clear();
              current_scanner->scan(r, findings);
              found += findings.size();
            }
            return found;
          };
        }
      }
      load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    }

    uint64_t records = 0, found = 0;
    const auto started = std::chrono::steady_clock::now();
    const double cpu_before = process_cpu_seconds();
    const uint64_t bytes = for_each_chunk(corpus, [&](std::span<const Record> lines) {
      records += lines.size();
      found += scan_chunk(lines);
    });
    const double cpu_s = process_cpu_seconds() - cpu_before;
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("engine=%s bytes=%llu records=%llu findings=%llu wall_s=%.4f cpu_s=%.4f load_ms=%.1f patterns=%zu "
                "database_bytes=%zu without_som=%zu\n",
                engine.c_str(), static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(records),
                static_cast<unsigned long long>(found), wall_s, cpu_s, load_ms, patterns, database_bytes, without_som);
  } catch (const PolicyError& e) {
    for (const auto& issue : e.issues()) std::cerr << "bench_lines: " << issue.to_string() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bench_lines: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
