// JsonReader: a strict JSON (RFC 8259) reader that calls a sink for every token, for the loader's
// hot path (loader.cpp). It reads a text whole or fed in pieces split anywhere (inside a string,
// an escape, a number, a literal, a UTF-8 sequence, the byte order mark), and never holds more
// than the unfinished token: a string without escapes that lies in one piece reaches the sink as
// a view into that piece, numbers are converted exactly without strtod when they are short, and
// line and column are counted as it goes, so positions need no text.
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
//   ls::JsonReader<Printer> whole(text, &p);
//   bool ok = whole.Read(0, text.size());                   // false: a syntax error (reported) or a sink said stop
//
//   ls::JsonReader<Printer> streamed(&p);                   // the same, in pieces
//   streamed.Begin();
//   while (streamed.Feed(piece, size) == ls::JsonStatus_More && (size = next_piece(&piece)) > 0) {}
//   ok = streamed.Finish() == ls::JsonStatus_Done;
//
// What it accepts is exactly what nlohmann::json accepts (the loader used nlohmann before, and its
// messages and positions must not change): one value with white space around it, a UTF-8 byte
// order mark at the very start, strings in well-formed UTF-8 (no overlong forms, no UTF-16
// surrogates encoded in UTF-8, nothing above U+10FFFF) with no raw control characters, \u escapes
// with surrogate pairs, numbers in the strict JSON grammar. Numbers are the double nearest to the
// decimal text, except that the integer "-0" reads as +0 (nlohmann reads it as the integer 0).
// One difference: a NUL byte outside a string is a bad character here, where nlohmann takes it for
// the end of the text (the loader refuses any NUL byte, so nothing observable).
// No nesting limit of its own: the container stack is on the heap, so depth is the sink's business.
//
// Positions: every callback gets `end`, the offset where a lexer that reads one character ahead
// stands after the token: just past it, and for a number one byte further when a byte follows it
// (the byte that ended the number). During a callback TokenPos() gives the line and column of the
// token's first byte and PosNear() those of a byte next to where the reader stands; SolidEnd()
// is the place "unexpected end of input" points at. Columns count code points (bytes that do not
// continue a UTF-8 sequence) from the line start: newlines only occur in white space and
// continuation bytes only in strings (and the byte order mark), so two counters kept as the reader
// goes give any column without rescanning a line (a minified file is one line of many MB).
// A syntax error keeps a little text around it (ErrorText), for the message that quotes it.
//
// Index
//   [SECTION] Errors
//   [SECTION] The reader
//   [SECTION] Feeding: pieces, the end, what is kept between pieces
//   [SECTION] Grammar: values, containers, what may follow a value
//   (json_reader_scan.h: strings, numbers, literals, the byte order mark, unexpected tokens,
//    errors and the text kept around them)
#pragma once

#include "core/force_inline.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
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
LS_ALWAYS_INLINE const char* SkipPlain(const char* p, const char* end)
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

// A place in a text: 1-based line and column (code points); 0 = no place.
struct TextPos
{
    uint32_t Line = 0;
    uint32_t Column = 0;
};

enum JsonStatus : uint8_t
{
    JsonStatus_More,    // reading: feed the next piece (or Finish)
    JsonStatus_Done,    // the value was read, and the text ended with nothing but white space after it
    JsonStatus_Error,   // a syntax error, reported to the sink once
    JsonStatus_Stopped, // a callback returned false
};

// The counters that place a byte on its line (see "Positions"): with them a second reader can
// start in the middle of a text and count as the first would have.
struct JsonMark
{
    size_t Offset = 0;        // the byte
    size_t Line = 1;          // its line (1-based)
    size_t LineStart = 0;     // offset of the line's first byte
    size_t LineStartCont = 0; // UTF-8 continuation bytes before LineStart
    size_t Cont = 0;          // UTF-8 continuation bytes before Offset
};

// The text around a syntax error (the reader keeps it when the error is found; the rest is gone):
// At(offset) is the byte there, 0 outside what was kept.
struct JsonErrorText
{
    std::string_view Bytes;
    size_t Base = 0; // offset of Bytes[0]
    char At(size_t offset) const { return offset >= Base && offset - Base < Bytes.size() ? Bytes[offset - Base] : 0; }
};

