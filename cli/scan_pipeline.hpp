#pragma once
// The scan loop of `policycheck check`: one reader thread turns the files,
// in order, into batches of records; N worker threads screen the batches;
// the calling thread hands the results on in input order. Output is thus
// the same whatever --jobs says, and memory stays bounded: only a few
// batches (about 1 MiB of text each) are in flight at a time, so a 5 GB
// archive streams through.
#include <CLI/CLI.hpp>

#include <functional>
#include <span>
#include <memory>
#include <string>
#include <vector>

#include "policycheck/finding.hpp"
#include "policycheck/input.hpp"
#include "policycheck/record.hpp"
#include "policycheck/report.hpp"

namespace policycheck::cli {

// The input options of `policycheck check`: which reader, which fields.
struct InputCliOptions {
  std::string format = "auto";
  std::string text_column, text_field, id_field;
  std::string mojibake = "auto";
  std::string date_order = "auto";
  bool scan_deleted = false;
  bool no_ignore = false;
  void add_to(CLI::App& app);
  ReaderOptions reader_options(uint64_t max_file_size) const;
};

// Screens records on one worker thread (each thread gets its own, so it
// can own a Scanner). `file_index` says which input the record came from.
class RecordScreener {
 public:
  virtual ~RecordScreener() = default;
  virtual void screen(size_t file_index, const Record& record, std::vector<Finding>& out) = 0;
  // All records of a batch from one input, in order. A screener that can do
  // better than one record at a time (Scanner::scan_batch) overrides this.
  virtual void screen_batch(size_t file_index, std::span<const Record> records, std::vector<Finding>& out) {
    for (const Record& record : records) screen(file_index, record, out);
  }
};

struct PipelineOptions {
  unsigned jobs = 0;  // worker threads; 0 = all cores
  ReaderOptions reader;
  bool progress = false;  // draw a progress bar on stderr
};

// Called on the thread that runs the pipeline, in input order.
struct PipelineSink {
  std::function<void(const InputDiagnostic&)> diagnostic;
  std::function<void(size_t file_index, std::vector<Finding>& findings)> findings;
  std::function<void(size_t file_index, const ReadStats& stats)> file_done;
};

// Runs the pipeline over `files` ("-" is stdin). Exceptions thrown by a
// screener stop the run and are rethrown here.
void run_scan_pipeline(const std::vector<std::string>& files, const PipelineOptions& options,
                       const std::function<std::unique_ptr<RecordScreener>()>& make_screener,
                       const PipelineSink& sink);

// True when a progress bar may be drawn: stderr is a terminal and CI is not set.
bool progress_wanted();

}  // namespace policycheck::cli
