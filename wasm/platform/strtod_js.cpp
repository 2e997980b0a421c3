// strtod for the wasm build, in place of the C library's: the text is scanned here
// (number_text.h, strtod's own grammar, so callers that check where the number ends see the same
// end) and the browser's parseFloat converts the decimal digits, correctly rounded as JSON.parse
// rounds them. musl's strtod converts with 128-bit long double arithmetic done in software
// (decfloat, fmodl, __multf3, __divtf3 ...): about 14 KB of wasm code, 4 % of the download.
// Who calls it: the loader for numbers too long for its exact short path (json_reader.cpp
// SlowNumber) and to tell a numeric-looking string (LooksNumeric), and nlohmann's lexer for the
// state JSON. The native build keeps the C library's strtod.
#include "platform/number_text.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <emscripten.h>

EM_JS(double, ls_parse_decimal, (const char* text, int length), {
    return parseFloat(UTF8ToString(text, length));
});

namespace {

int HexDigitValue(char c) { return c <= '9' ? c - '0' : (c | 32) - 'a' + 10; }

// A hexadecimal number's value: the first 16 significant hex digits exactly, then one rounding to
// double (and ldexp's, for results below the normal range). No JSON number is hexadecimal: only
// LooksNumeric meets them, and it asks where they end.
double HexValue(const char* s, size_t begin, size_t end)
{
    uint64_t mantissa = 0;
    long exponent = 0;
    int significant = 0;
    bool point = false;
    size_t i = begin + 2;   // after "0x"
    for (; i < end && s[i] != 'p' && s[i] != 'P'; i++)
    {
        if (s[i] == '.') { point = true; continue; }
        const int v = HexDigitValue(s[i]);
        if (significant < 16)
        {
            mantissa = mantissa * 16 + (uint64_t)v;
            if (mantissa != 0) significant++;
            if (point) exponent -= 4;
        }
        else if (!point)
            exponent += 4;   // digits past the 16th are dropped (truncated), their place kept
    }
    if (i < end)
    {
        const bool negative = s[i + 1] == '-';
        long e = 0;
        for (size_t k = i + 1 + (s[i + 1] == '+' || s[i + 1] == '-'); k < end && e < 100000; k++)
            e = e * 10 + (s[k] - '0');
        exponent += negative ? -e : e;
    }
    return std::ldexp((double)mantissa, (int)std::max(-100000L, std::min(100000L, exponent)));
}

} // namespace

extern "C" double strtod(const char* s, char** end)
{
    const ls::NumberText t = ls::ScanNumberText(s);
    if (end)
        *end = const_cast<char*>(s + t.End);
    double value = 0.0;
    switch (t.Kind)
    {
    case ls::NumberTextKind::None: return 0.0;
    case ls::NumberTextKind::Infinity: return t.Negative ? -HUGE_VAL : HUGE_VAL;
    case ls::NumberTextKind::NaN: return t.Negative ? -NAN : NAN;
    case ls::NumberTextKind::Hex: value = HexValue(s, t.Digits, t.End); if (t.Negative) value = -value; break;
    case ls::NumberTextKind::Decimal: value = ls_parse_decimal(s + t.Sign, (int)(t.End - t.Sign)); break;
    }
    if (std::isinf(value))
        errno = ERANGE;   // too large for a double, as the C library says (no caller reads it)
    return value;
}

// libc++'s std::stof and std::stold (in the same object as std::to_string, which the widget uses)
// refer to these; defining them keeps musl's strtod object, and its long double engine, out of
// the link. The widget never calls them: they round through double.
extern "C" float strtof(const char* s, char** end)
{
    return (float)strtod(s, end);
}

extern "C" long double strtold(const char* s, char** end)
{
    return strtod(s, end);
}
