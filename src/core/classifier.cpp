#include "core/classifier.hpp"

#include <algorithm>
#include <atomic>
#include <span>
#include <thread>

#include "common/date.hpp"
#include "common/memory.hpp"
#include "core/sub_survey.hpp"

namespace lnob::core {
namespace {

using rules::Batch;
using rules::EvalContext;
using rules::Scratch;

// Per-thread buffers, reused from batch to batch.
struct Worker {
  Scratch scratch;
  std::vector<uint8_t> flags;   // an indicator's or a category's 0/1 per household
  std::vector<int64_t> values;  // income lines
  std::vector<int32_t> ages;    // the batch's members' ages, when computed per batch
  std::vector<uint8_t> mine;    // 1: the household is under the standard evaluated
  Survey sub;                   // the batch's households, in a pass over some households
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

// A batch's view of a pass of the classifier: standard `si` over the households of `survey`, which
// is the whole survey (orig == nullptr) or a SubSurvey whose household k is orig[k] of the whole.
struct Pass {
  const Survey* survey = nullptr;
  const uint32_t* orig = nullptr;
  const int32_t* ages = nullptr;  // ages of `survey`'s members, or nullptr: computed per batch
  uint8_t si = 0;

  uint32_t Whole(uint32_t h) const { return orig ? orig[h] : h; }
};

// Copies indicator j's results from the earlier classification into v when every household of
// the batch under standard si has it there; returns false (v untouched) otherwise.
bool CopyEarlier(const ReuseMap& map, const Classification* earlier, const Pass& p, size_t j,
                 const Batch& b, const Classification& out, uint8_t* v) {
  if (!earlier) return false;
  const auto& by_before = map[p.si];
  const uint32_t n = b.he - b.hb;
  const uint8_t* before = earlier->choice.of_household.data();
  const uint32_t* bits = earlier->deprived.data();
  const uint8_t* pick = out.choice.of_household.data();
  if (by_before.size() == 1) {  // one earlier standard: the same bit for every household
    const int i = by_before[0][j];
    if (i < 0) return false;
    for (uint32_t k = 0; k < n; ++k) v[k] = (bits[p.Whole(b.hb + k)] >> i) & 1u;
    return true;
  }
  for (uint32_t k = 0; k < n; ++k) {
    const uint32_t h = p.Whole(b.hb + k);
    if (pick[h] == p.si && by_before[before[h]][j] < 0) return false;
  }
  for (uint32_t k = 0; k < n; ++k) {
    const uint32_t h = p.Whole(b.hb + k);
    const int i = by_before[before[h]][j];
    v[k] = i < 0 ? 0 : (bits[h] >> i) & 1u;
  }
  return true;
}

// Evaluates `s` over batch `b` of pass `p` and stores the results of the households under it.
void RunStandard(const Standard& s, const Pass& p, const Batch& b, const int32_t* ages,
                 uint32_t age_base, const ReuseMap& reuse_map, const Classification* earlier,
                 Worker& w, Classification& out) {
  const uint32_t n = b.he - b.hb;
  w.flags.resize(std::max<size_t>(w.flags.size(), n));
  w.values.resize(std::max<size_t>(w.values.size(), n));
  w.counts.assign(n, 0);
  w.masks.assign(n, 0);
  EvalContext ctx{p.survey, ages, w.counts.data(), b.hb, age_base};
  uint8_t* v = w.flags.data();
  const auto& inds = s.indicators();
  for (size_t i = 0; i < inds.size(); ++i) {
    if (!CopyEarlier(reuse_map, earlier, p, i, b, out, v)) {
      inds[i].program->EvalBool(ctx, b, v, w.scratch);
    }
    uint32_t* masks = w.masks.data();
    int32_t* counts = w.counts.data();
    for (uint32_t k = 0; k < n; ++k) {  // branch-free, so that it vectorizes; v[k] is 0 or 1
      masks[k] |= uint32_t{v[k]} << i;
      counts[k] += v[k];
    }
  }
  // Which households of the batch are under `s` (all of a sub-survey's).
  w.mine.resize(n);
  uint8_t* mine = w.mine.data();
  if (p.orig) {
    std::fill_n(mine, n, uint8_t{1});
  } else {
    const uint8_t* pick = out.choice.of_household.data() + b.hb;
    for (uint32_t k = 0; k < n; ++k) mine[k] = pick[k] == p.si;
  }
  w.assigned.assign(n, 0);
  uint8_t* assigned = w.assigned.data();
  Category* category = out.category.data();
  uint32_t left = n;
  for (const CategoryRule& c : s.categories()) {
    if (left == 0) break;
    c.program->EvalBool(ctx, b, v, w.scratch);
    uint32_t taken = 0;
    for (uint32_t k = 0; k < n; ++k) {
      uint8_t take = static_cast<uint8_t>((assigned[k] ^ 1) & v[k]);
      assigned[k] |= take;
      taken += take;
      if (take & mine[k]) category[p.Whole(b.hb + k)] = c.category;
    }
    left -= taken;
  }
  int64_t* line = w.values.data();
  s.income_line().EvalInt(ctx, b, line, w.scratch);
  for (uint32_t k = 0; k < n; ++k) {
    if (!mine[k]) continue;
    const uint32_t h = p.Whole(b.hb + k);
    out.deprived[h] = w.masks[k];
    out.deprivation_count[h] = static_cast<uint8_t>(w.counts[k]);
    out.income_line[h] = line[k];
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

// ages[m - mb] for the members [mb, me).
void AgesOf(const Survey& survey, uint32_t mb, uint32_t me, int32_t* ages) {
  const int32_t* birth = survey.members.columns[mem::kBirthDate].i32.data();
  const int32_t* dates = survey.households.columns[hh::kSurveyDate].i32.data();
  const uint32_t* owner = survey.member_household.data();
  for (uint32_t m = mb; m < me; ++m) ages[m - mb] = CompletedYears(birth[m], dates[owner[m]]);
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
  if (options.ages && options.ages->size() != survey.member_count()) {
    return InvalidArgument("the ages given are of another survey");
  }
  const ReuseMap reuse_map = MapReuse(out.choice, earlier);

  // The standard of most households runs over the whole survey (storing only its households'
  // results); each other standard over its own households, gathered a batch at a time into a
  // SubSurvey, so that no household is evaluated under a standard that is not its own.
  const size_t n_standards = out.choice.standards.size();
  std::vector<std::vector<uint32_t>> of_standard(n_standards);
  std::vector<uint32_t> counted(n_standards, 0);
  for (uint8_t si : out.choice.of_household) ++counted[si];
  const auto major =
      static_cast<uint8_t>(std::max_element(counted.begin(), counted.end()) - counted.begin());
  for (uint32_t h = 0; h < total && counted[major] != total; ++h) {
    const uint8_t si = out.choice.of_household[h];
    if (si != major) of_standard[si].push_back(h);
  }

  std::atomic<uint64_t> done{0};
  // Standard si over `picked` (ascending household indexes), a SubSurvey a batch, or over the
  // whole survey when `picked` is empty.
  auto run = [&](uint8_t si, std::span<const uint32_t> picked) {
    const bool whole = picked.empty();
    const auto n = whole ? total : static_cast<uint32_t>(picked.size());
    const uint32_t batch = std::max<uint32_t>(1, options.batch);
    std::atomic<uint32_t> next{0};
    auto work = [&](int worker) {
      Worker w;
      while (true) {
        const uint32_t begin = next.fetch_add(batch);
        if (begin >= n) break;
        const uint32_t end = std::min(n, begin + batch);
        Pass p{&survey, nullptr, options.ages ? options.ages->data() : nullptr, si};
        Batch b;
        if (whole) {
          b = rules::BatchOf(survey, begin, end);
        } else {
          SubSurvey(survey, picked.subspan(begin, end - begin), &w.sub);
          p = Pass{&w.sub, picked.data() + begin, nullptr, si};
          b = rules::BatchOf(w.sub, 0, end - begin);
        }
        const int32_t* ages = p.ages;
        uint32_t age_base = 0;
        if (!ages) {  // computed here: no array of every member's age is kept
          w.ages.resize(std::max<size_t>(w.ages.size(), b.me - b.mb));
          AgesOf(*p.survey, b.mb, b.me, w.ages.data());
          ages = w.ages.data();
          age_base = b.mb;
        }
        RunStandard(*out.choice.standards[si], p, b, ages, age_base, reuse_map, earlier, w, out);
        uint32_t stored = end - begin;
        if (whole) {  // the last pass: these households are done
          const uint8_t* pick = out.choice.of_household.data();
          stored = static_cast<uint32_t>(std::count(pick + begin, pick + end, si));
          if (options.on_results) options.on_results(out, worker, begin, end);
        }
        const uint64_t d = done.fetch_add(stored) + stored;
        if (worker == 0 && options.progress) options.progress(d, total);
      }
    };
    int threads = std::clamp(options.threads, 1, 64);
    if (n < batch * 2) threads = 1;
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& t : pool) t.join();
  };

  for (size_t si = 0; si < n_standards; ++si) {
    if (!of_standard[si].empty()) run(static_cast<uint8_t>(si), of_standard[si]);
  }
  run(major, {});  // last, so that a batch done here is done for good (on_results)
  if (options.progress) options.progress(total, total);
  return out;
}

}  // namespace lnob::core
