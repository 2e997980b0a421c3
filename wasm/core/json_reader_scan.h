// The tokens of JsonReader (json_reader.h): strings, numbers, literals and the byte order mark,
// each read fast when it lies in one piece and resumed byte by byte when a piece ends inside it;
// unexpected tokens; syntax errors and the text kept around them for the message.
//
// Index
//   [SECTION] Strings
//   [SECTION] Numbers
//   [SECTION] Literals, the byte order mark, handing tokens over
//   [SECTION] Unexpected tokens, errors, the text around an error
#pragma once

#include "core/json_reader.h"

#include <algorithm>

namespace ls
{

//-----------------------------------------------------------------------------
// [SECTION] Strings
//-----------------------------------------------------------------------------

template <typename Sink>
void JsonReader<Sink>::StartToken(Tok t, Role role, JsonContext context)
{
    TokKind = t;
    TokRole = role;
    TokContext = context;
    TokStart = Off(P);
    TokStartCont = Cont;
}

// P at the opening quote.
template <typename Sink>
typename JsonReader<Sink>::Scan JsonReader<Sink>::StartString(Role role, JsonContext context)
{
    StartToken(Tok_String, role, context);
    StrBegin = ++P;
    StrCopied = false;
    StrExtra = 0;
    EscState = Esc_None;
    Utf8Need = 0;
    return StringBody();
}

// From here on the string is decoded into Scratch: it has an escape, or the piece ends inside it.
template <typename Sink>
void JsonReader<Sink>::CopyString()
{
    if (StrCopied)
        return;
    StrCopied = true;
    Scratch.clear();
    Append(StrBegin, (size_t)(P - StrBegin));
}

template <typename Sink>
typename JsonReader<Sink>::Scan JsonReader<Sink>::StringBody()
{
    Scan s = Scan_Done;
    if (EscState != Esc_None || Utf8Need)
    {
        s = StringPending();
        if (s != Scan_Done)
            return s;
    }
    for (;;)
    {
        const char* run = P;
        P = json_detail::SkipPlain(P, End);
        if (StrCopied)
            Append(run, (size_t)(P - run));
        if (P == End)
        {
            if (Final)
                return Fail(JsonErrorKind_Truncated, Off(End), TokContext);
            CopyString();
            return Scan_More;
        }
        const unsigned char c = (unsigned char)*P;
        if (c == '"')
        {
            StrView = StrCopied ? std::string_view(Scratch) : std::string_view(StrBegin, (size_t)(P - StrBegin));
            P++;
            return Scan_Done;
        }
        if (c == '\\')
        {
            CopyString();
            P++;
            EscState = Esc_Backslash;
            s = StringPending();
        }
        else if (c < 0x20)
            return Fail(JsonErrorKind_ControlCharacter, Off(P), TokContext, c);
        else
            s = Utf8Sequence();
        if (s != Scan_Done)
            return s;
    }
}

// Finishes an escape, or a UTF-8 sequence that a piece cut, with the bytes that follow.
template <typename Sink>
typename JsonReader<Sink>::Scan JsonReader<Sink>::StringPending()
{
    while (EscState != Esc_None)
    {
        if (P == End)
            return Final ? Fail(JsonErrorKind_Truncated, Off(End), TokContext) : Scan_More;
        const Scan s = EscapeStep(*P);
        if (s != Scan_Done)
            return s;
    }
    while (Utf8Need)
    {
        if (P == End)
            return Final ? Fail(JsonErrorKind_InvalidUtf8, Off(End) - 1, TokContext) : Scan_More; // the last byte, as in one piece
        const unsigned char b = (unsigned char)*P;
        if (b < Utf8Low || b > Utf8High)
            return Fail(JsonErrorKind_InvalidUtf8, Off(P), TokContext);
        Append(P, 1);
        Cont++;
        P++;
        Utf8Need--;
        Utf8Low = 0x80, Utf8High = 0xBF;
    }
    return Scan_Done;
}

// P at a byte >= 0x80: checks one UTF-8 sequence with the same byte ranges as RFC 3629 (and
// nlohmann) and moves past it.
template <typename Sink>
typename JsonReader<Sink>::Scan JsonReader<Sink>::Utf8Sequence()
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
        return Fail(JsonErrorKind_InvalidUtf8, Off(P), TokContext);
    const char* q = P + 1;
    for (int i = 0; i < continuation; i++, q++)
    {
        if (q == End)
        {
            if (Final)
                return Fail(JsonErrorKind_InvalidUtf8, Off(End) - 1, TokContext); // not "truncated": the byte before is already wrong
            // The piece ends inside the sequence: keep what came, check the rest in the next piece.
            CopyString();
            Append(P, (size_t)(q - P));
            Cont += (size_t)(q - P - 1);
            P = q;
            Utf8Need = (uint8_t)(continuation - i);
            Utf8Low = low, Utf8High = high;
            return Scan_More;
        }
        const unsigned char b = (unsigned char)*q;
        if (b < low || b > high)
            return Fail(JsonErrorKind_InvalidUtf8, Off(q), TokContext);
        low = 0x80, high = 0xBF;
    }
    if (StrCopied)
        Append(P, (size_t)(q - P));
    Cont += (size_t)continuation;
    P = q;
    return Scan_Done;
}

