// The API from outside (issue 5): sessions, CSRF, throttling, disabling, timeouts, personal-data
// masks, the audit trail, and bad input that gets a clear 4xx and changes nothing. Each test talks
// HTTP to the real `lnob serve` on 127.0.0.1.
#include <gtest/gtest.h>

#include "tests/server/harness.hpp"

namespace lnob::testing {
namespace {

class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    registry_ = new Registry(Registry::Build("api"));
    server_ = new ServerProcess(registry_->db_url);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete registry_;
  }
  HttpClient client() const { return HttpClient(server_->port()); }
  static Registry* registry_;
  static ServerProcess* server_;
};
Registry* Api::registry_ = nullptr;
ServerProcess* Api::server_ = nullptr;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(Api, HealthAndSignInOut) {
  HttpClient c = client();
  HttpResult health = c.Get("/api/health", nullptr);
  EXPECT_EQ(health.status, 200);
  EXPECT_TRUE(Has(health.body, "{\"status\":\"ok\",\"rounds\":4,")) << health.body;
  HttpResult in =
      c.Call("POST", "/api/session", nullptr,
             std::string("{\"username\":\"xa.meovac\",\"password\":\"") + kPassword + "\"}");
  ASSERT_EQ(in.status, 200) << in.body;
  const std::string& cookie = in.headers["set-cookie"];
  EXPECT_TRUE(Has(cookie, "HttpOnly")) << cookie;
  EXPECT_TRUE(Has(cookie, "SameSite=Strict")) << cookie;
  EXPECT_FALSE(Has(cookie, "Secure")) << "plain HTTP on loopback";
  Session s = c.SignIn("xa.meovac");
  EXPECT_EQ(c.Get("/api/session", &s).status, 200);
  EXPECT_EQ(c.Call("DELETE", "/api/session", &s).status, 200);
  EXPECT_EQ(c.Get("/api/session", &s).status, 401) << "signing out ends the session at once";
}

TEST_F(Api, WrongPasswordsAreThrottledPerAccount) {
  HttpClient c = client();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(c.SignIn("mttq.meovac", "sai-mat-khau-roi").cookie, "");
  }
  HttpResult r =
      c.Call("POST", "/api/session", nullptr,
             std::string("{\"username\":\"mttq.meovac\",\"password\":\"") + kPassword + "\"}");
  EXPECT_EQ(r.status, 429) << "even the right password waits after 5 failures: " << r.body;
  EXPECT_TRUE(Has(r.body, "too_many_attempts"));
  HttpResult unknown =
      c.Call("POST", "/api/session", nullptr, "{\"username\":\"khong.co\",\"password\":\"x\"}");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_TRUE(Has(unknown.body, "wrong username or password")) << "no hint that it is unknown";
}

TEST_F(Api, StateChangesNeedTheSessionsCsrfToken) {
  HttpClient c = client();
  Session s = c.SignIn("tinh.admin");
  Session no_csrf = s;
  no_csrf.csrf = "";
  HttpResult r = c.Call("POST", "/api/users", &no_csrf,
                        std::string("{\"username\":\"csrf.test\",\"role\":\"auditor\","
                                    "\"unit_code\":\"08\",\"password\":\"") +
                            kPassword + "\"}");
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_TRUE(Has(r.body, "csrf"));
  EXPECT_FALSE(Has(c.Get("/api/users", &s).body, "csrf.test")) << "nothing was created";
}

TEST_F(Api, DisablingAUserEndsItsSessionsAtOnce) {
  HttpClient c = client();
  Session admin = c.SignIn("tinh.admin");
  ASSERT_EQ(c.Call("POST", "/api/users", &admin,
                   std::string("{\"username\":\"se.bi.khoa\",\"role\":\"commune_officer\","
                               "\"unit_code\":\"00787\",\"password\":\"") +
                       kPassword + "\"}")
                .status,
            201);
  Session victim = c.SignIn("se.bi.khoa");
  ASSERT_EQ(c.Get("/api/session", &victim).status, 200);
  ASSERT_EQ(c.Call("POST", "/api/users/se.bi.khoa/disable", &admin).status, 200);
  EXPECT_EQ(c.Get("/api/session", &victim).status, 401);
  EXPECT_EQ(c.SignIn("se.bi.khoa").cookie, "");
}

