// The loader, rule by rule (docs/format.md): each test breaks one rule of a valid file and expects a
// located problem, so removing the rule makes its test fail. This file: the fixture, the top level,
// ids and references, records. Observations are in test_loader_observations.cpp; limits, text
// problems and positions in test_loader_limits.cpp; conformance data in test_loader_corpus.cpp.
#include "test_loader_helpers.h"

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

TEST_CASE("a metric's decimals and types are checked; an unknown word of its optional enums is read as the default")
{
    struct Case
    {
        const char* Field;
        Json Bad;
        const char* Message;
    };
    const Case errors[] = {
        { "decimals", 7, "\"decimals\" must be a whole number from 0 to 6" },
        { "decimals", 1.5, "whole number" },
        { "decimals", "2", "whole number" },
        { "unit", 5, "\"unit\" must be a string" },
        { "aggregate", 1, "\"aggregate\" must be one of \"none\" or \"sum\", not a number" }, // not a word at all: still an error
        { "better", Json::array(), "\"better\" must be one of \"higher\" or \"lower\", not an array" },
    };
    for (const Case& c : errors)
    {
        CAPTURE(c.Field);
        Json j = Base();
        j["metrics"][0][c.Field] = c.Bad;
        CHECK_REFUSED(Load(j), std::string("/metrics/0/") + c.Field, c.Message);
    }
    // A later edition of the format may add words: the file loads, says so, and the default applies.
    const Case words[] = {
        { "aggregate", "total", "\"aggregate\" must be \"none\" or \"sum\", not \"total\"; the default \"none\" is used" },
        { "aggregate", "Sum", "(did you mean \"sum\"?); the default \"none\" is used" },
        { "better", "higher-is-better", "\"better\" must be \"higher\" or \"lower\", not \"higher-is-better\"; the default \"higher\" is used" },
    };
    for (const Case& c : words)
    {
        CAPTURE(c.Field);
        Json j = Base();
        j["metrics"][0]["aggregate"] = "sum";
        j["metrics"][0]["better"] = "lower";
        j["metrics"][0][c.Field] = c.Bad;
        Dataset ds;
        LoadResult r = Load(j, &ds);
        CHECK_LOADS(r);
        CHECK(r.WarningCount == 1);
        const Problem* p = FindProblem(r, std::string("/metrics/0/") + c.Field, c.Message, ProblemSeverity_Warning);
        REQUIRE_MESSAGE(p != nullptr, Describe(r));
        CHECK(p->Kind == ProblemKind_UnknownValue);
        CHECK(p->Line > 0);
        CHECK(p->Column > 0);
        CHECK(ds.Metrics[0].Summable == (std::string(c.Field) != "aggregate"));        // the default "none" where the word was unknown
        CHECK(ds.Metrics[0].LowerIsBetter == (std::string(c.Field) != "better"));      // the default "higher" where the word was unknown
    }
}

TEST_CASE("a source's kind and date are checked; an unknown kind is read as not given")
{
    Json j = Base();
    j["sources"][0]["kind"] = "company";
    Dataset ds;
    LoadResult r = Load(j, &ds);
    CHECK_LOADS(r);
    CHECK(FindProblem(r, "/sources/0/kind",
                      "must be \"company-reported\", \"third-party-estimate\", \"media-report\", \"analyst-estimate\" or \"other\", not \"company\"; it is read as not given",
                      ProblemSeverity_Warning));
    CHECK(ds.Sources[0].Kind == SourceKind_None);
    j["sources"][0]["kind"] = "media-report";
    CHECK_LOADS(Load(j, &ds));
    CHECK(ds.Sources[0].Kind == SourceKind_MediaReport);
    j["sources"][0]["kind"] = false;
    CHECK_REFUSED(Load(j), "/sources/0/kind", "must be one of");
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
