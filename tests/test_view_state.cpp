// View state: JSON and URL-hash round trips, tolerance of foreign input, resolution on a dataset.
#include "core/loader.h"
#include "core/view_state.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace ls;

static Dataset LoadFixture()
{
    std::ifstream f(std::string(LANDSCAPE_SOURCE_DIR) + "/tests/data/minimal.json", std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    Dataset ds;
    REQUIRE(LoadDataset(ss.str(), &ds).Ok);
    return ds;
}

static ViewState Busy()
{
    ViewState s;
    s.View = ViewKind_Share;
    s.Metric = "facebook-dau";
    s.Entities = { "facebook", "snap.chat", "x_y" };
    s.Regions = { "apac" };
    s.Period = "2023-Q2";
    s.Scale = ScaleKind_Log;
    s.CompareBy = CompareKind_Region;
    s.GroupByOrigin = true;
    s.SortDescending = false;
    s.Filter = "Tencent & co, 50% / 小红书 #1 + more";
    return s;
}

TEST_CASE("a view state round-trips through JSON")
{
    ViewState s = Busy();
    ViewState back;
    REQUIRE(ViewStateFromJson(ViewStateToJson(s), &back));
    CHECK(back == s);
    ViewState defaults;
    REQUIRE(ViewStateFromJson(ViewStateToJson(defaults), &back));
    CHECK(back == defaults);
}

TEST_CASE("JSON that is not a view state is refused or skipped member by member")
{
    ViewState s = Busy();
    SUBCASE("text that is not a JSON object leaves the state alone")
    {
        for (const char* bad : { "", "{", "[1]", "null", "\"view\"", "{\"view\": }", "\xFF" })
        {
            CAPTURE(bad);
            CHECK(!ViewStateFromJson(bad, &s));
            CHECK(s == Busy());
        }
    }
    SUBCASE("wrong types and unknown values keep the defaults; nothing throws")
    {
        REQUIRE(ViewStateFromJson(R"({"view": 3, "metric": ["x"], "entities": "facebook", "regions": [1, "apac", null],
                                      "scale": "cubic", "compare_by": true, "group_by_origin": "yes", "sort_descending": 0,
                                      "filter": {}, "period": 2023, "future_option": {"a": [1]}})",
                                  &s));
        ViewState expected;
        expected.Regions = { "apac" };
        CHECK(s == expected);
    }
}

TEST_CASE("a view state round-trips through the URL hash")
{
    ViewState s = Busy();
    std::string hash = EncodeHash(s);
    CHECK(hash.rfind("#ls1:view=share&metric=facebook-dau&entities=facebook,snap.chat,x_y&regions=apac&period=2023-Q2", 0) == 0);
    CHECK(hash.find(' ') == std::string::npos);
    CHECK(hash.find('#', 1) == std::string::npos);
    ViewState back;
    REQUIRE(DecodeHash(hash, &back));
    CHECK(back == s);
    SUBCASE("defaults are left out")
    {
        CHECK(EncodeHash(ViewState()) == "#ls1:view=map");
        REQUIRE(DecodeHash("#ls1:view=map", &back));
        CHECK(back == ViewState());
    }
    SUBCASE("commas inside list items survive")
    {
        s.Entities = { "a,b", "c" };
        REQUIRE(DecodeHash(EncodeHash(s), &back));
        CHECK(back.Entities == s.Entities);
    }
}

TEST_CASE("the documented hash example decodes")
{
    ViewState s;
    REQUIRE(DecodeHash("#ls1:view=map&metric=facebook-dau&entities=facebook,snapchat&period=2023-Q2&scale=log", &s));
    CHECK(s.View == ViewKind_Map);
    CHECK(s.Metric == "facebook-dau");
    CHECK(s.Entities == std::vector<std::string>{ "facebook", "snapchat" });
    CHECK(s.Period == "2023-Q2");
    CHECK(s.Scale == ScaleKind_Log);
}