namespace json_detail
{
// Whether the sink takes over-long strings by size (the loader does; see SetMaxStringBytes).
template <typename S, typename = void>
struct TakesLongStrings : std::false_type
{
};
template <typename S>
struct TakesLongStrings<S, std::void_t<decltype(&S::OnLongString)>> : std::true_type
{
};
inline bool IsContinuation(char c) { return ((unsigned char)c & 0xC0) == 0x80; }
// Characters a message may quote around an error (numbers, misspelt words): kept across pieces.
inline bool IsRunChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+' || c == '.';
}
} // namespace json_detail

template <typename Sink>
class JsonReader
{
public:
    explicit JsonReader(Sink* sink) : Out(sink) {}
    JsonReader(std::string_view text, Sink* sink) : Text(text), Out(sink) {}

    // Reads the one value in text[begin, end) of the text given to the constructor, white space
    // around it allowed; a byte order mark is skipped when begin == 0. True when the whole range
    // was read and no callback said stop; on a syntax error Sink::OnSyntaxError is called (once).
    bool Read(size_t begin, size_t end);

    // Streaming: Begin, then Feed the pieces in order, then Finish. Offsets and positions count
    // from `at` (the start of the text by default; a BOM is accepted only there when `bom`).
    void Begin(const JsonMark& at = JsonMark(), bool bom = true);
    JsonStatus Feed(const char* data, size_t size); // More until the value is read and more may follow; cheap after an error
    JsonStatus Finish();                            // the text ends: Done, Error or Stopped
    JsonStatus Status() const { return State; }

    // Strings copied (escaped, or split between pieces) longer than this are not kept whole: the
    // sink's OnLongString(size_t bytes, bool key, size_t end) gets their decoded size instead.
    // Only for sinks that have OnLongString.
    void SetMaxStringBytes(size_t n) { MaxString = n; }

    // During a callback: where the token starts, and places next to where the reader stands.
    size_t TokenOffset() const { return TokStart; }
    TextPos TokenPos() const { return MakePos(Line, TokStart - LineStart - (TokStartCont - LineStartCont) + 1); }
    JsonMark TokenMark() const { return JsonMark{ TokStart, Line, LineStart, LineStartCont, TokStartCont }; }
    TextPos PosNear(size_t offset) const; // `offset` within a few ASCII bytes of the reader, on its line (e.g. `end` - 1)
    TextPos SolidEnd() const { return Solid; } // just past the last byte read that is not white space
    // Where the reader stopped (after an error or a stop): the bytes from there on were not read.
    JsonMark StopMark() const { return JsonMark{ StopOffset, Line, LineStart, LineStartCont, StopCont }; }

    // After a syntax error: the text around it and the place of any offset in that text.
    JsonErrorText ErrorText() const { return JsonErrorText{ ErrBytes, ErrBase }; }
    bool ErrorTextComplete() const { return Finished || ErrBase + ErrBytes.size() >= ErrWant; } // all a message may quote is there
    TextPos ErrorPos(size_t offset) const;

private:
    enum Container : uint8_t { Container_Array, Container_Object, Container_None };
    // Where Run continues when the next piece comes.
    enum Resume : uint8_t { Resume_Start, Resume_Value, Resume_ObjectFirst, Resume_ArrayFirst, Resume_Key, Resume_Colon, Resume_AfterValue, Resume_Token };
    enum Tok : uint8_t { Tok_Bom, Tok_String, Tok_Number, Tok_True, Tok_False, Tok_Null };
    enum Role : uint8_t { Role_Value, Role_Key, Role_Unexpected, Role_Bom }; // what a token is read for
    enum Scan : uint8_t { Scan_Done, Scan_More, Scan_Failed };
    enum Esc : uint8_t { Esc_None, Esc_Backslash, Esc_Hex, Esc_HighDone, Esc_HighBackslash, Esc_LowHex };
    enum NumPhase : uint8_t { Num_Minus, Num_Zero, Num_Int, Num_Dot, Num_Frac, Num_E, Num_ESign, Num_Exp, Num_End, Num_Bad };
    struct Phases // the NumPhase values, for json_detail::ScanNumber
    {
        enum : uint8_t { Minus = Num_Minus, Zero = Num_Zero, Int = Num_Int, Dot = Num_Dot, Frac = Num_Frac, E = Num_E, ESign = Num_ESign, Exp = Num_Exp, End = Num_End, Bad = Num_Bad };
    };

