#include "core/sub_survey.hpp"

namespace lnob::core {
namespace {

// out[i] = in[rows[i]] for every numeric vector of `in` that is not empty.
void GatherColumn(const FieldColumn& in, std::span<const uint32_t> rows, FieldColumn* out) {
  out->present = in.present;
  auto gather = [&rows](const auto& from, auto* to) {
    to->clear();
    if (from.empty()) return;
    to->resize(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) (*to)[i] = from[rows[i]];
  };
  gather(in.i64, &out->i64);
  gather(in.i32, &out->i32);
  gather(in.i8, &out->i8);
  gather(in.reals, &out->reals);
}

void GatherTable(const Table& in, std::span<const uint32_t> rows, Table* out) {
  out->rows = static_cast<uint32_t>(rows.size());
  out->columns.resize(in.columns.size());
  for (size_t c = 0; c < in.columns.size(); ++c)
    GatherColumn(in.columns[c], rows, &out->columns[c]);
}

}  // namespace

void SubSurvey(const Survey& survey, std::span<const uint32_t> households, Survey* out) {
  Survey& sub = *out;
  std::vector<uint32_t>& member_rows = sub.member_household;  // member indexes of `survey` first
  member_rows.clear();
  sub.member_begin.assign(1, 0);
  for (uint32_t h : households) {
    for (uint32_t m = survey.member_begin[h]; m < survey.member_begin[h + 1]; ++m) {
      member_rows.push_back(m);
    }
    sub.member_begin.push_back(static_cast<uint32_t>(member_rows.size()));
  }
  GatherTable(survey.households, households, &sub.households);
  GatherTable(survey.members, member_rows, &sub.members);
  for (uint32_t k = 0; k < households.size(); ++k) {  // then what member_household means
    for (uint32_t m = sub.member_begin[k]; m < sub.member_begin[k + 1]; ++m) {
      sub.member_household[m] = k;
    }
  }
  sub.households_source = survey.households_source;
  sub.members_source = survey.members_source;
}

}  // namespace lnob::core
