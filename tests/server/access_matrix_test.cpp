// The authorization matrix (quality.md): every route of the router x every role x {own unit,
// another unit, parent unit}, against the real `lnob serve`, compared with the table in
// docs/access.md. A route of the router missing from the table fails the test.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "server/app.hpp"
#include "tests/server/harness.hpp"

namespace lnob::testing {
namespace {

const char* const kRoles[] = {"province_admin", "province_officer", "commune_officer",
                              "village_head",   "front_supervisor", "auditor"};

struct Place {
  std::string household, province, commune, village;
};
const std::map<std::string, Place> kPlaces = {
    {"H01", {"H01", "08", "00787", "0076301"}},
    {"H03", {"H03", "08", "00787", "0076001"}},
    {"H06", {"H06", "08", "02167", "0216701"}},
    {"H13", {"H13", "10", "10001", "1000101"}},
};

struct User {
  std::string name, level;
  std::map<std::string, std::string> unit, level_of, household;  // by relation
  std::set<std::string> visible_households, visible_units;
};

std::map<std::string, User> Users() {
  User province{"",
                "province",
                {{"own", "08"}, {"other", "10"}},
                {{"own", "province"}, {"other", "province"}},
                {{"own", "H01"}, {"other", "H13"}},
                {"H01", "H02", "H03", "H04", "H05", "H06", "H07", "H08", "H09", "H11", "H12"},
                {"08", "02", "00787", "02167", "0076001", "0076301", "0216701"}};
  User commune{"",
               "commune",
               {{"own", "00787"}, {"other", "02167"}, {"parent", "08"}},
               {{"own", "commune"}, {"other", "commune"}, {"parent", "province"}},
               {{"own", "H01"}, {"other", "H06"}, {"parent", "H06"}},
               {"H01", "H02", "H03", "H04", "H05", "H11"},
               {"00787", "0076001", "0076301"}};
  User village{"",
               "village",
               {{"own", "0076301"}, {"other", "0076001"}, {"parent", "00787"}},
               {{"own", "village"}, {"other", "village"}, {"parent", "commune"}},
               {{"own", "H01"}, {"other", "H03"}, {"parent", "H03"}},
               {"H01", "H02"},
               {"0076301"}};
  std::map<std::string, User> out;
  auto add = [&](const char* role, const char* name, User u) {
    u.name = name;
    out[role] = u;
  };
  add("province_admin", "tinh.admin", province);
  add("province_officer", "tinh.canbo", province);
  add("auditor", "kiemtoan", province);
  add("commune_officer", "xa.meovac", commune);
  add("front_supervisor", "mttq.meovac", commune);
  add("village_head", "thon.pavi", village);
  return out;
}

struct Expect {
  std::string route, relation;
  std::map<std::string, std::string> by_role;  // "200", "200+", "200-", "403", "-"
};

std::vector<Expect> ReadMatrix() {
  std::ifstream in(LNOB_SOURCE_DIR "/docs/access.md");
  std::vector<Expect> out;
  std::string line;
  bool in_matrix = false;
  while (std::getline(in, line)) {
    if (line.rfind("| route | relation |", 0) == 0) in_matrix = true;
    const bool route_row = line.rfind("| GET ", 0) == 0 || line.rfind("| POST ", 0) == 0 ||
                           line.rfind("| DELETE ", 0) == 0;
    if (!in_matrix || !route_row) {
      continue;
    }
    std::vector<std::string> cells;
    std::stringstream ss(line.substr(1));
    for (std::string c; std::getline(ss, c, '|');) {
      c.erase(0, c.find_first_not_of(' '));
      c.erase(c.find_last_not_of(' ') + 1);
      cells.push_back(c);
    }
    if (cells.size() < 8) continue;
    Expect e{cells[0], cells[1], {}};
    for (int i = 0; i < 6; ++i) e.by_role[kRoles[i]] = cells[2 + i];
    out.push_back(std::move(e));
  }
  return out;
}

std::string HouseholdCsv(const Place& p, const std::string& id) {
  return "household_id,province_code,commune_code,village_code,area,survey_date,income_pc_month,"
         "house_area_m2,wall_durable,frame_durable,roof_durable,water_source,toilet_type,"
         "uses_telecom,has_info_device,waste_treated\\n" +
         id + "," + p.province + "," + p.commune + "," + p.village +
         ",rural,2025-11-01,1000000,60,1,1,1,piped,septic,1,1,1\\n";
}

std::string MemberCsv(const std::string& id) {
  return "household_id,member_id,full_name,birth_date,sex,relation,health_insurance,"
         "malnourished,school_attending,education,employment,disability,monthly_allowance\\n" +
         id + ",1,Test,1980,male,head,1,0,0,upper_secondary,self_employed,0,0\\n";
}

class AccessMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    registry_ = new Registry(Registry::Build("matrix"));
    server_ = new ServerProcess(registry_->db_url);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete registry_;
  }
  static Registry* registry_;
  static ServerProcess* server_;
};
Registry* AccessMatrix::registry_ = nullptr;
ServerProcess* AccessMatrix::server_ = nullptr;

