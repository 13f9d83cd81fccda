#include "scan_pipeline.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "progress_bar.hpp"

namespace policycheck::cli {
namespace {

// A batch is cut when it holds this much text or this many records, at the
// end of each file, and whenever the reader is about to wait for input.
constexpr size_t kBatchBytes = 1 << 20;
constexpr size_t kBatchRecords = 4096;

struct OwnedRecord {
  std::string text;
  SourceMap map;
  RecordInfo info;
};

struct Batch {
  size_t file_index = 0;
  std::vector<OwnedRecord> records;
  size_t text_bytes = 0;
  std::vector<InputDiagnostic> diagnostics;  // reported after this batch's records were read
  std::optional<ReadStats> file_end;         // set on a file's last batch
  std::vector<Finding> findings;
  bool screened = false;
};

class Pipeline {
 public:
  Pipeline(const std::vector<std::string>& files, const PipelineOptions& options,
           const std::function<std::unique_ptr<RecordScreener>()>& make_screener, const PipelineSink& sink)
      : files_(files), options_(options), make_screener_(make_screener), sink_(sink) {
    for (const std::string& f : files_) display_paths_.push_back(f == "-" ? "<stdin>" : f);
    jobs_ = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    max_in_flight_ = 2 * jobs_ + 2;
  }

  void run() {
    std::optional<ProgressBar> bar;
    if (options_.progress) bar.emplace(total_bytes());
    std::vector<std::thread> threads;
    threads.emplace_back([this] { read_all(); });
    for (unsigned t = 0; t < jobs_; ++t) threads.emplace_back([this] { work(); });
    deliver(bar);
    if (bar) bar->finish();
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    space_.notify_all();
    work_ready_.notify_all();
    for (std::thread& t : threads) t.join();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  uint64_t total_bytes() const {
    uint64_t total = 0;
    for (const std::string& f : files_) {
      struct stat st {};
      if (f != "-" && ::stat(f.c_str(), &st) == 0 && S_ISREG(st.st_mode)) total += static_cast<uint64_t>(st.st_size);
    }
    return total;
  }

  // --- reader thread -------------------------------------------------------
  void read_all() {
    try {
      for (size_t i = 0; i < files_.size(); ++i) {
        if (stopped()) break;
        current_ = std::make_unique<Batch>();
        current_->file_index = i;
        ReaderOptions reader = options_.reader;
        reader.bytes_read = &bytes_read_;
        reader.before_read = [this, i] {
          if (current_ && !current_->records.empty()) submit(i);
        };
        const ReadStats stats = read_input(
            files_[i], display_paths_[i], reader,
            [&](const Record& record) {
              OwnedRecord owned{std::string(record.text), record.map, record.info};
              current_->text_bytes += owned.text.size();
              current_->records.push_back(std::move(owned));
              ++records_read_;
              if (current_->text_bytes >= kBatchBytes || current_->records.size() >= kBatchRecords) submit(i);
            },
            [&](InputDiagnostic d) { current_->diagnostics.push_back(std::move(d)); });
        current_->file_end = stats;
        submit(i);
      }
    } catch (...) {
      fail(std::current_exception());
    }
    std::lock_guard lock(mutex_);
    reading_done_ = true;
    delivered_.notify_all();
  }

  // Hands the current batch to the workers (waiting while too many are in
  // flight) and starts a new one for the same file.
  void submit(size_t file_index) {
    std::unique_ptr<Batch> batch = std::move(current_);
    current_ = std::make_unique<Batch>();
    current_->file_index = file_index;
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return in_flight_.size() < max_in_flight_ || stopping_; });
    if (stopping_) return;
    in_flight_.push_back(std::move(batch));
    pending_.push_back(in_flight_.back().get());
    work_ready_.notify_one();
  }

  // --- worker threads ------------------------------------------------------
  void work() {
    try {
      // Built on this worker's first batch: a scanner allocates Hyperscan
      // scratch for every database, and a small input keeps most workers idle.
      std::unique_ptr<RecordScreener> screener;
      std::vector<Record> records;  // the current batch's records, viewing its texts
      while (true) {
        Batch* batch = nullptr;
        {
          std::unique_lock lock(mutex_);
          work_ready_.wait(lock, [&] { return !pending_.empty() || stopping_; });
          if (pending_.empty()) return;
          batch = pending_.front();
          pending_.pop_front();
        }
        records.resize(batch->records.size());
        for (size_t i = 0; i < records.size(); ++i) {
          OwnedRecord& owned = batch->records[i];
          records[i].path = display_paths_[batch->file_index];
          records[i].text = owned.text;
          records[i].map = std::move(owned.map);
          records[i].info = std::move(owned.info);
        }
        if (!screener) screener = make_screener_();
        screener->screen_batch(batch->file_index, records, batch->findings);
        batch->records.clear();
        batch->records.shrink_to_fit();
        std::lock_guard lock(mutex_);
        batch->screened = true;
        delivered_.notify_all();
      }
    } catch (...) {
      fail(std::current_exception());
    }
  }

