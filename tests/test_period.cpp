// Periods: the four forms of docs/format.md, calendar rules, order, labels, steps.
#include "core/period.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

using namespace ls;

static Period P(const char* text)
{
    Period p;
    REQUIRE_MESSAGE(ParsePeriod(text, &p), text);
    return p;
}

TEST_CASE("a period parses in each of its four forms and keeps its kind")
{
    CHECK(GetPeriodKind(P("2023")) == PeriodKind_Year);
    CHECK(GetPeriodKind(P("2023-Q2")) == PeriodKind_Quarter);
    CHECK(GetPeriodKind(P("2023-06")) == PeriodKind_Month);
    CHECK(GetPeriodKind(P("2023-06-15")) == PeriodKind_Day);
    CHECK(GetPeriodKind(Period{}) == PeriodKind_None);
    CHECK(PeriodYear(P("2023-Q3")) == 2023);
    CHECK(PeriodQuarter(P("2023-Q3")) == 3);
    CHECK(PeriodMonth(P("2023-Q3")) == 7);
    CHECK(PeriodDay(P("2023-06-15")) == 15);
}

TEST_CASE("a period outside the grammar, the years 1900-2100 or the calendar is refused")
{
    const char* bad[] = { "", "23", "2023-", "2023-6", "2023-06-1", " 2023", "2023 ", "2023-Q0", "2023-Q5", "2023-q2", "2023-Q12", "2023-00",
                          "2023-13", "2023-06-00", "2023-06-31", "2023-04-31", "2023-02-29", "1900-02-29", "2100-02-29", "1899", "2101",
                          "1899-12-31", "2101-01-01", "2023/06/15", "2023-06-15T00:00", "２０２３", "20a3" };
    for (const char* text : bad)
    {
        Period p;
        const char* why = nullptr;
        CHECK_MESSAGE(!ParsePeriod(text, &p, &why), text);
        CHECK_MESSAGE(why != nullptr, text);
    }
    SUBCASE("leap days exist only in leap years")
    {
        Period p;
        CHECK(ParsePeriod("2024-02-29", &p));
        CHECK(ParsePeriod("2000-02-29", &p)); // divisible by 400
        CHECK(!ParsePeriod("1900-02-29", &p)); // divisible by 100 only
        const char* why = nullptr;
        ParsePeriod("2023-02-29", &p, &why);
        CHECK(std::string(why).find("leap") != std::string::npos);
    }
    SUBCASE("the bounds themselves are valid")
    {
        Period p;
        CHECK(ParsePeriod("1900-01-01", &p));
        CHECK(ParsePeriod("2100-12-31", &p));
        CHECK(ParsePeriod("2100-Q4", &p));
    }
}

TEST_CASE("a date accepts only the YYYY-MM-DD form")
{
    Period p;
    CHECK(ParseDate("2025-01-26", &p));
    CHECK(!ParseDate("2025-01", &p));
    CHECK(!ParseDate("2025-Q1", &p));
    CHECK(!ParseDate("2025", &p));
}

TEST_CASE("period keys sort by first day, longer periods first")
{
    CHECK(P("2022-12-31") < P("2023"));
    CHECK(P("2023") < P("2023-Q1"));
    CHECK(P("2023-Q1") < P("2023-01"));
    CHECK(P("2023-01") < P("2023-01-01"));
    CHECK(P("2023-01-01") < P("2023-01-02"));
    CHECK(P("2023-Q2") < P("2023-04-02"));
    CHECK(P("2023-03-31") < P("2023-Q2"));
    CHECK(P("1900-01-01").Key < (1u << kPeriodKeyBits));
    CHECK(P("2100-12-31").Key < (1u << kPeriodKeyBits));
}

TEST_CASE("formatting a period gives back the text of the file, for every day, month, quarter and year")
{
    char buf[16];
    Period previous;
    for (int year = kPeriodMinYear; year <= kPeriodMaxYear; year++)
    {
        snprintf(buf, sizeof(buf), "%04d", year);
        REQUIRE(FormatPeriod(P(buf)) == buf);
        for (int q = 1; q <= 4; q++)
        {
            snprintf(buf, sizeof(buf), "%04d-Q%d", year, q);
            REQUIRE(FormatPeriod(P(buf)) == buf);
        }
        for (int month = 1; month <= 12; month++)
        {
            snprintf(buf, sizeof(buf), "%04d-%02d", year, month);
            REQUIRE(FormatPeriod(P(buf)) == buf);
            for (int day = 1; day <= DaysInMonth(year, month); day++)
            {
                snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
                Period p = P(buf);
                REQUIRE(FormatPeriod(p) == buf);
                REQUIRE(p > previous); // days strictly increase
                previous = p;
            }
        }
    }
}

