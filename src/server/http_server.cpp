// HttpServer on Boost.Beast: the only file of lnob that includes Beast or Asio.
//
// Threading: one io_context run by options.threads threads. The acceptor and every connection
// (Session) have their own strand, so a session's state is touched by one thread at a time; the
// handler runs synchronously on the session's strand. Sessions register in `sessions_` (under
// `mu_`) so that Stop() can reach them.
// Timeouts: beast::tcp_stream expiries. A connection waiting for the first byte of a request has
// idle_timeout; from that byte the whole request (header, 100-continue, body) must arrive within
// read_timeout; each write of the response must make progress within read_timeout.
// Shutdown (Stop, from any thread): set `stopping_`, call on_stop, close the acceptor, close idle
// sessions, let busy ones finish their response (sent with Connection: close) until
// shutdown_grace, force-close the rest, then stop the io_context and join the threads.
#include <fcntl.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "server/http.hpp"

namespace lnob::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using beast::error_code;
using Clock = std::chrono::steady_clock;

constexpr size_t kFirstRead = 8 * 1024;
constexpr size_t kLingerBytes = 1024 * 1024;  // read and drop after an error answer, at most
constexpr std::chrono::milliseconds kLinger{1000};

// A string body whose reader does not reserve the announced Content-Length up front (Beast's
// string_body does): a client announcing 64 MiB and sending nothing costs little.
struct GrowingStringBody {
  using value_type = std::string;
  class reader {
   public:
    template <bool isRequest, class Fields>
    reader(http::header<isRequest, Fields>&, value_type& body) : body_(body) {}
    void init(const boost::optional<std::uint64_t>& length, error_code& ec) {
      if (length) body_.reserve(static_cast<size_t>(std::min<std::uint64_t>(*length, 1 << 20)));
      ec = {};
    }
    template <class ConstBufferSequence>
    size_t put(const ConstBufferSequence& buffers, error_code& ec) {
      size_t n = 0;
      for (auto b : beast::buffers_range_ref(buffers)) {
        body_.append(static_cast<const char*>(b.data()), b.size());
        n += b.size();
      }
      ec = {};
      return n;
    }
    void finish(error_code& ec) { ec = {}; }

   private:
    value_type& body_;
  };
};
using RequestParser = http::request_parser<GrowingStringBody>;

thread_local const void* tl_server = nullptr;  // the server whose I/O thread this is

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes (and '+' as space when `plus_is_space`). False on a malformed escape or a
// decoded NUL.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    if (c == '\0') return false;
    out->push_back(c);
  }
  return true;
}

// Splits the request target into the decoded path and query. The message on failure is for the
// client.
bool DecodeTarget(std::string_view target, HttpRequest* req, std::string* error) {
  if (size_t scheme = target.find("://");
      scheme != std::string_view::npos && target.front() != '/') {  // absolute-form
    size_t slash = target.find('/', scheme + 3);
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  }
  if (target.empty() || (target.front() != '/' && target != "*")) {
    *error = "the request target must start with '/'";
    return false;
  }
  size_t q = target.find('?');
  if (!PercentDecode(target.substr(0, q), false, &req->path)) {
    *error =
        "the path has an invalid percent escape (a % must be followed by two hex digits) or "
        "an encoded NUL (%00)";
    return false;
  }
  if (q == std::string_view::npos) return true;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name, value;
    if (!PercentDecode(pair.substr(0, eq), true, &name) ||
        (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), true, &value))) {
      *error =
          "the query string has an invalid percent escape (a % must be followed by two hex "
          "digits) or an encoded NUL (%00)";
      return false;
    }
    req->query.emplace_back(std::move(name), std::move(value));
  }
  return true;
}

std::string JsonError(std::string_view code, std::string_view message) {
  std::string out = "{\"code\":\"" + std::string(code) + "\",\"message\":\"";
  for (char c : message) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", c);
      out += esc;
    } else {
      out += c;
    }
  }
  return out + "\"}";
}

HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message) {
  return HttpResponse{status, "application/json; charset=utf-8", JsonError(code, message), {}};
}

std::string IsoTimeUtc(std::chrono::system_clock::time_point t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

// IMF-fixdate for the Date header, independent of the C locale.
std::string HttpDate(std::chrono::system_clock::time_point t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday % 7],
                tm.tm_mday, kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

bool ValidHeader(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c <= ' ' || c == ':' || c == 0x7f) return false;
  }
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

