// The definitions of analytics_fixture.hpp (a _test.cpp, so that only lnob_tests links it).
#include "analytics/analytics_fixture.hpp"

#include <gtest/gtest.h>

#include "core/classifier.hpp"
#include "ingest/standard_files.hpp"
#include "ingest/survey_loader.hpp"
#include "ingest/units_csv.hpp"

namespace lnob::analytics::testing {

core::Survey Load(const std::vector<Hh>& list) {
  std::string h =
      "household_id,commune_code,village_code,area,survey_date,income_pc_month,house_area_m2,"
      "wall_durable,frame_durable,roof_durable,water_source,toilet_type,uses_telecom,"
      "has_info_device,waste_treated,province_code\n";
  std::string m =
      "household_id,member_id,birth_date,sex,relation,ethnicity,health_insurance,malnourished,"
      "school_attending,education,employment,disability,monthly_allowance\n";
  for (const Hh& x : list) {
    const bool urban = x.area == "urban";
    std::string income = x.kind == "poor"        ? "1000000"
                         : x.kind == "near_poor" ? "1200000"
                         : x.kind == "middle"    ? (urban ? "2500000" : "2000000")
                                                 : "5000000";
    const bool poor = x.kind == "poor";
    h += x.id + "," + x.commune + "," + x.village + "," + x.area + ",2024-10-01," + income +
         ",35.5,1,1,1," + (poor ? "surface_water,none,0," : "piped,septic,1,") +
         (x.kind == "near_poor" ? "0," : "1,") + x.waste + "," + x.province + "\n";
    m += x.id + ",1,1980," + x.head_sex + ",head," + x.ethnicity +
         ",1,0,0,upper_secondary,self_employed,0,0\n";
    for (int p = 2; p <= x.persons; ++p) {
      m += x.id + "," + std::to_string(p) + ",1982,female,spouse," + x.ethnicity +
           ",1,0,0,upper_secondary,self_employed,0,0\n";
    }
  }
  std::vector<ingest::InputError> errors;
  auto s = ingest::LoadSurveyFromText(h, m, {}, &errors);
  EXPECT_TRUE(s.ok()) << s.status().message()
                      << (errors.empty() ? "" : ingest::FormatInputError(errors[0], Lang::kEn));
  return s.ok() ? std::move(*s) : core::Survey{};
}

const std::vector<core::StandardPtr>& Standards() {
  static const std::vector<core::StandardPtr> all = [] {
    auto r = ingest::LoadStandardDirectory(ingest::DefaultStandardsDirectory());
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : std::vector<core::StandardPtr>{};
  }();
  return all;
}

core::StandardPtr Find(const std::string& id,
                       const std::vector<core::ParameterOverride>& overrides) {
  auto s = ingest::FindStandard(Standards(), id, overrides);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? *s : nullptr;
}

Snapshot Snap(core::Survey survey) {
  auto result = core::Classify(survey, core::PickOne(survey, Find("vn-2022-2025")));
  EXPECT_TRUE(result.ok()) << result.status().message();
  return SnapshotOf({2024, "periodic", Date{20241001}, "vn-2022-2025"}, std::move(survey),
                    std::move(*result));
}

UnitCatalog Catalog(bool with_split) {
  std::vector<ingest::InputError> errors;
  auto f = ingest::LoadUnitsCsv(std::string(LNOB_SOURCE_DIR) + "/tests/fixtures/units_meo_vac.csv",
                                &errors);
  EXPECT_TRUE(f.ok()) << f.status().message();
  if (!f.ok()) return UnitCatalog({}, {});
  if (with_split) {
    auto extra = ingest::ParseUnitsCsv(
        "type,code,name,kind,parent_code,province_code,valid_from,valid_to,from,to,note\n"
        "unit,00790,Khâu Vai,commune,027,02,1991-10-01,2025-06-15,,,\n"
        "unit,00791,Khâu Vai,commune,027,02,2025-06-16,2025-06-30,,,\n"
        "unit,00791,Khâu Vai,commune,08,08,2025-07-01,,,,\n"
        "unit,00792,Cán Chu Phìn,commune,027,02,2025-06-16,2025-06-30,,,\n"
        "unit,00792,Cán Chu Phìn,commune,08,08,2025-07-01,,,,\n"
        "unit,0079001,Khâu Vai Thượng,village,00790,02,1991-10-01,2025-06-15,,,\n"
        "unit,0079001,Khâu Vai Thượng,village,00791,02,2025-06-16,2025-06-30,,,\n"
        "unit,0079001,Khâu Vai Thượng,village,00791,08,2025-07-01,,,,\n"
        "event,,,split,,,2025-06-16,,00790,00791;00792,\n"
        "event,,,reparent,,,2025-06-16,,0079001,0079001,\n"
        "event,,,reparent,,,2025-07-01,,00791;00792;0079001,00791;00792;0079001,\n",
        "split.csv", &errors);
    EXPECT_TRUE(extra.ok()) << extra.status().message();
    if (extra.ok()) {
      f->units.insert(f->units.end(), extra->units.begin(), extra->units.end());
      f->events.insert(f->events.end(), extra->events.begin(), extra->events.end());
    }
  }
  return UnitCatalog(std::move(f->units), std::move(f->events));
}

}  // namespace lnob::analytics::testing
