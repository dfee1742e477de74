// The JSON conventions of the API, in one place: errors `{"code": ..., "message": ...}` with the
// HTTP status of their code, JSON bodies parsed against an allow-list of fields, query parameters
// parsed with clear messages.
//
//   return ErrorResponse(NotFound("no household H1 in round 2024"));        // 404
//   ASSIGN_OR_RETURN(boost::json::object body, ParseBody(req, {"username", "password"}));
//   ASSIGN_OR_RETURN(int year, QueryInt(req, "round", /*required=*/true));
//
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.hpp"
#include "common/lang.hpp"
#include "common/result.hpp"
#include "server/http.hpp"

namespace lnob::server {

// The HTTP status of an error code: invalid_argument 400, unauthenticated 401,
// permission_denied 403, not_found 404, already_exists and failed_precondition 409, unavailable
// 503, everything else 500 (whose message is replaced by "internal error": never leak internals).
int HttpStatus(ErrorCode code);
HttpResponse ErrorResponse(const Status& status);
// An error with its own code and status (e.g. 422 "invalid_input" with a list of input errors).
HttpResponse ErrorResponse(int http_status, std::string_view code, std::string_view message,
                           const boost::json::object* extra = nullptr);

HttpResponse JsonResponse(int http_status, const boost::json::value& body);
HttpResponse TextResponse(int http_status, std::string content_type, std::string body);

// The request body as a JSON object whose keys are all in `allowed`. InvalidArgument for a body
// that is not JSON (malformed, invalid UTF-8), not an object, or has an unknown field (named).
Result<boost::json::object> ParseBody(const HttpRequest& req,
                                      std::initializer_list<std::string_view> allowed);
// Field accessors with type checks: InvalidArgument "field 'x' must be ..." when wrong or missing.
Result<std::string> StringField(const boost::json::object& o, std::string_view key, bool required);
Result<std::optional<int64_t>> IntField(const boost::json::object& o, std::string_view key,
                                        bool required);

// Query parameters: InvalidArgument "query parameter 'round' must be ..." when malformed or missing
// (when required); nullopt when absent and optional.
Result<std::optional<int64_t>> QueryInt(const HttpRequest& req, std::string_view name,
                                        bool required, int64_t min, int64_t max);
Result<std::optional<Date>> QueryDate(const HttpRequest& req, std::string_view name);
// The language of the answer: ?lang=, else Accept-Language starting with "en", else Vietnamese.
Lang RequestLang(const HttpRequest& req);

}  // namespace lnob::server