void SetCloseOnExec(int fd) {
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

class ServerImpl;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(ServerImpl* server, tcp::socket socket);
  ~Session();
  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->WaitForRequest(); });
  }
  // From Stop: close now if `force` or if no request is in progress.
  void Shutdown(bool force) {
    net::post(stream_.get_executor(), [self = shared_from_this(), force] {
      if (force || self->phase_ == Phase::kIdle) self->CloseNow();
    });
  }

 private:
  enum class Phase { kIdle, kReading, kBusy, kLingering, kClosed };

  void WaitForRequest();
  void OnFirstBytes(error_code ec, size_t n);
  void BeginRequest();
  void OnHeader(error_code ec, size_t = 0);
  void ReadBody();
  void OnBody(error_code ec, size_t = 0);
  void OnReadError(error_code ec);
  void Handle();
  void Send(HttpResponse r, bool keep_alive);
  void WriteSome();
  void OnWrite(error_code ec, size_t n);
  void GracefulClose();
  void Linger();
  void CloseNow();
  // Beast fills method, target and version as soon as the request line is parsed.
  bool StartLineParsed() const { return parser_ && !parser_->get().target().empty(); }

  ServerImpl* server_;
  const ServerOptions& options_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<RequestParser> parser_;
  std::optional<http::response<http::string_body>> res_;
  std::optional<http::response_serializer<http::string_body>> sr_;
  std::string drain_;
  size_t drained_ = 0;
  Phase phase_ = Phase::kIdle;
  AccessLogEntry log_;
  Clock::time_point read_done_;
};

class ServerImpl final : public HttpServer {
 public:
  ServerImpl(ServerOptions options, HttpHandler handler)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        ioc_(options_.threads),
        accept_strand_(net::make_strand(ioc_)),
        acceptor_(accept_strand_),
        accept_retry_(accept_strand_) {}

  ~ServerImpl() override {
    Stop();
    if (stopper_.joinable()) stopper_.join();
  }

  Status Listen(const tcp::endpoint& endpoint, const std::string& listen) {
    error_code ec;
    auto fail = [&](const char* what) {
      return Unavailable("cannot listen on " + listen + ": " + what + ": " + ec.message() +
                         "; choose another address or port, or stop the program using it");
    };
    if (acceptor_.open(endpoint.protocol(), ec); ec) return fail("socket");
    SetCloseOnExec(acceptor_.native_handle());
    if (acceptor_.set_option(net::socket_base::reuse_address(true), ec); ec) return fail("option");
    if (acceptor_.bind(endpoint, ec); ec) return fail("bind");
    if (acceptor_.listen(net::socket_base::max_listen_connections, ec); ec) return fail("listen");
    port_ = acceptor_.local_endpoint(ec).port();
    return OkStatus();
  }

  void Run() {
    work_.emplace(ioc_.get_executor());
    net::post(accept_strand_, [this] { Accept(); });
    for (int i = 0; i < options_.threads; ++i) {
      threads_.emplace_back([this] {
        tl_server = this;
        for (;;) {
          try {
            ioc_.run();
            return;
          } catch (const std::exception& e) {
            std::fprintf(stderr, "lnob http: I/O thread caught: %s\n", e.what());
          }
        }
      });
    }
  }

  int port() const override { return port_; }

