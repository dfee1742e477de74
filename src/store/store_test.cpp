// The registry's test suite, run against SQLite and PostgreSQL alike.
#include "store/store.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/classifier.hpp"
#include "ingest/standard_files.hpp"
#include "ingest/survey_loader.hpp"
#include "ingest/units_csv.hpp"
#include "store/store_test_util.hpp"

namespace lnob::store {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Examples(const char* name) {
  return ReadFile(std::string(LNOB_SOURCE_DIR) + "/examples/" + name);
}

core::Survey Parse(std::string households, std::string members) {
  std::vector<ingest::InputError> errors;
  auto s = ingest::LoadSurveyFromText(std::move(households), std::move(members), {}, &errors);
  EXPECT_TRUE(s.ok()) << s.status().message()
                      << (errors.empty() ? "" : ingest::FormatInputError(errors[0], Lang::kEn));
  return std::move(*s);
}

// Replaces the first occurrence of `from` in `text`.
std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t p = text.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  if (p != std::string::npos) text.replace(p, from.size(), to);
  return text;
}

int64_t Count(Store& s, const std::string& sql) {
  auto st = s.db().Prepare(sql);
  EXPECT_TRUE(st.ok()) << st.status().message();
  auto row = (*st)->Next();
  EXPECT_TRUE(row.ok() && *row);
  return (*st)->ColumnInt(0);
}

RoundSpec Spec2024() {
  return {2024, "periodic", Date{20241015}, "vn-2022-2025"};
}

class StoreSuite : public ::testing::TestWithParam<std::string> {};

TEST_P(StoreSuite, ImportThenLoadGivesTheSameClassificationAsTheFiles) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  core::Survey file = Parse(Examples("households.csv"), Examples("members.csv"));
  auto round = store->OpenRound(Spec2024());
  ASSERT_TRUE(round.ok()) << round.status().message();
  ImportOptions opt;
  opt.province_code = "02";
  auto summary = store->ImportSurvey(*round, file, opt, nullptr);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->added, 10u);
  EXPECT_EQ(summary->members, 32u);

  auto loaded = store->LoadSurvey(*round);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_EQ(loaded->household_count(), 10u);
  ASSERT_EQ(loaded->member_count(), 32u);
  auto standards = ingest::LoadStandardDirectory(std::string(LNOB_SOURCE_DIR) + "/data/standards");
  ASSERT_TRUE(standards.ok());
  auto std2022 = ingest::FindStandard(*standards, "vn-2022-2025");
  auto a = core::Classify(file, core::PickOne(file, *std2022));
  auto b = core::Classify(*loaded, core::PickOne(*loaded, *std2022));
  ASSERT_TRUE(a.ok() && b.ok());
  for (uint32_t h = 0; h < 10; ++h) {
    EXPECT_EQ(file.household_id(h), loaded->household_id(h));
    EXPECT_EQ(a->category[h], b->category[h]) << file.household_id(h);
    EXPECT_EQ(a->deprived[h], b->deprived[h]) << file.household_id(h);
  }
  // Names keep their diacritics; every row carries its province.
  EXPECT_EQ(loaded->members.columns[core::mem::kFullName].strings[0], "Giàng Mí Chứ");
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM household_answers WHERE province_code = '02'"), 10);

  // Results are stored with their explanation, and a second run keeps the first.
  auto run1 = store->SaveClassification(*round, *loaded, *b, {});
  auto run2 = store->SaveClassification(*round, *loaded, *b, {});
  ASSERT_TRUE(run1.ok() && run2.ok()) << run1.status().message();
  EXPECT_NE(*run1, *run2);
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM classifications"), 20);
  auto st = store->db().Prepare(
      "SELECT explanation FROM classifications WHERE household_id = "
      "'MV-0001' AND run_id = ?");
  (*st)->BindInt(1, *run1);
  ASSERT_TRUE(*(*st)->Next());
  std::string explanation((*st)->ColumnText(0));
  EXPECT_NE(explanation.find("\"water\":[{\"water_source\":\"unprotected_spring\"}]"),
            std::string::npos)
      << explanation;
  auto problems = store->Check();
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty()) << (*problems)[0];
}

