// The SQL layer (store/sql.hpp) behaves the same on SQLite and PostgreSQL.
//
// The PostgreSQL cases need a server: `make test` starts a throwaway one and sets
// LNOB_TEST_PG_URL; without it they are skipped. By hand:
//   url=$(scripts/pg-test-server start /tmp/pgt)
//   LNOB_TEST_PG_URL=$url build/release/lnob_tests --gtest_filter='*Sql*'
//   scripts/pg-test-server stop /tmp/pgt
#include "store/sql.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lnob::store {
namespace {

#define ASSERT_OK(expr)                                        \
  do {                                                         \
    const auto& lnob_s_ = (expr);                              \
    ASSERT_TRUE(lnob_s_.ok()) << StatusOf(lnob_s_).ToString(); \
  } while (0)

const Status& StatusOf(const Status& s) {
  return s;
}
template <typename T>
const Status& StatusOf(const Result<T>& r) {
  return r.status();
}

constexpr const char* kSkipMessage =
    "LNOB_TEST_PG_URL is not set: run `make test`, which starts a throwaway PostgreSQL";
constexpr const char* kVietnameseName = "Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b H\xc3\xa0";  // NFC

const char* PgUrl() {
  const char* url = std::getenv("LNOB_TEST_PG_URL");
  return url && *url ? url : nullptr;
}

enum class Backend { kSqlite, kPostgres };

// A fresh database per test and a table name of its own (dropped first, in case a previous
// run was killed half-way): tests run in parallel processes against one PostgreSQL.
class SqlTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    table_ = "sqltest_";
    for (char c : name)
      table_ += std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_';
    if (GetParam() == Backend::kPostgres) {
      if (!PgUrl()) GTEST_SKIP() << kSkipMessage;
      auto db = OpenPostgres(PgUrl());
      ASSERT_OK(db);
      db_ = std::move(*db);
    } else {
      path_ = (std::filesystem::path(::testing::TempDir()) /
               (table_ + "_" + std::to_string(getpid()) + ".db"))
                  .string();
      RemoveFiles();
      auto db = OpenSqlite(path_);
      ASSERT_OK(db);
      db_ = std::move(*db);
    }
    ASSERT_OK(
        db_->Exec("DROP TABLE IF EXISTS " + table_ + "; DROP TABLE IF EXISTS " + table_ + "_b"));
  }

  void TearDown() override {
    if (db_)
      (void)db_->Exec("DROP TABLE IF EXISTS " + table_ + "; DROP TABLE IF EXISTS " + table_ + "_b");
    db_.reset();
    if (!path_.empty()) RemoveFiles();
  }

  void RemoveFiles() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::error_code ec;
      std::filesystem::remove(path_ + suffix, ec);
    }
  }

  std::unique_ptr<Statement> Prep(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st.ok()) << st.status().ToString() << " in " << sql;
    return st.ok() ? std::move(*st) : nullptr;
  }

  // The first column of the first row of `sql`, as an integer (-999 when there is no row).
  int64_t Int(const std::string& sql) {
    auto st = Prep(sql);
    if (!st) return -999;
    auto row = st->Next();
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    return row.ok() && *row ? st->ColumnInt(0) : -999;
  }

  int64_t Count() { return Int("SELECT COUNT(*) FROM " + table_); }

  std::unique_ptr<Database> db_;
  std::string table_;
  std::string path_;
};

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

INSTANTIATE_TEST_SUITE_P(Backends, SqlTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

TEST_P(SqlTest, DialectMatchesBackend) {
  EXPECT_EQ(db_->dialect(), GetParam() == Backend::kSqlite ? Dialect::kSqlite : Dialect::kPostgres);
}

TEST_P(SqlTest, IntsRoundTrip) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY, v BIGINT)"));
  const std::vector<int64_t> values = {
      0, 1, -1, 2147483647, 2147483648LL, 5000000000LL, -5000000000LL, INT64_MAX, INT64_MIN};
  auto ins = Prep("INSERT INTO " + table_ + " (id, v) VALUES (?, ?)");
  ASSERT_TRUE(ins);
  for (size_t i = 0; i < values.size(); ++i) {
    ins->BindInt(1, static_cast<int64_t>(i));
    ins->BindInt(2, values[i]);
    ASSERT_OK(ins->Run());
    ins->Reset();
  }
  auto sel = Prep("SELECT v FROM " + table_ + " ORDER BY id");
  ASSERT_TRUE(sel);
  for (int64_t want : values) {
    auto row = sel->Next();
    ASSERT_OK(row);
    ASSERT_TRUE(*row);
    EXPECT_FALSE(sel->ColumnIsNull(0));
    EXPECT_EQ(sel->ColumnInt(0), want);
  }
  auto end = sel->Next();
  ASSERT_OK(end);
  EXPECT_FALSE(*end);
  // A bound value takes part in arithmetic as a number.
  EXPECT_EQ(Int("SELECT COUNT(*) FROM " + table_ + " WHERE v > 2147483647"), 3);
}

