#include "server/render.hpp"

#include "core/explain.hpp"
#include "core/schema.hpp"

namespace lnob::server {
namespace {

namespace json = boost::json;

bool IsHealthField(std::string_view name) {
  return name == "health_insurance" || name == "malnourished" || name == "disability";
}

// Whether the caller may see field `name` (of either level); `masked` gets the shown text.
bool Shown(std::string_view name, const FieldAccess& f, const std::string& value,
           std::string* shown) {
  *shown = value;
  if (name == "full_name") return f.names;
  if (name == "ethnicity") return f.ethnicity;
  if (IsHealthField(name)) return f.health;
  if (name == "income_pc_month") return f.income;
  if (name == "national_id") {
    if (!f.citizen_id) *shown = MaskCitizenId(value);
    return true;
  }
  if (name == "birth_date") {
    if (!f.birth_date) *shown = value.substr(0, 4);
    return true;
  }
  return true;
}

// Adds the fields of a row of `level` to `o` as the caller may see them. Booleans and money as
// numbers, others as text; absent columns left out.
void AddFields(const core::Survey& s, core::Level level, uint32_t row, const FieldAccess& f,
               json::object* o) {
  const auto fields = core::Fields(level);
  const core::Table& t = level == core::Level::kHousehold ? s.households : s.members;
  for (size_t i = 0; i < fields.size(); ++i) {
    const core::FieldDef& def = fields[i];
    if (def.name == "household_id") continue;
    const core::FieldColumn& c = t.columns[i];
    if (!c.present) continue;
    std::string shown;
    std::string text = core::FieldValueText(s, level, static_cast<int>(i), row);
    if (!Shown(def.name, f, text, &shown)) continue;
    if ((def.type == core::FieldType::kBool || def.type == core::FieldType::kMoney) &&
        shown == text) {
      (*o)[def.name] = c.Int(row);
    } else {
      (*o)[def.name] = shown;
    }
  }
}

}  // namespace

std::string MaskCitizenId(std::string_view id) {
  if (id.size() <= 4) return std::string(id);
  return std::string(id.size() - 4, '*') + std::string(id.substr(id.size() - 4));
}

json::object HouseholdSummary(const analytics::Snapshot& snap, uint32_t h,
                              const analytics::UnitCatalog& units, Date today) {
  const core::Survey& s = snap.survey;
  std::string_view commune = s.households.Column(core::hh::kCommuneCode).strings[h];
  const auto& village_col = s.households.Column(core::hh::kVillageCode);
  std::string_view village = village_col.present ? village_col.strings[h] : std::string_view();
  const Date on = snap.round.reference_date.value ? snap.round.reference_date : today;
  json::object o{{"household_id", s.household_id(h)},
                 {"commune_code", commune},
                 {"commune_name", units.NameOn(commune, on)},
                 {"village_code", village},
                 {"village_name", village.empty() ? std::string() : units.NameOn(village, on)},
                 {"category", core::CategoryId(snap.result.category[h])},
                 {"deprivation_count", snap.result.deprivation_count[h]},
                 {"persons", snap.persons(h)}};
  return o;
}

json::object HouseholdDetail(const analytics::Snapshot& snap, uint32_t h, const FieldAccess& f,
                             const analytics::UnitCatalog& units, Date today) {
  const core::Survey& s = snap.survey;
  json::object o = HouseholdSummary(snap, h, units, today);
  o["round"] = snap.round.year;
  json::object answers;
  AddFields(s, core::Level::kHousehold, h, f, &answers);
  o["answers"] = std::move(answers);
  json::array members;
  for (uint32_t m = s.member_begin[h]; m < s.member_begin[h + 1]; ++m) {
    json::object mo;
    AddFields(s, core::Level::kMember, m, f, &mo);
    mo["age"] = snap.ages[m];
    members.push_back(std::move(mo));
  }
  o["members"] = std::move(members);

  const core::StandardPtr& standard =
      snap.result.choice.standards[snap.result.choice.of_household[h]];
  core::Explanation e = core::Explainer(standard).Explain(s, snap.ages, h);
  json::array indicators;
  for (const core::IndicatorVerdict& v : e.indicators) {
    json::array causes;
    for (const core::Cause& c : v.causes) {
      json::object co;
      if (!c.member_id.empty()) co["member_id"] = c.member_id;
      for (const auto& [field, value] : c.values) {
        std::string shown;
        if (Shown(field, f, value, &shown)) co[field] = shown;
      }
      causes.push_back(std::move(co));
    }
    indicators.push_back(json::object{{"id", v.indicator->id},
                                      {"dimension", v.indicator->dimension},
                                      {"name_vi", v.indicator->name_vi},
                                      {"name_en", v.indicator->name_en},
                                      {"deprived", v.deprived},
                                      {"causes", std::move(causes)}});
  }
  json::object result{{"standard", standard->id()},
                      {"category", core::CategoryId(snap.result.category[h])},
                      {"deprivation_count", snap.result.deprivation_count[h]},
                      {"indicators", std::move(indicators)}};
  if (f.income) result["income_line"] = snap.result.income_line[h];
  o["result"] = std::move(result);
  return o;
}

}  // namespace lnob::server
