// View models: what each view shows, on small code-built fixtures (each rule on its own) and on
// data/landscape.json (the pictures issue #10 found misleading).
#include "core/loader.h"
#include "core/view_models.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

using namespace ls;

static Period P(const char* text)
{
    Period p;
    REQUIRE(ParsePeriod(text, &p));
    return p;
}

static const Dataset& RealData()
{
    static Dataset ds = [] {
        std::ifstream f(std::string(LANDSCAPE_SOURCE_DIR) + "/data/landscape.json", std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        Dataset d;
        LoadResult r = LoadDataset(ss.str(), &d);
        REQUIRE(r.Ok);
        return d;
    }();
    return ds;
}

static ViewQuery Query(const Dataset& ds, const char* json, std::vector<StateProblem>* problems = nullptr)
{
    ViewState s;
    REQUIRE(ViewStateFromJson(json, &s));
    return ResolveViewQuery(ds, &s, problems);
}

// Two companies' revenue (a flow) by year and by quarter, users (a level) of one platform, two
// disjoint regions and the world, one relayed source and one estimate.
static Dataset Fixture()
{
    Dataset ds;
    ds.Title = "fixture";
    for (const char* id : { "world", "north", "south" })
    {
        Region r;
        r.Id = r.Name = id;
        r.World = std::string(id) == "world";
        if (!r.World)
            r.Countries = { std::string(id) == "north" ? "NO" : "ZA" };
        ds.Regions.push_back(r);
    }
    for (auto [id, hq] : { std::pair{ "alpha", "US" }, std::pair{ "beta", "CN" }, std::pair{ "gamma", "US" } })
    {
        Entity e;
        e.Id = e.Name = id;
        e.HqCountry = hq;
        ds.Entities.push_back(e);
    }
    Metric revenue;
    revenue.Id = "revenue", revenue.Name = "Revenue", revenue.Unit = "USD millions";
    revenue.Summable = true;
    revenue.SumAcrossEntities = true;
    ds.Metrics.push_back(revenue);
    Metric users;
    users.Id = "users", users.Name = "Users", users.Unit = "millions";
    users.Summable = true;
    users.IsLevel = true;
    ds.Metrics.push_back(users);
    Source filing;
    filing.Id = "filing", filing.Title = "Alpha 10-K", filing.Publisher = "Alpha", filing.Kind = SourceKind_CompanyReported;
    ds.Sources.push_back(filing);
    Source relay;
    relay.Id = "relay", relay.Title = "Beta results (blog copy)", relay.Publisher = "somebody's blog";
    relay.Kind = SourceKind_CompanyReported, relay.RelayOf = "Beta Q1 2025 earnings release";
    relay.Attribution = "Figures courtesy of the blog";
    ds.Sources.push_back(relay);
    Source estimate;
    estimate.Id = "estimate", estimate.Title = "Market estimate", estimate.Kind = SourceKind_ThirdPartyEstimate;
    ds.Sources.push_back(estimate);
    const int world = 0, north = 1, south = 2, alpha = 0, beta = 1, gamma = 2, rev = 0, usr = 1;
    // alpha: annual 2023, 2024 and quarters of 2024 and 2025 (Q1..Q3)
    ds.AddObservation(alpha, rev, world, P("2023"), 100, 0);
    ds.AddObservation(alpha, rev, world, P("2024"), 120, 0);
    const char* quarters[] = { "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3" };
    for (int i = 0; i < 7; i++)
        ds.AddObservation(alpha, rev, world, P(quarters[i]), 30 + i, 0);
    // beta: quarters up to 2025-Q1 only (two quarters stale at Q3 2025), one a lower bound
    ds.AddObservation(beta, rev, world, P("2024-Q4"), 20, 1);
    ds.AddObservation(beta, rev, world, P("2025-Q1"), 22, 1, Confidence_Reported, "more than 22", Bound_Lower, Certainty_Medium);
    // gamma: a quarter long ago (beyond four quarters back) and an annual figure of 2025 (must not stand in for a quarter)
    ds.AddObservation(gamma, rev, world, P("2023-Q2"), 50, 2, Confidence_Estimate);
    ds.AddObservation(gamma, rev, world, P("2025"), 400, 2, Confidence_Estimate);
    // alpha revenue by region, quarterly: north reports 2024-Q4..2025-Q3, south only from 2025-Q2
    for (const char* q : { "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3" })
        ds.AddObservation(alpha, rev, north, P(q), 10, 0);
    for (const char* q : { "2025-Q2", "2025-Q3" })
        ds.AddObservation(alpha, rev, south, P(q), 5, 0);
    // users of alpha: a level, stated by year and by month
    ds.AddObservation(alpha, usr, world, P("2023"), 900, 0);
    ds.AddObservation(alpha, usr, world, P("2024-06"), 950, 0);
    ds.AddObservation(alpha, usr, world, P("2025"), 1000, 0);
    BuildIndexes(&ds);
    return ds;
}

static bool SameKind(const Dataset& ds, const TrendSeries& s)
{
    for (uint32_t row : s.Rows)
        if (GetPeriodKind(ds.Observations.Periods[row]) != GetPeriodKind(ds.Observations.Periods[s.Rows[0]]))
            return false;
    return true;
}

//-----------------------------------------------------------------------------
// Granularity in the view state
//-----------------------------------------------------------------------------

TEST_CASE("the view state carries a granularity through JSON and the hash, after metric")
{
    ViewState s;
    s.Metric = "revenue";
    s.Granularity = PeriodKind_Quarter;
    s.Period = "2025-Q1";
    CHECK(EncodeHash(s) == "#ls1:view=map&metric=revenue&granularity=quarter&period=2025-Q1");
    ViewState back;
    REQUIRE(DecodeHash(EncodeHash(s), &back));
    CHECK(back == s);
    REQUIRE(ViewStateFromJson(ViewStateToJson(s), &back));
    CHECK(back == s);
    std::vector<StateProblem> problems;
    REQUIRE(ViewStateFromJson(R"({"granularity":"fortnight"})", &back, &problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].Key == "granularity");
    CHECK(problems[0].Message == "unknown granularity \"fortnight\" (expected one of year, quarter, month, day)");
    CHECK(back.Granularity == PeriodKind_None);
}

TEST_CASE("resolving chooses the granularity with the latest data and keeps the period of that granularity")
{
    Dataset ds = Fixture();
    ViewQuery q = Query(ds, R"({"metric":"revenue"})");
    CHECK(q.Granularity == PeriodKind_Quarter); // Q3 2025 starts after 2025 does
    CHECK(FormatPeriod(q.When) == "2025-Q3");

    q = Query(ds, R"({"metric":"revenue","period":"2024"})");
    CHECK(q.Granularity == PeriodKind_Year); // a period given alone says its granularity
    CHECK(FormatPeriod(q.When) == "2024");

    std::vector<StateProblem> problems;
    q = Query(ds, R"({"metric":"revenue","granularity":"quarter","period":"2024"})", &problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].Key == "period");
    CHECK(problems[0].Message == "period \"2024\" is a year, not a quarter (the granularity asked for)");
    CHECK(FormatPeriod(q.When) == "2025-Q3");

    problems.clear();
    q = Query(ds, R"({"metric":"revenue","granularity":"day"})", &problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].Key == "granularity");
    CHECK(problems[0].Message == "metric \"revenue\" has no figures by day (it has: year, quarter)");
    CHECK(q.Granularity == PeriodKind_Quarter);
}

