// The PostgreSQL backend of the SQL layer (store/sql.hpp), on libpq: opening a connection,
// scripts, transactions, and the health check. Statements, COPY and errors: see postgres_db.hpp.
#include "store/postgres/postgres_db.hpp"

#include <string>
#include <vector>

namespace lnob::store {
namespace {

using pg::ErrorStatus;
using pg::PgResult;
using pg::Session;

class PgDatabase final : public Database {
 public:
  explicit PgDatabase(std::shared_ptr<Session> session) : session_(std::move(session)) {}

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status Exec(std::string_view sql) override {
    RETURN_IF_ERROR(Ready());
    PGconn* conn = session_->conn();
    PgResult r(PQexec(conn, std::string(sql).c_str()));
    ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
      return OkStatus();
    }
    if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT) {  // not for Exec: use Bulk()
      if (st == PGRES_COPY_IN) PQputCopyEnd(conn, "COPY is not supported through Exec");
      while (PGresult* rest = PQgetResult(conn)) PQclear(rest);
      return Internal("Exec cannot run COPY; use Bulk() to load rows");
    }
    return ErrorStatus(conn, r.get(), "PostgreSQL refused a script");
  }

  Result<std::unique_ptr<Statement>> Prepare(std::string_view sql) override {
    RETURN_IF_ERROR(Ready());
    session_->DeallocateForgotten();
    int params = 0;
    std::string text = pg::RewritePlaceholders(sql, &params);
    std::string name = session_->NewStatementName();
    PgResult r(PQprepare(session_->conn(), name.c_str(), text.c_str(), 0, nullptr));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
      return ErrorStatus(session_->conn(), r.get(), "PostgreSQL could not prepare a query");
    }
    return pg::NewStatement(session_, std::move(name), std::move(text), params);
  }

  Status Begin() override {
    RETURN_IF_ERROR(Ready());
    if (PQtransactionStatus(session_->conn()) != PQTRANS_IDLE) {
      return FailedPrecondition("a transaction is already open on this PostgreSQL connection");
    }
    RETURN_IF_ERROR(Simple("BEGIN"));
    session_->set_in_transaction(true);
    return OkStatus();
  }

  Status Commit() override {
    session_->Acquire();
    PGconn* conn = session_->conn();
    bool open = session_->in_transaction();
    session_->set_in_transaction(false);
    if (PQstatus(conn) != CONNECTION_OK) {
      return open ? DataLoss(pg::kConnectionLost) : FailedPrecondition("no transaction is open");
    }
    PGTransactionStatusType ts = PQtransactionStatus(conn);
    if (ts == PQTRANS_IDLE) return FailedPrecondition("no transaction is open to commit");
    if (ts == PQTRANS_INERROR) {
      (void)Simple("ROLLBACK");
      return FailedPrecondition(
          "a statement of this transaction failed, so PostgreSQL rolled all of it back; nothing "
          "was saved");
    }
    PgResult r(PQexec(conn, "COMMIT"));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
      if (PQstatus(conn) != CONNECTION_OK) {
        return DataLoss(
            "the connection to PostgreSQL was lost while committing; the change may or may not "
            "have been saved: check before repeating it");
      }
      return ErrorStatus(conn, r.get(), "PostgreSQL refused to commit (nothing was saved)");
    }
    if (std::string_view(PQcmdStatus(r.get())) == "ROLLBACK") {
      return FailedPrecondition("PostgreSQL rolled the transaction back; nothing was saved");
    }
    return OkStatus();
  }

  Status Rollback() override {
    session_->Acquire();
    session_->set_in_transaction(false);
    // A lost connection has no transaction left: the server discarded it.
    if (PQstatus(session_->conn()) != CONNECTION_OK) return OkStatus();
    if (PQtransactionStatus(session_->conn()) == PQTRANS_IDLE) return OkStatus();
    return Simple("ROLLBACK");
  }

  Result<std::unique_ptr<BulkInsert>> Bulk(std::string_view table,
                                           const std::vector<std::string>& columns) override {
    if (columns.empty()) return Internal("bulk insert into " + std::string(table) + ": no columns");
    std::string sql = "COPY " + std::string(table) + " (";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
    sql += ") FROM STDIN";
    return pg::NewBulk(session_, std::move(sql), static_cast<int>(columns.size()));
  }

  Result<std::vector<std::string>> IntegrityCheck() override {
    if (Status s = Ready(); !s.ok()) return std::vector<std::string>{s.message()};
    PgResult r(PQexec(session_->conn(), "SELECT 1"));
    if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) != 1 ||
        std::string_view(PQgetvalue(r.get(), 0, 0)) != "1") {
      return std::vector<std::string>{
          ErrorStatus(session_->conn(), r.get(), "PostgreSQL does not answer").message()};
    }
    return std::vector<std::string>{};
  }

 private:
  // Frees the connection and makes sure it is up.
  Status Ready() {
    session_->Acquire();
    return session_->EnsureConnected();
  }

  Status Simple(const char* sql) {
    PgResult r(PQexec(session_->conn(), sql));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
      return ErrorStatus(session_->conn(), r.get(), std::string("PostgreSQL refused ") + sql);
    }
    return OkStatus();
  }

  std::shared_ptr<Session> session_;
};