TEST_P(StoreSuite, ReimportUpdatesTheRoundAndKeepsHistory) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto round = store->OpenRound(Spec2024());
  ImportOptions opt;
  opt.province_code = "02";
  std::string h = Examples("households.csv"), m = Examples("members.csv");
  ASSERT_TRUE(store->ImportSurvey(*round, Parse(h, m), opt, nullptr).ok());
  // Correct one income, drop one household of the same commune, change nothing else.
  std::string h2 = Replace(h, "MV-0002,02-MEOVAC,LUNGPU,rural,2024-10-15,1400000",
                           "MV-0002,02-MEOVAC,LUNGPU,rural,2024-10-15,1600000");
  size_t p = h2.find("MV-0010,");
  h2 = h2.substr(0, p);
  std::string m2;
  std::istringstream lines(m);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("MV-0010,", 0) != 0) m2 += line + "\n";
  }
  auto s2 = store->ImportSurvey(*round, Parse(h2, m2), opt, nullptr);
  ASSERT_TRUE(s2.ok()) << s2.status().message();
  EXPECT_EQ(s2->added, 0u);
  EXPECT_EQ(s2->changed, 1u);
  EXPECT_EQ(s2->unchanged, 8u);
  EXPECT_EQ(s2->removed, 1u);
  auto loaded = store->LoadSurvey(*round);
  ASSERT_EQ(loaded->household_count(), 9u);
  // The old answers are still there, closed by the second import.
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM household_answers WHERE household_id = 'MV-0002'"),
            2);
  EXPECT_EQ(Count(*store,
                  "SELECT income_pc_month FROM household_answers WHERE household_id = "
                  "'MV-0002' AND superseded_by IS NOT NULL"),
            1400000);
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM household_answers WHERE superseded_by IS NULL"), 9);
  EXPECT_TRUE(store->Check()->empty());
}

TEST_P(StoreSuite, AnImportWithADuplicateCitizenIdStoresNothing) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto round = store->OpenRound(Spec2024());
  ImportOptions opt;
  opt.province_code = "02";
  std::string h = Examples("households.csv"), m = Examples("members.csv");
  // The same ID in two households of the file.
  std::string m_dup = Replace(m, "002190004321", "002087005678");
  std::vector<DuplicateId> dups;
  auto r = store->ImportSurvey(*round, Parse(h, m_dup), opt, &dups);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(dups.size(), 1u);
  EXPECT_EQ(dups[0].national_id_masked, "…5678");
  EXPECT_NE(dups[0].first.find("household MV-0001, member 2"), std::string::npos) << dups[0].first;
  EXPECT_NE(dups[0].second.find("household MV-0002, member 1"), std::string::npos);
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM household_answers"), 0);
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM imports"), 0);

  // Across imports: commune A is stored; commune B's file reuses one of A's IDs.
  ASSERT_TRUE(store->ImportSurvey(*round, Parse(h, m), opt, nullptr).ok());
  std::string h_other =
      "household_id,commune_code,area,survey_date,income_pc_month,house_area_m2,wall_durable,"
      "frame_durable,roof_durable,water_source,toilet_type,uses_telecom,has_info_device\n"
      "B-1,02-OTHER,rural,2024-10-15,1000000,50,1,1,1,piped,septic,1,1\n";
  std::string m_other =
      "household_id,member_id,national_id,birth_date,sex,relation,health_insurance,malnourished,"
      "school_attending,education,employment,disability,monthly_allowance\n"
      "B-1,1,002088001234,1980,male,head,1,0,0,primary,self_employed,0,0\n";
  dups.clear();
  auto r2 = store->ImportSurvey(*round, Parse(h_other, m_other), opt, &dups);
  ASSERT_FALSE(r2.ok());
  ASSERT_EQ(dups.size(), 1u);
  EXPECT_NE(dups[0].second.find("household MV-0001, member 1 (already stored)"), std::string::npos)
      << dups[0].second;
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM household_answers WHERE household_id = 'B-1'"), 0);
}