    size_t Off(const char* p) const { return (size_t)((uintptr_t)p - BaseAddr); }
    static TextPos MakePos(size_t line, size_t column) { return TextPos{ (uint32_t)line, (uint32_t)column }; }
    size_t HereColumn() const { return Off(P) - LineStart - (Cont - LineStartCont) + 1; }
    void SkipSpace()
    {
        if (P < End && !json_detail::IsSpace(*P))
            return;
        SkipSpaceRun();
    }
    void SkipSpaceRun();
    void KeepTail();
    void NoteSolidEnd();

    JsonStatus Run();
    JsonStatus Suspend(Resume r)
    {
        At = r;
        return JsonStatus_More;
    }
    JsonStatus Stopped();
    bool Deliver(); // hands the finished token to the sink per its role; false: stop or error (State says)

    // Tokens (json_reader_scan.h): Scan_More means the piece ended inside the token, which is kept.
    LS_ALWAYS_INLINE void StartToken(Tok t, Role role, JsonContext context);
    Scan StartString(Role role, JsonContext context);
    // P at the opening quote: a string of plain bytes (printable ASCII without escapes) that ends
    // in this piece is read here, in one scan, and P moves past it (StrView holds it); anything
    // else is left to StartString, P unmoved. The same token, position and view either way.
    LS_ALWAYS_INLINE bool PlainString(Role role, JsonContext context)
    {
        const char* close = json_detail::SkipPlain(P + 1, End);
        if (close == End || *close != '"')
            return false;
        StartToken(Tok_String, role, context);
        StrView = std::string_view(P + 1, (size_t)(close - P - 1));
        P = close + 1;
        return true;
    }
    Scan StringBody();
    Scan StringPending(); // the rest of an escape or UTF-8 sequence split between pieces
    Scan Utf8Sequence();
    Scan EscapeDirect();
    Scan EscapeStep(char c);
    void CopyString();
    void Append(const char* p, size_t n)
    {
        if (StrExtra || Scratch.size() + n > MaxString)
            StrExtra += n;
        else
            Scratch.append(p, n);
    }
    void AppendCode(uint32_t code);
    Scan StartNumber(Role role, JsonContext context);
    Scan NumberRest();
    Scan StartLiteral(Tok t, Role role, JsonContext context);
    Scan LiteralRest();
    Scan ContinueToken();
    LS_JSON_COLD JsonStatus Unexpected(JsonContext context); // reads the token at P and reports it (or the error inside it)
    LS_JSON_COLD void ReportUnexpected();
    LS_JSON_COLD Scan Fail(JsonErrorKind kind, size_t at, JsonContext context, uint8_t byte = 0);
    void KeepErrorText(const JsonError& e);

    std::string_view Text; // Read()'s text
    Sink* Out;
    JsonStatus State = JsonStatus_More;
    bool Final = false, Finished = false;
    Resume At = Resume_Start;
    std::vector<uint8_t> Stack; // open containers
    uint8_t Inner = Container_None; // Stack.back(), or None at the top level: read after every value (-Oz calls out for vector's back())
    LS_ALWAYS_INLINE void OpenContainer(Container c) { Stack.push_back(c); Inner = c; }
    LS_ALWAYS_INLINE void CloseContainer() { Stack.pop_back(); Inner = Stack.empty() ? (uint8_t)Container_None : Stack.back(); }

    // The piece being read
    uintptr_t BaseAddr = 0; // address of offset 0 (the piece's address minus its offset)
    const char* ChunkBegin = nullptr;
    const char* P = nullptr;
    const char* End = nullptr;
    size_t ChunkOff = 0; // offset of the piece's first byte

    // Positions (see the file comment)
    size_t Line = 1, LineStart = 0, LineStartCont = 0, Cont = 0;
    size_t RunLine = 1, RunLineStart = 0, RunLineStartCont = 0; // line counters before the first newline of the last white space run
    size_t TokStart = 0, TokStartCont = 0;
    size_t StopOffset = 0, StopCont = 0;
    TextPos Solid;
    std::string Tail; // the last bytes before the piece (at least 16, and a number or word that reaches the piece), for error messages