// Where a URL points, for messages: "host 127.0.0.1, port 5432, database lnob, user lnob".
struct Target {
  std::string description;
  std::string password;
};

Result<Target> DescribeUrl(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    std::string m = err ? err : "out of memory";
    PQfreemem(err);
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    // libpq quotes the offending part, which may be the password: say only what is wrong.
    if (size_t q = m.find('"'); q != std::string::npos) m = m.substr(0, q);
    while (!m.empty() && (m.back() == ' ' || m.back() == ':')) m.pop_back();
    return InvalidArgument("the PostgreSQL URL is not valid (" + m +
                           "); write it as postgresql://USER@HOST:PORT/DATABASE");
  }
  Target t;
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    std::string key = o->keyword;
    std::string value = o->val ? o->val : "";
    if (key == "password") t.password = value;
    if (value.empty() ||
        (key != "host" && key != "hostaddr" && key != "port" && key != "dbname" && key != "user")) {
      continue;
    }
    t.description += (t.description.empty() ? "" : ", ") +
                     (key == "dbname" ? std::string("database") : key) + " " + value;
  }
  PQconninfoFree(opts);
  if (t.description.empty()) t.description = "the default server";
  return t;
}

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url) {
  ASSIGN_OR_RETURN(Target target, DescribeUrl(url));
  // Entries after "dbname" (the URL) override it: client_encoding is always UTF8.
  const char* keys[] = {"connect_timeout", "application_name", "dbname", "client_encoding",
                        nullptr};
  const char* values[] = {"10", "lnob", url.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  if (!conn) return Internal("cannot connect to PostgreSQL: out of memory");
  auto session = std::make_shared<Session>(conn, target.password);  // closes conn on return
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string m;  // libpq's lines and tabs, as one line
    for (char c : std::string(PQerrorMessage(conn))) {
      if (c == '\n' || c == '\t') c = ' ';
      if (c != ' ' || (!m.empty() && m.back() != ' ')) m += c;
    }
    while (!m.empty() && m.back() == ' ') m.pop_back();
    return FailedPrecondition("cannot connect to PostgreSQL (" + target.description +
                              "): " + session->Scrub(m) +
                              ". Check that the server is running and that the URL is right.");
  }
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);  // NOTICEs are not errors
  const char* encoding = PQparameterStatus(conn, "client_encoding");
  if (!encoding || std::string_view(encoding) != "UTF8") {
    if (PQsetClientEncoding(conn, "UTF8") != 0) {
      return FailedPrecondition("PostgreSQL (" + target.description +
                                ") cannot talk UTF-8 with lnob");
    }
  }
  RETURN_IF_ERROR(session->CheckDurability());
  return std::unique_ptr<Database>(std::make_unique<PgDatabase>(std::move(session)));
}

}  // namespace lnob::store
