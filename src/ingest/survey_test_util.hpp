// Test helpers for the survey loader: valid rows of households.csv and members.csv to vary.
//
//   std::string hh = kHouseholdHeader + HouseholdRow("H1") + HouseholdRow("H2", {{6, "-5"}});
//   std::string mem = kMemberHeader + MemberRow("H1", "1") + MemberRow("H2", "1");
//
// Column numbers in the overrides are 1-based positions in the headers below. Test-only.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace lnob::ingest::testing {

inline const std::string kHouseholdHeader =
    "household_id,commune_code,village_code,area,survey_date,income_pc_month,house_area_m2,"
    "wall_durable,frame_durable,roof_durable,water_source,toilet_type,uses_telecom,"
    "has_info_device\n";

inline const std::string kMemberHeader =
    "household_id,member_id,full_name,national_id,birth_date,sex,relation,ethnicity,"
    "health_insurance,malnourished,school_attending,education,employment,disability,"
    "monthly_allowance\n";

inline std::string JoinRow(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += fields[i];
  }
  return out + "\n";
}

// A valid household row; `set` replaces cells (1-based column -> text as written in the file).
inline std::string HouseholdRow(const std::string& id, std::map<int, std::string> set = {}) {
  std::vector<std::string> f = {id,  "01234", "",  "rural", "2024-10-01", "1500000", "35.5",
                                "1", "1",     "1", "piped", "septic",     "1",       "1"};
  for (const auto& [column, value] : set) f[column - 1] = value;
  return JoinRow(f);
}

// A valid member row (relation as given).
inline std::string MemberRow(const std::string& household, const std::string& member,
                             const std::string& relation = "head",
                             std::map<int, std::string> set = {}) {
  std::vector<std::string> f = {household,
                                member,
                                "Nguyễn Văn A",
                                "001087012345",
                                "1987-05-20",
                                "male",
                                relation,
                                "kinh",
                                "1",
                                "0",
                                "0",
                                "upper_secondary",
                                "self_employed",
                                "0",
                                "0"};
  for (const auto& [column, value] : set) f[column - 1] = value;
  return JoinRow(f);
}

}  // namespace lnob::ingest::testing
