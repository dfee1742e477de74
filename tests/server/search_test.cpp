// Household search (issue 5) against the real `lnob serve` on a generated province of 1,500
// households: for a set of queries and roles, the answers page by page are exactly a brute-force
// filter over what was imported (scope, commune, village, category, name key contains, citizen ID
// equals, name or citizen ID), in household-id order; paging is stable and totals agree.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <set>

#include "common/name_key.hpp"
#include "tests/server/gen_registry.hpp"

namespace lnob::testing {
namespace {

namespace json = boost::json;

struct Query {
  std::string commune, village, category, name, citizen_id;
  std::string Describe() const {
    return "commune=" + commune + " village=" + village + " category=" + category +
           " name=" + name + " citizen_id=" + citizen_id;
  }
};

class Search : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    gen_ = new GenRegistry(GenRegistry::Build("search", 1500));
    server_ = new ServerProcess(gen_->reg.db_url);
    // Each household's category as the province administrator's unfiltered list gives it.
    HttpClient c(server_->port());
    Session s = c.SignIn(kGenAdmin);
    categories_ = new std::map<std::string, std::string>;
    for (int page = 1;; ++page) {
      HttpResult r =
          c.Get("/api/households?round=2025&page_size=500&page=" + std::to_string(page), &s);
      ASSERT_EQ(r.status, 200) << r.body;
      json::array items = json::parse(r.body).at("items").as_array();
      if (items.empty()) break;
      for (const json::value& v : items) {
        (*categories_)[std::string(v.at("household_id").as_string())] =
            std::string(v.at("category").as_string());
      }
    }
  }
  static void TearDownTestSuite() {
    delete categories_;
    delete server_;
    delete gen_;
  }

  // Whether `user` may see household `h` (its unit).
  static bool InScope(const std::string& user, const GenHousehold& h) {
    if (user == kGenBigCommune) return h.commune == gen_->big_commune;
    if (user == kGenCommune || user == kGenFront) return h.commune == gen_->small_commune;
    if (user == kGenVillage) return h.village == gen_->small_village;
    return true;
  }

  static std::vector<std::string> BruteForce(const std::string& user, const Query& q) {
    const std::string key = q.name.empty() ? "" : NameKey(q.name);
    std::vector<std::string> out;
    for (const GenHousehold& h : gen_->households) {
      if (!InScope(user, h)) continue;
      if (!q.commune.empty() && h.commune != q.commune) continue;
      if (!q.village.empty() && h.village != q.village) continue;
      if (!q.category.empty() && categories_->at(h.id) != q.category) continue;
      if (!key.empty() || !q.citizen_id.empty()) {
        bool hit = false;
        for (const GenMember& m : h.members) {
          if (!key.empty() && NameKey(m.name).find(key) != std::string::npos) hit = true;
          if (!q.citizen_id.empty() && m.citizen_id == q.citizen_id) hit = true;
        }
        if (!hit) continue;
      }
      out.push_back(h.id);
    }
    return out;
  }

  // One page of the server's answer: the total and the ids.
  static std::pair<int64_t, std::vector<std::string>> Page(const HttpClient& c, const Session& s,
                                                           const Query& q, int page, int size) {
    HttpResult r;
    if (q.name.empty() && q.citizen_id.empty()) {
      std::string t = "/api/households?round=2025&page=" + std::to_string(page) +
                      "&page_size=" + std::to_string(size);
      if (!q.commune.empty()) t += "&commune=" + q.commune;
      if (!q.village.empty()) t += "&village=" + q.village;
      if (!q.category.empty()) t += "&category=" + q.category;
      r = c.Get(t, &s);
    } else {
      json::object body{{"round", 2025}, {"page", page}, {"page_size", size}};
      if (!q.commune.empty()) body["commune"] = q.commune;
      if (!q.village.empty()) body["village"] = q.village;
      if (!q.category.empty()) body["category"] = q.category;
      if (!q.name.empty()) body["name"] = q.name;
      if (!q.citizen_id.empty()) body["citizen_id"] = q.citizen_id;
      r = c.Call("POST", "/api/households/search", &s, json::serialize(body));
    }
    EXPECT_EQ(r.status, 200) << q.Describe() << "\n" << r.body;
    if (r.status != 200) return {-1, {}};
    json::object o = json::parse(r.body).as_object();
    std::vector<std::string> ids;
    for (const json::value& v : o.at("items").as_array()) {
      ids.emplace_back(v.at("household_id").as_string());
    }
    return {o.at("total").as_int64(), ids};
  }