TEST_P(StoreSuite, LikelyDuplicatesByNormalisedNameAndBirthDate) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto round = store->OpenRound(Spec2024());
  ImportOptions opt;
  opt.province_code = "02";
  std::string h = Examples("households.csv"), m = Examples("members.csv");
  // MV-0004's head typed again in MV-0003 without diacritics and with extra spaces.
  m = Replace(m, "Hoàng Văn Tùng,002080002222,1980-04-01", "nguyen  van HAI,,1975-12-25");
  ASSERT_TRUE(store->ImportSurvey(*round, Parse(h, m), opt, nullptr).ok());
  auto d = store->FindDuplicates(*round);
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->size(), 1u);
  EXPECT_EQ((*d)[0].reason, "same name and birth date in commune 02-MEOVAC");
  EXPECT_EQ((*d)[0].household_a, "MV-0003");
  EXPECT_EQ((*d)[0].household_b, "MV-0004");
}

TEST_P(StoreSuite, RoundsAreUniqueAndKeepTheirStandard) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto a = store->OpenRound(Spec2024());
  auto b = store->OpenRound(Spec2024());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->id, b->id);
  RoundSpec other = Spec2024();
  other.standard_id = "vn-2027-2030";
  auto c = store->OpenRound(other);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(store->FindRound(2023).status().code(), ErrorCode::kNotFound);
}

TEST_P(StoreSuite, InitIsIdempotent) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  auto again = store->Init();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

// Issue 3: a household counted in a commune that merged in June 2025 is found under the new
// commune for 2025 and under the old one for 2024 (and the old figures restate under the new).
TEST_P(StoreSuite, HouseholdsFollowTheCommuneMergerOfJune2025) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  std::vector<ingest::InputError> errors;
  auto units = ingest::LoadUnitsCsv(
      std::string(LNOB_SOURCE_DIR) + "/tests/fixtures/units_meo_vac.csv", &errors);
  ASSERT_TRUE(units.ok()) << units.status().message();
  ASSERT_TRUE(store->ImportUnits(units->units, units->events).ok());

  std::string h =
      "household_id,commune_code,village_code,area,survey_date,income_pc_month,house_area_m2,"
      "wall_durable,frame_durable,roof_durable,water_source,toilet_type,uses_telecom,"
      "has_info_device\n"
      "PV-1,COMMUNE,0076301,rural,DATE,900000,30,1,1,1,piped,septic,1,1\n"
      "PV-2,COMMUNE,0076302,rural,DATE,2900000,60,1,1,1,piped,septic,1,1\n";
  std::string m =
      "household_id,member_id,birth_date,sex,relation,health_insurance,malnourished,"
      "school_attending,education,employment,disability,monthly_allowance\n"
      "PV-1,1,1980,male,head,1,0,0,primary,self_employed,0,0\n"
      "PV-2,1,1982,female,head,1,0,0,primary,self_employed,0,0\n";
  auto fill = [](std::string t, const std::string& commune, const std::string& date) {
    for (size_t p; (p = t.find("COMMUNE")) != std::string::npos;) t.replace(p, 7, commune);
    for (size_t p; (p = t.find("DATE")) != std::string::npos;) t.replace(p, 4, date);
    return t;
  };
  auto r2024 = store->OpenRound({2024, "periodic", Date{20241015}, "vn-2022-2025"});
  auto r2025 = store->OpenRound({2025, "periodic", Date{20251015}, "vn-2022-2025"});
  ASSERT_TRUE(r2024.ok() && r2025.ok());
  // The province comes from the units: 02 (Ha Giang) in 2024, 08 (the merged Tuyen Quang) in 2025.
  ASSERT_TRUE(
      store->ImportSurvey(*r2024, Parse(fill(h, "00763", "2024-10-15"), m), {}, nullptr).ok());
  ASSERT_TRUE(
      store->ImportSurvey(*r2025, Parse(fill(h, "00787", "2025-10-15"), m), {}, nullptr).ok());
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM household_answers WHERE province_code = '02'"), 2);
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM household_answers WHERE province_code = '08'"), 2);

  std::vector<std::string> both = {"PV-1", "PV-2"};
  EXPECT_EQ(*store->HouseholdsUnder(*r2025, "00787"), both);      // new commune, 2025
  EXPECT_EQ(*store->HouseholdsUnder(*r2024, "00763"), both);      // old commune, 2024
  EXPECT_EQ(*store->HouseholdsUnder(*r2024, "00787"), both);      // 2024 restated under the new one
  EXPECT_EQ(*store->HouseholdsUnder(*r2025, "00763"), both);      // 2025 under the old (superset)
  EXPECT_TRUE(store->HouseholdsUnder(*r2024, "00769")->empty());  // Ta Lung had none
  EXPECT_EQ(*store->HouseholdsUnder(*r2024, "02"), both);
  EXPECT_EQ(*store->HouseholdsUnder(*r2025, "08"), both);
  EXPECT_EQ(*store->HouseholdsUnder(*r2025, "0076301"), std::vector<std::string>{"PV-1"});
}

