// The loader, rule by rule (FORMAT.md): each test breaks one rule of a valid file and expects a
// located problem, so removing the rule makes its test fail. Conformance data (the malformed
// corpus, data/*.json, JSONTestSuite, a million rows) is in test_loader_corpus.cpp.
#include "core/loader.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

using namespace ls;
using Json = nlohmann::ordered_json;

//-----------------------------------------------------------------------------
// Helpers
//-----------------------------------------------------------------------------

static std::string ReadText(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// tests/data/minimal.json: a small valid file every rule test starts from.
static Json Base()
{
    static const std::string text = ReadText(std::string(LANDSCAPE_SOURCE_DIR) + "/tests/data/minimal.json");
    Json j = Json::parse(text, nullptr, false);
    REQUIRE(j.is_object());
    return j;
}

static LoadResult Load(const std::string& text, Dataset* ds = nullptr, const LoadOptions& options = LoadOptions())
{
    Dataset scratch;
    return LoadDataset(text, ds ? ds : &scratch, options);
}

static LoadResult Load(const Json& j, Dataset* ds = nullptr) { return Load(j.dump(2), ds); }

static std::string Describe(const LoadResult& r)
{
    std::string s = r.Ok ? "loaded" : "refused";
    for (const Problem& p : r.Problems)
        s += "\n  " + FormatProblem("file", p);
    return s;
}

static const Problem* FindProblem(const LoadResult& r, const std::string& pointer, const std::string& text,
                                  ProblemSeverity severity = ProblemSeverity_Error)
{
    for (const Problem& p : r.Problems)
        if (p.Pointer == pointer && p.Message.find(text) != std::string::npos && p.Severity == severity)
            return &p;
    return nullptr;
}

// The file is refused with a problem at `pointer` whose message contains `text`.
#define CHECK_REFUSED(r, pointer, text)                                                                                                    \
    do                                                                                                                                     \
    {                                                                                                                                      \
        const LoadResult& r_ = (r);                                                                                                        \
        CHECK_MESSAGE(!r_.Ok, Describe(r_));                                                                                               \
        CHECK_MESSAGE(FindProblem(r_, pointer, text) != nullptr, "expected " << pointer << ": " << text << "\n" << Describe(r_));         \
    } while (0)

#define CHECK_LOADS(r)                                                                                                                     \
    do                                                                                                                                     \
    {                                                                                                                                      \
        const LoadResult& r_ = (r);                                                                                                        \
        CHECK_MESSAGE(r_.Ok, Describe(r_));                                                                                                \
        CHECK(r_.ErrorCount == 0);                                                                                                         \
    } while (0)

//-----------------------------------------------------------------------------
// The valid fixture
//-----------------------------------------------------------------------------

TEST_CASE("the minimal fixture loads with every field in place")
{
    Dataset ds;
    LoadResult r = Load(Base(), &ds);
    CHECK_LOADS(r);
    CHECK(r.Problems.empty());
    CHECK(ds.Title == "Minimal landscape (test fixture)");
    CHECK(ds.License == "CC BY 4.0");
    CHECK(ds.Published == "2024-02-29");
    REQUIRE(ds.Caveats.size() == 1);
    REQUIRE(ds.Regions.size() == 4);
    CHECK(ds.Regions[0].World);
    CHECK(ds.Regions[1].Countries == std::vector<std::string>{ "CN", "JP", "KR", "AU" });
    CHECK(ds.Regions[3].Countries.empty());
    CHECK(!ds.Regions[3].World);
    REQUIRE(ds.Entities.size() == 3);
    CHECK(ds.Entities[0].Color == 0x1877F2);
    CHECK(ds.Entities[0].HasColor);
    CHECK(ds.Entities[0].Launched == 2004);
    CHECK(ds.Entities[1].Parent == 0);
    CHECK(!ds.Entities[1].HasColor);
    CHECK(ds.Entities[2].NativeName == "\xE5\xB0\x8F\xE7\xBA\xA2\xE4\xB9\xA6"); // 小红书, bytes kept as UTF-8
    REQUIRE(ds.Metrics.size() == 2);
    CHECK(ds.Metrics[0].Summable);
    CHECK(ds.Metrics[0].Decimals == 0);
    CHECK(!ds.Metrics[1].Summable);
    CHECK(ds.Metrics[1].LowerIsBetter);
    CHECK(ds.Metrics[1].Decimals == -1);
    REQUIRE(ds.Sources.size() == 2);
    CHECK(ds.Sources[0].Kind == SourceKind_CompanyReported);
    CHECK(ds.Sources[0].Date == "2023-07-26");
    REQUIRE(ds.Events.size() == 1);
    CHECK(ds.Events[0].Entities == std::vector<int>{ 1 });
    CHECK(ds.Events[0].Regions == std::vector<int>{ 0 });
    CHECK(ds.Events[0].Source == 0);
    CHECK(FormatPeriod(ds.Events[0].Date) == "2023-07-05");
    REQUIRE(ds.ObservationCount() == 6);
    CHECK(ds.Observations.Values[0] == 1300);
    CHECK(ds.ObservationSource(0) == 0);
    CHECK(ds.ObservationSource(4) == -1);
    CHECK(ds.Observations.Confidences[0] == Confidence_Reported); // the default
    CHECK(ds.Observations.Confidences[3] == Confidence_Estimate);
    CHECK(ds.Observations.Confidences[5] == Confidence_Forecast);
    CHECK(ds.ObservationNote(3) == "third-party figure");
    CHECK(ds.ObservationNote(0) == "");
    CHECK(ds.Index.SortedRows.size() == 6);
}

//-----------------------------------------------------------------------------
// Top level and format
//-----------------------------------------------------------------------------

TEST_CASE("the format field decides whether the file is read at all")
{
    SUBCASE("landscape/1 is read")
    {
        CHECK_LOADS(Load(Base()));
    }
    SUBCASE("another major version is refused with a message naming both versions")
    {
        Json j = Base();
        j["format"] = "landscape/2";
        LoadResult r = Load(j);
        CHECK_REFUSED(r, "/format", "this file is landscape/2; this widget reads landscape/1");
        CHECK(r.Problems.size() == 1); // its other "problems" would be noise
        CHECK(r.Problems[0].Kind == ProblemKind_Format);
        CHECK(r.Problems[0].Line == 2);
    }
    SUBCASE("a later minor version of landscape/1 loads with a warning")
    {
        Json j = Base();
        j["format"] = "landscape/1.1";
        LoadResult r = Load(j);
        CHECK_LOADS(r);
        CHECK(FindProblem(r, "/format", "minor version", ProblemSeverity_Warning));
    }
    SUBCASE("any other string is not a landscape file")
    {
        Json j = Base();
        j["format"] = "geojson";
        CHECK_REFUSED(Load(j), "/format", "this is not a landscape file");
    }
    SUBCASE("a format that is not a string is not a landscape file")
    {
        Json j = Base();
        j["format"] = 1;
        CHECK_REFUSED(Load(j), "/format", "must be the string \"landscape/1\"");
    }
    SUBCASE("a landscape file without format is told to add it")
    {
        Json j = Base();
        j.erase("format");
        CHECK_REFUSED(Load(j), "", "missing required field \"format\"");
    }
    SUBCASE("some other JSON object is told it is not a landscape file, once")
    {
        LoadResult r = Load(std::string("{\"type\": \"FeatureCollection\", \"features\": []}"));
        CHECK_REFUSED(r, "", "not a landscape file");
        CHECK(r.Problems.size() == 1);
    }
    SUBCASE("the top level must be an object")
    {
        CHECK_REFUSED(Load(std::string("[1, 2]")), "", "a landscape file is one JSON object");
        CHECK_REFUSED(Load(std::string("\"landscape/1\"")), "", "a landscape file is one JSON object");
    }
}

TEST_CASE("the required top-level fields must be present and of the right type")
{
    for (const char* field : { "title", "regions", "entities", "metrics", "observations" })
    {
        CAPTURE(field);
        Json j = Base();
        j.erase(field);
        CHECK_REFUSED(Load(j), "", std::string("missing required field \"") + field + "\"");
    }
    SUBCASE("title must be a string")
    {
        Json j = Base();
        j["title"] = 12;
        CHECK_REFUSED(Load(j), "/title", "\"title\" must be a string, not a number");
        j["title"] = nullptr;
        CHECK_REFUSED(Load(j), "/title", "required");
    }
    SUBCASE("record arrays must be arrays")
    {
        for (const char* field : { "regions", "entities", "metrics", "sources", "events" })
        {
            CAPTURE(field);
            Json j = Base();
            j[field] = Json::object();
            CHECK_REFUSED(Load(j), std::string("/") + field, "must be an array");
        }
        Json j = Base();
        j["observations"] = "none";
        CHECK_REFUSED(Load(j), "/observations", "must be an array of observations or a compact table");
    }
    SUBCASE("regions, entities and metrics list at least one record")
    {
        for (const char* field : { "regions", "entities", "metrics" })
        {
            CAPTURE(field);
            Json j = Base();
            j[field] = Json::array();
            CHECK_REFUSED(Load(j), std::string("/") + field, "must list at least one");
        }
    }
    SUBCASE("sources, events and an empty observation list are optional")
    {
        Json j = Base();
        j.erase("sources");
        j.erase("events");
        for (Json& o : j["observations"])
            o.erase("source");
        CHECK_LOADS(Load(j));
        j["observations"] = Json::array();
        CHECK_LOADS(Load(j));
    }
}

TEST_CASE("optional header fields are checked too")
{
    for (const char* field : { "edition", "publisher", "license", "description" })
    {
        CAPTURE(field);
        Json j = Base();
        j[field] = true;
        CHECK_REFUSED(Load(j), std::string("/") + field, "must be a string");
    }
    SUBCASE("published is a date YYYY-MM-DD")
    {
        Json j = Base();
        j["published"] = "2024-02-30";
        CHECK_REFUSED(Load(j), "/published", "date \"2024-02-30\" is not valid");
        j["published"] = "2024-Q1";
        CHECK_REFUSED(Load(j), "/published", "is not valid");
    }
    SUBCASE("caveats are an array of strings")
    {
        Json j = Base();
        j["caveats"] = Json::array({ "ok", 3 });
        CHECK_REFUSED(Load(j), "/caveats/1", "each caveat must be a string");
        j["caveats"] = "one caveat";
        CHECK_REFUSED(Load(j), "/caveats", "must be an array of strings");
    }
}

TEST_CASE("unknown fields are ignored with a warning, never an error")
{
    Json j = Base();
    j["colour_scheme"] = "dark";
    j["entities"][0]["colour"] = "#000000";
    j["observations"][0]["comment"] = "checked";
    j["$schema"] = "data/schema.json"; // expected in files edited against data/schema.json: no warning
    Dataset ds;
    LoadResult r = Load(j, &ds);
    CHECK_LOADS(r);
    CHECK(r.WarningCount == 3);
    CHECK(FindProblem(r, "/colour_scheme", "unknown field \"colour_scheme\" is ignored", ProblemSeverity_Warning));
    CHECK(FindProblem(r, "/entities/0/colour", "did you mean \"color\"?", ProblemSeverity_Warning));
    CHECK(FindProblem(r, "/observations/0/comment", "unknown field", ProblemSeverity_Warning));
    CHECK(ds.ObservationCount() == 6);
    SUBCASE("the warning can be turned off")
    {
        LoadOptions quiet;
        quiet.WarnUnknownFields = false;
        CHECK(Load(j.dump(), nullptr, quiet).WarningCount == 0);
    }
}

TEST_CASE("a field given twice in one object is an error")
{
    std::string text = Base().dump(1);
    size_t at = text.find("\"title\"");
    text.insert(at, "\"title\": \"first\",\n");
    CHECK_REFUSED(Load(text), "/title", "\"title\" appears twice");
}

//-----------------------------------------------------------------------------
// Ids and references
//-----------------------------------------------------------------------------

TEST_CASE("every id matches the id pattern")
{
    for (const char* bad : { "APAC", "asia pacific", "", "-apac", ".apac", "apac/x", "ap\xC3\xA4" })
    {
        CAPTURE(bad);
        Json j = Base();
        j["regions"][1]["id"] = bad;
        CHECK_REFUSED(Load(j), "/regions/1/id", "is not valid: ids are 1 to 64 characters");
    }
    SUBCASE("64 characters is the longest id")
    {
        CHECK(IsValidId(std::string(64, 'a')));
        CHECK(!IsValidId(std::string(65, 'a')));
        Json j = Base();
        j["metrics"][1]["id"] = std::string(65, 'r');
        CHECK_REFUSED(Load(j), "/metrics/1/id", "is not valid");
    }
    SUBCASE("digits, dots, underscores and dashes are fine")
    {
        CHECK(IsValidId("0"));
        CHECK(IsValidId("meta-q2_2023.v1"));
    }
    SUBCASE("a non-string id is refused")
    {
        Json j = Base();
        j["sources"][0]["id"] = 7;
        CHECK_REFUSED(Load(j), "/sources/0/id", "must be an id string");
    }
    SUBCASE("the message proposes a valid id")
    {
        Json j = Base();
        j["regions"][1]["id"] = "Asia Pacific";
        CHECK_REFUSED(Load(j), "/regions/1/id", "(for example \"asia-pacific\")");
    }
}

TEST_CASE("an id is unique within its array, not across arrays")
{
    for (const char* array : { "regions", "entities", "metrics", "sources" })
    {
        CAPTURE(array);
        Json j = Base();
        j[array][1]["id"] = j[array][0]["id"];
        CHECK_REFUSED(Load(j), std::string("/") + array + "/1/id", std::string("/") + array + "/0 already uses it");
    }
    Json j = Base();
    j["sources"][1]["id"] = "facebook"; // the id of an entity: a different array, so fine
    for (Json& o : j["observations"])
        if (o.contains("source") && o["source"] == "est")
            o["source"] = "facebook";
    CHECK_LOADS(Load(j));
}

TEST_CASE("every reference resolves, with a suggestion for a near miss")
{
    struct Case
    {
        const char* Path[3];
        const char* Pointer;
        const char* Message;
    };
    const Case cases[] = {
        { { "observations", "0", "region" }, "/observations/0/region", "unknown region \"apacx\" (did you mean \"apac\"?)" },
        { { "observations", "0", "entity" }, "/observations/0/entity", "unknown entity \"apacx\"" },
        { { "observations", "0", "metric" }, "/observations/0/metric", "unknown metric \"apacx\"" },
        { { "observations", "0", "source" }, "/observations/0/source", "unknown source \"apacx\"" },
        { { "entities", "1", "parent" }, "/entities/1/parent", "unknown entity \"apacx\"" },
        { { "events", "0", "source" }, "/events/0/source", "unknown source \"apacx\"" },
    };
    for (const Case& c : cases)
    {
        CAPTURE(c.Pointer);
        Json j = Base();
        j[c.Path[0]][std::stoi(c.Path[1])][c.Path[2]] = "apacx";
        CHECK_REFUSED(Load(j), c.Pointer, c.Message);
    }
    SUBCASE("ids listed by events resolve too")
    {
        Json j = Base();
        j["events"][0]["entities"] = Json::array({ "instagram", "instagran" });
        j["events"][0]["regions"] = Json::array({ "wrld" });
        LoadResult r = Load(j);
        CHECK_REFUSED(r, "/events/0/entities/1", "unknown entity \"instagran\" (did you mean \"instagram\"?)");
        CHECK_REFUSED(r, "/events/0/regions/0", "unknown region \"wrld\" (did you mean \"world\"?)");
    }
    SUBCASE("no suggestion when nothing is close")
    {
        Json j = Base();
        j["observations"][0]["region"] = "latin-america";
        LoadResult r = Load(j);
        const Problem* p = FindProblem(r, "/observations/0/region", "unknown region \"latin-america\"");
        REQUIRE(p);
        CHECK(p->Message.find("did you mean") == std::string::npos);
    }
    SUBCASE("a reference must be a string")
    {
        Json j = Base();
        j["observations"][2]["entity"] = 3;
        CHECK_REFUSED(Load(j), "/observations/2/entity", "must be a entity id (a string)");
    }
}

TEST_CASE("records may come after the observations that use them")
{
    // JSON members have no order; a writer with sorted keys puts "regions" after "observations".
    Dataset ds;
    LoadResult r = Load(Base().dump(2), &ds);
    CHECK_LOADS(r);
    nlohmann::json sorted = nlohmann::json::parse(Base().dump(), nullptr, false); // std::map: keys sorted
    Dataset ds_sorted;
    LoadResult r_sorted = Load(sorted.dump(1), &ds_sorted);
    CHECK_LOADS(r_sorted);
    REQUIRE(ds_sorted.ObservationCount() == ds.ObservationCount());
    for (uint32_t row = 0; row < ds.ObservationCount(); row++)
    {
        CHECK(ds_sorted.Observations.Regions[row] == ds.Observations.Regions[row]);
        CHECK(ds_sorted.Observations.Entities[row] == ds.Observations.Entities[row]);
        CHECK(ds_sorted.Observations.Sources[row] == ds.Observations.Sources[row]);
    }
    CHECK(ds_sorted.Entities[1].Parent == 0);

    SUBCASE("an id that never gets defined is still reported where it was used")
    {
        Json j = Json::parse(sorted.dump(), nullptr, false);
        j["observations"][4]["region"] = "wrld";
        nlohmann::json again = nlohmann::json::parse(j.dump(), nullptr, false);
        CHECK_REFUSED(Load(again.dump(1)), "/observations/4/region", "unknown region \"wrld\" (did you mean \"world\"?)");
    }
}

//-----------------------------------------------------------------------------
// Records
//-----------------------------------------------------------------------------

TEST_CASE("each record needs its required fields")
{
    struct Case
    {
        const char* Array;
        const char* Field;
    };
    const Case cases[] = { { "regions", "id" },      { "regions", "name" }, { "entities", "id" }, { "entities", "name" },
                           { "metrics", "id" },      { "metrics", "name" }, { "metrics", "unit" }, { "sources", "id" },
                           { "sources", "title" },   { "events", "date" },  { "events", "title" }, { "observations", "entity" },
                           { "observations", "metric" }, { "observations", "region" }, { "observations", "period" }, { "observations", "value" } };
    for (const Case& c : cases)
    {
        CAPTURE(c.Array);
        CAPTURE(c.Field);
        Json j = Base();
        j[c.Array][0].erase(c.Field);
        CHECK_REFUSED(Load(j), std::string("/") + c.Array + "/0", std::string("missing required field \"") + c.Field + "\"");
    }
    SUBCASE("a record must be an object")
    {
        Json j = Base();
        j["regions"].push_back("asia");
        CHECK_REFUSED(Load(j), "/regions/4", "each region must be an object, not a string");
        j = Base();
        j["observations"].push_back(Json::array({ 1 }));
        CHECK_REFUSED(Load(j), "/observations/6", "each observation must be an object, not an array");
    }
}

TEST_CASE("a region lists ISO alpha-2 country codes and may be the world")
{
    SUBCASE("lower case codes are refused with the fix")
    {
        Json j = Base();
        j["regions"][1]["countries"][1] = "jp";
        CHECK_REFUSED(Load(j), "/regions/1/countries/1", "country code \"jp\" must be upper case: \"JP\"");
    }
    SUBCASE("codes that are not two letters are refused")
    {
        for (const char* bad : { "JPN", "J", "", "J1", "Japan" })
        {
            CAPTURE(bad);
            Json j = Base();
            j["regions"][1]["countries"][0] = bad;
            CHECK_REFUSED(Load(j), "/regions/1/countries/0", "is not an ISO 3166-1 alpha-2 code");
        }
    }
    SUBCASE("countries is an array of strings")
    {
        Json j = Base();
        j["regions"][1]["countries"] = "JP";
        CHECK_REFUSED(Load(j), "/regions/1/countries", "must be an array of country codes");
        j["regions"][1]["countries"] = Json::array({ 81 });
        CHECK_REFUSED(Load(j), "/regions/1/countries/0", "must be a country code");
    }
    SUBCASE("world is true or false")
    {
        Json j = Base();
        j["regions"][0]["world"] = "yes";
        CHECK_REFUSED(Load(j), "/regions/0/world", "must be true or false");
    }
}

TEST_CASE("an entity's optional fields have their shapes")
{
    SUBCASE("hq_country is an ISO alpha-2 code")
    {
        Json j = Base();
        j["entities"][0]["hq_country"] = "USA";
        CHECK_REFUSED(Load(j), "/entities/0/hq_country", "not an ISO 3166-1 alpha-2 code");
    }
    SUBCASE("launched is a whole year")
    {
        for (Json bad : { Json("2004"), Json(2004.5), Json(-5), Json(99999) })
        {
            CAPTURE(bad.dump());
            Json j = Base();
            j["entities"][0]["launched"] = bad;
            CHECK_REFUSED(Load(j), "/entities/0/launched", "must be a year");
        }
    }
    SUBCASE("color is # and six hex digits")
    {
        for (const char* bad : { "blue", "#12345", "#1234567", "#GGGGGG", "1877F2" })
        {
            CAPTURE(bad);
            Json j = Base();
            j["entities"][0]["color"] = bad;
            CHECK_REFUSED(Load(j), "/entities/0/color", "must look like \"#1877F2\"");
        }
        Json j = Base();
        j["entities"][0]["color"] = "#abcdef";
        Dataset ds;
        CHECK_LOADS(Load(j, &ds));
        CHECK(ds.Entities[0].Color == 0xABCDEF);
        CHECK(FormatColor(ds.Entities[0].Color) == "#abcdef");
    }
    SUBCASE("text fields are strings")
    {
        for (const char* field : { "native_name", "owner", "category", "note" })
        {
            CAPTURE(field);
            Json j = Base();
            j["entities"][0][field] = 1;
            CHECK_REFUSED(Load(j), std::string("/entities/0/") + field, "must be a string");
        }
    }
}

TEST_CASE("a parent loop loads with a warning and is broken")
{
    Json j = Base();
    j["entities"][0]["parent"] = "instagram"; // facebook -> instagram -> facebook
    Dataset ds;
    LoadResult r = Load(j, &ds);
    CHECK_LOADS(r);
    CHECK(FindProblem(r, "/entities/1/parent", "loops back to \"facebook\"", ProblemSeverity_Warning));
    int steps = 0;
    for (int e = 0; e >= 0 && steps < 10; e = ds.Entities[e].Parent)
        steps++;
    CHECK(steps < 10);
}

TEST_CASE("a metric's enums and decimals are checked")
{
    struct Case
    {
        const char* Field;
        Json Bad;
        const char* Message;
    };
    const Case cases[] = {
        { "aggregate", "total", "\"aggregate\" must be \"none\" or \"sum\", not \"total\"" },
        { "aggregate", "Sum", "(did you mean \"sum\"?)" },
        { "better", "higher-is-better", "\"better\" must be \"higher\" or \"lower\"" },
        { "decimals", 7, "\"decimals\" must be a whole number from 0 to 6" },
        { "decimals", 1.5, "whole number" },
        { "decimals", "2", "whole number" },
        { "unit", 5, "\"unit\" must be a string" },
    };
    for (const Case& c : cases)
    {
        CAPTURE(c.Field);
        Json j = Base();
        j["metrics"][0][c.Field] = c.Bad;
        CHECK_REFUSED(Load(j), std::string("/metrics/0/") + c.Field, c.Message);
    }
}

TEST_CASE("a source's kind and date are checked")
{
    Json j = Base();
    j["sources"][0]["kind"] = "company";
    CHECK_REFUSED(Load(j), "/sources/0/kind", "must be \"company-reported\", \"third-party-estimate\", \"media-report\", \"analyst-estimate\" or \"other\"");
    j = Base();
    j["sources"][0]["date"] = "26/07/2023";
    CHECK_REFUSED(Load(j), "/sources/0/date", "is not valid");
    j = Base();
    j["sources"][0]["url"] = Json::array();
    CHECK_REFUSED(Load(j), "/sources/0/url", "must be a string");
}

TEST_CASE("an event has a full date")
{
    Json j = Base();
    j["events"][0]["date"] = "2023-07";
    CHECK_REFUSED(Load(j), "/events/0/date", "a full date YYYY-MM-DD is needed here");
    j["events"][0]["date"] = "2023-02-29";
    CHECK_REFUSED(Load(j), "/events/0/date", "not a leap year");
    j = Base();
    j["events"][0]["entities"] = "instagram";
    CHECK_REFUSED(Load(j), "/events/0/entities", "must be an array of entity ids");
}

//-----------------------------------------------------------------------------
// Observations
//-----------------------------------------------------------------------------

TEST_CASE("an observation's value is a finite JSON number")
{
    SUBCASE("a number in a string is refused with the fix")
    {
        Json j = Base();
        j["observations"][1]["value"] = "410";
        CHECK_REFUSED(Load(j), "/observations/1/value", "must be a JSON number, not a string (write 410 without quotes)");
    }
    SUBCASE("null is refused")
    {
        Json j = Base();
        j["observations"][1]["value"] = nullptr;
        CHECK_REFUSED(Load(j), "/observations/1/value", "\"value\" is null");
    }
    SUBCASE("true, objects and arrays are refused")
    {
        for (Json bad : { Json(true), Json::object(), Json::array() })
        {
            Json j = Base();
            j["observations"][1]["value"] = bad;
            CHECK_REFUSED(Load(j), "/observations/1/value", "must be a finite number");
        }
    }
    SUBCASE("a number too large for a double is refused clearly")
    {
        std::string text = Base().dump(1);
        size_t at = text.find("410");
        text.replace(at, 3, "1e999");
        LoadResult r = Load(text);
        CHECK_REFUSED(r, "/observations/1/value", "the number 1e999 is too large");
        CHECK(r.Problems[0].Column > 0);
    }
    SUBCASE("NaN and Infinity are refused")
    {
        for (const char* bad : { "NaN", "Infinity", "-Infinity" })
        {
            CAPTURE(bad);
            std::string text = Base().dump(1);
            text.replace(text.find("410"), 3, bad);
            LoadResult r = Load(text);
            CHECK(!r.Ok);
            REQUIRE(!r.Problems.empty());
            CHECK(r.Problems[0].Message.find("finite numbers") != std::string::npos);
        }
    }
    SUBCASE("integers, negatives, fractions and exponents are fine")
    {
        Json j = Base();
        j["observations"][0]["value"] = -3;
        j["observations"][1]["value"] = 0.25;
        j["observations"][2]["value"] = 18446744073709551615ull;
        Dataset ds;
        CHECK_LOADS(Load(j, &ds));
        CHECK(ds.Observations.Values[0] == -3);
        CHECK(ds.Observations.Values[1] == 0.25);
        CHECK(ds.Observations.Values[2] == doctest::Approx(1.8446744073709552e19));
    }
}

TEST_CASE("an observation's period follows the period grammar")
{
    for (const char* bad : { "2023-Q5", "2023-13", "1899", "2023-02-29", "Q2 2023", "2023-6" })
    {
        CAPTURE(bad);
        Json j = Base();
        j["observations"][0]["period"] = bad;
        CHECK_REFUSED(Load(j), "/observations/0/period", std::string("period \"") + bad + "\" is not valid");
    }
    Json j = Base();
    j["observations"][0]["period"] = 2023;
    CHECK_REFUSED(Load(j), "/observations/0/period", "must be a period such as \"2023-Q2\"");
}

TEST_CASE("an observation's confidence is one of three words and defaults to reported")
{
    Json j = Base();
    j["observations"][0]["confidence"] = "estimated";
    CHECK_REFUSED(Load(j), "/observations/0/confidence", "(did you mean \"estimate\"?)");
    j["observations"][0]["confidence"] = 2;
    CHECK_REFUSED(Load(j), "/observations/0/confidence", "must be one of");
    j["observations"][0]["note"] = 5;
    CHECK_REFUSED(Load(j), "/observations/0/note", "\"note\" must be a string");
}

TEST_CASE("null for an optional observation field means absent")
{
    Json j = Base();
    j["observations"][0]["source"] = nullptr;
    j["observations"][0]["confidence"] = nullptr;
    j["observations"][0]["note"] = nullptr;
    Dataset ds;
    CHECK_LOADS(Load(j, &ds));
    CHECK(ds.ObservationSource(0) == -1);
    CHECK(ds.Observations.Confidences[0] == Confidence_Reported);
    j["observations"][0]["region"] = nullptr;
    CHECK_REFUSED(Load(j), "/observations/0/region", "\"region\" is required and cannot be null");
}

TEST_CASE("two observations for the same entity, metric, region and period are an error naming the first")
{
    Json j = Base();
    Json copy = j["observations"][0];
    copy["value"] = 1;
    j["observations"].push_back(copy);
    LoadResult r = Load(j);
    CHECK_REFUSED(r, "/observations/6", "duplicate observation");
    CHECK_REFUSED(r, "/observations/6", "are already given at /observations/0 (line ");
    SUBCASE("a different period kind starting the same day is not a duplicate")
    {
        Json k = Base();
        Json other = k["observations"][0];
        other["period"] = "2023-04"; // 2023-Q2 also starts on 1 April
        k["observations"].push_back(other);
        CHECK_LOADS(Load(k));
    }
    SUBCASE("three copies: both later ones name the first")
    {
        j["observations"].push_back(copy);
        LoadResult r3 = Load(j);
        CHECK(FindProblem(r3, "/observations/6", "/observations/0 ("));
        CHECK(FindProblem(r3, "/observations/7", "/observations/0 ("));
    }
}

//-----------------------------------------------------------------------------
// Compact table form
//-----------------------------------------------------------------------------

static Json Compact(const Json& base, const std::vector<std::string>& columns)
{
    Json j = base;
    Json rows = Json::array();
    for (const Json& o : base["observations"])
    {
        Json row = Json::array();
        for (const std::string& c : columns)
            row.push_back(o.contains(c) ? o[c] : Json(nullptr));
        rows.push_back(row);
    }
    j["observations"] = Json::object({ { "columns", columns }, { "rows", rows } });
    return j;
}

static const std::vector<std::string> kAllColumns = { "entity", "metric", "region", "period", "value", "source", "confidence", "note" };

TEST_CASE("the compact table form loads the same observations as the object form")
{
    Dataset objects, table;
    CHECK_LOADS(Load(Base(), &objects));
    CHECK_LOADS(Load(Compact(Base(), kAllColumns), &table));
    REQUIRE(table.ObservationCount() == objects.ObservationCount());
    for (uint32_t row = 0; row < table.ObservationCount(); row++)
    {
        CHECK(table.Observations.Values[row] == objects.Observations.Values[row]);
        CHECK(table.Observations.Periods[row] == objects.Observations.Periods[row]);
        CHECK(table.Observations.Sources[row] == objects.Observations.Sources[row]);
        CHECK(table.Observations.Confidences[row] == objects.Observations.Confidences[row]);
        CHECK(table.ObservationNote(row) == objects.ObservationNote(row));
    }
    SUBCASE("columns may be any subset in any order that has the five required ones")
    {
        Dataset few;
        CHECK_LOADS(Load(Compact(Base(), { "value", "period", "region", "metric", "entity" }), &few));
        CHECK(few.ObservationCount() == 6);
        CHECK(few.ObservationSource(0) == -1);
    }
    SUBCASE("rows may come before columns")
    {
        Json j = Compact(Base(), kAllColumns);
        Json reordered = j;
        reordered["observations"] = Json::object({ { "rows", j["observations"]["rows"] }, { "columns", j["observations"]["columns"] } });
        Dataset late;
        CHECK_LOADS(Load(reordered, &late));
        CHECK(late.ObservationCount() == 6);
        reordered["observations"]["rows"][2][3] = "2023-Q9";
        CHECK_REFUSED(Load(reordered), "/observations/rows/2/3", "period \"2023-Q9\" is not valid");
    }
}

TEST_CASE("the compact table form has its own rules and the object form's")
{
    SUBCASE("columns must include the five required ones")
    {
        CHECK_REFUSED(Load(Compact(Base(), { "entity", "metric", "region", "period" })), "/observations/columns", "must include \"value\"");
    }
    SUBCASE("each row has exactly as many cells as columns")
    {
        Json j = Compact(Base(), kAllColumns);
        j["observations"]["rows"][1].erase(7);
        CHECK_REFUSED(Load(j), "/observations/rows/1", "this row has 7 cells but \"columns\" names 8");
        j = Compact(Base(), kAllColumns);
        j["observations"]["rows"][2].push_back("extra");
        CHECK_REFUSED(Load(j), "/observations/rows/2", "this row has 9 cells");
    }
    SUBCASE("an unknown column is ignored with a warning; a repeated one is an error")
    {
        std::vector<std::string> columns = kAllColumns;
        columns.push_back("flag");
        LoadResult r = Load(Compact(Base(), columns));
        CHECK_LOADS(r);
        CHECK(FindProblem(r, "/observations/columns/8", "unknown column \"flag\"", ProblemSeverity_Warning));
        Json j = Compact(Base(), kAllColumns);
        j["observations"]["columns"][7] = "value";
        CHECK_REFUSED(Load(j), "/observations/columns/7", "column \"value\" is listed twice");
    }
    SUBCASE("cells follow the object form's rules, located by row and cell")
    {
        Json j = Compact(Base(), kAllColumns);
        j["observations"]["rows"][3][4] = "260";
        j["observations"]["rows"][4][2] = "wrld";
        j["observations"]["rows"][0][4] = nullptr;
        LoadResult r = Load(j);
        CHECK_REFUSED(r, "/observations/rows/3/4", "must be a JSON number, not a string");
        CHECK_REFUSED(r, "/observations/rows/4/2", "unknown region \"wrld\"");
        CHECK_REFUSED(r, "/observations/rows/0/4", "\"value\" is null");
    }
    SUBCASE("duplicates are found in the compact form too")
    {
        Json j = Compact(Base(), kAllColumns);
        j["observations"]["rows"].push_back(j["observations"]["rows"][1]);
        CHECK_REFUSED(Load(j), "/observations/rows/6", "already given at /observations/rows/1");
    }
    SUBCASE("a row is an array, and the table needs both members")
    {
        Json j = Compact(Base(), kAllColumns);
        j["observations"]["rows"][0] = Json::object();
        CHECK_REFUSED(Load(j), "/observations/rows/0", "each row must be an array");
        j = Compact(Base(), kAllColumns);
        j["observations"].erase("rows");
        CHECK_REFUSED(Load(j), "/observations", "missing required field \"rows\"");
    }
}

//-----------------------------------------------------------------------------
// Limits
//-----------------------------------------------------------------------------

TEST_CASE("the limits of FORMAT.md are the defaults")
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