TEST_P(SqlTest, RealsRoundTripExactly) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY, r DOUBLE PRECISION)"));
  const std::vector<double> values = {0.0, 0.1, -2.5, 1.0 / 3.0, 1e300, -1e-300, 123456789.125};
  auto ins = Prep("INSERT INTO " + table_ + " (id, r) VALUES (?, ?)");
  ASSERT_TRUE(ins);
  for (size_t i = 0; i < values.size(); ++i) {
    ins->BindInt(1, static_cast<int64_t>(i));
    ins->BindReal(2, values[i]);
    ASSERT_OK(ins->Run());
    ins->Reset();
  }
  auto sel = Prep("SELECT r FROM " + table_ + " ORDER BY id");
  ASSERT_TRUE(sel);
  for (double want : values) {
    auto row = sel->Next();
    ASSERT_OK(row);
    ASSERT_TRUE(*row);
    EXPECT_EQ(sel->ColumnReal(0), want);
  }
}

TEST_P(SqlTest, VietnameseTextRoundTrips) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY, name TEXT)"));
  auto ins = Prep("INSERT INTO " + table_ + " (id, name) VALUES (?, ?)");
  ASSERT_TRUE(ins);
  ins->BindInt(1, 1);
  ins->BindText(2, kVietnameseName);
  ASSERT_OK(ins->Run());
  // Found by an equal bound value, 13 characters (not 18 bytes) as the server sees it.
  auto sel = Prep("SELECT name, LENGTH(name) FROM " + table_ + " WHERE name = ?");
  ASSERT_TRUE(sel);
  sel->BindText(1, kVietnameseName);
  auto row = sel->Next();
  ASSERT_OK(row);
  ASSERT_TRUE(*row);
  EXPECT_EQ(sel->ColumnText(0), kVietnameseName);
  EXPECT_EQ(sel->ColumnInt(1), 13);
}

TEST_P(SqlTest, EmptyStringIsNotNull) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY, v TEXT)"));
  auto ins = Prep("INSERT INTO " + table_ + " (id, v) VALUES (?, ?)");
  ASSERT_TRUE(ins);
  ins->BindInt(1, 1);
  ins->BindText(2, "");
  ASSERT_OK(ins->Run());
  ins->Reset();
  ins->BindInt(1, 2);
  ins->BindNull(2);
  ASSERT_OK(ins->Run());
  ins->Reset();
  ins->BindInt(1, 3);  // never bound: NULL
  ASSERT_OK(ins->Run());
  auto sel = Prep("SELECT v FROM " + table_ + " ORDER BY id");
  ASSERT_TRUE(sel);
  for (bool want_null : {false, true, true}) {
    auto row = sel->Next();
    ASSERT_OK(row);
    ASSERT_TRUE(*row);
    EXPECT_EQ(sel->ColumnIsNull(0), want_null);
    EXPECT_EQ(sel->ColumnText(0), "");
  }
  EXPECT_EQ(Int("SELECT COUNT(*) FROM " + table_ + " WHERE v IS NULL"), 2);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM " + table_ + " WHERE v = ''"), 1);
}

