// The survey answers of one household in one round, written as rows of households.csv and
// members.csv (the data dictionary of ../shared/domain/standards.md): member-level answers, never
// totals, made so that vn-2022-2025 gives the planned category:
//
//   poor       income <= the line of its area, and 3 or more deprivations
//   near_poor  income <= the line, and 0-2 deprivations
//   middle     line < income <= the middle-income ceiling
//   not_poor   income above the ceiling
//
// The deprivations of a poor or near-poor household are chosen among those its people make
// possible (a nutrition deprivation needs a child), then answers are written so that exactly those
// indicators are deprived; other households get the texture of their commune. The rules written
// here are the standard's (data/standards/vn-2022-2025.toml): the unit test classifies generated
// households with the real classifier.
//
//   std::string households, members;
//   AppendAnswers({.household_id = "00769-00042", ...}, people, rng, &households, &members);
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "demo/people.hpp"
#include "demo/rng.hpp"

namespace lnob::demo {

inline constexpr std::string_view kHouseholdHeader =
    "household_id,commune_code,village_code,area,survey_date,income_pc_month,house_area_m2,"
    "wall_durable,frame_durable,roof_durable,water_source,toilet_type,uses_telecom,"
    "has_info_device,waste_treated\n";
inline constexpr std::string_view kMemberHeader =
    "household_id,member_id,full_name,national_id,birth_date,sex,relation,ethnicity,"
    "health_insurance,malnourished,school_attending,education,employment,disability,"
    "monthly_allowance\n";

struct AnswerContext {
  std::string_view household_id, commune_code, village_code;
  bool urban = false;
  int32_t survey_date = 0;  // yyyymmdd
  int category = 3;         // PlannedCategory (plan.hpp)
  double remoteness = 0;    // of its commune: more deprivations among the non-poor too
};

// Appends the household's row to `households` and one row per member born by the survey date to
// `members` (no headers). Returns the number of member rows.
int AppendAnswers(const AnswerContext& c, const std::vector<Person>& people, Rng& r,
                  std::string* households, std::string* members);

}  // namespace lnob::demo
