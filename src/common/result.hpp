// Result and Status: how every lnob function reports failure without exceptions.
//
//   Result<int> ParsePositive(std::string_view s);
//   ASSIGN_OR_RETURN(int n, ParsePositive(text));   // returns the error to the caller
//   RETURN_IF_ERROR(Save(n));
//
// A Status is ok, or carries one of a handful of codes and a message written for the person who
// will read it (what is wrong, where, what to do). Errors become HTTP statuses in one place only.
// Thread-safety: values; safe to copy between threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace lnob {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kFailedPrecondition,
  kAlreadyExists,
  kPermissionDenied,
  kDataLoss,
  kInternal,
  kUnauthenticated,  // no valid session or token
  kUnavailable,      // a resource is busy or unreachable (a port in use, a database down)
};

// Returns the stable lower-case name of a code ("invalid_argument", ...), used in logs and JSON.
const char* ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid_argument: message", or "ok".
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

inline Status OkStatus() { return Status(); }
inline Status InvalidArgument(std::string m) { return {ErrorCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {ErrorCode::kFailedPrecondition, std::move(m)};
}
inline Status AlreadyExists(std::string m) { return {ErrorCode::kAlreadyExists, std::move(m)}; }
inline Status PermissionDenied(std::string m) {
  return {ErrorCode::kPermissionDenied, std::move(m)};
}
inline Status DataLoss(std::string m) { return {ErrorCode::kDataLoss, std::move(m)}; }
inline Status Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
inline Status Unauthenticated(std::string m) {
  return {ErrorCode::kUnauthenticated, std::move(m)};
}
inline Status Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }

// Result<T>: a T, or a non-ok Status. Shaped like std::expected.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace lnob

#define LNOB_CONCAT_INNER(a, b) a##b
#define LNOB_CONCAT(a, b) LNOB_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                 \
  do {                                        \
    ::lnob::Status lnob_status_ = (expr);     \
    if (!lnob_status_.ok()) return lnob_status_; \
  } while (0)

#define LNOB_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()

#define ASSIGN_OR_RETURN(lhs, expr) \
  LNOB_ASSIGN_OR_RETURN_IMPL(LNOB_CONCAT(lnob_result_, __LINE__), lhs, expr)
