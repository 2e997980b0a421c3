// JsonReader (wasm/core/json_reader.h): numbers, strings, errors and their offsets, and the syntax
// messages LoadDataset builds from them (pinned: they were the messages of the nlohmann-based
// loader, and researchers' scripts match on them).
#include "core/json_reader.h"
#include "test_loader_helpers.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>

namespace
{

// Records every callback as text: "n", "b1", "d<hex double>", "s<text>", "k<text>", "{", "}", "[", "]".
struct RecordingSink
{
    std::vector<std::string> Events;
    std::vector<size_t> Ends;
    std::vector<const char*> StringData; // where each string's view pointed
    ls::JsonError Error;
    bool HadError = false;

    bool Add(std::string e, size_t end)
    {
        Events.push_back(std::move(e));
        Ends.push_back(end);
        return true;
    }
    bool OnNull(size_t end) { return Add("n", end); }
    bool OnBool(bool b, size_t end) { return Add(b ? "b1" : "b0", end); }
    bool OnNumber(double x, size_t end)
    {
        char buf[64];
        snprintf(buf, sizeof(buf), "d%a", x);
        return Add(buf, end);
    }
    bool OnString(std::string_view s, size_t end)
    {
        StringData.push_back(s.data());
        return Add("s" + std::string(s), end);
    }
    bool OnKey(std::string_view k, size_t end) { return Add("k" + std::string(k), end); }
    bool OnBeginObject(size_t end) { return Add("{", end); }
    bool OnEndObject(size_t end) { return Add("}", end); }
    bool OnBeginArray(size_t end) { return Add("[", end); }
    bool OnEndArray(size_t end) { return Add("]", end); }
    void OnSyntaxError(const ls::JsonError& e)
    {
        CHECK_MESSAGE(!HadError, "OnSyntaxError must be called once");
        HadError = true;
        Error = e;
    }
};

struct ReadResult
{
    bool Ok = false;
    RecordingSink Sink;
};

ReadResult ReadJson(std::string_view text)
{
    ReadResult r;
    ls::JsonReader<RecordingSink> reader(text, &r.Sink);
    r.Ok = reader.Read(0, text.size());
    CHECK(r.Ok != r.Sink.HadError);
    return r;
}

// The double a one-value text reads as (NaN when it is not one number).
double ReadNumber(const std::string& text)
{
    ReadResult r = ReadJson(text);
    if (!r.Ok || r.Sink.Events.size() != 1 || r.Sink.Events[0][0] != 'd')
        return NAN;
    return strtod(r.Sink.Events[0].c_str() + 1, nullptr);
}

bool SameBits(double a, double b) { return memcmp(&a, &b, sizeof(double)) == 0; }

ls::JsonError ErrorOf(std::string_view text)
{
    ReadResult r = ReadJson(text);
    CHECK_MESSAGE(!r.Ok, std::string(text));
    return r.Sink.Error;
}

// The first problem of loading text, as "line:column pointer: message".
std::string FirstProblem(const std::string& text)
{
    LoadResult r = Load(text);
    REQUIRE(!r.Problems.empty());
    const Problem& p = r.Problems[0];
    return std::to_string(p.Line) + ":" + std::to_string(p.Column) + " " + p.Pointer + ": " + p.Message;
}

} // namespace

