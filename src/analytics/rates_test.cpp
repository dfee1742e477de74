// ComputeRates: households, persons, categories, rates and deprivation headcounts per group of a
// Grouping and in total, on small surveys classified under the shipped standards (households built
// to a category: see analytics_fixture.hpp).
#include "analytics/rates.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analytics/analytics_fixture.hpp"
#include "core/classifier.hpp"

namespace lnob::analytics {
namespace {

using Codes = std::vector<std::string>;
using Counts = std::vector<uint64_t>;
using testing::Catalog;
using testing::Find;
using testing::Hh;
using testing::Load;
using testing::Snap;

size_t Column(const Rates& r, const std::string& id) {
  for (size_t i = 0; i < r.indicators.size(); ++i) {
    if (r.indicators[i].id == id) return i;
  }
  ADD_FAILURE() << "no indicator " << id;
  return 0;
}

// households, persons, poor, near_poor, middle, not_poor, poor_persons, near_poor_persons.
Counts Of(const RateRow& row) {
  return {row.households, row.persons,  row.poor,         row.near_poor,
          row.middle,     row.not_poor, row.poor_persons, row.near_poor_persons};
}

Codes Units(const Rates& r) {
  Codes out;
  for (const RateRow& row : r.rows) {
    out.push_back(row.group.unit_code +
                  (row.group.subgroup.empty() ? "" : " " + row.group.subgroup));
  }
  return out;
}

// Three communes of former Meo Vac district in 2024.
std::vector<Hh> MeoVac2024() {
  return {
      {"A1", "00760", "", "02", "poor", 4},
      {"A2", "00760", "", "02", "near_poor", 2},
      {"A3", "00760", "", "02", "middle", 3},
      {"A4", "00760", "", "02", "not_poor", 1},
      {"A5", "00760", "", "02", "poor", 2},
      {"B1", "00763", "0076301", "02", "poor", 3},
      {"B2", "00763", "0076302", "02", "not_poor", 2},
      {"C1", "00769", "", "02", "near_poor", 4},
  };
}

TEST(RatesTest, CountsRatesAndPersonsPerCommune) {
  Snapshot snap = Snap(Load(MeoVac2024()));
  Grouping g = GroupHouseholds(snap, Catalog(), {UnitLevel::kCommune});
  Rates r = ComputeRates(snap, snap.result, g);
  EXPECT_EQ(r.round.year, 2024);
  EXPECT_EQ(r.by, SplitBy::kNone);
  ASSERT_EQ(Units(r), (Codes{"00760", "00763", "00769"}));
  EXPECT_EQ(r.rows[0].group.unit_name, "Mèo Vạc");
  EXPECT_EQ(Of(r.rows[0]), (Counts{5, 12, 2, 1, 1, 1, 6, 2}));
  EXPECT_EQ(Of(r.rows[1]), (Counts{2, 5, 1, 0, 0, 1, 3, 0}));
  EXPECT_EQ(Of(r.rows[2]), (Counts{1, 4, 0, 1, 0, 0, 0, 4}));
  EXPECT_EQ(Of(r.total), (Counts{8, 21, 3, 2, 1, 2, 9, 6}));
  EXPECT_EQ(r.total.group.unit_code, "");
  EXPECT_DOUBLE_EQ(r.rows[0].poor_rate(), 40.0);
  EXPECT_DOUBLE_EQ(r.rows[0].near_poor_rate(), 20.0);
  EXPECT_DOUBLE_EQ(r.rows[1].poor_rate(), 50.0);
  EXPECT_DOUBLE_EQ(r.rows[2].near_poor_rate(), 100.0);
  EXPECT_DOUBLE_EQ(r.total.poor_rate(), 37.5);
  EXPECT_DOUBLE_EQ(r.total.Rate(r.total.middle), 12.5);
  EXPECT_EQ(r.unplaced, 0u);
  EXPECT_DOUBLE_EQ(RateRow{}.poor_rate(), 0.0);  // no household: 0, not a division by zero
}

TEST(RatesTest, DeprivationsOverallAndAmongThePoor) {
  Snapshot snap = Snap(Load(MeoVac2024()));
  Rates r = ComputeRates(snap, snap.result, GroupHouseholds(snap, Catalog(), {}));
  ASSERT_EQ(r.indicators.size(), 12u);  // vn-2022-2025
  EXPECT_EQ(r.indicators[0].id, "employment");
  EXPECT_EQ(r.indicators[11].id, "info_access");
  EXPECT_EQ(r.indicators[8].dimension, "water_sanitation");
  EXPECT_EQ(r.indicators[8].name_en, "Drinking water");
  for (const RateRow* row : {&r.total, &r.rows[0], &r.rows[1], &r.rows[2]}) {
    ASSERT_EQ(row->deprived.size(), 12u);
    ASSERT_EQ(row->deprived_poor.size(), 12u);
  }
  const size_t water = Column(r, "water"), toilet = Column(r, "toilet"),
               telecom = Column(r, "telecom"), info = Column(r, "info_access");
  Counts none(12, 0);
  Counts poor3 = none;  // the three poor households: water, toilet, telecom
  poor3[water] = poor3[toilet] = poor3[telecom] = 3;
  Counts total = poor3;
  total[info] = 2;  // the two near-poor households
  EXPECT_EQ(r.total.deprived, total);
  EXPECT_EQ(r.total.deprived_poor, poor3);
  // By commune.
  EXPECT_EQ(r.rows[0].deprived[water], 2u);
  EXPECT_EQ(r.rows[0].deprived[info], 1u);
  EXPECT_EQ(r.rows[0].deprived_poor[info], 0u);
  EXPECT_EQ(r.rows[1].deprived_poor[telecom], 1u);
  EXPECT_EQ(r.rows[2].deprived[info], 1u);
  EXPECT_EQ(r.rows[2].deprived_poor, none);
}

TEST(RatesTest, SplitByAreaSexAndEthnicity) {
  std::vector<Hh> list = {
      {"A1", "00760", "", "02", "poor", 1, "rural", "female", "hmong"},
      {"A2", "00760", "", "02", "middle", 2, "urban", "male", "kinh"},
      {"A3", "00760", "", "02", "near_poor", 1, "urban", "female", "hmong"},
      {"A4", "00760", "", "02", "poor", 3, "rural", "male", ""},
  };
  core::Survey s = Load(list);
  s.members.Column(core::mem::kRelation).i8[0] = 2;  // A1's only member is not the head
  Snapshot snap = Snap(std::move(s));
  UnitCatalog c = Catalog();

  Rates area = ComputeRates(snap, snap.result,
                            GroupHouseholds(snap, c, {UnitLevel::kCommune, {}, SplitBy::kArea}));
  EXPECT_EQ(area.by, SplitBy::kArea);
  ASSERT_EQ(Units(area), (Codes{"00760 rural", "00760 urban"}));
  EXPECT_EQ(Of(area.rows[0]), (Counts{2, 4, 2, 0, 0, 0, 4, 0}));
  EXPECT_EQ(Of(area.rows[1]), (Counts{2, 3, 0, 1, 1, 0, 0, 1}));

  Rates sex = ComputeRates(snap, snap.result,
                           GroupHouseholds(snap, c, {UnitLevel::kCommune, {}, SplitBy::kSex}));
  ASSERT_EQ(Units(sex), (Codes{"00760 female", "00760 male", "00760 unknown"}));
  EXPECT_EQ(Of(sex.rows[0]), (Counts{1, 1, 0, 1, 0, 0, 0, 1}));
  EXPECT_EQ(Of(sex.rows[1]), (Counts{2, 5, 1, 0, 1, 0, 3, 0}));
  EXPECT_EQ(Of(sex.rows[2]), (Counts{1, 1, 1, 0, 0, 0, 1, 0}));

  Rates eth = ComputeRates(
      snap, snap.result, GroupHouseholds(snap, c, {UnitLevel::kCommune, {}, SplitBy::kEthnicity}));
  ASSERT_EQ(Units(eth), (Codes{"00760 hmong", "00760 kinh", "00760 unknown"}));
  EXPECT_EQ(Of(eth.rows[0]), (Counts{1, 1, 0, 1, 0, 0, 0, 1}));  // A3 (A1 has no head)
  EXPECT_EQ(Of(eth.rows[1]), (Counts{1, 2, 0, 0, 1, 0, 0, 0}));
  EXPECT_EQ(Of(eth.rows[2]), (Counts{2, 4, 2, 0, 0, 0, 4, 0}));  // A1 and A4
  // Every split sums to the same total.
  for (const Rates* r : {&area, &sex, &eth}) {
    EXPECT_EQ(Of(r->total), (Counts{4, 7, 2, 1, 1, 0, 4, 1}));
    Counts sum(8, 0);
    for (const RateRow& row : r->rows) {
      Counts c8 = Of(row);
      for (size_t i = 0; i < 8; ++i) sum[i] += c8[i];
    }
    EXPECT_EQ(sum, Of(r->total));
  }
}

TEST(RatesTest, RestatedThroughTheMergers) {
  Snapshot snap = Snap(Load(MeoVac2024()));
  Rates commune = ComputeRates(
      snap, snap.result, GroupHouseholds(snap, Catalog(), {UnitLevel::kCommune, Date{20250701}}));
  ASSERT_EQ(Units(commune), (Codes{"00787"}));
  EXPECT_EQ(commune.rows[0].group.unit_name, "Mèo Vạc");
  EXPECT_EQ(Of(commune.rows[0]), Of(commune.total));
  EXPECT_EQ(Of(commune.rows[0]), (Counts{8, 21, 3, 2, 1, 2, 9, 6}));

  // A household of the old Tuyen Quang (a commune the registry does not list) joins them in 08.
  std::vector<Hh> list = MeoVac2024();
  list.push_back({"T1", "08-XA", "", "08", "poor", 2});
  Snapshot both = Snap(Load(list));
  Rates before =
      ComputeRates(both, both.result, GroupHouseholds(both, Catalog(), {UnitLevel::kProvince}));
  ASSERT_EQ(Units(before), (Codes{"02", "08"}));
  EXPECT_EQ(before.rows[0].group.unit_name, "Hà Giang");
  EXPECT_EQ(before.rows[0].households, 8u);
  EXPECT_EQ(before.rows[1].households, 1u);
  Rates after = ComputeRates(
      both, both.result, GroupHouseholds(both, Catalog(), {UnitLevel::kProvince, Date{20250701}}));
  ASSERT_EQ(Units(after), (Codes{"08"}));
  EXPECT_EQ(after.rows[0].group.unit_name, "Tuyên Quang");
  EXPECT_EQ(Of(after.rows[0]), (Counts{9, 23, 4, 2, 1, 2, 11, 6}));
  EXPECT_DOUBLE_EQ(after.rows[0].poor_rate(), 100.0 * 4 / 9);
}

TEST(RatesTest, ASplitCommuneWithoutVillagesCountsInTheTotalOnly) {
  Snapshot snap = Snap(Load({{"K1", "00790", "0079001", "02", "poor", 2},
                             {"K2", "00790", "", "02", "poor", 3},
                             {"K3", "00790", "", "02", "near_poor", 1},
                             {"M1", "00763", "", "02", "not_poor", 2}}));
  Grouping g = GroupHouseholds(snap, Catalog(true), {UnitLevel::kCommune, Date{20250701}});
  Rates r = ComputeRates(snap, snap.result, g);
  ASSERT_EQ(Units(r), (Codes{"00787", "00791"}));
  EXPECT_EQ(Of(r.rows[0]), (Counts{1, 2, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(Of(r.rows[1]), (Counts{1, 2, 1, 0, 0, 0, 2, 0}));
  EXPECT_EQ(Of(r.total), (Counts{4, 8, 2, 1, 0, 1, 5, 1}));
  EXPECT_EQ(r.unplaced, 2u);
  EXPECT_EQ(r.unplaced_codes, (Codes{"00790"}));
  const size_t water = Column(r, "water");
  EXPECT_EQ(r.total.deprived[water], 2u);
  EXPECT_EQ(r.total.deprived_poor[water], 2u);
  EXPECT_EQ(r.rows[0].deprived[water] + r.rows[1].deprived[water], 1u);
}

TEST(RatesTest, UnknownCodesStandForThemselves) {
  Snapshot snap = Snap(Load({{"A1", "XA-1", "", "99", "poor"},
                             {"A2", "XA-2", "", "99", "near_poor"},
                             {"A3", "XA-1", "", "99", "not_poor"}}));
  Rates r = ComputeRates(snap, snap.result, GroupHouseholds(snap, UnitCatalog(), {}));
  ASSERT_EQ(Units(r), (Codes{"XA-1", "XA-2"}));
  EXPECT_EQ(r.rows[0].group.unit_name, "XA-1");
  EXPECT_EQ(Of(r.rows[0]), (Counts{2, 2, 1, 0, 0, 1, 1, 0}));
  Rates p =
      ComputeRates(snap, snap.result, GroupHouseholds(snap, Catalog(), {UnitLevel::kProvince}));
  ASSERT_EQ(Units(p), (Codes{"99"}));
  EXPECT_EQ(p.rows[0].households, 3u);
}

TEST(RatesTest, TwoStandardsShareIndicatorColumnsById) {
  // A1, A2 under vn-2022-2025; A3, A4 under vn-2027-2030, which has waste and no info_access.
  std::vector<Hh> list = {{"A1", "X", "", "99", "poor", 1, "rural", "male", "kinh", "0"},
                          {"A2", "X", "", "99", "near_poor", 1, "rural", "male", "kinh", "0"},
                          {"A3", "X", "", "99", "poor", 1, "rural", "male", "kinh", "0"},
                          {"A4", "X", "", "99", "near_poor", 1, "rural", "male", "kinh", "1"}};
  core::Survey s = Load(list);
  core::StandardChoice choice;
  choice.standards = {Find("vn-2022-2025"), Find("vn-2027-2030")};
  choice.of_household = {0, 0, 1, 1};
  auto result = core::Classify(s, choice);
  ASSERT_TRUE(result.ok()) << result.status().message();
  Snapshot snap =
      SnapshotOf({2026, "periodic", Date{20261001}, "vn-2022-2025"}, std::move(s), *result);
  Rates r = ComputeRates(snap, snap.result, GroupHouseholds(snap, UnitCatalog(), {}));
  ASSERT_EQ(r.indicators.size(), 13u);  // 12 + waste, each once
  EXPECT_EQ(r.indicators.back().id, "waste");
  EXPECT_EQ(IndicatorsOf(*result).size(), 13u);
  const size_t telecom = Column(r, "telecom"), info = Column(r, "info_access"),
               waste = Column(r, "waste");
  EXPECT_EQ(r.total.deprived[telecom], 2u);  // A1 and A3, at their own standards' positions
  EXPECT_EQ(r.total.deprived[info], 1u);     // A2 only: vn-2027-2030 does not ask
  EXPECT_EQ(r.total.deprived[waste], 1u);    // A3 only: vn-2022-2025 does not ask
  EXPECT_EQ(r.total.deprived_poor[waste], 1u);
  // A4 is deprived in nothing vn-2027-2030 asks, A3 in water, toilet, telecom and waste.
  EXPECT_EQ(Of(r.total), (Counts{4, 4, 2, 2, 0, 0, 2, 2}));
}

TEST(RatesTest, CountsTheResultGivenNotTheSnapshots) {
  Snapshot snap = Snap(Load(MeoVac2024()));
  // A what-if: a rural line of 2,200,000 makes the middle household near-poor.
  auto higher = core::Classify(
      snap.survey,
      core::PickOne(snap.survey, Find("vn-2022-2025", {{"line", "rural", "2200000"}})));
  ASSERT_TRUE(higher.ok()) << higher.status().message();
  Grouping g = GroupHouseholds(snap, Catalog(), {});
  Rates r = ComputeRates(snap, *higher, g);
  EXPECT_EQ(Of(r.total), (Counts{8, 21, 3, 3, 0, 2, 9, 9}));
  EXPECT_EQ(Of(ComputeRates(snap, snap.result, g).total), (Counts{8, 21, 3, 2, 1, 2, 9, 6}));
}

}  // namespace
}  // namespace lnob::analytics