// Counts the elements of the array under "rows", "items" (or the "total"); for a CSV export
// (byte-order mark first), whether it has a line past the header.
int RowCount(const std::string& body) {
  if (body.rfind("\xEF\xBB\xBF", 0) == 0) {
    size_t header_end = body.find('\n');
    return header_end != std::string::npos && header_end + 1 < body.size() ? 1 : 0;
  }
  std::smatch m;
  if (std::regex_search(body, m, std::regex("\"total\":([0-9]+)"))) return std::stoi(m[1]);
  size_t p = body.find("\"rows\":[");
  if (p == std::string::npos) p = body.find("\"items\":[");
  if (p == std::string::npos) return -1;
  return body[body.find('[', p) + 1] == ']' ? 0 : 1;
}

TEST_F(AccessMatrix, EveryRouteEveryRoleEveryUnitAsDocumented) {
  // The routes of the router, from the app itself.
  auto app = server::App::Create({.db_url = registry_->db_url});
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  std::set<std::string> routes;
  for (const auto& r : (*app)->router().routes()) routes.insert(r.method + " " + r.pattern);
  std::vector<Expect> matrix = ReadMatrix();
  std::set<std::string> documented;
  for (const Expect& e : matrix) documented.insert(e.route);
  for (const std::string& r : routes) {
    EXPECT_TRUE(documented.count(r)) << r << " is served but missing from docs/access.md";
    for (const char* rel : {"own", "other", "parent"}) {
      bool found = false;
      for (const Expect& e : matrix) found = found || (e.route == r && e.relation == rel);
      EXPECT_TRUE(found) << r << " has no '" << rel << "' row in docs/access.md";
    }
  }
  for (const std::string& r : documented) {
    EXPECT_TRUE(routes.count(r)) << r << " is in docs/access.md but not served";
  }

  HttpClient c(server_->port());
  const auto users = Users();
  std::map<std::string, Session> sessions;
  for (const auto& [role, u] : users) {
    sessions[role] = c.SignIn(u.name);
    ASSERT_FALSE(sessions[role].cookie.empty()) << u.name << " cannot sign in";
  }
  int counter = 0;
  for (const Expect& e : matrix) {
    for (const char* role : kRoles) {
      const std::string want = e.by_role.at(role);
      if (want == "-") continue;
      const User& u = users.at(role);
      const std::string rel = e.relation;
      const Place& place = kPlaces.at(u.household.at(rel));
      const std::string unit = u.unit.at(rel), level = u.level_of.at(rel);
      const std::string id = std::to_string(++counter);
      Session s = sessions[role];
      std::string method = e.route.substr(0, e.route.find(' '));
      std::string target, body;
      const std::string& r = e.route;
      if (r == "GET /api/health" || r == "GET /api/rounds" || r == "GET /api/users" ||
          r == "GET /api/audit" || r == "GET /api/audit/verify" || r == "GET /api/session") {
        target = r.substr(r.find(' ') + 1);
      } else if (r == "POST /api/session") {
        target = "/api/session";
        body = "{\"username\":\"" + u.name + "\",\"password\":\"" + kPassword + "\"}";
      } else if (r == "DELETE /api/session") {
        target = "/api/session";
        s = c.SignIn(u.name);
      } else if (r == "GET /api/units") {
        target = "/api/units?parent=" + unit;
      } else if (r == "GET /api/units/{code}") {
        target = "/api/units/" + unit;
      } else if (r == "GET /api/households") {
        target =
            "/api/households?round=2025&commune=" + place.commune + "&village=" + place.village;
      } else if (r == "POST /api/households/search") {
        target = "/api/households/search";
        body = "{\"round\":2025,\"commune\":\"" + place.commune + "\",\"village\":\"" +
               place.village + "\",\"name\":\"a\"}";
      } else if (r == "GET /api/households/{household_id}") {
        target = "/api/households/" + place.household + "?round=2025";
      } else if (r == "GET /api/rates") {
        target = "/api/rates?round=2025&level=" + level;
      } else if (r == "GET /api/transitions") {
        target = "/api/transitions?from=2024&to=2025&level=" + level;
      } else if (r == "GET /api/targets") {
        target = "/api/targets?round=2025";
      } else if (r == "POST /api/whatif") {
        target = "/api/whatif";
        body = "{\"round\":2025,\"standard\":\"vn-2027-2030\",\"level\":\"" + level + "\"}";
      } else if (r == "GET /api/summary" || r == "GET /api/exports/summary.md" ||
                 r == "GET /api/exports/summary.xlsx") {
        target = r.substr(r.find(' ') + 1) + "?round=2025";
      } else if (r == "GET /api/exports/households.csv" ||
                 r == "GET /api/exports/households.xlsx") {
        target = r.substr(r.find(' ') + 1) + "?round=2025&commune=" + place.commune +
                 "&village=" + place.village;
      } else if (r == "GET /api/exports/rates.csv" || r == "GET /api/exports/rates.xlsx") {
        target = r.substr(r.find(' ') + 1) + "?round=2025&level=" + level;
      } else if (r == "POST /api/imports") {
        target = "/api/imports";
        std::string hid = "T" + id;
        body = "{\"round\":2031,\"kind\":\"regular\",\"households\":\"" + HouseholdCsv(place, hid) +
               "\",\"members\":\"" + MemberCsv(hid) + "\"}";
      } else if (r == "POST /api/rounds/{year}/classify") {
        target = "/api/rounds/2024/classify";  // 2025 also holds province 10
      } else if (r == "POST /api/users") {
        target = "/api/users";
        body = "{\"username\":\"moi." + id + "\",\"role\":\"village_head\",\"unit_code\":\"" +
               unit + "\",\"password\":\"" + kPassword + "\"}";
      } else if (r == "POST /api/users/{username}/disable") {
        std::string victim = "nan.nhan." + id;
        std::string cmd = "printf '%s\\n' '" + std::string(kPassword) + "' | '" + LnobBin() +
                          "' users add --db '" + registry_->db_url + "' --username " + victim +
                          " --role village_head --unit " + unit +
                          " --password-stdin >/dev/null 2>&1";
        ASSERT_EQ(std::system(cmd.c_str()), 0);
        target = "/api/users/" + victim + "/disable";
      } else {
        ADD_FAILURE() << r << ": the test has no request for this route";
        continue;
      }
      HttpResult got = c.Call(method, target, &s, body);
      std::string status = std::to_string(got.status);
      const std::string what = role + std::string(" ") + rel + ": " + method + " " + target;
      EXPECT_EQ(status, want.substr(0, 3)) << what << "\n" << got.body.substr(0, 400);
      if (want.size() == 4 && got.status == 200) {
        int rows = RowCount(got.body);
        EXPECT_EQ(want[3] == '+', rows > 0) << what << " rows: " << got.body.substr(0, 400);
      }
      // Whatever the answer, nothing outside the user's unit leaks into it.
      if (got.status == 200 && r != "GET /api/units" && r != "GET /api/units/{code}" &&
          r != "GET /api/audit" && r.find("/api/users") == std::string::npos) {
        std::smatch m;
        std::string b = got.body;
        std::regex hh("\"household_id\":\"(H[0-9]+)\"");
        for (auto it = std::sregex_iterator(b.begin(), b.end(), hh); it != std::sregex_iterator();
             ++it) {
          EXPECT_TRUE(u.visible_households.count((*it)[1])) << what << " leaks " << (*it)[1];
        }
        // A household CSV: the first field of every line past the header.
        if (b.rfind("\xEF\xBB\xBF", 0) == 0 && r.find("households") != std::string::npos) {
          std::regex line("\n(H[0-9]+),");
          for (auto it = std::sregex_iterator(b.begin(), b.end(), line);
               it != std::sregex_iterator(); ++it) {
            EXPECT_TRUE(u.visible_households.count((*it)[1])) << what << " leaks " << (*it)[1];
          }
        }
        std::regex uc("\"unit_code\":\"([0-9]+)\"");
        if (r != "GET /api/session" && r != "POST /api/session") {
          for (auto it = std::sregex_iterator(b.begin(), b.end(), uc); it != std::sregex_iterator();
               ++it) {
            EXPECT_TRUE(u.visible_units.count((*it)[1])) << what << " shows unit " << (*it)[1];
          }
        }
      }
    }
  }

  // Anonymous: 401 everywhere but health and sign-in.
  for (const auto& route : (*app)->router().routes()) {
    std::string path = std::regex_replace(route.pattern, std::regex("\\{[a-z_]+\\}"), "x");
    HttpResult got =
        c.Call(route.method, path + "?round=2025", nullptr, route.method == "GET" ? "" : "{}");
    int want = route.permission == server::Permission::kPublic ? got.status : 401;
    EXPECT_EQ(got.status, want) << "anonymous " << route.method << " " << route.pattern;
  }
}

}  // namespace
}  // namespace lnob::testing