TEST_CASE("JsonReader reads numbers as the nearest double, like strtod")
{
    CHECK(SameBits(ReadNumber("0"), 0.0));
    CHECK(SameBits(ReadNumber("-0"), 0.0)); // the integer -0 is the integer 0, as nlohmann read it
    CHECK(SameBits(ReadNumber("-0.0"), -0.0));
    CHECK(SameBits(ReadNumber("-0e3"), -0.0));
    CHECK(SameBits(ReadNumber("0e999"), 0.0));
    CHECK(ReadNumber("1e308") == 1e308);
    CHECK(ReadNumber("0.1") == 0.1);
    CHECK(ReadNumber("-1234.5678") == -1234.5678);
    CHECK(ReadNumber("123456789012345678901234567890") == 123456789012345678901234567890.0);
    CHECK(ReadNumber("1.5e-320") == strtod("1.5e-320", nullptr)); // subnormal
    CHECK(ReadNumber("1e-400") == 0.0);
    CHECK(ReadNumber("9007199254740993") == 9007199254740992.0);    // 2^53 + 1 rounds to even
    CHECK(ReadNumber("18446744073709551616") == 18446744073709551616.0);
    CHECK(ReadNumber("-9223372036854775809") == -9223372036854775808.0);
    CHECK(ReadNumber("1.7976931348623157e308") == 1.7976931348623157e308);
    CHECK(ReadNumber("2.2250738585072011e-308") == strtod("2.2250738585072011e-308", nullptr));
    CHECK(ReadNumber("0.000001234") == 0.000001234);
    CHECK(ReadNumber("1E2") == 100.0);
    CHECK(ReadNumber("1e+2") == 100.0);
    CHECK(ReadNumber("7e22") == 7e22);
    CHECK(ReadNumber("7e23") == 7e23);

    SUBCASE("random decimals agree with strtod bit for bit")
    {
        std::mt19937_64 rng(42);
        char buf[64];
        for (int i = 0; i < 20000; i++)
        {
            const uint64_t m = rng() >> (rng() % 64);
            const int digits_after = (int)(rng() % 12);
            const int exponent = (int)(rng() % 80) - 40;
            switch (i % 3)
            {
            case 0: snprintf(buf, sizeof(buf), "%llu", (unsigned long long)m); break;
            case 1: snprintf(buf, sizeof(buf), "%s%.*f", i % 2 ? "-" : "", digits_after, (double)m / 1000.0); break;
            default: snprintf(buf, sizeof(buf), "%llue%d", (unsigned long long)(m % 100000000000000000ull), exponent); break;
            }
            CAPTURE(buf);
            double expected = strtod(buf, nullptr);
            if (expected == 0.0 && buf[0] == '-' && strspn(buf, "-0.") == strlen(buf))
                expected = strchr(buf, '.') ? -0.0 : 0.0;
            CHECK(SameBits(ReadNumber(buf), expected));
        }
    }
}

TEST_CASE("JsonReader refuses numbers outside the JSON grammar or the double range")
{
    ls::JsonError e = ErrorOf("1e309");
    CHECK(e.Kind == ls::JsonErrorKind_NumberTooLarge);
    CHECK(e.TokenStart == 0);
    CHECK(e.TokenEnd == 5);
    CHECK(ErrorOf("[-1e999]").Kind == ls::JsonErrorKind_NumberTooLarge);
    CHECK(ErrorOf(std::string(400, '9')).Kind == ls::JsonErrorKind_NumberTooLarge);

    e = ErrorOf("[1.x]");
    CHECK(e.Kind == ls::JsonErrorKind_InvalidNumber);
    CHECK(e.TokenStart == 1);
    CHECK(e.Offset == 3);
    CHECK(ErrorOf("-a").Kind == ls::JsonErrorKind_InvalidNumber);
    CHECK(ErrorOf("1e+x").Kind == ls::JsonErrorKind_InvalidNumber);
    CHECK(ErrorOf("1.").Kind == ls::JsonErrorKind_Truncated);
    CHECK(ErrorOf("1e").Kind == ls::JsonErrorKind_Truncated);
    CHECK(ErrorOf("-").Kind == ls::JsonErrorKind_Truncated);
    CHECK(ErrorOf("+1").Kind == ls::JsonErrorKind_InvalidLiteral);
    CHECK(ErrorOf(".5").Kind == ls::JsonErrorKind_InvalidLiteral);

    e = ErrorOf("[01]"); // "0", then a second number where ',' or ']' must come
    CHECK(e.Kind == ls::JsonErrorKind_UnexpectedToken);
    CHECK(e.Context == ls::JsonContext_Array);
    CHECK(e.Found == ls::JsonToken_Number);
    CHECK(e.Offset == 2);
}

