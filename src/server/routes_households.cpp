// Households: search (paged, scoped) and one household (members, answers, results across rounds,
// the explanation of each deprivation), with personal fields rendered per role.
#include <algorithm>

#include "analytics/grouping.hpp"
#include "common/name_key.hpp"
#include "core/explain.hpp"
#include "server/app.hpp"
#include "server/render.hpp"

namespace lnob::server {
namespace {

namespace json = boost::json;

struct SearchFilter {
  int year = 0;
  std::string kind = "periodic";
  std::string commune, village, name, citizen_id;
  bool has_category = false;
  core::Category category = core::Category::kNotPoor;
  int64_t page = 1, page_size = 50;
};

Status ParseCategoryText(const std::string& text, SearchFilter* f) {
  if (text.empty()) return OkStatus();
  if (!core::ParseCategory(text, &f->category)) {
    return InvalidArgument("category '" + text + "': use poor, near_poor, middle or not_poor");
  }
  f->has_category = true;
  return OkStatus();
}

// The households of the round matching `f` that the caller may see, one page.
Result<HttpResponse> Search(Call& call, const SearchFilter& f) {
  const FieldAccess fields = FieldsFor(call.who->role);
  if (!f.name.empty() && !fields.names) {
    return PermissionDenied("your role may not search by name");
  }
  if (!f.citizen_id.empty() && !fields.citizen_id) {
    return PermissionDenied("your role may not search by citizen ID");
  }
  ASSIGN_OR_RETURN(auto round, call.app.Round(call.db(), f.year, f.kind));
  const analytics::Snapshot& snap = round->snap;
  const core::Survey& s = snap.survey;
  const std::vector<uint8_t>& visible = *round->Visible(call.scope());
  const auto units = call.app.units();
  // Where the commune / village filters are, under today's units too (a merged commune finds
  // the households of the communes it was formed from).
  std::shared_ptr<const std::vector<std::string>> commune_today;
  if (!f.commune.empty()) commune_today = round->CommuneToday(*units, call.app.Today());
  std::vector<uint8_t> in_filter(round->locations.size(), 1);
  for (size_t i = 0; i < round->locations.size(); ++i) {
    const RoundData::Location& l = round->locations[i];
    if (!f.commune.empty() && l.commune != f.commune && (*commune_today)[i] != f.commune) {
      in_filter[i] = 0;
    }
    if (!f.village.empty() && l.village != f.village) in_filter[i] = 0;
  }
  const std::string name_key = f.name.empty() ? "" : NameKey(f.name);
  const auto& relation = s.members.Column(core::mem::kRelation).i8;
  const auto& names = s.members.Column(core::mem::kFullName);
  const auto& ids = s.members.Column(core::mem::kNationalId);
  json::array items;
  int64_t total = 0;
  const int64_t first = (f.page - 1) * f.page_size;
  for (uint32_t h : round->by_id) {
    uint32_t loc = round->location_of[h];
    if (!visible[loc] || !in_filter[loc]) continue;
    if (f.has_category && snap.result.category[h] != f.category) continue;
    if (!name_key.empty() || !f.citizen_id.empty()) {
      bool hit = false;
      for (uint32_t m = s.member_begin[h]; m < s.member_begin[h + 1] && !hit; ++m) {
        if (!name_key.empty() && names.present &&
            NameKey(names.strings[m]).find(name_key) != std::string::npos) {
          hit = true;
        }
        if (!f.citizen_id.empty() && ids.present && ids.strings[m] == f.citizen_id) hit = true;
      }
      if (!hit) continue;
    }
    ++total;
    if (total <= first || static_cast<int64_t>(items.size()) >= f.page_size) continue;
    json::object o = HouseholdSummary(snap, h, *units, call.app.Today());
    if (fields.names && names.present) {
      for (uint32_t m = s.member_begin[h]; m < s.member_begin[h + 1]; ++m) {
        if (!relation.empty() && relation[m] == core::kRelationHead) {
          o["head_name"] = names.strings[m];
        }
      }
    }
    items.push_back(std::move(o));
  }
  if (!f.name.empty() || !f.citizen_id.empty()) {
    RETURN_IF_ERROR(call.Audit("household.search", "round " + std::to_string(f.year),
                               std::to_string(total) + " found"));
  }
  json::object out{{"round", f.year},
                   {"total", total},
                   {"page", f.page},
                   {"page_size", f.page_size},
                   {"items", std::move(items)}};
  return JsonResponse(200, out);
}

Result<HttpResponse> ListHouseholds(Call& call) {
  for (const auto& [k, v] : call.req.query) {
    if (k == "name" || k == "citizen_id" || k == "national_id") {
      return InvalidArgument("personal data never goes in a URL: search by " + k +
                             " with POST /api/households/search");
    }
  }
  SearchFilter f;
  ASSIGN_OR_RETURN(auto year, QueryInt(call.req, "round", true, 1900, 2200));
  f.year = static_cast<int>(*year);
  if (auto k = call.req.Query("kind")) f.kind = *k;
  f.commune = call.req.Query("commune").value_or("");
  f.village = call.req.Query("village").value_or("");
  RETURN_IF_ERROR(ParseCategoryText(call.req.Query("category").value_or(""), &f));
  ASSIGN_OR_RETURN(auto page, QueryInt(call.req, "page", false, 1, 1'000'000));
  ASSIGN_OR_RETURN(auto size, QueryInt(call.req, "page_size", false, 1, 500));
  f.page = page.value_or(1);
  f.page_size = size.value_or(50);
  return Search(call, f);
}

Result<HttpResponse> SearchHouseholds(Call& call) {
  ASSIGN_OR_RETURN(json::object body,
                   ParseBody(call.req, {"round", "kind", "commune", "village", "category", "name",
                                        "citizen_id", "page", "page_size"}));
  SearchFilter f;
  ASSIGN_OR_RETURN(auto year, IntField(body, "round", true));
  if (*year < 1900 || *year > 2200) return InvalidArgument("field 'round' must be a year");
  f.year = static_cast<int>(*year);
  ASSIGN_OR_RETURN(std::string kind, StringField(body, "kind", false));
  if (!kind.empty()) f.kind = kind;
  ASSIGN_OR_RETURN(f.commune, StringField(body, "commune", false));
  ASSIGN_OR_RETURN(f.village, StringField(body, "village", false));
  ASSIGN_OR_RETURN(std::string category, StringField(body, "category", false));
  RETURN_IF_ERROR(ParseCategoryText(category, &f));
  ASSIGN_OR_RETURN(f.name, StringField(body, "name", false));
  ASSIGN_OR_RETURN(f.citizen_id, StringField(body, "citizen_id", false));
  ASSIGN_OR_RETURN(auto page, IntField(body, "page", false));
  ASSIGN_OR_RETURN(auto size, IntField(body, "page_size", false));
  f.page = page.value_or(1);
  f.page_size = size.value_or(50);
  if (f.page < 1 || f.page_size < 1 || f.page_size > 500) {
    return InvalidArgument("page must be >= 1 and page_size from 1 to 500");
  }
  return Search(call, f);
}

Result<HttpResponse> GetHousehold(Call& call) {
  const std::string& id = call.Param("household_id");
  ASSIGN_OR_RETURN(auto history, call.db().HouseholdResults(id));
  ASSIGN_OR_RETURN(auto year_q, QueryInt(call.req, "round", false, 1900, 2200));
  std::string kind = call.req.Query("kind").value_or("periodic");
  int year = 0;
  if (year_q) {
    year = static_cast<int>(*year_q);
  } else {
    for (const auto& r : history) {  // the latest round in which the caller may see it
      if (r.kind == kind && call.scope().Holds(r.province_code, r.commune_code, r.village_code)) {
        year = std::max(year, r.year);
      }
    }
  }
  const std::string not_found = "no household " + id +
                                (year ? " in round " + std::to_string(year) : "") +
                                " that you may see";
  if (year == 0) return NotFound(not_found);
  ASSIGN_OR_RETURN(auto round, call.app.Round(call.db(), year, kind));
  int64_t h = round->Find(id);
  if (h < 0) return NotFound(not_found);
  const RoundData::Location& l = round->locations[round->location_of[h]];
  if (!call.scope().Holds(l.province, l.commune, l.village)) return NotFound(not_found);
  const FieldAccess fields = FieldsFor(call.who->role);
  json::object out = HouseholdDetail(round->snap, static_cast<uint32_t>(h), fields,
                                     *call.app.units(), call.app.Today());
  json::array rounds;
  for (const auto& r : history) {
    // Only the rounds in which the household lay in the caller's unit.
    if (!call.scope().Holds(r.province_code, r.commune_code, r.village_code)) continue;
    rounds.push_back(json::object{{"year", r.year},
                                  {"kind", r.kind},
                                  {"standard", r.standard_id},
                                  {"category", core::CategoryId(r.category)},
                                  {"deprivation_count", r.deprivation_count},
                                  {"deprived", r.deprived}});
  }
  out["history"] = std::move(rounds);
  RETURN_IF_ERROR(call.Audit("household.read", id, "round " + std::to_string(year)));
  return JsonResponse(200, out);
}

}  // namespace

void AddHouseholdRoutes(Router& r) {
  r.Add("GET", "/api/households", Permission::kRead, ListHouseholds);
  r.Add("POST", "/api/households/search", Permission::kRead, SearchHouseholds);
  r.Add("GET", "/api/households/{household_id}", Permission::kRead, GetHousehold);
}

}  // namespace lnob::server
