// What a cell may hold: numbers as JSON writes them, and the shapes of dates that spreadsheets make
// of periods typed into a column formatted "General".
#include "core/sheets_model.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace ls
{

namespace
{

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// English month names and their usual abbreviations (what Excel shows for a date in an English
// locale); enough to recognise "Jun-23", "30-Jun-2023", "June 30, 2023".
bool IsMonthName(std::string_view w)
{
    static const char* const kNames[] = { "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december" };
    if (w.size() < 3)
        return false;
    std::string lower;
    for (char c : w)
        lower += (char)tolower((unsigned char)c);
    if (lower == "sept")
        return true;
    for (const char* name : kNames)
        if (lower == std::string_view(name).substr(0, 3) || lower == name)
            return true;
    return false;
}

struct Token
{
    char Kind; // 'd' digits, 'a' letters, or the separator itself
    std::string_view Text;
};

std::vector<Token> Tokenize(std::string_view s)
{
    std::vector<Token> out;
    size_t i = 0;
    while (i < s.size())
    {
        size_t j = i;
        char kind;
        if (IsDigit(s[i]))
        {
            while (j < s.size() && IsDigit(s[j]))
                j++;
            kind = 'd';
        }
        else if (IsAlpha(s[i]))
        {
            while (j < s.size() && IsAlpha(s[j]))
                j++;
            kind = 'a';
        }
        else
        {
            j++;
            kind = s[i];
        }
        out.push_back({ kind, s.substr(i, j - i) });
        i = j;
    }
    return out;
}

bool Digits(const Token& t, size_t min, size_t max) { return t.Kind == 'd' && t.Text.size() >= min && t.Text.size() <= max; }
bool DateSeparator(const Token& t) { return t.Kind == '/' || t.Kind == '.' || t.Kind == '-'; }

// Days since 1970-01-01 -> y, m, d (proleptic Gregorian; H. Hinnant's civil_from_days).
void CivilFromDays(long z, int* y, int* m, int* d)
{
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long year = (long)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(year + (*m <= 2));
}

} // namespace

bool IsSheetNumber(std::string_view s)
{
    size_t i = 0, n = s.size();
    if (i < n && s[i] == '-')
        i++;
    if (i == n || !IsDigit(s[i]))
        return false;
    if (s[i] == '0')
        i++;
    else
        while (i < n && IsDigit(s[i]))
            i++;
    if (i < n && s[i] == '.')
    {
        i++;
        if (i == n || !IsDigit(s[i]))
            return false;
        while (i < n && IsDigit(s[i]))
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E'))
    {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i == n || !IsDigit(s[i]))
            return false;
        size_t digits = 0;
        while (i < n && IsDigit(s[i]))
            i++, digits++;
        if (digits > 2 && i == n)
        {
            // A large exponent: the number must still fit a double (the loader refuses 1e999 as a syntax error).
            std::string copy(s);
            if (!std::isfinite(strtod(copy.c_str(), nullptr)))
                return false;
        }
    }
    return i == n;
}

std::string NumberCellProblem(std::string_view s)
{
    if (IsSheetNumber(s))
        return std::string();
    std::string quoted = "\"" + std::string(s) + "\"";
    bool digits = false, comma = false, space = false, percent = false;
    for (size_t i = 0; i < s.size(); i++)
    {
        const unsigned char c = (unsigned char)s[i];
        digits = digits || IsDigit((char)c);
        comma = comma || c == ',';
        space = space || c == ' ' || c == '\'' || (c == 0xC2 && i + 1 < s.size() && (unsigned char)s[i + 1] == 0xA0) ||
                (c == 0xE2 && i + 2 < s.size() && (unsigned char)s[i + 1] == 0x80 && ((unsigned char)s[i + 2] == 0xAF || (unsigned char)s[i + 2] == 0x89));
        percent = percent || c == '%';
    }
    if (digits && (comma || space))
        return "not a number: " + quoted + " (numbers use \".\" as the decimal point and no thousands separator: \"1.234\" is one point two three four)";
    if (digits && percent)
        return "not a number: " + quoted + " (write the number without the % sign; the metric's unit says \"%\")";
    if (digits)
    {
        std::string copy(s);
        char* end = nullptr;
        double x = strtod(copy.c_str(), &end);
        if (end && *end == 0 && !std::isfinite(x))
            return "not a number: " + quoted + " is too large for a number";
    }
    return "not a number: " + quoted + " (write numbers as 12.3, -4, 0.25 or 1.2e6)";
}

bool LooksLikeFormattedDate(std::string_view text)
{
    std::vector<Token> t = Tokenize(text);
    // A time after the date ("2023-06-30 00:00:00", "6/30/2023 0:00") does not change what it is.
    size_t n = t.size();
    for (size_t i = 0; i + 2 < n; i++)
        if (t[i].Kind == ' ' && t[i + 1].Kind == 'd' && t[i + 2].Kind == ':')
        {
            // A datetime with an ISO date is a date too (the bare ISO date is a valid period and never gets here).
            if (i == 5 && Digits(t[0], 4, 4) && t[1].Kind == '-' && Digits(t[2], 2, 2) && t[3].Kind == '-' && Digits(t[4], 2, 2))
                return true;
            n = i;
            break;
        }
    if (n >= 2 && t[n - 1].Kind == 'a' && t[n - 2].Kind == ' ' && (t[n - 1].Text == "AM" || t[n - 1].Text == "PM"))
        n -= 2;
    // 6/30/2023, 30.06.2023, 30/06/23, 06-30-2023
    if (n == 5 && Digits(t[0], 1, 2) && DateSeparator(t[1]) && Digits(t[2], 1, 2) && t[3].Kind == t[1].Kind && Digits(t[4], 2, 4))
        return true;
    // 2023/06/30, 2023.06.30
    if (n == 5 && Digits(t[0], 4, 4) && (t[1].Kind == '/' || t[1].Kind == '.') && Digits(t[2], 1, 2) && t[3].Kind == t[1].Kind && Digits(t[4], 1, 2))
        return true;
    // Month names: Jun-23, Jun 2023, 30-Jun-2023, 30 Jun 2023, June 30, 2023
    std::vector<Token> words;
    for (size_t i = 0; i < n; i++)
        if (t[i].Kind == 'd' || t[i].Kind == 'a')
            words.push_back(t[i]);
        else if (t[i].Kind != ' ' && t[i].Kind != '-' && t[i].Kind != ',' && t[i].Kind != '.' && t[i].Kind != '/')
            return false;
    auto month = [](const Token& w) { return w.Kind == 'a' && IsMonthName(w.Text); };
    if (words.size() == 2 && month(words[0]) && Digits(words[1], 2, 4))
        return true;
    if (words.size() == 2 && Digits(words[0], 1, 2) && month(words[1]))
        return true; // 30-Jun (the year dropped)
    if (words.size() == 3 && Digits(words[0], 1, 2) && month(words[1]) && Digits(words[2], 2, 4))
        return true;
    if (words.size() == 3 && month(words[0]) && Digits(words[1], 1, 2) && Digits(words[2], 4, 4))
        return true;
    return false;
}

std::string SerialToIsoDate(double serial, bool date1904)
{
    if (!std::isfinite(serial) || serial < 1 || serial > 2958465) // 9999-12-31
        return std::string();
    long day = (long)std::floor(serial);
    long days_since_1970;
    if (date1904)
        days_since_1970 = day - 24107; // 1904-01-01 is serial 0
    else
    {
        if (day == 60)
            return std::string(); // 1900-02-29: a day Excel counts that never was
        days_since_1970 = (day < 60 ? day + 1 : day) - 25569; // serial 25569 = 1970-01-01
    }
    int y, m, d;
    CivilFromDays(days_since_1970, &y, &m, &d);
    char buf[40];
    snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
    return buf;
}

} // namespace ls
