// How a household's and a member's answers map to table rows, shared by import and loading.
// Columns carry the data dictionary's field names (core/schema.hpp), so the mapping is generic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/survey.hpp"
#include "store/sql.hpp"

namespace lnob::store::internal {

// Dictionary fields stored as columns of household_answers / member_answers, in order
// (household_id and province_code of households, and household_id of members, are handled apart).
std::vector<int> StoredFields(core::Level level);

// Appends field `field` of row `row` to a bulk insert (NULL for an absent optional column).
void AppendField(BulkInsert& out, const core::Survey& s, core::Level level, int field,
                 uint32_t row);

// The unknown columns of a row as a JSON object ("{}" when none).
std::string ExtrasJson(const core::Table& t, uint32_t row);

// A 64-bit hash (hex) of everything a household's answers say, members included, to tell whether
// a re-imported household changed.
std::string ContentHash(const core::Survey& s, uint32_t h);

// "…1234": a citizen ID with all but its last 4 digits hidden.
std::string MaskId(std::string_view id);

}  // namespace lnob::store::internal