TEST_P(SqlTest, QuestionMarksInLiteralsAreNotPlaceholders) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ + " (id BIGINT, \"odd?name\" TEXT)"));
  auto ins = Prep("INSERT INTO " + table_ +
                  " (id, \"odd?name\") -- a comment with ? and ' in it\n"
                  " VALUES (?, 'it''s ? or ?' || ?)");
  ASSERT_TRUE(ins);
  ins->BindInt(1, 7);
  ins->BindText(2, "!");
  ASSERT_OK(ins->Run());
  auto sel = Prep("SELECT \"odd?name\", '?' FROM " + table_ + " WHERE id = ?");
  ASSERT_TRUE(sel);
  sel->BindInt(1, 7);
  auto row = sel->Next();
  ASSERT_OK(row);
  ASSERT_TRUE(*row);
  EXPECT_EQ(sel->ColumnText(0), "it's ? or ?!");
  EXPECT_EQ(sel->ColumnText(1), "?");
}

TEST_P(SqlTest, QueryWithNoRows) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY)"));
  auto sel = Prep("SELECT id FROM " + table_ + " WHERE id > ?");
  ASSERT_TRUE(sel);
  sel->BindInt(1, 0);
  auto row = sel->Next();
  ASSERT_OK(row);
  EXPECT_FALSE(*row);
}

TEST_P(SqlTest, ManyRowsAndInterleavedStatements) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY, v BIGINT)"));
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ + "_b (id BIGINT PRIMARY KEY, v BIGINT)"));
  constexpr int kRows = 20000;
  ASSERT_OK(db_->Begin());
  auto ins = Prep("INSERT INTO " + table_ + " (id, v) VALUES (?, ?)");
  ASSERT_TRUE(ins);
  for (int i = 0; i < kRows; ++i) {
    ins->Reset();  // SQLite ignores bindings made after a run until the statement is reset
    ins->BindInt(1, i);
    ins->BindInt(2, int64_t{i} * 3);
    ASSERT_OK(ins->Run());
  }
  ASSERT_OK(db_->Commit());

  // While one statement reads, others write and read on the same connection.
  auto sel = Prep("SELECT id, v FROM " + table_ + " ORDER BY id");
  auto copy = Prep("INSERT INTO " + table_ + "_b (id, v) VALUES (?, ?)");
  ASSERT_TRUE(sel && copy);
  int64_t n = 0;
  ASSERT_OK(db_->Begin());
  while (true) {
    auto row = sel->Next();
    ASSERT_OK(row);
    if (!*row) break;
    ASSERT_EQ(sel->ColumnInt(0), n);
    ASSERT_EQ(sel->ColumnInt(1), n * 3);
    if (n % 1000 == 0) {
      copy->Reset();
      copy->BindInt(1, sel->ColumnInt(0));
      copy->BindInt(2, sel->ColumnInt(1));
      ASSERT_OK(copy->Run());
      EXPECT_EQ(Int("SELECT COUNT(*) FROM " + table_ + "_b"), n / 1000 + 1);
    }
    ++n;
  }
  ASSERT_OK(db_->Commit());
  EXPECT_EQ(n, kRows);
  EXPECT_EQ(Int("SELECT SUM(v) FROM " + table_), int64_t{3} * kRows * (kRows - 1) / 2);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM " + table_ + "_b"), kRows / 1000);
}

TEST_P(SqlTest, ResetAndRunAgainWithNewBindings) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ +
                      " (id BIGINT PRIMARY KEY, name TEXT);"
                      "INSERT INTO " +
                      table_ + " VALUES (1, 'one'), (2, 'two'), (3, 'three')"));
  auto sel = Prep("SELECT name FROM " + table_ + " WHERE id >= ? ORDER BY id");
  ASSERT_TRUE(sel);
  sel->BindInt(1, 1);
  auto row = sel->Next();
  ASSERT_OK(row);
  ASSERT_TRUE(*row);
  EXPECT_EQ(sel->ColumnText(0), "one");
  sel->Reset();  // in the middle of the rows
  sel->BindInt(1, 3);
  row = sel->Next();
  ASSERT_OK(row);
  ASSERT_TRUE(*row);
  EXPECT_EQ(sel->ColumnText(0), "three");
  row = sel->Next();
  ASSERT_OK(row);
  EXPECT_FALSE(*row);
  // After the last row, the next Next() runs the statement again with the same bindings.
  row = sel->Next();
  ASSERT_OK(row);
  ASSERT_TRUE(*row);
  EXPECT_EQ(sel->ColumnText(0), "three");
  sel->Reset();
  sel->BindInt(1, 2);
  int n = 0;
  while (true) {
    auto r = sel->Next();
    ASSERT_OK(r);
    if (!*r) break;
    ++n;
  }
  EXPECT_EQ(n, 2);
}

