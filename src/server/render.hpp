// Households as JSON, with personal and sensitive fields shown only as the caller's role allows
// (FieldsFor): citizen IDs masked but for the last 4 digits, birth dates cut to the year, names,
// ethnicity, health and income left out. The same rules apply to the values quoted in an
// explanation.
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "analytics/snapshot.hpp"
#include "analytics/unit_catalog.hpp"
#include "server/access.hpp"

namespace lnob::server {

// "********1234" for a 12-digit citizen ID; empty stays empty.
std::string MaskCitizenId(std::string_view id);

// household_id, commune_code, commune_name, village_code, village_name, category,
// deprivation_count, persons: no personal field.
boost::json::object HouseholdSummary(const analytics::Snapshot& snap, uint32_t h,
                                     const analytics::UnitCatalog& units, Date today);

// The summary plus answers, members and the result with the explanation of each indicator.
boost::json::object HouseholdDetail(const analytics::Snapshot& snap, uint32_t h,
                                    const FieldAccess& fields, const analytics::UnitCatalog& units,
                                    Date today);

}  // namespace lnob::server
