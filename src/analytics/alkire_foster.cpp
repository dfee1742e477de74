// The Alkire-Foster measures (alkire_foster.hpp): one pass over the units, weighted sums, ratios.
#include "analytics/alkire_foster.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "common/json_text.hpp"

namespace lnob::analytics {
namespace {

std::string Num(size_t n) {
  return std::to_string(n);
}

// Sums of population weights over a set of units.
struct Sums {
  size_t units = 0;
  double population = 0;       // N
  double poor_population = 0;  // Q
  double poor_score = 0;       // S: sum of p_i c_i over the poor
};

// Writes H, A and M0 of `s` (all 0 when nobody is counted).
void Ratios(const Sums& s, double* h, double* a, double* m0) {
  *h = s.population > 0 ? s.poor_population / s.population : 0;
  *a = s.poor_population > 0 ? s.poor_score / s.poor_population : 0;
  *m0 = s.population > 0 ? s.poor_score / s.population : 0;
}

Status CheckInput(const DeprivationMatrix& m, const AfOptions& o) {
  const size_t d = m.indicators();
  if (d == 0) return InvalidArgument("there is no indicator; give at least one indicator column");
  if (m.cells.size() % d != 0) {
    return InvalidArgument("the matrix has " + Num(m.cells.size()) + " cells, not a multiple of " +
                           Num(d) + " indicators");
  }
  const size_t n = m.cells.size() / d;
  auto sized = [n](size_t size) { return size == 0 || size == n; };
  if (!sized(m.unit_ids.size()) || !sized(m.population.size()) || !sized(m.groups.size())) {
    return InvalidArgument(
        "unit ids, population weights and groups must each be empty or one per "
        "unit (" +
        Num(n) + ")");
  }
  for (size_t c = 0; c < m.cells.size(); ++c) {
    if (m.cells[c] > 1) {
      return InvalidArgument("unit " + Num(c / d + 1) + ", indicator " + m.indicator_ids[c % d] +
                             ": a cell must be 0 (not deprived) or 1 (deprived)");
    }
  }
  for (size_t i = 0; i < m.population.size(); ++i) {
    if (!std::isfinite(m.population[i]) || m.population[i] < 0) {
      return InvalidArgument("unit " + Num(i + 1) +
                             ": a population weight must be a finite number >= 0");
    }
  }
  if (!(o.k > 0 && o.k <= 1)) {
    return InvalidArgument("the poverty cutoff k must be more than 0 and at most 1");
  }
  if (o.weights.size() != 0 && o.weights.size() != d) {
    return InvalidArgument("there are " + Num(o.weights.size()) + " indicator weights for " +
                           Num(d) + " indicators; give one weight per indicator");
  }
  double total = 0;
  for (size_t j = 0; j < o.weights.size(); ++j) {
    if (!std::isfinite(o.weights[j]) || o.weights[j] < 0) {
      return InvalidArgument("the weight of indicator " + m.indicator_ids[j] +
                             " must be a finite number >= 0");
    }
    total += o.weights[j];
  }
  if (!o.weights.empty() && !(total > 0)) {
    return InvalidArgument("the indicator weights are all 0; give at least one a positive weight");
  }
  if (o.dimensions.size() != 0 && o.dimensions.size() != d) {
    return InvalidArgument("there are " + Num(o.dimensions.size()) + " dimension names for " +
                           Num(d) + " indicators; name the dimension of every indicator");
  }
  return OkStatus();
}

// A decimal ("0.5", "1e-3") or a fraction ("1/3"); nullopt when it is neither or not finite.
std::optional<double> ParseNumberOrFraction(std::string_view s) {
  auto whole = [](std::string_view t) -> std::optional<double> {
    double v = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v)) {
      return std::nullopt;
    }
    return v;
  };
  const size_t slash = s.find('/');
  if (slash == std::string_view::npos) return whole(s);
  auto a = whole(s.substr(0, slash)), b = whole(s.substr(slash + 1));
  if (!a || !b || *b == 0) return std::nullopt;
  const double v = *a / *b;
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

Result<AfResult> ComputeAlkireFoster(const DeprivationMatrix& m, const AfOptions& o) {
  RETURN_IF_ERROR(CheckInput(m, o));
  const size_t d = m.indicators(), n = m.units();
  std::vector<double> w(d, 1.0 / static_cast<double>(d));
  if (!o.weights.empty()) {
    double total = 0;
    for (double x : o.weights) total += x;
    for (size_t j = 0; j < d; ++j) w[j] = o.weights[j] / total;
  }

  AfResult r;
  r.k = o.k;
  r.units = n;
  r.scores.resize(n);
  r.poor.resize(n);
  Sums all;
  std::vector<double> deprived(d), censored(d);
  std::vector<Sums> groups;
  std::unordered_map<std::string, size_t> group_index;
  for (size_t i = 0; i < n; ++i) {
    const double p = m.population.empty() ? 1.0 : m.population[i];
    double c = 0;
    for (size_t j = 0; j < d; ++j) {
      if (m.deprived(i, j)) c += w[j];
    }
    const bool poor = c >= o.k - kScoreTolerance;
    r.scores[i] = c;
    r.poor[i] = poor ? 1 : 0;
    for (size_t j = 0; j < d; ++j) {
      if (!m.deprived(i, j)) continue;
      deprived[j] += p;
      if (poor) censored[j] += p;
    }
    Sums* g = nullptr;
    if (!m.groups.empty()) {
      auto [it, added] = group_index.try_emplace(m.groups[i], groups.size());
      if (added) {
        groups.emplace_back();
        r.groups.push_back({m.groups[i]});
      }
      g = &groups[it->second];
    }
    for (Sums* s : {&all, g}) {
      if (s == nullptr) continue;
      s->units += 1;
      s->population += p;
      if (poor) {
        s->poor_population += p;
        s->poor_score += p * c;
      }
    }
    if (poor) r.poor_units += 1;
  }

  r.population = all.population;
  r.poor_population = all.poor_population;
  Ratios(all, &r.H, &r.A, &r.M0);
  const double total = all.population;
  for (size_t j = 0; j < d; ++j) {
    AfIndicatorResult ind;
    ind.id = m.indicator_ids[j];
    if (!o.dimensions.empty()) ind.dimension = o.dimensions[j].empty() ? ind.id : o.dimensions[j];
    ind.weight = w[j];
    ind.uncensored = total > 0 ? deprived[j] / total : 0;
    ind.censored = total > 0 ? censored[j] / total : 0;
    ind.contribution = r.M0 > 0 ? w[j] * ind.censored / r.M0 : 0;
    r.indicators.push_back(std::move(ind));
  }
  if (!o.dimensions.empty()) {
    std::unordered_map<std::string, size_t> index;
    for (const AfIndicatorResult& ind : r.indicators) {
      auto [it, added] = index.try_emplace(ind.dimension, r.dimensions.size());
      if (added) r.dimensions.push_back({ind.dimension});
      r.dimensions[it->second].weight += ind.weight;
      r.dimensions[it->second].contribution += ind.contribution;
    }
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    AfGroupResult& out = r.groups[g];
    out.units = groups[g].units;
    out.population = groups[g].population;
    out.population_share = total > 0 ? out.population / total : 0;
    Ratios(groups[g], &out.H, &out.A, &out.M0);
    out.contribution = r.M0 > 0 ? out.population_share * out.M0 / r.M0 : 0;
  }
  return r;
}

Result<double> ParseCutoff(std::string_view text, Lang lang) {
  const bool vi = lang == Lang::kVi;
  const std::string t = JsonString(text);
  std::optional<double> k = ParseNumberOrFraction(text);
  if (!k) {
    return InvalidArgument(
        vi ? "ngưỡng nghèo k " + t +
                 " không phải là số; ghi số thập phân (0.3333) hoặc phân số (1/3)"
           : "the cutoff k " + t +
                 " is not a number; write it as a decimal (0.3333) or a fraction (1/3)");
  }
  if (!(*k > 0 && *k <= 1)) {
    return InvalidArgument(
        vi ? "ngưỡng nghèo k " + t +
                 " không thuộc (0, 1]; một đơn vị nghèo khi tỷ lệ thiếu hụt có trọng số của nó "
                 "từ k trở lên, nên k phải lớn hơn 0 và không quá 1"
           : "the cutoff k " + t +
                 " is not in (0, 1]; a unit is poor when its weighted share of deprivations is at "
                 "least k, so k must be above 0 and at most 1");
  }
  return *k;
}

Result<std::vector<double>> ParseWeightList(std::string_view text,
                                            const std::vector<std::string>& indicator_ids,
                                            Lang lang) {
  const bool vi = lang == Lang::kVi;
  auto fail = [vi](const std::string& en, const std::string& v) {
    return InvalidArgument("--weights: " + (vi ? v : en));
  };
  std::vector<double> weights(indicator_ids.size(), 0);
  std::vector<bool> seen(indicator_ids.size(), false);
  double total = 0;
  for (size_t p = 0; p <= text.size();) {
    size_t q = text.find(',', p);
    if (q == std::string_view::npos) q = text.size();
    std::string_view item = text.substr(p, q - p);
    p = q + 1;
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      const std::string s = JsonString(item);
      return fail(s + " is not of the form indicator=weight (for example water=1/6)",
                  s + " không có dạng chỉ_số=trọng_số (ví dụ water=1/6)");
    }
    const std::string id(item.substr(0, eq)), s = JsonString(id);
    size_t j = 0;
    while (j < indicator_ids.size() && indicator_ids[j] != id) ++j;
    if (j == indicator_ids.size()) {
      std::string all;
      for (const auto& x : indicator_ids) all += (all.empty() ? "" : ", ") + x;
      return fail(s + " is not an indicator of the file; the indicators are: " + all,
                  s + " không phải là chỉ số của tệp; các chỉ số là: " + all);
    }
    if (seen[j]) {
      return fail("the indicator " + s + " is given twice; give each indicator once",
                  "chỉ số " + s + " được ghi hai lần; mỗi chỉ số chỉ ghi một lần");
    }
    const std::string_view text_w = item.substr(eq + 1);
    std::optional<double> v = ParseNumberOrFraction(text_w);
    if (!v || *v < 0) {
      const std::string w = JsonString(text_w);
      return fail("the weight of " + s + ", " + w +
                      ", is not a number >= 0; write a decimal (0.25) or a fraction (1/6)",
                  "trọng số của " + s + ", " + w +
                      ", không phải là số >= 0; ghi số thập phân (0.25) hoặc phân số (1/6)");
    }
    seen[j] = true;
    weights[j] = *v;
    total += *v;
  }
  for (size_t j = 0; j < indicator_ids.size(); ++j) {
    if (seen[j]) continue;
    const std::string s = JsonString(indicator_ids[j]);
    return fail(
        "the indicator " + s + " has no weight; give every indicator a weight (0 to leave one out)",
        "chỉ số " + s +
            " chưa có trọng số; ghi trọng số cho mọi chỉ số (0 để bỏ qua một "
            "chỉ số)");
  }
  if (!(total > 0)) {
    return fail("the weights are all 0; give at least one indicator a positive weight",
                "mọi trọng số đều bằng 0; ít nhất một chỉ số phải có trọng số dương");
  }
  return weights;
}

}  // namespace lnob::analytics
