#include "server/api.hpp"

#include <charconv>

namespace lnob::server {

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return 200;
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kDataLoss:
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

HttpResponse ErrorResponse(int http_status, std::string_view code, std::string_view message,
                           const boost::json::object* extra) {
  boost::json::object o;
  o["code"] = code;
  o["message"] = message;
  if (extra) {
    for (const auto& [k, v] : *extra) o[k] = v;
  }
  return JsonResponse(http_status, o);
}

HttpResponse ErrorResponse(const Status& status) {
  int http = HttpStatus(status.code());
  if (http == 500) return ErrorResponse(500, "internal", "internal error");
  return ErrorResponse(http, ErrorCodeName(status.code()), status.message());
}

HttpResponse JsonResponse(int http_status, const boost::json::value& body) {
  return HttpResponse{
      http_status, "application/json; charset=utf-8", boost::json::serialize(body), {}};
}

HttpResponse TextResponse(int http_status, std::string content_type, std::string body) {
  return HttpResponse{http_status, std::move(content_type), std::move(body), {}};
}

Result<boost::json::object> ParseBody(const HttpRequest& req,
                                      std::initializer_list<std::string_view> allowed) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(req.body, ec);
  if (ec) {
    return InvalidArgument("the request body is not valid JSON (" + ec.message() +
                           "); send a JSON object");
  }
  if (!v.is_object()) return InvalidArgument("the request body must be a JSON object");
  boost::json::object& o = v.as_object();
  for (const auto& [k, _] : o) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == std::string_view(k);
    if (!known) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return InvalidArgument("unknown field '" + std::string(k) + "'; the fields are: " + list);
    }
  }
  return std::move(o);
}

Result<std::string> StringField(const boost::json::object& o, std::string_view key, bool required) {
  const boost::json::value* v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (required) return InvalidArgument("field '" + std::string(key) + "' is required");
    return std::string();
  }
  if (!v->is_string()) return InvalidArgument("field '" + std::string(key) + "' must be a string");
  return std::string(v->as_string());
}

Result<std::optional<int64_t>> IntField(const boost::json::object& o, std::string_view key,
                                        bool required) {
  const boost::json::value* v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (required) return InvalidArgument("field '" + std::string(key) + "' is required");
    return std::optional<int64_t>();
  }
  if (!v->is_int64()) {
    return InvalidArgument("field '" + std::string(key) + "' must be a whole number");
  }
  return std::optional<int64_t>(v->as_int64());
}

Result<std::optional<int64_t>> QueryInt(const HttpRequest& req, std::string_view name,
                                        bool required, int64_t min, int64_t max) {
  std::optional<std::string> text = req.Query(name);
  if (!text) {
    if (required) {
      return InvalidArgument("query parameter '" + std::string(name) + "' is required");
    }
    return std::optional<int64_t>();
  }
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || v < min || v > max) {
    return InvalidArgument("query parameter '" + std::string(name) +
                           "' must be a whole number from " + std::to_string(min) + " to " +
                           std::to_string(max));
  }
  return std::optional<int64_t>(v);
}

Result<std::optional<Date>> QueryDate(const HttpRequest& req, std::string_view name) {
  std::optional<std::string> text = req.Query(name);
  if (!text) return std::optional<Date>();
  auto d = ParseIsoDate(*text);
  if (!d.ok()) {
    return InvalidArgument("query parameter '" + std::string(name) + "' must be a date YYYY-MM-DD");
  }
  return std::optional<Date>(*d);
}

Lang RequestLang(const HttpRequest& req) {
  if (auto l = req.Query("lang")) return ParseLang(*l);
  std::string_view al = req.Header("accept-language");
  return al.substr(0, 2) == "en" ? Lang::kEn : Lang::kVi;
}

}  // namespace lnob::server
