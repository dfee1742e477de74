// What-if results as report tables: category counts before and after by unit, the moves between
// categories, and the households that change.
//
// Column keys of the units table: unit_code, unit_name, households, poor_before, poor_after,
// poor_change, near_poor_before, near_poor_after, near_poor_change, poor_rate_before,
// poor_rate_after, poor_rate_change, into_poor, out_of_poor, into_near_poor, out_of_near_poor,
// changed.
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "analytics/whatif.hpp"
#include "report/table.hpp"

namespace lnob::report {

// `title_what` names the what-if, e.g. "vn-2027-2030" or "vn-2022-2025 line.rural=2200000".
Table WhatIfTable(const analytics::WhatIf& w, const std::string& title_what, bool total_row,
                  Lang lang);
Table WhatIfMatrixTable(const analytics::WhatIf& w, Lang lang);
// household_id, before, after: the households whose category changes.
Table WhatIfHouseholdsTable(const analytics::Snapshot& snap, const analytics::WhatIf& w);

}  // namespace lnob::report
