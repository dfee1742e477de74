// Internals of the PostgreSQL backend of the SQL layer (store/sql.hpp), shared by its .cpp files.
// Nothing outside src/store/postgres includes this file: open a database with Database::Open or
// OpenPostgres, and use it through store/sql.hpp.
//
// One Session owns the libpq connection. The database and every statement and bulk insert made
// from it hold it by shared_ptr, so they may be destroyed in any order. libpq serves one command
// at a time per connection: a statement still streaming rows (single-row mode) or a COPY still
// open is the session's `user`. Before any other command is sent, Acquire() asks that user to
// Detach(): a statement then buffers its remaining rows in memory, a COPY ends its current batch
// (the next rows start a new COPY). So statements can be interleaved freely, and a long read that
// nothing interrupts holds one row at a time, never the whole result.
//
// When the connection is lost, the command fails with DataLoss. Outside a transaction the next
// command reconnects (PQreset) and statements re-prepare themselves; inside one, every command
// fails with DataLoss until the caller calls Rollback(), so that the rest of a lost transaction is
// never run as separate, auto-committed statements.
//
// Thread-safety: none; a session belongs to one thread at a time, like its Database.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "store/sql.hpp"

namespace lnob::store::pg {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

// The message for a lost connection (the server discards an unfinished transaction).
inline constexpr const char* kConnectionLost =
    "the connection to PostgreSQL was lost; nothing was saved";

// Something that holds the connection between calls: a streaming statement or an open COPY.
class ConnectionUser {
 public:
  virtual ~ConnectionUser() = default;
  // Frees the connection for another command, keeping whatever this user still needs.
  virtual void Detach() = 0;
};

class Session {
 public:
  // Takes ownership of `conn` (closed with PQfinish). `password` is only used to scrub messages.
  Session(PGconn* conn, std::string password);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  PGconn* conn() const { return conn_; }

  // Frees the connection for a new command (detaches the current user) and notes whether a
  // transaction is open. Call before sending anything.
  void Acquire();
  void SetUser(ConnectionUser* user) { user_ = user; }
  bool IsUser(const ConnectionUser* user) const { return user_ == user; }
  void Release(const ConnectionUser* user) {
    if (user_ == user) user_ = nullptr;
  }

  // OK when the connection is usable. When it was lost outside a transaction, reconnects and
  // checks the durability settings again; DataLoss when it cannot, or when a transaction was
  // open (until set_in_transaction(false), which Rollback/Commit do).
  Status EnsureConnected();
  bool in_transaction() const { return in_transaction_; }
  void set_in_transaction(bool v) { in_transaction_ = v; }

  // Bumped at every reconnection: prepared statements of an older generation are gone.
  uint64_t generation() const { return generation_; }
  // A statement name not used before on this connection ("lnob_1", "lnob_2", ...).
  std::string NewStatementName();
  // Remembers a prepared statement to DEALLOCATE; done in batches outside transactions.
  void Forget(std::string name, uint64_t generation);
  void DeallocateForgotten();

  // OK when fsync is on and synchronous_commit is not off; FailedPrecondition otherwise.
  Status CheckDurability();

  // `text` with the password (if any) replaced by "****".
  std::string Scrub(std::string text) const;

 private:
  PGconn* conn_;
  std::string password_;
  ConnectionUser* user_ = nullptr;
  bool in_transaction_ = false;
  uint64_t generation_ = 0;
  uint64_t next_name_ = 0;
  std::vector<std::string> forgotten_;
};

// Turns a failed command into a Status: `res` is its result (may be null). Lost connection ->
// DataLoss; 23505 -> AlreadyExists; other 23xxx and 22xxx -> InvalidArgument; 40001/40P01 ->
// FailedPrecondition (try again); 53100 -> DataLoss; others Internal. The message carries the
// server's primary message only (never DETAIL, which quotes row values; data errors have their
// quoted values masked), so no bound value appears in it.
Status ErrorStatus(PGconn* conn, const PGresult* res, std::string_view what);

// Rewrites '?' placeholders to $1, $2, ... outside string literals (also E'' and $tag$ ... $tag$),
// quoted identifiers and comments; ?NNN (SQLite's numbered form) becomes $NNN. Sets *count to
// the number of parameters (the largest number used).
std::string RewritePlaceholders(std::string_view sql, int* count);

// Text forms that PostgreSQL reads back exactly (shortest round-trip; NaN, Infinity).
std::string FormatInt(int64_t v);
std::string FormatReal(double v);

// Appends `v` escaped for COPY ... FROM STDIN in text format (\\, \t, \n, \r).
void AppendCopyText(std::string* out, std::string_view v);

// A prepared statement `name` (already prepared on the session's current generation) for `sql`
// with `params` placeholders.
std::unique_ptr<Statement> NewStatement(std::shared_ptr<Session> session, std::string name,
                                        std::string sql, int params);

// A bulk insert through `copy_sql` ("COPY t (a, b) FROM STDIN"). Starts the COPY now: returns
// the server's error when the table or a column does not exist.
Result<std::unique_ptr<BulkInsert>> NewBulk(std::shared_ptr<Session> session, std::string copy_sql,
                                            int columns);

}  // namespace lnob::store::pg