TEST_P(SqlTest, CommitKeepsAndRollbackDrops) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY)"));
  auto ins = Prep("INSERT INTO " + table_ + " (id) VALUES (?)");
  ASSERT_TRUE(ins);
  ASSERT_OK(db_->Begin());
  for (int i = 1; i <= 3; ++i) {
    ins->Reset();
    ins->BindInt(1, i);
    ASSERT_OK(ins->Run());
  }
  ASSERT_OK(db_->Commit());
  ASSERT_OK(db_->Begin());
  for (int i = 10; i <= 12; ++i) {
    ins->Reset();
    ins->BindInt(1, i);
    ASSERT_OK(ins->Run());
  }
  EXPECT_EQ(Count(), 6);
  ASSERT_OK(db_->Rollback());
  EXPECT_EQ(Count(), 3);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM " + table_ + " WHERE id >= 10"), 0);

  // InTransaction rolls back when the work fails.
  Status s = InTransaction(*db_, [&]() -> Status {
    ins->Reset();
    ins->BindInt(1, 20);
    RETURN_IF_ERROR(ins->Run());
    return InvalidArgument("changed my mind");
  });
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Count(), 3);
}

TEST_P(SqlTest, UniqueViolationIsAlreadyExistsWithoutTheValue) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ + " (name TEXT PRIMARY KEY, note TEXT NOT NULL)"));
  auto ins = Prep("INSERT INTO " + table_ + " (name, note) VALUES (?, ?)");
  ASSERT_TRUE(ins);
  ins->BindText(1, kVietnameseName);
  ins->BindText(2, "first");
  ASSERT_OK(ins->Run());
  ins->Reset();
  ins->BindText(1, kVietnameseName);
  ins->BindText(2, "second");
  Status s = ins->Run();
  EXPECT_EQ(s.code(), ErrorCode::kAlreadyExists) << s.ToString();
  EXPECT_EQ(s.message().find(kVietnameseName), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("second"), std::string::npos) << s.message();
  // Another constraint: InvalidArgument, and the row is not quoted either.
  ins->Reset();
  ins->BindText(1, "secret-citizen-id-001");
  ins->BindNull(2);
  s = ins->Run();
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  EXPECT_EQ(s.message().find("secret-citizen-id-001"), std::string::npos) << s.message();
  EXPECT_EQ(Count(), 1);
}

// 100,000 rows with every character that COPY's text format escapes, NULLs, and look-alikes of
// its NULL marker (\N) and end marker (\.), read back exactly.
std::string BulkText(int i) {
  static const char* const kParts[] = {"plain",
                                       "tab\there",
                                       "new\nline",
                                       "back\\slash",
                                       "quote'single",
                                       "quote\"double",
                                       "cr\rlf\r\n",
                                       "\\N",
                                       "\\.",
                                       kVietnameseName,
                                       "",
                                       "ends\\",
                                       "\t",
                                       "?",
                                       "'; DROP TABLE x; --"};
  std::string s = kParts[i % 15];
  if (i % 7 != 0) s += std::to_string(i);
  return s;
}

