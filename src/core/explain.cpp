#include "core/explain.hpp"

#include <cstdio>

#include "common/date.hpp"
#include "common/json_text.hpp"
#include "common/money.hpp"
#include "core/classifier.hpp"

namespace lnob::core {
namespace {

using rules::Batch;
using rules::EvalContext;
using rules::FieldUse;
using rules::Node;
using rules::Scratch;

// Splits a rule into its member aggregates and the household values read outside them.
void Walk(const Node* n, std::vector<const Node*>* aggregates, std::vector<FieldUse>* household) {
  if (n->AggregateChild()) {
    aggregates->push_back(n);
    return;
  }
  std::vector<const Node*> kids;
  n->Children(&kids);
  if (kids.empty()) {
    n->CollectUses(household);
    return;
  }
  for (const Node* k : kids) Walk(k, aggregates, household);
}

std::string UseValue(const Survey& s, const FieldUse& u, uint32_t row, const int32_t* ages) {
  if (u.field >= 0) return FieldValueText(s, u.level, u.field, row);
  if (u.name == "age") return std::to_string(ages[row]);
  if (u.name == "members") return std::to_string(s.member_begin[row + 1] - s.member_begin[row]);
  return "";
}

}  // namespace

std::string FieldValueText(const Survey& survey, Level level, int field, uint32_t row) {
  const Table& t = level == Level::kHousehold ? survey.households : survey.members;
  const FieldDef& f = Fields(level)[field];
  const FieldColumn& c = t.columns[field];
  if (!c.present) return "";
  switch (f.type) {
    case FieldType::kEnum: return std::string(f.values[c.i8[row]]);
    case FieldType::kBool:
    case FieldType::kMoney: return std::to_string(c.Int(row));
    case FieldType::kDate:
    case FieldType::kBirthDate: return FormatIsoDate(Date{c.i32[row]});
    case FieldType::kDecimal: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", c.reals[row]);
      return buf;
    }
    default: return std::string(c.strings[row]);
  }
}

Explainer::Explainer(StandardPtr standard) : standard_(std::move(standard)) {
  for (const Indicator& ind : standard_->indicators()) {
    Plan p;
    Walk(ind.program.get(), &p.aggregates, &p.household_uses);
    for (const Node* agg : p.aggregates) {
      std::vector<FieldUse> uses;
      agg->AggregateChild()->CollectUses(&uses);
      p.member_uses.push_back(std::move(uses));
    }
    plans_.push_back(std::move(p));
  }
}

Explanation Explainer::Explain(const Survey& survey, const std::vector<int32_t>& ages,
                               uint32_t h) const {
  Explanation e;
  e.household_id = std::string(survey.household_id(h));
  e.standard = standard_.get();
  e.area = FieldValueText(survey, Level::kHousehold, hh::kArea, h);
  e.income = survey.households.columns[hh::kIncome].i64[h];

  // The same compiled rules as bulk classification, on a batch of one household.
  Batch b = rules::BatchOf(survey, h, h + 1);
  Scratch scratch;
  int32_t count = 0;
  EvalContext ctx{&survey, ages.data(), &count, h};
  int64_t value = 0;
  std::vector<int64_t> member_values(b.me - b.mb);
  const auto& indicators = standard_->indicators();
  for (size_t i = 0; i < indicators.size(); ++i) {
    const Plan& plan = plans_[i];
    IndicatorVerdict v;
    v.indicator = &indicators[i];
    indicators[i].program->EvalInt(ctx, b, &value, scratch);
    v.deprived = value != 0;
    count += v.deprived;
    for (size_t a = 0; a < plan.aggregates.size(); ++a) {
      const Node* agg = plan.aggregates[a];
      const Node* child = agg->AggregateChild();
      if (child->is_real()) continue;  // a sum of numbers names no single member
      child->EvalInt(ctx, b, member_values.data(), scratch);
      bool want = agg->AggregateKind() != "all";  // all(): the members that fail the test
      for (uint32_t m = b.mb; m < b.me; ++m) {
        if ((member_values[m - b.mb] != 0) != want) continue;
        Cause c;
        c.member_id = std::string(survey.members.columns[mem::kMemberId].strings[m]);
        for (const FieldUse& u : plan.member_uses[a]) {
          uint32_t row = u.level == Level::kMember ? m : h;
          c.values.emplace_back(u.name, UseValue(survey, u, row, ages.data()));
        }
        v.causes.push_back(std::move(c));
      }
    }
    if (!plan.household_uses.empty()) {
      Cause c;
      for (const FieldUse& u : plan.household_uses) {
        c.values.emplace_back(u.name, UseValue(survey, u, h, ages.data()));
      }
      v.causes.push_back(std::move(c));
    }
    e.indicators.push_back(std::move(v));
  }
  e.deprivation_count = count;
  standard_->income_line().EvalInt(ctx, b, &e.line, scratch);
  for (const CategoryRule& c : standard_->categories()) {
    c.program->EvalInt(ctx, b, &value, scratch);
    if (value) {
      e.category = c.category;
      break;
    }
  }
  return e;
}

