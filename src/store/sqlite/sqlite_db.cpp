// The SQLite backend of the SQL layer (store/sql.hpp): WAL, synchronous=FULL, foreign keys on.
#include <sqlite3.h>

#include <deque>
#include <string>

#include "store/sql.hpp"

namespace lnob::store {
namespace {

Status SqliteError(sqlite3* db, int rc, const std::string& what) {
  std::string m = what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  int primary = rc & 0xff;
  if (primary == SQLITE_CONSTRAINT) {
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return AlreadyExists(m);
    }
    return InvalidArgument(m);
  }
  if (primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_CORRUPT ||
      primary == SQLITE_NOTADB || primary == SQLITE_CANTOPEN) {
    return DataLoss(m + " (nothing was saved)");
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return FailedPrecondition(m + ": the database is busy; try again");
  }
  return Internal(m);
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* st) : db_(db), st_(st) {}
  ~SqliteStatement() override { sqlite3_finalize(st_); }

  // Binding after a run starts the next run (SQLite refuses bindings on a stepped statement);
  // bindings not given again keep their values, as in PostgreSQL.
  void BindInt(int i, int64_t v) override {
    Rewind();
    sqlite3_bind_int64(st_, i, v);
  }
  void BindReal(int i, double v) override {
    Rewind();
    sqlite3_bind_double(st_, i, v);
  }
  void BindText(int i, std::string_view v) override {
    Rewind();
    sqlite3_bind_text64(st_, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
  }
  void BindNull(int i) override {
    Rewind();
    sqlite3_bind_null(st_, i);
  }

  Result<bool> Next() override {
    stepped_ = true;
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Status s = SqliteError(db_, sqlite3_extended_errcode(db_), "the database refused a change");
    sqlite3_reset(st_);
    return s;
  }
  bool ColumnIsNull(int i) override { return sqlite3_column_type(st_, i) == SQLITE_NULL; }
  int64_t ColumnInt(int i) override { return sqlite3_column_int64(st_, i); }
  double ColumnReal(int i) override { return sqlite3_column_double(st_, i); }
  std::string_view ColumnText(int i) override {
    const unsigned char* p = sqlite3_column_text(st_, i);
    int n = sqlite3_column_bytes(st_, i);
    return p ? std::string_view(reinterpret_cast<const char*>(p), n) : std::string_view();
  }
  int column_count() const { return sqlite3_data_count(st_); }
  void Reset() override {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
    stepped_ = false;
  }

 private:
  void Rewind() {
    if (stepped_) {
      sqlite3_reset(st_);
      stepped_ = false;
    }
  }
  sqlite3* db_;
  sqlite3_stmt* st_;
  bool stepped_ = false;
};

class SqliteBulk final : public BulkInsert {
 public:
  SqliteBulk(sqlite3* db, std::unique_ptr<SqliteStatement> st, int columns)
      : db_(db), st_(std::move(st)), columns_(columns) {
    (void)db_;
  }
  void Int(int64_t v) override { st_->BindInt(++col_, v); }
  void Real(double v) override { st_->BindReal(++col_, v); }
  void Text(std::string_view v) override {
    // Copied: the caller's text may not outlive the row.
    texts_.emplace_back(v);
    st_->BindText(++col_, texts_.back());
  }
  void Null() override { st_->BindNull(++col_); }
  Status EndRow() override {
    if (col_ != columns_) {
      return Internal("bulk insert: a row has " + std::to_string(col_) + " values, expected " +
                      std::to_string(columns_));
    }
    auto r = st_->Next();
    st_->Reset();
    col_ = 0;
    texts_.clear();
    return r.ok() ? OkStatus() : r.status();
  }
  Status Finish() override { return OkStatus(); }

 private:
  sqlite3* db_;
  std::unique_ptr<SqliteStatement> st_;
  int columns_;
  int col_ = 0;
  std::deque<std::string> texts_;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  ~SqliteDatabase() override { sqlite3_close_v2(db_); }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status Exec(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string m = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      return SqliteError(nullptr, sqlite3_extended_errcode(db_), m);
    }
    return OkStatus();
  }

  Result<std::unique_ptr<Statement>> Prepare(std::string_view sql) override {
    auto st = PrepareRaw(sql);
    if (!st.ok()) return st.status();
    return std::unique_ptr<Statement>(std::move(*st));
  }

  Status Begin() override { return Exec("BEGIN IMMEDIATE"); }
  Status Commit() override { return Exec("COMMIT"); }
  Status Rollback() override { return Exec("ROLLBACK"); }

  Result<std::unique_ptr<BulkInsert>> Bulk(std::string_view table,
                                           const std::vector<std::string>& columns) override {
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    std::string marks;
    for (size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? ", " : "") + columns[i];
      marks += i ? ", ?" : "?";
    }
    sql += ") VALUES (" + marks + ")";
    auto st = PrepareRaw(sql);
    if (!st.ok()) return st.status();
    return std::unique_ptr<BulkInsert>(
        new SqliteBulk(db_, std::move(*st), static_cast<int>(columns.size())));
  }

  Result<std::vector<std::string>> IntegrityCheck() override {
    std::vector<std::string> problems;
    for (const char* sql : {"PRAGMA integrity_check", "PRAGMA foreign_key_check"}) {
      auto st = PrepareRaw(sql);
      if (!st.ok()) return st.status();
      while (true) {
        auto row = (*st)->Next();
        if (!row.ok()) return row.status();
        if (!*row) break;
        std::string line;
        int n = (*st)->column_count();
        for (int i = 0; i < n; ++i) {
          line += (i ? " " : "") + std::string((*st)->ColumnText(i));
        }
        if (line != "ok") problems.push_back(std::string(sql) + ": " + line);
      }
    }
    return problems;
  }

 private:
  Result<std::unique_ptr<SqliteStatement>> PrepareRaw(std::string_view sql) {
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &st, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "cannot prepare a query");
    return std::make_unique<SqliteStatement>(db_, st);
  }
  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string m = "cannot open the database " + path + ": " +
                    (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close_v2(db);
    return NotFound(m);
  }
  sqlite3_busy_timeout(db, 10000);
  sqlite3_extended_result_codes(db, 1);
  auto out = std::make_unique<SqliteDatabase>(db);
  // Durability first: WAL with a full sync at every commit (quality.md).
  RETURN_IF_ERROR(out->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                            "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; "
                            "PRAGMA cache_size=-65536;"));
  auto check = out->Prepare("PRAGMA journal_mode");
  if (!check.ok()) return check.status();
  auto row = (*check)->Next();
  if (!row.ok()) return row.status();
  if (!*row || (*check)->ColumnText(0) != "wal") {
    return FailedPrecondition("the database " + path +
                              " cannot use write-ahead logging (is it on a network drive?); "
                              "lnob refuses to run without it");
  }
  return std::unique_ptr<Database>(std::move(out));
}

}  // namespace lnob::store