TEST_CASE("JsonReader strings: views without escapes, decoding with them")
{
    const std::string text = R"(["plain", "tab\tquote\"slash\/back\\", "\u00e9\u4e2d\ud83d\ude00", "\u0000"])";
    ReadResult r = ReadJson(text);
    REQUIRE(r.Ok);
    REQUIRE(r.Sink.Events.size() == 6);
    CHECK(r.Sink.Events[1] == "splain");
    CHECK(r.Sink.StringData[0] == text.data() + 2); // no copy
    CHECK(r.Sink.Events[2] == "stab\tquote\"slash/back\\");
    CHECK(r.Sink.Events[3] == "s\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
    CHECK(r.Sink.Events[4] == std::string("s\0", 2));

    SUBCASE("every special byte is found wherever it falls in an 8-byte word")
    {
        for (size_t at = 0; at < 20; at++)
            for (const char* special : { "\"", "\\n", "\xC3\xA9", "\x01" })
            {
                std::string s = "\"" + std::string(at, 'a') + special + std::string(25, 'b') + "\"";
                CAPTURE(s);
                ReadResult sr = ReadJson(s);
                if (special[0] == '\x01')
                {
                    CHECK(sr.Sink.Error.Kind == ls::JsonErrorKind_ControlCharacter);
                    CHECK(sr.Sink.Error.Offset == at + 1);
                    CHECK(sr.Sink.Error.Byte == 1);
                }
                else if (special[0] == '"')
                    CHECK(sr.Sink.Error.Kind == ls::JsonErrorKind_InvalidLiteral); // the string ended early
                else
                {
                    REQUIRE(sr.Ok);
                    CHECK(sr.Sink.Events[0] == "s" + std::string(at, 'a') + (special[0] == '\\' ? "\n" : special) + std::string(25, 'b'));
                }
            }
    }
}

TEST_CASE("JsonReader refuses broken strings at the byte that shows it")
{
    struct Case
    {
        const char* Text;
        ls::JsonErrorKind Kind;
        size_t Offset;
    };
    const Case cases[] = {
        { "\"a\nb\"", ls::JsonErrorKind_ControlCharacter, 2 },
        { "\"a\\x\"", ls::JsonErrorKind_InvalidEscape, 3 },
        { "\"a\\u12g4\"", ls::JsonErrorKind_BadUnicodeEscape, 6 },
        { "\"\\ud83dx\"", ls::JsonErrorKind_BrokenSurrogate, 7 },       // no \u after a high surrogate
        { "\"\\ud83d\\x\"", ls::JsonErrorKind_BrokenSurrogate, 8 },     // \ but not u
        { "\"\\ud83d\\ud83d\"", ls::JsonErrorKind_BrokenSurrogate, 12 }, // two high halves
        { "\"\\ude00\"", ls::JsonErrorKind_BrokenSurrogate, 6 },         // a lone low half
        { "\"\xC0\x80\"", ls::JsonErrorKind_InvalidUtf8, 1 },            // overlong NUL
        { "\"\xE0\x80\x80\"", ls::JsonErrorKind_InvalidUtf8, 2 },        // overlong three-byte form
        { "\"\xED\xA0\x80\"", ls::JsonErrorKind_InvalidUtf8, 2 },        // a UTF-16 surrogate in UTF-8
        { "\"\xF4\x90\x80\x80\"", ls::JsonErrorKind_InvalidUtf8, 2 },    // above U+10FFFF
        { "\"\xF5\x80\x80\x80\"", ls::JsonErrorKind_InvalidUtf8, 1 },
        { "\"\x80\"", ls::JsonErrorKind_InvalidUtf8, 1 },                // a stray continuation byte
        { "\"\xC3(\"", ls::JsonErrorKind_InvalidUtf8, 2 },
        { "\"\xE6\x97", ls::JsonErrorKind_InvalidUtf8, 2 },              // cut inside a sequence: the last byte
        { "\"abc", ls::JsonErrorKind_Truncated, 4 },
        { "\"a\\u12", ls::JsonErrorKind_Truncated, 6 },
        { "\"a\\", ls::JsonErrorKind_Truncated, 3 },
    };
    for (const Case& c : cases)
    {
        CAPTURE(c.Text);
        ls::JsonError e = ErrorOf(c.Text);
        CHECK(e.Kind == c.Kind);
        if (c.Kind != ls::JsonErrorKind_Truncated)
            CHECK(e.Offset == c.Offset);
    }
    CHECK(ReadJson("\"\xF4\x8F\xBF\xBF \xED\x9F\xBF \xE0\xA0\x80 \xF0\x90\x80\x80\"").Ok); // the edges of the valid ranges
}