TEST_P(StoreSuite, AHouseholdThatMovesAndGrowsKeepsItsHistory) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  ImportOptions opt;
  opt.province_code = "02";
  std::string h = Examples("households.csv"), m = Examples("members.csv");
  auto r2024 = store->OpenRound(Spec2024());
  ASSERT_TRUE(store->ImportSurvey(*r2024, Parse(h, m), opt, nullptr).ok());
  // 2025: MV-0008 moved from THITRAN to SANGTUNG and a baby was born.
  std::string h25 = Replace(h, "MV-0008,02-MEOVAC,THITRAN", "MV-0008,02-MEOVAC,SANGTUNG");
  std::string m25 = Replace(m,
                            "MV-0008,2,Đặng Văn Quý,,2015-04-04,male,child,dao,1,0,1,primary,"
                            "student,0,0\n",
                            "MV-0008,2,Đặng Văn Quý,,2015-04-04,male,child,dao,1,0,1,primary,"
                            "student,0,0\nMV-0008,3,Đặng Thị Mai,,2025-03-01,female,child,dao,"
                            "1,0,0,none,none,0,0\n");
  for (std::string* t : {&h25}) {
    for (size_t p; (p = t->find("2024-10-15")) != std::string::npos;)
      t->replace(p, 10, "2025-10-15");
  }
  auto r2025 = store->OpenRound({2025, "periodic", Date{20251015}, "vn-2022-2025"});
  ASSERT_TRUE(store->ImportSurvey(*r2025, Parse(h25, m25), opt, nullptr).ok());
  auto history = store->HouseholdHistory("MV-0008");
  ASSERT_TRUE(history.ok()) << history.status().message();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].year, 2024);
  EXPECT_EQ((*history)[0].village_code, "THITRAN");
  EXPECT_EQ((*history)[0].member_ids, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ((*history)[1].year, 2025);
  EXPECT_EQ((*history)[1].village_code, "SANGTUNG");
  EXPECT_EQ((*history)[1].member_ids, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(store->HouseholdHistory("NOPE").status().code(), ErrorCode::kNotFound);

  // A citizen ID is found in both rounds.
  auto hits = store->FindCitizenId("002185001515");
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_EQ((*hits)[0].year, 2024);
  EXPECT_EQ((*hits)[1].household_id, "MV-0008");
  EXPECT_EQ((*hits)[1].member_id, "1");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreSuite, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lnob::store
