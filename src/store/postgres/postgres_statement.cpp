// A PostgreSQL prepared statement: text-format parameters, rows streamed one at a time.
#include <charconv>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

#include "store/postgres/postgres_db.hpp"

namespace lnob::store::pg {
namespace {

class PgStatement final : public Statement, public ConnectionUser {
 public:
  PgStatement(std::shared_ptr<Session> session, std::string name, std::string sql, int params)
      : session_(std::move(session)),
        name_(std::move(name)),
        sql_(std::move(sql)),
        generation_(session_->generation()),
        values_(params),
        is_null_(params, true) {}

  ~PgStatement() override {
    Discard();
    session_->Forget(name_, generation_);
  }

  void BindInt(int i, int64_t v) override {
    if (Slot(i)) Set(i, FormatInt(v));
  }
  void BindReal(int i, double v) override {
    if (Slot(i)) Set(i, FormatReal(v));
  }
  void BindText(int i, std::string_view v) override {
    if (!Slot(i)) return;
    if (std::memchr(v.data(), '\0', v.size())) {
      bind_error_ = InvalidArgument("parameter " + std::to_string(i) +
                                    " contains a NUL character, which PostgreSQL cannot store");
      return;
    }
    Set(i, std::string(v));
  }
  void BindNull(int i) override {
    if (Slot(i)) is_null_[i - 1] = true;
  }

  Result<bool> Next() override {
    row_.reset();
    if (state_ != State::kRunning) RETURN_IF_ERROR(Execute());
    while (PgResult r = NextResult()) {
      switch (PQresultStatus(r.get())) {
        case PGRES_SINGLE_TUPLE: row_ = std::move(r); return true;
        case PGRES_TUPLES_OK:  // the end of the rows (or all of them, if not in single-row mode)
          if (PQntuples(r.get()) > 0) {
            whole_ = std::move(r);
            whole_row_ = 0;
            return NextBufferedRow();
          }
          break;
        case PGRES_COMMAND_OK:
        case PGRES_EMPTY_QUERY: break;
        default: {
          Status s = ErrorStatus(session_->conn(), r.get(), "PostgreSQL refused a query");
          Discard();
          return s;
        }
      }
    }
    if (whole_) return NextBufferedRow();
    state_ = State::kDone;  // a further Next() runs the statement again, as in SQLite
    return false;
  }

  bool ColumnIsNull(int i) override {
    const PGresult* r = Row(i);
    return !r || PQgetisnull(r, RowIndex(), i);
  }
  int64_t ColumnInt(int i) override {
    std::string_view t = ColumnText(i);
    int64_t v = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec == std::errc() && end == t.data() + t.size()) return v;
    if (t == "t") return 1;  // booleans
    if (t == "f") return 0;
    double d = ColumnReal(i);  // numeric "3.00"; truncates like SQLite
    return d >= -9.2e18 && d <= 9.2e18 ? static_cast<int64_t>(d) : 0;
  }
  double ColumnReal(int i) override {
    std::string_view t = ColumnText(i);
    double v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);  // also reads NaN and Infinity
    return v;
  }
  std::string_view ColumnText(int i) override {
    const PGresult* r = Row(i);
    if (!r) return {};
    return std::string_view(PQgetvalue(r, RowIndex(), i),
                            static_cast<size_t>(PQgetlength(r, RowIndex(), i)));
  }

  void Reset() override {
    Discard();
    for (size_t k = 0; k < values_.size(); ++k) is_null_[k] = true;
    bind_error_ = OkStatus();
  }

  void Detach() override {
    // Keeps the rest of the result in memory so that another command can use the connection.
    while (PGresult* r = PQgetResult(session_->conn())) pending_.emplace_back(r);
    session_->Release(this);
  }

 private:
  enum class State { kIdle, kRunning, kDone };

  bool Slot(int i) {
    if (i >= 1 && i <= static_cast<int>(values_.size())) return true;
    bind_error_ = Internal("parameter " + std::to_string(i) + " does not exist (the query has " +
                           std::to_string(values_.size()) + ")");
    return false;
  }
  void Set(int i, std::string v) {
    values_[i - 1] = std::move(v);
    is_null_[i - 1] = false;
  }

  Status Execute() {
    Discard();
    RETURN_IF_ERROR(bind_error_);
    session_->Acquire();
    RETURN_IF_ERROR(session_->EnsureConnected());
    PGconn* conn = session_->conn();
    if (generation_ != session_->generation()) {  // reconnected since: prepare again
      PgResult r(PQprepare(conn, name_.c_str(), sql_.c_str(), 0, nullptr));
      if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
        return ErrorStatus(conn, r.get(), "PostgreSQL could not prepare a query");
      }
      generation_ = session_->generation();
    }
    std::vector<const char*> params(values_.size());
    for (size_t k = 0; k < values_.size(); ++k) {
      params[k] = is_null_[k] ? nullptr : values_[k].c_str();
    }
    if (!PQsendQueryPrepared(conn, name_.c_str(), static_cast<int>(params.size()), params.data(),
                             nullptr, nullptr, 0)) {
      return ErrorStatus(conn, nullptr, "cannot send a query to PostgreSQL");
    }
    PQsetSingleRowMode(conn);  // if refused, the rows come in one result: still correct
    session_->SetUser(this);
    state_ = State::kRunning;
    return OkStatus();
  }

  // The next result of this statement: buffered by Detach(), else from the connection.
  PgResult NextResult() {
    if (!pending_.empty()) {
      PgResult r = std::move(pending_.front());
      pending_.pop_front();
      return r;
    }
    if (!session_->IsUser(this)) return nullptr;
    PGresult* r = PQgetResult(session_->conn());
    if (!r) session_->Release(this);
    return PgResult(r);
  }

  // Rows of a whole (not single-row) result, one per Next().
  bool NextBufferedRow() {
    if (whole_ && ++whole_row_ < PQntuples(whole_.get())) return true;
    whole_.reset();
    while (NextResult()) {
    }
    state_ = State::kDone;
    return false;
  }

  // Drops the current result, reading and discarding whatever the server still sends.
  void Discard() {
    if (session_->IsUser(this)) {
      while (PGresult* r = PQgetResult(session_->conn())) PQclear(r);
      session_->Release(this);
    }
    pending_.clear();
    row_.reset();
    whole_.reset();
    state_ = State::kIdle;
  }

  const PGresult* Row(int i) const {
    const PGresult* r = row_ ? row_.get() : whole_.get();
    if (!r || i < 0 || i >= PQnfields(r) || RowIndex() >= PQntuples(r)) return nullptr;
    return r;
  }
  int RowIndex() const { return row_ ? 0 : whole_row_; }

  std::shared_ptr<Session> session_;
  std::string name_;
  std::string sql_;  // with $n placeholders
  uint64_t generation_;
  std::vector<std::string> values_;
  std::vector<bool> is_null_;
  Status bind_error_;
  State state_ = State::kIdle;
  std::deque<PgResult> pending_;
  PgResult row_;    // the current row in single-row mode
  PgResult whole_;  // a result holding all rows (single-row mode refused)
  int whole_row_ = -1;
};

}  // namespace

std::unique_ptr<Statement> NewStatement(std::shared_ptr<Session> session, std::string name,
                                        std::string sql, int params) {
  return std::make_unique<PgStatement>(std::move(session), std::move(name), std::move(sql), params);
}

}  // namespace lnob::store::pg