TEST_CASE("JsonReader reports where it stands after each token, numbers one byte further")
{
    ReadResult r = ReadJson("{\"a\": [1, 23 ,true], \"b\":null}");
    REQUIRE(r.Ok);
    const std::vector<std::string> events = { "{", "ka", "[", "d0x1p+0", "d0x1.7p+4", "b1", "]", "kb", "n", "}" };
    CHECK(r.Sink.Events == events);
    const std::vector<size_t> ends = { 1, 4, 7, 9, 13, 18, 19, 24, 29, 30 };
    CHECK(r.Sink.Ends == ends);
    ReadResult last = ReadJson("12");
    CHECK(last.Sink.Ends == std::vector<size_t>{ 2 }); // nothing follows: just past it
}

TEST_CASE("JsonReader knows the context of an unexpected token")
{
    CHECK(ErrorOf("{\"a\" 1}").Context == ls::JsonContext_ObjectSeparator);
    CHECK(ErrorOf("{1: 2}").Context == ls::JsonContext_ObjectKey);
    CHECK(ErrorOf("{\"a\": 1 \"b\": 2}").Context == ls::JsonContext_Object);
    CHECK(ErrorOf("[1 2]").Context == ls::JsonContext_Array);
    CHECK(ErrorOf("[1,]").Context == ls::JsonContext_Value);
    CHECK(ErrorOf("{} []").Context == ls::JsonContext_AfterEnd);
    CHECK(ErrorOf("{'a': 1}").Kind == ls::JsonErrorKind_InvalidLiteral);
    CHECK(ErrorOf("[tru]").Kind == ls::JsonErrorKind_InvalidLiteral);
    CHECK(ErrorOf("[tru").Kind == ls::JsonErrorKind_Truncated);
    CHECK(ErrorOf("").Kind == ls::JsonErrorKind_Truncated);
    CHECK(ErrorOf("[").Kind == ls::JsonErrorKind_Truncated);
    CHECK(ErrorOf("\xEF\xBB").Kind == ls::JsonErrorKind_Truncated);
    CHECK(ErrorOf("\xEF\xBBx").Kind == ls::JsonErrorKind_InvalidBom);
    CHECK(ReadJson("\xEF\xBB\xBF[]").Ok);
}

TEST_CASE("JsonReader nests as deep as memory allows (the loader sets the limit)")
{
    const size_t depth = 100000;
    std::string text = std::string(depth, '[') + std::string(depth, ']');
    ReadResult r = ReadJson(text);
    CHECK(r.Ok);
    CHECK(r.Sink.Events.size() == 2 * depth);
    text.pop_back();
    CHECK(ErrorOf(text).Kind == ls::JsonErrorKind_Truncated);
}

