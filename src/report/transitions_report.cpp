#include "report/transitions_report.hpp"

namespace lnob::report {
namespace {

std::string CategoryText(int code, Lang lang) {
  if (code < 0 || code > 3) return lang == Lang::kVi ? "không có trong kỳ" : "not in the round";
  return std::string(core::CategoryName(static_cast<core::Category>(code), lang));
}

std::string Years(const analytics::Transitions& t) {
  return std::to_string(t.from_year) + "-" + std::to_string(t.to_year);
}

}  // namespace

Table TransitionsTable(const analytics::Transitions& t, bool total_row, Lang lang) {
  Table tab;
  tab.key = "transitions";
  tab.title_vi = "Biến động hộ nghèo, cận nghèo " + Years(t);
  tab.title_en = "Movements in and out of poverty, " + Years(t);
  using K = CellKind;
  std::string f = std::to_string(t.from_year), to = std::to_string(t.to_year);
  tab.columns = {
      {"unit_code", "Mã đơn vị", "Unit code", K::kText},
      {"unit_name", "Đơn vị", "Unit", K::kText},
      {"households_from", "Số hộ " + f, "Households " + f, K::kInt},
      {"households_to", "Số hộ " + to, "Households " + to, K::kInt},
      {"poor_from", "Hộ nghèo " + f, "Poor " + f, K::kInt},
      {"poor_to", "Hộ nghèo " + to, "Poor " + to, K::kInt},
      {"stayed_poor", "Vẫn nghèo", "Stayed poor", K::kInt},
      {"escaped", "Thoát nghèo", "Escaped poverty", K::kInt},
      {"escaped_to_near_poor", "Thoát nghèo thành cận nghèo", "Escaped to near-poor", K::kInt},
      {"newly_poor", "Nghèo phát sinh", "Newly poor", K::kInt},
      {"fell_back", "Tái nghèo", "Fell back into poverty", K::kInt},
      {"stayed_near_poor", "Vẫn cận nghèo", "Stayed near-poor", K::kInt},
      {"became_near_poor", "Cận nghèo mới", "Became near-poor", K::kInt},
      {"entered", "Hộ mới trong kỳ", "Entered", K::kInt},
      {"left", "Hộ không còn trong kỳ", "Left", K::kInt}};
  auto add = [&](const analytics::TransitionCounts& c, bool total) {
    std::vector<Cell> row = {
        Cell::Text(total ? "" : c.unit_code),
        Cell::Text(total ? (lang == Lang::kVi ? "Tổng cộng" : "Total") : c.unit_name)};
    for (uint64_t v : {c.households_from, c.households_to, c.poor_from, c.poor_to, c.stayed_poor,
                       c.escaped, c.escaped_to_near_poor, c.newly_poor, c.fell_back,
                       c.stayed_near_poor, c.became_near_poor, c.entered, c.left}) {
      row.push_back(Cell::Int(static_cast<int64_t>(v)));
    }
    tab.rows.push_back(std::move(row));
  };
  for (const auto& c : t.by_unit) add(c, false);
  if (total_row || t.by_unit.empty()) add(t.total, true);
  return tab;
}

Table TransitionMatrixTable(const analytics::Transitions& t, Lang lang) {
  Table tab;
  tab.key = "transition_matrix";
  tab.title_vi = "Ma trận chuyển đổi " + Years(t) + " (hàng: " + std::to_string(t.from_year) +
                 ", cột: " + std::to_string(t.to_year) + ")";
  tab.title_en = "Transition matrix " + Years(t) + " (rows: " + std::to_string(t.from_year) +
                 ", columns: " + std::to_string(t.to_year) + ")";
  const int order[] = {3, 2, 1, 0, 4};  // poor first, absent last
  const char* keys[] = {"not_poor", "middle", "near_poor", "poor", "absent"};
  tab.columns.push_back({"from", "Năm " + std::to_string(t.from_year),
                         "In " + std::to_string(t.from_year), CellKind::kText});
  for (int c : order) {
    tab.columns.push_back({keys[c], CategoryText(c == 4 ? -1 : c, Lang::kVi),
                           CategoryText(c == 4 ? -1 : c, Lang::kEn), CellKind::kInt});
  }
  for (int r : order) {
    std::vector<Cell> row = {Cell::Text(CategoryText(r == 4 ? -1 : r, lang))};
    for (int c : order) row.push_back(Cell::Int(static_cast<int64_t>(t.matrix[r][c])));
    tab.rows.push_back(std::move(row));
  }
  return tab;
}

Table ExitsTable(const analytics::Transitions& t, Lang lang) {
  Table tab;
  tab.key = "exits";
  tab.title_vi = "Tính bền vững của thoát nghèo (đến năm " + std::to_string(t.to_year) + ")";
  tab.title_en = "How exits from poverty last (up to " + std::to_string(t.to_year) + ")";
  using K = CellKind;
  tab.columns = {{"exit_year", "Năm thoát nghèo", "Year of exit", K::kYear},
                 {"escaped", "Số hộ thoát nghèo", "Households escaped", K::kInt},
                 {"still_out", "Vẫn không nghèo", "Still out of poverty", K::kInt},
                 {"fell_back", "Tái nghèo", "Fell back", K::kInt},
                 {"not_seen", "Không còn trong kỳ cuối", "Not in the last round", K::kInt},
                 {"sustained_rate", "Tỷ lệ bền vững (%)", "Sustained (%)", K::kPercent}};
  size_t max_after = 0;
  for (const auto& e : t.exits) max_after = std::max(max_after, e.out_after.size());
  for (size_t k = 0; k < max_after; ++k) {
    std::string n = std::to_string(k + 1);
    tab.columns.push_back({"out_after_" + n, "Không nghèo sau " + n + " năm",
                           "Out after " + n + (k == 0 ? " round" : " rounds"), K::kInt});
  }
  for (const auto& e : t.exits) {
    std::vector<Cell> row = {Cell::Year(e.year),
                             Cell::Int(static_cast<int64_t>(e.escaped)),
                             Cell::Int(static_cast<int64_t>(e.still_out)),
                             Cell::Int(static_cast<int64_t>(e.fell_back)),
                             Cell::Int(static_cast<int64_t>(e.not_seen)),
                             e.escaped == e.not_seen
                                 ? Cell::Empty(K::kPercent)
                                 : Cell::Percent(100.0 * static_cast<double>(e.still_out) /
                                                 static_cast<double>(e.escaped - e.not_seen))};
    for (size_t k = 0; k < max_after; ++k) {
      row.push_back(k < e.out_after.size() ? Cell::Int(static_cast<int64_t>(e.out_after[k]))
                                           : Cell::Empty(K::kInt));
    }
    tab.rows.push_back(std::move(row));
  }
  tab.note_vi =
      "Tỷ lệ bền vững: số hộ vẫn không nghèo ở kỳ cuối trên số hộ thoát nghèo còn có "
      "trong kỳ cuối.";
  tab.note_en =
      "Sustained: households still out of poverty in the last round, of the households "
      "that escaped and are in the last round.";
  (void)lang;
  return tab;
}

Table HouseholdTransitionsTable(const analytics::Transitions& t) {
  Table tab;
  tab.key = "household_transitions";
  tab.title_vi = "Biến động theo hộ " + Years(t);
  tab.title_en = "Movements by household, " + Years(t);
  using K = CellKind;
  tab.columns = {{"household_id", "Mã hộ", "Household ID", K::kText},
                 {"category_from", "Phân loại " + std::to_string(t.from_year),
                  "Category " + std::to_string(t.from_year), K::kText},
                 {"category_to", "Phân loại " + std::to_string(t.to_year),
                  "Category " + std::to_string(t.to_year), K::kText},
                 {"flow", "Biến động", "Movement", K::kText}};
  auto id = [](int c) {
    return c < 0 ? std::string("absent")
                 : std::string(core::CategoryId(static_cast<core::Category>(c)));
  };
  for (const auto& h : t.households) {
    tab.rows.push_back({Cell::Text(h.household_id), Cell::Text(id(h.from)), Cell::Text(id(h.to)),
                        Cell::Text(h.flow)});
  }
  return tab;
}

}  // namespace lnob::report