Explanation Explain(const Survey& survey, uint32_t h, StandardPtr standard) {
  return Explainer(std::move(standard)).Explain(survey, ComputeAges(survey), h);
}

std::string ExplanationJson(const Explanation& e) {
  std::string out = "{";
  bool first_ind = true;
  for (const IndicatorVerdict& v : e.indicators) {
    if (!v.deprived) continue;
    out += (first_ind ? "" : ",") + JsonString(v.indicator->id) + ":[";
    first_ind = false;
    for (size_t c = 0; c < v.causes.size(); ++c) {
      const Cause& cause = v.causes[c];
      out += c ? ",{" : "{";
      bool first = true;
      if (!cause.member_id.empty()) {
        out += "\"member\":" + JsonString(cause.member_id);
        first = false;
      }
      for (const auto& [k, val] : cause.values) {
        out += (first ? "" : ",") + JsonString(k) + ":" + JsonString(val);
        first = false;
      }
      out += "}";
    }
    out += "]";
  }
  return out + "}";
}

std::string FormatExplanation(const Explanation& e, Lang lang) {
  bool vi = lang == Lang::kVi;
  std::string out;
  out += (vi ? "Hộ " : "Household ") + e.household_id + " — " + e.standard->id() + " (" +
         e.standard->name(lang) + ")\n";
  for (const IndicatorVerdict& v : e.indicators) {
    const Indicator& ind = *v.indicator;
    out += v.deprived ? "  [x] " : "  [ ] ";
    out += ind.id + " — " + (vi ? ind.name_vi : ind.name_en) + ": ";
    out += v.deprived ? (vi ? "THIẾU HỤT" : "DEPRIVED") : (vi ? "không thiếu hụt" : "not deprived");
    out += "\n";
    if (!v.deprived) continue;
    for (const Cause& c : v.causes) {
      out += "        ";
      out += c.member_id.empty() ? (vi ? "hộ: " : "household: ")
                                 : (vi ? "thành viên " : "member ") + c.member_id + ": ";
      for (size_t i = 0; i < c.values.size(); ++i) {
        out += (i ? ", " : "") + c.values[i].first + "=" + c.values[i].second;
      }
      out += "\n";
    }
  }
  out += (vi ? "  Số chỉ số thiếu hụt: " : "  Deprived indicators: ") +
         std::to_string(e.deprivation_count) + "/" + std::to_string(e.indicators.size()) + "\n";
  out += (vi ? "  Thu nhập bình quân: " : "  Income per person per month: ") +
         FormatMoney(Money::Vnd(e.income), lang) + (e.income <= e.line ? " <= " : " > ") +
         (vi ? "chuẩn " : "line ") + FormatMoney(Money::Vnd(e.line), lang) + " (" +
         (vi ? (e.area == "urban" ? "thành thị" : "nông thôn") : e.area) + ")\n";
  out += (vi ? "  Kết quả: " : "  Category: ") + std::string(CategoryId(e.category)) + " (" +
         std::string(CategoryName(e.category, lang)) + ")\n";
  return out;
}

}  // namespace lnob::core
