#include "report/rates_report.hpp"

namespace lnob::report {
namespace {

double Share(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

std::string LevelLabel(analytics::UnitLevel level, Lang lang) {
  bool vi = lang == Lang::kVi;
  switch (level) {
    case analytics::UnitLevel::kProvince: return vi ? "Tỉnh" : "Province";
    case analytics::UnitLevel::kCommune: return vi ? "Xã" : "Commune";
    case analytics::UnitLevel::kVillage: return vi ? "Thôn" : "Village";
  }
  return "";
}

std::string SplitLabel(analytics::SplitBy by, Lang lang) {
  bool vi = lang == Lang::kVi;
  switch (by) {
    case analytics::SplitBy::kArea: return vi ? "Khu vực" : "Area";
    case analytics::SplitBy::kEthnicity: return vi ? "Dân tộc chủ hộ" : "Head's ethnicity";
    case analytics::SplitBy::kSex: return vi ? "Giới tính chủ hộ" : "Head's sex";
    case analytics::SplitBy::kNone: break;
  }
  return "";
}

Table RatesTable(const analytics::Rates& r, const RatesTableOptions& options) {
  Table t;
  t.key = "rates";
  t.title_vi = "Tỷ lệ hộ nghèo, cận nghèo năm " + std::to_string(r.round.year);
  t.title_en = "Poor and near-poor households, " + std::to_string(r.round.year);
  using K = CellKind;
  t.columns = {{"unit_code", "Mã đơn vị", "Unit code", K::kText},
               {"unit_name", "Đơn vị", "Unit", K::kText}};
  const bool split = r.by != analytics::SplitBy::kNone;
  if (split) {  // keyed by what it splits by: area, ethnicity or sex
    t.columns.push_back({std::string(analytics::SplitById(r.by)), SplitLabel(r.by, Lang::kVi),
                         SplitLabel(r.by, Lang::kEn), K::kText});
  }
  t.columns.insert(
      t.columns.end(),
      {{"households", "Số hộ", "Households", K::kInt},
       {"persons", "Số người", "Persons", K::kInt},
       {"poor", "Hộ nghèo", "Poor", K::kInt},
       {"near_poor", "Hộ cận nghèo", "Near-poor", K::kInt},
       {"middle", "Hộ có mức sống trung bình", "Middle-income", K::kInt},
       {"not_poor", "Hộ không nghèo", "Not poor", K::kInt},
       {"poor_persons", "Số người nghèo", "Poor persons", K::kInt},
       {"near_poor_persons", "Số người cận nghèo", "Near-poor persons", K::kInt},
       {"poor_rate", "Tỷ lệ hộ nghèo (%)", "Poverty rate (%)", K::kPercent},
       {"near_poor_rate", "Tỷ lệ hộ cận nghèo (%)", "Near-poverty rate (%)", K::kPercent},
       {"poor_near_poor_rate", "Tỷ lệ nghèo và cận nghèo (%)", "Poor and near-poor (%)",
        K::kPercent}});
  if (options.deprivations) {
    for (const auto& i : r.indicators) {
      t.columns.push_back(
          {"deprived_" + i.id, "Thiếu hụt: " + i.name_vi, "Deprived: " + i.name_en, K::kInt});
    }
    for (const auto& i : r.indicators) {
      t.columns.push_back({"deprived_poor_" + i.id, "Hộ nghèo thiếu hụt: " + i.name_vi,
                           "Poor deprived: " + i.name_en, K::kInt});
    }
  }
  auto add = [&](const analytics::RateRow& row, bool is_total) {
    std::vector<Cell> cells;
    cells.push_back(Cell::Text(is_total ? "" : row.group.unit_code));
    cells.push_back(Cell::Text(is_total ? (options.lang == Lang::kVi ? "Tổng cộng" : "Total")
                                        : row.group.unit_name));
    if (split) cells.push_back(Cell::Text(row.group.subgroup));
    for (uint64_t v : {row.households, row.persons, row.poor, row.near_poor, row.middle,
                       row.not_poor, row.poor_persons, row.near_poor_persons}) {
      cells.push_back(Cell::Int(static_cast<int64_t>(v)));
    }
    cells.push_back(Cell::Percent(row.poor_rate()));
    cells.push_back(Cell::Percent(row.near_poor_rate()));
    cells.push_back(Cell::Percent(row.Rate(row.poor + row.near_poor)));
    if (options.deprivations) {
      for (uint64_t v : row.deprived) cells.push_back(Cell::Int(static_cast<int64_t>(v)));
      for (uint64_t v : row.deprived_poor) cells.push_back(Cell::Int(static_cast<int64_t>(v)));
    }
    t.rows.push_back(std::move(cells));
  };
  for (const auto& row : r.rows) add(row, false);
  if (options.total_row) add(r.total, true);
  if (r.unplaced > 0) {
    std::string codes;
    for (const auto& c : r.unplaced_codes) codes += (codes.empty() ? "" : ", ") + c;
    t.note_vi = std::to_string(r.unplaced) +
                " hộ không xác định được đơn vị vào ngày đã chọn (xã " + codes +
                " bị chia tách, hộ không có mã thôn); các hộ này chỉ được tính vào dòng tổng.";
    t.note_en = std::to_string(r.unplaced) +
                " households could not be placed in a unit on the chosen date (commune " + codes +
                " was split and they have no village code); they count in the total only.";
  }
  return t;
}

Table DeprivationTable(const analytics::Rates& r, Lang lang) {
  Table t;
  t.key = "deprivations";
  t.title_vi = "Thiếu hụt các dịch vụ xã hội cơ bản năm " + std::to_string(r.round.year);
  t.title_en = "Deprivations in basic social services, " + std::to_string(r.round.year);
  using K = CellKind;
  t.columns = {
      {"indicator", "Chỉ số", "Indicator", K::kText},
      {"name", "Tên", "Name", K::kText},
      {"dimension", "Chiều", "Dimension", K::kText},
      {"deprived", "Số hộ thiếu hụt", "Households deprived", K::kInt},
      {"deprived_rate", "Tỷ lệ trên tổng số hộ (%)", "Share of all households (%)", K::kPercent},
      {"deprived_poor", "Số hộ nghèo thiếu hụt", "Poor households deprived", K::kInt},
      {"deprived_poor_rate", "Tỷ lệ trên số hộ nghèo (%)", "Share of poor households (%)",
       K::kPercent}};
  for (size_t i = 0; i < r.indicators.size(); ++i) {
    const auto& ind = r.indicators[i];
    t.rows.push_back({Cell::Text(ind.id), Cell::Text(lang == Lang::kVi ? ind.name_vi : ind.name_en),
                      Cell::Text(ind.dimension),
                      Cell::Int(static_cast<int64_t>(r.total.deprived[i])),
                      Cell::Percent(Share(r.total.deprived[i], r.total.households)),
                      Cell::Int(static_cast<int64_t>(r.total.deprived_poor[i])),
                      Cell::Percent(Share(r.total.deprived_poor[i], r.total.poor))});
  }
  return t;
}

}  // namespace lnob::report
