// Targets: set by the province, replaced by id, read by reports.
#include <algorithm>

#include "common/clock.hpp"
#include "store/store.hpp"
#include "store/units_sql.hpp"

namespace lnob::store {

Status Store::SaveTargets(const std::vector<core::Target>& targets) {
  return InTransaction(*db_, [&]() -> Status {
    ASSIGN_OR_RETURN(auto del, db_->Prepare("DELETE FROM targets WHERE id = ?"));
    ASSIGN_OR_RETURN(auto ins,
                     db_->Prepare("INSERT INTO targets (id, name_vi, name_en, indicator, "
                                  "unit_code, units_on, baseline_year, baseline_value, goal_kind, "
                                  "goal_value, deadline_year, updated_at) VALUES (?, ?, ?, ?, ?, "
                                  "?, ?, ?, ?, ?, ?, ?)"));
    const std::string now = NowUtcIso();
    for (const core::Target& t : targets) {
      del->Reset();
      del->BindText(1, t.id);
      RETURN_IF_ERROR(del->Run());
      ins->Reset();
      ins->BindText(1, t.id);
      ins->BindText(2, t.name_vi);
      ins->BindText(3, t.name_en);
      ins->BindText(4, core::TargetIndicatorId(t.indicator));  // a literal: outlives the run
      ins->BindText(5, t.unit_code);
      t.units_on ? ins->BindInt(6, t.units_on->value) : ins->BindNull(6);
      ins->BindInt(7, t.baseline_year);
      t.baseline_value ? ins->BindReal(8, *t.baseline_value) : ins->BindNull(8);
      ins->BindText(9, t.goal == core::GoalKind::kLevel ? "level" : "change_per_year");
      ins->BindReal(10, t.goal_value);
      ins->BindInt(11, t.deadline_year);
      ins->BindText(12, now);
      RETURN_IF_ERROR(ins->Run());
    }
    return OkStatus();
  });
}

Result<std::vector<core::Target>> Store::ListTargets() {
  ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT id, name_vi, name_en, indicator, unit_code, "
                                         "units_on, baseline_year, baseline_value, goal_kind, "
                                         "goal_value, deadline_year FROM targets"));
  std::vector<core::Target> out;
  Status bad;
  RETURN_IF_ERROR(internal::EachRow(st.get(), [&] {
    core::Target& t = out.emplace_back();
    t.id = st->ColumnText(0);
    t.name_vi = st->ColumnText(1);
    t.name_en = st->ColumnText(2);
    if (!core::ParseTargetIndicator(st->ColumnText(3), &t.indicator)) {
      bad = DataLoss("target " + t.id + " has an unknown indicator in the database");
    }
    t.unit_code = st->ColumnText(4);
    if (!st->ColumnIsNull(5)) t.units_on = internal::DateAt(st.get(), 5);
    t.baseline_year = static_cast<int>(st->ColumnInt(6));
    if (!st->ColumnIsNull(7)) t.baseline_value = st->ColumnReal(7);
    t.goal = st->ColumnText(8) == "level" ? core::GoalKind::kLevel : core::GoalKind::kChangePerYear;
    t.goal_value = st->ColumnReal(9);
    t.deadline_year = static_cast<int>(st->ColumnInt(10));
  }));
  if (!bad.ok()) return bad;
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

}  // namespace lnob::store
