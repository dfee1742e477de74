// GroupHouseholds: which unit (and subgroup) each household of a snapshot is counted in, on the
// round's date or restated on a later one (the 2025 reorganisation of tests/fixtures/
// units_meo_vac.csv, plus a hypothetical split of Khau Vai 00790 into 00791 and 00792).
#include "analytics/grouping.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analytics/analytics_fixture.hpp"
#include "core/classifier.hpp"

namespace lnob::analytics {
namespace {

using Codes = std::vector<std::string>;
using testing::Catalog;
using testing::Hh;
using testing::Load;
using testing::Snap;

// "code name subgroup" of every group.
Codes Groups(const Grouping& g) {
  Codes out;
  for (const Group& x : g.groups) {
    out.push_back(x.unit_code + " " + x.unit_name + (x.subgroup.empty() ? "" : " " + x.subgroup));
  }
  return out;
}

// The unit code each household is counted in ("-" when unplaced).
Codes UnitOf(const Grouping& g) {
  Codes out;
  for (uint32_t i : g.of_household) out.push_back(i == kNoIndex ? "-" : g.groups[i].unit_code);
  return out;
}

// Four households of former Meo Vac district in 2024: two of the township, one of Pa Vi (with its
// village), one of Ta Lung.
std::vector<Hh> MeoVac2024() {
  return {{"H1", "00760", "", "02"},
          {"H2", "00763", "0076301", "02"},
          {"H3", "00760", "", "02"},
          {"H4", "00769", "", "02"}};
}

TEST(GroupingTest, SplitIds) {
  SplitBy b = SplitBy::kArea;
  for (SplitBy want : {SplitBy::kNone, SplitBy::kArea, SplitBy::kEthnicity, SplitBy::kSex}) {
    ASSERT_TRUE(ParseSplitBy(SplitById(want), &b));
    EXPECT_EQ(b, want);
  }
  EXPECT_FALSE(ParseSplitBy("gender", &b));
  EXPECT_EQ(SplitById(SplitBy::kEthnicity), "ethnicity");
}

TEST(GroupingTest, CommunesOnTheRoundsDateByDefault) {
  Snapshot snap = Snap(Load(MeoVac2024()));
  Grouping g = GroupHouseholds(snap, Catalog(), {UnitLevel::kCommune});
  EXPECT_EQ(g.level, UnitLevel::kCommune);
  EXPECT_EQ(g.units_on, Date{20241001});
  EXPECT_EQ(g.by, SplitBy::kNone);
  EXPECT_EQ(Groups(g), (Codes{"00760 Mèo Vạc", "00763 Pả Vi", "00769 Tả Lủng"}));
  EXPECT_EQ(UnitOf(g), (Codes{"00760", "00763", "00760", "00769"}));
  EXPECT_EQ(g.unplaced, 0u);
  EXPECT_TRUE(g.unplaced_codes.empty());

  Grouping p = GroupHouseholds(snap, Catalog(), {UnitLevel::kProvince});
  EXPECT_EQ(Groups(p), (Codes{"02 Hà Giang"}));
  EXPECT_EQ(UnitOf(p), (Codes{"02", "02", "02", "02"}));
}

TEST(GroupingTest, FormerCommunesLandInTheMergedCommuneOnALaterDate) {
  Snapshot snap = Snap(Load(MeoVac2024()));
  for (int32_t on : {20250616, 20250701, 20261231}) {
    Grouping g = GroupHouseholds(snap, Catalog(), {UnitLevel::kCommune, Date{on}});
    EXPECT_EQ(g.units_on, Date{on});
    EXPECT_EQ(Groups(g), (Codes{"00787 Mèo Vạc"})) << on;
    EXPECT_EQ(UnitOf(g), (Codes{"00787", "00787", "00787", "00787"})) << on;
    EXPECT_EQ(g.unplaced, 0u);
  }
  // Provinces: still Ha Giang until 30 June 2025, the merged Tuyen Quang from 1 July.
  Grouping june = GroupHouseholds(snap, Catalog(), {UnitLevel::kProvince, Date{20250630}});
  EXPECT_EQ(Groups(june), (Codes{"02 Hà Giang"}));
  Grouping july = GroupHouseholds(snap, Catalog(), {UnitLevel::kProvince, Date{20250701}});
  EXPECT_EQ(Groups(july), (Codes{"08 Tuyên Quang"}));
  EXPECT_EQ(UnitOf(july), (Codes{"08", "08", "08", "08"}));
}

TEST(GroupingTest, NewBoundariesOfALaterRoundStatedUnderTheOldOnes) {
  // A 2025 household of the merged commune, placed through its village on a 2024 date.
  Snapshot snap = Snap(Load({{"H1", "00787", "0076301", "08"}, {"H2", "00787", "", "08"}}));
  Grouping g = GroupHouseholds(snap, Catalog(), {UnitLevel::kCommune, Date{20241231}});
  // The village says Pa Vi; the commune alone covers four former units: not placed.
  EXPECT_EQ(UnitOf(g), (Codes{"00763", "-"}));
  EXPECT_EQ(g.unplaced, 1u);
  EXPECT_EQ(g.unplaced_codes, (Codes{"00787"}));
  // All four lay in Ha Giang.
  Grouping p = GroupHouseholds(snap, Catalog(), {UnitLevel::kProvince, Date{20241231}});
  EXPECT_EQ(UnitOf(p), (Codes{"02", "02"}));
}

TEST(GroupingTest, VillagesAreKnownOnlyThroughTheVillageCode) {
  Snapshot snap = Snap(Load({{"H1", "00763", "0076301", "02"},
                             {"H2", "00763", "", "02"},           // the commune does not say
                             {"H3", "00763", "BANMOI", "02"}}));  // not in the registry
  Grouping g = GroupHouseholds(snap, Catalog(), {UnitLevel::kVillage, Date{20250701}});
  EXPECT_EQ(UnitOf(g), (Codes{"0076301", "-", "BANMOI"}));
  EXPECT_EQ(Groups(g), (Codes{"0076301 Pả Vi Hạ", "BANMOI BANMOI"}));
  EXPECT_EQ(g.unplaced, 1u);
  EXPECT_EQ(g.unplaced_codes, (Codes{"00763"}));
}

TEST(GroupingTest, ASplitCommuneWithoutVillageCodesIsUnplaced) {
  Snapshot snap = Snap(Load({{"H1", "00790", "0079001", "02"},
                             {"H2", "00790", "", "02"},
                             {"H3", "00763", "", "02"},
                             {"H4", "00790", "", "02"}}));
  UnitCatalog c = Catalog(/*with_split=*/true);
  // Before the split: one commune.
  Grouping before = GroupHouseholds(snap, c, {UnitLevel::kCommune});
  EXPECT_EQ(UnitOf(before), (Codes{"00790", "00790", "00763", "00790"}));
  // After: the village says which part; the others cannot be placed, and are not dropped.
  Grouping after = GroupHouseholds(snap, c, {UnitLevel::kCommune, Date{20250701}});
  EXPECT_EQ(UnitOf(after), (Codes{"00791", "-", "00787", "-"}));
  EXPECT_EQ(Groups(after), (Codes{"00787 Mèo Vạc", "00791 Khâu Vai"}));
  EXPECT_EQ(after.unplaced, 2u);
  EXPECT_EQ(after.unplaced_codes, (Codes{"00790"}));
  // Both parts lie in one province: every household is placed there.
  Grouping province = GroupHouseholds(snap, c, {UnitLevel::kProvince, Date{20250701}});
  EXPECT_EQ(UnitOf(province), (Codes{"08", "08", "08", "08"}));
  EXPECT_EQ(province.unplaced, 0u);
}

TEST(GroupingTest, UnknownCodesStandForThemselves) {
  Snapshot snap = Snap(Load({{"A1", "XA-01", "TH-1", "99"},
                             {"A2", "XA-02", "", "99"},
                             {"A3", "XA-01", "TH-2", "99"},
                             {"A4", "02-NEW", "", "02"}}));  // a province the registry knows
  // Without any registry.
  Grouping g = GroupHouseholds(snap, UnitCatalog(), {UnitLevel::kCommune});
  EXPECT_EQ(Groups(g), (Codes{"02-NEW 02-NEW", "XA-01 XA-01", "XA-02 XA-02"}));
  EXPECT_EQ(UnitOf(g), (Codes{"XA-01", "XA-02", "XA-01", "02-NEW"}));
  EXPECT_EQ(UnitOf(GroupHouseholds(snap, UnitCatalog(), {UnitLevel::kProvince})),
            (Codes{"99", "99", "99", "02"}));
  EXPECT_EQ(UnitOf(GroupHouseholds(snap, UnitCatalog(), {UnitLevel::kVillage})),
            (Codes{"TH-1", "-", "TH-2", "-"}));
  // With the registry: the unknown commune keeps its code; its known province follows the merger.
  Grouping p = GroupHouseholds(snap, Catalog(), {UnitLevel::kProvince, Date{20250701}});
  EXPECT_EQ(UnitOf(p), (Codes{"99", "99", "99", "08"}));
  EXPECT_EQ(Groups(p), (Codes{"08 Tuyên Quang", "99 99"}));
  EXPECT_EQ(p.unplaced, 0u);
}

TEST(GroupingTest, SplitByArea) {
  Snapshot snap = Snap(Load({{"H1", "00760", "", "02", "near_poor", 1, "urban"},
                             {"H2", "00763", "", "02", "near_poor", 1, "rural"},
                             {"H3", "00760", "", "02", "near_poor", 1, "rural"},
                             {"H4", "00760", "", "02", "near_poor", 1, "urban"}}));
  Grouping g =
      GroupHouseholds(snap, Catalog(), {UnitLevel::kCommune, std::nullopt, SplitBy::kArea});
  EXPECT_EQ(g.by, SplitBy::kArea);
  EXPECT_EQ(Groups(g), (Codes{"00760 Mèo Vạc rural", "00760 Mèo Vạc urban", "00763 Pả Vi rural"}));
  EXPECT_EQ(g.of_household, (std::vector<uint32_t>{1, 2, 0, 1}));
}

TEST(GroupingTest, SplitByHeadsSexUnknownWithoutAHead) {
  core::Survey s = Load({{"H1", "00760", "", "02", "near_poor", 1, "rural", "female"},
                         {"H2", "00760", "", "02", "near_poor", 1, "rural", "male"},
                         {"H3", "00760", "", "02", "near_poor", 1, "rural", "female"},
                         {"H4", "00760", "", "02", "near_poor", 1, "rural", "male"}});
  // H4's only member is recorded as a spouse (a store row without a head).
  s.members.Column(core::mem::kRelation).i8[3] = 1;
  Snapshot snap = Snap(std::move(s));
  EXPECT_EQ(snap.head_sex, (std::vector<uint8_t>{1, 0, 1, kUnknownCode}));
  Grouping g = GroupHouseholds(snap, Catalog(), {UnitLevel::kCommune, std::nullopt, SplitBy::kSex});
  EXPECT_EQ(Groups(g),
            (Codes{"00760 Mèo Vạc female", "00760 Mèo Vạc male", "00760 Mèo Vạc unknown"}));
  EXPECT_EQ(g.of_household, (std::vector<uint32_t>{0, 1, 0, 2}));
}

TEST(GroupingTest, SplitByHeadsEthnicityUnknownWhenNotRecorded) {
  core::Survey s = Load({{"H1", "00760", "", "02", "near_poor", 1, "rural", "male", "hmong"},
                         {"H2", "00763", "", "02", "near_poor", 1, "rural", "male", "kinh"},
                         {"H3", "00760", "", "02", "near_poor", 1, "rural", "male", ""},
                         {"H4", "00760", "", "02", "near_poor", 1, "rural", "male", "dao"},
                         {"H5", "00760", "", "02", "near_poor", 1, "rural", "male", "hmong"}});
  s.members.Column(core::mem::kRelation).i8[3] = 6;  // H4: no head, whatever the ethnicity
  Snapshot snap = Snap(std::move(s));
  EXPECT_EQ(snap.ethnicities, (Codes{"hmong", "kinh"}));
  EXPECT_EQ(snap.head_ethnicity, (std::vector<uint32_t>{0, 1, kNoIndex, kNoIndex, 0}));
  Grouping g =
      GroupHouseholds(snap, Catalog(), {UnitLevel::kCommune, std::nullopt, SplitBy::kEthnicity});
  EXPECT_EQ(Groups(g), (Codes{"00760 Mèo Vạc hmong", "00760 Mèo Vạc unknown", "00763 Pả Vi kinh"}));
  EXPECT_EQ(g.of_household, (std::vector<uint32_t>{0, 2, 1, 1, 0}));
}

TEST(GroupingTest, EmptySnapshot) {
  Snapshot snap = Snap(Load({}));
  Grouping g = GroupHouseholds(snap, Catalog(), {UnitLevel::kCommune, std::nullopt, SplitBy::kSex});
  EXPECT_TRUE(g.groups.empty());
  EXPECT_TRUE(g.of_household.empty());
  EXPECT_EQ(g.unplaced, 0u);
}

TEST(GroupingTest, PlaceHouseholdOneByOne) {
  UnitCatalog c = Catalog();
  EXPECT_EQ(PlaceHousehold(c, "02", "00766", "", Date{20241231}, UnitLevel::kCommune), "00766");
  EXPECT_EQ(PlaceHousehold(c, "02", "00766", "", Date{20251231}, UnitLevel::kCommune), "00787");
  EXPECT_EQ(PlaceHousehold(c, "02", "00766", "", Date{20251231}, UnitLevel::kProvince), "08");
  EXPECT_EQ(PlaceHousehold(c, "02", "00763", "0076302", Date{20251231}, UnitLevel::kVillage),
            "0076302");
  // Dissolved district as a "commune": known, but nothing in force: unplaced.
  EXPECT_EQ(PlaceHousehold(c, "02", "027", "", Date{20251231}, UnitLevel::kCommune), "");
}

}  // namespace
}  // namespace lnob::analytics