TEST_F(Api, IdleSessionsEndButActiveOnesLast) {
  // Idle limit 5 s; each step is checked right after the last use, so that a slow sign-in (argon2id
  // on a loaded machine takes seconds) cannot age a session before its check.
  ServerProcess short_idle(registry_->db_url, {"--session-idle", "5"});
  HttpClient c(short_idle.port());
  Session idle = c.SignIn("tinh.canbo");
  ASSERT_EQ(c.Get("/api/session", &idle).status, 200);
  Session busy = c.SignIn("tinh.admin");
  for (int i = 0; i < 8; ++i) {  // 8 s of use, a request a second: never idle for 5 s
    sleep(1);
    ASSERT_EQ(c.Get("/api/session", &busy).status, 200) << "an active session lasts";
  }
  EXPECT_EQ(c.Get("/api/session", &idle).status, 401);
}

TEST_F(Api, PersonalFieldsFollowTheRole) {
  HttpClient c = client();
  Session xa = c.SignIn("xa.meovac"), kt = c.SignIn("kiemtoan"), thon = c.SignIn("thon.pavi");
  HttpResult full = c.Get("/api/households/H01?round=2025", &xa);
  ASSERT_EQ(full.status, 200);
  EXPECT_TRUE(Has(full.body, "\"national_id\":\"002001001234\""))
      << "the commune issues certificates";
  EXPECT_TRUE(Has(full.body, "\"full_name\""));
  HttpResult masked = c.Get("/api/households/H01?round=2025", &kt);
  ASSERT_EQ(masked.status, 200);
  EXPECT_TRUE(Has(masked.body, "\"national_id\":\"********1234\"")) << masked.body;
  EXPECT_FALSE(Has(masked.body, "001234\"") && Has(masked.body, "002001001234"));
  EXPECT_FALSE(Has(masked.body, "full_name"));
  EXPECT_FALSE(Has(masked.body, "ethnicity"));
  EXPECT_FALSE(Has(masked.body, "\"health_insurance\":"));
  EXPECT_FALSE(Has(masked.body, "income_pc_month"));
  EXPECT_TRUE(Has(masked.body, "\"birth_date\":\"1980\"")) << "the year only";
  HttpResult village = c.Get("/api/households/H01?round=2025", &thon);
  EXPECT_FALSE(Has(village.body, "\"health_insurance\":"));
  EXPECT_TRUE(Has(village.body, "income_pc_month"));
  // Personal search terms never in a URL.
  HttpResult url = c.Get("/api/households?round=2025&name=Gi%C3%A0ng", &xa);
  EXPECT_EQ(url.status, 400);
  EXPECT_TRUE(Has(url.body, "POST /api/households/search"));
  HttpResult by_id = c.Call("POST", "/api/households/search", &xa,
                            "{\"round\":2025,\"citizen_id\":\"002001001234\"}");
  EXPECT_EQ(by_id.status, 200);
  EXPECT_TRUE(Has(by_id.body, "\"total\":1")) << by_id.body;
  EXPECT_EQ(c.Call("POST", "/api/households/search", &thon,
                   "{\"round\":2025,\"citizen_id\":\"002001001234\"}")
                .status,
            403);
}

TEST_F(Api, ReadsAndRefusalsAreAuditedInAChainThatVerifies) {
  HttpClient c = client();
  Session xa = c.SignIn("xa.meovac");
  ASSERT_EQ(c.Get("/api/households/H03?round=2025", &xa).status, 200);
  EXPECT_EQ(c.Get("/api/users", &xa).status, 403);
  Session kt = c.SignIn("kiemtoan");
  HttpResult reads = c.Get("/api/audit?actor=xa.meovac&action=household.read", &kt);
  EXPECT_TRUE(Has(reads.body, "\"target\":\"H03\"")) << reads.body;
  HttpResult denied = c.Get("/api/audit?actor=xa.meovac&action=request.denied", &kt);
  EXPECT_TRUE(Has(denied.body, "/api/users")) << denied.body;
  EXPECT_FALSE(Has(c.Get("/api/audit?limit=1000", &kt).body, "002001001234"))
      << "no citizen ID in the audit trail";
  EXPECT_TRUE(Has(c.Get("/api/audit/verify", &kt).body, "\"intact\":true"));
}

