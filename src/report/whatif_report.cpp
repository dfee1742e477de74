#include "report/whatif_report.hpp"

namespace lnob::report {
namespace {

constexpr int kPoor = static_cast<int>(core::Category::kPoor);
constexpr int kNear = static_cast<int>(core::Category::kNearPoor);

double Rate(uint64_t n, uint64_t of) {
  return of == 0 ? 0.0 : 100.0 * static_cast<double>(n) / static_cast<double>(of);
}

uint64_t Into(const analytics::WhatIfRow& r, int c) {
  uint64_t n = 0;
  for (int i = 0; i < 4; ++i) n += i == c ? 0 : r.moves[i][c];
  return n;
}

uint64_t OutOf(const analytics::WhatIfRow& r, int c) {
  uint64_t n = 0;
  for (int j = 0; j < 4; ++j) n += j == c ? 0 : r.moves[c][j];
  return n;
}

}  // namespace

Table WhatIfTable(const analytics::WhatIf& w, const std::string& what, bool total_row, Lang lang) {
  Table t;
  t.key = "whatif";
  t.title_vi = "Mô phỏng: phân loại lại theo " + what;
  t.title_en = "What-if: re-classified under " + what;
  using K = CellKind;
  t.columns = {
      {"unit_code", "Mã đơn vị", "Unit code", K::kText},
      {"unit_name", "Đơn vị", "Unit", K::kText},
      {"households", "Số hộ", "Households", K::kInt},
      {"poor_before", "Hộ nghèo hiện tại", "Poor now", K::kInt},
      {"poor_after", "Hộ nghèo theo mô phỏng", "Poor under the what-if", K::kInt},
      {"poor_change", "Chênh lệch hộ nghèo", "Change in poor", K::kInt},
      {"near_poor_before", "Hộ cận nghèo hiện tại", "Near-poor now", K::kInt},
      {"near_poor_after", "Hộ cận nghèo theo mô phỏng", "Near-poor under the what-if", K::kInt},
      {"near_poor_change", "Chênh lệch hộ cận nghèo", "Change in near-poor", K::kInt},
      {"poor_rate_before", "Tỷ lệ nghèo hiện tại (%)", "Poverty rate now (%)", K::kPercent},
      {"poor_rate_after", "Tỷ lệ nghèo mô phỏng (%)", "Poverty rate, what-if (%)", K::kPercent},
      {"poor_rate_change", "Chênh lệch (điểm %)", "Change (points)", K::kPoints},
      {"into_poor", "Trở thành nghèo", "Become poor", K::kInt},
      {"out_of_poor", "Ra khỏi nghèo", "Leave poverty", K::kInt},
      {"into_near_poor", "Trở thành cận nghèo", "Become near-poor", K::kInt},
      {"out_of_near_poor", "Ra khỏi cận nghèo", "Leave near-poverty", K::kInt},
      {"changed", "Số hộ đổi phân loại", "Households changing category", K::kInt}};
  auto add = [&](const analytics::WhatIfRow& r, bool total) {
    auto I = [](uint64_t v) { return Cell::Int(static_cast<int64_t>(v)); };
    double before = Rate(r.before[kPoor], r.households), after = Rate(r.after[kPoor], r.households);
    t.rows.push_back(
        {Cell::Text(total ? "" : r.group.unit_code),
         Cell::Text(total ? (lang == Lang::kVi ? "Tổng cộng" : "Total") : r.group.unit_name),
         I(r.households), I(r.before[kPoor]), I(r.after[kPoor]),
         Cell::Int(static_cast<int64_t>(r.after[kPoor]) - static_cast<int64_t>(r.before[kPoor])),
         I(r.before[kNear]), I(r.after[kNear]),
         Cell::Int(static_cast<int64_t>(r.after[kNear]) - static_cast<int64_t>(r.before[kNear])),
         Cell::Percent(before), Cell::Percent(after), Cell::Points(after - before),
         I(Into(r, kPoor)), I(OutOf(r, kPoor)), I(Into(r, kNear)), I(OutOf(r, kNear)),
         I(r.changed())});
  };
  for (const auto& r : w.rows) add(r, false);
  if (total_row) add(w.total, true);
  return t;
}

Table WhatIfMatrixTable(const analytics::WhatIf& w, Lang lang) {
  Table t;
  t.key = "whatif_matrix";
  t.title_vi = "Chuyển đổi phân loại (hàng: hiện tại, cột: mô phỏng)";
  t.title_en = "Category changes (rows: now, columns: what-if)";
  const int order[] = {3, 2, 1, 0};
  t.columns.push_back({"now", "Hiện tại", "Now", CellKind::kText});
  for (int c : order) {
    auto cat = static_cast<core::Category>(c);
    t.columns.push_back({std::string(core::CategoryId(cat)),
                         std::string(core::CategoryName(cat, Lang::kVi)),
                         std::string(core::CategoryName(cat, Lang::kEn)), CellKind::kInt});
  }
  for (int r : order) {
    std::vector<Cell> row = {
        Cell::Text(std::string(core::CategoryName(static_cast<core::Category>(r), lang)))};
    for (int c : order) row.push_back(Cell::Int(static_cast<int64_t>(w.total.moves[r][c])));
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table WhatIfHouseholdsTable(const analytics::Snapshot& snap, const analytics::WhatIf& w) {
  Table t;
  t.key = "whatif_households";
  t.title_vi = "Các hộ đổi phân loại";
  t.title_en = "Households changing category";
  t.columns = {{"household_id", "Mã hộ", "Household ID", CellKind::kText},
               {"before", "Hiện tại", "Now", CellKind::kText},
               {"after", "Mô phỏng", "What-if", CellKind::kText}};
  for (uint32_t h = 0; h < snap.household_count(); ++h) {
    if (snap.result.category[h] == w.result.category[h]) continue;
    t.rows.push_back({Cell::Text(std::string(snap.survey.household_id(h))),
                      Cell::Text(std::string(core::CategoryId(snap.result.category[h]))),
                      Cell::Text(std::string(core::CategoryId(w.result.category[h])))});
  }
  return t;
}

}  // namespace lnob::report