TEST_CASE("hash decoding ignores (and reports) what it does not know and refuses other schemes")
{
    ViewState s = Busy();
    CHECK(!DecodeHash("#ls2:view=map", &s));
    CHECK(!DecodeHash("#section-2", &s));
    CHECK(!DecodeHash("", &s));
    CHECK(s == Busy());
    std::vector<StateProblem> problems;
    REQUIRE(DecodeHash("ls1:view=trend&colour=red&view2=x&&=&junk&scale=sideways&filter=a%2", &s, &problems));
    CHECK(s.View == ViewKind_Trend);
    CHECK(s.Scale == ScaleKind_Linear);
    CHECK(s.Filter.empty()); // a malformed escape: the pair is not applied (a mangled link must not half-apply)
    CHECK(problems.size() == 6); // colour, view2, "=", junk, sideways, a%2: everything ignored is said
    REQUIRE(DecodeHash("#ls1:view=table&view=sources&origin=1&sort=asc&by=region&filter=caf%C3%A9+bar", &s));
    CHECK(s.View == ViewKind_Sources); // the last one wins
    CHECK(s.GroupByOrigin);
    CHECK(!s.SortDescending);
    CHECK(s.CompareBy == CompareKind_Region);
    CHECK(s.Filter == "caf\xC3\xA9+bar");
    CHECK(PercentEncode("a b/é~") == "a%20b%2F%C3%A9~");
    CHECK(PercentDecode("%41%zz%4") == "A%zz%4");
}

TEST_CASE("resolving drops unknown ids and fills in sensible defaults")
{
    const Dataset ds = LoadFixture();
    SUBCASE("an empty state gets the busiest metric, its busiest region, top entities and the latest period")
    {
        ViewState s;
        ResolvedView v = ResolveViewState(ds, &s);
        CHECK(v.Metric == ds.FindMetric("mau"));
        CHECK(s.Metric == "mau");
        CHECK(v.Regions == std::vector<int>{ ds.FindRegion("apac") });
        CHECK(v.Entities == std::vector<int>{ ds.FindEntity("facebook"), ds.FindEntity("xiaohongshu") }); // ranked at the latest period
        CHECK(s.Entities == std::vector<std::string>{ "facebook", "xiaohongshu" });
        CHECK(FormatPeriod(v.When) == "2023-Q2");
        CHECK(v.WhenIsLatest);
        CHECK(s.Period.empty());
    }
    SUBCASE("unknown ids are dropped, known ones kept in order")
    {
        ViewState s;
        s.Metric = "rank";
        s.Entities = { "nope", "xiaohongshu", "instagram", "xiaohongshu" };
        s.Regions = { "mars", "world" };
        ResolvedView v = ResolveViewState(ds, &s);
        CHECK(s.Metric == "rank");
        CHECK(s.Entities == std::vector<std::string>{ "xiaohongshu", "instagram" });
        CHECK(v.Entities == std::vector<int>{ 2, 1 });
        CHECK(s.Regions == std::vector<std::string>{ "world" });
    }
    SUBCASE("a metric that is unknown or has no data is replaced")
    {
        ViewState s;
        s.Metric = "dau";
        CHECK(ResolveViewState(ds, &s).Metric == ds.FindMetric("mau"));
        CHECK(s.Metric == "mau");
    }
    SUBCASE("a period with data is kept; one without is cleared to mean the latest")
    {
        ViewState s;
        s.Period = "2023-Q1";
        ResolvedView v = ResolveViewState(ds, &s);
        CHECK(!v.WhenIsLatest);
        CHECK(s.Period == "2023-Q1");
        s.Period = "2019";
        v = ResolveViewState(ds, &s);
        CHECK(v.WhenIsLatest);
        CHECK(s.Period.empty());
        CHECK(FormatPeriod(v.When) == "2023-Q2");
        s.Period = "soon";
        CHECK(ResolveViewState(ds, &s).WhenIsLatest);
    }
    SUBCASE("a log scale without positive values falls back to linear")
    {
        Dataset d;
        d.Metrics.push_back(Metric{ "m", "M", "u" });
        d.Entities.push_back(Entity{ "e", "E" });
        d.Regions.push_back(Region{ "r", "R" });
        d.AddObservation(0, 0, 0, MakePeriod(PeriodKind_Year, 2020), -1.0);
        BuildIndexes(&d);
        ViewState s;
        s.Scale = ScaleKind_Log;
        ResolveViewState(d, &s);
        CHECK(s.Scale == ScaleKind_Linear);
    }
    SUBCASE("a dataset without observations resolves to nothing, without crashing")
    {
        Dataset empty;
        ViewState s = Busy();
        ResolvedView v = ResolveViewState(empty, &s);
        CHECK(v.Metric == -1);
        CHECK(v.Entities.empty());
        CHECK(!v.When.Valid());
    }
}

TEST_CASE("view names round-trip")
{
    for (int i = 0; i < ViewKind_COUNT; i++)
    {
        ViewKind v;
        REQUIRE(ParseViewKind(ViewKindName((ViewKind)i), &v));
        CHECK(v == i);
    }
    ViewKind v = ViewKind_Table;
    CHECK(!ParseViewKind("globe", &v));
    CHECK(v == ViewKind_Table);
}