  Status RunUntilSignal() override {
    try {
      net::signal_set signals(ioc_, SIGINT, SIGTERM);
      signals.async_wait([this](const error_code& ec, int) {
        if (!ec) RequestStop();
      });
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stop_requested_; });
      }
      Stop();  // the threads are joined before `signals` goes away
    } catch (const std::exception& e) {
      Stop();
      return Internal(std::string("cannot wait for signals: ") + e.what());
    }
    return OkStatus();
  }

  void Stop() override {
    std::unique_lock lock(mu_);
    stop_requested_ = true;
    cv_.notify_all();
    if (!stop_started_) {
      stop_started_ = true;
      if (tl_server == this) {  // from a handler: joining here would deadlock
        stopper_ = std::thread([this] { DoStop(); });
        return;
      }
      lock.unlock();
      DoStop();
      return;
    }
    if (tl_server == this) return;
    cv_.wait(lock, [&] { return stopped_; });
  }

  const ServerOptions& options() const { return options_; }
  const HttpHandler& handler() const { return handler_; }
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }

  void Register(const std::shared_ptr<Session>& s) {
    std::lock_guard lock(mu_);
    sessions_.emplace(s.get(), s);
  }
  void Unregister(Session* s) {
    std::lock_guard lock(mu_);
    sessions_.erase(s);
    if (sessions_.empty()) cv_.notify_all();
  }

  void Log(const AccessLogEntry& e) const {
    if (!options_.access_log) return;
    try {
      options_.access_log(e);
    } catch (const std::exception& ex) {
      std::fprintf(stderr, "lnob http: access log failed: %s\n", ex.what());
    }
  }

 private:
  void RequestStop() {
    std::lock_guard lock(mu_);
    stop_requested_ = true;
    cv_.notify_all();
  }

  void Accept() {
    acceptor_.async_accept(net::make_strand(ioc_), [this](error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || stopping()) return;
      if (ec) {  // e.g. out of file descriptors: retry a little later rather than spin
        std::fprintf(stderr, "lnob http: accept failed: %s\n", ec.message().c_str());
        accept_retry_.expires_after(std::chrono::milliseconds(100));
        accept_retry_.async_wait([this](error_code e) {
          if (!e && !stopping()) Accept();
        });
        return;
      }
      SetCloseOnExec(socket.native_handle());
      socket.set_option(tcp::no_delay(true), ec);
      auto session = std::make_shared<Session>(this, std::move(socket));
      Register(session);
      session->Start();
      Accept();
    });
  }

  std::vector<std::shared_ptr<Session>> Live() {
    std::vector<std::shared_ptr<Session>> out;
    std::lock_guard lock(mu_);
    for (auto& [ptr, weak] : sessions_) {
      if (auto s = weak.lock()) out.push_back(std::move(s));
    }
    return out;
  }

  void DoStop() {
    stopping_.store(true, std::memory_order_release);
    if (options_.on_stop) options_.on_stop();
    auto deadline = Clock::now() + options_.shutdown_grace;
    net::post(accept_strand_, [this] {
      error_code ec;
      acceptor_.close(ec);
      accept_retry_.cancel();
    });
    for (auto& s : Live()) s->Shutdown(false);
    auto wait_empty = [&](Clock::time_point until) {
      std::unique_lock lock(mu_);
      cv_.wait_until(lock, until, [&] { return sessions_.empty(); });
    };
    wait_empty(deadline);
    for (auto& s : Live()) s->Shutdown(true);
    wait_empty(Clock::now() + std::chrono::seconds(2));
    work_.reset();
    ioc_.stop();
    for (auto& t : threads_) t.join();
    std::lock_guard lock(mu_);
    stopped_ = true;
    cv_.notify_all();
  }

  const ServerOptions options_;
  const HttpHandler handler_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;  // guarded by mu_
  bool stop_requested_ = false;                                    // guarded by mu_
  bool stop_started_ = false;                                      // guarded by mu_
  bool stopped_ = false;                                           // guarded by mu_
  std::thread stopper_;  // runs DoStop when Stop was called from an I/O thread
  // Destroyed before the members above: pending handlers still own sessions that unregister.
  net::io_context ioc_;
  net::strand<net::io_context::executor_type> accept_strand_;
  tcp::acceptor acceptor_;
  net::steady_timer accept_retry_;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
};

Session::Session(ServerImpl* server, tcp::socket socket)
    : server_(server), options_(server->options()), stream_(std::move(socket)) {
  error_code ec;
  auto address = stream_.socket().remote_endpoint(ec).address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
  }
  log_.remote = ec ? "-" : address.to_string();
}

Session::~Session() {
  server_->Unregister(this);
}

void Session::WaitForRequest() {
  if (phase_ == Phase::kClosed) return;
  if (server_->stopping()) return CloseNow();
  phase_ = Phase::kIdle;
  if (buffer_.size() > 0) return BeginRequest();  // a pipelined request
  if (buffer_.capacity() > 64 * 1024) buffer_.shrink_to_fit();
  stream_.expires_after(options_.idle_timeout);
  stream_.async_read_some(buffer_.prepare(kFirstRead),
                          beast::bind_front_handler(&Session::OnFirstBytes, shared_from_this()));
}

void Session::OnFirstBytes(error_code ec, size_t n) {
  if (ec || phase_ != Phase::kIdle) return CloseNow();  // idle timeout, peer gone, or shutdown
  buffer_.commit(n);
  BeginRequest();
}