TEST_P(SqlTest, BulkInsertRoundTripsAwkwardText) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ +
                      " (id BIGINT PRIMARY KEY, name TEXT, n BIGINT, r DOUBLE PRECISION)"));
  constexpr int kRows = 100000;
  auto value = [](int i) { return int64_t{i} * 1000003 - (int64_t{1} << 40); };
  ASSERT_OK(db_->Begin());
  auto bulk = db_->Bulk(table_, {"id", "name", "n", "r"});
  ASSERT_OK(bulk);
  for (int i = 0; i < kRows; ++i) {
    (*bulk)->Int(i);
    if (i % 11 == 3) {
      (*bulk)->Null();
    } else {
      (*bulk)->Text(BulkText(i));
    }
    if (i % 13 == 5) {
      (*bulk)->Null();
    } else {
      (*bulk)->Int(value(i));
    }
    (*bulk)->Real(i * 0.25 - 1000.5);
    ASSERT_OK((*bulk)->EndRow());
  }
  ASSERT_OK((*bulk)->Finish());
  ASSERT_OK(db_->Commit());

  auto sel = Prep("SELECT id, name, n, r FROM " + table_ + " ORDER BY id");
  ASSERT_TRUE(sel);
  int i = 0;
  while (true) {
    auto row = sel->Next();
    ASSERT_OK(row);
    if (!*row) break;
    ASSERT_EQ(sel->ColumnInt(0), i);
    if (i % 11 == 3) {
      ASSERT_TRUE(sel->ColumnIsNull(1)) << "row " << i;
    } else {
      ASSERT_FALSE(sel->ColumnIsNull(1)) << "row " << i;
      ASSERT_EQ(sel->ColumnText(1), BulkText(i)) << "row " << i;
    }
    if (i % 13 == 5) {
      ASSERT_TRUE(sel->ColumnIsNull(2)) << "row " << i;
    } else {
      ASSERT_EQ(sel->ColumnInt(2), value(i)) << "row " << i;
    }
    ASSERT_EQ(sel->ColumnReal(3), i * 0.25 - 1000.5) << "row " << i;
    ++i;
  }
  EXPECT_EQ(i, kRows);
}

TEST_P(SqlTest, BulkInsertInterleavedWithQueries) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY, name TEXT)"));
  ASSERT_OK(db_->Begin());
  auto bulk = db_->Bulk(table_, {"id", "name"});
  ASSERT_OK(bulk);
  for (int i = 0; i < 30000; ++i) {
    (*bulk)->Int(i);
    (*bulk)->Text(BulkText(i));
    ASSERT_OK((*bulk)->EndRow());
    if (i % 10000 == 5000) {
      EXPECT_EQ(Int("SELECT 40 + 2"), 42);
    }
  }
  ASSERT_OK((*bulk)->Finish());
  ASSERT_OK(db_->Commit());
  EXPECT_EQ(Count(), 30000);
}

TEST_P(SqlTest, BulkInsertDuplicateFailsAndSavesNothing) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY)"));
  Status s = InTransaction(*db_, [&]() -> Status {
    ASSIGN_OR_RETURN(auto bulk, db_->Bulk(table_, {"id"}));
    for (int i : {1, 2, 3, 2, 4}) {
      bulk->Int(i);
      RETURN_IF_ERROR(bulk->EndRow());
    }
    return bulk->Finish();
  });
  EXPECT_EQ(s.code(), ErrorCode::kAlreadyExists) << s.ToString();
  EXPECT_EQ(Count(), 0);
}

TEST_P(SqlTest, ExecRunsScripts) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ +
                      " (id BIGINT PRIMARY KEY, v TEXT);\n"
                      "INSERT INTO " +
                      table_ +
                      " VALUES (1, 'a; b');\n"
                      "-- a comment\n"
                      "INSERT INTO " +
                      table_ + " VALUES (2, 'c');"));
  EXPECT_EQ(Count(), 2);
  Status bad = db_->Exec("SELECT * FROM " + table_ + "_does_not_exist");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(Count(), 2);  // the connection is still usable
}

TEST_P(SqlTest, StatementsMayOutliveTheDatabase) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ +
                      " (id BIGINT PRIMARY KEY);"
                      "INSERT INTO " +
                      table_ + " VALUES (1), (2), (3)"));
  auto sel = Prep("SELECT id FROM " + table_ + " ORDER BY id");
  ASSERT_TRUE(sel);
  auto row = sel->Next();
  ASSERT_OK(row);
  ASSERT_TRUE(*row);
  db_.reset();
  sel.reset();  // no crash, no leak (checked under AddressSanitizer)
  auto db = GetParam() == Backend::kSqlite ? OpenSqlite(path_) : OpenPostgres(PgUrl());
  ASSERT_OK(db);
  db_ = std::move(*db);  // for TearDown
}

TEST_P(SqlTest, IntegrityCheckOnAHealthyDatabase) {
  ASSERT_OK(db_->Exec("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY)"));
  auto problems = db_->IntegrityCheck();
  ASSERT_OK(problems);
  EXPECT_TRUE(problems->empty()) << (*problems)[0];
}

}  // namespace
}  // namespace lnob::store