//-----------------------------------------------------------------------------
// Trend
//-----------------------------------------------------------------------------

TEST_CASE("a flow's trend line holds one granularity; the others are counted, not joined")
{
    Dataset ds = Fixture();
    TrendModel t = BuildTrendModel(ds, Query(ds, R"({"view":"trend","metric":"revenue","entities":["alpha"],"regions":["world"]})"));
    REQUIRE(t.Series.size() == 1);
    CHECK(t.Series[0].Rows.size() == 7);
    CHECK(SameKind(ds, t.Series[0]));
    CHECK(t.LeftOut == 2);
    REQUIRE(!t.Notes.empty());
    CHECK(t.Notes[0].find("2 annual figures are not drawn") == 0);

    t = BuildTrendModel(ds, Query(ds, R"({"view":"trend","metric":"revenue","granularity":"year","entities":["alpha"],"regions":["world"]})"));
    REQUIRE(t.Series.size() == 1);
    CHECK(t.Series[0].Rows.size() == 2);
    CHECK(t.LeftOut == 7);
}

TEST_CASE("a level's trend line may join granularities")
{
    Dataset ds = Fixture();
    TrendModel t = BuildTrendModel(ds, Query(ds, R"({"view":"trend","metric":"users","entities":["alpha"]})"));
    REQUIRE(t.Series.size() == 1);
    CHECK(t.JoinsGranularities);
    CHECK(t.Series[0].Rows.size() == 3);
    CHECK(t.LeftOut == 0);
}

