// What only the PostgreSQL backend does: connection errors, durability checks, a lost connection,
// PostgreSQL's own quoting. Needs LNOB_TEST_PG_URL (set by `make test`); see store/sql_test.cpp.
#include "store/postgres/postgres_db.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "store/sql.hpp"

namespace lnob::store {
namespace {

const char* PgUrl() {
  const char* url = std::getenv("LNOB_TEST_PG_URL");
  return url && *url ? url : nullptr;
}

class PostgresSqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!PgUrl()) {
      GTEST_SKIP() << "LNOB_TEST_PG_URL is not set: run `make test`, which starts a throwaway "
                      "PostgreSQL";
    }
    db_ = Open(PgUrl());
    ASSERT_TRUE(db_);
    ASSERT_TRUE(db_->Exec("DROP TABLE IF EXISTS " + table_).ok());
  }
  void TearDown() override {
    if (db_) (void)db_->Exec("DROP TABLE IF EXISTS " + table_);
  }

  static std::unique_ptr<Database> Open(const std::string& url) {
    auto db = OpenPostgres(url);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(*db) : nullptr;
  }

  std::string Text(Database& db, const std::string& sql) {
    auto st = db.Prepare(sql);
    EXPECT_TRUE(st.ok()) << st.status().ToString();
    if (!st.ok()) return "<error>";
    auto row = (*st)->Next();
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    return row.ok() && *row ? std::string((*st)->ColumnText(0)) : "<no row>";
  }

  std::unique_ptr<Database> db_;
  std::string table_ =
      "pgtest_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name());
};

TEST(PostgresSqlOpenTest, WrongPortFailsClearlyWithoutThePassword) {
  // Nothing listens on port 1: no server is needed for this test.
  auto db = OpenPostgres("postgresql://lnob:S3cret-Pw@127.0.0.1:1/lnob_test");
  ASSERT_FALSE(db.ok());
  const std::string& m = db.status().message();
  EXPECT_EQ(db.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(m.find("cannot connect to PostgreSQL"), std::string::npos) << m;
  EXPECT_NE(m.find("127.0.0.1"), std::string::npos) << m;
  EXPECT_NE(m.find("port 1"), std::string::npos) << m;
  EXPECT_EQ(m.find("S3cret-Pw"), std::string::npos) << m;

  auto bad = OpenPostgres("postgresql://lnob:S3cret-Pw@127.0.0.1:1/lnob_test?sslmode=S3cret-Pw");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().find("S3cret-Pw"), std::string::npos) << bad.status().message();

  auto db2 = Database::Open("postgres://lnob:S3cret-Pw@127.0.0.1:1/lnob_test");
  ASSERT_FALSE(db2.ok());
  EXPECT_EQ(db2.status().message().find("S3cret-Pw"), std::string::npos);
  auto other = Database::Open("mysql://lnob:S3cret-Pw@127.0.0.1/x");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().message().find("S3cret-Pw"), std::string::npos);
}

TEST(PostgresSqlOpenTest, PlaceholderRewriting) {
  int n = 0;
  EXPECT_EQ(pg::RewritePlaceholders("SELECT ? + ?", &n), "SELECT $1 + $2");
  EXPECT_EQ(n, 2);
  EXPECT_EQ(pg::RewritePlaceholders("SELECT '?''?', \"a?\"\"b\", ? -- ?\n, ?", &n),
            "SELECT '?''?', \"a?\"\"b\", $1 -- ?\n, $2");
  EXPECT_EQ(pg::RewritePlaceholders("SELECT E'\\'?', $$?$$, $t$ ? $t$, ? /* ? /* ? */ ? */", &n),
            "SELECT E'\\'?', $$?$$, $t$ ? $t$, $1 /* ? /* ? */ ? */");
  EXPECT_EQ(n, 1);
  EXPECT_EQ(pg::RewritePlaceholders("SELECT ?2, ?, ?1", &n), "SELECT $2, $3, $1");
  EXPECT_EQ(n, 3);
  EXPECT_EQ(pg::RewritePlaceholders("SELECT 'unclosed ?", &n), "SELECT 'unclosed ?");
  EXPECT_EQ(n, 0);
}

TEST(PostgresSqlOpenTest, CopyEscaping) {
  std::string out;
  pg::AppendCopyText(&out, "a\\b\tc\nd\re");
  EXPECT_EQ(out, "a\\\\b\\tc\\nd\\re");
  EXPECT_EQ(pg::FormatReal(0.1), "0.1");
  EXPECT_EQ(pg::FormatReal(-1.0 / 0.0), "-Infinity");
}

TEST_F(PostgresSqlTest, UsesUtf8AndIsDurable) {
  EXPECT_EQ(Text(*db_, "SHOW client_encoding"), "UTF8");
  EXPECT_EQ(Text(*db_, "SHOW server_encoding"), "UTF8");
  EXPECT_EQ(Text(*db_, "SHOW fsync"), "on");
}

TEST_F(PostgresSqlTest, RefusesSynchronousCommitOff) {
  std::string url = PgUrl();
  url += (url.find('?') == std::string::npos ? "?" : "&");
  url += "options=-c%20synchronous_commit%3Doff";
  auto db = OpenPostgres(url);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("synchronous_commit"), std::string::npos);
}

