// Transitions as report tables: flows by unit, the category matrix, how exits last, and the
// households themselves.
//
// Column keys of the flows table: unit_code, unit_name, households_from, households_to,
// poor_from, poor_to, stayed_poor, escaped, escaped_to_near_poor, newly_poor, fell_back,
// stayed_near_poor, became_near_poor, entered, left.
// Thread-safety: pure functions.
#pragma once

#include "analytics/transitions.hpp"
#include "common/lang.hpp"
#include "report/table.hpp"

namespace lnob::report {

Table TransitionsTable(const analytics::Transitions& t, bool total_row, Lang lang);
Table TransitionMatrixTable(const analytics::Transitions& t, Lang lang);
Table ExitsTable(const analytics::Transitions& t, Lang lang);
// household_id, category_from, category_to, flow: one row per household of either round.
Table HouseholdTransitionsTable(const analytics::Transitions& t);

}  // namespace lnob::report
