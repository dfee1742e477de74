// A survey of some of another survey's households: what the classifier evaluates a standard on when
// a round mixes standards (households surveyed on both sides of a standard's start), a batch at a
// time, so that each standard's rules run over its own households only.
//
//   std::vector<uint32_t> picked = ...;            // ascending household indexes
//   Survey sub;
//   SubSurvey(survey, picked, &sub);               // household k of sub is picked[k] of survey
//
// The sub-survey holds every numeric column (integer and real) of both tables for the picked
// households and their members, in the same order, with member_begin and member_household. Text
// columns keep their `present` flag but no values (no rule reads text), and there are no extras,
// source lines, record ids or storage. Thread-safety: a pure function.
#pragma once

#include <cstdint>
#include <span>

#include "core/survey.hpp"

namespace lnob::core {

// Fills *out (its vectors' memory is reused) with `households`, ascending indexes of `survey`'s.
void SubSurvey(const Survey& survey, std::span<const uint32_t> households, Survey* out);

}  // namespace lnob::core