TEST_F(Api, BadInputGetsA4xxAndChangesNothing) {
  HttpClient c = client();
  Session s = c.SignIn("tinh.admin");
  const std::string before = c.Get("/api/rounds", &s).body;
  struct Case {
    std::string method, target, body;
    int status;
    std::string says;
  } cases[] = {
      {"POST", "/api/imports", "{\"round\":2031,", 400, "not valid JSON"},
      {"POST", "/api/imports", "[1,2]", 400, "JSON object"},
      {"POST", "/api/imports", "{\"round\":\"2031\"}", 400, "'round' must be a whole number"},
      {"POST", "/api/imports", "{\"round\":2031,\"surprise\":1}", 400, "unknown field 'surprise'"},
      {"POST", "/api/imports", "{\"round\":2031,\"households\":\"\xff\xfe\",\"members\":\"\"}", 400,
       "not valid JSON"},
      {"POST", "/api/imports",
       "{\"round\":2031,\"households\":\"household_id\\nH1\\n\",\"members\":\"x\\n\"}", 422,
       "invalid_input"},
      {"GET", "/api/households?round=2025%27%20OR%20%271%27%3D%271", "", 400, "round"},
      {"GET", "/api/households/H01%27%20OR%20%271%27%3D%271?round=2025", "", 404, "not_found"},
      {"GET", "/api/households?round=2025&commune=00787%27%3BDROP%20TABLE%20units%3B--", "", 200,
       "total"},
      {"GET", "/api/households?round=2025 OR 1=1", "", 400, "bad_request"},
      {"GET", "/api/../../etc/passwd", "", 404, "not_found"},
      {"GET", "/api/households/%2e%2e/%2e%2e/etc", "", 404, "not_found"},
      {"GET", "/api/rates?round=2025&level=district", "", 400, "province, commune or village"},
      {"GET", "/api/rates?round=2025&units_on=31/12/2024", "", 400, "YYYY-MM-DD"},
      {"PUT", "/api/rates", "", 405, "method_not_allowed"},
      {"POST", "/api/whatif", "{\"round\":2025,\"set\":[\"line.rural=abc\"]}", 400, "line"},
  };
  for (const Case& k : cases) {
    HttpResult r = c.Call(k.method, k.target, &s, k.body);
    EXPECT_EQ(r.status, k.status) << k.method << " " << k.target << "\n" << r.body;
    EXPECT_TRUE(Has(r.body, k.says)) << k.method << " " << k.target << "\n" << r.body;
    EXPECT_TRUE(Has(r.body, "\"code\":") || r.status == 200) << r.body;
  }
  // Over the body limit: refused before it is read.
  std::string big = c.Raw(
      "POST /api/imports HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n"
      "Content-Type: application/json\r\n\r\n{");
  EXPECT_TRUE(Has(big, " 413 ")) << big.substr(0, 200);
  EXPECT_TRUE(Has(c.Raw("GARBAGE\r\n\r\n"), " 400 "));
  EXPECT_EQ(c.Get("/api/rounds", &s).body, before) << "no bad request changed anything";
  HttpResult units = c.Get("/api/units?parent=08", &s);
  EXPECT_TRUE(Has(units.body, "00787")) << "the units table is still there";
}

TEST_F(Api, AnImportOutsideTheUnitStoresNothing) {
  HttpClient c = client();
  Session xa = c.SignIn("xa.meovac");
  const std::string head =
      "household_id,province_code,commune_code,village_code,area,survey_date,income_pc_month,"
      "house_area_m2,wall_durable,frame_durable,roof_durable,water_source,toilet_type,"
      "uses_telecom,has_info_device,waste_treated\\n";
  const std::string members =
      "household_id,member_id,birth_date,sex,relation,health_insurance,malnourished,"
      "school_attending,education,employment,disability,monthly_allowance\\n"
      "N1,1,1980,male,head,1,0,0,primary,self_employed,0,0\\n"
      "N2,1,1980,male,head,1,0,0,primary,self_employed,0,0\\n";
  std::string body = "{\"round\":2032,\"households\":\"" + head +
                     "N1,08,00787,0076301,rural,2025-11-01,1000000,60,1,1,1,piped,septic,1,1,1\\n"
                     "N2,08,02167,0216701,rural,2025-11-01,1000000,60,1,1,1,piped,septic,1,1,1\\n"
                     "\",\"members\":\"" +
                     members + "\"}";
  HttpResult r = c.Call("POST", "/api/imports", &xa, body);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_TRUE(Has(r.body, "N2")) << r.body;
  EXPECT_FALSE(Has(c.Get("/api/rounds", &xa).body, "2032")) << "no round was created";
}

}  // namespace
}  // namespace lnob::testing
