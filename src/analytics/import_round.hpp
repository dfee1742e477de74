// The round an import goes into: the existing one, or a new one with the reference date (default:
// the latest survey date of the file) and the standard (default: the national one in force on that
// date). Shared by `lnob import` and POST /api/imports.
//
//   ASSIGN_OR_RETURN(store::RoundInfo round,
//                    RoundForImport(store, standards, {.year = 2024}, survey));
//
// Thread-safety: uses the caller's Store.
#pragma once

#include <string>
#include <vector>

#include "core/standard.hpp"
#include "core/survey.hpp"
#include "store/store.hpp"

namespace lnob::analytics {

struct RoundRequest {
  int year = 0;
  std::string kind = "periodic";
  std::string reference_date;  // YYYY-MM-DD; empty: existing round's, or the latest survey date
  std::string standard;        // id or file; empty: existing round's, or the one in force
};

// InvalidArgument for a bad date, an unknown standard or no standard in force; FailedPrecondition
// (from OpenRound) when the round exists with another standard or date.
Result<store::RoundInfo> RoundForImport(store::Store& db,
                                        const std::vector<core::StandardPtr>& standards,
                                        const RoundRequest& request, const core::Survey& survey);

}  // namespace lnob::analytics