template <typename Sink>
void JsonReader<Sink>::AppendCode(uint32_t code)
{
    char buf[4];
    size_t n = 0;
    if (code < 0x80)
        buf[n++] = (char)code;
    else if (code < 0x800)
    {
        buf[n++] = (char)(0xC0 | (code >> 6));
        buf[n++] = (char)(0x80 | (code & 0x3F));
    }
    else if (code < 0x10000)
    {
        buf[n++] = (char)(0xE0 | (code >> 12));
        buf[n++] = (char)(0x80 | ((code >> 6) & 0x3F));
        buf[n++] = (char)(0x80 | (code & 0x3F));
    }
    else
    {
        buf[n++] = (char)(0xF0 | (code >> 18));
        buf[n++] = (char)(0x80 | ((code >> 12) & 0x3F));
        buf[n++] = (char)(0x80 | ((code >> 6) & 0x3F));
        buf[n++] = (char)(0x80 | (code & 0x3F));
    }
    Append(buf, n);
}

// One byte of an escape (P at it; EscState says what it must be). Escapes are rare in data, so
// one byte at a time is fast enough, and the same steps serve an escape that a piece cuts.
template <typename Sink>
typename JsonReader<Sink>::Scan JsonReader<Sink>::EscapeStep(char c)
{
    switch (EscState)
    {
    case Esc_Backslash:
    {
        char simple = 0;
        switch (c)
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
            P++;
            EscState = Esc_Hex, EscDigits = 0, EscCode = 0;
            return Scan_Done;
        default: return Fail(JsonErrorKind_InvalidEscape, Off(P), TokContext);
        }
        Append(&simple, 1);
        P++;
        EscState = Esc_None;
        return Scan_Done;
    }
    case Esc_Hex:
    case Esc_LowHex:
    {
        const int d = json_detail::HexValue(c);
        if (d < 0)
            return Fail(JsonErrorKind_BadUnicodeEscape, Off(P), TokContext);
        EscCode = (EscCode << 4) | (uint32_t)d;
        P++;
        if (++EscDigits < 4)
            return Scan_Done;
        const size_t last_digit = Off(P) - 1;
        if (EscState == Esc_Hex)
        {
            if (EscCode >= 0xD800 && EscCode <= 0xDBFF)
            {
                // A high surrogate must be followed by \u and a low one.
                EscHigh = EscCode;
                EscState = Esc_HighDone;
                return Scan_Done;
            }
            if (EscCode >= 0xDC00 && EscCode <= 0xDFFF)
                return Fail(JsonErrorKind_BrokenSurrogate, last_digit, TokContext);
            AppendCode(EscCode);
        }
        else
        {
            if (EscCode < 0xDC00 || EscCode > 0xDFFF)
                return Fail(JsonErrorKind_BrokenSurrogate, last_digit, TokContext);
            AppendCode(0x10000 + ((EscHigh - 0xD800) << 10) + (EscCode - 0xDC00));
        }
        EscState = Esc_None;
        return Scan_Done;
    }
    case Esc_HighDone:
        if (c != '\\')
            return Fail(JsonErrorKind_BrokenSurrogate, Off(P), TokContext);
        P++;
        EscState = Esc_HighBackslash;
        return Scan_Done;
    case Esc_HighBackslash:
        if (c != 'u')
            return Fail(JsonErrorKind_BrokenSurrogate, Off(P), TokContext);
        P++;
        EscState = Esc_LowHex, EscDigits = 0, EscCode = 0;
        return Scan_Done;
    default: return Scan_Done;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Numbers
//-----------------------------------------------------------------------------

namespace json_detail
{

struct NumberScan
{
    const char* Stop;  // the byte after the number, the byte that breaks it, or the end of the range
    uint8_t Phase;     // JsonReader::NumPhase: Num_End, Num_Bad, or where the range ended
    double Value;      // when read whole and asked for
};

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? read as a decimal mantissa and a power of ten. With at
// most 19 significant digits, a mantissa <= 2^53 and a power within +-22, one IEEE multiplication or
// division of two exact values gives the correctly rounded double (Clinger's fast path); anything
// else goes to strtod. `phases` are JsonReader's NumPhase values. The value is computed only when
// the number is known whole: it stops before `end`, or `end` is the end of the text.
template <typename Phases>
NumberScan ScanNumber(const char* p, const char* end, bool at_text_end, bool want_value)
{
    const char* start = p;
    const bool negative = *p == '-';
    if (negative)
    {
        p++;
        if (p == end)
            return { p, Phases::Minus, 0.0 };
        if (!IsDigit(*p))
            return { p, Phases::Bad, 0.0 };
    }
    uint64_t mantissa = 0;
    int digits = 0;        // significant digits in the mantissa
    int exponent = 0;      // power of ten applied to the mantissa
    bool dropped = false;  // more than 19 significant digits: the mantissa is not the whole number
    bool integer = true;
    uint8_t phase = Phases::Zero;
    if (*p == '0')
        p++;
    else
    {
        phase = Phases::Int;
        do
        {
            if (digits < 19)
                mantissa = mantissa * 10 + (uint64_t)(*p - '0'), digits++;
            else
                exponent++, dropped = true;
            p++;
        } while (p < end && IsDigit(*p));
    }
    if (p < end && *p == '.')
    {
        integer = false;
        p++;
        if (p == end)
            return { p, Phases::Dot, 0.0 };
        if (!IsDigit(*p))
            return { p, Phases::Bad, 0.0 };
        do
        {
            if (digits == 0 && *p == '0')
                exponent--; // leading zeros of 0.000123 are not significant
            else if (digits < 19)
                mantissa = mantissa * 10 + (uint64_t)(*p - '0'), digits++, exponent--;
            else
                dropped = true;
            p++;
        } while (p < end && IsDigit(*p));
        phase = Phases::Frac;
    }
    if (p < end && (*p == 'e' || *p == 'E'))
    {
        integer = false;
        p++;
        if (p == end)
            return { p, Phases::E, 0.0 };
        bool negative_exponent = false;
        if (*p == '+' || *p == '-')
        {
            negative_exponent = *p == '-';
            p++;
            if (p == end)
                return { p, Phases::ESign, 0.0 };
        }
        if (!IsDigit(*p))
            return { p, Phases::Bad, 0.0 };
        int e = 0;
        do
        {
            if (e < 100000) // far beyond any double: keeps the sum from overflowing
                e = e * 10 + (*p - '0');
            p++;
        } while (p < end && IsDigit(*p));
        exponent += negative_exponent ? -e : e;
        phase = Phases::Exp;
    }
    if (p == end && !at_text_end)
        return { p, phase, 0.0 }; // more digits may follow in the next piece
    double x = 0.0;
    if (!want_value)
        ;
    else if (dropped)
        x = SlowNumber(start, p);
    else if (mantissa == 0)
        x = negative && !integer ? -0.0 : 0.0; // the integer -0 is the integer 0 (as nlohmann reads it)
    else if (integer)
        x = negative ? -(double)mantissa : (double)mantissa; // exact integer to double: correctly rounded
    else if (mantissa <= ((uint64_t)1 << 53) && exponent >= -22 && exponent <= 22)
    {
        x = (double)mantissa;
        x = exponent < 0 ? x / kPow10[-exponent] : x * kPow10[exponent];
        if (negative)
            x = -x;
    }
    else
        x = SlowNumber(start, p);
    return { p, p < end ? (uint8_t)Phases::End : phase, x };
}

} // namespace json_detail

// P at '-' or a digit.
template <typename Sink>
typename JsonReader<Sink>::Scan JsonReader<Sink>::StartNumber(Role role, JsonContext context)
{
    StartToken(Tok_Number, role, context);
    const json_detail::NumberScan r = json_detail::ScanNumber<Phases>(P, End, Final, role != Role_Unexpected);
    if (r.Phase == Num_Bad)
        return Fail(JsonErrorKind_InvalidNumber, Off(r.Stop), context);
    if (r.Stop == End && !Final)
    {
        // The piece ends inside the number (or right after it: more digits may come).
        NumText.assign(P, (size_t)(End - P));
        Phase = (NumPhase)r.Phase;
        P = End;
        return Scan_More;
    }
    P = r.Stop;
    if (r.Phase == Num_Minus || r.Phase == Num_Dot || r.Phase == Num_E || r.Phase == Num_ESign)
        return Fail(JsonErrorKind_Truncated, Off(End), context);
    Number = r.Value;
    return Scan_Done;
}

// The rest of a number that a piece cut, one byte at a time through the same grammar; once it is
// whole, its kept text is read for the value.
template <typename Sink>
typename JsonReader<Sink>::Scan JsonReader<Sink>::NumberRest()
{
    using json_detail::IsDigit;
    const char* q = P;
    for (; q < End && Phase != Num_End && Phase != Num_Bad; q++)
    {
        const char c = *q;
        switch (Phase)
        {
        case Num_Minus: Phase = c == '0' ? Num_Zero : IsDigit(c) ? Num_Int : Num_Bad; break;
        case Num_Zero: Phase = c == '.' ? Num_Dot : (c == 'e' || c == 'E') ? Num_E : Num_End; break;
        case Num_Int: Phase = IsDigit(c) ? Num_Int : c == '.' ? Num_Dot : (c == 'e' || c == 'E') ? Num_E : Num_End; break;
        case Num_Dot: Phase = IsDigit(c) ? Num_Frac : Num_Bad; break;
        case Num_Frac: Phase = IsDigit(c) ? Num_Frac : (c == 'e' || c == 'E') ? Num_E : Num_End; break;
        case Num_E: Phase = (c == '+' || c == '-') ? Num_ESign : IsDigit(c) ? Num_Exp : Num_Bad; break;
        case Num_ESign: Phase = IsDigit(c) ? Num_Exp : Num_Bad; break;
        case Num_Exp: Phase = IsDigit(c) ? Num_Exp : Num_End; break;
        default: break;
        }
        if (Phase == Num_End || Phase == Num_Bad)
            break;
    }
    NumText.append(P, (size_t)(q - P));
    P = q;
    if (Phase == Num_Bad)
        return Fail(JsonErrorKind_InvalidNumber, Off(P), TokContext);
    if (P == End)
    {
        if (!Final)
            return Scan_More;
        if (Phase == Num_Minus || Phase == Num_Dot || Phase == Num_E || Phase == Num_ESign)
            return Fail(JsonErrorKind_Truncated, Off(End), TokContext);
    }
    if (TokRole != Role_Unexpected)
        Number = json_detail::ScanNumber<Phases>(NumText.data(), NumText.data() + NumText.size(), true, true).Value;
    return Scan_Done;
}

//-----------------------------------------------------------------------------
// [SECTION] Literals, the byte order mark, handing tokens over
//-----------------------------------------------------------------------------

namespace json_detail
{
inline std::string_view LiteralWord(int t) // JsonReader::Tok: Bom, String, Number, True, False, Null
{
    static const char* const words[] = { "\xEF\xBB\xBF", "", "", "true", "false", "null" };
    return words[t];
}
} // namespace json_detail

// P at the first byte (already known to match).
template <typename Sink>
typename JsonReader<Sink>::Scan JsonReader<Sink>::StartLiteral(Tok t, Role role, JsonContext context)
{
    StartToken(t, role, context);
    const std::string_view word = json_detail::LiteralWord(t);
    if ((size_t)(End - P) >= word.size() && memcmp(P, word.data(), word.size()) == 0)
    {
        P += word.size();
        if (t == Tok_Bom)
            Cont += 2;
        return Scan_Done;
    }
    P++;
    LitMatched = 1;
    return LiteralRest();
}

template <typename Sink>
typename JsonReader<Sink>::Scan JsonReader<Sink>::LiteralRest()
{
    const std::string_view word = json_detail::LiteralWord(TokKind);
    for (; LitMatched < word.size(); LitMatched++, P++)
    {
        if (P == End)
            return Final ? Fail(JsonErrorKind_Truncated, Off(End), TokContext) : Scan_More;
        if (*P != word[LitMatched])
            return Fail(TokKind == Tok_Bom ? JsonErrorKind_InvalidBom : JsonErrorKind_InvalidLiteral, Off(P), TokContext);
        if (json_detail::IsContinuation(*P))
            Cont++;
    }
    return Scan_Done;
}

template <typename Sink>
typename JsonReader<Sink>::Scan JsonReader<Sink>::ContinueToken()
{
    switch (TokKind)
    {
    case Tok_String: return StringBody();
    case Tok_Number: return NumberRest();
    default: return LiteralRest();
    }
}

template <typename Sink>
bool JsonReader<Sink>::Deliver()
{
    const size_t end = Off(P);
    if (TokRole == Role_Bom)
        return true;
    if (TokRole == Role_Unexpected)
    {
        ReportUnexpected();
        return false;
    }
    bool go = true;
    switch (TokKind)
    {
    case Tok_String:
        if (StrExtra)
        {
            if constexpr (json_detail::TakesLongStrings<Sink>::value)
                go = Out->OnLongString(Scratch.size() + StrExtra, TokRole == Role_Key, end);
            else
                go = false; // not reached: MaxString is set only for sinks with OnLongString
        }
        else
            go = TokRole == Role_Key ? Out->OnKey(StrView, end) : Out->OnString(StrView, end);
        break;
    case Tok_Number:
        if (!std::isfinite(Number))
        {
            JsonError e;
            e.Kind = JsonErrorKind_NumberTooLarge;
            e.Offset = e.TokenStart = TokStart;
            e.TokenEnd = end;
            Err = e;
            KeepErrorText(e);
            Out->OnSyntaxError(e);
            State = JsonStatus_Error;
            return false;
        }
        go = Out->OnNumber(Number, P < End ? end + 1 : end); // the byte that ended it was read too
        break;
    case Tok_True: go = Out->OnBool(true, end); break;
    case Tok_False: go = Out->OnBool(false, end); break;
    default: go = Out->OnNull(end); break;
    }
    if (!go)
        State = JsonStatus_Stopped;
    return go;
}

//-----------------------------------------------------------------------------
// [SECTION] Unexpected tokens, errors, the text around an error
//-----------------------------------------------------------------------------

// The grammar wanted something else at P (white space already skipped; P == End only at the end
// of the text): read the token that is there, so that the problem names it, or report the error
// inside it.
template <typename Sink>
JsonStatus JsonReader<Sink>::Unexpected(JsonContext context)
{
    if (P == End)
    {
        Fail(JsonErrorKind_Truncated, Off(End), context);
        return State;
    }
    TokStart = Off(P);
    TokStartCont = Cont;
    TokContext = context;
    Scan s = Scan_Done;
    switch (*P)
    {
    case '{': TokFound = JsonToken_BeginObject; break;
    case '}': TokFound = JsonToken_EndObject; break;
    case '[': TokFound = JsonToken_BeginArray; break;
    case ']': TokFound = JsonToken_EndArray; break;
    case ':': TokFound = JsonToken_NameSeparator; break;
    case ',': TokFound = JsonToken_ValueSeparator; break;
    case '"':
        TokFound = JsonToken_String;
        s = StartString(Role_Unexpected, context);
        break;
    case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        TokFound = JsonToken_Number;
        s = StartNumber(Role_Unexpected, context);
        break;
    case 't':
        TokFound = JsonToken_True;
        s = StartLiteral(Tok_True, Role_Unexpected, context);
        break;
    case 'f':
        TokFound = JsonToken_False;
        s = StartLiteral(Tok_False, Role_Unexpected, context);
        break;
    case 'n':
        TokFound = JsonToken_Null;
        s = StartLiteral(Tok_Null, Role_Unexpected, context);
        break;
    default: Fail(JsonErrorKind_InvalidLiteral, Off(P), context); return State;
    }
    if (s == Scan_More)
        return Suspend(Resume_Token);
    if (s == Scan_Done)
        ReportUnexpected();
    return State;
}

template <typename Sink>
void JsonReader<Sink>::ReportUnexpected()
{
    JsonError e;
    e.Kind = JsonErrorKind_UnexpectedToken;
    e.Context = TokContext;
    e.Found = TokFound;
    e.Offset = e.TokenStart = TokStart;
    e.TokenEnd = Off(P);
    Err = e;
    KeepErrorText(e);
    Out->OnSyntaxError(e);
    State = JsonStatus_Error;
}

template <typename Sink>
typename JsonReader<Sink>::Scan JsonReader<Sink>::Fail(JsonErrorKind kind, size_t at, JsonContext context, uint8_t byte)
{
    JsonError e;
    e.Kind = kind;
    e.Context = context;
    e.Offset = at;
    e.Byte = byte;
    if (kind == JsonErrorKind_InvalidNumber)
        e.TokenStart = TokStart;
    Err = e;
    KeepErrorText(e);
    Out->OnSyntaxError(e);
    State = JsonStatus_Error;
    return Scan_Failed;
}

// Keeps the text a message about the error may quote (the loader's DescribeSyntaxError): back over
// the run of number and word characters before it and 16 bytes more, and 64 bytes after it (the
// rest comes with the next pieces). And a byte whose line and column are known, for ErrorPos.
template <typename Sink>
void JsonReader<Sink>::KeepErrorText(const JsonError& e)
{
    const size_t kept = ChunkOff - Tail.size(), here = Off(End);
    auto byte = [&](size_t o) { return o < ChunkOff ? Tail[o - kept] : ChunkBegin[o - ChunkOff]; };
    const bool token = e.Kind == JsonErrorKind_UnexpectedToken || e.Kind == JsonErrorKind_NumberTooLarge || e.Kind == JsonErrorKind_InvalidNumber;
    // (A string token can start before what is kept: its text is never quoted.)
    size_t from = std::max(std::min(std::min(e.Offset, token ? e.TokenStart : e.Offset), here), kept);
    while (from > kept && json_detail::IsRunChar(byte(from - 1)))
        from--;
    from = from - kept > 16 ? from - 16 : kept;
    ErrWant = std::max(e.Offset + 64, std::max(e.TokenEnd, Off(P)));
    const size_t to = std::min(here, ErrWant);
    ErrBytes.clear();
    ErrBase = from;
    if (from < ChunkOff)
        ErrBytes.append(Tail, from - kept, std::min(ChunkOff, to) - from);
    if (to > ChunkOff)
        ErrBytes.append(ChunkBegin + (std::max(from, ChunkOff) - ChunkOff), to - std::max(from, ChunkOff));
    if (e.Kind == JsonErrorKind_UnexpectedToken || e.Kind == JsonErrorKind_NumberTooLarge)
    {
        ErrRefOffset = TokStart;
        ErrRefColumn = TokStart - LineStart - (TokStartCont - LineStartCont) + 1;
    }
    else
    {
        ErrRefOffset = Off(P);
        ErrRefColumn = HereColumn();
    }
    ErrRefLine = Line;
}

// The place of a byte of the kept text (on the line of the reference byte: messages point within
// a token or next to it, and tokens hold no newline).
template <typename Sink>
TextPos JsonReader<Sink>::ErrorPos(size_t offset) const
{
    const JsonErrorText text = ErrorText();
    size_t column = ErrRefColumn;
    if (offset <= ErrRefOffset)
    {
        for (size_t o = offset; o < ErrRefOffset; o++)
            if (!json_detail::IsContinuation(text.At(o)))
                column--;
    }
    else
        for (size_t o = ErrRefOffset; o < offset; o++)
            if (!json_detail::IsContinuation(text.At(o)))
                column++;
    return MakePos(ErrRefLine, column);
}

} // namespace ls

#undef LS_JSON_COLD
