// Targets from a TOML file the province keeps (docs/analytics.md):
//
//   [[targets]]
//   id = "tq-poverty-2021-2025"
//   name_vi = "Giảm tỷ lệ hộ nghèo bình quân 3 điểm phần trăm mỗi năm"
//   name_en = "Cut the poverty rate by 3 points a year"
//   indicator = "poverty_rate"          # near_poverty_rate, poor_near_poor_rate, poor_households,
//   ... unit = "08" units_on = 2024-12-31               # optional: the boundaries the unit is
//   meant in baseline = { year = 2021, value = 23.45 }   # value optional: else the 2021 round's
//   figure goal = { change_per_year = -3.0 }   # or goal = { value = 10.0 } to reach by the
//   deadline deadline = 2025
//
//   ASSIGN_OR_RETURN(std::vector<core::Target> targets, LoadTargetsFile("targets.toml"));
//
// Thread-safety: functions only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "core/target.hpp"

namespace lnob::ingest {

// Returns the targets of the TOML `text` (named `path` in messages), or InvalidArgument
// "path:line:column: what is wrong; what to write" for the first problem (unknown keys included).
Result<std::vector<core::Target>> ParseTargets(std::string_view text, const std::string& path);
// Reads and parses a file; NotFound when it cannot be read.
Result<std::vector<core::Target>> LoadTargetsFile(const std::string& path);

}  // namespace lnob::ingest
