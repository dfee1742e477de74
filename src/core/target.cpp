#include "core/target.hpp"

namespace lnob::core {

std::string_view TargetIndicatorId(TargetIndicator i) {
  switch (i) {
    case TargetIndicator::kPovertyRate: return "poverty_rate";
    case TargetIndicator::kNearPovertyRate: return "near_poverty_rate";
    case TargetIndicator::kPoorNearPoorRate: return "poor_near_poor_rate";
    case TargetIndicator::kPoorHouseholds: return "poor_households";
    case TargetIndicator::kNearPoorHouseholds: return "near_poor_households";
  }
  return "";
}

bool ParseTargetIndicator(std::string_view id, TargetIndicator* out) {
  for (TargetIndicator i : {TargetIndicator::kPovertyRate, TargetIndicator::kNearPovertyRate,
                            TargetIndicator::kPoorNearPoorRate, TargetIndicator::kPoorHouseholds,
                            TargetIndicator::kNearPoorHouseholds}) {
    if (TargetIndicatorId(i) == id) {
      *out = i;
      return true;
    }
  }
  return false;
}

}  // namespace lnob::core
