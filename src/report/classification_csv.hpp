// The classification result as CSV: one row per household, in survey order.
//
//   household_id,standard,category,deprivation_count,deprived,income_line
//   HH001,vn-2022-2025,poor,4,employment;health_insurance;water;toilet,1500000
//
// `deprived` lists the deprived indicator ids in the standard's order, joined by ';'.
//
// Written while the households are classified (the rows of a batch as soon as it has its results):
//
//   ClassificationCsvStream stream(survey, out, options.threads);
//   options.on_results = [&](const auto& partial, int worker, uint32_t begin, uint32_t end) {
//     stream.Add(partial, worker, begin, end);
//   };
//   ASSIGN_OR_RETURN(auto result, core::Classify(survey, choice, options));
//   RETURN_IF_ERROR(stream.Finish());
//
// Thread-safety: ClassificationCsvStream::Add may be called from several threads at once (one
// `worker` index each); the functions start and join their own threads.
#pragma once

#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "core/classifier.hpp"
#include "core/survey.hpp"

namespace lnob::report {

// Formats households' rows on the threads that add them and writes them to `out` in survey order:
// a thread that adds the next rows due writes them, and any that follow, while the others go on.
class ClassificationCsvStream {
 public:
  // `workers`: the worker indexes Add will see are 0 .. workers-1.
  ClassificationCsvStream(const core::Survey& survey, std::FILE* out, int workers);
  ~ClassificationCsvStream();
  ClassificationCsvStream(const ClassificationCsvStream&) = delete;
  ClassificationCsvStream& operator=(const ClassificationCsvStream&) = delete;

  // Households [begin, end) of `result` have their final results. Each household is added once.
  void Add(const core::Classification& result, int worker, uint32_t begin, uint32_t end);
  // After every household was added: writes what is left (the header alone for no household).
  // DataLoss when a write failed (disk full), Internal when households are missing.
  Status Finish();

 private:
  struct Worker;
  struct Piece {
    uint32_t end;
    std::string text;
  };
  void Write(std::string_view text);
  void Flush();

  const core::Survey& survey_;
  std::FILE* out_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::mutex mu_;
  std::map<uint32_t, Piece> ready_;  // formatted, not yet written, by first household
  std::vector<std::string> spare_;   // written pieces' buffers, for reuse
  uint32_t next_ = 0;                // the first household not written
  bool writing_ = false;             // a thread is writing (it takes what becomes ready)
  bool header_ = false;              // the header is written
  std::string pending_;              // formatted rows in order, not yet written out
  uint64_t offset_ = 0;              // bytes written out
  Status status_;                    // the first write error (then nothing more is written)
};

// Writes the header and every household to `out`, the rows formatted by `threads` threads (the
// bytes do not depend on it). DataLoss when the write fails (disk full).
Status WriteClassificationCsv(const core::Survey& survey, const core::Classification& result,
                              std::FILE* out, int threads = 1);

}  // namespace lnob::report
