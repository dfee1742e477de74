// Reports over HTTP: rates, transitions, targets, what-if, the provincial summary, and exports.
// Every row is a unit the caller's scope holds; a level above the caller's unit is refused.
#include "analytics/grouping.hpp"
#include "analytics/rates.hpp"
#include "analytics/targets.hpp"
#include "analytics/transitions.hpp"
#include "analytics/whatif.hpp"
#include "ingest/standard_files.hpp"
#include "report/rates_report.hpp"
#include "report/summary_report.hpp"
#include "report/targets_report.hpp"
#include "report/transitions_report.hpp"
#include "report/whatif_report.hpp"
#include "server/app.hpp"
#include "server/export_response.hpp"

namespace lnob::server {
namespace {

namespace json = boost::json;

int Depth(analytics::UnitLevel l) {
  return l == analytics::UnitLevel::kProvince ? 0 : l == analytics::UnitLevel::kCommune ? 1 : 2;
}

// The level asked for (default commune), refused when above the caller's unit.
Result<analytics::UnitLevel> LevelFor(Call& call, const std::string& text) {
  analytics::UnitLevel level = analytics::UnitLevel::kCommune;
  if (!text.empty() && !analytics::ParseUnitLevel(text, &level)) {
    return InvalidArgument("level '" + text + "': use province, commune or village");
  }
  if (Depth(level) < Depth(call.scope().level())) {
    return PermissionDenied("your unit is a " + std::string(UnitLevelId(call.scope().level())) +
                            "; ask for level " + std::string(UnitLevelId(call.scope().level())) +
                            " or below");
  }
  return level;
}

// `table` as a JSON object: {"round": .., "rows": [...]} with only the rows whose unit_code the
// caller's scope holds (rows without a unit code are totals: dropped).
std::string ScopedRows(Call& call, report::Table table, const std::string& head) {
  size_t code_col = 0;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].key == "unit_code") code_col = i;
  }
  std::erase_if(table.rows, [&](const std::vector<report::Cell>& row) {
    return row[code_col].text.empty() || !call.scope().HoldsUnit(row[code_col].text);
  });
  return "{" + head + "\"rows\":" + report::RenderJson(table) + "}";
}

Result<std::shared_ptr<const RoundData>> RoundOf(Call& call, int64_t* year_out) {
  ASSIGN_OR_RETURN(auto year, QueryInt(call.req, "round", true, 1900, 2200));
  *year_out = *year;
  return call.app.Round(call.db(), static_cast<int>(*year),
                        call.req.Query("kind").value_or("periodic"));
}

// The grouping asked for by `level`, `units_on` and `by`.
Status GroupingOf(Call& call, analytics::GroupingOptions* g) {
  ASSIGN_OR_RETURN(g->level, LevelFor(call, call.req.Query("level").value_or("")));
  ASSIGN_OR_RETURN(g->units_on, QueryDate(call.req, "units_on"));
  std::string by = call.req.Query("by").value_or("none");
  if (!analytics::ParseSplitBy(by, &g->by)) {
    return InvalidArgument("by '" + by + "': use area, ethnicity or sex");
  }
  return OkStatus();
}

Result<analytics::Rates> RatesFor(Call& call, const RoundData& round,
                                  analytics::GroupingOptions* g) {
  RETURN_IF_ERROR(GroupingOf(call, g));
  auto units = call.app.units();
  return *round.RatesFor(*units, *g);
}

// GET /api/rates: the answer depends only on the round, the grouping, the caller's unit (and its
// date) and the language, so it is rendered once per such key and kept with the round.
Result<HttpResponse> Rates(Call& call) {
  int64_t year = 0;
  ASSIGN_OR_RETURN(auto round, RoundOf(call, &year));
  analytics::GroupingOptions g;
  RETURN_IF_ERROR(GroupingOf(call, &g));
  const std::string key = "rates|" + std::string(UnitLevelId(g.level)) + "|" +
                          std::to_string(g.units_on ? g.units_on->value : 0) + "|" +
                          std::string(analytics::SplitById(g.by)) + "|" + call.scope().unit_code() +
                          "@" + std::to_string(call.scope().on().value) + "|" +
                          (call.lang == Lang::kEn ? "en" : "vi");
  auto body = round->Body(key, [&] {
    auto rates = round->RatesFor(*call.app.units(), g);
    report::Table t = report::RatesTable(*rates, {.deprivations = true, .lang = call.lang});
    std::string head = "\"round\":" + std::to_string(year) + ",\"level\":\"" +
                       std::string(UnitLevelId(g.level)) + "\",";
    return ScopedRows(call, std::move(t), head);
  });
  return TextResponse(200, "application/json; charset=utf-8", *body);
}

