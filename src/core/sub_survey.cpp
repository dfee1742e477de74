#include "core/sub_survey.hpp"

#include "common/memory.hpp"

namespace lnob::core {
namespace {

// out[i] = in[rows[i]] for every numeric vector of `in` that is not empty.
void GatherColumn(const FieldColumn& in, const std::vector<uint32_t>& rows, FieldColumn* out) {
  out->present = in.present;
  auto gather = [&rows](const auto& from, auto* to) {
    if (from.empty()) return;
    ResizeFresh(to, rows.size());
    for (size_t i = 0; i < rows.size(); ++i) (*to)[i] = from[rows[i]];
  };
  gather(in.i64, &out->i64);
  gather(in.i32, &out->i32);
  gather(in.i8, &out->i8);
  gather(in.reals, &out->reals);
}

void GatherTable(const Table& in, const std::vector<uint32_t>& rows, Table* out) {
  out->rows = static_cast<uint32_t>(rows.size());
  out->columns.resize(in.columns.size());
  for (size_t c = 0; c < in.columns.size(); ++c)
    GatherColumn(in.columns[c], rows, &out->columns[c]);
}

}  // namespace

Survey SubSurvey(const Survey& survey, std::span<const uint32_t> households) {
  Survey sub;
  std::vector<uint32_t> hh_rows(households.begin(), households.end());
  std::vector<uint32_t> member_rows;
  sub.member_begin.reserve(hh_rows.size() + 1);
  sub.member_begin.push_back(0);
  for (uint32_t h : hh_rows) {
    for (uint32_t m = survey.member_begin[h]; m < survey.member_begin[h + 1]; ++m) {
      member_rows.push_back(m);
    }
    sub.member_begin.push_back(static_cast<uint32_t>(member_rows.size()));
  }
  ResizeFresh(&sub.member_household, member_rows.size());
  for (uint32_t k = 0; k < hh_rows.size(); ++k) {
    for (uint32_t m = sub.member_begin[k]; m < sub.member_begin[k + 1]; ++m) {
      sub.member_household[m] = k;
    }
  }
  GatherTable(survey.households, hh_rows, &sub.households);
  GatherTable(survey.members, member_rows, &sub.members);
  sub.households_source = survey.households_source;
  sub.members_source = survey.members_source;
  return sub;
}

}  // namespace lnob::core
