// Survey loader: households.csv + members.csv -> a validated, columnar core::Survey, or every bad
// cell with its file, line, column and value, in Vietnamese and English.
//
//   std::vector<InputError> errors;
//   LoadOptions options;
//   options.progress = [](uint64_t done, uint64_t total) { ShowBar(done, total); };
//   Result<core::Survey> survey = LoadSurvey("households.csv", "members.csv", options, &errors);
//   if (!survey.ok()) {
//     for (const InputError& e : errors) std::cerr << FormatInputError(e, Lang::kVi) << "\n";
//     return survey.status();   // "3 errors in the input; the files were not loaded"
//   }
//
// The files follow the data dictionary (../shared/domain/standards.md, core/schema.hpp): a header
// row naming the columns in any order, one row per household or member. Nothing is partial: either
// every row is valid and the Survey holds all of them, or the result is an error and `errors`
// holds the first `max_errors` problems in file order (households.csv first).
//
// Speed: each of `threads` threads reads its part of a file a block (1 MB) at a time with pread,
// which on a VM costs a third of touching a fresh memory mapping page by page, and parses it
// straight into the Survey's columns; the texts kept are copied into arenas. Members in household
// order are joined to their household as they are read, others in batches. Memory: the columns and
// the kept texts, never the files (`lnob classify` of 1M households and 4.65M members, 585 MB,
// peaks at ~0.4 GB).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/lang.hpp"
#include "common/result.hpp"
#include "core/survey.hpp"

namespace lnob::ingest {

// One problem in the input, where it is, and what to do about it. `value` is already made safe to
// show: personal numbers are masked but for their last 4 digits, names show their first letter
// only, invalid bytes are replaced by U+FFFD, and long values are cut. Thread-safety: a value.
struct InputError {
  std::string file;         // "households.csv" or "members.csv" (the name, not the path)
  uint32_t line = 0;        // 1-based line where the record starts (1: the header)
  uint32_t column = 0;      // 1-based field position; 0 when the error is about a whole row/file
  std::string column_name;  // "income_pc_month"; empty when not about one column
  std::string value;        // the cell as written (masked, see above)
  std::string message_en;
  std::string message_vi;
};

// Returns e.g. `households.csv:12:6 income_pc_month="-5": <message in lang>`: the value is cut to
// 40 characters, quotes and line breaks in it are escaped, personal values are masked (citizen IDs
// but for the last 4 digits, names but for the first letter). Without a column: "file:12: msg".
std::string FormatInputError(const InputError& error, Lang lang);

struct LoadOptions {
  size_t max_errors = 100;  // errors kept in `errors`; all of them are still counted
  int threads = 2;          // parsing threads (1 = sequential); the result does not depend on it
  // Bytes each thread reads at a time (grown for a longer record); the result does not depend on
  // it. Tests use tiny blocks to cut records everywhere.
  size_t block_size = size_t{1} << 20;
  // Called from the thread that called LoadSurvey, every few MB and once at the end with
  // done == total (bytes of both files). May be empty.
  std::function<void(uint64_t done, uint64_t total)> progress;
  // For classifying only (`lnob classify`), to use less memory and time. The Survey then holds no
  // text but household and member ids: full_name, national_id, ethnicity, the place codes and the
  // unknown columns are validated as always, but their columns read as absent (present == false,
  // no values; no extra columns), as no rule can use text. So does the members' household_id
  // column (member_household holds the join). Every other column is as without it. Not for
  // anything that stores, shows or groups people (`lnob import` keeps everything).
  bool classify_only = false;
};

// Loads and validates both files. Returns the Survey (households in file order; members grouped by
// household in household order, file order within a household; source_line, `present` flags and
// extra columns filled; `storage` owns every byte the views point into), or:
//   InvalidArgument("N errors in the input; the files were not loaded") with `errors` (if not null)
//     holding the first max_errors errors sorted by file (households.csv first), line, column;
//   NotFound / PermissionDenied / InvalidArgument when a file cannot be opened (then `errors` is
//     left empty); a file that cannot be read midway is an input error naming it.
// Thread-safety: safe to call concurrently (it shares nothing); `progress` is only called from the
// calling thread.
Result<core::Survey> LoadSurvey(const std::string& households_path, const std::string& members_path,
                                const LoadOptions& options, std::vector<InputError>* errors);

// As LoadSurvey, on texts in memory, named "households.csv" and "members.csv" in messages.
Result<core::Survey> LoadSurveyFromText(std::string households_csv, std::string members_csv,
                                        const LoadOptions& options,
                                        std::vector<InputError>* errors);

}  // namespace lnob::ingest
