// A small SQL layer that SQLite and PostgreSQL both implement, so that the store is written once.
//
//   ASSIGN_OR_RETURN(auto db, Database::Open("sqlite:var/lnob.db"));   // or "postgresql://..."
//   RETURN_IF_ERROR(db->Begin());
//   ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT name FROM units WHERE code = ?"));
//   st->BindText(1, "08");
//   ASSIGN_OR_RETURN(bool row, st->Next());
//   if (row) name = std::string(st->ColumnText(0));
//   RETURN_IF_ERROR(db->Commit());
//
// SQL is written with '?' placeholders in both dialects (PostgreSQL's $1, $2 ... are produced by
// its backend); values are always bound, never spliced into the text. Bulk loads go through
// BulkInsert (SQLite: one prepared INSERT reused; PostgreSQL: COPY ... FROM STDIN).
// Thread-safety: a Database and its statements belong to one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace lnob::store {

enum class Dialect { kSqlite, kPostgres };

class Statement {
 public:
  virtual ~Statement() = default;
  // Parameters are 1-based. A bound text must stay valid until the statement has run.
  virtual void BindInt(int i, int64_t v) = 0;
  virtual void BindReal(int i, double v) = 0;
  virtual void BindText(int i, std::string_view v) = 0;
  virtual void BindNull(int i) = 0;
  // Runs the statement (the first call) and steps to the next row. Returns true when a row is
  // available, false when done; DataLoss/Internal/AlreadyExists (constraint) on failure.
  virtual Result<bool> Next() = 0;
  // Runs a statement that returns no rows (or ignores them).
  Status Run();
  // Columns of the current row, 0-based.
  virtual bool ColumnIsNull(int i) = 0;
  virtual int64_t ColumnInt(int i) = 0;
  virtual double ColumnReal(int i) = 0;
  virtual std::string_view ColumnText(int i) = 0;  // valid until the next Next()/Reset()
  // Clears the result and bindings so that the statement can run again.
  virtual void Reset() = 0;
};

// Rows for one table, appended column by column; EndRow after each row, Finish at the end.
class BulkInsert {
 public:
  virtual ~BulkInsert() = default;
  virtual void Int(int64_t v) = 0;
  virtual void Real(double v) = 0;
  virtual void Text(std::string_view v) = 0;
  virtual void Null() = 0;
  virtual Status EndRow() = 0;
  virtual Status Finish() = 0;
};

class Database {
 public:
  virtual ~Database() = default;

  // url: "sqlite:PATH", a bare file path (SQLite), or "postgresql://..." / "postgres://...".
  // SQLite opens in WAL mode with synchronous=FULL and foreign keys on; PostgreSQL checks that
  // fsync and synchronous_commit are on. NotFound / FailedPrecondition / DataLoss on failure.
  static Result<std::unique_ptr<Database>> Open(const std::string& url);

  virtual Dialect dialect() const = 0;
  // Runs one or more statements without parameters (migrations, pragmas).
  virtual Status Exec(std::string_view sql) = 0;
  virtual Result<std::unique_ptr<Statement>> Prepare(std::string_view sql) = 0;
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  virtual Result<std::unique_ptr<BulkInsert>> Bulk(std::string_view table,
                                                   const std::vector<std::string>& columns) = 0;
  // Verifies the database's own integrity (SQLite: PRAGMA integrity_check and
  // foreign_key_check; PostgreSQL: a connection round trip). Returns problems, empty when none.
  virtual Result<std::vector<std::string>> IntegrityCheck() = 0;
};

// Opens SQLite / PostgreSQL directly (Database::Open dispatches on the URL).
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path);
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url);

// Runs `fn` inside a transaction: commits when it returns OK, rolls back otherwise.
template <typename Fn>
Status InTransaction(Database& db, Fn&& fn) {
  RETURN_IF_ERROR(db.Begin());
  Status s = fn();
  if (!s.ok()) {
    (void)db.Rollback();
    return s;
  }
  return db.Commit();
}

}  // namespace lnob::store
