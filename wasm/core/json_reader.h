// JsonReader: a strict JSON (RFC 8259) reader over one byte range that calls a sink for every
// token, for the loader's hot path (loader.cpp). Pointer-based and allocation-free in the usual
// case: a string without escapes reaches the sink as a view into the text, numbers are converted
// exactly without strtod when they are short, and only byte offsets are tracked (the caller turns
// an offset into line:column when it reports something).
//
//   struct Printer
//   {
//       bool OnNull(size_t) { return true; }                 // `end` arguments: see "Positions" below
//       bool OnBool(bool b, size_t) { return true; }
//       bool OnNumber(double x, size_t) { return true; }
//       bool OnString(std::string_view s, size_t) { return true; }   // the view dies after the call
//       bool OnKey(std::string_view k, size_t) { return true; }
//       bool OnBeginObject(size_t) { return true; }
//       bool OnEndObject(size_t) { return true; }
//       bool OnBeginArray(size_t) { return true; }
//       bool OnEndArray(size_t) { return true; }
//       void OnSyntaxError(const ls::JsonError& e) { printf("error at byte %zu\n", e.Offset); }
//   };
//   Printer p;
//   ls::JsonReader<Printer> reader(text, &p);
//   bool ok = reader.Read(0, text.size());                  // false: a syntax error (reported) or a sink said stop
//
// What it accepts is exactly what nlohmann::json accepts (the loader used nlohmann before, and its
// messages and positions must not change): one value with white space around it, a UTF-8 byte
// order mark at the very start, strings in well-formed UTF-8 (no overlong forms, no UTF-16
// surrogates encoded in UTF-8, nothing above U+10FFFF) with no raw control characters, \u escapes
// with surrogate pairs, numbers in the strict JSON grammar. Numbers are the double nearest to the
// decimal text, except that the integer "-0" reads as +0 (nlohmann reads it as the integer 0).
// One difference: a NUL byte outside a string is a bad character here, where nlohmann takes it for
// the end of the text (the loader refuses any NUL byte before reading, so nothing observable).
// No nesting limit of its own: the container stack is on the heap, so depth is the sink's business.
//
// Positions: every callback gets `end`, the offset where a lexer that reads one character ahead
// stands after the token: just past it, and for a number one byte further when a byte follows it
// (the byte that ended the number). The loader derives value and record starts from it.
//
// Index
//   [SECTION] Errors
//   [SECTION] The reader
//   [SECTION] Grammar: values, containers, what may follow a value
//   [SECTION] Strings
//   [SECTION] Numbers
//   [SECTION] Literals, the byte order mark, unexpected tokens
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace ls
{

//-----------------------------------------------------------------------------
// [SECTION] Errors
//-----------------------------------------------------------------------------

// Where the reader was when it met the problem (what the grammar expected next).
enum JsonContext : uint8_t
{
    JsonContext_Value,           // a value must start here (top level, after ':' or ',' in an array, after '[')
    JsonContext_ObjectKey,       // a field name must start here (after '{' or ',' in an object)
    JsonContext_ObjectSeparator, // ':' must follow the field name
    JsonContext_Object,          // ',' or '}' must follow a member's value
    JsonContext_Array,           // ',' or ']' must follow an array item
    JsonContext_AfterEnd,        // only white space may follow the top-level value
};

enum JsonToken : uint8_t
{
    JsonToken_None,
    JsonToken_BeginObject,    // {
    JsonToken_EndObject,      // }
    JsonToken_BeginArray,     // [
    JsonToken_EndArray,       // ]
    JsonToken_NameSeparator,  // :
    JsonToken_ValueSeparator, // ,
    JsonToken_String,
    JsonToken_Number,
    JsonToken_True,
    JsonToken_False,
    JsonToken_Null,
};

enum JsonErrorKind : uint8_t
{
    JsonErrorKind_None,
    JsonErrorKind_UnexpectedToken,  // a well-formed token the grammar does not allow here (Found; Offset = its first byte)
    JsonErrorKind_Truncated,        // the text ends inside a token, or before the value is complete
    JsonErrorKind_ControlCharacter, // a raw byte below 0x20 inside a string (Byte)
    JsonErrorKind_InvalidUtf8,      // a byte that breaks UTF-8 inside a string (Offset = that byte; the last byte when the text ends)
    JsonErrorKind_InvalidEscape,    // a backslash followed by something other than " \ / b f n r t u (Offset = that character)
    JsonErrorKind_BadUnicodeEscape, // \u not followed by four hex digits (Offset = the first non-hex character)
    JsonErrorKind_BrokenSurrogate,  // a high surrogate escape without its low half, or a lone low half
    JsonErrorKind_InvalidNumber,    // a number that breaks the grammar: text[TokenStart, Offset] is what was read
    JsonErrorKind_InvalidLiteral,   // a byte that starts no token, or a misspelt true/false/null (Offset = the wrong byte)
    JsonErrorKind_InvalidBom,       // the text starts with 0xEF but not with a whole byte order mark: text[0, Offset] was read
    JsonErrorKind_NumberTooLarge,   // a number beyond the range of a double: text[TokenStart, TokenEnd)
};

struct JsonError
{
    JsonErrorKind Kind = JsonErrorKind_None;
    JsonContext Context = JsonContext_Value;
    JsonToken Found = JsonToken_None; // UnexpectedToken: the token that was there
    uint8_t Byte = 0;                 // ControlCharacter: the byte
    size_t Offset = 0;                // the byte that showed the problem (see the kinds); offsets count from the start of the text
    size_t TokenStart = 0;            // InvalidNumber, NumberTooLarge, UnexpectedToken: where the token starts
    size_t TokenEnd = 0;              // NumberTooLarge, UnexpectedToken: where it ends
};

#if defined(__GNUC__) || defined(__clang__)
#define LS_JSON_COLD __attribute__((noinline, cold)) // keeps rare paths out of the hot loops
#else
#define LS_JSON_COLD
#endif

namespace json_detail
{
extern const uint8_t kStringPlain[256]; // 1: a byte a string copies as is (0x20..0x7F except " and \)
extern const double kPow10[23];         // 1e0 .. 1e22, all exact in a double
double SlowNumber(const char* begin, const char* end); // strtod of the token (correctly rounded)
void AppendUtf8(std::string* out, uint32_t code_point); // one code point as UTF-8

// Moves p to the first byte in [p, end) that a string cannot copy as is (see kStringPlain), or to end.
inline const char* SkipPlain(const char* p, const char* end)
{
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    // Eight bytes at a time: a lane's high bit is set for '"', '\\', a control character or a byte
    // >= 0x80. Borrows may mark lanes above the first hit, never below it, so the lowest mark is exact.
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (end - p >= 8)
    {
        uint64_t v;
        memcpy(&v, p, 8);
        const uint64_t quote = v ^ (ones * '"'), backslash = v ^ (ones * '\\');
        const uint64_t marks = (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | ((v - ones * 0x20) & ~v) | v) & highs;
        if (marks)
            return p + (__builtin_ctzll(marks) >> 3);
        p += 8;
    }
#endif
    while (p < end && kStringPlain[(unsigned char)*p])
        p++;
    return p;
}

inline bool IsDigit(char c) { return (unsigned char)(c - '0') < 10; }
inline bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
inline int HexValue(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace json_detail

//-----------------------------------------------------------------------------
// [SECTION] The reader
//-----------------------------------------------------------------------------

template <typename Sink>
class JsonReader
{
public:
    JsonReader(std::string_view text, Sink* sink) : Base(text.data()), Out(sink) {}

    // Reads the one value in text[begin, end), white space around it allowed; a byte order mark
    // is skipped when begin == 0. True when the whole range was read and no callback said stop;
    // on a syntax error Sink::OnSyntaxError is called (once) and the result is false.
    bool Read(size_t begin, size_t end);

private:
    enum Container : uint8_t { Container_Array, Container_Object };

    size_t Off(const char* p) const { return (size_t)(p - Base); }
    size_t NumberEnd() const { return P < End ? Off(P) + 1 : Off(P); } // the byte that ended a number was read too
    void SkipSpace()
    {
        while (P < End && json_detail::IsSpace(*P))
            P++;
    }

    bool ReadKey();                                   // a field name and its ':' (P at the name, white space skipped)
    bool ScanString(std::string_view* out, JsonContext context);
    LS_JSON_COLD bool ScanEscapedString(const char* begin, std::string_view* out, JsonContext context);
    bool SkipUtf8Sequence(JsonContext context, std::string* copy_to);
    bool ScanEscape(JsonContext context);             // appends to Scratch
    bool ScanHex4(const char* at, uint32_t* out, JsonContext context);
    bool ScanNumber(double* out, JsonContext context); // out == nullptr: only check the grammar
    bool ScanLiteral(const char* word, size_t length, JsonContext context);
    bool SkipBom();
    LS_JSON_COLD bool Unexpected(JsonContext context); // reads the token at P and reports it (or the error inside it)
    LS_JSON_COLD bool Fail(JsonErrorKind kind, const char* at, JsonContext context);

    const char* Base;     // offset 0
    const char* P = nullptr;
    const char* End = nullptr;
    Sink* Out;
    std::vector<uint8_t> Stack; // open containers
    std::string Scratch;        // strings with escapes, decoded
};

//-----------------------------------------------------------------------------
// [SECTION] Grammar: values, containers, what may follow a value
//-----------------------------------------------------------------------------

template <typename Sink>
bool JsonReader<Sink>::Read(size_t begin, size_t end)
{
    P = Base + begin;
    End = Base + end;
    Stack.clear();
    if (begin == 0 && P < End && (unsigned char)*P == 0xEF && !SkipBom())
        return false;
    for (;;)
    {
        // A value starts here.
        SkipSpace();
        if (P == End)
            return Unexpected(JsonContext_Value);
        switch (*P)
        {
        case '{':
            P++;
            if (!Out->OnBeginObject(Off(P)))
                return false;
            SkipSpace();
            if (P < End && *P == '}')
            {
                P++;
                if (!Out->OnEndObject(Off(P)))
                    return false;
                break;
            }
            if (!ReadKey())
                return false;
            Stack.push_back(Container_Object);
            continue;
        case '[':
            P++;
            if (!Out->OnBeginArray(Off(P)))
                return false;
            SkipSpace();
            if (P < End && *P == ']')
            {
                P++;
                if (!Out->OnEndArray(Off(P)))
                    return false;
                break;
            }
            Stack.push_back(Container_Array);
            continue;
        case '"':
        {
            std::string_view s;
            if (!ScanString(&s, JsonContext_Value) || !Out->OnString(s, Off(P)))
                return false;
            break;
        }
        case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        {
            const char* start = P;
            double x = 0.0;
            if (!ScanNumber(&x, JsonContext_Value))
                return false;
            if (!std::isfinite(x))
            {
                JsonError e;
                e.Kind = JsonErrorKind_NumberTooLarge;
                e.Offset = e.TokenStart = Off(start);
                e.TokenEnd = Off(P);
                Out->OnSyntaxError(e);
                return false;
            }
            if (!Out->OnNumber(x, NumberEnd()))
                return false;
            break;
        }
        case 't':
            if (!ScanLiteral("true", 4, JsonContext_Value) || !Out->OnBool(true, Off(P)))
                return false;
            break;
        case 'f':
            if (!ScanLiteral("false", 5, JsonContext_Value) || !Out->OnBool(false, Off(P)))
                return false;
            break;
        case 'n':
            if (!ScanLiteral("null", 4, JsonContext_Value) || !Out->OnNull(Off(P)))
                return false;
            break;
        default: return Unexpected(JsonContext_Value);
        }

        // A value ended: close containers until one continues with ','.
        for (;;)
        {
            SkipSpace();
            if (Stack.empty())
                return P == End ? true : Unexpected(JsonContext_AfterEnd);
            const char c = P < End ? *P : 0;
            if (Stack.back() == Container_Array)
            {
                if (c == ',')
                {
                    P++;
                    break;
                }
                if (c != ']' || P == End)
                    return Unexpected(JsonContext_Array);
                P++;
                if (!Out->OnEndArray(Off(P)))
                    return false;
                Stack.pop_back();
                continue;
            }
            if (c == ',')
            {
                P++;
                SkipSpace();
                if (!ReadKey())
                    return false;
                break;
            }
            if (c != '}' || P == End)
                return Unexpected(JsonContext_Object);
            P++;
            if (!Out->OnEndObject(Off(P)))
                return false;
            Stack.pop_back();
        }
    }
}

template <typename Sink>
bool JsonReader<Sink>::ReadKey()
{
    if (P == End || *P != '"')
        return Unexpected(JsonContext_ObjectKey);
    std::string_view key;
    if (!ScanString(&key, JsonContext_ObjectKey) || !Out->OnKey(key, Off(P)))
        return false;
    SkipSpace();
    if (P == End || *P != ':')
        return Unexpected(JsonContext_ObjectSeparator);
    P++;
    return true;
}

template <typename Sink>
bool JsonReader<Sink>::Fail(JsonErrorKind kind, const char* at, JsonContext context)
{
    JsonError e;
    e.Kind = kind;
    e.Context = context;
    e.Offset = Off(at);
    if (kind == JsonErrorKind_ControlCharacter)
        e.Byte = (uint8_t)*at;
    Out->OnSyntaxError(e);
    return false;
}

//-----------------------------------------------------------------------------
// [SECTION] Strings
//-----------------------------------------------------------------------------

template <typename Sink>
bool JsonReader<Sink>::ScanString(std::string_view* out, JsonContext context)
{
    const char* begin = ++P; // past the opening quote
    for (;;)
    {
        P = json_detail::SkipPlain(P, End);
        if (P == End)
            return Fail(JsonErrorKind_Truncated, P, context);
        const unsigned char c = (unsigned char)*P;
        if (c == '"')
        {
            *out = std::string_view(begin, (size_t)(P - begin));
            P++;
            return true;
        }
        if (c == '\\')
            return ScanEscapedString(begin, out, context);
        if (c < 0x20)
            return Fail(JsonErrorKind_ControlCharacter, P, context);
        if (!SkipUtf8Sequence(context, nullptr))
            return false;
    }
}

// The slow half of ScanString: from the first backslash on, the string is decoded into Scratch.
template <typename Sink>
bool JsonReader<Sink>::ScanEscapedString(const char* begin, std::string_view* out, JsonContext context)
{
    Scratch.assign(begin, (size_t)(P - begin));
    for (;;)
    {
        const char* run = P;
        P = json_detail::SkipPlain(P, End);
        Scratch.append(run, (size_t)(P - run));
        if (P == End)
            return Fail(JsonErrorKind_Truncated, P, context);
        const unsigned char c = (unsigned char)*P;
        if (c == '"')
        {
            *out = Scratch;
            P++;
            return true;
        }
        if (c == '\\')
        {
            if (!ScanEscape(context))
                return false;
        }
        else if (c < 0x20)
            return Fail(JsonErrorKind_ControlCharacter, P, context);
        else if (!SkipUtf8Sequence(context, &Scratch))
            return false;
    }
}

// P at a byte >= 0x80: checks one UTF-8 sequence with the same byte ranges as RFC 3629 (and
// nlohmann), moves past it and copies it when asked.
template <typename Sink>
bool JsonReader<Sink>::SkipUtf8Sequence(JsonContext context, std::string* copy_to)
{
    const unsigned char c = (unsigned char)*P;
    int continuation = 0;
    unsigned char low = 0x80, high = 0xBF; // range of the first continuation byte
    if (c >= 0xC2 && c <= 0xDF)
        continuation = 1;
    else if (c == 0xE0)
        continuation = 2, low = 0xA0; // no overlong forms
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        continuation = 2;
    else if (c == 0xED)
        continuation = 2, high = 0x9F; // no UTF-16 surrogates
    else if (c == 0xF0)
        continuation = 3, low = 0x90;
    else if (c >= 0xF1 && c <= 0xF3)
        continuation = 3;
    else if (c == 0xF4)
        continuation = 3, high = 0x8F; // nothing above U+10FFFF
    else
        return Fail(JsonErrorKind_InvalidUtf8, P, context);
    const char* q = P + 1;
    for (int i = 0; i < continuation; i++, q++)
    {
        if (q == End)
            return Fail(JsonErrorKind_InvalidUtf8, End - 1, context); // not "truncated": the byte before is already wrong
        const unsigned char b = (unsigned char)*q;
        if (b < low || b > high)
            return Fail(JsonErrorKind_InvalidUtf8, q, context);
        low = 0x80, high = 0xBF;
    }
    if (copy_to)
        copy_to->append(P, (size_t)(q - P));
    P = q;
    return true;
}

template <typename Sink>
bool JsonReader<Sink>::ScanHex4(const char* at, uint32_t* out, JsonContext context)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
    {
        if (at + i == End)
            return Fail(JsonErrorKind_Truncated, End, context);
        int d = json_detail::HexValue(at[i]);
        if (d < 0)
            return Fail(JsonErrorKind_BadUnicodeEscape, at + i, context);
        v = (v << 4) | (uint32_t)d;
    }
    *out = v;
    return true;
}

// P at a backslash inside a string.
template <typename Sink>
bool JsonReader<Sink>::ScanEscape(JsonContext context)
{
    const char* q = P + 1;
    if (q == End)
        return Fail(JsonErrorKind_Truncated, End, context);
    char simple = 0;
    switch (*q)
    {
    case '"': simple = '"'; break;
    case '\\': simple = '\\'; break;
    case '/': simple = '/'; break;
    case 'b': simple = '\b'; break;
    case 'f': simple = '\f'; break;
    case 'n': simple = '\n'; break;
    case 'r': simple = '\r'; break;
    case 't': simple = '\t'; break;
    case 'u':
    {
        uint32_t code = 0;
        if (!ScanHex4(q + 1, &code, context))
            return false;
        q += 5; // past the four digits
        if (code >= 0xD800 && code <= 0xDBFF)
        {
            // A high surrogate must be followed by \u and a low one.
            if (q == End || (q[0] == '\\' && q + 1 == End))
                return Fail(JsonErrorKind_Truncated, End, context);
            if (q[0] != '\\')
                return Fail(JsonErrorKind_BrokenSurrogate, q, context);
            if (q[1] != 'u')
                return Fail(JsonErrorKind_BrokenSurrogate, q + 1, context);
            uint32_t low = 0;
            if (!ScanHex4(q + 2, &low, context))
                return false;
            if (low < 0xDC00 || low > 0xDFFF)
                return Fail(JsonErrorKind_BrokenSurrogate, q + 5, context);
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            q += 6;
        }
        else if (code >= 0xDC00 && code <= 0xDFFF)
            return Fail(JsonErrorKind_BrokenSurrogate, q - 1, context);
        json_detail::AppendUtf8(&Scratch, code);
        P = q;
        return true;
    }
    default: return Fail(JsonErrorKind_InvalidEscape, q, context);
    }
    Scratch.push_back(simple);
    P = q + 1;
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Numbers
//-----------------------------------------------------------------------------

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? read as a decimal mantissa and a power of ten. With at
// most 19 significant digits, a mantissa <= 2^53 and a power within +-22, one IEEE multiplication or
// division of two exact values gives the correctly rounded double (Clinger's fast path); anything
// else goes to strtod.
template <typename Sink>
bool JsonReader<Sink>::ScanNumber(double* out, JsonContext context)
{
    using json_detail::IsDigit;
    const char* start = P;
    auto invalid = [&](const char* at) {
        JsonError e;
        e.Kind = JsonErrorKind_InvalidNumber;
        e.Context = context;
        e.Offset = Off(at);
        e.TokenStart = Off(start);
        Out->OnSyntaxError(e);
        return false;
    };
    const bool negative = *P == '-';
    if (negative)
    {
        P++;
        if (P == End)
            return Fail(JsonErrorKind_Truncated, End, context);
        if (!IsDigit(*P))
            return invalid(P);
    }
    uint64_t mantissa = 0;
    int digits = 0;        // significant digits in the mantissa
    int exponent = 0;      // power of ten applied to the mantissa
    bool dropped = false;  // more than 19 significant digits: the mantissa is not the whole number
    bool integer = true;
    if (*P == '0')
        P++;
    else
        do
        {
            if (digits < 19)
                mantissa = mantissa * 10 + (uint64_t)(*P - '0'), digits++;
            else
                exponent++, dropped = true;
            P++;
        } while (P < End && IsDigit(*P));
    if (P < End && *P == '.')
    {
        integer = false;
        P++;
        if (P == End)
            return Fail(JsonErrorKind_Truncated, End, context);
        if (!IsDigit(*P))
            return invalid(P);
        do
        {
            if (digits == 0 && *P == '0')
                exponent--; // leading zeros of 0.000123 are not significant
            else if (digits < 19)
                mantissa = mantissa * 10 + (uint64_t)(*P - '0'), digits++, exponent--;
            else
                dropped = true;
            P++;
        } while (P < End && IsDigit(*P));
    }
    if (P < End && (*P == 'e' || *P == 'E'))
    {
        integer = false;
        P++;
        if (P == End)
            return Fail(JsonErrorKind_Truncated, End, context);
        bool negative_exponent = false;
        if (*P == '+' || *P == '-')
        {
            negative_exponent = *P == '-';
            P++;
            if (P == End)
                return Fail(JsonErrorKind_Truncated, End, context);
        }
        if (!IsDigit(*P))
            return invalid(P);
        int e = 0;
        do
        {
            if (e < 100000) // far beyond any double: keeps the sum from overflowing
                e = e * 10 + (*P - '0');
            P++;
        } while (P < End && IsDigit(*P));
        exponent += negative_exponent ? -e : e;
    }
    if (!out)
        return true;
    double x;
    if (dropped)
        x = json_detail::SlowNumber(start, P);
    else if (mantissa == 0)
        x = negative && !integer ? -0.0 : 0.0; // the integer -0 is the integer 0 (as nlohmann reads it)
    else if (integer)
        x = negative ? -(double)mantissa : (double)mantissa; // exact integer to double: correctly rounded
    else if (mantissa <= ((uint64_t)1 << 53) && exponent >= -22 && exponent <= 22)
    {
        x = (double)mantissa;
        x = exponent < 0 ? x / json_detail::kPow10[-exponent] : x * json_detail::kPow10[exponent];
        if (negative)
            x = -x;
    }
    else
        x = json_detail::SlowNumber(start, P);
    *out = x;
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Literals, the byte order mark, unexpected tokens
//-----------------------------------------------------------------------------

template <typename Sink>
bool JsonReader<Sink>::ScanLiteral(const char* word, size_t length, JsonContext context)
{
    if ((size_t)(End - P) >= length && memcmp(P, word, length) == 0)
    {
        P += length;
        return true;
    }
    for (size_t i = 1; i < length; i++)
    {
        if (P + i == End)
            return Fail(JsonErrorKind_Truncated, End, context);
        if (P[i] != word[i])
            return Fail(JsonErrorKind_InvalidLiteral, P + i, context);
    }
    return true; // not reached: the fast test above matched
}

// P at a first byte 0xEF: the rest of EF BB BF must follow.
template <typename Sink>
bool JsonReader<Sink>::SkipBom()
{
    for (int i = 1; i < 3; i++)
    {
        if (P + i == End)
            return Fail(JsonErrorKind_Truncated, End, JsonContext_Value);
        if ((unsigned char)P[i] != (i == 1 ? 0xBB : 0xBF))
            return Fail(JsonErrorKind_InvalidBom, P + i, JsonContext_Value);
    }
    P += 3;
    return true;
}

// The grammar wanted something else at P (white space already skipped): read the token that is
// there, so that the problem names it, or report the error inside it.
template <typename Sink>
bool JsonReader<Sink>::Unexpected(JsonContext context)
{
    if (P == End)
        return Fail(JsonErrorKind_Truncated, End, context);
    const char* start = P;
    JsonToken found = JsonToken_None;
    switch (*P)
    {
    case '{': found = JsonToken_BeginObject; break;
    case '}': found = JsonToken_EndObject; break;
    case '[': found = JsonToken_BeginArray; break;
    case ']': found = JsonToken_EndArray; break;
    case ':': found = JsonToken_NameSeparator; break;
    case ',': found = JsonToken_ValueSeparator; break;
    case '"':
    {
        std::string_view s;
        if (!ScanString(&s, context))
            return false;
        found = JsonToken_String;
        break;
    }
    case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        if (!ScanNumber(nullptr, context))
            return false;
        found = JsonToken_Number;
        break;
    case 't':
        if (!ScanLiteral("true", 4, context))
            return false;
        found = JsonToken_True;
        break;
    case 'f':
        if (!ScanLiteral("false", 5, context))
            return false;
        found = JsonToken_False;
        break;
    case 'n':
        if (!ScanLiteral("null", 4, context))
            return false;
        found = JsonToken_Null;
        break;
    default: return Fail(JsonErrorKind_InvalidLiteral, P, context);
    }
    JsonError e;
    e.Kind = JsonErrorKind_UnexpectedToken;
    e.Context = context;
    e.Found = found;
    e.Offset = e.TokenStart = Off(start);
    e.TokenEnd = Off(P);
    Out->OnSyntaxError(e);
    return false;
}

} // namespace ls

#undef LS_JSON_COLD