TEST_CASE("the trend of Meta's total revenue has no annual and quarterly values in one series")
{
    const Dataset& ds = RealData();
    for (const char* granularity : { "year", "quarter" })
    {
        std::string json = std::string(R"({"view":"trend","metric":"revenue","entities":["meta"],"granularity":")") + granularity + "\"}";
        TrendModel t = BuildTrendModel(ds, Query(ds, json.c_str()));
        REQUIRE(!t.Series.empty());
        for (const TrendSeries& s : t.Series)
        {
            CHECK(SameKind(ds, s));
            for (size_t i = 1; i < s.Rows.size(); i++) // no 70 % "collapse" from a year to a quarter any more
                CHECK(ds.Observations.Values[s.Rows[i]] > 0.5 * ds.Observations.Values[s.Rows[i - 1]]);
        }
        CHECK(t.LeftOut > 0);
    }
    // Over every flow metric of the file: how many series the old picture joined across granularities.
    size_t split = 0;
    for (int m = 0; m < (int)ds.Metrics.size(); m++)
        for (const EntityRegionPair& p : PairsWithData(ds, m))
        {
            std::set<int> kinds;
            for (uint32_t row : SeriesRows(ds, m, p.Entity, p.Region))
                kinds.insert(GetPeriodKind(ds.Observations.Periods[row]));
            split += !ds.Metrics[m].IsLevel && kinds.size() > 1;
        }
    MESSAGE(split << " series of flow metrics mix granularities; each trend line now holds one");
    CHECK(split > 0);
}

//-----------------------------------------------------------------------------
// Staleness
//-----------------------------------------------------------------------------

TEST_CASE("the as-of fallback stays within the granularity and the limit, and never reaches forward")
{
    Dataset ds = Fixture();
    const int rev = 0, world = 0;
    int age = -1, refused = -1;
    int row = FigureAt(ds, rev, 1, world, P("2025-Q3"), &age, &refused); // beta: 2025-Q1, two quarters back
    REQUIRE(row >= 0);
    CHECK(FormatPeriod(ds.Observations.Periods[row]) == "2025-Q1");
    CHECK(age == 2);
    CHECK(AgeText(DescribeRow(ds, (uint32_t)row, age), PeriodKind_Quarter) == "as of Q1 2025, 2 quarters earlier");
    // gamma: its 2025 annual figure never stands in for a quarter; its 2023-Q2 is nine quarters back
    CHECK(FigureAt(ds, rev, 2, world, P("2025-Q3"), &age, &refused) == -1);
    REQUIRE(refused >= 0);
    CHECK(FormatPeriod(ds.Observations.Periods[refused]) == "2023-Q2");
    // never forward: nothing of beta before 2024-Q4
    CHECK(FigureAt(ds, rev, 1, world, P("2024-Q3"), &age, &refused) == -1);
    CHECK(refused == -1);
    // the metric's own limit
    ds.Metrics[rev].AsOf.Quarters = 1;
    CHECK(FigureAt(ds, rev, 1, world, P("2025-Q3"), &age, &refused) == -1);
}

TEST_CASE("compare's coverage note names the chosen platforms that have no figures at the region")
{
    // The demo's revenue by user geography with four platforms chosen: only Meta and Pinterest
    // report at Worldwide, so "1 of 2 platforms" needs the other two named (a reader chose 4).
    const Dataset& ds = RealData();
    CompareModel c = BuildCompareModel(ds, Query(ds, R"({"view":"compare","metric":"revenue-by-user-geography","period":"2025-Q3","entities":["meta","pinterest","reddit","snapchat"],"regions":["world"]})"));
    REQUIRE(c.Candidates == 2);
    REQUIRE(c.NoFigures.size() == 2);
    REQUIRE(!c.Notes.empty());
    const std::string& note = c.Notes[0];
    CHECK(note.find("1 of 2 platforms reports Q3 2025") == 0);
    CHECK(note.find(" and ") != std::string::npos);
    CHECK(note.find(" have no figures at " + ds.Regions[c.Region].Name + ".") != std::string::npos);
    for (const std::string& name : c.NoFigures)
        CHECK(note.find(name) != std::string::npos);
    CHECK(JoinAnd({ "A" }) == "A");
    CHECK(JoinAnd({ "A", "B" }) == "A and B");
    CHECK(JoinAnd({ "A", "B", "C" }) == "A, B and C");
    // Every chosen platform has figures there: no such sentence.
    CompareModel both = BuildCompareModel(ds, Query(ds, R"({"view":"compare","metric":"revenue-by-user-geography","period":"2025-Q3","entities":["meta","pinterest"],"regions":["world"]})"));
    CHECK(both.NoFigures.empty());
    REQUIRE(!both.Notes.empty());
    CHECK(both.Notes[0].find("no figures at") == std::string::npos);
}

