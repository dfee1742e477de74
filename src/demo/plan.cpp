#include "demo/plan.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "demo/people.hpp"
#include "demo/rng.hpp"

namespace lnob::demo {
namespace {

// The account's figures at scale 1 (docs/demo.md explains each): households, poor, near-poor,
// middle-income, per former province and year 2021..2025.
// Former Tuyen Quang: 23.45% poor at end 2021, 10.19% at end 2024 (4.42 points a year).
// Former Ha Giang: 81,451 poor (42.61%) at end 2023; 69,740 (36.35%) at end 2024, 11,711 fewer.
// Merged, end 2025: 62,609 poor (15.33%), 30,944 near-poor (7.58%) of 408,400; poor and near-poor
// together 93,551, 9,525 fewer than the 103,076 of 2024.
constexpr YearFigures kFigures[2][kYears] = {
    {{210600, 49386, 20000, 33700},
     {212300, 40337, 17000, 36100},
     {213700, 31200, 11800, 38500},
     {214900, 21898, 4900, 40900},
     {216000, 14904, 13000, 43200}},
    {{188900, 103706, 22700, 30200},
     {190100, 92389, 20000, 32300},
     {191155, 81451, 13400, 34400},
     {191857, 69740, 6538, 36500},
     {192400, 47705, 17944, 38500}},
};
constexpr int64_t kPersons2025 = 1865270;
constexpr int64_t kMeoVacPersons2025 = 18979;

int64_t Scaled(int64_t v, double scale) {
  return std::llround(static_cast<double>(v) * scale);
}

// A count keeping its share of `total` after `total` was scaled to `scaled_total`.
int64_t Share(int64_t v, int64_t total, int64_t scaled_total) {
  return std::llround(static_cast<double>(v) * static_cast<double>(scaled_total) /
                      static_cast<double>(total));
}

}  // namespace

Figures DemoFigures(double scale) {
  Figures f;
  for (int p = 0; p < 2; ++p) {
    for (int y = 0; y < kYears; ++y) {
      const YearFigures& a = kFigures[p][y];
      YearFigures& s = f.part[p][y];
      s.households = std::max<int64_t>(Scaled(a.households, scale), 20);
      s.poor = Share(a.poor, a.households, s.households);
      s.near_poor = Share(a.near_poor, a.households, s.households);
      s.middle = Share(a.middle, a.households, s.households);
    }
  }
  int64_t all = kFigures[0][4].households + kFigures[1][4].households;
  int64_t scaled_all = f.part[0][4].households + f.part[1][4].households;
  // The merged province's 2025 counts are the account's: give the rounding to former Ha Giang.
  f.part[1][4].poor = Share(62609, all, scaled_all) - f.part[0][4].poor;
  f.part[1][4].near_poor = Share(30944, all, scaled_all) - f.part[0][4].near_poor;
  f.persons_2025 = Share(kPersons2025, all, scaled_all);
  f.meo_vac_persons_2025 = Share(kMeoVacPersons2025, all, scaled_all);
  return f;
}

Plan MakePlan(const Geography& g, const Figures& f, uint64_t seed) {
  Plan plan;
  auto& hh = plan.households;
  std::vector<uint32_t> seq(g.old_units.size(), 0);
  std::vector<std::vector<uint32_t>> of_part(2);
  bool meo_vac[1024] = {};
  for (uint32_t o : g.meo_vac_old) meo_vac[o] = true;

  for (int p = 0; p < 2; ++p) {
    Rng r(Mix(seed, 0x9A1, p));
    // Where households live: the units of the former province by weight; Meo Vac's four units
    // sized for its 18,979 people (about 3,400 households of 5.6).
    std::vector<uint32_t> units;
    std::vector<double> weights;
    double total = 0, mv = 0;
    for (uint32_t o = 0; o < g.old_units.size(); ++o) {
      if (g.old_units[o].part != p) continue;
      units.push_back(o);
      weights.push_back(g.old_units[o].weight);
      (meo_vac[o] ? mv : total) += g.old_units[o].weight;
    }
    if (mv > 0) {
      double want = 3390.0 / static_cast<double>(kFigures[p][4].households);
      for (size_t i = 0; i < units.size(); ++i)
        if (meo_vac[units[i]]) weights[i] *= want / (1 - want) * total / mv;
    }
    std::vector<double> cumulative(weights.size());
    std::partial_sum(weights.begin(), weights.end(), cumulative.begin());

    auto add = [&](int first_year) {
      PlannedHousehold h;
      double u = r.Unit() * cumulative.back();
      size_t k = std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin();
      h.old_unit = units[std::min(k, units.size() - 1)];
      const OldUnit& unit = g.old_units[h.old_unit];
      h.village = unit.first_village + static_cast<uint32_t>(r.Below(unit.village_count));
      h.seq = ++seq[h.old_unit];
      h.part = static_cast<uint8_t>(p);
      h.ethnic =
          static_cast<uint8_t>(r.Pick(EthnicMix(g.districts[unit.district].mix), kEthnicCount));
      double mean = MeanHouseholdSize(h.ethnic) - (first_year > 0 ? 1.2 : 0.0);  // young couples
      h.size = static_cast<uint8_t>(std::clamp<long>(std::lround(mean + 1.7 * r.Normal()), 1, 12));
      h.propensity = static_cast<float>(1.7 * unit.remoteness + EthnicPovertyEffect(h.ethnic) +
                                        0.08 * h.size + 0.45 * r.Normal());
      std::fill(std::begin(h.category), std::end(h.category), kAbsent);
      for (int y = first_year; y < kYears; ++y) h.category[y] = kNotPoor;  // present
      of_part[p].push_back(static_cast<uint32_t>(hh.size()));
      hh.push_back(h);
    };
    for (int64_t i = 0; i < f.part[p][0].households; ++i) add(0);
    for (int y = 1; y < kYears; ++y) {
      // Some households leave (moved away, merged into another); new ones form.
      std::vector<uint32_t> present;
      for (uint32_t i : of_part[p])
        if (hh[i].category[y] != kAbsent) present.push_back(i);
      int64_t leave = std::llround(0.004 * static_cast<double>(f.part[p][y - 1].households));
      for (int64_t k = 0; k < leave && !present.empty(); ++k) {
        size_t pick = static_cast<size_t>(r.Below(static_cast<int>(present.size())));
        for (int later = y; later < kYears; ++later) hh[present[pick]].category[later] = kAbsent;
        present[pick] = present.back();
        present.pop_back();
      }
      int64_t join = f.part[p][y].households - static_cast<int64_t>(present.size());
      for (int64_t k = 0; k < join; ++k) add(y);
    }
  }

  // Sizes adjusted so that Meo Vac commune and the province have the account's people in 2025.
  auto adjust = [&](bool in_meo_vac, int64_t target, uint64_t salt) {
    std::vector<uint32_t> idx;
    int64_t sum = 0;
    for (uint32_t i = 0; i < hh.size(); ++i) {
      if (hh[i].category[kYears - 1] == kAbsent || meo_vac[hh[i].old_unit] != in_meo_vac) continue;
      idx.push_back(i);
      sum += hh[i].size;
    }
    Rng r(Mix(seed, salt));
    for (int guard = 0; sum != target && !idx.empty() && guard < 50000000; ++guard) {
      PlannedHousehold& h = hh[idx[static_cast<size_t>(r.Below(static_cast<int>(idx.size())))]];
      if (sum < target && h.size < 12) ++h.size, ++sum;
      if (sum > target && h.size > 1) --h.size, --sum;
    }
  };
  adjust(true, f.meo_vac_persons_2025, 0x3E0);
  int64_t mv_people = 0;
  for (const auto& h : hh)
    if (h.category[kYears - 1] != kAbsent && meo_vac[h.old_unit]) mv_people += h.size;
  adjust(false, f.persons_2025 - mv_people, 0x3E1);

  // Categories, round by round, by rank within each former province.
  for (int p = 0; p < 2; ++p) {
    for (int y = 0; y < kYears; ++y) {
      std::vector<std::pair<float, uint32_t>> rank;
      for (uint32_t i : of_part[p]) {
        const PlannedHousehold& h = hh[i];
        if (h.category[y] == kAbsent) continue;
        Rng r(Mix(seed, i, 0x5000 + y));
        int8_t last = y > 0 ? h.category[y - 1] : static_cast<int8_t>(kAbsent);
        double pull = last == kPoor ? 0.55 : last == kNearPoor ? 0.3 : last == kMiddle ? 0.1 : 0;
        rank.emplace_back(static_cast<float>(h.propensity + pull + 0.5 * r.Normal()), i);
      }
      std::sort(rank.begin(), rank.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      });
      const YearFigures& fy = f.part[p][y];
      for (size_t k = 0; k < rank.size(); ++k) {
        int64_t n = static_cast<int64_t>(k);
        hh[rank[k].second].category[y] = n < fy.poor                              ? kPoor
                                         : n < fy.poor + fy.near_poor             ? kNearPoor
                                         : n < fy.poor + fy.near_poor + fy.middle ? kMiddle
                                                                                  : kNotPoor;
      }
    }
  }
  return plan;
}

}  // namespace lnob::demo
