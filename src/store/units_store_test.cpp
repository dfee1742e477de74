// Administrative units in the registry, on SQLite and PostgreSQL: versions, ancestors, lineage, and
// every refusal of ImportUnits. The story is the 2025 reorganisation in former Ha Giang: Meo Vac
// commune formed on 2025-06-16 from Meo Vac township and the communes Ta Lung, Giang Chu Phin and
// Pa Vi; districts abolished and Ha Giang (02) merged into Tuyen Quang (08) on 2025-07-01. Codes
// are plausible, not official.
//
// PostgreSQL needs LNOB_TEST_PG_URL (`make test` sets it). By hand:
//   url=$(scripts/pg-test-server start /tmp/pgu)
//   LNOB_TEST_PG_URL=$url build/release/lnob_tests --gtest_filter='*UnitsStore*'
//   scripts/pg-test-server stop /tmp/pgu
#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "store/store.hpp"

namespace lnob::store {
namespace {

using Codes = std::vector<std::string>;

UnitRecord U(std::string code, std::string name, std::string kind, std::string parent,
             std::string province, int32_t from, int32_t to = 0) {
  UnitRecord u{code, name, kind, parent, province, Date{from}, std::nullopt};
  if (to != 0) u.valid_to = Date{to};
  return u;
}

std::vector<UnitRecord> MeoVacUnits() {
  return {
      U("02", "Hà Giang", "province", "", "02", 19911001, 20250630),
      U("08", "Tuyên Quang", "province", "", "08", 19911001, 20250630),
      U("08", "Tuyên Quang", "province", "", "08", 20250701),
      U("027", "Mèo Vạc", "district", "02", "02", 19911001, 20250630),
      U("00760", "Mèo Vạc", "township", "027", "02", 19911001, 20250615),
      U("00763", "Pả Vi", "commune", "027", "02", 19911001, 20250615),
      U("00766", "Giàng Chu Phìn", "commune", "027", "02", 19911001, 20250615),
      U("00769", "Tả Lủng", "commune", "027", "02", 19911001, 20250615),
      U("00787", "Mèo Vạc", "commune", "027", "02", 20250616, 20250630),
      U("00787", "Mèo Vạc", "commune", "08", "08", 20250701),
      U("0076301", "Pả Vi Hạ", "village", "00763", "02", 19911001, 20191231),
      U("0076301", "Thôn Pả Vi Hạ", "village", "00763", "02", 20200101, 20250615),
      U("0076301", "Thôn Pả Vi Hạ", "village", "00787", "02", 20250616, 20250630),
      U("0076301", "Thôn Pả Vi Hạ", "village", "00787", "08", 20250701),
  };
}

std::vector<UnitEvent> MeoVacEvents() {
  return {
      {"rename", Date{20200101}, {"0076301"}, {"0076301"}, "thêm chữ Thôn vào tên"},
      {"merge", Date{20250616}, {"00760", "00769", "00766", "00763"}, {"00787"}, "sắp xếp cấp xã"},
      {"reparent", Date{20250616}, {"0076301"}, {"0076301"}, "về xã Mèo Vạc mới"},
      {"merge", Date{20250701}, {"02", "08"}, {"08"}, "Nghị quyết 202/2025/QH15"},
      {"dissolve", Date{20250701}, {"027"}, {}, "kết thúc hoạt động cấp huyện"},
      {"reparent", Date{20250701}, {"00787"}, {"00787"}, "không còn cấp huyện"},
  };
}

class UnitsStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  // A fresh database per test. PostgreSQL: a schema of the test's own (tests run in parallel
  // processes against one server), dropped and created again, first on the search_path.
  void SetUp() override {
    std::string name = "u_";
    for (char c : std::string(::testing::UnitTest::GetInstance()->current_test_info()->name())) {
      name += std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_';
    }
    std::string url;
    if (GetParam() == "postgres") {
      const char* pg = std::getenv("LNOB_TEST_PG_URL");
      if (!pg || !*pg) GTEST_SKIP() << "LNOB_TEST_PG_URL is not set: run `make test`";
      auto db = Database::Open(pg);
      ASSERT_TRUE(db.ok()) << db.status().message();
      ASSERT_TRUE(
          (*db)->Exec("DROP SCHEMA IF EXISTS " + name + " CASCADE; CREATE SCHEMA " + name).ok());
      schema_ = name;
      url = std::string(pg) + (std::string(pg).find('?') == std::string::npos ? "?" : "&") +
            "options=-c%20search_path%3D" + name;
    } else {
      path_ = std::filesystem::path(::testing::TempDir()) / (name + "_" + std::to_string(getpid()));
      std::filesystem::remove_all(path_);
      std::filesystem::create_directories(path_);
      url = "sqlite:" + (path_ / "lnob.db").string();
    }
    auto store = Store::Open(url);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->Init().ok());
  }
  void TearDown() override {
    store_.reset();
    if (!path_.empty()) std::filesystem::remove_all(path_);
    if (schema_.empty()) return;
    if (auto db = Database::Open(std::getenv("LNOB_TEST_PG_URL")); db.ok()) {
      (void)(*db)->Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    }
  }

