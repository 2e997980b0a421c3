// The state doors (URL hash, state JSON, resolution against the data): every kind of input they
// cannot use is reported with its key, value and a plain message, the valid rest still applies,
// and a generated fuzz over the real data file keeps the promises of view_state.h.
#include "core/loader.h"
#include "core/view_state.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <sstream>

using namespace ls;
using Problems = std::vector<StateProblem>;

//-----------------------------------------------------------------------------
// Helpers
//-----------------------------------------------------------------------------

static std::string ReadFileText(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

static const Dataset& Fixture()
{
    static Dataset ds;
    static bool loaded = LoadDataset(ReadFileText(std::string(LANDSCAPE_SOURCE_DIR) + "/tests/data/minimal.json"), &ds).Ok;
    REQUIRE(loaded);
    return ds;
}

static const Dataset& RealData()
{
    static Dataset ds;
    static bool loaded = LoadDataset(ReadFileText(std::string(LANDSCAPE_SOURCE_DIR) + "/data/landscape.json"), &ds).Ok;
    REQUIRE(loaded);
    return ds;
}

static std::string Describe(const Problems& problems)
{
    std::string s;
    for (const StateProblem& p : problems)
        s += "\n  [" + p.Key + "] \"" + p.Value + "\": " + p.Message;
    return s.empty() ? "(no problems)" : s;
}

// The one problem with this key and value; its message must be exactly `message`.
static void CheckProblem(const Problems& problems, const std::string& key, const std::string& value, const std::string& message)
{
    std::string listed = Describe(problems);
    CAPTURE(listed);
    const StateProblem* found = nullptr;
    for (const StateProblem& p : problems)
        if (p.Key == key && p.Value == value)
            found = &p;
    REQUIRE_MESSAGE(found, "no problem for key \"" << key << "\" value \"" << value << "\"");
    CHECK(found->Message == message);
}

static Problems Hash(const std::string& hash, ViewState* s)
{
    Problems problems;
    CHECK(DecodeHash(hash, s, &problems));
    return problems;
}

static Problems Json(const std::string& json, ViewState* s)
{
    Problems problems;
    CHECK(ViewStateFromJson(json, s, &problems));
    return problems;
}

//-----------------------------------------------------------------------------
// The hash
//-----------------------------------------------------------------------------

TEST_CASE("the hash reports each thing it cannot use and applies the rest")
{
    ViewState s;
    SUBCASE("unknown keys and values")
    {
        Problems p = Hash("#ls1:view=trends&colour=red&scale=cubic&by=country&origin=yes&sort=up&metric=mau", &s);
        CHECK(p.size() == 6);
        CheckProblem(p, "view", "trends", "unknown view \"trends\" (expected one of map, trend, compare, share, table, sources)");
        CheckProblem(p, "colour", "red", "unknown key \"colour\" (expected one of view, metric, granularity, entities, regions, period, scale, by, origin, sort, filter)");
        CheckProblem(p, "scale", "cubic", "unknown scale \"cubic\" (expected one of linear, log)");
        CheckProblem(p, "by", "country", "unknown comparison \"country\" (expected one of entity, region)");
        CheckProblem(p, "origin", "yes", "unknown origin grouping \"yes\" (expected one of 1, 0)");
        CheckProblem(p, "sort", "up", "unknown sort order \"up\" (expected one of desc, asc)");
        ViewState expected;
        expected.Metric = "mau";
        CHECK(s == expected); // the valid pair applied, the bad ones left the defaults
    }
    SUBCASE("malformed percent-escapes drop the pair (or the list item), whichever form they take")
    {
        Problems p = Hash("ls1:filter=a%&period=%4&metric=%zzx&entities=facebook,in%ZZsta,xiao&view=trend", &s);
        CHECK(p.size() == 4);
        CheckProblem(p, "filter", "a%", "malformed percent-escape \"%\"");
        CheckProblem(p, "period", "%4", "malformed percent-escape \"%4\"");
        CheckProblem(p, "metric", "%zzx", "malformed percent-escape \"%zz\"");
        CheckProblem(p, "entities", "in%ZZsta", "malformed percent-escape \"%ZZ\"");
        CHECK(s.Filter.empty());
        CHECK(s.Period.empty());
        CHECK(s.Metric.empty());
        CHECK(s.Entities == std::vector<std::string>{ "facebook", "xiao" });
        CHECK(s.View == ViewKind_Trend);
    }
    SUBCASE("bytes that are not UTF-8 text and control characters")
    {
        Problems p = Hash("ls1:filter=caf%C3&metric=%00mau&regions=%FF,apac&view=map", &s);
        CheckProblem(p, "filter", "caf%C3", "value is not UTF-8 text");
        CheckProblem(p, "metric", "%00mau", "value contains control characters");
        CheckProblem(p, "regions", "%FF", "value is not UTF-8 text");
        CHECK(s.Regions == std::vector<std::string>{ "apac" });
        CHECK(Hash("ls1:filter=caf%C3%A9", &s).empty());
        CHECK(s.Filter == "caf\xC3\xA9");
    }
    SUBCASE("malformed pairs; empty pairs are harmless")
    {
        Problems p = Hash("#ls1:junk&&=x&view=share&%zz=1&", &s);
        CHECK(p.size() == 3);
        CheckProblem(p, "", "junk", "malformed pair \"junk\" (expected key=value)");
        CheckProblem(p, "", "=x", "pair \"=x\" has no key");
        CheckProblem(p, "", "%zz=1", "malformed percent-escape \"%zz\" in a key");
        CHECK(s.View == ViewKind_Share);
    }
    SUBCASE("an empty id inside a list; an empty list or metric is the default")
    {
        Problems p = Hash("#ls1:entities=facebook,,snapchat&metric=&regions=", &s);
        CHECK(p.size() == 1);
        CheckProblem(p, "entities", "", "empty id");
        CHECK(s.Entities == std::vector<std::string>{ "facebook", "snapchat" });
    }
    SUBCASE("a link from a newer widget is refused and said so; a page anchor is not ours")
    {
        ViewState before;
        before.View = ViewKind_Table;
        s = before;
        Problems p;
        CHECK(!DecodeHash("#ls2:view=globe", &s, &p));
        REQUIRE(p.size() == 1);
        CheckProblem(p, "", "ls2:", "links of version \"ls2\" are not supported (this widget reads ls1)");
        p.clear();
        CHECK(!DecodeHash("#section-2", &s, &p));
        CHECK(!DecodeHash("#ls1", &s, &p));
        CHECK(!DecodeHash("", &s, &p));
        CHECK(p.empty());
        CHECK(s == before);
    }
    SUBCASE("a repeated key: the last one wins, without a problem")
    {
        CHECK(Hash("ls1:view=table&view=sources", &s).empty());
        CHECK(s.View == ViewKind_Sources);
    }
}

TEST_CASE("absurd hashes are refused before any work, and long values skipped")
{
    ViewState s;
    s.View = ViewKind_Compare;
    const ViewState before = s;
    SUBCASE("a 10 MB link costs nothing")
    {
        std::string huge = "#ls1:view=trend&filter=" + std::string(10u << 20, 'a');
        Problems p;
        double fastest = 1e9;
        for (int i = 0; i < 3; i++)
        {
            p.clear();
            auto t0 = std::chrono::steady_clock::now();
            CHECK(!DecodeHash(huge, &s, &p));
            fastest = std::min(fastest, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        CHECK(fastest < 5.0); // scanning 10 MB would take several ms even unsanitised
        REQUIRE(p.size() == 1);
        CHECK(p[0].Key.empty());
        CHECK(p[0].Message == "the link is " + std::to_string(huge.size()) + " bytes long (limit 65536)");
        CHECK(p[0].Value == "ls1:view=trend&filter=" + std::string(kMaxProblemValueBytes - 22, 'a') + "\xE2\x80\xA6");
        CHECK(s == before);
    }
    SUBCASE("a value or id over its limit is skipped; the rest applies")
    {
        std::string long_filter(5000, 'f'), long_id(300, 'e');
        Problems p = Hash("ls1:view=trend&filter=" + long_filter + "&entities=facebook," + long_id + "&metric=" + long_id, &s);
        CHECK(p.size() == 3);
        CheckProblem(p, "filter", std::string(kMaxProblemValueBytes, 'f') + "\xE2\x80\xA6", "value is 5000 bytes long (limit 1024)");
        CHECK(p[1].Message == "id is 300 bytes long (limit 256)");
        CHECK(p[2].Key == "metric");
        CHECK(s.View == ViewKind_Trend);
        CHECK(s.Entities == std::vector<std::string>{ "facebook" });
        CHECK(s.Filter.empty());
        CHECK(s.Metric.empty());
    }
    SUBCASE("more ids than the limit: the first ones are kept")
    {
        std::string list;
        for (int i = 0; i < 300; i++)
            list += (i ? "," : "") + std::to_string(i);
        Problems p = Hash("ls1:regions=" + list, &s);
        REQUIRE(p.size() == 1);
        CHECK(p[0].Key == "regions");
        CHECK(p[0].Message == "300 ids given (limit 256); the first 256 are kept");
        CHECK(s.Regions.size() == kMaxListItems);
        CHECK(s.Regions.back() == "255");
    }
    SUBCASE("a flood of bad pairs gives a short list that counts the rest")
    {
        std::string hash = "ls1:view=map";
        for (int i = 0; i < 1000; i++)
            hash += "&k" + std::to_string(i) + "=v";
        Problems p = Hash(hash, &s);
        REQUIRE(p.size() == kMaxStateProblems + 1);
        CHECK(p[0].Key == "k0");
        CHECK(p.back().Key.empty());
        CHECK(p.back().Message == "980 more problems not listed");
    }
}

TEST_CASE("a problem's value is clipped at a UTF-8 boundary")
{
    std::string word;
    for (int i = 0; i < 40; i++)
        word += "\xC3\xA9"; // é: 80 bytes in 40 two-byte characters
    std::string value = "x" + word; // 81 bytes: the cut falls inside an é
    Problems p;
    AddStateProblem(&p, "filter", value, "m");
    REQUIRE(p.size() == 1);
    CHECK(p[0].Value == "x" + word.substr(0, 78) + "\xE2\x80\xA6");
    AddStateProblem(nullptr, "filter", value, "nobody asked"); // no list: nothing happens
}

//-----------------------------------------------------------------------------
// The state JSON
//-----------------------------------------------------------------------------

TEST_CASE("the state JSON reports wrong types, unknown members and values, and applies the rest")
{
    ViewState s;
    Problems p = Json(R"({"view": "trends", "metric": ["x"], "entities": "facebook", "regions": [1, "apac", null, ""],
                          "scale": "cubic", "compare_by": true, "group_by_origin": "yes", "sort_descending": 0,
                          "filter": {"a": [1, 2]}, "period": 2023, "future_option": {"a": [1]}, "version": 2})",
                      &s);
    CHECK(p.size() == 14);
    CheckProblem(p, "view", "trends", "unknown view \"trends\" (expected one of map, trend, compare, share, table, sources)");
    CheckProblem(p, "metric", "[\"x\"]", "expected a string id, not an array");
    CheckProblem(p, "entities", "facebook", "expected an array of string ids, not a string");
    CheckProblem(p, "regions", "1", "expected a string id, not a number");
    CheckProblem(p, "regions", "null", "expected a string id, not null");
    CheckProblem(p, "regions", "", "empty id");
    CheckProblem(p, "scale", "cubic", "unknown scale \"cubic\" (expected one of linear, log)");
    CheckProblem(p, "compare_by", "true", "expected a string, not a boolean");
    CheckProblem(p, "group_by_origin", "yes", "expected true or false, not a string");
    CheckProblem(p, "sort_descending", "0", "expected true or false, not a number");
    CheckProblem(p, "filter", "{\"a\":[1,2]}", "expected a string, not an object");
    CheckProblem(p, "period", "2023", "expected a string, not a number");
    CheckProblem(p, "future_option", "{\"a\":[1]}",
                 "unknown key \"future_option\" (expected one of version, view, metric, granularity, entities, regions, period, scale, compare_by, "
                 "group_by_origin, sort_descending, filter)");
    CheckProblem(p, "version", "2", "unsupported version (this widget reads version 1); the members it knows are applied");
    ViewState expected;
    expected.Regions = { "apac" };
    CHECK(s == expected);
}

TEST_CASE("JSON that is not a state object is refused with one problem, the state untouched")
{
    ViewState s;
    s.View = ViewKind_Share;
    const ViewState before = s;
    struct Case { const char* text; const char* value; const char* message; };
    const Case cases[] = {
        { "[1]", "[1]", "the state must be a JSON object, not an array" },
        { "\"trend\"", "trend", "the state must be a JSON object, not a string" },
        { "null", "null", "the state must be a JSON object, not null" },
        { "{\"view\": }", "{\"view\": }", "the state is not valid JSON" },
        { "", "", "the state is not valid JSON" },
    };
    for (const Case& c : cases)
    {
        CAPTURE(c.text);
        Problems p;
        CHECK(!ApplyViewStateJson(c.text, &s, &p));
        REQUIRE(p.size() == 1);
        CheckProblem(p, "", c.value, c.message);
        CHECK(s == before);
    }
    Problems p;
    CHECK(!ApplyViewStateJson(std::string(100, '[') + std::string(100, ']'), &s, &p));
    CHECK(p.at(0).Message == "the state nests 100 levels deep (limit 16)");
    p.clear();
    const std::string long_state = "{\"filter\": \"" + std::string(70000, 'x') + "\"}";
    CHECK(!ApplyViewStateJson(long_state, &s, &p));
    CHECK(p.at(0).Message == "the state is " + std::to_string(long_state.size()) + " bytes long (limit 65536)");
    CHECK(s == before);
}

TEST_CASE("a partial state changes only what it names; null puts a member back to its default")
{
    ViewState s;
    s.View = ViewKind_Table;
    s.Metric = "mau";
    s.Filter = "face";
    s.SortDescending = false;
    Problems p;
    REQUIRE(ApplyViewStateJson(R"({"view": "trend", "filter": null, "sort_descending": null, "scale": "linears"})", &s, &p));
    CHECK(p.size() == 1);
    CHECK(s.View == ViewKind_Trend);
    CHECK(s.Metric == "mau");
    CHECK(s.Filter.empty());
    CHECK(s.SortDescending);
}

//-----------------------------------------------------------------------------
// Resolving against the data
//-----------------------------------------------------------------------------

// A metric with yearly data in 2019, 2020 and 2022 (a gap in 2021), and one without any.
static Dataset Years()
{
    Dataset d;
    d.Metrics.push_back(Metric{ "users", "Users", "m" });
    d.Metrics.push_back(Metric{ "empty", "Empty", "m" });
    d.Entities.push_back(Entity{ "e", "E" });
    d.Regions.push_back(Region{ "r", "R" });
    for (int year : { 2019, 2020, 2022 })
        d.AddObservation(0, 0, 0, MakePeriod(PeriodKind_Year, year), 1.0 + year);
    BuildIndexes(&d);
    return d;
}

TEST_CASE("resolving reports the ids, metric and period the data does not have")
{
    const Dataset& ds = Fixture();
    SUBCASE("ids not in the data, and an id listed twice")
    {
        ViewState s;
        s.Metric = "dau";
        s.Entities = { "foo", "facebook", "facebook" };
        s.Regions = { "mars", "apac" };
        Problems p;
        ResolveViewState(ds, &s, &p);
        CHECK(p.size() == 4);
        CheckProblem(p, "metric", "dau", "no metric \"dau\" in the data");
        CheckProblem(p, "entities", "foo", "no entity \"foo\" in the data");
        CheckProblem(p, "entities", "facebook", "entity \"facebook\" is listed twice");
        CheckProblem(p, "regions", "mars", "no region \"mars\" in the data");
        CHECK(s.Metric == "mau"); // replaced by the busiest metric
        CHECK(s.Entities == std::vector<std::string>{ "facebook" });
        CHECK(s.Regions == std::vector<std::string>{ "apac" });
    }
    SUBCASE("a period that does not parse, or lies before or after the metric's data")
    {
        struct Case { const char* period; const char* message; };
        const Case cases[] = {
            { "soon", "\"soon\" is not a period: periods look like 2023, 2023-Q2, 2023-06 or 2023-06-15" },
            { "2023-Q5", "\"2023-Q5\" is not a period: the quarter must be Q1, Q2, Q3 or Q4" },
            { "2019", "period \"2019\" is before the data's first period for mau (2023-Q1)" },
            { "2031", "period \"2031\" is after the data's last period for mau (2023-Q2)" },
        };
        for (const Case& c : cases)
        {
            CAPTURE(c.period);
            ViewState s;
            s.Metric = "mau";
            s.Period = c.period;
            Problems p;
            ResolvedView v = ResolveViewState(ds, &s, &p);
            REQUIRE(p.size() == 1);
            CheckProblem(p, "period", c.period, c.message);
            CHECK(v.WhenIsLatest);
            CHECK(s.Period.empty());
        }
    }
    SUBCASE("a period in a gap names the nearest periods with data; a metric without data is replaced")
    {
        const Dataset d = Years();
        ViewState s;
        s.Metric = "users";
        s.Period = "2021";
        Problems p;
        ResolveViewState(d, &s, &p);
        CheckProblem(p, "period", "2021", "period \"2021\" has no data for users (nearest: 2020, 2022)");
        p.clear();
        s.Metric = "empty";
        s.Period = "2020";
        ResolvedView v = ResolveViewState(d, &s, &p);
        CHECK(p.size() == 1);
        CheckProblem(p, "metric", "empty", "metric \"empty\" has no observations");
        CHECK(s.Metric == "users");
        CHECK(!v.WhenIsLatest); // 2020 has data for the replacement
    }
    SUBCASE("a log scale for a metric without positive values")
    {
        Dataset d;
        d.Metrics.push_back(Metric{ "m", "M", "u" });
        d.Entities.push_back(Entity{ "e", "E" });
        d.Regions.push_back(Region{ "r", "R" });
        d.AddObservation(0, 0, 0, MakePeriod(PeriodKind_Year, 2020), -1.0);
        BuildIndexes(&d);
        ViewState s;
        s.Scale = ScaleKind_Log;
        Problems p;
        ResolveViewState(d, &s, &p);
        CheckProblem(p, "scale", "log", "metric \"m\" has no positive values for a log scale; the scale is linear");
    }
    SUBCASE("a valid state and the defaults resolve without a word")
    {
        ViewState s;
        Problems p;
        ResolveViewState(ds, &s, &p);
        CHECK(p.empty());
        REQUIRE(DecodeHash("#ls1:view=trend&metric=mau&entities=facebook,xiaohongshu&regions=apac&period=2023-Q1", &s, &p));
        ResolveViewState(ds, &s, &p);
        CHECK(p.empty());
    }
}

TEST_CASE("problems as JSON for the widget")
{
    Problems p;
    AddStateProblem(&p, "view", "tr\"ends", "unknown view \"tr\\\"ends\"");
    AddStateProblem(&p, "filter", "\xFF", "value is not UTF-8 text");
    nlohmann::json j = nlohmann::json::parse(StateProblemsToJson(p), nullptr, false);
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 2);
    CHECK(j[0]["key"] == "view");
    CHECK(j[0]["value"] == "tr\"ends");
    CHECK(j[0]["message"] == "unknown view \"tr\\\"ends\"");
    CHECK(j[1]["value"] == "\xEF\xBF\xBD"); // invalid bytes become U+FFFD, never invalid JSON
    CHECK(StateProblemsToJson({}) == "[]");
}

