// Test fixtures shared by the analytics unit tests (compiled into lnob_tests only): the shipped
// standards, small surveys built to a category, a round's snapshot, and the Meo Vac units.
//
//   Snapshot snap = Snap(Load({{"A1", "00760", "", "02", "poor", 4}}));
//   UnitCatalog catalog = Catalog(/*with_split=*/true);
//
// Households are built to a category under vn-2022-2025 (rural line 1,500,000, middle ceiling
// 2,250,000; urban 2,000,000 and 3,000,000; poor with 3 deprivations or more):
//   poor       income 1,000,000; water, toilet and telecom deprived
//   near_poor  income 1,200,000; info_access deprived
//   middle     income above the line, at most the ceiling; nothing deprived
//   not_poor   income 5,000,000; nothing deprived
#pragma once

#include <string>
#include <vector>

#include "analytics/snapshot.hpp"
#include "analytics/unit_catalog.hpp"
#include "core/standard.hpp"
#include "core/survey.hpp"

namespace lnob::analytics::testing {

// One household: where it lives, its category, who lives in it.
struct Hh {
  std::string id, commune, village, province;
  std::string kind = "near_poor";  // poor, near_poor, middle, not_poor
  int persons = 1;                 // 1 to 4 adults
  std::string area = "rural";
  std::string head_sex = "male";
  std::string ethnicity = "kinh";  // empty: not recorded
  std::string waste = "1";         // waste_treated (read by vn-2027-2030 only)
};

// The households as a survey of 2024-10-01 (a failed load is a test failure and an empty survey).
core::Survey Load(const std::vector<Hh>& list);

// Every standard of data/standards, loaded once.
const std::vector<core::StandardPtr>& Standards();

// The standard `id` with `overrides` (a missing one is a test failure).
core::StandardPtr Find(const std::string& id,
                       const std::vector<core::ParameterOverride>& overrides = {});

// The survey classified under vn-2022-2025, as the snapshot of round 2024 (periodic, 2024-10-01).
Snapshot Snap(core::Survey survey);

// The units of tests/fixtures/units_meo_vac.csv; with `with_split`, also a hypothetical split of
// Khau Vai 00790 into 00791 and 00792 on 2025-06-16.
UnitCatalog Catalog(bool with_split = false);

}  // namespace lnob::analytics::testing