  void ImportMeoVac() {
    Status s = store_->ImportUnits(MeoVacUnits(), MeoVacEvents());
    ASSERT_TRUE(s.ok()) << s.message();
  }
  UnitView Show(const std::string& code, int32_t on) {
    auto v = store_->ShowUnit(code, Date{on});
    EXPECT_TRUE(v.ok()) << code << " on " << on << ": " << v.status().message();
    return v.ok() ? *v : UnitView{};
  }
  Codes On(const std::string& code, int32_t on) {
    auto c = store_->CodesOnDate(code, Date{on});
    EXPECT_TRUE(c.ok()) << c.status().message();
    return c.ok() ? *c : Codes{"error"};
  }
  static Codes Names(const std::vector<UnitRecord>& units) {
    Codes out;
    for (const auto& u : units) out.push_back(u.name + " " + u.code);
    return out;
  }
  // Expects the import to fail with `code` and a message holding every one of `texts`, and
  // nothing of it to be stored.
  void ExpectRefused(const std::vector<UnitRecord>& units, const std::vector<UnitEvent>& events,
                     ErrorCode code, const Codes& texts) {
    Status s = store_->ImportUnits(units, events);
    EXPECT_EQ(s.code(), code) << s.ToString();
    for (const auto& t : texts) EXPECT_NE(s.message().find(t), std::string::npos) << s.message();
    EXPECT_FALSE(store_->ShowUnit("99001", Date{20250801}).ok()) << "a refused import stored rows";
  }

  std::unique_ptr<Store> store_;
  std::filesystem::path path_;
  std::string schema_;
};

