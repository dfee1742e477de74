// Calendar dates as compact integers, and age in completed years.
//
//   ASSIGN_OR_RETURN(Date d, ParseIsoDate("2024-02-29"));   // d.value == 20240229
//   ASSIGN_OR_RETURN(Date y, ParseBirthDate("1987"));        // year only: y.value == 19870000
//   int age = CompletedYears(y, d);                           // 37 = 2024 - 1987
//
// A Date is yyyymmdd in one int32 so that comparing two dates is comparing two integers. A birth date
// may be known by its year only: month and day are then 00. Thread-safety: pure functions and values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace lnob {

struct Date {
  int32_t value = 0;  // yyyymmdd; mmdd == 0000 when only the year is known

  int year() const { return value / 10000; }
  int month() const { return value / 100 % 100; }
  int day() const { return value % 100; }
  bool year_only() const { return value % 10000 == 0; }
  auto operator<=>(const Date&) const = default;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// Returns the date of a strict "YYYY-MM-DD" text (a real calendar day, years 1800-2200), or
// InvalidArgument naming the expected form.
Result<Date> ParseIsoDate(std::string_view text);
// Returns a date for "YYYY-MM-DD" or a bare "YYYY" (year only), or InvalidArgument.
Result<Date> ParseBirthDate(std::string_view text);
// "2024-02-29", or "1987" for a year-only date.
std::string FormatIsoDate(Date d);
// "29/02/2024" (Vietnamese order).
std::string FormatVietnameseDate(Date d);

// Completed years of life on `on` for someone born on `birth`. Year-only birth: on.year - birth.year.
// A 29 February birthday is completed on 1 March in a common year (28/02 < 29/02).
// Both dates are yyyymmdd integers so this is usable in tight loops.
inline int CompletedYears(int32_t birth, int32_t on) {
  int years = on / 10000 - birth / 10000;
  int birth_md = birth % 10000;
  if (birth_md != 0 && on % 10000 < birth_md) --years;
  return years;
}

}  // namespace lnob