    // The token being read
    Tok TokKind = Tok_Null;
    Role TokRole = Role_Value;
    JsonContext TokContext = JsonContext_Value;
    JsonToken TokFound = JsonToken_None; // Role_Unexpected: what it is
    const char* StrBegin = nullptr;      // a string not copied yet: its text is [StrBegin, P) of this piece
    bool StrCopied = false;              // the string so far is in Scratch (decoded)
    size_t StrExtra = 0;                 // decoded bytes beyond MaxString, not kept
    std::string_view StrView;            // the finished string
    std::string Scratch;
    size_t MaxString = (size_t)-1;
    Esc EscState = Esc_None;
    uint8_t EscDigits = 0;
    uint32_t EscCode = 0, EscHigh = 0;
    uint8_t Utf8Need = 0;                // continuation bytes still to come
    uint8_t Utf8Low = 0x80, Utf8High = 0xBF;
    NumPhase Phase = Num_Int;
    std::string NumText; // a number split between pieces, as read so far
    double Number = 0.0;
    uint8_t LitMatched = 0;

    // A syntax error
    JsonError Err;
    std::string ErrBytes;
    size_t ErrBase = 0, ErrWant = 0;
    size_t ErrRefOffset = 0, ErrRefLine = 0, ErrRefColumn = 0; // a byte whose place is known
};

//-----------------------------------------------------------------------------
// [SECTION] Feeding: pieces, the end, what is kept between pieces
//-----------------------------------------------------------------------------

template <typename Sink>
bool JsonReader<Sink>::Read(size_t begin, size_t end)
{
    JsonMark at;
    at.Offset = begin;
    Begin(at, begin == 0);
    Feed(Text.data() + begin, end - begin);
    return Finish() == JsonStatus_Done;
}

template <typename Sink>
void JsonReader<Sink>::Begin(const JsonMark& at, bool bom)
{
    State = JsonStatus_More;
    Final = Finished = false;
    At = bom ? Resume_Start : Resume_Value;
    Stack.clear();
    Inner = Container_None;
    ChunkOff = at.Offset;
    Line = at.Line, LineStart = at.LineStart, LineStartCont = at.LineStartCont, Cont = at.Cont;
    RunLine = Line, RunLineStart = LineStart, RunLineStartCont = LineStartCont;
    TokStart = at.Offset, TokStartCont = at.Cont;
    Solid = TextPos();
    Tail.clear();
    ErrBytes.clear();
    ErrBase = ErrWant = 0;
}

template <typename Sink>
JsonStatus JsonReader<Sink>::Feed(const char* data, size_t size)
{
    if (State != JsonStatus_More || Finished)
    {
        // After an error: only what its message may quote.
        const size_t have = ErrBase + ErrBytes.size();
        if (State == JsonStatus_Error && !Finished && have < ErrWant && have == ChunkOff)
            ErrBytes.append(data, std::min(size, ErrWant - have));
        ChunkOff += size;
        return State;
    }
    ChunkBegin = P = data;
    End = data + size;
    BaseAddr = (uintptr_t)data - ChunkOff;
    State = Run();
    const JsonStatus s = State;
    if (s == JsonStatus_More)
    {
        NoteSolidEnd();
        KeepTail();
    }
    else if (s != JsonStatus_Done)
        StopOffset = Off(P), StopCont = Cont;
    ChunkOff += size;
    return s;
}

template <typename Sink>
JsonStatus JsonReader<Sink>::Finish()
{
    if (Finished)
        return State;
    if (State == JsonStatus_More)
    {
        static const char nothing = 0;
        ChunkBegin = P = End = &nothing;
        BaseAddr = (uintptr_t)&nothing - ChunkOff;
        Final = true;
        State = Run();
        if (State != JsonStatus_Done)
            StopOffset = Off(P), StopCont = Cont;
    }
    Finished = true;
    return State;
}

// Newlines move the line counters; the counters as they were before the run's first newline
// stay in Run*, for the place just before the run (NoteSolidEnd).
template <typename Sink>
void JsonReader<Sink>::SkipSpaceRun()
{
    bool first = true;
    for (; P < End; P++)
    {
        const char c = *P;
        if (c == '\n')
        {
            if (first)
            {
                RunLine = Line, RunLineStart = LineStart, RunLineStartCont = LineStartCont;
                first = false;
            }
            Line++;
            LineStart = Off(P) + 1;
            LineStartCont = Cont;
        }
        else if (c != ' ' && c != '\t' && c != '\r')
            return;
    }
}

// The piece was read to its end: where its last byte that is not white space ends. White space
// at the end of a piece is either one run after a token (newlines in it: Run* has its line) or
// spaces at the end of an unfinished string (never a newline: that is an error in a string).
template <typename Sink>
void JsonReader<Sink>::NoteSolidEnd()
{
    const char* k = End;
    while (k > ChunkBegin && json_detail::IsSpace(k[-1]))
        k--;
    if (k == ChunkBegin)
        return; // only white space (or nothing): the place found before stands
    if (k == End)
        Solid = MakePos(Line, HereColumn());
    else if (!memchr(k, '\n', (size_t)(End - k)))
        Solid = MakePos(Line, HereColumn() - (size_t)(End - k));
    else
        Solid = MakePos(RunLine, Off(k) - RunLineStart - (Cont - RunLineStartCont) + 1);
}

