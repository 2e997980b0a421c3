// Periods: parsing, formatting and calendar arithmetic (see period.h).
#include "core/period.h"

#include <cstdio>

namespace ls
{

namespace
{

const char* const kMonthShort[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
const int kDaysBeforeMonth[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };

// Number of leap years in [1, year]: lets us count days since 1900 without loops.
int LeapsThrough(int year) { return year / 4 - year / 100 + year / 400; }

int DaysBeforeYear(int year) { return 365 * (year - kPeriodMinYear) + LeapsThrough(year - 1) - LeapsThrough(kPeriodMinYear - 1); }

int DayOfYear(int year, int month, int day) { return kDaysBeforeMonth[month - 1] + (month > 2 && IsLeapYear(year) ? 1 : 0) + day - 1; }

int DaysInYear(int year) { return IsLeapYear(year) ? 366 : 365; }

struct CivilDate
{
    int Year, Month, Day;
};

CivilDate DateFromOrdinal(int ordinal)
{
    // Start from an estimate that is never too late, then step forward: at most two steps.
    int year = kPeriodMinYear + ordinal / 366;
    while (DaysBeforeYear(year + 1) <= ordinal)
        year++;
    int doy = ordinal - DaysBeforeYear(year);
    int month = 12;
    while (month > 1 && DayOfYear(year, month, 1) > doy)
        month--;
    return { year, month, doy - DayOfYear(year, month, 1) + 1 };
}

int KindBits(PeriodKind kind) { return (int)kind - 1; }

int Digits(std::string_view s, size_t at, size_t count)
{
    int v = 0;
    for (size_t i = at; i < at + count; i++)
    {
        char c = s[i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

int Ordinal(Period p) { return (int)(p.Key >> 2) - 1; }

} // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12)
        return 0;
    return days[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
}

Period MakePeriod(PeriodKind kind, int year, int part, int day)
{
    if (year < kPeriodMinYear || year > kPeriodMaxYear)
        return Period{};
    int month = 1;
    switch (kind)
    {
    case PeriodKind_Year: day = 1; break;
    case PeriodKind_Quarter:
        if (part < 1 || part > 4)
            return Period{};
        month = (part - 1) * 3 + 1;
        day = 1;
        break;
    case PeriodKind_Month:
        if (part < 1 || part > 12)
            return Period{};
        month = part;
        day = 1;
        break;
    case PeriodKind_Day:
        if (part < 1 || part > 12 || day < 1 || day > DaysInMonth(year, part))
            return Period{};
        month = part;
        break;
    default: return Period{};
    }
    int ordinal = DaysBeforeYear(year) + DayOfYear(year, month, day);
    return Period{ (uint32_t)(((ordinal + 1) << 2) | KindBits(kind)) };
}

bool ParsePeriod(std::string_view s, Period* out, const char** why_not)
{
    const char* dummy = nullptr;
    const char** why = why_not ? why_not : &dummy;
    *why = "periods look like 2023, 2023-Q2, 2023-06 or 2023-06-15";
    if (s.size() < 4)
        return false;
    int year = Digits(s, 0, 4);
    if (year < 0)
        return false;
    if (s.size() > 4 && s[4] != '-')
        return false;
    PeriodKind kind;
    int part = 1, day = 1;
    if (s.size() == 4)
        kind = PeriodKind_Year;
    else if (s.size() == 7 && (s[5] == 'Q' || s[5] == 'q'))
    {
        // Lower-case q is refused: the grammar says Q, and ids that differ only in case confuse readers.
        if (s[5] != 'Q' || (part = Digits(s, 6, 1)) < 0)
            return false;
        kind = PeriodKind_Quarter;
    }
    else if (s.size() == 7)
    {
        if ((part = Digits(s, 5, 2)) < 0)
            return false;
        kind = PeriodKind_Month;
    }
    else if (s.size() == 10 && s[7] == '-')
    {
        if ((part = Digits(s, 5, 2)) < 0 || (day = Digits(s, 8, 2)) < 0)
            return false;
        kind = PeriodKind_Day;
    }
    else
        return false;

    if (year < kPeriodMinYear || year > kPeriodMaxYear)
        return (*why = "the year must be between 1900 and 2100"), false;
    if (kind == PeriodKind_Quarter && (part < 1 || part > 4))
        return (*why = "the quarter must be Q1, Q2, Q3 or Q4"), false;
    if ((kind == PeriodKind_Month || kind == PeriodKind_Day) && (part < 1 || part > 12))
        return (*why = "the month must be 01 to 12"), false;
    if (kind == PeriodKind_Day && (day < 1 || day > DaysInMonth(year, part)))
        return (*why = (part == 2 && day == 29) ? "that year has no 29 February (not a leap year)" : "that day does not exist in that month"), false;
    *out = MakePeriod(kind, year, part, day);
    return true;
}

bool ParseDate(std::string_view s, Period* out, const char** why_not)
{
    Period p;
    const char* dummy = nullptr;
    const char** why = why_not ? why_not : &dummy;
    if (!ParsePeriod(s, &p, why))
    {
        if (s.size() != 10)
            *why = "dates look like 2023-06-15 (YYYY-MM-DD)";
        return false;
    }
    if (GetPeriodKind(p) != PeriodKind_Day)
        return (*why = "a full date YYYY-MM-DD is needed here"), false;
    *out = p;
    return true;
}

PeriodKind GetPeriodKind(Period p) { return p.Valid() ? (PeriodKind)((p.Key & 3) + 1) : PeriodKind_None; }

int PeriodYear(Period p) { return p.Valid() ? DateFromOrdinal(Ordinal(p)).Year : 0; }
int PeriodMonth(Period p) { return p.Valid() ? DateFromOrdinal(Ordinal(p)).Month : 0; }
int PeriodQuarter(Period p) { return p.Valid() ? (PeriodMonth(p) - 1) / 3 + 1 : 0; }
int PeriodDay(Period p) { return p.Valid() ? DateFromOrdinal(Ordinal(p)).Day : 0; }

double PeriodStartYear(Period p)
{
    if (!p.Valid())
        return 0.0;
    CivilDate d = DateFromOrdinal(Ordinal(p));
    return d.Year + (double)DayOfYear(d.Year, d.Month, d.Day) / DaysInYear(d.Year);
}

double PeriodEndYear(Period p)
{
    if (!p.Valid())
        return 0.0;
    CivilDate d = DateFromOrdinal(Ordinal(p));
    // The end of the last period (2100) lies past the valid range, so compute it from the calendar
    // instead of via NextPeriod.
    switch (GetPeriodKind(p))
    {
    case PeriodKind_Year: return d.Year + 1.0;
    case PeriodKind_Quarter:
    case PeriodKind_Month:
    {
        int month = d.Month + (GetPeriodKind(p) == PeriodKind_Quarter ? 3 : 1);
        if (month > 12)
            return d.Year + 1.0;
        return d.Year + (double)DayOfYear(d.Year, month, 1) / DaysInYear(d.Year);
    }
    default: return d.Year + (double)(DayOfYear(d.Year, d.Month, d.Day) + 1) / DaysInYear(d.Year);
    }
}

double PeriodMidYear(Period p) { return 0.5 * (PeriodStartYear(p) + PeriodEndYear(p)); }

std::string FormatPeriod(Period p)
{
    if (!p.Valid())
        return std::string();
    CivilDate d = DateFromOrdinal(Ordinal(p));
    char buf[48];
    switch (GetPeriodKind(p))
    {
    case PeriodKind_Year: snprintf(buf, sizeof(buf), "%04d", d.Year); break;
    case PeriodKind_Quarter: snprintf(buf, sizeof(buf), "%04d-Q%d", d.Year, (d.Month - 1) / 3 + 1); break;
    case PeriodKind_Month: snprintf(buf, sizeof(buf), "%04d-%02d", d.Year, d.Month); break;
    default: snprintf(buf, sizeof(buf), "%04d-%02d-%02d", d.Year, d.Month, d.Day); break;
    }
    return buf;
}

std::string PeriodLabel(Period p)
{
    if (!p.Valid())
        return std::string();
    CivilDate d = DateFromOrdinal(Ordinal(p));
    char buf[48];
    switch (GetPeriodKind(p))
    {
    case PeriodKind_Year: snprintf(buf, sizeof(buf), "%d", d.Year); break;
    case PeriodKind_Quarter: snprintf(buf, sizeof(buf), "Q%d %d", (d.Month - 1) / 3 + 1, d.Year); break;
    case PeriodKind_Month: snprintf(buf, sizeof(buf), "%s %d", kMonthShort[d.Month - 1], d.Year); break;
    default: snprintf(buf, sizeof(buf), "%d %s %d", d.Day, kMonthShort[d.Month - 1], d.Year); break;
    }
    return buf;
}

static Period StepPeriod(Period p, int dir)
{
    if (!p.Valid())
        return Period{};
    CivilDate d = DateFromOrdinal(Ordinal(p));
    switch (GetPeriodKind(p))
    {
    case PeriodKind_Year: return MakePeriod(PeriodKind_Year, d.Year + dir);
    case PeriodKind_Quarter:
    {
        int q = (d.Month - 1) / 3 + dir; // 0-based quarter, may leave 0..3
        int year = d.Year + (q < 0 ? -1 : q > 3 ? 1 : 0);
        return MakePeriod(PeriodKind_Quarter, year, (q + 4) % 4 + 1);
    }
    case PeriodKind_Month:
    {
        int m = d.Month - 1 + dir;
        int year = d.Year + (m < 0 ? -1 : m > 11 ? 1 : 0);
        return MakePeriod(PeriodKind_Month, year, (m + 12) % 12 + 1);
    }
    default:
    {
        int ordinal = Ordinal(p) + dir;
        if (ordinal < 0)
            return Period{};
        CivilDate n = DateFromOrdinal(ordinal);
        return MakePeriod(PeriodKind_Day, n.Year, n.Month, n.Day);
    }
    }
}

Period NextPeriod(Period p) { return StepPeriod(p, +1); }
Period PrevPeriod(Period p) { return StepPeriod(p, -1); }

} // namespace ls
