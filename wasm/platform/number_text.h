// Where a number starts and ends in a text, as C's strtod reads it: white space, a sign, then a
// decimal number (digits, a point, digits, an exponent), a hexadecimal one ("0x", hex digits, a
// point, hex digits, a "p" exponent), "inf"/"infinity" or "nan"/"nan(chars)", case-insensitive.
// Pure C++ (no Emscripten): the wasm's strtod (strtod_js.cpp) scans with it and has the browser
// convert the digits; tests/test_number_text.cpp checks it against the C library's strtod.
#pragma once

#include <cstddef>

namespace ls {

enum class NumberTextKind { None, Decimal, Hex, Infinity, NaN };

struct NumberText
{
    NumberTextKind Kind = NumberTextKind::None;
    bool Negative = false;
    size_t Sign = 0;     // where the sign (or, without one, the number) starts: after the spaces
    size_t Digits = 0;   // where the number itself starts: after the sign
    size_t End = 0;      // one past its last character (strtod's end); 0 when there is no number
};

namespace number_text_detail {
inline bool Digit(char c) { return c >= '0' && c <= '9'; }
inline bool HexDigit(char c) { return Digit(c) || ((c | 32) >= 'a' && (c | 32) <= 'f'); }
inline bool Space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline bool Alnum(char c) { return Digit(c) || ((c | 32) >= 'a' && (c | 32) <= 'z'); }
// Whether s starts with `lower` (a lower-case word), in any case.
inline bool StartsWith(const char* s, const char* lower)
{
    for (; *lower; s++, lower++)
        if ((*s | 32) != *lower)
            return false;
    return true;
}
// The end of an exponent ("e+12", "p-3") starting at s[i], or i when there is none there (a
// marker without digits is not part of the number).
inline size_t Exponent(const char* s, size_t i, char marker)
{
    if ((s[i] | 32) != marker)
        return i;
    size_t j = i + 1;
    if (s[j] == '+' || s[j] == '-')
        j++;
    if (!Digit(s[j]))
        return i;
    while (Digit(s[j]))
        j++;
    return j;
}
} // namespace number_text_detail

// The number at the start of the NUL-terminated text s.
inline NumberText ScanNumberText(const char* s)
{
    using namespace number_text_detail;
    NumberText t;
    size_t i = 0;
    while (Space(s[i]))
        i++;
    t.Sign = i;
    if (s[i] == '+' || s[i] == '-')
        t.Negative = s[i++] == '-';
    t.Digits = i;
    if (StartsWith(s + i, "inf"))
    {
        t.Kind = NumberTextKind::Infinity;
        t.End = i + (StartsWith(s + i, "infinity") ? 8 : 3);
        return t;
    }
    if (StartsWith(s + i, "nan"))
    {
        t.Kind = NumberTextKind::NaN;
        t.End = i + 3;
        if (s[t.End] == '(')
        {
            size_t j = t.End + 1;
            while (Alnum(s[j]) || s[j] == '_')
                j++;
            if (s[j] == ')')
                t.End = j + 1;
        }
        return t;
    }
    if (s[i] == '0' && (s[i + 1] | 32) == 'x')
    {
        size_t j = i + 2;
        bool digits = false;
        for (; HexDigit(s[j]); j++)
            digits = true;
        if (s[j] == '.')
            for (j++; HexDigit(s[j]); j++)
                digits = true;
        t.Kind = digits ? NumberTextKind::Hex : NumberTextKind::Decimal;
        t.End = digits ? Exponent(s, j, 'p') : i + 1;   // "0x" without digits is the number 0
        return t;
    }
    size_t j = i;
    bool digits = false;
    for (; Digit(s[j]); j++)
        digits = true;
    if (s[j] == '.')
    {
        size_t k = j + 1;
        for (; Digit(s[k]); k++)
            digits = true;
        if (digits)
            j = k;
    }
    if (!digits)
        return NumberText();
    t.Kind = NumberTextKind::Decimal;
    t.End = Exponent(s, j, 'e');
    return t;
}

} // namespace ls