TEST_CASE("compare ranks one granularity, labels stale bars and names those past the limit")
{
    Dataset ds = Fixture();
    CompareModel c = BuildCompareModel(ds, Query(ds, R"({"view":"compare","metric":"revenue","period":"2025-Q3","regions":["world"],"entities":[]})"));
    REQUIRE(c.Bars.size() == 2);
    CHECK(c.Bars[0].Label == "alpha");
    CHECK(c.Bars[0].F.Age == 0);
    CHECK(c.Bars[1].Label == "beta");
    CHECK(c.Bars[1].F.Age == 2);
    CHECK(c.Bars[1].F.Limit == Bound_Lower);
    CHECK(FigureValueText(ds, 0, c.Bars[1].F) == "\xE2\x89\xA5 22");
    REQUIRE(c.NoRecent.size() == 1);
    CHECK(c.NoRecent[0] == "gamma (last quarterly figure Q2 2023)");
    for (const CompareBar& b : c.Bars)
        CHECK(GetPeriodKind(b.F.When) == PeriodKind_Quarter);
    ShownTable t = CompareTable(ds, c);
    CHECK(t.Notes[0] == "1 of 3 platforms reports Q3 2025; 1 more shows an earlier quarterly figure (at most 4 quarters back).");
    auto col = [&](const char* name) { return (size_t)(std::find(t.Columns.begin(), t.Columns.end(), name) - t.Columns.begin()); };
    REQUIRE(col("Bound") < t.Columns.size());
    CHECK(t.Rows[1][col("Bound")] == "lower");
    CHECK(t.Rows[1][col("As of")] == "as of Q1 2025, 2 quarters earlier");
    CHECK(t.Rows[1][col("Certainty")] == "medium");
    CHECK(t.Rows[1][col("Source quality")] == "via somebody's blog, relaying Beta Q1 2025 earnings release; not checked against the original");
    CHECK(t.Rows[1][col("Attribution")] == "Figures courtesy of the blog");
}

TEST_CASE("compare at Q3 2025 never ranks a year against a quarter, nor a later figure")
{
    const Dataset& ds = RealData();
    CompareModel c = BuildCompareModel(ds, Query(ds, R"({"view":"compare","metric":"revenue","period":"2025-Q3","entities":[]})"));
    REQUIRE(!c.Bars.empty());
    for (const CompareBar& b : c.Bars)
    {
        CHECK(GetPeriodKind(b.F.When) == PeriodKind_Quarter);
        CHECK(b.F.When <= P("2025-Q3"));
        CHECK(b.F.Age <= 4);
        CHECK(b.Label != "Pinterest"); // its 2025 figure is a full year
    }
}

TEST_CASE("mau-stated no longer ranks WhatsApp 2018 or Twitter 2019 against 2025")
{
    const Dataset& ds = RealData();
    CompareModel c = BuildCompareModel(ds, Query(ds, R"({"view":"compare","metric":"mau-stated","period":"2025","regions":["world"],"entities":[]})"));
    for (const CompareBar& b : c.Bars)
    {
        CHECK(ds.Entities[b.F.Entity].Id != "whatsapp");
        CHECK(ds.Entities[b.F.Entity].Id != "x-twitter");
        CHECK(PeriodYear(b.F.When) >= 2024);
    }
    std::string refused;
    for (const std::string& n : c.NoRecent)
        refused += n + ";";
    CHECK(refused.find("WhatsApp") != std::string::npos);
    CHECK(refused.find("2018") != std::string::npos);
    CHECK(refused.find("2019") != std::string::npos);

    // Over every metric at its latest period: fallbacks the limit refuses.
    size_t refused_count = 0, stale = 0;
    for (const Metric& m : ds.Metrics)
    {
        std::string json = R"({"view":"compare","entities":[],"metric":")" + m.Id + "\"}";
        CompareModel all = BuildCompareModel(ds, Query(ds, json.c_str()));
        refused_count += all.NoRecent.size();
        for (const CompareBar& b : all.Bars)
            stale += b.F.Age > 0;
    }
    MESSAGE("compare at each metric's latest period: " << refused_count << " fallbacks refused by the age limit, " << stale
                                                       << " shown with their age");
}

