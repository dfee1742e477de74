// Exports over HTTP (issue 5): the household list as CSV and XLSX (same filters and scope as
// GET /api/households, masked per role exactly like its JSON, formula-safe cells, audited) and the
// provincial summary as Markdown and XLSX, on a generated province and the real `lnob serve`.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/server/gen_registry.hpp"

namespace lnob::testing {
namespace {

namespace json = boost::json;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// RFC 4180 records of `text` (quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        rows.back().back() += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      rows.back().emplace_back();
    } else if (ch == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += ch;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

// What a spreadsheet-safe cell shows for `text` (report::SpreadsheetSafe).
std::string Safe(const std::string& text) {
  if (!text.empty() && std::string("=+-@\t\r").find(text[0]) != std::string::npos) {
    return "'" + text;
  }
  return text;
}

class Exports : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    gen_ = new GenRegistry(GenRegistry::Build("exports", 400));
    server_ = new ServerProcess(gen_->reg.db_url);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete gen_;
  }
  static Session& SignedIn(const std::string& user) {
    Session& s = (*sessions_)[user];
    if (s.cookie.empty()) s = HttpClient(server_->port()).SignIn(user);
    return s;
  }
  // The JSON list's items for `query` (every page).
  static json::array List(const std::string& user, const std::string& query) {
    HttpClient c(server_->port());
    json::array all;
    for (int page = 1;; ++page) {
      HttpResult r =
          c.Get("/api/households?round=2025&page_size=500&page=" + std::to_string(page) + query,
                &SignedIn(user));
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) break;
      json::array items = json::parse(r.body).at("items").as_array();
      if (items.empty()) break;
      for (auto& v : items) all.push_back(v);
    }
    return all;
  }
  // The newest audit entries of `action`, as the administrator reads them.
  static json::array AuditOf(const std::string& action) {
    HttpClient c(server_->port());
    HttpResult r = c.Get("/api/audit?action=" + action + "&limit=50", &SignedIn(kGenAdmin));
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).at("items").as_array();
  }
  // The shared strings of an XLSX workbook (the text of its cells).
  static std::string SharedStrings(const std::string& xlsx) {
    const std::string path = gen_->reg.dir + "/export.xlsx";
    std::ofstream(path, std::ios::binary) << xlsx;
    std::string cmd = "unzip -p '" + path + "' xl/sharedStrings.xml";
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    char buf[4096];
    for (size_t n; p && (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    if (p) ::pclose(p);
    return out;
  }

  static GenRegistry* gen_;
  static ServerProcess* server_;
  static inline std::map<std::string, Session>* sessions_ = new std::map<std::string, Session>;
};
GenRegistry* Exports::gen_ = nullptr;
ServerProcess* Exports::server_ = nullptr;

TEST_F(Exports, HouseholdCsvIsTheJsonListMaskedPerRole) {
  const std::vector<std::string> all_columns = {"household_id",      "commune_code", "commune_name",
                                                "village_code",      "village_name", "category",
                                                "deprivation_count", "persons",      "head_name"};
  for (const char* user :
       {kGenAdmin, kGenOfficer, kGenBigCommune, kGenCommune, kGenFront, kGenAuditor}) {
    for (const std::string& query : std::vector<std::string>{
             "", "&commune=" + gen_->small_commune, "&category=poor",
             "&commune=" + gen_->big_commune + "&village=" + gen_->big_commune + "03"}) {
      HttpClient c(server_->port());
      HttpResult r = c.Get("/api/exports/households.csv?round=2025" + query, &SignedIn(user));
      ASSERT_EQ(r.status, 200) << user << query << "\n" << r.body;
      EXPECT_EQ(r.headers["content-type"], "text/csv; charset=utf-8");
      EXPECT_TRUE(Has(r.headers["content-disposition"], "lnob-households-2025.csv"));
      ASSERT_EQ(r.body.substr(0, 3), "\xEF\xBB\xBF") << "a byte-order mark for Excel";
      auto rows = ParseCsv(r.body.substr(3));
      ASSERT_FALSE(rows.empty());
      const bool names = std::string(user) != kGenAuditor;
      std::vector<std::string> columns(all_columns.begin(), all_columns.end() - (names ? 0 : 1));
      EXPECT_EQ(rows[0], columns) << user;
      json::array list = List(user, query);
      ASSERT_EQ(rows.size() - 1, list.size()) << user << query;
      for (size_t i = 0; i < list.size(); ++i) {
        const json::object& o = list[i].as_object();
        std::vector<std::string> want;
        for (const std::string& k : columns) {
          const json::value* v = o.if_contains(k);
          want.push_back(!v               ? ""
                         : v->is_string() ? Safe(std::string(v->as_string()))
                                          : json::serialize(*v));
        }
        EXPECT_EQ(rows[i + 1], want) << user << query << " row " << i + 1;
      }
      for (const GenHousehold& h : gen_->households) {
        for (const GenMember& m : h.members) {
          ASSERT_FALSE(Has(r.body, m.citizen_id)) << "no citizen ID in a household list";
        }
      }
    }
  }
}

TEST_F(Exports, HouseholdExportsAreFormulaSafeAndOnlyForExporters) {
  const GenHousehold* formula = nullptr;
  for (const GenHousehold& h : gen_->households) {
    if (h.members[0].name[0] == '=') formula = &h;
  }
  ASSERT_NE(formula, nullptr);
  HttpClient c(server_->port());
  HttpResult csv = c.Get("/api/exports/households.csv?round=2025&commune=" + formula->commune,
                         &SignedIn(kGenAdmin));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_TRUE(Has(csv.body, "," + Safe(formula->members[0].name) + "\n")) << csv.body;
  EXPECT_FALSE(Has(csv.body, "," + formula->members[0].name + "\n"));

  HttpResult xlsx = c.Get("/api/exports/households.xlsx?round=2025&commune=" + formula->commune,
                          &SignedIn(kGenAdmin));
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.headers["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_TRUE(Has(xlsx.headers["content-disposition"], "lnob-households-2025.xlsx"));
  ASSERT_EQ(xlsx.body.substr(0, 4), std::string("PK\x03\x04", 4));
  const std::string strings = SharedStrings(xlsx.body);
  EXPECT_TRUE(Has(strings, Safe(formula->members[0].name))) << strings.substr(0, 400);
  EXPECT_TRUE(Has(strings, formula->id));

  // The auditor's workbook holds no name; the village head may not export.
  HttpResult audited = c.Get("/api/exports/households.xlsx?round=2025&commune=" + formula->commune,
                             &SignedIn(kGenAuditor));
  ASSERT_EQ(audited.status, 200);
  const std::string auditor_strings = SharedStrings(audited.body);
  EXPECT_TRUE(Has(auditor_strings, formula->id));
  for (const GenHousehold& h : gen_->households) {
    for (const GenMember& m : h.members) {
      ASSERT_FALSE(Has(auditor_strings, m.name.substr(m.name.find(' ')))) << m.name;
    }
  }
  EXPECT_EQ(c.Get("/api/exports/households.csv?round=2025", &SignedIn(kGenVillage)).status, 403);
  EXPECT_EQ(c.Get("/api/exports/households.xlsx?round=2025", &SignedIn(kGenVillage)).status, 403);
  // Personal search terms never go in a URL, exports included.
  HttpResult named = c.Get("/api/exports/households.csv?round=2025&name=van", &SignedIn(kGenAdmin));
  EXPECT_EQ(named.status, 400) << named.body;
  // Outside the unit: an empty list, not another commune's households.
  HttpResult other = c.Get("/api/exports/households.csv?round=2025&commune=" + gen_->big_commune,
                           &SignedIn(kGenCommune));
  ASSERT_EQ(other.status, 200);
  EXPECT_EQ(ParseCsv(other.body.substr(3)).size(), 1u) << other.body;
}

TEST_F(Exports, HouseholdExportsAreAudited) {
  HttpClient c(server_->port());
  HttpResult r = c.Get(
      "/api/exports/households.csv?round=2025&commune=" + gen_->small_commune + "&category=poor",
      &SignedIn(kGenFront));
  ASSERT_EQ(r.status, 200);
  const size_t rows = ParseCsv(r.body.substr(3)).size() - 1;
  json::array entries = AuditOf("export.households");
  ASSERT_FALSE(entries.empty());
  const json::object& newest = entries[0].as_object();
  EXPECT_EQ(newest.at("actor").as_string(), kGenFront);
  EXPECT_EQ(newest.at("target").as_string(), "round 2025");
  EXPECT_EQ(
      newest.at("detail").as_string(),
      "csv, " + std::to_string(rows) + " households, commune " + gen_->small_commune + ", poor");
}

TEST_F(Exports, TheSummaryAsMarkdownAndXlsxForProvinceUsers) {
  HttpClient c(server_->port());
  HttpResult md = c.Get("/api/exports/summary.md?round=2025", &SignedIn(kGenOfficer));
  ASSERT_EQ(md.status, 200) << md.body;
  EXPECT_EQ(md.headers["content-type"], "text/markdown; charset=utf-8");
  EXPECT_TRUE(Has(md.headers["content-disposition"], "lnob-summary-2025.md"));
  EXPECT_EQ(md.body, c.Get("/api/summary?round=2025", &SignedIn(kGenOfficer)).body);
  EXPECT_TRUE(Has(md.body, "Tuyên Quang")) << md.body.substr(0, 400);
  HttpResult en = c.Get("/api/exports/summary.md?round=2025&lang=en", &SignedIn(kGenAuditor));
  ASSERT_EQ(en.status, 200);
  EXPECT_NE(en.body, md.body) << "English on request";

  HttpResult xlsx = c.Get("/api/exports/summary.xlsx?round=2025", &SignedIn(kGenAdmin));
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  ASSERT_EQ(xlsx.body.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_TRUE(Has(xlsx.headers["content-disposition"], "lnob-summary-2025.xlsx"));
  EXPECT_TRUE(Has(SharedStrings(xlsx.body), "Tuyên Quang"));

  for (const char* user : {kGenCommune, kGenVillage, kGenFront}) {
    EXPECT_EQ(c.Get("/api/exports/summary.md?round=2025", &SignedIn(user)).status, 403) << user;
    EXPECT_EQ(c.Get("/api/exports/summary.xlsx?round=2025", &SignedIn(user)).status, 403) << user;
  }
  json::array entries = AuditOf("export.summary");
  ASSERT_GE(entries.size(), 3u);
  EXPECT_EQ(entries[0].at("actor").as_string(), kGenAdmin);
  EXPECT_EQ(entries[0].at("detail").as_string(), "xlsx");
  EXPECT_EQ(entries[1].at("actor").as_string(), kGenAuditor);
  EXPECT_EQ(entries[1].at("detail").as_string(), "md");
}

}  // namespace
}  // namespace lnob::testing
