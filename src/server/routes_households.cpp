// Households: search (paged, scoped), its exports (CSV, XLSX) and one household (members, answers,
// results across rounds, the explanation of each deprivation), with personal fields rendered per
// role. Every read of personal data, name or citizen-ID search and export is audited before it is
// answered.
#include <algorithm>
#include <limits>
#include <optional>

#include "analytics/grouping.hpp"
#include "common/name_key.hpp"
#include "core/explain.hpp"
#include "server/app.hpp"
#include "server/export_response.hpp"
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

// The households of `round` matching `f` that the caller may see: how many, and those from
// `offset` (at most `limit`), in household-id order. Only the places under the caller's unit and
// the asked commune / village are visited (RoundData::index).
HouseholdPage Find(Call& call, const RoundData& round, const SearchFilter& f, int64_t offset,
                   int64_t limit) {
  const std::vector<uint8_t>& visible = *round.Visible(call.scope());
  // Where the commune / village filters are, under today's units too (a merged commune finds
  // the households of the communes it was formed from).
  std::shared_ptr<const std::vector<std::string>> commune_today;
  if (!f.commune.empty()) commune_today = round.CommuneToday(*call.app.units(), call.app.Today());
  std::vector<uint8_t> selected(round.locations.size(), 0);
  for (size_t i = 0; i < round.locations.size(); ++i) {
    const RoundData::Location& l = round.locations[i];
    if (!visible[i]) continue;
    if (!f.commune.empty() && l.commune != f.commune && (*commune_today)[i] != f.commune) continue;
    if (!f.village.empty() && l.village != f.village) continue;
    selected[i] = 1;
  }
  HouseholdQuery q;
  q.places = &selected;
  if (f.has_category) q.category = f.category;
  q.name_key = f.name.empty() ? "" : NameKey(f.name);
  q.citizen_id = f.citizen_id;
  q.offset = offset;
  q.limit = limit;
  return round.index->Search(q);
}

// A household of a list as JSON: the summary, and the head's name when the role may see names.
json::object ListItem(const analytics::Snapshot& snap, uint32_t h, const FieldAccess& fields,
                      const analytics::UnitCatalog& units, Date today) {
  const core::Survey& s = snap.survey;
  json::object o = HouseholdSummary(snap, h, units, today);
  const auto& relation = s.members.Column(core::mem::kRelation).i8;
  const auto& names = s.members.Column(core::mem::kFullName);
  if (fields.names && names.present) {
    for (uint32_t m = s.member_begin[h]; m < s.member_begin[h + 1]; ++m) {
      if (!relation.empty() && relation[m] == core::kRelationHead) {
        o["head_name"] = names.strings[m];
      }
    }
  }
  return o;
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
  const HouseholdPage page = Find(call, *round, f, (f.page - 1) * f.page_size, f.page_size);
  std::optional<AuditWriter::Ticket> audited;
  if (!f.name.empty() || !f.citizen_id.empty()) {
    audited = call.SubmitAudit("household.search", "round " + std::to_string(f.year),
                               std::to_string(page.total) + " found");
  }
  const auto units = call.app.units();
  json::array items;
  for (uint32_t h : page.households) {
    items.push_back(ListItem(round->snap, h, fields, *units, call.app.Today()));
  }
  if (audited) RETURN_IF_ERROR(audited->Wait());
  json::object out{{"round", f.year},
                   {"total", page.total},
                   {"page", f.page},
                   {"page_size", f.page_size},
                   {"items", std::move(items)}};
  return JsonResponse(200, out);
}

// The filters of GET /api/households and its exports, from the query (never a name or an ID).
Result<SearchFilter> FilterFromQuery(Call& call) {
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
  return f;
}

Result<HttpResponse> ListHouseholds(Call& call) {
  ASSIGN_OR_RETURN(SearchFilter f, FilterFromQuery(call));
  ASSIGN_OR_RETURN(auto page, QueryInt(call.req, "page", false, 1, 1'000'000));
  ASSIGN_OR_RETURN(auto size, QueryInt(call.req, "page_size", false, 1, 500));
  f.page = page.value_or(1);
  f.page_size = size.value_or(50);
  return Search(call, f);
}

