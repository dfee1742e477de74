#include "analytics/alkire_foster.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "analytics/deprivation_matrix_csv.hpp"

namespace lnob::analytics {
namespace {

constexpr double kEps = 1e-9;

DeprivationMatrix Matrix(std::vector<std::string> ids, std::vector<std::vector<int>> rows) {
  DeprivationMatrix m;
  m.indicator_ids = std::move(ids);
  for (const auto& row : rows) {
    for (int v : row) m.cells.push_back(static_cast<uint8_t>(v));
  }
  return m;
}

AfResult Compute(const DeprivationMatrix& m, const AfOptions& o) {
  Result<AfResult> r = ComputeAlkireFoster(m, o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : AfResult{};
}

AfOptions K(double k, std::vector<double> weights = {}, std::vector<std::string> dims = {}) {
  AfOptions o;
  o.k = k;
  o.weights = std::move(weights);
  o.dimensions = std::move(dims);
  return o;
}

// The 4-person, 4-dimension example of Alkire & Foster (2011), "Counting and multidimensional
// poverty measurement", J. Public Econ. 95: 476-487, section 2 and 4.1: achievements
// y = [13.1 14 4 1; 15.2 7 5 0; 12.5 10 1 0; 20 11 3 1] (income, years of education, self-rated
// health, registered to vote), cutoffs z = (13 12 3 1), deprived when y_ij < z_j, so g0 =
// [0 0 0 0; 0 1 0 1; 1 1 1 1; 0 1 0 0] and c = (0, 2, 4, 1). With k = 2 (of 4 equally weighted
// dimensions) the paper gives H = 1/2, A = 3/4 and M0 = HA = 6/16 = 0.375.
DeprivationMatrix AlkireFoster2011() {
  const double y[4][4] = {{13.1, 14, 4, 1}, {15.2, 7, 5, 0}, {12.5, 10, 1, 0}, {20, 11, 3, 1}};
  const double z[4] = {13, 12, 3, 1};
  DeprivationMatrix m;
  m.indicator_ids = {"income", "education", "health", "voting"};
  for (const auto& row : y) {
    for (int j = 0; j < 4; ++j) m.cells.push_back(row[j] < z[j] ? 1 : 0);
  }
  return m;
}

TEST(AlkireFoster, PublishedExampleAlkireFoster2011) {
  const DeprivationMatrix m = AlkireFoster2011();
  EXPECT_EQ(m.cells, (std::vector<uint8_t>{0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 0}));
  AfResult r = Compute(m, K(2.0 / 4));
  EXPECT_NEAR(r.H, 0.5, kEps);
  EXPECT_NEAR(r.A, 0.75, kEps);
  EXPECT_NEAR(r.M0, 0.375, kEps);
  EXPECT_EQ(r.poor, (std::vector<uint8_t>{0, 1, 1, 0}));
  EXPECT_EQ(r.poor_units, 2u);
  // Derived from the published g0: c = (0, 2, 4, 1) / 4; the censored matrix g0(k) drops
  // person 4's education deprivation.
  EXPECT_NEAR(r.scores[1], 0.5, kEps);
  EXPECT_NEAR(r.scores[3], 0.25, kEps);
  const double uncensored[] = {0.25, 0.75, 0.25, 0.5}, censored[] = {0.25, 0.5, 0.25, 0.5};
  for (int j = 0; j < 4; ++j) {
    EXPECT_NEAR(r.indicators[j].uncensored, uncensored[j], kEps) << j;
    EXPECT_NEAR(r.indicators[j].censored, censored[j], kEps) << j;
    EXPECT_NEAR(r.indicators[j].weight, 0.25, kEps);
  }
  // Same matrix, the union (k = 1/4) and intersection (k = 1) approaches the paper contrasts.
  AfResult u = Compute(m, K(0.25));
  EXPECT_NEAR(u.H, 0.75, kEps);
  EXPECT_NEAR(u.A, 7.0 / 12, kEps);
  EXPECT_NEAR(u.M0, 7.0 / 16, kEps);
  AfResult i = Compute(m, K(1));
  EXPECT_NEAR(i.H, 0.25, kEps);
  EXPECT_NEAR(i.A, 1, kEps);
  EXPECT_NEAR(i.M0, 0.25, kEps);
}

// The hypothetical four-household example of the global MPI in UNDP's Human Development Report
// technical notes (HDR 2010 technical note 4, repeated in later reports; Alkire & Santos 2010,
// OPHI WP 38): 10 indicators weighted 1/6 (education and health) and 1/18 (living standards),
// k = 1/3, households of 4, 7, 5 and 4 people. Published: weighted scores 22.2%, 72.2%, 38.9%,
// 50.0%; H = 0.80; A = 0.5625 (56%); MPI = M0 = 0.45; contributions of education 33.3%, health
// 29.6%, living standards 37.0%. Exact values: scores 4/18, 13/18, 7/18, 9/18, A = 162/288.
struct HdrExample {
  DeprivationMatrix m =
      Matrix({"school_years", "school_attendance", "nutrition", "child_mortality", "electricity",
              "water", "sanitation", "floor", "cooking_fuel", "assets"},
             {{0, 0, 0, 1, 0, 0, 0, 0, 1, 0},
              {1, 1, 0, 1, 1, 0, 1, 0, 1, 1},
              {0, 0, 1, 0, 1, 1, 1, 0, 1, 0},
              {1, 0, 0, 1, 1, 0, 0, 0, 1, 1}});
  AfOptions o = K(1.0 / 3,
                  {1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 18, 1.0 / 18, 1.0 / 18, 1.0 / 18,
                   1.0 / 18, 1.0 / 18},
                  {"education", "education", "health", "health", "living", "living", "living",
                   "living", "living", "living"});
  HdrExample() { m.population = {4, 7, 5, 4}; }
};

TEST(AlkireFoster, PublishedExampleHumanDevelopmentReport) {
  HdrExample ex;
  AfResult r = Compute(ex.m, ex.o);
  const double scores[] = {4.0 / 18, 13.0 / 18, 7.0 / 18, 9.0 / 18};
  const double published_scores[] = {0.222, 0.722, 0.389, 0.500};
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(r.scores[i], scores[i], kEps) << i;
    EXPECT_NEAR(r.scores[i], published_scores[i], 0.0005) << i;  // as printed, 3 decimals
  }
  EXPECT_EQ(r.poor, (std::vector<uint8_t>{0, 1, 1, 1}));
  EXPECT_NEAR(r.population, 20, kEps);
  EXPECT_NEAR(r.H, 0.80, kEps);
  EXPECT_NEAR(r.A, 0.5625, kEps);
  EXPECT_NEAR(r.M0, 0.45, kEps);
  ASSERT_EQ(r.dimensions.size(), 3u);
  EXPECT_EQ(r.dimensions[0].dimension, "education");
  EXPECT_NEAR(r.dimensions[0].contribution, 1.0 / 3, kEps);    // published 33.3%
  EXPECT_NEAR(r.dimensions[1].contribution, 8.0 / 27, kEps);   // published 29.6%
  EXPECT_NEAR(r.dimensions[2].contribution, 10.0 / 27, kEps);  // published 37.0%
  EXPECT_NEAR(r.dimensions[0].contribution, 0.333, 0.0005);
  EXPECT_NEAR(r.dimensions[1].contribution, 0.296, 0.0005);
  EXPECT_NEAR(r.dimensions[2].contribution, 0.370, 0.0005);
  EXPECT_NEAR(r.dimensions[2].weight, 1.0 / 3, kEps);
  // Child mortality: 15 of 20 people deprived, 11 of them poor (household 1 is censored).
  EXPECT_NEAR(r.indicators[3].uncensored, 0.75, kEps);
  EXPECT_NEAR(r.indicators[3].censored, 0.55, kEps);
  EXPECT_NEAR(r.indicators[8].uncensored, 1.0, kEps);
  EXPECT_NEAR(r.indicators[8].censored, 0.8, kEps);
}

TEST(AlkireFoster, ExactlyOnTheCutoffIsPoorDespiteRounding) {
  // Ten equal weights of 0.1: eight deprivations add up to 0.7999999999999999 in binary, ten to
  // 0.9999999999999999; both must meet k = 0.8 and k = 1 (the intersection approach).
  DeprivationMatrix m = Matrix({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"},
                               {{1, 1, 1, 1, 1, 1, 1, 1, 0, 0}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}});
  AfResult r = Compute(m, K(0.8));
  EXPECT_EQ(r.poor, (std::vector<uint8_t>{1, 1}));
  EXPECT_EQ(Compute(m, K(1)).poor, (std::vector<uint8_t>{0, 1}));
  EXPECT_EQ(Compute(m, K(*ParseCutoff("4/5"))).poor, (std::vector<uint8_t>{1, 1}));
  // Weights of 1/3 and 1/18 (not exact in binary) against k = 1/3.
  DeprivationMatrix t = Matrix({"a", "b", "c"}, {{1, 0, 0}, {0, 0, 0}, {1, 1, 0}});
  EXPECT_EQ(Compute(t, K(*ParseCutoff("1/3"), {1, 1, 1})).poor, (std::vector<uint8_t>{1, 0, 1}));
  EXPECT_EQ(Compute(t, K(*ParseCutoff("2/3"))).poor, (std::vector<uint8_t>{0, 0, 1}));
  HdrExample ex;  // six living-standard deprivations of 1/18 each: exactly 1/3
  ex.m.cells = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(Compute(ex.m, ex.o).poor, (std::vector<uint8_t>{1, 0, 0, 0}));
  // Just below k is not poor: 0.3333 as a decimal is below 1/3, 0.34 above it.
  EXPECT_EQ(Compute(t, K(0.3333)).poor, (std::vector<uint8_t>{1, 0, 1}));
  EXPECT_EQ(Compute(t, K(0.34)).poor, (std::vector<uint8_t>{0, 0, 1}));
}

TEST(AlkireFoster, EqualWeightsByDefaultAndNormalised) {
  const DeprivationMatrix m = AlkireFoster2011();
  AfResult def = Compute(m, K(0.5));
  AfResult ones = Compute(m, K(0.5, {1, 1, 1, 1}));
  AfResult sevens = Compute(m, K(0.5, {7, 7, 7, 7}));
  for (const AfResult* r : {&ones, &sevens}) {
    EXPECT_NEAR(r->M0, def.M0, kEps);
    EXPECT_NEAR(r->H, def.H, kEps);
    for (const auto& ind : r->indicators) EXPECT_NEAR(ind.weight, 0.25, kEps);
  }
  AfResult a = Compute(m, K(0.5, {2, 1, 1, 0}));
  AfResult b = Compute(m, K(0.5, {0.5, 0.25, 0.25, 0}));
  EXPECT_NEAR(a.indicators[0].weight, 0.5, kEps);
  EXPECT_NEAR(a.indicators[3].weight, 0, kEps);
  double sum = 0;
  for (const auto& ind : a.indicators) sum += ind.weight;
  EXPECT_NEAR(sum, 1, kEps);
  EXPECT_NEAR(a.M0, b.M0, kEps);
  EXPECT_NEAR(a.H, b.H, kEps);
  // Scores 0, 0.25, 1, 0.25: only person 3 reaches 0.5.
  EXPECT_NEAR(a.H, 0.25, kEps);
  EXPECT_NEAR(a.M0, 0.25, kEps);
}

void ExpectSameResult(const AfResult& a, const AfResult& b) {
  EXPECT_NEAR(a.H, b.H, kEps);
  EXPECT_NEAR(a.A, b.A, kEps);
  EXPECT_NEAR(a.M0, b.M0, kEps);
  ASSERT_EQ(a.indicators.size(), b.indicators.size());
  for (size_t j = 0; j < a.indicators.size(); ++j) {
    EXPECT_NEAR(a.indicators[j].uncensored, b.indicators[j].uncensored, kEps);
    EXPECT_NEAR(a.indicators[j].censored, b.indicators[j].censored, kEps);
    EXPECT_NEAR(a.indicators[j].contribution, b.indicators[j].contribution, kEps);
  }
  ASSERT_EQ(a.groups.size(), b.groups.size());
  for (size_t g = 0; g < a.groups.size(); ++g) {
    EXPECT_EQ(a.groups[g].group, b.groups[g].group);
    EXPECT_NEAR(a.groups[g].population_share, b.groups[g].population_share, kEps);
    EXPECT_NEAR(a.groups[g].H, b.groups[g].H, kEps);
    EXPECT_NEAR(a.groups[g].A, b.groups[g].A, kEps);
    EXPECT_NEAR(a.groups[g].M0, b.groups[g].M0, kEps);
    EXPECT_NEAR(a.groups[g].contribution, b.groups[g].contribution, kEps);
  }
}

TEST(AlkireFoster, PopulationWeightsEqualRepeatedRows) {
  HdrExample ex;
  ex.m.groups = {"Pa Vi", "Pa Vi", "Sơn Vĩ", "Sơn Vĩ"};
  DeprivationMatrix repeated = ex.m;
  repeated.cells.clear();
  repeated.population.clear();
  repeated.groups.clear();
  const size_t d = ex.m.indicators();
  for (size_t i = 0; i < 4; ++i) {
    for (int copy = 0; copy < static_cast<int>(ex.m.population[i]); ++copy) {
      repeated.cells.insert(repeated.cells.end(), ex.m.cells.begin() + i * d,
                            ex.m.cells.begin() + (i + 1) * d);
      repeated.groups.push_back(ex.m.groups[i]);
    }
  }
  ASSERT_EQ(repeated.units(), 20u);
  ExpectSameResult(Compute(ex.m, ex.o), Compute(repeated, ex.o));
  // Fractional weights scale like counts: halving every weight changes nothing.
  DeprivationMatrix half = ex.m;
  for (double& p : half.population) p /= 2;
  ExpectSameResult(Compute(ex.m, ex.o), Compute(half, ex.o));
}

TEST(AlkireFoster, DecompositionAddsUp) {
  HdrExample ex;
  ex.m.groups = {"Pa Vi", "Sơn Vĩ", "Pa Vi", "Mèo Vạc"};
  AfResult r = Compute(ex.m, ex.o);
  ASSERT_EQ(r.groups.size(), 3u);
  EXPECT_EQ(r.groups[0].group, "Pa Vi");  // order of first appearance
  EXPECT_EQ(r.groups[2].group, "Mèo Vạc");
  EXPECT_EQ(r.groups[0].units, 2u);
  double contribution = 0, share = 0, weighted_m0 = 0, weighted_h = 0;
  for (const auto& g : r.groups) {
    contribution += g.contribution;
    share += g.population_share;
    weighted_m0 += g.population_share * g.M0;
    weighted_h += g.population_share * g.H;
    EXPECT_NEAR(g.M0, g.H * g.A, kEps);
  }
  EXPECT_NEAR(contribution, 1, kEps);
  EXPECT_NEAR(share, 1, kEps);
  EXPECT_NEAR(weighted_m0, r.M0, kEps);
  EXPECT_NEAR(weighted_h, r.H, kEps);
  // Pa Vi: households 1 (4 people, not poor) and 3 (5 people, score 7/18).
  EXPECT_NEAR(r.groups[0].population_share, 9.0 / 20, kEps);
  EXPECT_NEAR(r.groups[0].H, 5.0 / 9, kEps);
  EXPECT_NEAR(r.groups[0].A, 7.0 / 18, kEps);
}

TEST(AlkireFoster, IndicatorContributionsAddUpToOne) {
  HdrExample ex;
  AfResult r = Compute(ex.m, ex.o);
  double sum = 0, m0 = 0;
  for (const auto& ind : r.indicators) {
    sum += ind.contribution;
    m0 += ind.weight * ind.censored;
    EXPECT_LE(ind.censored, ind.uncensored + kEps);
  }
  EXPECT_NEAR(sum, 1, kEps);
  EXPECT_NEAR(m0, r.M0, kEps);
  EXPECT_NEAR(r.M0, r.H * r.A, kEps);
  double dims = 0;
  for (const auto& d : r.dimensions) dims += d.contribution;
  EXPECT_NEAR(dims, 1, kEps);
}

TEST(AlkireFoster, NobodyPoorAndZeroPopulationGiveZeros) {
  DeprivationMatrix m = Matrix({"a", "b"}, {{1, 0}, {0, 0}});
  m.groups = {"x", "y"};
  AfResult r = Compute(m, K(1));
  EXPECT_EQ(r.H, 0);
  EXPECT_EQ(r.A, 0);
  EXPECT_EQ(r.M0, 0);
  EXPECT_NEAR(r.indicators[0].uncensored, 0.5, kEps);
  for (const auto& ind : r.indicators) EXPECT_EQ(ind.contribution, 0);
  for (const auto& g : r.groups) EXPECT_EQ(g.contribution, 0);
  m.population = {0, 0};
  AfResult z = Compute(m, K(0.5));
  EXPECT_EQ(z.population, 0);
  EXPECT_EQ(z.H, 0);
  EXPECT_EQ(z.A, 0);
  EXPECT_EQ(z.M0, 0);
  EXPECT_EQ(z.indicators[0].uncensored, 0);
  EXPECT_EQ(z.groups[0].population_share, 0);
  EXPECT_EQ(z.poor, (std::vector<uint8_t>{1, 0}));  // identified, but weighs nothing
  // A group of zero weight beside others: its share is 0 and its ratios 0.
  m.population = {0, 3};
  AfResult g = Compute(m, K(0.5));
  EXPECT_EQ(g.groups[0].population_share, 0);
  EXPECT_EQ(g.groups[0].H, 0);
}

TEST(AlkireFoster, BadInputIsInvalidArgument) {
  const DeprivationMatrix good = AlkireFoster2011();
  auto fails = [](const DeprivationMatrix& m, const AfOptions& o, const std::string& text) {
    Result<AfResult> r = ComputeAlkireFoster(m, o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find(text), std::string::npos) << r.status().message();
  };
  fails(good, K(0), "cutoff k");
  fails(good, K(1.5), "cutoff k");
  fails(good, K(-0.2), "cutoff k");
  fails(good, K(std::nan("")), "cutoff k");
  fails(good, K(0.5, {1, -1, 1, 1}), "weight of indicator education");
  fails(good, K(0.5, {1, 1, INFINITY, 1}), "weight of indicator health");
  fails(good, K(0.5, {0, 0, 0, 0}), "all 0");
  fails(good, K(0.5, {1, 1}), "2 indicator weights for 4");
  fails(good, K(0.5, {}, {"a"}), "1 dimension names");
  DeprivationMatrix m = good;
  m.cells[5] = 2;
  fails(m, K(0.5), "unit 2, indicator education");
  m = good;
  m.cells.pop_back();
  fails(m, K(0.5), "not a multiple of 4");
  m = good;
  m.population = {1, 2};
  fails(m, K(0.5), "one per unit (4)");
  m.population = {1, 2, -3, 4};
  fails(m, K(0.5), "unit 3: a population weight");
  m.population = {1, std::nan(""), 3, 4};
  fails(m, K(0.5), "unit 2: a population weight");
  m = good;
  m.groups = {"a"};
  fails(m, K(0.5), "one per unit");
  fails(DeprivationMatrix{}, K(0.5), "no indicator");
}

TEST(AlkireFoster, ParseCutoff) {
  EXPECT_NEAR(*ParseCutoff("1/3"), 1.0 / 3, 1e-15);
  EXPECT_EQ(*ParseCutoff("0.3333"), 0.3333);
  EXPECT_EQ(*ParseCutoff("1"), 1.0);
  EXPECT_EQ(*ParseCutoff("2/2"), 1.0);
  for (const char* bad : {"0", "1.5", "3/2", "-1/3", "abc", "1/0", "", "1/", "nan", "inf"}) {
    Result<double> k = ParseCutoff(bad);
    EXPECT_FALSE(k.ok()) << bad;
  }
  EXPECT_NE(ParseCutoff("x").status().message().find("decimal (0.3333) or a fraction (1/3)"),
            std::string::npos);
  EXPECT_NE(ParseCutoff("2", Lang::kVi).status().message().find("không thuộc (0, 1]"),
            std::string::npos);
}

TEST(AlkireFoster, ParseWeightList) {
  const std::vector<std::string> ids = {"water", "school", "health"};
  auto w = ParseWeightList("school=1/6,water=0.5,health=0", ids);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_NEAR((*w)[0], 0.5, 1e-15);
  EXPECT_NEAR((*w)[1], 1.0 / 6, 1e-15);
  EXPECT_EQ((*w)[2], 0);
  auto message = [&](const char* text) {
    auto r = ParseWeightList(text, ids);
    EXPECT_FALSE(r.ok()) << text;
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_NE(message("water=1,school=1").find("\"health\" has no weight"), std::string::npos);
  EXPECT_NE(message("water=1,school=1,health=1,water=2").find("\"water\" is given twice"),
            std::string::npos);
  EXPECT_NE(message("water=1,school=1,helth=1")
                .find("\"helth\" is not an indicator of the file; "
                      "the indicators are: water, school, health"),
            std::string::npos);
  EXPECT_NE(message("water=1,school=-1,health=1").find("the weight of \"school\""),
            std::string::npos);
  EXPECT_NE(message("water=x,school=1,health=1").find("not a number >= 0"), std::string::npos);
  EXPECT_NE(message("water=0,school=0,health=0").find("all 0"), std::string::npos);
  EXPECT_NE(message("water").find("not of the form indicator=weight"), std::string::npos);
  EXPECT_NE(message("water=1,school=1,health=1,").find("not of the form"), std::string::npos);
}

// The CSV reader (deprivation_matrix_csv.hpp).
Result<DeprivationMatrix> Csv(std::string_view text, DeprivationCsvOptions o = {},
                              Lang lang = Lang::kEn) {
  return ParseDeprivationCsv(text, "d.csv", o, lang);
}

TEST(MpiCsv, ReadsIdWeightGroupAndIndicators) {
  auto m =
      Csv("\xEF\xBB\xBFwater,id,pop,commune,school\r\n"
          "1,H1,4,Pa Vi,0\r\n"
          "0,H2,2.5,\"Sơn Vĩ\",1\r\n",
          {"pop", "commune"});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->indicator_ids, (std::vector<std::string>{"water", "school"}));
  EXPECT_EQ(m->unit_ids, (std::vector<std::string>{"H1", "H2"}));
  EXPECT_EQ(m->cells, (std::vector<uint8_t>{1, 0, 0, 1}));
  EXPECT_EQ(m->population, (std::vector<double>{4, 2.5}));
  EXPECT_EQ(m->groups, (std::vector<std::string>{"Pa Vi", "Sơn Vĩ"}));
  // Without a column named id the first column is the id.
  auto first = Csv("hh,a,b\nX,1,0\n");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->unit_ids, (std::vector<std::string>{"X"}));
  EXPECT_EQ(first->indicator_ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(first->population.empty());
  // Groups typed in decomposed Unicode (NFD) are one group with the NFC spelling.
  auto nfd = Csv("id,g,a\n1,Vie\xCC\xA3\xCC\x82t,1\n2,Việt,0\n", {"", "g"});
  ASSERT_TRUE(nfd.ok());
  EXPECT_EQ(nfd->groups[0], "Việt");
  EXPECT_EQ(nfd->groups[1], "Việt");
}

TEST(MpiCsv, ErrorsSayFileLineColumnAndWhatToDo) {
  auto error = [](std::string_view text, DeprivationCsvOptions o = {}, Lang lang = Lang::kEn) {
    auto m = Csv(text, o, lang);
    EXPECT_FALSE(m.ok());
    return m.ok() ? std::string() : m.status().message();
  };
  EXPECT_EQ(error("id,a,b\n1,0,1\n2,1,2\n"),
            "d.csv:3:3: the indicator \"b\" is \"2\", but an indicator cell must be 0 (not "
            "deprived) or 1 (deprived); correct the cell");
  EXPECT_EQ(error("id,a\n1,0\n2,\n").substr(0, 12), "d.csv:3:2: t");
  EXPECT_EQ(error("id,commune,a\n1,Pa Vi,0\n"),
            "d.csv:2:2: the indicator \"commune\" is \"Pa Vi\", but an indicator cell must be 0 "
            "(not deprived) or 1 (deprived); correct the cell; if \"commune\" is not an indicator, "
            "name it as the group or population-weight column");
  EXPECT_EQ(error(""),
            "d.csv:1: the file is empty; it needs a header row (id, then the "
            "indicators) and one row per unit");
  EXPECT_EQ(error("id,a\n"), "d.csv:1: the file has a header but no rows; add one row per unit");
  EXPECT_EQ(error("id,a\n1,0\n1,1\n"),
            "d.csv:3:1: the unit id \"1\" is already used on line 2; every row needs its own id: "
            "correct or delete one of the rows");
  EXPECT_NE(error("id,a,b\n1,0,1\n2,1\n")
                .find("d.csv:3: this row has 2 cells but the header "
                      "has 3"),
            std::string::npos);
  EXPECT_EQ(error("id,a\n1,0\n", {"pop"}),
            "d.csv:1: there is no population-weight column \"pop\" in the header; the columns "
            "are: id, a; give the name exactly as it is in the header");
  EXPECT_NE(error("id,a\n1,0\n", {"", "commune"}).find("no group column \"commune\""),
            std::string::npos);
  EXPECT_EQ(error("id,p,a\n1,-2,0\n", {"p"}),
            "d.csv:2:2: the population weight \"p\" is \"-2\", not a number >= 0; write a number "
            "such as 4 or 1.5 (decimal point)");
  EXPECT_NE(error("id,p,a\n1,abc,0\n", {"p"}).find("d.csv:2:2:"), std::string::npos);
  EXPECT_NE(error("id,p,a\n1,1e999,0\n", {"p"}).find("d.csv:2:2:"), std::string::npos);
  EXPECT_NE(error("id,g,a\n1,,0\n", {"", "g"}).find("d.csv:2:2: the group \"g\" is empty"),
            std::string::npos);
  EXPECT_NE(error("id,a,a\n1,0,1\n").find("d.csv:1:3: the column \"a\" appears twice"),
            std::string::npos);
  EXPECT_NE(error("id,,a\n1,0,1\n").find("d.csv:1:2: this column has no name"), std::string::npos);
  EXPECT_NE(error("id,p\n1,1\n", {"p"}).find("d.csv:1: there is no indicator column"),
            std::string::npos);
  EXPECT_NE(error("id,p,a\n1,1,0\n", {"p", "p"}).find("used for two purposes"), std::string::npos);
  EXPECT_NE(error("id,a\n,0\n").find("d.csv:2:1: the unit id is empty"), std::string::npos);
  EXPECT_NE(error("id,a\n1,\xFF\n").find("d.csv:2:2: this cell is not valid UTF-8"),
            std::string::npos);
  EXPECT_EQ(error("id,a\n1,0\n2,x\n", {}, Lang::kVi),
            "d.csv:3:2: chỉ số \"a\" có giá trị \"x\", nhưng ô chỉ số phải là 0 (không thiếu hụt) "
            "hoặc 1 (thiếu hụt); sửa ô này");
}

}  // namespace
}  // namespace lnob::analytics
