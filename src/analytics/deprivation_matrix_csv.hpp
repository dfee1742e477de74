// A deprivation matrix from a CSV file, for the Alkire-Foster measures (alkire_foster.hpp).
// Format (docs/mpi.md): a header row, then one row per unit (household or person):
//
//   id,pop,commune,water,school,nutrition
//   H1,4,Pa Vi,0,1,1
//   H2,7,Sơn Vĩ,1,1,0
//
// The id column is the one named `id`, else the first column; ids must be unique and not empty.
// The population-weight column (DeprivationCsvOptions::weight_column) holds numbers >= 0, the
// group column (group_column) non-empty labels; every other column is an indicator whose cells
// are 0 (not deprived) or 1 (deprived). Texts are NFC-normalised (a group typed on two keyboards is
// one group).
//
//   DeprivationCsvOptions opt{.weight_column = "pop", .group_column = "commune"};
//   ASSIGN_OR_RETURN(DeprivationMatrix m, LoadDeprivationCsv("deprivations.csv", opt, Lang::kVi));
//
// Errors stop at the first problem and read "<file>:<line>:<column>: what is wrong; what to do"
// (without the column when the problem is a whole row or the file).
// Thread-safety: functions only; safe to call concurrently.
#pragma once

#include <string>
#include <string_view>

#include "analytics/alkire_foster.hpp"
#include "common/lang.hpp"
#include "common/result.hpp"

namespace lnob::analytics {

struct DeprivationCsvOptions {
  std::string weight_column;  // name of the population-weight column; empty: every unit weighs 1
  std::string group_column;   // name of the group column; empty: no groups
};

// Parses `text` (a whole CSV file, optionally with a UTF-8 byte-order mark), named `name` in
// messages. Returns the matrix (unit_ids always filled), or InvalidArgument, in `lang`, when: the
// file is empty or has no row; the CSV is malformed (a quote, a row with too many or too few cells,
// an empty line, invalid UTF-8); a header name is empty or repeated; the weight or group column is
// not in the header; there is no indicator column; an id is empty or repeated; a weight is not a
// number >= 0; a group is empty; an indicator cell is not 0 or 1.
Result<DeprivationMatrix> ParseDeprivationCsv(std::string_view text, std::string_view name,
                                              const DeprivationCsvOptions& options, Lang lang);

// As ParseDeprivationCsv on the file at `path` (named by its file name). Also returns NotFound,
// PermissionDenied or InvalidArgument when the file cannot be opened.
Result<DeprivationMatrix> LoadDeprivationCsv(const std::string& path,
                                             const DeprivationCsvOptions& options, Lang lang);

}  // namespace lnob::analytics