TEST_CASE("syntax errors keep the messages and positions of the nlohmann-based loader")
{
    const std::string head = "{\"format\": \"landscape/1\", ";
    CHECK(FirstProblem("\xEF\xBB{\"format\": \"landscape/1\"}") == "1:2 : invalid BOM; must be 0xEF 0xBB 0xBF if given; last read: '\xEF\xBB{'");
    CHECK(FirstProblem(head + "\"x\": [01]}") == "1:33 /x: a number cannot start with 0 (write 1, not 01)");
    CHECK(FirstProblem(head + "\"x\": [-01]}") == "1:34 /x: a number cannot start with 0 (write 1, not 01)");
    CHECK(FirstProblem("{\"format\": \"landscape/1\"} {}") == "1:27 : unexpected '{' after the end of the JSON value (is something pasted twice?)");
    CHECK(FirstProblem("{\"format\": \"landscape/1\"} x") == "1:27 : unexpected x: a value is a \"string\", a number, true, false, null, {...} or [...]");
    CHECK(FirstProblem(head + "\"x\": -Infinity}") == "1:32 /x: Infinity is not a JSON number: values must be finite numbers");
    CHECK(FirstProblem(head + "\"x\": NaN}") == "1:32 /x: NaN and Infinity are not JSON numbers: values must be finite numbers");
    CHECK(FirstProblem(head + "\"x\": 1.e5}") == "1:32 /x: invalid number 1.e (numbers look like 12, -3.5 or 1.2e6: no leading +, digits after the point)");
    CHECK(FirstProblem(head + "\"x\": 1.\t}") == "1:32 /x: invalid number 1.<U+0009> (numbers look like 12, -3.5 or 1.2e6: no leading +, digits after the point)");
    CHECK(FirstProblem(head + "format: 1}") == "1:27 : field names must be in double quotes (found format)");
    CHECK(FirstProblem("{'format': 1}") == "1:2 : text must be in double quotes (\"...\"), not single quotes");
    CHECK(FirstProblem("{\"format\" \"landscape/1\"}") == "1:11 : expected ':' after the field name, found a string");
    CHECK(FirstProblem(head + "}") == "1:27 : a comma before '}' with no field after it (remove the trailing comma)");
    CHECK(FirstProblem(head + "\"caveats\": [\"a\",]}") == "1:43 /caveats/1: a comma before ']' with no item after it (remove the trailing comma)");
    CHECK(FirstProblem(head + "\"caveats\": [\"a\" \"b\"]}") == "1:43 /caveats/1: expected ',' or ']' after an array item, found a string (a missing comma?)");
    CHECK(FirstProblem(head + "\"caveats\": [\"a\": 1]}") == "1:42 /caveats/1: expected ',' or ']' after an array item, found ':' (a missing comma?)");
    CHECK(FirstProblem(head + "\"title\": \"a\\x\"}") ==
          "1:39 /title: invalid escape in a string: only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX are allowed");
    CHECK(FirstProblem(head + "\"title\": \"a\\u12g4\"}") == "1:42 /title: \\u in a string must be followed by four hex digits");
    CHECK(FirstProblem(head + "\"title\": \"a\\ud83dx\"}") == "1:44 /title: invalid \\u escape: a UTF-16 surrogate pair is broken");
    CHECK(FirstProblem(head + "\"title\": \"a\\ude00\"}") == "1:43 /title: invalid \\u escape: a UTF-16 surrogate pair is broken");
    CHECK(FirstProblem(head + "\"title\": \"a\tb\"}") == "1:38 /title: a control character (U+0009) inside a string must be escaped, e.g. \\t for a tab");
    CHECK(FirstProblem(head + "\"title\": \"\xC3\xA9\xC0\x80\"}") == "1:37 /title: the text is not valid UTF-8 here (save the file as UTF-8)");
    CHECK(FirstProblem(head + "\"title\": \"\xE6\x97") == "1:37 /title: the text is not valid UTF-8 here (save the file as UTF-8)");
    CHECK(FirstProblem(head + "\"x\": tr") == "1:34 /x: unexpected end of input at 1:34 \xE2\x80\x94 the file looks truncated");
    CHECK(FirstProblem(head + "\"x\": [1, 2e400]}") == "1:36 /x: the number 2e400 is too large: values must be finite numbers");
    CHECK(FirstProblem("12 13") == "1:1 : a landscape file is one JSON object ({\"format\": \"landscape/1\", ...}), not a number");
    CHECK(Load(std::string("12 13")).Problems.at(1).Message == "unexpected a number after the end of the JSON value (is something pasted twice?)");
    CHECK(FirstProblem("\xEF\xBB\xBF\xEF\xBB\xBF{\"format\": \"landscape/2\"}").find("1:13 /format: this file is landscape/2") == 0); // a second BOM is skipped too
}

