// The PostgreSQL connection shared by a database and its statements, and error mapping.
#include <string>

#include "store/postgres/postgres_db.hpp"

namespace lnob::store::pg {
namespace {

// Statements forgotten before a batch of DEALLOCATEs is sent (one round trip per batch).
constexpr size_t kDeallocateBatch = 32;

// First line of libpq's own message, without the "ERROR:  " prefix or the DETAIL lines.
std::string ClientMessage(PGconn* conn) {
  std::string m = conn ? PQerrorMessage(conn) : "out of memory";
  if (size_t nl = m.find('\n'); nl != std::string::npos) m.resize(nl);
  for (const char* prefix : {"ERROR:  ", "FATAL:  "}) {
    if (m.starts_with(prefix)) m.erase(0, std::string_view(prefix).size());
  }
  return m.empty() ? "no details from libpq" : m;
}

// Replaces what is inside double quotes with "...": data errors quote the offending value.
std::string MaskQuoted(std::string_view m) {
  std::string out;
  bool inside = false;
  for (char c : m) {
    if (c == '"') {
      out += inside ? "...\"" : "\"";
      inside = !inside;
    } else if (!inside) {
      out += c;
    }
  }
  return out;
}

// "COPY households, line 3, column name: "value"" -> "COPY households, line 3, column name".
std::string CopyContext(const PGresult* res) {
  const char* ctx = PQresultErrorField(res, PG_DIAG_CONTEXT);
  if (!ctx || !std::string_view(ctx).starts_with("COPY ")) return "";
  std::string c(ctx);
  c = c.substr(0, c.find('\n'));
  return c.substr(0, c.find(':'));
}

}  // namespace

Session::Session(PGconn* conn, std::string password)
    : conn_(conn), password_(std::move(password)) {}

Session::~Session() {
  PQfinish(conn_);
}

void Session::Acquire() {
  if (user_) {
    ConnectionUser* u = user_;
    user_ = nullptr;
    u->Detach();
  }
  if (PQstatus(conn_) != CONNECTION_OK) return;
  switch (PQtransactionStatus(conn_)) {
    case PQTRANS_IDLE: in_transaction_ = false; break;
    case PQTRANS_INTRANS:
    case PQTRANS_INERROR: in_transaction_ = true; break;
    default: break;
  }
}

Status Session::EnsureConnected() {
  if (PQstatus(conn_) == CONNECTION_OK) return OkStatus();
  if (in_transaction_) {
    return DataLoss(std::string(kConnectionLost) + " (roll the transaction back, then try again)");
  }
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) {
    return DataLoss(std::string(kConnectionLost) +
                    "; reconnecting failed: " + Scrub(ClientMessage(conn_)));
  }
  ++generation_;  // the server forgot every prepared statement
  forgotten_.clear();
  return CheckDurability();
}

std::string Session::NewStatementName() {
  return "lnob_" + std::to_string(++next_name_);
}

void Session::Forget(std::string name, uint64_t generation) {
  if (generation == generation_) forgotten_.push_back(std::move(name));
}

void Session::DeallocateForgotten() {
  // Only outside a transaction: a failure there could not abort the caller's work.
  if (forgotten_.size() < kDeallocateBatch || PQstatus(conn_) != CONNECTION_OK ||
      PQtransactionStatus(conn_) != PQTRANS_IDLE) {
    return;
  }
  std::string sql;
  for (const std::string& n : forgotten_) sql += "DEALLOCATE " + n + ";";
  forgotten_.clear();
  PgResult r(PQexec(conn_, sql.c_str()));  // a failure only leaves a few statements allocated
}

Status Session::CheckDurability() {
  for (std::string name : {"fsync", "synchronous_commit"}) {
    PgResult r(PQexec(conn_, ("SHOW " + name).c_str()));
    if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) != 1) {
      return ErrorStatus(conn_, r.get(), "cannot read the PostgreSQL setting " + name);
    }
    std::string value = PQgetvalue(r.get(), 0, 0);
    // synchronous_commit: every value but "off" waits for the local WAL flush.
    bool durable = name == "fsync" ? value == "on" : value != "off";
    if (!durable) {
      return FailedPrecondition("PostgreSQL runs with " + name + " = " + value +
                                ", so a crash could lose changes that lnob has already confirmed; "
                                "set " +
                                name +
                                " = on (in postgresql.conf, and not in the "
                                "URL's options), then start lnob again");
    }
  }
  return OkStatus();
}

std::string Session::Scrub(std::string text) const {
  if (password_.empty()) return text;
  for (size_t at = text.find(password_); at != std::string::npos;
       at = text.find(password_, at + 4)) {
    text.replace(at, password_.size(), "****");
  }
  return text;
}

Status ErrorStatus(PGconn* conn, const PGresult* res, std::string_view what) {
  std::string prefix(what);
  if (!conn || PQstatus(conn) != CONNECTION_OK) return DataLoss(kConnectionLost);
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  if (!state || !primary) {
    if (res && PQresultStatus(res) != PGRES_FATAL_ERROR &&
        PQresultStatus(res) != PGRES_NONFATAL_ERROR) {
      return Internal(prefix + ": unexpected result " + PQresStatus(PQresultStatus(res)));
    }
    return Internal(prefix + ": " + ClientMessage(conn));
  }
  std::string code = state;
  std::string message = primary;
  if (code.starts_with("22")) message = MaskQuoted(message);
  if (std::string ctx = CopyContext(res); !ctx.empty()) message += " (" + ctx + ")";
  message = prefix + ": " + message + " [SQLSTATE " + code + "]";
  if (code.starts_with("08") || code.starts_with("57P")) return DataLoss(kConnectionLost);
  if (code == "23505") return AlreadyExists(message);
  if (code.starts_with("23") || code.starts_with("22")) return InvalidArgument(message);
  if (code == "40001" || code == "40P01") {
    return FailedPrecondition(message + "; another change got in the way: try again");
  }
  if (code == "53100") return DataLoss(message + "; the server's disk is full, nothing was saved");
  if (code == "25P02") {
    return FailedPrecondition(message +
                              "; an earlier statement of this transaction failed: "
                              "roll it back");
  }
  return Internal(message);
}

}  // namespace lnob::store::pg