TEST_P(UnitsStoreTest, MeoVacTownshipTheDayBeforeTheMerger) {
  ImportMeoVac();
  UnitView v = Show("00760", 20250615);
  EXPECT_EQ(v.unit.name, "Mèo Vạc");
  EXPECT_EQ(v.unit.kind, "township");
  EXPECT_EQ(Names(v.ancestors), (Codes{"Mèo Vạc 027", "Hà Giang 02"}));
  EXPECT_TRUE(v.came_from.empty());
  ASSERT_EQ(v.became.size(), 1u);
  EXPECT_EQ(v.became[0].kind, "merge");
  EXPECT_EQ(v.became[0].date, Date{20250616});
  EXPECT_EQ(v.became[0].from, (Codes{"00760", "00763", "00766", "00769"}));
  EXPECT_EQ(v.became[0].to, (Codes{"00787"}));
  auto gone = store_->ShowUnit("00760", Date{20250616});
  EXPECT_EQ(gone.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(gone.status().message().find("1991-10-01 to 2025-06-15"), std::string::npos)
      << gone.status().message();
}

TEST_P(UnitsStoreTest, MeoVacCommuneFromTheDayOfTheMerger) {
  ImportMeoVac();
  UnitView v = Show("00787", 20250616);
  EXPECT_EQ(v.unit.kind, "commune");
  EXPECT_EQ(v.unit.valid_to, Date{20250630});
  EXPECT_EQ(Names(v.ancestors), (Codes{"Mèo Vạc 027", "Hà Giang 02"}));
  ASSERT_EQ(v.came_from.size(), 1u);
  EXPECT_EQ(v.came_from[0].from, (Codes{"00760", "00763", "00766", "00769"}));
  EXPECT_EQ(v.came_from[0].note, "sắp xếp cấp xã");
  EXPECT_EQ(store_->ShowUnit("00787", Date{20250615}).status().code(), ErrorCode::kNotFound);
  // Old figures under the new boundaries, and new figures under the old ones.
  EXPECT_EQ(On("00787", 20241231), (Codes{"00760", "00763", "00766", "00769"}));
  EXPECT_EQ(On("00769", 20251231), (Codes{"00787"}));
  EXPECT_EQ(On("00769", 20250616), (Codes{"00787"}));
  EXPECT_EQ(On("00769", 20250615), (Codes{"00769"}));
  EXPECT_EQ(On("00787", 20251231), (Codes{"00787"}));
  EXPECT_EQ(store_->CodesOnDate("99999", Date{20250101}).status().code(), ErrorCode::kNotFound);
}

TEST_P(UnitsStoreTest, RenameKeepsTheCodeAndTheTerritory) {
  ImportMeoVac();
  EXPECT_EQ(Show("0076301", 20191231).unit.name, "Pả Vi Hạ");
  UnitView after = Show("0076301", 20200101);
  EXPECT_EQ(after.unit.name, "Thôn Pả Vi Hạ");
  ASSERT_FALSE(after.came_from.empty());
  EXPECT_EQ(after.came_from[0].kind, "rename");
  EXPECT_EQ(Show("0076301", 20191231).became[0].kind, "rename");
  EXPECT_EQ(On("0076301", 20150101), (Codes{"0076301"}));
  EXPECT_EQ(On("0076301", 20250101), (Codes{"0076301"}));
}

TEST_P(UnitsStoreTest, ReparentWhenDistrictsWereAbolished) {
  ImportMeoVac();
  EXPECT_EQ(Names(Show("00787", 20250630).ancestors), (Codes{"Mèo Vạc 027", "Hà Giang 02"}));
  UnitView v = Show("00787", 20250701);
  EXPECT_EQ(v.unit.parent_code, "08");
  EXPECT_EQ(Names(v.ancestors), (Codes{"Tuyên Quang 08"}));
  EXPECT_EQ(v.came_from.back().kind, "reparent");
  EXPECT_TRUE(v.became.empty());
  EXPECT_EQ(Names(Show("0076301", 20250701).ancestors), (Codes{"Mèo Vạc 00787", "Tuyên Quang 08"}));
  EXPECT_EQ(*store_->ProvinceOf("00787", Date{20250630}), "02");
  EXPECT_EQ(*store_->ProvinceOf("00787", Date{20250701}), "08");
  EXPECT_EQ(store_->ProvinceOf("00760", Date{20250701}).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store_->ShowUnit("027", Date{20250701}).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Show("027", 20250630).became[0].kind, "dissolve");
  EXPECT_EQ(On("027", 20251231), Codes{});  // dissolved into nothing the lineage records
}

TEST_P(UnitsStoreTest, ProvinceMergerKeepsTheCodeOfTuyenQuang) {
  ImportMeoVac();
  UnitView old_hg = Show("02", 20250630);
  ASSERT_EQ(old_hg.became.size(), 1u);
  EXPECT_EQ(old_hg.became[0].to, (Codes{"08"}));
  UnitView tq = Show("08", 20250701);
  ASSERT_EQ(tq.came_from.size(), 1u);
  EXPECT_EQ(tq.came_from[0].from, (Codes{"02", "08"}));
  EXPECT_TRUE(tq.became.empty());
  UnitView old_tq = Show("08", 20250630);
  EXPECT_TRUE(old_tq.came_from.empty());
  ASSERT_EQ(old_tq.became.size(), 1u);
  EXPECT_EQ(On("02", 20251231), (Codes{"08"}));
  EXPECT_EQ(On("02", 20200101), (Codes{"02"}));
  EXPECT_EQ(On("08", 20200101), (Codes{"08"}));  // by code: 08 was in force then
}

TEST_P(UnitsStoreTest, LineageIsFollowedThroughSeveralSteps) {
  ImportMeoVac();
  // A hypothetical later merger of the new commune with Pa Vi's neighbour, for the recursion.
  ASSERT_TRUE(store_
                  ->ImportUnits({U("00787", "Mèo Vạc", "commune", "08", "08", 20250701, 20291231),
                                 U("00790", "Khâu Vai", "commune", "08", "08", 20250701, 20291231),
                                 U("99001", "Mèo Vạc - Khâu Vai", "commune", "08", "08", 20300101)},
                                {{"merge", Date{20300101}, {"00787", "00790"}, {"99001"}, ""}})
                  .ok());
  EXPECT_EQ(On("99001", 20241231), (Codes{"00760", "00763", "00766", "00769"}));
  EXPECT_EQ(On("99001", 20250801), (Codes{"00787", "00790"}));
  EXPECT_EQ(On("00763", 20300101), (Codes{"99001"}));
}

TEST_P(UnitsStoreTest, ClosingAnOpenVersionThenAddingTheNext) {
  ASSERT_TRUE(
      store_->ImportUnits({U("08", "Tuyên Quang", "province", "", "08", 19911001)}, {}).ok());
  Status s = store_->ImportUnits({U("08", "Tuyên Quang", "province", "", "08", 19911001, 20250630),
                                  U("08", "Tuyên Quang", "province", "", "08", 20250701)},
                                 {});
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(Show("08", 20250630).unit.valid_to, Date{20250630});
  EXPECT_EQ(Show("08", 20250701).unit.valid_from, Date{20250701});
}

TEST_P(UnitsStoreTest, EveryImportErrorIsRefusedAndNothingIsStored) {
  ImportMeoVac();
  const UnitRecord ok = U("99001", "Bản Mới", "village", "00787", "08", 20250801);
  const ErrorCode kBad = ErrorCode::kInvalidArgument;
  ExpectRefused({ok, U("00760", "Mèo Vạc", "township", "027", "02", 19911001, 20250615)}, {},
                ErrorCode::kAlreadyExists, {"00760", "1991-10-01"});
  ExpectRefused({ok, U("99002", "Lũng Cú", "commune", "999", "02", 20200101)}, {}, kBad,
                {"99002", "parent 999", "2020-01-01"});
  ExpectRefused({ok, U("99002", "Lũng Cú", "commune", "027", "08", 20250701)}, {}, kBad,
                {"parent 027", "not in force on 2025-07-01"});
  ExpectRefused({ok, U("99002", "Lũng Cú", "commune", "00787", "08", 20250801, 20250731)}, {}, kBad,
                {"99002", "before valid_from"});
  ExpectRefused({ok, U("00760", "Mèo Vạc", "township", "027", "02", 20250101)}, {}, kBad,
                {"00760", "overlaps", "1991-10-01 to 2025-06-15"});
  ExpectRefused({ok, U("99002", "A", "village", "00787", "08", 20250801),
                 U("99002", "B", "village", "00787", "08", 20250901)},
                {}, kBad, {"99002", "overlaps"});
  ExpectRefused({ok}, {{"merge", Date{20250801}, {"00760", "00763"}, {"99001"}, ""}}, kBad,
                {"00760", "not in force on 2025-07-31"});
  ExpectRefused({ok}, {{"create", Date{20250801}, {}, {"99003"}, ""}}, kBad,
                {"99003", "not in force on 2025-08-01"});
  ExpectRefused({ok}, {{"annex", Date{20250801}, {}, {"99001"}, ""}}, kBad, {"annex", "merge"});
  ExpectRefused({ok}, {{"create", Date{20250801}, {}, {}, ""}}, kBad, {"names no unit"});
  ExpectRefused({ok}, {{"create", Date{20250801}, {}, {"99001", "99001"}, ""}}, kBad, {"twice"});
  ExpectRefused({ok}, {MeoVacEvents()[1]}, ErrorCode::kAlreadyExists, {"merge on 2025-06-16"});
  // What was there before the refusals is intact.
  EXPECT_EQ(Show("00787", 20250616).came_from.size(), 1u);
  EXPECT_EQ(Show("08", 20250701).came_from.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, UnitsStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace lnob::store
