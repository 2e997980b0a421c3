// Periods: the time keys of observations and events (landscape/1 grammar: YYYY, YYYY-Qn, YYYY-MM,
// YYYY-MM-DD, years 1900..2100, real calendar days).
//
// A Period is a 32-bit key that sorts by start day and, for periods starting the same day, from the
// longest to the shortest (2023 < 2023-Q1 < 2023-01 < 2023-01-01). It keeps its kind, so a year
// stays a year when formatted again. Key 0 means "no period".
//
//   ls::Period p;
//   if (ls::ParsePeriod("2023-Q2", &p))
//       printf("%s spans %.2f..%.2f\n", ls::PeriodLabel(p).c_str(), ls::PeriodStartYear(p), ls::PeriodEndYear(p));
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ls
{

enum PeriodKind
{
    PeriodKind_None,
    PeriodKind_Year,    // 2023
    PeriodKind_Quarter, // 2023-Q2
    PeriodKind_Month,   // 2023-06
    PeriodKind_Day,     // 2023-06-15
};

struct Period
{
    // Bits 2..: 1 + days since 1900-01-01 of the first day; bits 0..1: kind (year 0 .. day 3).
    uint32_t Key = 0;

    bool Valid() const { return Key != 0; }
    friend bool operator==(Period a, Period b) { return a.Key == b.Key; }
    friend bool operator!=(Period a, Period b) { return a.Key != b.Key; }
    friend bool operator<(Period a, Period b) { return a.Key < b.Key; }
    friend bool operator>(Period a, Period b) { return a.Key > b.Key; }
    friend bool operator<=(Period a, Period b) { return a.Key <= b.Key; }
    friend bool operator>=(Period a, Period b) { return a.Key >= b.Key; }
};

constexpr int kPeriodMinYear = 1900;
constexpr int kPeriodMaxYear = 2100;
constexpr int kPeriodKeyBits = 19; // every valid key fits in 19 bits (used to pack sort keys)

bool ParsePeriod(std::string_view text, Period* out, const char** why_not = nullptr); // any of the four forms; why_not gets a static reason on failure
bool ParseDate(std::string_view text, Period* out, const char** why_not = nullptr);   // YYYY-MM-DD only (published, source and event dates)
Period MakePeriod(PeriodKind kind, int year, int part = 1, int day = 1);              // part = quarter (1..4) or month (1..12); Period{} when out of range
PeriodKind GetPeriodKind(Period p);                                                   // PeriodKind_None for Period{}
int PeriodYear(Period p);                                                             // calendar year of the first day
int PeriodQuarter(Period p);                                                          // 1..4 (of the first day)
int PeriodMonth(Period p);                                                            // 1..12 (of the first day)
int PeriodDay(Period p);                                                              // 1..31 (of the first day)
double PeriodStartYear(Period p);                                                     // fractional year at the first instant (2023-07-01 -> 2023.496)
double PeriodEndYear(Period p);                                                       // fractional year at the end (exclusive): start of the next period
double PeriodMidYear(Period p);                                                       // middle of the period: where a point is drawn on a continuous time axis
std::string FormatPeriod(Period p);                                                   // back to the file grammar: "2023-Q2"; "" for Period{}
std::string PeriodLabel(Period p);                                                    // for people: "2023", "Q2 2023", "Jun 2023", "26 Jan 2025"
Period NextPeriod(Period p);                                                          // same kind, one step later; Period{} past 2100
Period PrevPeriod(Period p);                                                          // same kind, one step earlier; Period{} before 1900
bool IsLeapYear(int year);                                                            // Gregorian rule
int DaysInMonth(int year, int month);                                                 // 28..31

} // namespace ls