// Keeps the end of the piece for a message about an error in the next one: at least 16 bytes (a
// UTF-8 sequence, the byte before a token), and outside strings the whole run of number and word
// characters that reaches the end (a number the message quotes from its first digit).
template <typename Sink>
void JsonReader<Sink>::KeepTail()
{
    const size_t size = (size_t)(End - ChunkBegin);
    size_t run = 0;
    const bool in_string = At == Resume_Token && TokKind == Tok_String;
    if (!in_string)
    {
        while (run < size && json_detail::IsRunChar(End[-1 - (ptrdiff_t)run]))
            run++;
        if (run == size)
            for (size_t i = Tail.size(); i > 0 && json_detail::IsRunChar(Tail[i - 1]); i--)
                run++;
    }
    const size_t keep = run > 16 ? run : 16;
    if (keep >= size)
    {
        Tail.append(ChunkBegin, size);
        if (Tail.size() > keep)
            Tail.erase(0, Tail.size() - keep);
    }
    else
        Tail.assign(End - keep, keep);
}

template <typename Sink>
TextPos JsonReader<Sink>::PosNear(size_t offset) const
{
    const size_t here = Off(P), column = HereColumn();
    return MakePos(Line, offset <= here ? column - (here - offset) : column + (offset - here));
}

template <typename Sink>
JsonStatus JsonReader<Sink>::Stopped()
{
    State = JsonStatus_Stopped;
    return State;
}

//-----------------------------------------------------------------------------
// [SECTION] Grammar: values, containers, what may follow a value
//-----------------------------------------------------------------------------
// One loop with a label per place the grammar can be at; a piece that ends there returns with
// Resume set to it, and the next piece jumps back in. At the end of the text (Final) the same
// places report what is missing.