// GET /api/exports/households.csv and .xlsx: every household the list would page through, with
// the same columns and masks as its JSON items (head_name only for roles that see names).
Result<HttpResponse> ExportHouseholds(Call& call, ExportFormat format) {
  ASSIGN_OR_RETURN(SearchFilter f, FilterFromQuery(call));
  ASSIGN_OR_RETURN(auto round, call.app.Round(call.db(), f.year, f.kind));
  const FieldAccess fields = FieldsFor(call.who->role);
  const HouseholdPage all = Find(call, *round, f, 0, std::numeric_limits<int64_t>::max());
  const char* format_id = format == ExportFormat::kXlsx ? "xlsx" : "csv";
  auto audited = call.SubmitAudit(
      "export.households", "round " + std::to_string(f.year),
      std::string(format_id) + ", " + std::to_string(all.total) + " households" +
          (f.commune.empty() ? "" : ", commune " + f.commune) +
          (f.village.empty() ? "" : ", village " + f.village) +
          (f.has_category ? ", " + std::string(core::CategoryId(f.category)) : ""));
  report::Table t{"households", "Danh sách hộ", "Households"};
  t.columns = {{"household_id", "Mã hộ", "Household", report::CellKind::kText},
               {"commune_code", "Mã xã", "Commune code", report::CellKind::kText},
               {"commune_name", "Xã", "Commune", report::CellKind::kText},
               {"village_code", "Mã thôn", "Village code", report::CellKind::kText},
               {"village_name", "Thôn", "Village", report::CellKind::kText},
               {"category", "Phân loại", "Category", report::CellKind::kText},
               {"deprivation_count", "Số chỉ số thiếu hụt", "Deprivations", report::CellKind::kInt},
               {"persons", "Số nhân khẩu", "Persons", report::CellKind::kInt}};
  if (fields.names) t.columns.push_back({"head_name", "Chủ hộ", "Head", report::CellKind::kText});
  const auto units = call.app.units();
  t.rows.reserve(all.households.size());
  for (uint32_t h : all.households) {
    // The cells are the JSON item's values: the export shows exactly what the list shows.
    const json::object o = ListItem(round->snap, h, fields, *units, call.app.Today());
    std::vector<report::Cell> row;
    for (const report::Column& c : t.columns) {
      const json::value* v = o.if_contains(c.key);
      if (!v) {
        row.push_back(report::Cell::Empty(c.kind));
      } else if (v->is_string()) {
        row.push_back(report::Cell::Text(std::string(v->as_string())));
      } else {
        row.push_back(report::Cell::Int(v->to_number<int64_t>()));
      }
    }
    t.rows.push_back(std::move(row));
  }
  RETURN_IF_ERROR(audited.Wait());
  return ExportResponse({t}, format, call.lang, "lnob-households-" + std::to_string(f.year));
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
  // Recorded while the answer is rendered; answered only once recorded.
  auto audited = call.SubmitAudit("household.read", id, "round " + std::to_string(year));
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
  RETURN_IF_ERROR(audited.Wait());
  return JsonResponse(200, out);
}

}  // namespace

void AddHouseholdRoutes(Router& r) {
  r.Add("GET", "/api/households", Permission::kRead, ListHouseholds);
  r.Add("POST", "/api/households/search", Permission::kRead, SearchHouseholds);
  r.Add("GET", "/api/households/{household_id}", Permission::kRead, GetHousehold);
  r.Add("GET", "/api/exports/households.csv", Permission::kExport,
        [](Call& c) { return ExportHouseholds(c, ExportFormat::kCsv); });
  r.Add("GET", "/api/exports/households.xlsx", Permission::kExport,
        [](Call& c) { return ExportHouseholds(c, ExportFormat::kXlsx); });
}

}  // namespace lnob::server