  // --- the calling thread: results in input order ---------------------------
  void deliver(std::optional<ProgressBar>& bar) {
    while (true) {
      std::unique_ptr<Batch> batch;
      {
        std::unique_lock lock(mutex_);
        while (true) {
          if (failure_) return;
          if (!in_flight_.empty() && in_flight_.front()->screened) break;
          if (in_flight_.empty() && reading_done_) return;
          delivered_.wait_for(lock, std::chrono::milliseconds(100));
          if (bar) {
            lock.unlock();
            bar->update(bytes_read_.load(), records_read_.load());
            lock.lock();
          }
        }
        batch = std::move(in_flight_.front());
        in_flight_.pop_front();
      }
      space_.notify_one();
      if (!batch->findings.empty()) sink_.findings(batch->file_index, batch->findings);
      if (bar && !batch->diagnostics.empty()) bar->finish();
      for (const InputDiagnostic& d : batch->diagnostics) sink_.diagnostic(d);
      if (batch->file_end) sink_.file_done(batch->file_index, *batch->file_end);
      if (bar) bar->update(bytes_read_.load(), records_read_.load());
    }
  }

  bool stopped() {
    std::lock_guard lock(mutex_);
    return stopping_ || failure_;
  }

  void fail(std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    if (!failure_) failure_ = error;
    stopping_ = true;
    space_.notify_all();
    work_ready_.notify_all();
    delivered_.notify_all();
  }

  const std::vector<std::string>& files_;
  const PipelineOptions& options_;
  const std::function<std::unique_ptr<RecordScreener>()>& make_screener_;
  const PipelineSink& sink_;
  std::vector<std::string> display_paths_;
  unsigned jobs_ = 1;
  size_t max_in_flight_ = 4;

  std::unique_ptr<Batch> current_;  // reader thread only
  std::atomic<uint64_t> bytes_read_{0};
  std::atomic<uint64_t> records_read_{0};

  std::mutex mutex_;
  std::condition_variable space_, work_ready_, delivered_;
  std::deque<std::unique_ptr<Batch>> in_flight_;  // in input order, until delivered
  std::deque<Batch*> pending_;                    // not yet taken by a worker
  bool reading_done_ = false;
  bool stopping_ = false;
  std::exception_ptr failure_;
};

}  // namespace

void InputCliOptions::add_to(CLI::App& app) {
  app.add_option("--input-format", format, "Input format (default: detected from content and name)")
      ->check(CLI::IsMember(input_format_names()));
  app.add_option("--text-column", text_column,
                 "CSV: column (name or 1-based number) holding the text (default: text, comment, message or body)");
  app.add_option("--text-field", text_field, "JSON Lines: key holding the text, dots for nested keys (default: text)");
  app.add_option("--id-field", id_field, "JSON Lines key or CSV column holding each record's id (default: id)");
  app.add_option("--mojibake", mojibake, "Repair Facebook/Instagram per-byte escapes (default: auto)")
      ->check(CLI::IsMember({"auto", "on", "off"}));
  app.add_option("--date-order", date_order, "WhatsApp dates: day/month/year order (default: auto, UK first)")
      ->check(CLI::IsMember({"auto", "dmy", "mdy", "ymd"}));
  app.add_flag("--scan-deleted", scan_deleted, "DOCX: also scan tracked deletions");
  app.add_flag("--no-ignore", no_ignore, "Scan files that .policycheckignore would skip");
}

ReaderOptions InputCliOptions::reader_options(uint64_t max_file_size) const {
  ReaderOptions reader;
  reader.format = parse_input_format(format).value_or(InputFormat::auto_detect);
  reader.text_column = text_column;
  reader.text_field = text_field;
  reader.id_field = id_field;
  reader.mojibake = mojibake;
  reader.date_order = date_order;
  reader.scan_deleted = scan_deleted;
  reader.limits.max_file_bytes = max_file_size;
  return reader;
}

void run_scan_pipeline(const std::vector<std::string>& files, const PipelineOptions& options,
                       const std::function<std::unique_ptr<RecordScreener>()>& make_screener,
                       const PipelineSink& sink) {
  Pipeline(files, options, make_screener, sink).run();
}

bool progress_wanted() {
  const char* ci = std::getenv("CI");
  if (ci && *ci) return false;
  return ::isatty(STDERR_FILENO) == 1;
}

}  // namespace policycheck::cli
