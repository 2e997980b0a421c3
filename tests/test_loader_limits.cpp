// The loader's limits, text-level problems, positions, pointers, the problem cap and the
// all-or-nothing promise.
#include "test_loader_helpers.h"

#include <cstdint>

//-----------------------------------------------------------------------------
// Limits
//-----------------------------------------------------------------------------

TEST_CASE("the limits of docs/format.md are the defaults")
{
    LoadOptions o;
    CHECK(o.MaxDepth == 64);
    CHECK(o.MaxStringBytes == 64 * 1024);
    CHECK(o.MaxFileBytes == (size_t)256 * 1024 * 1024);
    CHECK(o.MaxObservations == 5000000);
    CHECK(o.MaxProblems == 100);
}

static std::string WithTopField(const std::string& member)
{
    std::string text = Base().dump(1);
    text.insert(1, member + ",\n");
    return text;
}

TEST_CASE("nesting deeper than 64 levels is refused, 64 is fine")
{
    // The top-level object is level 1, so 63 arrays inside it reach 64.
    LoadResult ok = Load(WithTopField("\"deep\": " + std::string(63, '[') + std::string(63, ']')));
    CHECK_LOADS(ok);
    LoadResult r = Load(WithTopField("\"deep\": " + std::string(64, '[') + std::string(64, ']')));
    CHECK(!r.Ok);
    REQUIRE(!r.Problems.empty());
    CHECK(r.Problems[0].Kind == ProblemKind_Limit);
    CHECK(r.Problems[0].Message.find("deeper than 64 levels") != std::string::npos);
    CHECK(r.Problems[0].Line == 1);
    CHECK(r.Problems[0].Column == 73); // the 65th bracket: after "deep": and 63 brackets
    SUBCASE("a hundred thousand brackets do not crash")
    {
        CHECK(!Load(std::string(100000, '[')).Ok);
        CHECK(!Load("{\"a\":" + std::string(100000, '{')).Ok);
    }
}

TEST_CASE("a string longer than 64 KiB is refused, 64 KiB is fine")
{
    CHECK_LOADS(Load(WithTopField("\"description\": \"" + std::string(65536, 'x') + "\"")));
    LoadResult r = Load(WithTopField("\"description\": \"" + std::string(65537, 'x') + "\""));
    CHECK_REFUSED(r, "/description", "longer than the limit of 65,536 bytes (64 KiB)");
    CHECK(r.Problems[0].Column == 17);
    LoadResult key = Load(WithTopField("\"" + std::string(70000, 'k') + "\": 1"));
    CHECK(!key.Ok);
    CHECK(key.Problems[0].Kind == ProblemKind_Limit);
}

TEST_CASE("a file larger than 256 MiB is refused before parsing")
{
    std::string huge((size_t)256 * 1024 * 1024 + 1, ' ');
    LoadResult r = Load(huge);
    CHECK(!r.Ok);
    REQUIRE(r.Problems.size() == 1);
    CHECK(r.Problems[0].Kind == ProblemKind_Limit);
    CHECK(r.Problems[0].Message.find("larger than 256 MiB") != std::string::npos);
}

TEST_CASE("more observations than the limit are refused")
{
    LoadOptions o;
    o.MaxObservations = 5;
    LoadResult r = Load(Base().dump(), nullptr, o);
    CHECK(!r.Ok);
    REQUIRE(!r.Problems.empty());
    CHECK(r.Problems[0].Kind == ProblemKind_Limit);
    CHECK(r.Problems[0].Message.find("more than 5 observations") != std::string::npos);
    o.MaxObservations = 6;
    CHECK(Load(Base().dump(), nullptr, o).Ok);
}

//-----------------------------------------------------------------------------
// Text problems, positions and pointers
//-----------------------------------------------------------------------------