Result<HttpResponse> Transitions(Call& call) {
  ASSIGN_OR_RETURN(auto from, QueryInt(call.req, "from", true, 1900, 2200));
  ASSIGN_OR_RETURN(auto to, QueryInt(call.req, "to", true, 1900, 2200));
  ASSIGN_OR_RETURN(analytics::UnitLevel level,
                   LevelFor(call, call.req.Query("level").value_or("")));
  auto units = call.app.units();
  ASSIGN_OR_RETURN(analytics::Transitions t,
                   analytics::TransitionsFromStore(
                       call.db(), *units, call.req.Query("kind").value_or("periodic"),
                       static_cast<int>(*from), static_cast<int>(*to), level));
  std::string head = "\"from\":" + std::to_string(*from) + ",\"to\":" + std::to_string(*to) + ",";
  return TextResponse(200, "application/json; charset=utf-8",
                      ScopedRows(call, report::TransitionsTable(t, false, call.lang), head));
}

Result<HttpResponse> Targets(Call& call) {
  ASSIGN_OR_RETURN(auto year, QueryInt(call.req, "round", true, 1900, 2200));
  auto units = call.app.units();
  ASSIGN_OR_RETURN(auto statuses,
                   analytics::EvaluateStoredTargets(call.db(), *units, static_cast<int>(*year),
                                                    call.req.Query("kind").value_or("periodic")));
  std::vector<report::TargetLine> lines;
  for (auto& s : statuses) {
    if (!call.scope().HoldsUnit(s.status.target.unit_code)) continue;
    lines.push_back({std::move(s.status), std::move(s.unit_name)});
  }
  std::string body =
      "{\"round\":" + std::to_string(*year) + ",\"rows\":" +
      report::RenderJson(report::TargetsTable(lines, static_cast<int>(*year), call.lang)) + "}";
  return TextResponse(200, "application/json; charset=utf-8", std::move(body));
}

Result<HttpResponse> WhatIf(Call& call) {
  ASSIGN_OR_RETURN(json::object body,
                   ParseBody(call.req, {"round", "kind", "standard", "set", "level", "units_on"}));
  ASSIGN_OR_RETURN(auto year, IntField(body, "round", true));
  if (*year < 1900 || *year > 2200) return InvalidArgument("field 'round' must be a year");
  ASSIGN_OR_RETURN(std::string kind, StringField(body, "kind", false));
  if (!kind.empty() && kind != "periodic" && kind != "regular") {
    return InvalidArgument("field 'kind' must be periodic or regular");
  }
  ASSIGN_OR_RETURN(std::string standard_id, StringField(body, "standard", false));
  ASSIGN_OR_RETURN(std::string level_text, StringField(body, "level", false));
  ASSIGN_OR_RETURN(std::string units_on, StringField(body, "units_on", false));
  std::vector<core::ParameterOverride> overrides;
  std::string what;
  if (const json::value* set = body.if_contains("set")) {
    if (!set->is_array())
      return InvalidArgument("field 'set' must be a list of \"name.key=value\"");
    for (const json::value& v : set->as_array()) {
      if (!v.is_string()) return InvalidArgument("field 'set' must be a list of strings");
      ASSIGN_OR_RETURN(core::ParameterOverride o, core::ParseOverride(std::string(v.as_string())));
      overrides.push_back(std::move(o));
      what += " " + std::string(v.as_string());
    }
  }
  ASSIGN_OR_RETURN(auto round, call.app.Round(call.db(), static_cast<int>(*year),
                                              kind.empty() ? "periodic" : kind));
  const analytics::Snapshot& snap = round->snap;
  ASSIGN_OR_RETURN(
      core::StandardPtr standard,
      ingest::FindStandard(call.app.standards(),
                           standard_id.empty() ? snap.round.standard_id : standard_id, overrides));
  analytics::GroupingOptions g;
  ASSIGN_OR_RETURN(g.level, LevelFor(call, level_text));
  if (!units_on.empty()) {
    auto d = ParseIsoDate(units_on);
    if (!d.ok()) return InvalidArgument("field 'units_on' must be a date YYYY-MM-DD");
    g.units_on = *d;
  }
  auto units = call.app.units();
  auto grouping = round->GroupingFor(*units, g);
  ASSIGN_OR_RETURN(analytics::WhatIf w,
                   analytics::RunWhatIf(snap, core::PickOne(snap.survey, standard), *grouping));
  std::string head = "\"round\":" + std::to_string(*year) +
                     ",\"standard\":" + boost::json::serialize(json::value(standard->id() + what)) +
                     ",";
  return TextResponse(
      200, "application/json; charset=utf-8",
      ScopedRows(call, report::WhatIfTable(w, standard->id() + what, false, call.lang), head));
}