TEST_F(PostgresSqlTest, PostgresQuotingIsNotPlaceholders) {
  auto st = db_->Prepare("SELECT E'it\\'s ?', $$?$$, ? /* ? */ , $x$ ? $x$");
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  (*st)->BindText(1, "bound");
  auto row = (*st)->Next();
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  ASSERT_TRUE(*row);
  EXPECT_EQ((*st)->ColumnText(0), "it's ?");
  EXPECT_EQ((*st)->ColumnText(1), "?");
  EXPECT_EQ((*st)->ColumnText(2), "bound");
  EXPECT_EQ((*st)->ColumnText(3), " ? ");
}

TEST_F(PostgresSqlTest, BooleansReadAsOneAndZero) {
  auto st = db_->Prepare("SELECT 1 = 1, 1 = 2, 2.50::numeric");
  ASSERT_TRUE(st.ok());
  auto row = (*st)->Next();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ((*st)->ColumnInt(0), 1);
  EXPECT_EQ((*st)->ColumnInt(1), 0);
  EXPECT_EQ((*st)->ColumnReal(2), 2.5);
}

TEST_F(PostgresSqlTest, BadValueErrorDoesNotQuoteIt) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE " + table_ + " (n BIGINT)").ok());
  auto st = db_->Prepare("INSERT INTO " + table_ + " (n) VALUES (?)");
  ASSERT_TRUE(st.ok());
  (*st)->BindText(1, "079123456789-secret");
  Status s = (*st)->Run();
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument) << s.ToString();
  EXPECT_EQ(s.message().find("079123456789"), std::string::npos) << s.message();
}

TEST_F(PostgresSqlTest, CommitAfterAFailedStatementSaysNothingWasSaved) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY)").ok());
  ASSERT_TRUE(db_->Begin().ok());
  ASSERT_TRUE(db_->Exec("INSERT INTO " + table_ + " VALUES (1)").ok());
  EXPECT_FALSE(db_->Exec("INSERT INTO " + table_ + " VALUES (1)").ok());
  Status s = db_->Commit();
  EXPECT_EQ(s.code(), ErrorCode::kFailedPrecondition) << s.ToString();
  EXPECT_EQ(Text(*db_, "SELECT COUNT(*) FROM " + table_), "0");
  EXPECT_EQ(db_->Commit().code(), ErrorCode::kFailedPrecondition);  // none open
  ASSERT_TRUE(db_->Begin().ok());
  EXPECT_EQ(db_->Begin().code(), ErrorCode::kFailedPrecondition);  // already open
  ASSERT_TRUE(db_->Rollback().ok());
}

TEST_F(PostgresSqlTest, DroppedStatementsAreDeallocatedOnTheServer) {
  for (int i = 0; i < 100; ++i) {
    auto st = db_->Prepare("SELECT 1");
    ASSERT_TRUE(st.ok());
  }
  // Deallocated in batches of 32, outside transactions: never more than a batch left over.
  std::string left = Text(*db_, "SELECT COUNT(*) FROM pg_prepared_statements");
  EXPECT_LE(std::stoi(left), 33) << left;
}

TEST_F(PostgresSqlTest, LostConnectionIsDataLossThenRecovers) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY)").ok());
  auto other = Open(PgUrl());
  ASSERT_TRUE(other);
  auto ins = db_->Prepare("INSERT INTO " + table_ + " (id) VALUES (?)");
  ASSERT_TRUE(ins.ok());
  auto kill = [&] {
    std::string pid = Text(*db_, "SELECT pg_backend_pid()");
    auto st = other->Prepare("SELECT pg_terminate_backend(?, 10000)");  // waits until gone
    ASSERT_TRUE(st.ok());
    (*st)->BindText(1, pid);
    ASSERT_TRUE((*st)->Run().ok());
  };

  // Inside a transaction: DataLoss until rolled back, and the transaction's rows are gone.
  ASSERT_TRUE(db_->Begin().ok());
  (*ins)->BindInt(1, 1);
  ASSERT_TRUE((*ins)->Run().ok());
  kill();
  (*ins)->BindInt(1, 2);
  Status s = (*ins)->Run();
  EXPECT_EQ(s.code(), ErrorCode::kDataLoss) << s.ToString();
  EXPECT_NE(s.message().find("nothing was saved"), std::string::npos) << s.message();
  EXPECT_EQ((*ins)->Run().code(), ErrorCode::kDataLoss);  // no silent autocommit
  EXPECT_TRUE(db_->Rollback().ok());

  // Then it reconnects by itself, and earlier statements work again.
  EXPECT_EQ(Text(*db_, "SELECT COUNT(*) FROM " + table_), "0");
  (*ins)->Reset();
  (*ins)->BindInt(1, 3);
  ASSERT_TRUE((*ins)->Run().ok());

  // Outside a transaction: the command that meets the lost connection fails, the next works.
  kill();
  Status lost = db_->Exec("SELECT 1");
  EXPECT_EQ(lost.code(), ErrorCode::kDataLoss) << lost.ToString();
  auto problems = db_->IntegrityCheck();
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty());
  EXPECT_EQ(Text(*db_, "SELECT COUNT(*) FROM " + table_), "1");
}

}  // namespace
}  // namespace lnob::store
