// Classification runs: results are added, never overwritten.
#include "common/clock.hpp"
#include "core/explain.hpp"
#include "store/store.hpp"

namespace lnob::store {

Result<int64_t> Store::SaveClassification(const RoundInfo& round, const core::Survey& survey,
                                          const core::Classification& result,
                                          const ClassifyRecord& record) {
  if (survey.record_ids.size() != survey.household_count()) {
    return FailedPrecondition("only a survey loaded from the store can be saved as its results");
  }
  std::vector<int32_t> ages = core::ComputeAges(survey);
  std::vector<core::Explainer> explainers;
  for (const auto& s : result.choice.standards) explainers.emplace_back(s);
  const core::Standard& first = *result.choice.standards.front();
  int64_t run_id = 0;
  Status st = InTransaction(*db_, [&]() -> Status {
    ASSIGN_OR_RETURN(
        auto ins,
        db_->Prepare(
            "INSERT INTO classification_runs (round_id, standard_id, standard_version, parameters, "
            "households, classified_at, author) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    std::string now = NowUtcIso();
    ins->BindInt(1, round.id);
    ins->BindText(2, first.id());
    ins->BindInt(3, first.version());
    ins->BindText(4, record.parameters);
    ins->BindInt(5, survey.household_count());
    ins->BindText(6, now);
    ins->BindText(7, record.author);
    ASSIGN_OR_RETURN(bool got, ins->Next());
    if (!got) return Internal("the classification run was not recorded");
    run_id = ins->ColumnInt(0);
    ins.reset();
    ASSIGN_OR_RETURN(auto bulk,
                     db_->Bulk("classifications",
                               {"run_id", "answer_id", "household_id", "standard_id", "category",
                                "deprivation_count", "deprived", "income_line", "explanation"}));
    std::string deprived;
    for (uint32_t h = 0; h < survey.household_count(); ++h) {
      uint8_t si = result.choice.of_household[h];
      const core::Standard& s = *result.choice.standards[si];
      deprived.clear();
      for (size_t i = 0; i < s.indicators().size(); ++i) {
        if (result.deprived[h] & (1u << i)) {
          if (!deprived.empty()) deprived += ';';
          deprived += s.indicators()[i].id;
        }
      }
      bulk->Int(run_id);
      bulk->Int(survey.record_ids[h]);
      bulk->Text(survey.household_id(h));
      bulk->Text(s.id());
      bulk->Int(static_cast<int64_t>(result.category[h]));
      bulk->Int(result.deprivation_count[h]);
      bulk->Text(deprived);
      bulk->Int(result.income_line[h]);
      bulk->Text(result.deprived[h] == 0
                     ? std::string("{}")
                     : core::ExplanationJson(explainers[si].Explain(survey, ages, h)));
      RETURN_IF_ERROR(bulk->EndRow());
    }
    return bulk->Finish();
  });
  if (!st.ok()) return st;
  return run_id;
}

}  // namespace lnob::store