//-----------------------------------------------------------------------------
// Coverage
//-----------------------------------------------------------------------------

TEST_CASE("shares keep the same contributors in every column and say what they cover")
{
    Dataset ds = Fixture();
    ShareModel s = BuildShareModel(ds, Query(ds, R"({"view":"share","metric":"revenue","entities":["alpha"]})"));
    REQUIRE(s.ByRegion.Shown);
    // north and south both report only 2025-Q2 and Q3: the columns before would be north alone
    REQUIRE(s.ByRegion.Columns.size() == 2);
    CHECK(FormatPeriod(s.ByRegion.Columns[0].At) == "2025-Q2");
    for (const ShareColumnModel& c : s.ByRegion.Columns)
        CHECK(c.Contributors == 2);
    CHECK(s.ByRegion.PeriodsLeftOut == 2);
    CHECK(s.ByRegion.Coverage.find("2 of 2 regions in every period drawn") == 0);

    // By owner's country: only the selection, only periods where the same platforms report.
    s = BuildShareModel(ds, Query(ds, R"({"view":"share","metric":"revenue","entities":["alpha","beta"],"regions":["world"]})"));
    REQUIRE(s.ByOrigin.Shown);
    REQUIRE(s.ByOrigin.Columns.size() == 2); // 2024-Q4 and 2025-Q1: both report; 2025-Q2, Q3: beta does not
    CHECK(s.ByOrigin.PeriodsLeftOut == 5);
    for (const ShareColumnModel& c : s.ByOrigin.Columns)
        CHECK(c.Contributors == 2);
    CHECK(s.ByOrigin.Columns[1].Bounded[0] == 1); // beta's 2025-Q1 is a bound (CN is part 0)

    // A metric that does not say it may be added across entities has no shares by owner's country.
    ds.Metrics[0].SumAcrossEntities = false;
    s = BuildShareModel(ds, Query(ds, R"({"view":"share","metric":"revenue","entities":["alpha","beta"],"regions":["world"]})"));
    CHECK(s.ByOrigin.Columns.empty());
    CHECK(s.ByOrigin.Note.find("cannot be added up") != std::string::npos);
}

TEST_CASE("share by owner's country at the world region uses only the selection and constant contributors")
{
    Dataset ds = RealData();
    int revenue = ds.FindMetric("revenue");
    ds.Metrics[revenue].SumAcrossEntities = true; // what the rebuilt data file says of revenue
    const char* state = R"({"view":"share","metric":"revenue","granularity":"year","regions":["world"],
                            "entities":["meta","tencent","pinterest","snapchat","reddit","bytedance"]})";
    ViewQuery q = Query(ds, state);
    ShareModel s = BuildShareModel(ds, q);
    REQUIRE(s.ByOrigin.Shown);
    REQUIRE(!s.ByOrigin.Columns.empty());
    int contributors = s.ByOrigin.Columns[0].Contributors;
    CHECK(contributors >= 2);
    for (const ShareColumnModel& c : s.ByOrigin.Columns)
    {
        CHECK(c.Contributors == contributors);
        CHECK(GetPeriodKind(c.At) == PeriodKind_Year);
    }
    CHECK(s.ByOrigin.Coverage.find(std::to_string(contributors) + " of ") == 0);
    MESSAGE("share by owner's country, revenue at Worldwide, annual: " << s.ByOrigin.Columns.size() << " periods drawn with "
                                                                     << contributors << " contributors, " << s.ByOrigin.PeriodsLeftOut
                                                                     << " left out because contributors changed. " << s.ByOrigin.Coverage);
    // Platforms outside the selection never enter the total.
    std::set<std::string> parts(s.ByOrigin.Parts.begin(), s.ByOrigin.Parts.end());
    CHECK(parts.size() <= 2);
    // Users of different platforms are never added up.
    ShareModel users = BuildShareModel(ds, Query(ds, R"({"view":"share","metric":"mau-stated","regions":["world"],"entities":["facebook","wechat"]})"));
    CHECK(users.ByOrigin.Columns.empty());
}

