#include "common/date.hpp"

#include <cstdio>

namespace lnob {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2200;

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

Result<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5, 2)) || !AllDigits(text.substr(8, 2))) {
    return InvalidArgument("expected a date written YYYY-MM-DD, for example 2024-10-01");
  }
  int y = ToInt(text.substr(0, 4)), m = ToInt(text.substr(5, 2)), d = ToInt(text.substr(8, 2));
  if (y < kMinYear || y > kMaxYear) {
    return InvalidArgument("the year must be between 1800 and 2200");
  }
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) {
    return InvalidArgument("there is no such day in the calendar");
  }
  return Date{y * 10000 + m * 100 + d};
}

Result<Date> ParseBirthDate(std::string_view text) {
  if (text.size() == 4 && AllDigits(text)) {
    int y = ToInt(text);
    if (y < kMinYear || y > kMaxYear) {
      return InvalidArgument("the year must be between 1800 and 2200");
    }
    return Date{y * 10000};
  }
  auto d = ParseIsoDate(text);
  if (!d.ok()) {
    return InvalidArgument("expected a birth date written YYYY-MM-DD, or the year alone (YYYY)");
  }
  return d;
}

std::string FormatIsoDate(Date d) {
  char buf[16];
  if (d.year_only()) {
    std::snprintf(buf, sizeof buf, "%04d", d.year());
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year(), d.month(), d.day());
  }
  return buf;
}

std::string FormatVietnameseDate(Date d) {
  char buf[16];
  if (d.year_only()) {
    std::snprintf(buf, sizeof buf, "%04d", d.year());
  } else {
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day(), d.month(), d.year());
  }
  return buf;
}

}  // namespace lnob
