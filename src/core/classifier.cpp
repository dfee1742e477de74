#include "core/classifier.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "common/date.hpp"
#include "common/memory.hpp"

namespace lnob::core {
namespace {

using rules::Batch;
using rules::EvalContext;
using rules::Scratch;

// Per-thread buffers, reused from batch to batch.
struct Worker {
  Scratch scratch;
  std::vector<int64_t> values;
  std::vector<int32_t> counts;
  std::vector<uint32_t> masks;
  std::vector<uint8_t> assigned;
};

// For indicator j of new standard si and earlier standard bi: the earlier indicator with the same
// key, or -1.
using ReuseMap = std::vector<std::vector<std::vector<int>>>;  // [si][bi][j]

ReuseMap MapReuse(const StandardChoice& now, const Classification* earlier) {
  ReuseMap map(now.standards.size());
  if (!earlier) return map;
  for (size_t si = 0; si < now.standards.size(); ++si) {
    for (const auto& before : earlier->choice.standards) {
      std::vector<int> js;
      for (const Indicator& ind : now.standards[si]->indicators()) {
        int found = -1;
        const auto& old = before->indicators();
        for (size_t i = 0; i < old.size() && found < 0; ++i) {
          if (!ind.key.empty() && old[i].key == ind.key) found = static_cast<int>(i);
        }
        js.push_back(found);
      }
      map[si].push_back(std::move(js));
    }
  }
  return map;
}

// Copies indicator j's results from the earlier classification into v when every household of
// the batch under standard si has it there; returns false (v untouched) otherwise.
bool CopyEarlier(const ReuseMap& map, const Classification* earlier, uint8_t si, size_t j,
                 const Batch& b, const uint8_t* pick, int64_t* v) {
  if (!earlier) return false;
  const auto& by_before = map[si];
  const uint8_t* before = earlier->choice.of_household.data() + b.hb;
  uint32_t n = b.he - b.hb;
  const uint32_t* bits = earlier->deprived.data() + b.hb;
  if (by_before.size() == 1) {  // one earlier standard: the same bit for every household
    const int i = by_before[0][j];
    if (i < 0) return false;
    for (uint32_t k = 0; k < n; ++k) v[k] = (bits[k] >> i) & 1u;
    return true;
  }
  for (uint32_t k = 0; k < n; ++k) {
    if (pick[k] == si && by_before[before[k]][j] < 0) return false;
  }
  for (uint32_t k = 0; k < n; ++k) {
    int i = by_before[before[k]][j];
    v[k] = i < 0 ? 0 : (bits[k] >> i) & 1u;
  }
  return true;
}

// Evaluates `s` over batch `b` and stores results for the households whose standard index is `si`.
void RunStandard(const Standard& s, uint8_t si, const Survey& survey, const int32_t* ages,
                 const Batch& b, const ReuseMap& reuse_map, const Classification* earlier,
                 Worker& w, Classification& out) {
  uint32_t n = b.he - b.hb;
  w.values.resize(std::max<size_t>(w.values.size(), n));
  w.counts.assign(n, 0);
  w.masks.assign(n, 0);
  EvalContext ctx{&survey, ages, w.counts.data(), b.hb};
  int64_t* v = w.values.data();
  const uint8_t* pick = out.choice.of_household.data() + b.hb;
  const auto& inds = s.indicators();
  for (size_t i = 0; i < inds.size(); ++i) {
    if (!CopyEarlier(reuse_map, earlier, si, i, b, pick, v)) {
      inds[i].program->EvalInt(ctx, b, v, w.scratch);
    }
    // Branch-free, so that it vectorizes: values are 0/1 but any non-zero counts as deprived.
    uint32_t* masks = w.masks.data();
    int32_t* counts = w.counts.data();
    for (uint32_t k = 0; k < n; ++k) {
      uint32_t d = v[k] != 0;
      masks[k] |= d << i;
      counts[k] += static_cast<int32_t>(d);
    }
  }
  w.assigned.assign(n, 0);
  uint8_t* assigned = w.assigned.data();
  Category* category = out.category.data() + b.hb;
  uint32_t left = n;
  for (const CategoryRule& c : s.categories()) {
    if (left == 0) break;
    c.program->EvalInt(ctx, b, v, w.scratch);
    uint32_t taken = 0;
    for (uint32_t k = 0; k < n; ++k) {
      uint8_t take = static_cast<uint8_t>(!assigned[k] & (v[k] != 0));
      assigned[k] |= take;
      taken += take;
      if (take & (pick[k] == si)) category[k] = c.category;
    }
    left -= taken;
  }
  s.income_line().EvalInt(ctx, b, v, w.scratch);
  for (uint32_t k = 0; k < n; ++k) {
    if (pick[k] != si) continue;
    uint32_t h = b.hb + k;
    out.deprived[h] = w.masks[k];
    out.deprivation_count[h] = static_cast<uint8_t>(w.counts[k]);
    out.income_line[h] = v[k];
  }
}

}  // namespace

Status CheckColumns(const Survey& survey, const StandardChoice& choice) {
  for (const auto& s : choice.standards) {
    for (const auto& use : s->fields_used()) {
      const Table& t = use.level == Level::kHousehold ? survey.households : survey.members;
      if (!t.columns[use.field].present) {
        const std::string& file =
            use.level == Level::kHousehold ? survey.households_source : survey.members_source;
        return FailedPrecondition((file.empty() ? std::string("the input") : file) +
                                  " has no column '" + use.name + "', which standard " + s->id() +
                                  " needs; add the column (0 or 1 for each row) or "
                                  "classify under another standard");
      }
    }
  }
  return OkStatus();
}

StandardChoice PickOne(const Survey& survey, StandardPtr standard) {
  StandardChoice c;
  c.standards.push_back(std::move(standard));
  c.of_household.assign(survey.household_count(), 0);
  return c;
}

int NationalStandardOn(const std::vector<StandardPtr>& standards, Date date) {
  for (size_t i = 0; i < standards.size(); ++i) {
    if (!standards[i]->local() && standards[i]->InForce(date)) return static_cast<int>(i);
  }
  return -1;
}

Result<StandardChoice> PickByDate(const Survey& survey, const std::vector<StandardPtr>& standards) {
  StandardChoice c;
  c.of_household.assign(survey.household_count(), 0);
  const auto& dates = survey.households.columns[hh::kSurveyDate].i32;
  std::vector<int> slot(standards.size(), -1);
  std::string missing;
  int missing_count = 0;
  int last = -1;  // most recent standard: dates usually repeat
  for (uint32_t h = 0; h < survey.household_count(); ++h) {
    Date d{static_cast<int32_t>(dates[h])};
    int found = (last >= 0 && standards[last]->InForce(d)) ? last : -1;
    if (found < 0) found = NationalStandardOn(standards, d);
    if (found < 0) {
      if (++missing_count <= 5) {
        missing += "\n  household " + std::string(survey.household_id(h)) +
                   (survey.households.source_line.empty()
                        ? ""
                        : " (line " + std::to_string(survey.households.source_line[h]) + ")") +
                   ": survey_date " + FormatIsoDate(d);
      }
      continue;
    }
    last = found;
    if (slot[found] < 0) {
      slot[found] = static_cast<int>(c.standards.size());
      c.standards.push_back(standards[found]);
    }
    c.of_household[h] = static_cast<uint8_t>(slot[found]);
  }
  if (missing_count > 0) {
    std::string windows;
    for (const auto& s : standards) {
      if (s->local()) continue;
      windows += "\n  " + s->id() + ": " + FormatIsoDate(s->valid_from()) + " to " +
                 FormatIsoDate(s->valid_to());
    }
    return InvalidArgument(std::to_string(missing_count) +
                           " household(s) have a survey date on which no poverty standard is in "
                           "force:" +
                           missing + (missing_count > 5 ? "\n  ..." : "") +
                           "\nThe standards and their dates:" + windows +
                           "\nCorrect the dates, or name a standard with --standard.");
  }
  if (c.standards.empty() && !standards.empty()) c.standards.push_back(standards[0]);
  return c;
}

namespace {

// ages[m] for the members [mb, me).
void AgesOf(const Survey& survey, uint32_t mb, uint32_t me, int32_t* ages) {
  const int32_t* birth = survey.members.columns[mem::kBirthDate].i32.data();
  const int32_t* dates = survey.households.columns[hh::kSurveyDate].i32.data();
  const uint32_t* owner = survey.member_household.data();
  for (uint32_t m = mb; m < me; ++m) ages[m] = CompletedYears(birth[m], dates[owner[m]]);
}

}  // namespace

std::vector<int32_t> ComputeAges(const Survey& survey) {
  std::vector<int32_t> ages;
  ResizeFresh(&ages, survey.member_count(), int32_t{0});
  AgesOf(survey, 0, survey.member_count(), ages.data());
  return ages;
}

Result<Classification> Classify(const Survey& survey, StandardChoice choice,
                                const ClassifyOptions& options) {
  RETURN_IF_ERROR(CheckColumns(survey, choice));
  const uint32_t total = survey.household_count();
  Classification out;
  out.choice = std::move(choice);
  ResizeFresh(&out.category, total, Category::kNotPoor);
  ResizeFresh(&out.deprivation_count, total, uint8_t{0});
  ResizeFresh(&out.deprived, total, uint32_t{0});
  ResizeFresh(&out.income_line, total, int64_t{0});
  if (total == 0) return out;
  const Classification* earlier = options.reuse;
  if (earlier && earlier->deprived.size() != total) {
    return InvalidArgument("the classification to reuse is of another survey");
  }
  const ReuseMap reuse_map = MapReuse(out.choice, earlier);
  std::vector<int32_t> own_ages;  // else computed batch by batch, by the workers
  if (!options.ages) ResizeFresh(&own_ages, survey.member_count(), int32_t{0});
  const int32_t* ages = options.ages ? options.ages->data() : own_ages.data();
  if (options.ages && options.ages->size() != survey.member_count()) {
    return InvalidArgument("the ages given are of another survey");
  }

  const uint32_t batch = std::max<uint32_t>(1, options.batch);
  std::atomic<uint32_t> next{0};
  std::atomic<uint64_t> done{0};
  auto work = [&](bool report) {
    Worker w;
    std::vector<uint8_t> used(out.choice.standards.size());
    while (true) {
      uint32_t begin = next.fetch_add(batch);
      if (begin >= total) break;
      uint32_t end = std::min(total, begin + batch);
      Batch b = rules::BatchOf(survey, begin, end);
      if (!options.ages) AgesOf(survey, b.mb, b.me, own_ages.data());
      std::fill(used.begin(), used.end(), 0);
      for (uint32_t h = begin; h < end; ++h) used[out.choice.of_household[h]] = 1;
      for (size_t si = 0; si < used.size(); ++si) {
        if (used[si]) {
          RunStandard(*out.choice.standards[si], static_cast<uint8_t>(si), survey, ages, b,
                      reuse_map, earlier, w, out);
        }
      }
      uint64_t d = done.fetch_add(end - begin) + (end - begin);
      if (report && options.progress) options.progress(d, total);
    }
  };
  int threads = std::clamp(options.threads, 1, 64);
  if (total < batch * 2) threads = 1;
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, false);
  work(true);
  for (auto& t : pool) t.join();
  if (options.progress) options.progress(total, total);
  return out;
}

}  // namespace lnob::core