//-----------------------------------------------------------------------------
// Map, table, sources
//-----------------------------------------------------------------------------

TEST_CASE("the map colours one granularity and lists each region's figure with its age")
{
    Dataset ds = Fixture();
    MapModel m = BuildMapModel(ds, Query(ds, R"({"view":"map","metric":"revenue","entities":["alpha"],"period":"2025-Q3"})"));
    REQUIRE(m.Cells.size() == 3);
    CHECK(m.Hi == 10); // the largest regional quarterly figure: neither the annual 120 nor the world total
    // the world total beside regional figures is listed, not painted
    for (const MapCell& c : m.Cells)
        CHECK(c.Painted == !ds.Regions[c.Region].World);
    ShownTable t = MapTable(ds, m);
    CHECK(t.Rows.size() == 3);
}

TEST_CASE("the table's filter is FilterRows within the selection: every word must match")
{
    Dataset ds = Fixture();
    auto rows_for = [&](const char* filter) {
        std::string json = std::string(R"({"view":"table","metric":"revenue","filter":")") + filter + "\"}";
        return BuildTableModel(ds, Query(ds, json.c_str())).Rows;
    };
    std::vector<uint32_t> all = rows_for("");
    REQUIRE(!all.empty());
    for (const char* filter : { "beta", "world", "beta world", "nowhere", "beta nowhere" })
    {
        std::vector<uint32_t> expected;
        std::vector<uint32_t> matched = FilterRows(ds, filter, ds.FindMetric("revenue"));
        for (uint32_t row : all)
            if (std::find(matched.begin(), matched.end(), row) != matched.end())
                expected.push_back(row);
        CHECK_MESSAGE(rows_for(filter) == expected, filter);
    }
    CHECK(rows_for("beta nowhere").empty());
}

TEST_CASE("the table lists bounds, quality and attribution; the sources view counts by quality")
{
    Dataset ds = Fixture();
    TableModel tm = BuildTableModel(ds, Query(ds, R"({"view":"table","metric":"revenue","entities":["beta"],"regions":["world"]})"));
    REQUIRE(tm.Rows.size() == 2);
    ShownTable t = TableTable(ds, tm, "");
    REQUIRE(t.Rows.size() == 2);
    CHECK(t.Rows[1][3] == "\xE2\x89\xA5 22");
    CHECK(std::find(t.Rows[1].begin(), t.Rows[1].end(), "Figures courtesy of the blog") != t.Rows[1].end());
    CHECK(t.Notes.size() == 1);

    SourcesModel s = BuildSourcesModel(ds);
    REQUIRE(s.Entries.size() == 3);
    CHECK(s.Entries[0].Quality == SourceQuality_Primary);
    CHECK(s.Entries[1].Quality == SourceQuality_RelayUnchecked);
    CHECK(s.Entries[2].Quality == SourceQuality_Estimate);
    CHECK(s.ByQuality[SourceQuality_RelayUnchecked] == 2);
    ShownTable st = SourcesTable(ds, s);
    CHECK(st.Summary.find("2 relay, not checked") != std::string::npos);
}

TEST_CASE("every view's table of the real data is built from its model")
{
    const Dataset& ds = RealData();
    for (int v = 0; v < ViewKind_COUNT; v++)
    {
        std::string json = std::string(R"({"metric":"revenue","view":")") + ViewKindName((ViewKind)v) + "\"}";
        ShownTable t = BuildShownTable(ds, Query(ds, json.c_str()));
        CHECK(!t.Summary.empty());
        for (const auto& row : t.Rows)
            CHECK(row.size() == t.Columns.size());
    }
}

//-----------------------------------------------------------------------------
// Totals and their parts: a region containing another shown region (the world, "Worldwide except
// mainland China" beside the US, LINE's four key markets beside Japan) is never ranked, painted or
// added up as one of its parts.
//-----------------------------------------------------------------------------

TEST_CASE("regions contain their parts: the world every region, a country list a smaller one inside it")
{
    Region world, wide, jp, tw_th_id, key, other;
    world.World = true;
    wide.Countries = { "JP", "TW", "TH", "ID" };
    key.Countries = { "JP", "TW", "TH", "ID" };
    jp.Countries = { "JP" };
    tw_th_id.Countries = { "TW", "TH", "ID" };
    other.Countries = { "JP", "KR" };
    CHECK(RegionContains(world, jp));
    CHECK(!RegionContains(jp, world));
    CHECK(!RegionContains(world, world));
    CHECK(RegionContains(wide, jp));
    CHECK(RegionContains(wide, tw_th_id));
    CHECK(!RegionContains(wide, key));  // the same area, not a total of itself
    CHECK(RegionContains(other, jp));
    CHECK(!RegionContains(wide, other)); // overlapping, not containing
    CHECK(!RegionContains(jp, jp));
}