  // Pages through the answer with `size` per page and compares it with the brute force.
  static void Check(const std::string& user, const Query& q, int size) {
    HttpClient c(server_->port());
    Session& s = (*sessions_)[user];  // signing in costs an argon2id hash: once per user
    if (s.cookie.empty()) s = c.SignIn(user);
    ASSERT_FALSE(s.cookie.empty()) << user;
    const std::vector<std::string> want = BruteForce(user, q);
    std::vector<std::string> got;
    const int pages = static_cast<int>(want.size() + size - 1) / size;
    for (int page = 1; page <= pages + 1; ++page) {
      auto [total, ids] = Page(c, s, q, page, size);
      ASSERT_EQ(total, static_cast<int64_t>(want.size()))
          << user << " " << q.Describe() << " page " << page;
      if (page > pages) {
        EXPECT_TRUE(ids.empty()) << "a page past the end is empty";
      }
      got.insert(got.end(), ids.begin(), ids.end());
    }
    EXPECT_EQ(got, want) << user << " " << q.Describe() << " page_size " << size;
    if (pages >= 2) {  // the same page twice: the same households
      EXPECT_EQ(Page(c, s, q, 2, size).second, Page(c, s, q, 2, size).second);
    }
  }

  static GenRegistry* gen_;
  static ServerProcess* server_;
  static std::map<std::string, std::string>* categories_;
  static inline std::map<std::string, Session>* sessions_ = new std::map<std::string, Session>;
};
GenRegistry* Search::gen_ = nullptr;
ServerProcess* Search::server_ = nullptr;
std::map<std::string, std::string>* Search::categories_ = nullptr;

TEST_F(Search, TheAdministratorSeesEveryImportedHousehold) {
  std::set<std::string> imported;
  for (const GenHousehold& h : gen_->households) imported.insert(h.id);
  std::set<std::string> listed;
  for (const auto& [id, category] : *categories_) listed.insert(id);
  EXPECT_EQ(listed, imported);
  std::set<std::string> kinds;
  for (const auto& [id, category] : *categories_) kinds.insert(category);
  EXPECT_GE(kinds.size(), 3u) << "the generated province has poor, near-poor and other households";
}

TEST_F(Search, ListsMatchABruteForceFilterForEveryRole) {
  const std::string big = gen_->big_commune, small = gen_->small_commune;
  const std::vector<Query> queries = {
      {},
      {.commune = big},
      {.commune = small},
      {.commune = gen_->communes[4]},
      {.village = gen_->small_village},
      {.village = big + "01"},
      {.commune = small, .village = big + "02"},
      {.category = "poor"},
      {.commune = big, .category = "near_poor"},
      {.commune = small, .category = "not_poor"},
      {.village = gen_->small_village, .category = "poor"},
  };
  for (const char* user :
       {kGenAdmin, kGenOfficer, kGenBigCommune, kGenCommune, kGenVillage, kGenFront, kGenAuditor}) {
    for (const Query& q : queries) {
      for (int size : {500, 37}) Check(user, q, size);
    }
  }
}

TEST_F(Search, NameAndCitizenIdSearchesMatchABruteForceFilter) {
  const std::string big = gen_->big_commune, small = gen_->small_commune;
  // A citizen ID of a household in the small commune and one in the big commune.
  std::string small_id, big_id, full_name;
  for (const GenHousehold& h : gen_->households) {
    if (h.commune == small && h.members.size() > 1 && small_id.empty()) {
      small_id = h.members[1].citizen_id;
    }
    if (h.commune == big && big_id.empty()) big_id = h.members[0].citizen_id;
    if (h.commune == big && full_name.empty() && h.members.size() > 2) {
      full_name = h.members[2].name;
    }
  }
  const std::vector<Query> by_name = {
      {.name = "van"},
      {.name = "Văn Dũng"},
      {.name = "ĐÀO"},
      {.name = full_name},
      {.commune = big, .name = "thi an"},
      {.commune = small, .category = "poor", .name = "nguyen"},
      {.village = gen_->small_village, .name = "a"},
      {.name = "không có ai"},
      {.name = "   "},
  };
  for (const char* user : {kGenAdmin, kGenBigCommune, kGenCommune, kGenVillage, kGenFront}) {
    for (const Query& q : by_name) Check(user, q, 41);
  }
  const std::vector<Query> by_id = {
      {.citizen_id = small_id},
      {.citizen_id = big_id},
      {.commune = small, .citizen_id = small_id},
      {.commune = big, .citizen_id = small_id},
      {.category = "poor", .citizen_id = big_id},
      {.name = "lan", .citizen_id = small_id},  // either suffices
      {.citizen_id = "999999999999"},
  };
  for (const char* user : {kGenBigCommune, kGenCommune}) {
    for (const Query& q : by_id) Check(user, q, 23);
  }
}

TEST_F(Search, RolesWithoutNamesOrCitizenIdsCannotSearchByThem) {
  HttpClient c(server_->port());
  Session auditor = c.SignIn(kGenAuditor);
  EXPECT_EQ(
      c.Call("POST", "/api/households/search", &auditor, R"({"round":2025,"name":"van"})").status,
      403);
  Session front = c.SignIn(kGenFront);
  EXPECT_EQ(c.Call("POST", "/api/households/search", &front,
                   R"({"round":2025,"citizen_id":"008000000001"})")
                .status,
            403);
}

}  // namespace
}  // namespace lnob::testing