TEST_CASE("text that is not JSON gets a plain-words problem with a position")
{
    struct Case
    {
        const char* Text;
        int Line, Column;
        const char* Message;
    };
    const Case cases[] = {
        { "", 1, 1, "the file is empty" },
        { "  \n\t ", 1, 1, "only white space" },
        { "\n<!DOCTYPE html><html><body>Sign in</body></html>", 2, 1, "this looks like an HTML page, not JSON (a login or error page?)" },
        { "{\"format\": \"landscape/1\",\n \"title\": \"x\",\n \"regions\": [", 3, 14, "unexpected end of input at 3:14 \xE2\x80\x94 the file looks truncated" },
        { "{\"format\": \"landscape/1\", \"title\": \"unfinished", 1, 47, "the file looks truncated" },
        { "{\"format\": \"landscape/1\",}", 1, 26, "remove the trailing comma" },
        { "{\"format\": \"landscape/1\", \"caveats\": [\"a\",]}", 1, 43, "remove the trailing comma" },
        { "{\"format\": \"landscape/1\" \"title\": \"x\"}", 1, 26, "a missing comma?" },
        { "{\"format\": 'landscape/1'}", 1, 12, "not single quotes" },
        { "{format: \"landscape/1\"}", 1, 2, "field names must be in double quotes" },
        { "{\"format\": \"landscape/1\"}\n{}", 2, 1, "after the end of the JSON value" },
        { "{\"title\": \"a\tb\"}", 1, 13, "control character (U+0009)" },
        { "{\"title\": \"a\\qb\"}", 1, 14, "invalid escape" },
        { "{\"title\": \"caf\xE9\"}", 1, 15, "not valid UTF-8" },
        { "{\"x\": 01}", 1, 7, "a number cannot start with 0 (write 1, not 01)" },
        { "{\"x\": -}", 1, 7, "invalid number" },
        { "{\"x\": NaN}", 1, 7, "NaN and Infinity" },
        { "{\"x\": tru}", 1, 7, "unexpected tru:" },
        { "{\"x\": 1 2}", 1, 9, "a missing comma?" },
        { "{\"x\" 1}", 1, 6, "expected ':' after the field name" },
        { "{\"x\": [1 true]}", 1, 10, "expected ',' or ']' after an array item, found true" },
    };
    for (const Case& c : cases)
    {
        CAPTURE(c.Text);
        LoadResult r = Load(std::string(c.Text));
        CAPTURE(Describe(r));
        CHECK(!r.Ok);
        REQUIRE(!r.Problems.empty());
        const Problem& p = r.Problems[0];
        CHECK(p.Kind == ProblemKind_Syntax);
        CHECK_MESSAGE(p.Message.find(c.Message) != std::string::npos, p.Message);
        CHECK(p.Line == c.Line);
        CHECK(p.Column == c.Column);
    }
}

TEST_CASE("NUL bytes and UTF-16 text are refused, not silently cut short")
{
    // nlohmann would stop at a NUL byte and accept {"a":1} from this text.
    LoadResult r = Load(std::string("{\"format\": \"landscape/1\"}\n\0 and more", 34));
    CHECK(!r.Ok);
    REQUIRE(r.Problems.size() == 1);
    CHECK(r.Problems[0].Message.find("NUL byte") != std::string::npos);
    CHECK(r.Problems[0].Line == 2);
    CHECK(r.Problems[0].Column == 1);
    LoadResult utf16 = Load(std::string("\xFF\xFE{\0\"\0", 6));
    REQUIRE(utf16.Problems.size() == 1);
    CHECK(utf16.Problems[0].Message == "this file is UTF-16 text; save it as UTF-8");
}

TEST_CASE("a UTF-8 byte order mark is accepted and not counted in columns")
{
    Dataset ds;
    CHECK_LOADS(Load("\xEF\xBB\xBF" + Base().dump(), &ds));
    CHECK(ds.ObservationCount() == 6);
    LoadResult r = Load(std::string("\xEF\xBB\xBF{\"format\": 2}"));
    REQUIRE(!r.Problems.empty());
    CHECK(r.Problems[0].Line == 1);
    CHECK(r.Problems[0].Column == 12);
}

TEST_CASE("a problem points at the start of the offending value")
{
    const std::string text = "{\"format\": \"landscape/1\",\n"
                             "  \"title\": 12.5e3,\n"
                             "  \"edition\": true,\n"
                             "  \"license\": null,\n"
                             "  \"description\": [1],\n"
                             "  \"publisher\": {\"a\": \"b\\\"c\"},\n"
                             "  \"published\": \"2023-\\u0030\\\"\"\n"
                             "}";
    LoadResult r = Load(text);
    auto at = [&](const char* pointer) {
        for (const Problem& p : r.Problems)
            if (p.Pointer == pointer)
                return std::make_pair(p.Line, p.Column);
        return std::make_pair(0, 0);
    };
    CHECK(at("/title") == std::make_pair(2, 12));       // a number
    CHECK(at("/edition") == std::make_pair(3, 14));     // a literal
    CHECK(at("/description") == std::make_pair(5, 18)); // an array
    CHECK(at("/publisher") == std::make_pair(6, 16));   // an object
    CHECK(at("/published") == std::make_pair(7, 16));   // a string with escaped quotes
    CHECK(at("/license") == std::make_pair(0, 0));      // null for an optional field is fine
}

TEST_CASE("columns count code points, so text after non-ASCII names lines up")
{
    // "小红书" is 9 bytes but 3 columns.
    const std::string text = "{\"format\": \"landscape/1\",\n\"\xE5\xB0\x8F\xE7\xBA\xA2\xE4\xB9\xA6\": 1, \"bogus\": 2}";
    LoadResult r = Load(text);
    const Problem* p = FindProblem(r, "/bogus", "unknown field \"bogus\"", ProblemSeverity_Warning);
    REQUIRE(p);
    CHECK(p->Line == 2);
    CHECK(p->Column == 11);
}

TEST_CASE("pointers escape ~ and / as RFC 6901 says")
{
    CHECK(EscapeJsonPointerToken("a/b~c") == "a~1b~0c");
    CHECK(EscapeJsonPointerToken("~1") == "~01");
    Json j = Base();
    j["entities"][0]["a/b~c"] = 1;
    LoadResult r = Load(j);
    CHECK(FindProblem(r, "/entities/0/a~1b~0c", "unknown field", ProblemSeverity_Warning));
}