template <typename Sink>
JsonStatus JsonReader<Sink>::Run()
{
    switch (At)
    {
    case Resume_Start: break;
    case Resume_Value: goto value;
    case Resume_ObjectFirst: goto object_first;
    case Resume_ArrayFirst: goto array_first;
    case Resume_Key: goto key;
    case Resume_Colon: goto colon;
    case Resume_AfterValue: goto after_value;
    case Resume_Token:
        switch (ContinueToken())
        {
        case Scan_More: return JsonStatus_More;
        case Scan_Failed: return State;
        default: break;
        }
        if (!Deliver())
            return State;
        switch (TokRole)
        {
        case Role_Key: goto colon;
        case Role_Bom: goto value;
        default: goto after_value;
        }
    }

    // The start of the text: a byte order mark may come first.
    if (P == End && !Final)
        return Suspend(Resume_Start);
    if (P < End && (unsigned char)*P == 0xEF)
    {
        switch (StartLiteral(Tok_Bom, Role_Bom, JsonContext_Value))
        {
        case Scan_More: return Suspend(Resume_Token);
        case Scan_Failed: return State;
        default: break;
        }
    }

value:
    SkipSpace();
    if (P == End)
    {
        if (!Final)
            return Suspend(Resume_Value);
        return Unexpected(JsonContext_Value);
    }
value_here:
    switch (*P)
    {
    case '{':
        TokStart = Off(P), TokStartCont = Cont;
        P++;
        if (!Out->OnBeginObject(Off(P)))
            return Stopped();
        OpenContainer(Container_Object);
        goto object_first;
    case '[':
        TokStart = Off(P), TokStartCont = Cont;
        P++;
        if (!Out->OnBeginArray(Off(P)))
            return Stopped();
        OpenContainer(Container_Array);
        goto array_first;
    case '"':
        if (PlainString(Role_Value, JsonContext_Value))
        {
            if (!Out->OnString(StrView, Off(P)))
                return Stopped();
            goto after_value;
        }
        switch (StartString(Role_Value, JsonContext_Value))
        {
        case Scan_More: return Suspend(Resume_Token);
        case Scan_Failed: return State;
        default: break;
        }
        if (StrExtra ? !Deliver() : !Out->OnString(StrView, Off(P)))
            return StrExtra ? State : Stopped();
        goto after_value;
    case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        switch (StartNumber(Role_Value, JsonContext_Value))
        {
        case Scan_More: return Suspend(Resume_Token);
        case Scan_Failed: return State;
        default: break;
        }
        if (!std::isfinite(Number))
        {
            Deliver(); // reports it
            return State;
        }
        if (!Out->OnNumber(Number, P < End ? Off(P) + 1 : Off(P))) // the byte that ended it was read too
            return Stopped();
        goto after_value;
    case 'n':
        if (End - P >= 4 && P[1] == 'u' && P[2] == 'l' && P[3] == 'l')
        {
            // The cells of a table's rows are often null: the word without StartLiteral and Deliver.
            StartToken(Tok_Null, Role_Value, JsonContext_Value);
            P += 4;
            if (!Out->OnNull(Off(P)))
                return Stopped();
            goto after_value;
        }
        [[fallthrough]];
    case 't':
    case 'f':
        switch (StartLiteral(*P == 't' ? Tok_True : *P == 'f' ? Tok_False : Tok_Null, Role_Value, JsonContext_Value))
        {
        case Scan_More: return Suspend(Resume_Token);
        case Scan_Failed: return State;
        default: break;
        }
        if (!Deliver())
            return State;
        goto after_value;
    default: return Unexpected(JsonContext_Value);
    }

object_first: // after '{': a field name or '}'
    SkipSpace();
    if (P == End)
    {
        if (!Final)
            return Suspend(Resume_ObjectFirst);
        return Unexpected(JsonContext_ObjectKey);
    }
    if (*P == '}')
    {
        P++;
        if (!Out->OnEndObject(Off(P)))
            return Stopped();
        CloseContainer();
        goto after_value;
    }
    goto key_here;

array_first: // after '[': a value or ']'
    SkipSpace();
    if (P == End)
    {
        if (!Final)
            return Suspend(Resume_ArrayFirst);
        return Unexpected(JsonContext_Value);
    }
    if (*P == ']')
    {
        P++;
        if (!Out->OnEndArray(Off(P)))
            return Stopped();
        CloseContainer();
        goto after_value;
    }
    goto value_here;

key: // after ',' in an object
    SkipSpace();
    if (P == End)
    {
        if (!Final)
            return Suspend(Resume_Key);
        return Unexpected(JsonContext_ObjectKey);
    }
key_here:
    if (*P != '"')
        return Unexpected(JsonContext_ObjectKey);
    if (PlainString(Role_Key, JsonContext_ObjectKey))
    {
        if (!Out->OnKey(StrView, Off(P)))
            return Stopped();
        goto colon;
    }
    switch (StartString(Role_Key, JsonContext_ObjectKey))
    {
    case Scan_More: return Suspend(Resume_Token);
    case Scan_Failed: return State;
    default: break;
    }
    if (StrExtra ? !Deliver() : !Out->OnKey(StrView, Off(P)))
        return StrExtra ? State : Stopped();

colon: // after a field name
    SkipSpace();
    if (P == End)
    {
        if (!Final)
            return Suspend(Resume_Colon);
        return Unexpected(JsonContext_ObjectSeparator);
    }
    if (*P != ':')
        return Unexpected(JsonContext_ObjectSeparator);
    P++;
    goto value;

after_value: // a value ended: close containers until one continues with ','
    SkipSpace();
    if (Inner == Container_None)
    {
        if (P < End)
            return Unexpected(JsonContext_AfterEnd);
        if (!Final)
            return Suspend(Resume_AfterValue);
        return JsonStatus_Done;
    }
    if (P == End)
    {
        if (!Final)
            return Suspend(Resume_AfterValue);
        return Unexpected(Inner == Container_Array ? JsonContext_Array : JsonContext_Object);
    }
    if (Inner == Container_Array)
    {
        if (*P == ',')
        {
            P++;
            goto value;
        }
        if (*P != ']')
            return Unexpected(JsonContext_Array);
        P++;
        if (!Out->OnEndArray(Off(P)))
            return Stopped();
        CloseContainer();
        goto after_value;
    }
    if (*P == ',')
    {
        P++;
        goto key;
    }
    if (*P != '}')
        return Unexpected(JsonContext_Object);
    P++;
    if (!Out->OnEndObject(Off(P)))
        return Stopped();
    CloseContainer();
    goto after_value;
}

} // namespace ls

#include "core/json_reader_scan.h"
