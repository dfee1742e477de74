// The classifier: a Survey and a poverty standard in, each household's category and deprivations
// out.
//
//   StandardSet set = ...;                                   // the standards shipped in data/
//   ASSIGN_OR_RETURN(auto pick, PickByDate(set, survey));    // or PickOne(std) for --standard
//   ASSIGN_OR_RETURN(Classification c, Classify(survey, pick, {}));
//   CategoryId(c.category[h]);                               // "poor"
//
// Work is split over threads by household range and evaluated in batches of households; each
// compiled standard is evaluated once per batch that holds households under it.
// Thread-safety: Classify is reentrant; inputs are read-only.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "common/result.hpp"
#include "core/standard.hpp"
#include "core/survey.hpp"

namespace lnob::core {

// Which standard applies to each household.
struct StandardChoice {
  std::vector<StandardPtr> standards;  // the distinct standards used
  std::vector<uint8_t> of_household;   // index into `standards` per household
};

// Every household under `standard`.
StandardChoice PickOne(const Survey& survey, StandardPtr standard);
// Index in `standards` of the first national (non-local) standard in force on `date`, or -1.
int NationalStandardOn(const std::vector<StandardPtr>& standards, Date date);

// Each household under the national standard in force on its survey date (local standards are
// skipped: they apply only when named). InvalidArgument naming the
// first households (id, file line, date) for which no standard is in force.
Result<StandardChoice> PickByDate(const Survey& survey, const std::vector<StandardPtr>& standards);

struct Classification;

struct ClassifyOptions {
  int threads = 2;
  uint32_t batch = 2048;                                        // households per batch
  std::function<void(uint64_t done, uint64_t total)> progress;  // households done; may be empty
  // An earlier classification of the same survey: an indicator whose key (Indicator::key) equals
  // that of an indicator of the household's earlier standard is copied from it instead of being
  // evaluated. This is what makes a what-if on a changed income line cost only the category rules.
  const Classification* reuse = nullptr;
  // ComputeAges(survey), when the caller keeps it (a snapshot does); computed otherwise.
  const std::vector<int32_t>* ages = nullptr;
  // When set, called by the worker that stored them once households [begin, end) have their final
  // results: each household once, batches in any order across workers (each worker's in
  // ascending order). `partial` is the classification being filled; `worker` is 0 .. threads-1.
  // This is how results are written while the rest is classified (report::ClassificationCsvStream).
  std::function<void(const Classification& partial, int worker, uint32_t begin, uint32_t end)>
      on_results;
};

// Result per household, in survey order.
struct Classification {
  StandardChoice choice;
  std::vector<Category> category;
  std::vector<uint8_t> deprivation_count;
  std::vector<uint32_t> deprived;  // bit i set: indicator i of the household's standard is deprived
  std::vector<int64_t> income_line;

  const Standard& standard_of(uint32_t h) const {
    return *choice.standards[choice.of_household[h]];
  }
};

// OK when the survey has every column the chosen standards read; FailedPrecondition naming the
// column, the file and the standard otherwise.
Status CheckColumns(const Survey& survey, const StandardChoice& choice);

// Returns completed years of every member on its household's survey date.
std::vector<int32_t> ComputeAges(const Survey& survey);

// Classifies every household. FailedPrecondition when the input lacks a column a standard needs
// (naming the column and the standard).
Result<Classification> Classify(const Survey& survey, StandardChoice choice,
                                const ClassifyOptions& options = {});

}  // namespace lnob::core