//-----------------------------------------------------------------------------
// Generated fuzz over the real data file
//-----------------------------------------------------------------------------
// Deterministic: a fixed seed and our own draws (std distributions differ between libraries), so
// a failing case is the same case everywhere and its index says how to reproduce it.

namespace {

struct Draw
{
    uint64_t State;
    uint64_t Next() // splitmix64
    {
        uint64_t z = (State += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    size_t Below(size_t n) { return n ? (size_t)(Next() % n) : 0; }
    bool OneIn(size_t n) { return Below(n) == 0; }
    template <typename T> const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }
};

// Fragments of the grammar, of the data, and of what goes wrong with links.
struct Fragments
{
    std::vector<std::string> Keys = { "view", "metric", "entities", "regions", "period", "scale", "by", "origin", "sort", "filter",
                                      "colour", "View", "", "vi%65w", "%", "entities%", "by ", "compare_by", "version", "%C3%A9" };
    std::vector<std::string> Members = { "version", "view", "metric", "entities", "regions", "period", "scale", "compare_by",
                                         "group_by_origin", "sort_descending", "filter", "by", "origin", "colour", "" };
    std::vector<std::string> Words = { "map", "trend", "compare", "share", "table", "sources", "trends", "linear", "log", "entity",
                                       "region", "1", "0", "desc", "asc", "up", "", "2023-Q2", "2031", "1899", "2023-Q5", "soon",
                                       "2019", "2024-02-30", "2020-02-29", "%", "%4", "%zz", "%C3", "%C3%A9", "%00", "%FF", "%2C", "%26",
                                       "+", "caf\xC3\xA9", "\xFF\xFE", "\x7F", "a,b", ",", ",,", "=", "&", "#", "ls1:", "\xE5\xB0\x8F" };
    std::vector<std::string> Ids; // metric, entity and region ids of the data, and near misses
    std::vector<std::string> Periods;

