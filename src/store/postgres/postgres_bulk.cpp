// Bulk loads into PostgreSQL through COPY ... FROM STDIN (text format), sent in ~1 MB chunks.
#include <string>

#include "store/postgres/postgres_db.hpp"

namespace lnob::store::pg {
namespace {

constexpr size_t kChunkBytes = 1 << 20;

class PgBulk final : public BulkInsert, public ConnectionUser {
 public:
  PgBulk(std::shared_ptr<Session> session, std::string copy_sql, int columns)
      : session_(std::move(session)), copy_sql_(std::move(copy_sql)), columns_(columns) {
    buffer_.reserve(kChunkBytes + 4096);
  }

  ~PgBulk() override {
    if (copying_) {
      // Never Finish()ed: abort the COPY, so that none of its rows is saved.
      PQputCopyEnd(session_->conn(), "the bulk insert was abandoned before it finished");
      while (PGresult* r = PQgetResult(session_->conn())) PQclear(r);
      session_->Release(this);
    }
  }

  Status Start() {
    session_->Acquire();
    RETURN_IF_ERROR(session_->EnsureConnected());
    PgResult r(PQexec(session_->conn(), copy_sql_.c_str()));
    if (!r || PQresultStatus(r.get()) != PGRES_COPY_IN) {
      return ErrorStatus(session_->conn(), r.get(), "PostgreSQL refused a bulk insert");
    }
    copying_ = true;
    session_->SetUser(this);
    return OkStatus();
  }

  void Int(int64_t v) override {
    Separate();
    buffer_ += FormatInt(v);
  }
  void Real(double v) override {
    Separate();
    buffer_ += FormatReal(v);
  }
  void Text(std::string_view v) override {
    Separate();
    AppendCopyText(&buffer_, v);
  }
  void Null() override {
    Separate();
    buffer_ += "\\N";
  }

  Status EndRow() override {
    if (col_ != columns_) {
      // The row is already half in the buffer: the whole bulk insert fails.
      if (error_.ok()) {
        error_ = Internal("bulk insert: a row has " + std::to_string(col_) + " values, expected " +
                          std::to_string(columns_));
      }
      col_ = 0;
      return error_;
    }
    buffer_ += '\n';
    col_ = 0;
    RETURN_IF_ERROR(error_);
    if (buffer_.size() >= kChunkBytes) return Flush();
    return OkStatus();
  }

  Status Finish() override {
    RETURN_IF_ERROR(error_);
    if (col_ != 0) return Internal("bulk insert: Finish() in the middle of a row");
    RETURN_IF_ERROR(Flush());
    if (copying_) RETURN_IF_ERROR(EndCopy());
    return error_;
  }

  void Detach() override {
    // Another command needs the connection: end this COPY; the next chunk starts a new one.
    Status s = EndCopy();
    if (error_.ok()) error_ = s;
  }

 private:
  void Separate() {
    if (col_++ > 0) buffer_ += '\t';
  }

  Status Flush() {
    if (buffer_.empty()) return OkStatus();
    if (!copying_) RETURN_IF_ERROR(Start());
    if (PQputCopyData(session_->conn(), buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
      error_ = ErrorStatus(session_->conn(), nullptr, "cannot send rows to PostgreSQL");
      return error_;
    }
    buffer_.clear();
    return OkStatus();
  }

  Status EndCopy() {
    copying_ = false;
    session_->Release(this);
    PGconn* conn = session_->conn();
    Status s;
    if (PQputCopyEnd(conn, nullptr) != 1) {
      s = ErrorStatus(conn, nullptr, "cannot finish a bulk insert");
    }
    while (PGresult* raw = PQgetResult(conn)) {
      PgResult r(raw);
      if (s.ok() && PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
        s = ErrorStatus(conn, r.get(), "PostgreSQL refused a bulk insert");
      }
    }
    return s;
  }

  std::shared_ptr<Session> session_;
  std::string copy_sql_;
  int columns_;
  int col_ = 0;
  bool copying_ = false;
  std::string buffer_;  // rows not yet sent, COPY text format
  Status error_;        // the first failure; every later call returns it
};

}  // namespace

Result<std::unique_ptr<BulkInsert>> NewBulk(std::shared_ptr<Session> session, std::string copy_sql,
                                            int columns) {
  auto bulk = std::make_unique<PgBulk>(std::move(session), std::move(copy_sql), columns);
  RETURN_IF_ERROR(bulk->Start());
  return std::unique_ptr<BulkInsert>(std::move(bulk));
}

}  // namespace lnob::store::pg
