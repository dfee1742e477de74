// The Alkire-Foster method of multidimensional poverty measurement (Alkire & Foster 2011,
// "Counting and multidimensional poverty measurement", J. Public Economics 95: 476-487; Alkire,
// Foster, Seth et al. 2015, "Multidimensional Poverty Measurement and Analysis", ch. 5). Method,
// formulas and the `lnob mpi` command: docs/mpi.md.
//
//   DeprivationMatrix m;
//   m.indicator_ids = {"income", "school", "health", "vote"};
//   m.cells = {0, 0, 0, 0,  0, 1, 0, 1,  1, 1, 1, 1,  0, 1, 0, 0};   // 4 units x 4 indicators
//   AfOptions options;
//   options.k = 0.5;                         // poor when deprived in at least half (weighted)
//   ASSIGN_OR_RETURN(AfResult r, ComputeAlkireFoster(m, options));
//   // r.H == 0.5, r.A == 0.75, r.M0 == 0.375
//
// Identification: a unit's deprivation score c_i is the sum of the (normalised) weights of the
// indicators it is deprived in; it is poor when c_i >= k, "exactly on k" included whatever the
// rounding of the weights (the comparison allows kScoreTolerance). Aggregation: H, A, M0 = H x A,
// the uncensored and censored headcount ratios, contributions of indicators, dimensions and groups.
// Every statistic is weighted by the units' population weights. Contributions are fractions of 1
// (0.25 = 25%), never percents.
//
// Thread-safety: pure functions on values; safe to call concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/lang.hpp"
#include "common/result.hpp"

namespace lnob::analytics {

// Slack in the comparison c_i >= k: 6 x (1/18) must meet k = 1/3 though its binary sum is not 1/3.
inline constexpr double kScoreTolerance = 1e-9;

// n units (households or people) x d indicators of 0/1 (1 = deprived).
struct DeprivationMatrix {
  std::vector<std::string> indicator_ids;  // d names, in column order
  std::vector<std::string> unit_ids;       // n ids, or empty (only for messages and reports)
  std::vector<uint8_t> cells;              // n x d, row-major; each 0 or 1
  std::vector<double> population;          // n population weights >= 0, or empty: 1 each
  std::vector<std::string> groups;         // n group labels, or empty: no decomposition

  size_t indicators() const { return indicator_ids.size(); }
  size_t units() const { return indicator_ids.empty() ? 0 : cells.size() / indicator_ids.size(); }
  bool deprived(size_t unit, size_t indicator) const {
    return cells[unit * indicator_ids.size() + indicator] != 0;
  }
};

struct AfOptions {
  double k = 1.0 / 3.0;                 // poverty cutoff, in (0, 1]
  std::vector<double> weights;          // d indicator weights >= 0, or empty: equal
  std::vector<std::string> dimensions;  // d dimension names, or empty: no dimension table
};

struct AfIndicatorResult {
  std::string id;
  std::string dimension;    // empty without AfOptions::dimensions
  double weight = 0;        // normalised: the weights sum to 1
  double uncensored = 0;    // share of the population deprived in it
  double censored = 0;      // share of the population poor and deprived in it
  double contribution = 0;  // weight x censored / M0 (0 when M0 == 0); they sum to 1
};

struct AfDimensionResult {
  std::string dimension;
  double weight = 0;        // sum of its indicators' weights
  double contribution = 0;  // sum of its indicators' contributions
};

struct AfGroupResult {
  std::string group;
  size_t units = 0;
  double population = 0;        // sum of its units' population weights
  double population_share = 0;  // population / total population
  double H = 0, A = 0, M0 = 0;  // within the group
  double contribution = 0;      // population_share x M0 / overall M0 (0 when that is 0)
};

struct AfResult {
  double k = 0;
  size_t units = 0;
  size_t poor_units = 0;
  double population = 0;       // total population weight
  double poor_population = 0;  // population weight of the poor
  double H = 0;                // headcount ratio: poor_population / population
  double A = 0;                // intensity: mean score of the poor (0 when nobody is poor)
  double M0 = 0;               // adjusted headcount ratio, H x A: mean censored score
  std::vector<double> scores;  // c_i per unit (uncensored)
  std::vector<uint8_t> poor;   // 1 when unit i is poor
  std::vector<AfIndicatorResult> indicators;  // in column order
  std::vector<AfDimensionResult> dimensions;  // in order of first appearance; empty without names
  std::vector<AfGroupResult> groups;          // in order of first appearance; empty without groups
};

// Computes the Alkire-Foster measures of `matrix` at cutoff options.k. When the total population
// weight is 0 every ratio is 0. Returns the result, or InvalidArgument (a message naming what is
// wrong) when: there is no indicator; cells is not n x d or a cell is not 0/1; population or groups
// is neither empty nor n long; a population weight is negative or not finite; weights or dimensions
// is neither empty nor d long; a weight is negative or not finite, or all are 0; k is not in (0,
// 1].
Result<AfResult> ComputeAlkireFoster(const DeprivationMatrix& matrix, const AfOptions& options);

// Parses a cutoff written as a decimal ("0.3333", "0.5", "1") or a fraction ("1/3", "2/5").
// Returns k, or InvalidArgument (in `lang`) when the text is not such a number or k is not in
// (0, 1].
Result<double> ParseCutoff(std::string_view text, Lang lang = Lang::kEn);

// Parses "id=w,id=w,..." naming every one of `indicator_ids` exactly once, with weights >= 0 not
// all 0 (decimals or fractions such as 1/6). Returns the weights in the order of `indicator_ids`
// (not normalised), or InvalidArgument (in `lang`) naming the unknown, repeated or missing
// indicator or the bad weight.
Result<std::vector<double>> ParseWeightList(std::string_view text,
                                            const std::vector<std::string>& indicator_ids,
                                            Lang lang = Lang::kEn);

}  // namespace lnob::analytics
