// Imports (a round's two CSV files, all or nothing, only households the caller's scope holds) and
// the classification of a round.
#include "analytics/import_round.hpp"
#include "core/classifier.hpp"
#include "ingest/survey_loader.hpp"
#include "server/app.hpp"

namespace lnob::server {
namespace {

namespace json = boost::json;

Result<HttpResponse> Import(Call& call) {
  ASSIGN_OR_RETURN(json::object body, ParseBody(call.req, {"round", "kind", "households", "members",
                                                           "reference_date", "standard"}));
  ASSIGN_OR_RETURN(auto year, IntField(body, "round", true));
  if (*year < 1900 || *year > 2200) return InvalidArgument("field 'round' must be a year");
  analytics::RoundRequest request;
  request.year = static_cast<int>(*year);
  ASSIGN_OR_RETURN(std::string kind, StringField(body, "kind", false));
  if (!kind.empty()) {
    if (kind != "periodic" && kind != "regular") {
      return InvalidArgument("field 'kind' must be periodic or regular");
    }
    request.kind = kind;
  }
  ASSIGN_OR_RETURN(request.reference_date, StringField(body, "reference_date", false));
  ASSIGN_OR_RETURN(request.standard, StringField(body, "standard", false));
  ASSIGN_OR_RETURN(std::string households, StringField(body, "households", true));
  ASSIGN_OR_RETURN(std::string members, StringField(body, "members", true));

  std::vector<ingest::InputError> errors;
  ingest::LoadOptions options;
  auto survey =
      ingest::LoadSurveyFromText(std::move(households), std::move(members), options, &errors);
  if (!survey.ok()) {
    json::array list;
    for (const ingest::InputError& e : errors) {
      list.push_back(
          json::object{{"file", e.file},
                       {"line", e.line},
                       {"column", e.column},
                       {"column_name", e.column_name},
                       {"value", e.value},
                       {"message", call.lang == Lang::kVi ? e.message_vi : e.message_en}});
    }
    json::object extra{{"errors", std::move(list)}};
    return ErrorResponse(422, "invalid_input", survey.status().message(), &extra);
  }
  // Every household must lie in the caller's unit.
  const auto& commune = survey->households.Column(core::hh::kCommuneCode).strings;
  const auto& village = survey->households.Column(core::hh::kVillageCode);
  const auto& province =
      survey->households.Column(core::FieldIndex(core::Level::kHousehold, "province_code"));
  for (uint32_t h = 0; h < survey->household_count(); ++h) {
    std::string_view p = province.present ? province.strings[h] : std::string_view();
    std::string_view v = village.present ? village.strings[h] : std::string_view();
    if (!call.scope().Holds(p, commune[h], v)) {
      return PermissionDenied("household " + std::string(survey->household_id(h)) + " (line " +
                              std::to_string(survey->households.source_line[h]) + ", commune " +
                              std::string(commune[h]) + ") is outside your unit " +
                              call.who->unit_code + "; nothing was stored");
    }
  }
  ASSIGN_OR_RETURN(store::RoundInfo round,
                   analytics::RoundForImport(call.db(), call.app.standards(), request, *survey));
  store::ImportOptions io;
  io.author = call.who->username;
  io.households_file = "households.csv";
  io.members_file = "members.csv";
  std::vector<store::DuplicateId> duplicates;
  auto summary = call.db().ImportSurvey(round, *survey, io, &duplicates);
  if (!summary.ok()) {
    if (summary.status().code() != ErrorCode::kInvalidArgument) return summary.status();
    json::array list;
    for (const auto& d : duplicates) {
      list.push_back(json::object{
          {"citizen_id", d.national_id_masked}, {"first", d.first}, {"second", d.second}});
    }
    json::object extra{{"duplicates", std::move(list)}};
    return ErrorResponse(422, "invalid_input", summary.status().message(), &extra);
  }
  RETURN_IF_ERROR(call.Audit("import", "round " + std::to_string(round.year),
                             "import " + std::to_string(summary->import_id) + ": " +
                                 std::to_string(summary->households) + " households"));
  return JsonResponse(201, json::object{{"import_id", summary->import_id},
                                        {"round", round.year},
                                        {"households", summary->households},
                                        {"members", summary->members},
                                        {"added", summary->added},
                                        {"changed", summary->changed},
                                        {"unchanged", summary->unchanged},
                                        {"removed", summary->removed}});
}

Result<HttpResponse> Classify(Call& call) {
  if (call.scope().level() != analytics::UnitLevel::kProvince) {
    return PermissionDenied("a round is classified by the province");
  }
  int64_t year = 0;
  {
    const std::string& text = call.Param("year");
    if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) {
      return InvalidArgument("the round is a year such as 2024");
    }
    year = std::stoll(text);
  }
  std::string kind = call.req.Query("kind").value_or("periodic");
  if (kind != "periodic" && kind != "regular") {
    return InvalidArgument("query parameter 'kind' must be periodic or regular");
  }
  ASSIGN_OR_RETURN(store::RoundInfo round, call.db().FindRound(static_cast<int>(year), kind));
  ASSIGN_OR_RETURN(core::Survey survey, call.db().LoadSurvey(round));
  // A run covers the whole round: only a province holding every household of it may start one.
  const auto& commune = survey.households.Column(core::hh::kCommuneCode).strings;
  const auto& village = survey.households.Column(core::hh::kVillageCode);
  const auto& province =
      survey.households.Column(core::FieldIndex(core::Level::kHousehold, "province_code"));
  for (uint32_t h = 0; h < survey.household_count(); ++h) {
    if (!call.scope().Holds(province.present ? province.strings[h] : std::string_view(), commune[h],
                            village.present ? village.strings[h] : std::string_view())) {
      return PermissionDenied("round " + std::to_string(year) +
                              " holds households outside your unit; it is classified by a user "
                              "whose unit holds them all (or with lnob classify)");
    }
  }
  core::StandardPtr standard;
  for (const auto& s : call.app.standards()) {
    if (s->id() == round.standard_id) standard = s;
  }
  if (!standard) return FailedPrecondition("standard " + round.standard_id + " is not available");
  ASSIGN_OR_RETURN(core::Classification result,
                   core::Classify(survey, core::PickOne(survey, standard)));
  store::ClassifyRecord record;
  record.author = call.who->username;
  ASSIGN_OR_RETURN(int64_t run, call.db().SaveClassification(round, survey, result, record));
  RETURN_IF_ERROR(
      call.Audit("classify", "round " + std::to_string(year), "run " + std::to_string(run)));
  return JsonResponse(
      201,
      json::object{{"run_id", run}, {"round", year}, {"households", survey.household_count()}});
}

}  // namespace

void AddImportRoutes(Router& r) {
  r.Add("POST", "/api/imports", Permission::kImport, Import);
  r.Add("POST", "/api/rounds/{year}/classify", Permission::kClassify, Classify);
}

}  // namespace lnob::server
