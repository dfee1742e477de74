// The classification result as CSV: one row per household, in survey order.
//
//   household_id,standard,category,deprivation_count,deprived,income_line
//   HH001,vn-2022-2025,poor,4,employment;health_insurance;water;toilet,1500000
//
// `deprived` lists the deprived indicator ids in the standard's order, joined by ';'.
// Thread-safety: functions only; they start and join their own threads.
#pragma once

#include <cstdio>

#include "common/result.hpp"
#include "core/classifier.hpp"
#include "core/survey.hpp"

namespace lnob::report {

// Writes the header and every household to `out`, the rows formatted by `threads` threads (the
// bytes do not depend on it). DataLoss when the write fails (disk full).
Status WriteClassificationCsv(const core::Survey& survey, const core::Classification& result,
                              std::FILE* out, int threads = 1);

// Writes to `path` through a temporary file renamed into place, so that a failed run never leaves
// a partial file. DataLoss / PermissionDenied on failure.
Status WriteClassificationCsvFile(const core::Survey& survey, const core::Classification& result,
                                  const std::string& path, int threads = 1);

}  // namespace lnob::report