TEST_CASE("FormatProblem writes compiler-style lines")
{
    Problem p;
    p.Pointer = "/observations/1234/region";
    p.Line = 5123;
    p.Column = 17;
    p.Message = "unknown region \"apacx\" (did you mean \"apac\"?)";
    CHECK(FormatProblem("landscape.json", p) ==
          "landscape.json:5123:17: error: /observations/1234/region: unknown region \"apacx\" (did you mean \"apac\"?)");
    p.Severity = ProblemSeverity_Warning;
    p.Line = p.Column = 0;
    p.Pointer.clear();
    CHECK(FormatProblem("f.json", p) == "f.json: warning: unknown region \"apacx\" (did you mean \"apac\"?)");
}

//-----------------------------------------------------------------------------
// Many problems, all or nothing
//-----------------------------------------------------------------------------

static Json WithBadValues(int count)
{
    Json j = Base();
    j["observations"] = Json::array();
    for (int i = 0; i < count; i++)
        j["observations"].push_back(
            Json::object({ { "entity", "facebook" }, { "metric", "mau" }, { "region", "apac" }, { "period", 1900 + i % 200 }, { "value", 1 } }));
    return j;
}

TEST_CASE("many problems are reported at once, and the 101st is summarised")
{
    SUBCASE("100 problems are all listed")
    {
        LoadResult r = Load(WithBadValues(100));
        CHECK(r.ErrorCount == 100);
        CHECK(r.Problems.size() == 100);
        CHECK(r.Problems.back().Kind != ProblemKind_Summary);
    }
    SUBCASE("the 101st becomes a summary line")
    {
        LoadResult r = Load(WithBadValues(101));
        CHECK(r.ErrorCount == 101);
        REQUIRE(r.Problems.size() == 101);
        CHECK(r.Problems.back().Kind == ProblemKind_Summary);
        CHECK(r.Problems.back().Message == "1 more problem not shown (1 error, 0 warnings)");
        CHECK(r.Problems.back().Line == 0);
    }
    SUBCASE("a thousand problems: 100 listed in file order, 900 counted")
    {
        LoadResult r = Load(WithBadValues(1000));
        CHECK(r.ErrorCount == 1000);
        REQUIRE(r.Problems.size() == 101);
        CHECK(r.Problems[0].Pointer == "/observations/0/period");
        CHECK(r.Problems[99].Pointer == "/observations/99/period");
        CHECK(r.Problems.back().Message.find("900 more problems not shown") == 0);
    }
    SUBCASE("errors are listed before warnings")
    {
        Json j = WithBadValues(150);
        for (int i = 0; i < 150; i++)
            j["regions"][0]["x" + std::to_string(i)] = 1;
        LoadResult r = Load(j);
        CHECK(r.WarningCount == 150);
        CHECK(r.Problems[99].Severity == ProblemSeverity_Error);
        CHECK(r.Problems.back().Message.find("200 more problems not shown (50 errors, 150 warnings)") == 0);
    }
    SUBCASE("unknown ids used many times are all counted")
    {
        Json j = Base();
        for (Json& o : j["observations"])
            o["region"] = "nowhere";
        for (int i = 0; i < 300; i++)
            j["observations"].push_back(Json::object(
                { { "entity", "facebook" }, { "metric", "mau" }, { "region", "nowhere" }, { "period", std::to_string(1900 + i % 200) + "-Q1" }, { "value", i } }));
        LoadResult r = Load(j);
        CHECK(r.ErrorCount == 306);
        CHECK(r.Problems.size() == 101);
    }
}

TEST_CASE("a failed load leaves the previous dataset untouched")
{
    Dataset ds;
    REQUIRE(Load(Base(), &ds).Ok);
    const size_t rows = ds.ObservationCount();
    const std::string title = ds.Title;
    Json bad = Base();
    bad["title"] = "Replaced";
    bad["observations"][0]["value"] = "oops";
    LoadResult r = Load(bad, &ds);
    CHECK(!r.Ok);
    CHECK(ds.Title == title);
    CHECK(ds.ObservationCount() == rows);
    CHECK(ds.Index.SortedRows.size() == rows);
    CHECK(!Load(std::string("<html>"), &ds).Ok);
    CHECK(!Load(std::string("{\"format\": \"landscape/2\"}"), &ds).Ok);
    CHECK(ds.Title == title);
    SUBCASE("a successful load replaces it")
    {
        bad["observations"][0]["value"] = 1;
        CHECK(Load(bad, &ds).Ok);
        CHECK(ds.Title == "Replaced");
    }
}

TEST_CASE("edit distance stops early above its limit")
{
    CHECK(EditDistance("apac", "apacx", 2) == 1);
    CHECK(EditDistance("kitten", "sitting", 5) == 3);
    CHECK(EditDistance("abc", "abc", 0) == 0);
    CHECK(EditDistance("short", "a much longer word", 2) == 3);
    CHECK(EditDistance("", "ab", 2) == 2);
}