// Drops the rows of units outside the caller's scope and recomputes the total and notes from the
// rows kept: nothing of other units leaks through them.
void KeepScoped(Call& call, analytics::Rates* rates) {
  std::erase_if(rates->rows, [&](const analytics::RateRow& r) {
    return !call.scope().HoldsUnit(r.group.unit_code);
  });
  analytics::RateRow total;
  total.deprived.assign(rates->indicators.size(), 0);
  total.deprived_poor.assign(rates->indicators.size(), 0);
  for (const analytics::RateRow& r : rates->rows) {
    total.households += r.households;
    total.persons += r.persons;
    total.poor += r.poor;
    total.near_poor += r.near_poor;
    total.middle += r.middle;
    total.not_poor += r.not_poor;
    total.poor_persons += r.poor_persons;
    total.near_poor_persons += r.near_poor_persons;
    for (size_t i = 0; i < r.deprived.size(); ++i) {
      total.deprived[i] += r.deprived[i];
      total.deprived_poor[i] += r.deprived_poor[i];
    }
  }
  rates->total = std::move(total);
  rates->unplaced = 0;
  rates->unplaced_codes.clear();
}

// The provincial summary's inputs for the round asked; only for users bound to a province.
Result<report::SummaryInput> SummaryOf(Call& call, int64_t* year) {
  if (call.scope().level() != analytics::UnitLevel::kProvince) {
    return PermissionDenied("the provincial summary is for users of a province");
  }
  ASSIGN_OR_RETURN(auto round, RoundOf(call, year));
  auto units = call.app.units();
  ASSIGN_OR_RETURN(report::SummaryInput in,
                   report::SummaryFromStore(call.db(), *units, round->snap, call.app.standards()));
  // The caller's province only (a registry may hold several).
  KeepScoped(call, &in.provinces);
  KeepScoped(call, &in.communes);
  if (in.previous) KeepScoped(call, &*in.previous);
  std::erase_if(in.targets, [&](const report::TargetLine& t) {
    return !call.scope().HoldsUnit(t.status.target.unit_code);
  });
  return in;
}

Result<HttpResponse> Summary(Call& call) {
  int64_t year = 0;
  ASSIGN_OR_RETURN(report::SummaryInput in, SummaryOf(call, &year));
  return TextResponse(200, "text/markdown; charset=utf-8", report::SummaryMarkdown(in, call.lang));
}

// GET /api/exports/summary.md and summary.xlsx: the provincial summary as a download.
Result<HttpResponse> ExportSummary(Call& call, bool xlsx) {
  int64_t year = 0;
  ASSIGN_OR_RETURN(report::SummaryInput in, SummaryOf(call, &year));
  RETURN_IF_ERROR(
      call.Audit("export.summary", "round " + std::to_string(year), xlsx ? "xlsx" : "md"));
  const std::string name = "lnob-summary-" + std::to_string(year);
  if (xlsx) {
    return ExportResponse(report::SummaryTables(in, call.lang), ExportFormat::kXlsx, call.lang,
                          name);
  }
  return Download("text/markdown; charset=utf-8", report::SummaryMarkdown(in, call.lang),
                  name + ".md");
}

// GET /api/exports/rates.csv and rates.xlsx: the rates of the caller's units.
Result<HttpResponse> ExportRates(Call& call, bool xlsx) {
  int64_t year = 0;
  ASSIGN_OR_RETURN(auto round, RoundOf(call, &year));
  analytics::GroupingOptions g;
  ASSIGN_OR_RETURN(analytics::Rates rates, RatesFor(call, *round, &g));
  KeepScoped(call, &rates);
  RETURN_IF_ERROR(
      call.Audit("export.rates", "round " + std::to_string(year), xlsx ? "xlsx" : "csv"));
  const std::string name = "lnob-rates-" + std::to_string(year);
  if (xlsx) {
    return ExportResponse({report::RatesTable(rates, {.total_row = false, .lang = call.lang}),
                           report::DeprivationTable(rates, call.lang)},
                          ExportFormat::kXlsx, call.lang, name);
  }
  return ExportResponse({report::RatesTable(rates, {.deprivations = true, .lang = call.lang})},
                        ExportFormat::kCsv, call.lang, name);
}

}  // namespace

void AddReportRoutes(Router& r) {
  r.Add("GET", "/api/rates", Permission::kRead, Rates);
  r.Add("GET", "/api/transitions", Permission::kRead, Transitions);
  r.Add("GET", "/api/targets", Permission::kRead, Targets);
  r.Add("POST", "/api/whatif", Permission::kWhatIf, WhatIf);
  r.Add("GET", "/api/summary", Permission::kProvinceReport, Summary);
  r.Add("GET", "/api/exports/rates.csv", Permission::kExport,
        [](Call& c) { return ExportRates(c, false); });
  r.Add("GET", "/api/exports/rates.xlsx", Permission::kExport,
        [](Call& c) { return ExportRates(c, true); });
  // The summary is province-wide: the province_report permission (users of a province), audited
  // as an export.
  r.Add("GET", "/api/exports/summary.md", Permission::kProvinceReport,
        [](Call& c) { return ExportSummary(c, false); });
  r.Add("GET", "/api/exports/summary.xlsx", Permission::kProvinceReport,
        [](Call& c) { return ExportSummary(c, true); });
}

}  // namespace lnob::server