TEST_CASE("compare by region sets the world total apart and ranks only its parts")
{
    Dataset ds = Fixture();
    CompareModel c = BuildCompareModel(ds, Query(ds, R"({"view":"compare","metric":"revenue","compare_by":"region","entities":["alpha"],"period":"2025-Q3"})"));
    REQUIRE(c.Bars.size() == 2);
    CHECK(c.Bars[0].Label == "north");
    CHECK(c.Bars[1].Label == "south");
    REQUIRE(c.Totals.size() == 1);
    CHECK(c.Totals[0].Label == "world");
    CHECK(c.Totals[0].F.Value == 36);
    ShownTable t = CompareTable(ds, c);
    CHECK(t.Notes[0] == "3 of 3 series report Q3 2025.");
    CHECK(std::find(t.Notes.begin(), t.Notes.end(), "Totals shown apart, not ranked with their parts: world (the world total).") != t.Notes.end());
    REQUIRE(t.Rows.size() == 3);
    CHECK(t.Rows[0][0] == "1");
    CHECK(t.Rows[1][0] == "2");
    CHECK(t.Rows[2][0] == "total, not ranked");
    CHECK(t.Rows[2][1] == "world");
    CHECK(t.Summary.find("north ranks first") != std::string::npos);
    CHECK(t.Summary.find(" of 2.") != std::string::npos);
}

TEST_CASE("Facebook DAU by region at Q4 2021: Worldwide is the total, not ranked among Meta's regions")
{
    const Dataset& ds = RealData();
    CompareModel c = BuildCompareModel(ds, Query(ds, R"({"view":"compare","metric":"facebook-dau","compare_by":"region","entities":["facebook"],"period":"2021-Q4"})"));
    REQUIRE(c.Bars.size() == 4);
    for (const CompareBar& b : c.Bars)
        CHECK(!ds.Regions[b.F.Region].World);
    REQUIRE(c.Totals.size() == 1);
    CHECK(c.Totals[0].Label == "Worldwide");
    CHECK(c.Totals[0].F.Value == 1929);
}

// Every (metric, platform) of the real data, compared by region, coloured on the map and shared
// by region: no ranked bar, painted region or share part contains another one shown beside it.
TEST_CASE("over the real data no total is ranked, painted or shared beside its parts")
{
    const Dataset& ds = RealData();
    size_t totals_seen = 0;
    for (const Metric& met : ds.Metrics)
        for (const Entity& ent : ds.Entities)
        {
            std::string json = R"({"metric":")" + met.Id + R"(","entities":[")" + ent.Id + R"("],"compare_by":"region"})";
            CAPTURE(json);
            ViewQuery q = Query(ds, json.c_str());
            if (q.Metric < 0 || !q.When.Valid())
                continue;
            CompareModel c = BuildCompareModel(ds, q);
            totals_seen += c.Totals.size();
            for (const CompareBar& a : c.Bars)
                for (const CompareBar& b : c.Bars)
                    CHECK(!RegionContains(ds.Regions[a.F.Region], ds.Regions[b.F.Region]));
            for (const CompareBar& t : c.Totals)
                CHECK(std::any_of(c.Bars.begin(), c.Bars.end(), [&](const CompareBar& b) { return RegionContains(ds.Regions[t.F.Region], ds.Regions[b.F.Region]); }));
            MapModel m = BuildMapModel(ds, q);
            for (const MapCell& a : m.Cells)
                for (const MapCell& b : m.Cells)
                    if (a.Painted && b.Painted)
                        CHECK(!RegionContains(ds.Regions[a.Region], ds.Regions[b.Region]));
            ShareModel s = BuildShareModel(ds, q);
            auto named = [&](const std::string& name) -> const Region& {
                return *std::find_if(ds.Regions.begin(), ds.Regions.end(), [&](const Region& r) { return r.Name == name; });
            };
            for (const std::string& a : s.ByRegion.Parts)
                for (const std::string& b : s.ByRegion.Parts)
                    if (a != b)
                        CHECK(!RegionsOverlap(named(a), named(b)));
        }
    CHECK(totals_seen > 10); // the check above looked at real totals
}