TEST_CASE("a period label reads the way people write dates")
{
    CHECK(PeriodLabel(P("2023")) == "2023");
    CHECK(PeriodLabel(P("2023-Q2")) == "Q2 2023");
    CHECK(PeriodLabel(P("2023-06")) == "Jun 2023");
    CHECK(PeriodLabel(P("2025-01-26")) == "26 Jan 2025");
    CHECK(PeriodLabel(Period{}) == "");
    CHECK(FormatPeriod(Period{}) == "");
}

TEST_CASE("start and end years put mixed kinds on one continuous time axis")
{
    CHECK(PeriodStartYear(P("2023")) == doctest::Approx(2023.0));
    CHECK(PeriodEndYear(P("2023")) == doctest::Approx(2024.0));
    CHECK(PeriodEndYear(P("2023-Q1")) == doctest::Approx(PeriodStartYear(P("2023-Q2"))));
    CHECK(PeriodEndYear(P("2023-12")) == doctest::Approx(2024.0));
    CHECK(PeriodEndYear(P("2023-03")) == doctest::Approx(PeriodStartYear(P("2023-Q2"))));
    CHECK(PeriodStartYear(P("2023-07-01")) == doctest::Approx(2023.0 + 181.0 / 365.0));
    CHECK(PeriodStartYear(P("2024-07-01")) == doctest::Approx(2024.0 + 182.0 / 366.0));
    CHECK(PeriodEndYear(P("2023-12-31")) == doctest::Approx(2024.0));
    CHECK(PeriodEndYear(P("2100")) == doctest::Approx(2101.0));
    CHECK(PeriodMidYear(P("2023")) == doctest::Approx(2023.5));
    CHECK(PeriodStartYear(P("2023-Q2")) < PeriodStartYear(P("2023-05")));
}

TEST_CASE("stepping a period moves to the neighbour of the same kind")
{
    CHECK(FormatPeriod(NextPeriod(P("2023"))) == "2024");
    CHECK(FormatPeriod(NextPeriod(P("2023-Q4"))) == "2024-Q1");
    CHECK(FormatPeriod(PrevPeriod(P("2023-Q1"))) == "2022-Q4");
    CHECK(FormatPeriod(NextPeriod(P("2023-12"))) == "2024-01");
    CHECK(FormatPeriod(PrevPeriod(P("2023-01"))) == "2022-12");
    CHECK(FormatPeriod(NextPeriod(P("2024-02-28"))) == "2024-02-29");
    CHECK(FormatPeriod(NextPeriod(P("2023-02-28"))) == "2023-03-01");
    CHECK(FormatPeriod(PrevPeriod(P("2023-01-01"))) == "2022-12-31");
    SUBCASE("there is nothing before 1900 or after 2100")
    {
        CHECK(!NextPeriod(P("2100")).Valid());
        CHECK(!NextPeriod(P("2100-Q4")).Valid());
        CHECK(!NextPeriod(P("2100-12-31")).Valid());
        CHECK(!PrevPeriod(P("1900-01-01")).Valid());
        CHECK(!PrevPeriod(P("1900-01")).Valid());
        CHECK(!NextPeriod(Period{}).Valid());
    }
}

TEST_CASE("MakePeriod builds the same keys as the parser and refuses impossible dates")
{
    CHECK(MakePeriod(PeriodKind_Quarter, 2023, 2) == P("2023-Q2"));
    CHECK(MakePeriod(PeriodKind_Day, 2024, 2, 29) == P("2024-02-29"));
    CHECK(!MakePeriod(PeriodKind_Day, 2023, 2, 29).Valid());
    CHECK(!MakePeriod(PeriodKind_Month, 2023, 13).Valid());
    CHECK(!MakePeriod(PeriodKind_Year, 1899).Valid());
    CHECK(!MakePeriod(PeriodKind_None, 2023).Valid());
}
