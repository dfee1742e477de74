// ComputeTransitions on hand-made rounds 2021-2024: every flow of the definitions in
// transitions.hpp, the from x to matrix, the per-unit table, the exit cohorts, and the errors.
// A household's path is written one letter a round: P poor, N near-poor, M middle, X not poor,
// - absent.
#include "analytics/transitions.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace lnob::analytics {
namespace {

using core::Category;

// Rounds `first_year`, first_year + 1, ... from household paths ("H1" -> "PPXN").
std::vector<RoundCategories> Rounds(const std::map<std::string, std::string>& paths,
                                    int first_year = 2021) {
  size_t n = paths.empty() ? 0 : paths.begin()->second.size();
  std::vector<RoundCategories> rounds(n);
  for (size_t r = 0; r < n; ++r) rounds[r].year = first_year + static_cast<int>(r);
  for (const auto& [id, path] : paths) {  // std::map: by id, as RoundCategories wants
    EXPECT_EQ(path.size(), n) << id;
    for (size_t r = 0; r < n; ++r) {
      Category c;
      switch (path[r]) {
        case 'P': c = Category::kPoor; break;
        case 'N': c = Category::kNearPoor; break;
        case 'M': c = Category::kMiddle; break;
        case 'X': c = Category::kNotPoor; break;
        default: continue;  // absent
      }
      rounds[r].households.emplace_back(id, c);
    }
  }
  return rounds;
}

// Every flow once, and the exits of every round.
const std::map<std::string, std::string>& Paths() {
  static const std::map<std::string, std::string> paths = {
      {"A", "PPPP"},  // stayed_poor
      {"B", "PPPX"},  // escaped (2024 exit, still out)
      {"C", "PPPN"},  // escaped_to_near_poor (also escaped, became near-poor)
      {"D", "XXXP"},  // newly_poor
      {"E", "---P"},  // newly_poor, entered
      {"F", "PXXP"},  // fell_back (2022 exit that fell back)
      {"G", "PN-P"},  // fell_back, entered (2022 exit that fell back; absent in 2023)
      {"H", "NNNN"},  // stayed_near_poor
      {"I", "XXXN"},  // became_near_poor
      {"J", "XXX-"},  // left
      {"K", "PPP-"},  // left while poor: no flow, no exit
      {"L", "MMMM"},  // nothing
      {"M", "PXXX"},  // 2022 exit, out 1 and 2 rounds later, still out
      {"N", "PX--"},  // 2022 exit, not seen in 2024; absent from 2023 and 2024: not listed
      {"O", "PPX-"},  // 2023 exit, not seen; left
      {"Q", "PX-X"},  // 2022 exit, absent in 2023 (not counted out then), out in 2024
      {"R", "X-XX"},  // nothing
  };
  return paths;
}

std::map<std::string, std::string> Flows(const Transitions& t) {
  std::map<std::string, std::string> out;
  for (const HouseholdTransition& h : t.households) out[h.household_id] = h.flow;
  return out;
}

std::pair<std::string, std::string> UnitOf(const std::string& id) {
  // A-H in commune "C1", the others in "C2".
  return id <= "H" ? std::make_pair(std::string("C1"), std::string("Xã Một"))
                   : std::make_pair(std::string("C2"), std::string("Xã Hai"));
}

Transitions Compute(const std::vector<RoundCategories>& rounds, int from, int to,
                    const std::function<std::pair<std::string, std::string>(const std::string&)>&
                        unit_of = UnitOf) {
  auto t = ComputeTransitions(rounds, from, to, unit_of);
  EXPECT_TRUE(t.ok()) << t.status().message();
  return t.ok() ? std::move(*t) : Transitions{};
}

TEST(TransitionsTest, EveryFlowBetweenTheLastTwoRounds) {
  Transitions t = Compute(Rounds(Paths()), 2023, 2024);
  EXPECT_EQ(t.from_year, 2023);
  EXPECT_EQ(t.to_year, 2024);
  std::map<std::string, std::string> want = {{"A", "stayed_poor"},
                                             {"B", "escaped"},
                                             {"C", "escaped_to_near_poor"},
                                             {"D", "newly_poor"},
                                             {"E", "newly_poor"},
                                             {"F", "fell_back"},
                                             {"G", "fell_back"},
                                             {"H", "stayed_near_poor"},
                                             {"I", "became_near_poor"},
                                             {"J", ""},
                                             {"K", ""},
                                             {"L", ""},
                                             {"M", ""},
                                             {"O", ""},
                                             {"Q", ""},
                                             {"R", ""}};
  EXPECT_EQ(Flows(t), want);  // N is in neither round: not listed
  // By id, with their categories (-1: absent).
  ASSERT_EQ(t.households.size(), 16u);
  EXPECT_EQ(t.households[0].household_id, "A");
  EXPECT_EQ(t.households[2].household_id, "C");
  EXPECT_EQ(t.households[2].from, 3);
  EXPECT_EQ(t.households[2].to, 2);
  EXPECT_EQ(t.households[4].household_id, "E");
  EXPECT_EQ(t.households[4].from, -1);
  EXPECT_EQ(t.households[4].to, 3);
  EXPECT_EQ(t.households[9].household_id, "J");
  EXPECT_EQ(t.households[9].to, -1);

  const TransitionCounts& c = t.total;
  EXPECT_EQ(c.unit_code, "");
  EXPECT_EQ(c.households_from, 13u);  // all but E, G, Q (absent in 2023) and N
  EXPECT_EQ(c.households_to, 13u);    // all but J, K, O (absent in 2024) and N
  EXPECT_EQ(c.poor_from, 4u);         // A B C K
  EXPECT_EQ(c.poor_to, 5u);           // A D E F G
  EXPECT_EQ(c.stayed_poor, 1u);
  EXPECT_EQ(c.escaped, 2u);  // B, and C to near-poor
  EXPECT_EQ(c.escaped_to_near_poor, 1u);
  EXPECT_EQ(c.newly_poor, 2u);
  EXPECT_EQ(c.fell_back, 2u);
  EXPECT_EQ(c.stayed_near_poor, 1u);
  EXPECT_EQ(c.became_near_poor, 2u);  // I, and C (near-poor in 2024, not in 2023)
  EXPECT_EQ(c.entered, 3u);           // E G Q
  EXPECT_EQ(c.left, 3u);              // J K O
  // The poor of `to` are exactly those who stayed, fell back or are newly poor.
  EXPECT_EQ(c.poor_to, c.stayed_poor + c.newly_poor + c.fell_back);
}

TEST(TransitionsTest, MatrixFromTo) {
  Transitions t = Compute(Rounds(Paths()), 2023, 2024);
  // [from][to]: 0 not poor, 1 middle, 2 near-poor, 3 poor, 4 absent.
  const uint64_t want[5][5] = {
      {2, 0, 1, 2, 2},  // X: M R | I | D F | J O
      {0, 1, 0, 0, 0},  // M: L
      {0, 0, 1, 0, 0},  // N: H
      {1, 0, 1, 1, 1},  // P: B | C | A | K
      {1, 0, 0, 2, 0},  // -: Q | E G; never absent from both
  };
  uint64_t sum = 0;
  for (int a = 0; a < 5; ++a) {
    for (int b = 0; b < 5; ++b) {
      EXPECT_EQ(t.matrix[a][b], want[a][b]) << "[" << a << "][" << b << "]";
      sum += t.matrix[a][b];
    }
  }
  EXPECT_EQ(sum, t.households.size());
}

TEST(TransitionsTest, ByUnit) {
  Transitions t = Compute(Rounds(Paths()), 2023, 2024);
  ASSERT_EQ(t.by_unit.size(), 2u);
  const TransitionCounts& c1 = t.by_unit[0];
  const TransitionCounts& c2 = t.by_unit[1];
  EXPECT_EQ(c1.unit_code, "C1");
  EXPECT_EQ(c1.unit_name, "Xã Một");
  EXPECT_EQ(c2.unit_code, "C2");
  EXPECT_EQ(c1.households_from, 6u);
  EXPECT_EQ(c1.households_to, 8u);
  EXPECT_EQ(c1.poor_from, 3u);
  EXPECT_EQ(c1.poor_to, 5u);
  EXPECT_EQ(c1.stayed_poor, 1u);
  EXPECT_EQ(c1.escaped, 2u);
  EXPECT_EQ(c1.newly_poor, 2u);
  EXPECT_EQ(c1.fell_back, 2u);
  EXPECT_EQ(c1.entered, 2u);
  EXPECT_EQ(c1.left, 0u);
  EXPECT_EQ(c2.households_from, 7u);
  EXPECT_EQ(c2.households_to, 5u);
  EXPECT_EQ(c2.poor_from, 1u);
  EXPECT_EQ(c2.poor_to, 0u);
  EXPECT_EQ(c2.became_near_poor, 1u);
  EXPECT_EQ(c2.entered, 1u);
  EXPECT_EQ(c2.left, 3u);
  // The units add up to the total.
  EXPECT_EQ(c1.households_from + c2.households_from, t.total.households_from);
  EXPECT_EQ(c1.households_to + c2.households_to, t.total.households_to);
  EXPECT_EQ(c1.became_near_poor + c2.became_near_poor, t.total.became_near_poor);
  EXPECT_EQ(c1.left + c2.left, t.total.left);

  // Without unit_of: no per-unit table.
  EXPECT_TRUE(Compute(Rounds(Paths()), 2023, 2024, nullptr).by_unit.empty());
}

TEST(TransitionsTest, ExitCohortsAndHowLongTheyLast) {
  Transitions t = Compute(Rounds(Paths()), 2023, 2024);
  ASSERT_EQ(t.exits.size(), 3u);  // one per round after the first
  const ExitCohort& e22 = t.exits[0];
  EXPECT_EQ(e22.year, 2022);
  EXPECT_EQ(e22.escaped, 5u);    // F G M N Q
  EXPECT_EQ(e22.fell_back, 2u);  // F G
  EXPECT_EQ(e22.still_out, 2u);  // M Q
  EXPECT_EQ(e22.not_seen, 1u);   // N
  // One round later: F and M (G and Q absent, not counted out); two rounds later: M and Q.
  EXPECT_EQ(e22.out_after, (std::vector<uint64_t>{2, 2}));

  const ExitCohort& e23 = t.exits[1];
  EXPECT_EQ(e23.year, 2023);
  EXPECT_EQ(e23.escaped, 1u);  // O
  EXPECT_EQ(e23.fell_back, 0u);
  EXPECT_EQ(e23.still_out, 0u);
  EXPECT_EQ(e23.not_seen, 1u);
  EXPECT_EQ(e23.out_after, (std::vector<uint64_t>{0}));

  const ExitCohort& e24 = t.exits[2];
  EXPECT_EQ(e24.year, 2024);
  EXPECT_EQ(e24.escaped, 2u);  // B C
  EXPECT_EQ(e24.still_out, 2u);
  EXPECT_TRUE(e24.out_after.empty());

  for (const ExitCohort& e : t.exits) {
    EXPECT_EQ(e.escaped, e.fell_back + e.still_out + e.not_seen) << e.year;
  }
}

TEST(TransitionsTest, RoundsAfterToAreIgnoredAndOrderDoesNotMatter) {
  std::vector<RoundCategories> rounds = Rounds(Paths());
  std::swap(rounds[0], rounds[3]);
  std::swap(rounds[1], rounds[2]);
  Transitions t = Compute(rounds, 2022, 2023);
  ASSERT_EQ(t.exits.size(), 2u);
  EXPECT_EQ(t.exits[0].year, 2022);
  EXPECT_EQ(t.exits[0].escaped, 5u);
  EXPECT_EQ(t.exits[0].fell_back, 0u);  // F and G fall back only in 2024
  EXPECT_EQ(t.exits[0].still_out, 2u);  // F M
  EXPECT_EQ(t.exits[0].not_seen, 3u);   // G N Q
  EXPECT_EQ(t.exits[0].out_after, (std::vector<uint64_t>{2}));
  EXPECT_EQ(t.exits[1].year, 2023);
  EXPECT_EQ(t.exits[1].escaped, 1u);
  EXPECT_EQ(t.exits[1].still_out, 1u);  // O is out in 2023, the last round used
  auto flows = Flows(t);
  EXPECT_EQ(flows["O"], "escaped");
  EXPECT_EQ(flows.count("E"), 0u);  // in neither round
  EXPECT_EQ(flows["F"], "");        // not poor in 2022 nor in 2023
  EXPECT_EQ(t.total.poor_to, 4u);   // A B C K
}

TEST(TransitionsTest, FellBackNeedsAnEarlierExit) {
  // From 2021 to 2024: poor in 2024 after having been out of poverty (present, not poor) after
  // being poor, both before 2024, is falling back; poor before but never out is newly poor.
  Transitions t = Compute(Rounds({{"S1", "XPXP"},
                                  {"S2", "XXPP"},
                                  {"S3", "XXXP"},
                                  {"S4", "-P-P"},
                                  {"S5", "PXNN"},
                                  {"S6", "NNPN"},
                                  {"S7", "P-XP"},
                                  {"S8", "PP-P"}}),
                          2021, 2024);
  auto flows = Flows(t);
  EXPECT_EQ(flows["S1"], "fell_back");   // out in 2023
  EXPECT_EQ(flows["S2"], "newly_poor");  // poor since 2023, never out
  EXPECT_EQ(flows["S3"], "newly_poor");
  EXPECT_EQ(flows["S4"], "newly_poor");  // absent is not out of poverty
  EXPECT_EQ(flows["S5"], "escaped_to_near_poor");
  EXPECT_EQ(flows["S6"], "stayed_near_poor");
  EXPECT_EQ(flows["S7"], "stayed_poor");  // poor in 2021 and 2024
  EXPECT_EQ(flows["S8"], "stayed_poor");
  EXPECT_EQ(t.total.entered, 1u);  // S4
  EXPECT_EQ(t.total.fell_back, 1u);
  EXPECT_EQ(t.total.newly_poor, 3u);
  // Out in 2023 after an absence (not an exit of a cohort: the round before it had no answer),
  // then poor again: fell back.
  Transitions later = Compute(Rounds({{"S7", "P-XP"}}), 2023, 2024);
  EXPECT_EQ(Flows(later)["S7"], "fell_back");
  EXPECT_EQ(later.exits[1].escaped, 0u);
}

TEST(TransitionsTest, Errors) {
  std::vector<RoundCategories> rounds = Rounds(Paths());
  for (auto [from, to] : {std::pair{2024, 2024}, std::pair{2024, 2023}}) {
    auto t = ComputeTransitions(rounds, from, to, UnitOf);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(t.status().message().find("must be before"), std::string::npos)
        << t.status().message();
  }
  auto missing_from = ComputeTransitions(rounds, 2020, 2024, UnitOf);
  ASSERT_FALSE(missing_from.ok());
  EXPECT_EQ(missing_from.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(missing_from.status().message().find("round 2020"), std::string::npos)
      << missing_from.status().message();
  EXPECT_NE(missing_from.status().message().find("2021, 2022, 2023, 2024"), std::string::npos)
      << missing_from.status().message();
  auto missing_to = ComputeTransitions(rounds, 2023, 2025, UnitOf);
  ASSERT_FALSE(missing_to.ok());
  EXPECT_EQ(missing_to.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(missing_to.status().message().find("round 2025"), std::string::npos)
      << missing_to.status().message();
  auto none = ComputeTransitions({}, 2023, 2024, UnitOf);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("none"), std::string::npos) << none.status().message();
}

TEST(TransitionsTest, EmptyRoundsGiveZeros) {
  std::vector<RoundCategories> rounds = {{2023, {}}, {2024, {}}};
  Transitions t = Compute(rounds, 2023, 2024);
  EXPECT_TRUE(t.households.empty());
  EXPECT_EQ(t.total.households_to, 0u);
  ASSERT_EQ(t.exits.size(), 1u);
  EXPECT_EQ(t.exits[0].escaped, 0u);
}

}  // namespace
}  // namespace lnob::analytics
