// Internal to ingest: the messages of the units file (units_csv.cpp), in English and Vietnamese.
//
//   InputError e{..., Fill(kBadKind.en, {kinds}), Fill(kBadKind.vi, {kinds})};
//
// {1}, {2}... in a text stand for the arguments. Thread-safety: constants and a pure function.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace lnob::ingest::units_text {

struct Text {
  const char* en;
  const char* vi;
};
inline constexpr Text kUnknownColumn = {"unknown column '{1}'; the header must be: {2}",
                                        "cột '{1}' không có trong mẫu; dòng tiêu đề phải là: {2}"};
inline constexpr Text kTwiceColumn = {"the column {1} appears twice; delete one",
                                      "cột {1} xuất hiện hai lần; xoá một cột"};
inline constexpr Text kMissingColumn = {"the column {1} is missing; the header must be: {2}",
                                        "thiếu cột {1}; dòng tiêu đề phải là: {2}"};
inline constexpr Text kEmptyFile = {"the file is empty; its first line must be the header: {1}",
                                    "tệp trống; dòng đầu phải là dòng tiêu đề: {1}"};
inline constexpr Text kBadType = {
    "type must be unit (a version of a unit) or event (a merger, split, rename...)",
    "type phải là unit (một phiên bản của đơn vị) hoặc event (sáp nhập, chia tách, đổi tên...)"};
inline constexpr Text kRequired = {
    "{1} is required on a row of type {2}; fill it in and import again",
    "{1} là bắt buộc ở dòng loại {2}; điền vào rồi nhập lại"};
inline constexpr Text kUnused = {
    "{1} is not used on a row of type {2}; leave it empty (are the columns shifted?)",
    "cột {1} không dùng cho dòng loại {2}; để trống (các cột có bị lệch không?)"};
inline constexpr Text kBadCode = {
    "'{1}' is not a code: a code is 1-64 letters without accents, digits, '.', '_' or '-' "
    "(codes in from and to are separated by ';')",
    "'{1}' không phải là mã: mã gồm 1-64 chữ cái không dấu, chữ số, '.', '_' hoặc '-' (các mã ở "
    "cột from và to cách nhau bằng ';')"};
inline constexpr Text kBadDate = {
    "must be a date that exists, written YYYY-MM-DD, for example 2025-07-01",
    "phải là một ngày có thật, viết dạng YYYY-MM-DD, ví dụ 2025-07-01"};
inline constexpr Text kBadKind = {"kind must be one of: {1}", "kind phải là một trong: {1}"};
inline constexpr Text kProvinceParent = {"a province has no parent: leave parent_code empty",
                                         "tỉnh không có đơn vị cấp trên: để trống parent_code"};
inline constexpr Text kNeedsParent = {
    "parent_code is required for a {1}: the code of the unit it belongs to (only a province "
    "has none)",
    "parent_code là bắt buộc với {1}: mã của đơn vị cấp trên trực tiếp (chỉ tỉnh không có)"};
inline constexpr Text kProvinceCode = {"the province_code of a province is its own code ({1})",
                                       "province_code của một tỉnh là chính mã của tỉnh đó ({1})"};
inline constexpr Text kToBeforeFrom = {
    "valid_to is the last day in force; it cannot be before valid_from ({1})",
    "valid_to là ngày cuối cùng còn hiệu lực, không được trước valid_from ({1})"};
inline constexpr Text kCodeTwice = {"the code {1} is listed twice", "mã {1} được ghi hai lần"};
inline constexpr Text kCountExact = {
    "a {1} event lists exactly {2} code(s) in {3}; this one lists {4} (separate codes with ';')",
    "sự kiện {1} ghi đúng {2} mã ở cột {3}; dòng này có {4} (các mã cách nhau bằng ';')"};
inline constexpr Text kCountMin = {
    "a {1} event lists at least {2} codes in {3}; this one lists {4} (separate codes with ';')",
    "sự kiện {1} ghi ít nhất {2} mã ở cột {3}; dòng này có {4} (các mã cách nhau bằng ';')"};
inline constexpr Text kSameStart = {
    "unit {1} already has a version from {2} on line {3}; give each version its own valid_from",
    "đơn vị {1} đã có một phiên bản từ ngày {2} ở dòng {3}; mỗi phiên bản phải có valid_from "
    "riêng"};
inline constexpr Text kOverlap = {
    "this version of {1} overlaps the one on line {3}: a code has one version on any day; end "
    "the earlier one (valid_to) the day before the next begins",
    "phiên bản này của {1} trùng thời gian với phiên bản ở dòng {3}: mỗi ngày một mã chỉ có một "
    "phiên bản; ghi valid_to của phiên bản trước là ngày trước ngày phiên bản sau bắt đầu"};

// `text` with {1}, {2}... replaced by the arguments.
inline std::string Fill(std::string_view text, std::initializer_list<std::string_view> args) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    size_t k = text[i] == '{' && i + 2 < text.size() ? text[i + 1] - '1' : args.size();
    if (k < args.size() && text[i + 2] == '}') {
      out += args.begin()[k];
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace lnob::ingest::units_text
