#include "bench_passes.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "policycheck/scanner.hpp"
#include "scan_pipeline.hpp"

namespace policycheck::cli {
namespace {

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Hands out batches of whole lines (~1 MiB) from the files in turn; shared by
// the worker threads, which take turns reading (page-cache reads are far
// faster than screening, so the lock is rarely contended). Towards the end
// of the last file the batches shrink, so the threads finish together: with
// 1 MiB to the end, one thread could screen the last MiB alone while the
// others wait, ~5 % of a 20 MB run's wall time on two threads.
class LineBatches {
 public:
  LineBatches(const std::vector<std::string>& files, unsigned threads) : files_(files), threads_(threads) {}
  ~LineBatches() {
    if (fd_ >= 0) ::close(fd_);
  }

  // Fills `batch` with whole lines, each ending in '\n' except perhaps the
  // last line of a file; false when every file is done.
  bool next(std::string& batch) {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.clear();
    while (batch.empty()) {
      if (fd_ < 0 && !open_next()) return false;
      batch.swap(carry_);
      size_t cut = std::string::npos;
      bool at_end = false;
      const size_t want = batch_size();
      while (cut == std::string::npos) {
        const size_t old = batch.size();
        batch.resize(old + want);
        const ssize_t got = ::read(fd_, batch.data() + old, want);
        if (got < 0 && errno == EINTR) {
          batch.resize(old);
          continue;
        }
        if (got < 0) throw std::runtime_error("read error on " + files_[index_ - 1] + ": " + std::strerror(errno));
        batch.resize(old + static_cast<size_t>(got));
        bytes_ += static_cast<uint64_t>(got);
        read_in_file_ += static_cast<uint64_t>(got);
        if (got == 0) {
          at_end = true;
          break;
        }
        cut = batch.rfind('\n');
      }
      if (at_end) {
        ::close(fd_);
        fd_ = -1;
      } else {
        carry_.assign(batch, cut + 1);
        batch.resize(cut + 1);
      }
    }
    return true;
  }

  uint64_t bytes() const { return bytes_; }

 private:
  static constexpr size_t kBatch = 1 << 20;
  static constexpr size_t kSmallestBatch = 64 << 10;

  // A quarter of each thread's share of what is left of the last file, between
  // 64 KiB and 1 MiB (earlier files are followed by more work anyway).
  size_t batch_size() const {
    if (threads_ < 2 || index_ < files_.size() || file_size_ <= read_in_file_) return kBatch;
    const uint64_t share = (file_size_ - read_in_file_) / (4 * uint64_t{threads_});
    return static_cast<size_t>(std::clamp<uint64_t>(share, kSmallestBatch, kBatch));
  }

  bool open_next() {
    if (index_ == files_.size()) return false;
    const std::string& path = files_[index_++];
    fd_ = ::open(path.c_str(), O_RDONLY);
    if (fd_ < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
    struct stat info {};
    file_size_ = ::fstat(fd_, &info) == 0 && S_ISREG(info.st_mode) ? static_cast<uint64_t>(info.st_size) : 0;
    read_in_file_ = 0;
    return true;
  }

  const std::vector<std::string>& files_;
  const unsigned threads_;
  std::mutex mutex_;
  size_t index_ = 0;
  int fd_ = -1;
  std::string carry_;  // the unfinished line after the last batch
  uint64_t bytes_ = 0;
  uint64_t file_size_ = 0;     // of the open file; 0 when not a regular file
  uint64_t read_in_file_ = 0;  // bytes of it read so far
};

// Screens every line of the batches as a record, on `threads` threads.
void screen_lines(const PassInput& input, unsigned threads, const std::shared_ptr<const CompiledPolicy>& policy,
                  PassResult& result) {
  LineBatches batches(input.files, threads);
  std::atomic<uint64_t> records{0}, findings{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    try {
      std::unique_ptr<Scanner> scanner = policy ? std::make_unique<Scanner>(policy) : nullptr;
      std::string batch;
      std::vector<Record> lines;
      const std::string_view path = input.files.empty() ? std::string_view() : std::string_view(input.files.front());
      uint64_t my_records = 0, my_findings = 0;
      while (batches.next(batch)) {
        // The batch's lines as records, viewing the batch itself: the
        // scanner runs its database over them in place (Scanner::scan_batch).
        size_t count = 0, start = 0;
        while (start < batch.size()) {
          const void* nl = std::memchr(batch.data() + start, '\n', batch.size() - start);
          const size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - batch.data()) : batch.size();
          if (count == lines.size()) lines.emplace_back().path = path;
          lines[count++].text = std::string_view(batch.data() + start, end - start);
          start = end + 1;
        }
        my_records += count;
        if (scanner) {
          scanner->scan_batch(std::span<const Record>(lines.data(), count),
                              [&](size_t, std::vector<Finding>& found) { my_findings += found.size(); });
        }
      }
      records += my_records;
      findings += my_findings;
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work);
  work();  // the calling thread is worker number one
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  result.bytes = batches.bytes();
  result.records = records;
  result.findings = findings;
}

class CountingScreener final : public RecordScreener {
 public:
  explicit CountingScreener(const std::shared_ptr<const CompiledPolicy>& policy) {
    if (policy) scanner_ = std::make_unique<Scanner>(policy);
  }
  void screen(size_t, const Record& record, std::vector<Finding>& out) override {
    if (scanner_) scanner_->scan(record, out);
  }
  void screen_batch(size_t, std::span<const Record> records, std::vector<Finding>& out) override {
    if (!scanner_) return;
    scanner_->scan_batch(records, [&](size_t, std::vector<Finding>& found) {
      for (Finding& f : found) out.push_back(std::move(f));
    });
  }

 private:
  std::unique_ptr<Scanner> scanner_;
};

// Screens the files as `check` does: format readers, one reader thread,
// `threads` workers, results in input order.
void screen_files(const PassInput& input, unsigned threads, const std::shared_ptr<const CompiledPolicy>& policy,
                  PassResult& result) {
  PipelineOptions options;
  options.jobs = threads;
  options.reader = input.reader;
  PipelineSink sink;
  sink.diagnostic = [&](const InputDiagnostic& d) {
    if (input.diagnose) input.diagnose(d);
  };
  sink.findings = [&](size_t, std::vector<Finding>& findings) { result.findings += findings.size(); };
  sink.file_done = [&](size_t, const ReadStats& stats) {
    result.bytes += stats.bytes;
    result.records += stats.records;
  };
  run_scan_pipeline(input.files, options, [&] { return std::make_unique<CountingScreener>(policy); }, sink);
}

}  // namespace

PassResult run_pass(const std::string& name, const PassInput& input, unsigned threads,
                    const std::shared_ptr<const CompiledPolicy>& policy) {
  PassResult result;
  result.name = name;
  result.threads = threads;
  result.screened = policy != nullptr;
  const auto started = std::chrono::steady_clock::now();
  const double cpu_before = process_cpu_seconds();
  if (input.lines) screen_lines(input, threads, policy, result);
  else screen_files(input, threads, policy, result);
  result.cpu_seconds = process_cpu_seconds() - cpu_before;
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace policycheck::cli
