// Raw tables of the real units of the demo province (unit_tables.cpp): one unit a line,
// fields separated by '|'. Parsed by geography.cpp. Thread-safety: immutable static data.
#pragma once

namespace lnob::demo {

extern const char* const kDistrictTable;  // province|code|name|"city" or empty
extern const char* const kOldUnitTable;   // district|code|kind (P, T, X)|name
extern const char* const kNewUnitTable;   // code|kind (P, X)|name

}  // namespace lnob::demo