void Session::BeginRequest() {
  phase_ = Phase::kReading;
  stream_.expires_after(options_.read_timeout);  // for the whole request from its first byte
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(
      std::min<size_t>(options_.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  parser_->body_limit(static_cast<std::uint64_t>(options_.max_body_bytes));
  log_.method.clear();
  log_.path.clear();
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
}

void Session::OnHeader(error_code ec, size_t) {
  if (ec) return OnReadError(ec);
  if (parser_->is_done()) return OnBody({});
  auto& req = parser_->get();
  if (beast::iequals(req[http::field::expect], "100-continue")) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                     [self = shared_from_this()](error_code e, size_t) {
                       if (e) return self->CloseNow();
                       self->ReadBody();
                     });
    return;
  }
  ReadBody();
}

void Session::ReadBody() {
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&Session::OnBody, shared_from_this()));
}

void Session::OnBody(error_code ec, size_t) {
  if (ec) return OnReadError(ec);
  read_done_ = Clock::now();
  Handle();
}

void Session::OnReadError(error_code ec) {
  read_done_ = Clock::now();
  if (StartLineParsed()) {
    log_.method = std::string(parser_->get().method_string());
    HttpRequest scratch;
    std::string ignored;
    log_.path = DecodeTarget(parser_->get().target(), &scratch, &ignored) ? scratch.path : "-";
  } else {
    log_.method = "-";
    log_.path = "-";
  }
  if (ec == http::error::header_limit) {
    return Send(ErrorResponse(431, "headers_too_large",
                              "the request headers are larger than the limit of " +
                                  std::to_string(options_.max_header_bytes) + " bytes"),
                false);
  }
  if (ec == http::error::body_limit) {
    return Send(ErrorResponse(413, "payload_too_large",
                              "the request body is larger than the limit of " +
                                  std::to_string(options_.max_body_bytes) +
                                  " bytes; send a smaller file or split it"),
                false);
  }
  if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message) {
    return Send(ErrorResponse(400, "bad_request", "malformed HTTP request: " + ec.message()),
                false);
  }
  CloseNow();  // timeout, peer gone, shutdown: nobody to answer
}

void Session::Handle() {
  phase_ = Phase::kBusy;
  auto& msg = parser_->get();
  HttpRequest req;
  req.method = std::string(msg.method_string());
  req.raw_target = std::string(msg.target());
  req.remote = log_.remote;
  log_.method = req.method;
  bool keep_alive = msg.keep_alive();
  std::string error;
  if (!DecodeTarget(req.raw_target, &req, &error)) {
    log_.path = "-";
    return Send(ErrorResponse(400, "bad_request", error), keep_alive);
  }
  log_.path = req.path;
  req.headers.reserve(static_cast<size_t>(std::distance(msg.begin(), msg.end())));
  for (const auto& f : msg) req.headers.emplace_back(Lower(f.name_string()), f.value());
  req.body = std::move(msg.body());
  HttpResponse res;
  try {
    res = server_->handler()(req);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lnob http: handler threw: %s\n", e.what());
    res = ErrorResponse(500, "internal", "internal error");
  } catch (...) {
    std::fprintf(stderr, "lnob http: handler threw a non-standard exception\n");
    res = ErrorResponse(500, "internal", "internal error");
  }
  Send(std::move(res), keep_alive);
}

void Session::Send(HttpResponse r, bool keep_alive) {
  phase_ = Phase::kBusy;
  log_.user.clear();
  bool has_cache_control = false;
  bool valid = r.status >= 200 && r.status <= 599 && ValidHeader("Content-Type", r.content_type);
  for (const auto& [name, value] : r.headers) {
    valid = valid && ValidHeader(name, value);
    if (beast::iequals(name, "x-lnob-user")) log_.user = value;
    if (beast::iequals(name, "cache-control")) has_cache_control = true;
  }
  if (!valid) {
    std::fprintf(stderr, "lnob http: handler returned status %d or an invalid header\n", r.status);
    r = ErrorResponse(500, "internal", "internal error");
    has_cache_control = false;
    log_.user.clear();
  }
  unsigned version = StartLineParsed() ? parser_->get().version() : 11;
  bool head = StartLineParsed() && parser_->get().method() == http::verb::head;
  res_.emplace(static_cast<http::status>(r.status), version == 10 ? 10 : 11);
  if (!r.content_type.empty()) res_->set(http::field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) {
    // The server frames the body itself; the user header is for the access log only.
    if (beast::iequals(name, "x-lnob-user") || beast::iequals(name, "content-length") ||
        beast::iequals(name, "transfer-encoding")) {
      continue;
    }
    res_->insert(name, value);
  }
  if (!has_cache_control) res_->set(http::field::cache_control, "no-store");
  res_->set("X-Content-Type-Options", "nosniff");
  res_->set(http::field::date, HttpDate(std::chrono::system_clock::now()));
  res_->keep_alive(keep_alive && !server_->stopping());
  if (r.status == 204 || r.status == 304) {
    r.body.clear();
  } else {
    res_->content_length(r.body.size());
    if (head) r.body.clear();
  }
  log_.bytes = r.body.size();
  res_->body() = std::move(r.body);
  sr_.emplace(*res_);
  WriteSome();
}

