#include "ingest/cell_parser.hpp"

#include <charconv>

namespace lnob::ingest {
namespace {

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

std::string Label(const core::FieldDef& def, Lang lang) {
  return std::string(lang == Lang::kVi ? def.label_vi : def.label_en);
}

std::string LowerTrimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

bool ParseDecimal(std::string_view s, double* out) {
  size_t n = s.size(), i = 0;
  uint64_t mantissa = 0;
  int digits = 0;
  for (; i < n && internal::Digit(s[i]) <= 9; ++i, ++digits)
    mantissa = mantissa * 10 + internal::Digit(s[i]);
  if (digits == 0) return false;
  int frac = 0;
  if (i < n) {
    if (s[i] != '.') return false;
    for (++i; i < n && internal::Digit(s[i]) <= 9; ++i, ++frac)
      mantissa = mantissa * 10 + internal::Digit(s[i]);
    if (frac == 0 || i != n) return false;
  }
  digits += frac;
  if (digits <= 15 && frac <= 22) {  // exact: mantissa < 2^53 and 10^frac are exact doubles
    *out = static_cast<double>(mantissa) / kPow10[frac];
    return true;
  }
  auto r = std::from_chars(s.data(), s.data() + n, *out);
  return r.ec == std::errc() && r.ptr == s.data() + n;
}

EnumIndex::EnumIndex(std::span<const std::string_view> values) : values_(values) {
  if (values.empty() || values.size() > 64) return;
  for (const auto& v : values) {
    if (v.empty()) return;
  }
  uint32_t mult = 0x9E3779B1u;
  for (int attempt = 0; attempt < 100000; ++attempt, mult += 0x6A09E666u | 1u) {
    mult_ = mult | 1u;
    slots_.fill(-1);
    bool ok = true;
    for (size_t i = 0; i < values.size() && ok; ++i) {
      uint32_t s = Slot(values[i]);
      if (slots_[s] >= 0) ok = false;
      slots_[s] = static_cast<int8_t>(i);
    }
    if (ok) {
      linear_ = false;
      return;
    }
  }
}

int EnumIndex::FindLinear(std::string_view s) const {
  for (size_t i = 0; i < values_.size(); ++i) {
    if (values_[i] == s) return static_cast<int>(i);
  }
  return -1;
}

std::string BadUtf8Message(uint32_t bad_byte, Lang lang) {
  std::string b = std::to_string(bad_byte + 1);
  return lang == Lang::kVi ? "ô này không phải văn bản UTF-8 hợp lệ (byte thứ " + b +
                                 " bị lỗi); lưu tệp dưới dạng \"CSV UTF-8\" rồi nhập lại"
                           : "this cell is not valid UTF-8 text (byte " + b +
                                 " is wrong); save the file as \"CSV UTF-8\" and import again";
}

std::string CellProblemMessage(const core::FieldDef& def, CellProblem problem,
                               std::string_view value, uint32_t bad_byte, Lang lang) {
  const bool vi = lang == Lang::kVi;
  const std::string label = Label(def, lang);
  const std::string fix = vi ? "; sửa ô này rồi nhập lại" : "; correct the cell and import again";
  switch (problem) {
    case CellProblem::kOk: return {};
    case CellProblem::kEmpty:
      return vi ? "thiếu " + label + ": ô bắt buộc này đang trống; điền vào rồi nhập lại"
                : label + " is required but the cell is empty; fill it in and import again";
    case CellProblem::kBadUtf8: return BadUtf8Message(bad_byte, lang);
    case CellProblem::kBadId:
      return (vi ? label +
                       " phải dài từ 1 đến 64 ký tự, chỉ gồm chữ cái không dấu (A-Z, a-z), "
                       "chữ số, dấu chấm, gạch dưới hoặc gạch ngang, không có dấu cách"
                 : label +
                       " must be 1 to 64 characters: letters A-Z or a-z without accents, "
                       "digits, dot, underscore or hyphen, and no spaces") +
             fix;
    case CellProblem::kBadMoney:
      return (vi ? label +
                       " phải là số nguyên đồng, từ 0 trở lên, chỉ gồm chữ số (không có dấu "
                       "chấm hay dấu phẩy: viết 1500000, không viết 1.500.000)"
                 : label +
                       " must be a whole number of dong, 0 or more, in digits only (no dots "
                       "or commas: write 1500000, not 1.500.000)") +
             fix;
    case CellProblem::kBadDecimal:
      return (vi ? label +
                       " phải là một số từ 0 trở lên, dùng dấu chấm trước phần thập phân "
                       "(ví dụ 35 hoặc 35.5), không dùng dấu phân cách hàng nghìn"
                 : label +
                       " must be a number, 0 or more, with a dot before any decimals (for "
                       "example 35 or 35.5) and no thousands separators") +
             fix;
    case CellProblem::kBadBool:
      return (vi ? label + " phải là 1 (có) hoặc 0 (không)"
                 : label + " must be 1 (yes) or 0 (no)") +
             fix;
    case CellProblem::kBadEnum: {
      std::string m = vi ? label + " phải là một trong các giá trị: " + def.ValuesText()
                         : label + " must be one of: " + def.ValuesText();
      std::string near = LowerTrimmed(value);
      if (near != value && def.EnumCode(near) >= 0) {
        m += vi ? " (viết chữ thường, không có dấu cách: " + near + ")"
                : " (in lower case, without spaces: " + near + ")";
      }
      return m + fix;
    }
    case CellProblem::kBadDate:
      return (vi ? label +
                       " phải là ngày viết theo dạng YYYY-MM-DD (năm-tháng-ngày), ví dụ "
                       "2024-10-01"
                 : label +
                       " must be a date written YYYY-MM-DD (year-month-day), for example "
                       "2024-10-01") +
             fix;
    case CellProblem::kBadBirthDate:
      return (vi ? label +
                       " phải viết theo dạng YYYY-MM-DD, hoặc chỉ ghi năm (YYYY) nếu không "
                       "rõ ngày, ví dụ 1987-05-20 hoặc 1987"
                 : label +
                       " must be written YYYY-MM-DD, or the year alone (YYYY) when the day "
                       "is not known, for example 1987-05-20 or 1987") +
             fix;
    case CellProblem::kNoSuchDay:
      return (vi ? label + ": không có ngày này trong lịch (YYYY-MM-DD là năm-tháng-ngày)"
                 : label +
                       ": there is no such day in the calendar (YYYY-MM-DD is "
                       "year-month-day)") +
             fix;
    case CellProblem::kYearRange:
      return (vi ? label + ": năm phải từ 1800 đến 2200"
                 : label + ": the year must be between 1800 and 2200") +
             fix;
    case CellProblem::kBadCitizenId: {
      bool optional = def.requirement == core::Requirement::kOptional;
      return (vi ? label + " phải gồm đúng 12 chữ số (số trên thẻ căn cước)" +
                       (optional ? std::string(", hoặc để trống") : std::string())
                 : label + " must be exactly 12 digits (the number on the citizen ID card)" +
                       (optional ? std::string(", or be left empty") : std::string())) +
             fix;
    }
  }
  return {};
}

}  // namespace lnob::ingest