TEST_CASE("LINE's four key markets are the total of Japan and of Taiwan, Thailand & Indonesia")
{
    const Dataset& ds = RealData();
    ViewQuery q = Query(ds, R"({"metric":"line-mau","entities":["line"],"compare_by":"region"})");
    MapModel m = BuildMapModel(ds, q);
    int key = ds.FindRegion("line-key-markets");
    REQUIRE(key >= 0);
    for (const MapCell& c : m.Cells)
        if (c.Region == key)
            CHECK(!c.Painted); // it would colour Indonesia with the four markets' total
    ShareModel s = BuildShareModel(ds, q);
    CHECK(std::find(s.ByRegion.Parts.begin(), s.ByRegion.Parts.end(), ds.Regions[key].Name) == s.ByRegion.Parts.end());
    CHECK(s.ByRegion.Note.find("totals containing other regions with figures: " + ds.Regions[key].Name) != std::string::npos);
}

// The summary is the sentence heard first; the notes follow it wherever the table is read (the
// mirror, the CLI), so the summary must not carry a note itself.
TEST_CASE("no view's summary repeats one of its notes")
{
    const Dataset& ds = RealData();
    for (int v = 0; v < ViewKind_COUNT; v++)
        for (const Metric& met : ds.Metrics)
            for (const char* by : { "entity", "region" })
            {
                std::string json = std::string(R"({"metric":")") + met.Id + R"(","compare_by":")" + by + R"(","view":")" + ViewKindName((ViewKind)v) + "\"}";
                CAPTURE(json);
                ShownTable t = BuildShownTable(ds, Query(ds, json.c_str()));
                for (const std::string& n : t.Notes)
                    CHECK(t.Summary.find(n) == std::string::npos);
            }
}

TEST_CASE("words agree with counts and names: \"1 more shows\", \"Meta Platforms' total\"")
{
    CHECK(std::string(Agree(1, "shows", "show")) == "shows");
    CHECK(std::string(Agree(0, "shows", "show")) == "show");
    CHECK(std::string(Agree(2, "shows", "show")) == "show");
    CHECK(Possessive("Meta Platforms") == "Meta Platforms'");
    CHECK(Possessive("Snap") == "Snap's");
    CHECK(Possessive("") == "'s");
    // The demo's share of Meta Platforms by region (the reviewer saw "Meta Platforms's total").
    const Dataset& ds = RealData();
    ShareModel s = BuildShareModel(ds, Query(ds, R"({"view":"share","metric":"revenue-by-user-geography","entities":["meta"]})"));
    REQUIRE(s.ByRegion.Shown);
    CHECK(s.ByRegion.Title == "Share of Meta Platforms' total by region");
}

TEST_CASE("a relayed source is named once and what it relays follows, with no bracket inside another")
{
    // The demo's transcription of Meta's slides: its publisher and what it relays both carry
    // brackets ("The India Portfolio (transcription ...)", "... presentation (its figures ...)").
    const Dataset& ds = RealData();
    int src = -1;
    for (int i = 0; i < (int)ds.Sources.size(); i++)
        if (ds.Sources[i].Id == "meta-q3-2025-earnings-presentation-data-transcribed")
            src = i;
    REQUIRE(src >= 0);
    const Source& s = ds.Sources[src];
    auto deepest = [](const std::string& t) {
        int depth = 0, most = 0;
        for (char c : t)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            most = std::max(most, depth);
            REQUIRE(depth >= 0);
        }
        CHECK(depth == 0);
        return most;
    };
    // The table's column names the publisher once (its Source column has only the title).
    const std::string full = QualityText(ds, src);
    CAPTURE(full);
    CHECK(full.find(s.Publisher) == full.find("via ") + 4);
    CHECK(full.find(s.Publisher, full.find(s.Publisher) + 1) == std::string::npos);
    CHECK(full.find(s.RelayOf) != std::string::npos);
    CHECK(deepest(full) == 1);
    // The tooltip shows title and publisher on the lines above: its quality line names neither.
    const std::string tip = QualityText(ds, src, false);
    CAPTURE(tip);
    CHECK(tip == "relays " + s.RelayOf + "; not checked against the original");
    CHECK(tip.find(s.Publisher) == std::string::npos);
    CHECK(deepest(tip) == 1);
}
