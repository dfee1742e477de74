// UnitCatalog: versions, names, lineage and ancestors in memory, on the 2025 reorganisation of
// former Ha Giang (tests/fixtures/units_meo_vac.csv: Meo Vac commune formed on 2025-06-16 from a
// township and three communes; districts abolished and Ha Giang 02 merged into Tuyen Quang 08 on
// 2025-07-01), plus a hypothetical split of Khau Vai (00790) into 00791 and 00792 on 2025-06-16
// and their merger into 00793 in 2030. Every Restate is checked against Store::CodesOnDate on the
// same records (SQLite; PostgreSQL with LNOB_TEST_PG_URL).
#include "analytics/unit_catalog.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "ingest/units_csv.hpp"
#include "store/store_test_util.hpp"

namespace lnob::analytics {
namespace {

using Codes = std::vector<std::string>;

// The split and the later merger, with a village that follows its commune and is renamed in 2030.
constexpr const char* kSplitCsv =
    "type,code,name,kind,parent_code,province_code,valid_from,valid_to,from,to,note\n"
    "unit,00790,Khâu Vai,commune,027,02,1991-10-01,2025-06-15,,,\n"
    "unit,00791,Khâu Vai,commune,027,02,2025-06-16,2025-06-30,,,\n"
    "unit,00791,Khâu Vai,commune,08,08,2025-07-01,2029-12-31,,,\n"
    "unit,00792,Cán Chu Phìn,commune,027,02,2025-06-16,2025-06-30,,,\n"
    "unit,00792,Cán Chu Phìn,commune,08,08,2025-07-01,2029-12-31,,,\n"
    "unit,00793,Khâu Vai,commune,08,08,2030-01-01,,,,\n"
    "unit,0079001,Khâu Vai Thượng,village,00790,02,1991-10-01,2025-06-15,,,\n"
    "unit,0079001,Khâu Vai Thượng,village,00791,02,2025-06-16,2025-06-30,,,\n"
    "unit,0079001,Khâu Vai Thượng,village,00791,08,2025-07-01,2029-12-31,,,\n"
    "unit,0079001,Thôn Khâu Vai Thượng,village,00793,08,2030-01-01,,,,\n"
    "event,,,split,,,2025-06-16,,00790,00791;00792,\n"
    "event,,,reparent,,,2025-06-16,,0079001,0079001,\n"
    "event,,,reparent,,,2025-07-01,,00791;00792;0079001,00791;00792;0079001,\n"
    "event,,,merge,,,2030-01-01,,00791;00792,00793,\n"
    "event,,,reparent,,,2030-01-01,,0079001,0079001,\n";

ingest::UnitsFile AllRecords() {
  std::vector<ingest::InputError> errors;
  auto file = ingest::LoadUnitsCsv(
      std::string(LNOB_SOURCE_DIR) + "/tests/fixtures/units_meo_vac.csv", &errors);
  EXPECT_TRUE(file.ok()) << file.status().message();
  auto extra = ingest::ParseUnitsCsv(kSplitCsv, "split.csv", &errors);
  EXPECT_TRUE(extra.ok()) << extra.status().message()
                          << (errors.empty() ? "" : ingest::FormatInputError(errors[0], Lang::kEn));
  if (!file.ok() || !extra.ok()) return {};
  ingest::UnitsFile all = std::move(*file);
  all.units.insert(all.units.end(), extra->units.begin(), extra->units.end());
  all.events.insert(all.events.end(), extra->events.begin(), extra->events.end());
  return all;
}

UnitCatalog Catalog() {
  ingest::UnitsFile f = AllRecords();
  return UnitCatalog(std::move(f.units), std::move(f.events));
}

TEST(UnitCatalogTest, LevelsAndKinds) {
  UnitLevel l = UnitLevel::kVillage;
  for (UnitLevel want : {UnitLevel::kProvince, UnitLevel::kCommune, UnitLevel::kVillage}) {
    ASSERT_TRUE(ParseUnitLevel(UnitLevelId(want), &l));
    EXPECT_EQ(l, want);
  }
  EXPECT_FALSE(ParseUnitLevel("district", &l));
  EXPECT_FALSE(ParseUnitLevel("", &l));
  for (const char* kind : {"commune", "ward", "township"}) {
    ASSERT_TRUE(LevelOfKind(kind, &l)) << kind;
    EXPECT_EQ(l, UnitLevel::kCommune) << kind;
  }
  ASSERT_TRUE(LevelOfKind("residential_group", &l));
  EXPECT_EQ(l, UnitLevel::kVillage);
  ASSERT_TRUE(LevelOfKind("province", &l));
  EXPECT_EQ(l, UnitLevel::kProvince);
  EXPECT_FALSE(LevelOfKind("district", &l));
}

TEST(UnitCatalogTest, InForceOnEachDayOfItsVersions) {
  UnitCatalog c = Catalog();
  ASSERT_FALSE(c.empty());
  EXPECT_TRUE(UnitCatalog().empty());
  EXPECT_TRUE(c.Knows("00760"));
  EXPECT_FALSE(c.Knows("99999"));
  EXPECT_EQ(c.InForce("99999", Date{20240101}), nullptr);

  const store::UnitRecord* township = c.InForce("00760", Date{20250615});  // its last day
  ASSERT_NE(township, nullptr);
  EXPECT_EQ(township->kind, "township");
  EXPECT_EQ(c.InForce("00760", Date{20250616}), nullptr);
  EXPECT_EQ(c.InForce("00760", Date{19910930}), nullptr);  // before it existed
  ASSERT_NE(c.InForce("00760", Date{19911001}), nullptr);

  // Tuyen Quang keeps its code across the merger: two versions, one on each side of 1 July.
  const store::UnitRecord* before = c.InForce("08", Date{20250630});
  const store::UnitRecord* after = c.InForce("08", Date{20250701});
  ASSERT_NE(before, nullptr);
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(before->valid_to, Date{20250630});
  EXPECT_EQ(after->valid_from, Date{20250701});
  EXPECT_FALSE(after->valid_to.has_value());
  ASSERT_NE(c.InForce("08", Date{99991231}), nullptr);  // open-ended

  // The new Meo Vac commune: under district 027 for two weeks, then directly under 08.
  EXPECT_EQ(c.InForce("00787", Date{20250615}), nullptr);
  EXPECT_EQ(c.InForce("00787", Date{20250616})->parent_code, "027");
  EXPECT_EQ(c.InForce("00787", Date{20250630})->parent_code, "027");
  EXPECT_EQ(c.InForce("00787", Date{20250701})->parent_code, "08");
}

TEST(UnitCatalogTest, NameOnADateTheLatestNameOrTheCode) {
  UnitCatalog c = Catalog();
  EXPECT_EQ(c.NameOn("02", Date{20241231}), "Hà Giang");
  EXPECT_EQ(c.NameOn("00763", Date{20241231}), "Pả Vi");
  EXPECT_EQ(c.NameOn("0079001", Date{20291231}), "Khâu Vai Thượng");
  EXPECT_EQ(c.NameOn("0079001", Date{20300101}), "Thôn Khâu Vai Thượng");
  // Not in force then: the latest name.
  EXPECT_EQ(c.NameOn("0079001", Date{19800101}), "Thôn Khâu Vai Thượng");
  EXPECT_EQ(c.NameOn("00763", Date{20251231}), "Pả Vi");
  // Unknown: the code stands for itself.
  EXPECT_EQ(c.NameOn("99999", Date{20241231}), "99999");
  EXPECT_EQ(UnitCatalog().NameOn("08", Date{20241231}), "08");
}

TEST(UnitCatalogTest, RestateForwardsThroughAMerger) {
  UnitCatalog c = Catalog();
  EXPECT_EQ(c.Restate("00763", Date{20250615}), (Codes{"00763"}));  // still in force
  EXPECT_EQ(c.Restate("00763", Date{20250616}), (Codes{"00787"}));  // the day of the merger
  EXPECT_EQ(c.Restate("00760", Date{20251231}), (Codes{"00787"}));
  EXPECT_EQ(c.Restate("02", Date{20250630}), (Codes{"02"}));
  EXPECT_EQ(c.Restate("02", Date{20250701}), (Codes{"08"}));
  EXPECT_EQ(c.Restate("08", Date{20200101}), (Codes{"08"}));
}

TEST(UnitCatalogTest, RestateBackwardsToTheFormerUnits) {
  UnitCatalog c = Catalog();
  EXPECT_EQ(c.Restate("00787", Date{20241231}), (Codes{"00760", "00763", "00766", "00769"}));
  EXPECT_EQ(c.Restate("00787", Date{20250616}), (Codes{"00787"}));
  EXPECT_EQ(c.Restate("00791", Date{20241231}), (Codes{"00790"}));
  // Before anything the lineage records: nothing.
  EXPECT_EQ(c.Restate("00787", Date{19800101}), Codes{});
}

TEST(UnitCatalogTest, RestateASplitGivesSeveralCodes) {
  UnitCatalog c = Catalog();
  EXPECT_EQ(c.Restate("00790", Date{20250615}), (Codes{"00790"}));
  EXPECT_EQ(c.Restate("00790", Date{20250616}), (Codes{"00791", "00792"}));
  EXPECT_EQ(c.Restate("00790", Date{20251231}), (Codes{"00791", "00792"}));
}

TEST(UnitCatalogTest, RestateThroughSeveralSteps) {
  UnitCatalog c = Catalog();
  // Split, then merger: forwards to the one unit, backwards to the one before (each once).
  EXPECT_EQ(c.Restate("00790", Date{20300101}), (Codes{"00793"}));
  EXPECT_EQ(c.Restate("00793", Date{20241231}), (Codes{"00790"}));
  EXPECT_EQ(c.Restate("00793", Date{20250801}), (Codes{"00791", "00792"}));
  EXPECT_EQ(c.Restate("00791", Date{20300601}), (Codes{"00793"}));
}

TEST(UnitCatalogTest, RestateOfUnknownOrDissolvedUnitsIsEmpty) {
  UnitCatalog c = Catalog();
  EXPECT_EQ(c.Restate("99999", Date{20241231}), Codes{});
  EXPECT_EQ(c.Restate("027", Date{20250630}), (Codes{"027"}));
  EXPECT_EQ(c.Restate("027", Date{20251231}), Codes{});  // dissolved into nothing recorded
  EXPECT_EQ(UnitCatalog().Restate("00763", Date{20241231}), Codes{});
}

TEST(UnitCatalogTest, AncestorOnAcrossThe2025Reform) {
  UnitCatalog c = Catalog();
  using L = UnitLevel;
  // 2024: village -> commune Pa Vi -> district Meo Vac -> province Ha Giang.
  EXPECT_EQ(c.AncestorOn("0076301", Date{20241231}, L::kVillage), "0076301");
  EXPECT_EQ(c.AncestorOn("0076301", Date{20241231}, L::kCommune), "00763");
  EXPECT_EQ(c.AncestorOn("0076301", Date{20241231}, L::kProvince), "02");
  // Late June 2025: the village is in the new commune, still under the district and Ha Giang.
  EXPECT_EQ(c.AncestorOn("0076301", Date{20250620}, L::kCommune), "00787");
  EXPECT_EQ(c.AncestorOn("0076301", Date{20250620}, L::kProvince), "02");
  // From 1 July: no district; the commune is reparented to the merged Tuyen Quang.
  EXPECT_EQ(c.AncestorOn("0076301", Date{20250701}, L::kCommune), "00787");
  EXPECT_EQ(c.AncestorOn("0076301", Date{20250701}, L::kProvince), "08");
  EXPECT_EQ(c.AncestorOn("00787", Date{20250701}, L::kProvince), "08");
  // The split village follows its commune, then the merged one.
  EXPECT_EQ(c.AncestorOn("0079001", Date{20250620}, L::kCommune), "00791");
  EXPECT_EQ(c.AncestorOn("0079001", Date{20300101}, L::kCommune), "00793");
  // A township is a commune-level unit; a district is no reporting level.
  EXPECT_EQ(c.AncestorOn("00760", Date{20240101}, L::kCommune), "00760");
  EXPECT_EQ(c.AncestorOn("027", Date{20240101}, L::kProvince), "02");
  EXPECT_EQ(c.AncestorOn("027", Date{20240101}, L::kCommune), "");
  // Nothing below the unit, nothing when the unit is not in force, nothing for unknown codes.
  EXPECT_EQ(c.AncestorOn("00787", Date{20250701}, L::kVillage), "");
  EXPECT_EQ(c.AncestorOn("00760", Date{20250701}, L::kCommune), "");
  EXPECT_EQ(c.AncestorOn("99999", Date{20250701}, L::kProvince), "");
}

// The catalog follows the lineage exactly as the store does, for every code on every date.
class UnitCatalogVsStoreTest : public ::testing::TestWithParam<std::string> {};

TEST_P(UnitCatalogVsStoreTest, RestateAgreesWithCodesOnDate) {
  LNOB_OPEN_FRESH_STORE(store, GetParam());
  ingest::UnitsFile f = AllRecords();
  ASSERT_FALSE(f.units.empty());
  Status imported = store->ImportUnits(f.units, f.events);
  ASSERT_TRUE(imported.ok()) << imported.message();
  UnitCatalog c(f.units, f.events);
  auto loaded = UnitCatalog::Load(*store);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();

  std::set<std::string> codes = {"99999"};
  for (const auto& u : f.units) codes.insert(u.code);
  const int32_t dates[] = {19800101, 19911001, 20191231, 20241231, 20250615, 20250616,
                           20250630, 20250701, 20251231, 20291231, 20300101, 20350101};
  int compared = 0;
  for (const std::string& code : codes) {
    for (int32_t d : dates) {
      auto want = store->CodesOnDate(code, Date{d});
      Codes expected;
      if (want.ok()) {
        expected = *want;
      } else {
        EXPECT_EQ(want.status().code(), ErrorCode::kNotFound) << want.status().message();
        EXPECT_FALSE(c.Knows(code)) << code;
      }
      EXPECT_EQ(c.Restate(code, Date{d}), expected) << code << " on " << d;
      EXPECT_EQ(loaded->Restate(code, Date{d}), expected) << code << " on " << d << " (loaded)";
      ++compared;
    }
  }
  EXPECT_EQ(compared, static_cast<int>(codes.size() * std::size(dates)));
}

INSTANTIATE_TEST_SUITE_P(Backends, UnitCatalogVsStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lnob::analytics
