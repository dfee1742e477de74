#include "core/schema.hpp"

#include <array>
#include <string>

namespace lnob::core {
namespace {

using SV = std::string_view;
constexpr auto R = Requirement::kRequired;
constexpr auto O = Requirement::kOptional;
constexpr auto S = Requirement::kIfStandard;
constexpr auto H = Level::kHousehold;
constexpr auto M = Level::kMember;

constexpr std::array<SV, 2> kArea = {"rural", "urban"};
constexpr std::array<SV, 10> kWater = {"piped",          "drilled_well",       "protected_dug_well",
                                       "protected_spring", "rainwater",        "bottled",
                                       "unprotected_well", "unprotected_spring", "surface_water",
                                       "other"};
constexpr std::array<SV, 8> kToilet = {"septic",       "semi_septic", "pour_flush", "ventilated_pit",
                                       "double_vault", "simple_pit",  "none",       "other"};
constexpr std::array<SV, 2> kSex = {"male", "female"};
constexpr std::array<SV, 7> kRelation = {"head",       "spouse",  "child", "parent",
                                         "grandchild", "sibling", "other"};
constexpr std::array<SV, 8> kEducation = {"none",
                                          "primary",
                                          "lower_secondary",
                                          "upper_secondary",
                                          "vocational_elementary",
                                          "vocational_intermediate",
                                          "college",
                                          "university"};
constexpr std::array<SV, 9> kEmployment = {"wage_contract", "wage_no_contract", "self_employed",
                                           "unemployed",    "student",          "retired",
                                           "homemaker",     "unable_to_work",   "none"};

constexpr std::span<const SV> kNone;

const std::array<FieldDef, 16> kHouseholdFields = {{
    {"household_id", H, FieldType::kId, R, false, kNone, "Mã hộ", "Household ID"},
    {"commune_code", H, FieldType::kString, R, false, kNone, "Mã xã", "Commune code"},
    {"village_code", H, FieldType::kString, O, false, kNone, "Mã thôn", "Village code"},
    {"area", H, FieldType::kEnum, R, false, kArea, "Khu vực", "Area"},
    {"survey_date", H, FieldType::kDate, R, false, kNone, "Ngày rà soát", "Survey date"},
    {"income_pc_month", H, FieldType::kMoney, R, true, kNone, "Thu nhập bình quân/người/tháng",
     "Income per person per month"},
    {"house_area_m2", H, FieldType::kDecimal, R, false, kNone, "Diện tích nhà ở (m²)",
     "House area (m²)"},
    {"wall_durable", H, FieldType::kBool, R, false, kNone, "Tường bền chắc", "Durable walls"},
    {"frame_durable", H, FieldType::kBool, R, false, kNone, "Khung bền chắc", "Durable frame"},
    {"roof_durable", H, FieldType::kBool, R, false, kNone, "Mái bền chắc", "Durable roof"},
    {"water_source", H, FieldType::kEnum, R, false, kWater, "Nguồn nước sinh hoạt",
     "Drinking-water source"},
    {"toilet_type", H, FieldType::kEnum, R, false, kToilet, "Loại nhà tiêu", "Toilet type"},
    {"uses_telecom", H, FieldType::kBool, R, false, kNone, "Sử dụng dịch vụ viễn thông",
     "Uses telecom services"},
    {"has_info_device", H, FieldType::kBool, R, false, kNone, "Có phương tiện tiếp cận thông tin",
     "Has a means of information"},
    {"waste_treated", H, FieldType::kBool, S, false, kNone, "Rác thải được thu gom, xử lý",
     "Waste collected or treated"},
    {"province_code", H, FieldType::kString, O, false, kNone, "Mã tỉnh", "Province code"},
}};

const std::array<FieldDef, 15> kMemberFields = {{
    {"household_id", M, FieldType::kId, R, false, kNone, "Mã hộ", "Household ID"},
    {"member_id", M, FieldType::kString, R, false, kNone, "Mã thành viên", "Member ID"},
    {"full_name", M, FieldType::kString, O, true, kNone, "Họ và tên", "Full name"},
    {"national_id", M, FieldType::kCitizenId, O, true, kNone, "Số định danh cá nhân",
     "Citizen ID"},
    {"birth_date", M, FieldType::kBirthDate, R, true, kNone, "Ngày sinh", "Birth date"},
    {"sex", M, FieldType::kEnum, R, false, kSex, "Giới tính", "Sex"},
    {"relation", M, FieldType::kEnum, R, false, kRelation, "Quan hệ với chủ hộ",
     "Relation to head"},
    {"ethnicity", M, FieldType::kString, O, true, kNone, "Dân tộc", "Ethnicity"},
    {"health_insurance", M, FieldType::kBool, R, true, kNone, "Có thẻ BHYT", "Health insurance"},
    {"malnourished", M, FieldType::kBool, R, true, kNone, "Suy dinh dưỡng", "Malnourished"},
    {"school_attending", M, FieldType::kBool, R, false, kNone, "Đang đi học", "Attending school"},
    {"education", M, FieldType::kEnum, R, false, kEducation, "Trình độ giáo dục cao nhất",
     "Highest education"},
    {"employment", M, FieldType::kEnum, R, false, kEmployment, "Việc làm", "Employment"},
    {"disability", M, FieldType::kBool, R, true, kNone, "Khuyết tật", "Disability"},
    {"monthly_allowance", M, FieldType::kBool, R, false, kNone, "Hưởng trợ cấp hằng tháng",
     "Monthly allowance"},
}};

}  // namespace

int FieldDef::EnumCode(std::string_view value) const {
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] == value) return static_cast<int>(i);
  }
  return -1;
}

std::string FieldDef::ValuesText() const {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) text += ", ";
    text += values[i];
  }
  return text;
}

std::span<const FieldDef> Fields(Level level) {
  if (level == Level::kHousehold) return kHouseholdFields;
  return kMemberFields;
}

const FieldDef* FindField(Level level, std::string_view name) {
  int i = FieldIndex(level, name);
  return i < 0 ? nullptr : &Fields(level)[i];
}

int FieldIndex(Level level, std::string_view name) {
  auto fields = Fields(level);
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace lnob::core