TEST_CASE("a file cut at any byte is refused with a located problem, never a crash")
{
    const std::string text = ReadText(std::string(LANDSCAPE_SOURCE_DIR) + "/tests/data/minimal.json");
    REQUIRE(text.size() > 100);
    size_t last = text.size();
    while (last > 0 && (text[last - 1] == '\n' || text[last - 1] == ' '))
        last--;
    for (size_t cut = 1; cut < last; cut++)
    {
        CAPTURE(cut);
        LoadResult r = Load(text.substr(0, cut));
        REQUIRE(!r.Ok);
        REQUIRE(!r.Problems.empty());
        bool syntax = false;
        for (const Problem& p : r.Problems)
        {
            CHECK(p.Line > 0);
            CHECK(p.Column > 0);
            syntax = syntax || p.Kind == ProblemKind_Syntax;
        }
        CHECK(syntax);
    }
}

TEST_CASE("JsonReader fed in two pieces gives the same callbacks, ends and error at every split")
{
    const std::vector<std::string> texts = {
        "{\"a\": [1, 23 ,true], \"b\":null, \"c\": false}",
        "[\"\\u00e9\\ud83d\\ude00\\n\\\"\", \"\xE4\xB8\xAD\xF0\x9F\x98\x80\", -0.0, 1.5E+30, 0, -12e-3, 123456789012345678901234]",
        "\xEF\xBB\xBF  [ ]  ",
        "[1.x]", "[-a]", "[1e+x]", "[1.", "[1e", "[-", "[01]", "[tru]", "[tru", "[nul", "{'a': 1}", "{\"a\" 1}",
        "[\"\\ud83dx\"]", "[\"\\ud83d\\x\"]", "[\"\\ude00\"]", "[\"\\u12g4\"]", "[\"a\\", "[\"\xE6\x97", "[\"\xC3(\"]", "[\"\xF4\x90\x80\x80\"]",
        "[\"a\nb\"]", "{} []", "{} x", "\xEF\xBBx", "\xEF\xBB", "[1e999]", "[1 2]", "{\"a\": 1 \"b\": 2}", "123", "  12  ",
    };
    for (const std::string& text : texts)
    {
        CAPTURE(text);
        const ReadResult whole = ReadJson(text);
        for (size_t cut = 0; cut <= text.size(); cut++)
        {
            CAPTURE(cut);
            RecordingSink sink;
            ls::JsonReader<RecordingSink> reader(&sink);
            reader.Begin();
            reader.Feed(text.data(), cut);
            reader.Feed(text.data() + cut, text.size() - cut);
            const bool ok = reader.Finish() == ls::JsonStatus_Done;
            CHECK(ok == whole.Ok);
            CHECK(sink.Events == whole.Sink.Events);
            CHECK(sink.Ends == whole.Sink.Ends);
            REQUIRE(sink.HadError == whole.Sink.HadError);
            CHECK(sink.Error.Kind == whole.Sink.Error.Kind);
            CHECK(sink.Error.Context == whole.Sink.Error.Context);
            CHECK(sink.Error.Found == whole.Sink.Error.Found);
            CHECK(sink.Error.Offset == whole.Sink.Error.Offset);
            CHECK(sink.Error.TokenStart == whole.Sink.Error.TokenStart);
            CHECK(sink.Error.TokenEnd == whole.Sink.Error.TokenEnd);
        }
    }
}