void Session::WriteSome() {
  stream_.expires_after(options_.read_timeout);  // each write must make progress
  http::async_write_some(stream_, *sr_,
                         beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
}

void Session::OnWrite(error_code ec, size_t) {
  if (!ec && !sr_->is_done()) return WriteSome();
  auto done = Clock::now();
  log_.time = IsoTimeUtc(std::chrono::system_clock::now() - (done - read_done_));
  log_.status = static_cast<int>(res_->result_int());
  log_.micros = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(done - read_done_).count());
  server_->Log(log_);
  bool keep_alive = res_->keep_alive();
  sr_.reset();
  res_.reset();
  parser_.reset();
  if (ec) return CloseNow();
  if (!keep_alive) return GracefulClose();
  WaitForRequest();
}

// Half-closes, then reads and drops what the client still sends (e.g. the body of a refused
// upload) for a moment, so that closing does not reset the connection before it read the answer.
void Session::GracefulClose() {
  phase_ = Phase::kLingering;
  error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) return CloseNow();
  drain_.resize(16 * 1024);
  drained_ = 0;
  stream_.expires_after(std::min<std::chrono::milliseconds>(kLinger, options_.read_timeout));
  Linger();
}

void Session::Linger() {
  stream_.async_read_some(net::buffer(drain_),
                          [self = shared_from_this()](error_code ec, size_t n) {
                            self->drained_ += n;
                            if (ec || self->drained_ > kLingerBytes) return self->CloseNow();
                            self->Linger();
                          });
}

void Session::CloseNow() {
  phase_ = Phase::kClosed;
  error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
}

// "host:port" with an IPv4 literal, a bracketed IPv6 literal or localhost.
Result<tcp::endpoint> ParseListen(const std::string& listen) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument(
        "invalid listen address \"" + listen + "\": " + why +
        " (expected host:port, e.g. 127.0.0.1:8080, [::1]:8080, localhost:8080)");
  };
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return bad("no port");
  std::string host = listen.substr(0, colon);
  std::string port_text = listen.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5 ||
      port_text.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(port_text) > 65535) {
    return bad("the port must be a number from 0 to 65535");
  }
  auto port = static_cast<unsigned short>(std::stoul(port_text));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    return bad("write an IPv6 address in brackets");
  }
  if (host.empty()) return bad("no host (use 0.0.0.0 for every interface)");
  if (Lower(host) == "localhost") host = "127.0.0.1";
  error_code ec;
  auto address = net::ip::make_address(host, ec);
  if (ec) return bad("\"" + host + "\" is not an IP address");
  return tcp::endpoint(address, port);
}

}  // namespace

Result<std::unique_ptr<HttpServer>> HttpServer::Start(ServerOptions options, HttpHandler handler) {
  if (!handler) return InvalidArgument("HttpServer::Start needs a handler");
  if (options.threads < 1 || options.threads > 256) {
    return InvalidArgument("the number of server threads must be from 1 to 256, not " +
                           std::to_string(options.threads));
  }
  ASSIGN_OR_RETURN(tcp::endpoint endpoint, ParseListen(options.listen));
  std::string listen = options.listen;
  auto server = std::make_unique<ServerImpl>(std::move(options), std::move(handler));
  RETURN_IF_ERROR(server->Listen(endpoint, listen));
  server->Run();
  return std::unique_ptr<HttpServer>(std::move(server));
}

}  // namespace lnob::server