    explicit Fragments(const Dataset& ds)
    {
        for (const Metric& m : ds.Metrics)
            Ids.push_back(m.Id);
        for (const Entity& e : ds.Entities)
            Ids.push_back(e.Id);
        for (const Region& r : ds.Regions)
            Ids.push_back(r.Id);
        size_t real = Ids.size();
        for (size_t i = 0; i < real; i += 7)
            Ids.push_back(Ids[i] + "x"), Ids.push_back(Ids[i].substr(1)), Ids.push_back(PercentEncode(Ids[i]));
        for (size_t m = 0; m < ds.Metrics.size(); m++)
            for (Period p : MetricPeriods(ds, (int)m))
                Periods.push_back(FormatPeriod(p));
    }

    std::string Value(Draw& d)
    {
        switch (d.Below(8))
        {
        case 0: case 1: return d.Pick(Words);
        case 2: case 3: return d.Pick(Ids);
        case 4: return d.Pick(Periods);
        case 5: // a list
        {
            std::string list;
            for (size_t i = 0, n = d.Below(6); i < n; i++)
                list += (i ? "," : "") + (d.OneIn(4) ? d.Pick(Words) : d.Pick(Ids));
            return list;
        }
        case 6: // random bytes
        {
            std::string bytes(d.Below(12), ' ');
            for (char& c : bytes)
                c = (char)d.Below(256);
            return bytes;
        }
        default: // something long: around a limit, rarely past the whole text's limit
        {
            static const char* const units[] = { "a", "%41", ",", "\xC3\xA9", "\xC3" }; // %41 decodes to one byte
            std::string_view unit = units[d.Below(5)];
            size_t n = d.OneIn(100) ? kMaxStateTextBytes + d.Below(4096) : (d.OneIn(2) ? kMaxIdBytes : kMaxValueBytes) - 2 + d.Below(5);
            std::string text;
            text.reserve(n * unit.size());
            for (size_t i = 0; i < n; i++)
                text += unit;
            return text;
        }
        }
    }
};

// Changes a few bytes of a text: flips, inserts, deletes, cuts.
std::string Mutate(Draw& d, std::string text)
{
    for (size_t i = 0, n = 1 + d.Below(4); i < n && !text.empty(); i++)
    {
        size_t at = d.Below(text.size());
        switch (d.Below(4))
        {
        case 0: text[at] = (char)d.Below(256); break;
        case 1: text.insert(at, 1, "%&=,#:\"{}[]\\"[d.Below(12)]); break;
        case 2: text.erase(at, 1 + d.Below(3)); break;
        default: text.resize(at); break;
        }
    }
    return text;
}

// A valid state drawn from the data (for mutation and for the round-trip baseline).
ViewState ValidState(Draw& d, const Dataset& ds)
{
    ViewState s;
    s.View = (ViewKind)d.Below(ViewKind_COUNT);
    s.Metric = ds.Metrics[d.Below(ds.Metrics.size())].Id;
    for (size_t i = 0, n = d.Below(4); i < n; i++)
        s.Entities.push_back(ds.Entities[d.Below(ds.Entities.size())].Id);
    for (size_t i = 0, n = d.Below(3); i < n; i++)
        s.Regions.push_back(ds.Regions[d.Below(ds.Regions.size())].Id);
    s.Scale = d.OneIn(3) ? ScaleKind_Log : ScaleKind_Linear;
    s.CompareBy = d.OneIn(2) ? CompareKind_Region : CompareKind_Entity;
    s.GroupByOrigin = d.OneIn(2);
    s.SortDescending = d.OneIn(2);
    s.Filter = d.OneIn(2) ? "caf\xC3\xA9 & 50% #1" : "";
    return s;
}

std::string GenerateHash(Draw& d, Fragments& f, const Dataset& ds)
{
    if (d.OneIn(5))
        return Mutate(d, EncodeHash(ValidState(d, ds)));
    static const char* const prefixes[] = { "#ls1:", "#ls1:", "#ls1:", "ls1:", "#ls2:", "#", "", "#ls1", "#LS1:", "##ls1:" };
    std::string hash = prefixes[d.Below(10)];
    for (size_t i = 0, n = d.Below(9); i < n; i++)
    {
        hash += i ? (d.OneIn(20) ? "&&" : "&") : "";
        if (d.OneIn(15))
            hash += f.Value(d); // a pair without "="
        else
            hash += d.Pick(f.Keys) + (d.OneIn(30) ? "==" : "=") + f.Value(d);
    }
    return d.OneIn(8) ? Mutate(d, hash) : hash;
}

nlohmann::json JsonValue(Draw& d, Fragments& f, int depth)
{
    switch (d.Below(depth > 2 ? 5 : 7))
    {
    case 0: return nullptr;
    case 1: return d.OneIn(2);
    case 2: return d.OneIn(2) ? nlohmann::json(d.Below(5)) : nlohmann::json(-1.5e300);
    case 3: case 4: return f.Value(d);
    case 5:
    {
        nlohmann::json a = nlohmann::json::array();
        for (size_t i = 0, n = d.OneIn(100) ? kMaxListItems - 2 + d.Below(5) : d.Below(5); i < n; i++)
            a.push_back(d.OneIn(3) ? JsonValue(d, f, depth + 1) : nlohmann::json(d.Pick(f.Ids)));
        return a;
    }
    default:
    {
        nlohmann::json o = nlohmann::json::object();
        for (size_t i = 0, n = d.Below(4); i < n; i++)
            o[d.Pick(f.Members)] = JsonValue(d, f, depth + 1);
        return o;
    }
    }
}

std::string GenerateJson(Draw& d, Fragments& f, const Dataset& ds)
{
    switch (d.Below(10))
    {
    case 0: return Mutate(d, ViewStateToJson(ValidState(d, ds)));
    case 1: return d.OneIn(2) ? std::string(d.Below(3000), '[') : Mutate(d, "{\"view\":\"trend\",\"entities\":[\"facebook\"]}");
    case 2: return JsonValue(d, f, 0).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    default:
    {
        nlohmann::json o = nlohmann::json::object();
        for (size_t i = 0, n = d.Below(8); i < n; i++)
            o[d.OneIn(10) ? f.Value(d) : d.Pick(f.Members)] = JsonValue(d, f, 1);
        return o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    }
}

// The promises every answer keeps, whatever came in.
void CheckProblemsBounded(const Problems& problems)
{
    CHECK(problems.size() <= kMaxStateProblems + 1);
    for (const StateProblem& p : problems)
    {
        CHECK(!p.Message.empty());
        CHECK(p.Key.size() <= kMaxProblemValueBytes + 3);
        CHECK(p.Value.size() <= kMaxProblemValueBytes + 3);
        CHECK(p.Message.size() <= 2 * kMaxProblemValueBytes + 200);
    }
}

void CheckResolved(const Dataset& ds, const ViewState& s)
{
    CHECK(ds.FindMetric(s.Metric) >= 0);
    for (const std::string& id : s.Entities)
        CHECK(ds.FindEntity(id) >= 0);
    for (const std::string& id : s.Regions)
        CHECK(ds.FindRegion(id) >= 0);
    if (!s.Period.empty())
    {
        Period p;
        REQUIRE(ParsePeriod(s.Period, &p));
        std::vector<Period> periods = MetricPeriods(ds, ds.FindMetric(s.Metric));
        CHECK(std::binary_search(periods.begin(), periods.end(), p));
    }
}

// Resolved once, a state goes through both doors and back unchanged and without a word, and
// resolving it again changes nothing either (both doors gave s itself, so resolving s once covers them).
void CheckIdempotent(const Dataset& ds, const ViewState& s)
{
    Problems p;
    ViewState again;
    REQUIRE(DecodeHash(EncodeHash(s), &again, &p));
    CHECK(p.empty());
    CHECK(again == s);
    REQUIRE(ViewStateFromJson(ViewStateToJson(s), &again, &p));
    CHECK(p.empty());
    CHECK(again == s);
    ResolveViewState(ds, &again, &p);
    CHECK(p.empty());
    CHECK(again == s);
}

} // namespace

TEST_CASE("generated hashes and JSON states over the real data keep every promise")
{
    const Dataset& ds = RealData();
    Fragments f(ds);
    // 20,000 of each natively (under a second); under the sanitizers' unoptimised build, where
    // nlohmann's parser alone takes ten times longer, 5,000 of each keep the suite quick (the
    // libFuzzer target covers the sanitised volume).
#if defined(__SANITIZE_ADDRESS__)
    const int kCases = 5000;
#else
    const int kCases = 20000;
#endif
    int applied_hash = 0, applied_json = 0, with_problems = 0;
    Draw d{ 20261201 };
    for (int i = 0; i < kCases; i++)
    {
        for (int door = 0; door < 2; door++)
        {
            std::string text = door == 0 ? GenerateHash(d, f, ds) : GenerateJson(d, f, ds);
            ViewState sentinel;
            sentinel.View = ViewKind_Sources;
            sentinel.Filter = "sentinel";
            ViewState s = sentinel;
            Problems problems;
            bool ok = door == 0 ? DecodeHash(text, &s, &problems) : ViewStateFromJson(text, &s, &problems);
            if (!ok)
            {
                if (s != sentinel) // refused: untouched
                    FAIL_CHECK("case " << i << " door " << door << " changed the state it refused");
                CheckProblemsBounded(problems);
                continue;
            }
            (door == 0 ? applied_hash : applied_json)++;
            ResolveViewState(ds, &s, &problems);
            with_problems += !problems.empty();
            CAPTURE(i);
            CAPTURE(door);
            CheckProblemsBounded(problems);
            CheckResolved(ds, s);
            CheckIdempotent(ds, s);
        }
    }
    MESSAGE(kCases << " hashes (" << applied_hash << " applied), " << kCases << " JSON states (" << applied_json << " applied), "
                   << with_problems << " applied with problems");
    // The generator must reach the interesting paths, not be refused at the door every time.
    CHECK(applied_hash > kCases / 3);
    CHECK(applied_json > kCases / 3);
    CHECK(with_problems > kCases / 3);
}
