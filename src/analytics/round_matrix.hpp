// A round's deprivation matrix for the Alkire-Foster measures: one row per household, the
// standard's indicators as columns, the household's persons as its population weight (so that H is
// the share of people living in multidimensionally poor households, as the method counts), and the
// unit or subgroup of a Grouping as the decomposition groups.
//
//   DeprivationMatrix m = RoundMatrix(snap, &grouping);
//   AfOptions o; o.k = 1.0 / 3; o.dimensions = RoundDimensions(snap);
//   ASSIGN_OR_RETURN(AfResult r, ComputeAlkireFoster(m, o));
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "analytics/alkire_foster.hpp"
#include "analytics/grouping.hpp"
#include "analytics/snapshot.hpp"

namespace lnob::analytics {

// `grouping` may be null (no decomposition). Households the grouping could not place are in the
// group "unplaced".
DeprivationMatrix RoundMatrix(const Snapshot& snap, const Grouping* grouping);
// The dimension of each column of RoundMatrix.
std::vector<std::string> RoundDimensions(const Snapshot& snap);

}  // namespace lnob::analytics
