// Queries: what the views ask, on the fixture and, against brute force, on a shuffled dataset.
#include "core/loader.h"
#include "core/queries.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

using namespace ls;

static const Dataset& Fixture()
{
    static Dataset ds = [] {
        std::ifstream f(std::string(LANDSCAPE_SOURCE_DIR) + "/tests/data/minimal.json", std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        Dataset d;
        LoadResult r = LoadDataset(ss.str(), &d);
        REQUIRE(r.Ok);
        return d;
    }();
    return ds;
}

static Period P(const char* text)
{
    Period p;
    REQUIRE(ParsePeriod(text, &p));
    return p;
}

TEST_CASE("a series lists its rows by period")
{
    const Dataset& ds = Fixture();
    int mau = ds.FindMetric("mau"), fb = ds.FindEntity("facebook"), apac = ds.FindRegion("apac");
    RowSpan rows = SeriesRows(ds, mau, fb, apac);
    REQUIRE(rows.Size() == 2);
    CHECK(FormatPeriod(ds.Observations.Periods[rows.Begin[0]]) == "2023-Q1");
    CHECK(FormatPeriod(ds.Observations.Periods[rows.Begin[1]]) == "2023-Q2");
    CHECK(SeriesRows(ds, mau, fb, ds.FindRegion("world")).Empty());
    CHECK(SeriesRows(ds, -1, fb, apac).Empty());
    CHECK(SeriesRows(ds, 99, fb, apac).Empty());
    CHECK(FindRow(ds, mau, fb, apac, P("2023-Q2")) == 0);
    CHECK(FindRow(ds, mau, fb, apac, P("2023-Q3")) == -1);
    CHECK(MetricRows(ds, mau).Size() == 4);
}

TEST_CASE("values at a period line up across regions or across entities")
{
    const Dataset& ds = Fixture();
    int mau = ds.FindMetric("mau");
    std::vector<uint32_t> regions = RowsAcrossRegions(ds, mau, ds.FindEntity("facebook"), P("2023-Q2"));
    REQUIRE(regions.size() == 2);
    CHECK(ds.Regions[ds.Observations.Regions[regions[0]]].Id == "apac");
    CHECK(ds.Regions[ds.Observations.Regions[regions[1]]].Id == "europe");
    std::vector<uint32_t> entities = RowsAcrossEntities(ds, mau, ds.FindRegion("apac"), P("2023-Q2"));
    REQUIRE(entities.size() == 2);
    CHECK(ds.Entities[ds.Observations.Entities[entities[0]]].Id == "facebook");
    CHECK(ds.Entities[ds.Observations.Entities[entities[1]]].Id == "xiaohongshu");
    CHECK(RowsAcrossEntities(ds, mau, ds.FindRegion("apac"), P("2019")).empty());
}

TEST_CASE("periods with data are sorted and unique; the latest one is found per metric and entity")
{
    const Dataset& ds = Fixture();
    int mau = ds.FindMetric("mau");
    std::vector<Period> periods = MetricPeriods(ds, mau);
    REQUIRE(periods.size() == 2);
    CHECK(FormatPeriod(periods[0]) == "2023-Q1");
    CHECK(FormatPeriod(periods[1]) == "2023-Q2");
    CHECK(MetricPeriods(ds, mau, ds.FindEntity("xiaohongshu")).size() == 1);
    CHECK(MetricPeriods(ds, mau, -1, ds.FindRegion("europe")).size() == 1);
    CHECK(FormatPeriod(LatestPeriod(ds, mau)) == "2023-Q2");
    CHECK(FormatPeriod(LatestPeriod(ds, ds.FindMetric("rank"))) == "2023-06");
    CHECK(!LatestPeriod(ds, mau, ds.FindEntity("instagram")).Valid());
    Period first, last;
    REQUIRE(PeriodRange(ds, &first, &last));
    CHECK(FormatPeriod(first) == "2023-Q1");
    CHECK(FormatPeriod(last) == "2023-06");
}

TEST_CASE("a ranking puts the best first, and for ranks the lowest is best")
{
    const Dataset& ds = Fixture();
    std::vector<uint32_t> users = Ranking(ds, ds.FindMetric("mau"), P("2023-Q2"), CompareKind_Entity, ds.FindRegion("apac"));
    REQUIRE(users.size() == 2);
    CHECK(ds.Observations.Values[users[0]] == 1300);
    CHECK(ds.Observations.Values[users[1]] == 260);
    std::vector<uint32_t> ranks = Ranking(ds, ds.FindMetric("rank"), P("2023-06"), CompareKind_Entity, ds.FindRegion("world"));
    REQUIRE(ranks.size() == 2);
    CHECK(ds.Observations.Values[ranks[0]] == 3); // rank 3 beats rank 12
    std::vector<uint32_t> by_region = Ranking(ds, ds.FindMetric("mau"), P("2023-Q2"), CompareKind_Region, ds.FindEntity("facebook"));
    REQUIRE(by_region.size() == 2);
    CHECK(ds.Observations.Values[by_region[0]] == 1300);
}

TEST_CASE("regions overlap when they share a country or one is the world")
{
    Region world, a, b, label;
    world.World = true;
    a.Countries = { "US", "CA" };
    b.Countries = { "CA", "MX" };
    CHECK(RegionsOverlap(a, b));
    CHECK(RegionsOverlap(world, a));
    CHECK(!RegionsOverlap(world, label)); // a label-only region cannot be placed
    b.Countries = { "MX" };
    CHECK(!RegionsOverlap(a, b));
}

TEST_CASE("value ranges give axes and colour scales their bounds")
{
    const Dataset& ds = Fixture();
    ValueRange r = MetricValueRange(ds, ds.FindMetric("mau"));
    CHECK(r.Valid());
    CHECK(r.Min == 260);
    CHECK(r.Max == 1300);
    CHECK(r.MinPositive == 260);
    CHECK(!MetricValueRange(ds, 57).Valid());
    Dataset d;
    d.Metrics.push_back(Metric{});
    d.Entities.push_back(Entity{});
    d.Regions.push_back(Region{});
    for (int i = 0; i < 4; i++)
        d.AddObservation(0, 0, 0, MakePeriod(PeriodKind_Year, 2000 + i), i == 0 ? -5.0 : i == 1 ? 0.0 : 0.5 * i);
    BuildIndexes(&d);
    ValueRange signed_range = MetricValueRange(d, 0);
    CHECK(signed_range.Min == -5.0);
    CHECK(signed_range.MinPositive == 1.0); // where a log axis can start
}

TEST_CASE("counts per source, metric, entity, region and confidence add up to the rows")
{
    const Dataset& ds = Fixture();
    std::vector<uint32_t> sources = CountRowsPerSource(ds);
    REQUIRE(sources.size() == ds.Sources.size() + 1);
    CHECK(sources[ds.FindSource("meta-q2-2023")] == 3);
    CHECK(sources[ds.FindSource("est")] == 1);
    CHECK(sources.back() == 2); // without a source
    CHECK(CountRowsPerMetric(ds) == std::vector<uint32_t>{ 4, 2 });
    CHECK(CountRowsPerEntity(ds) == std::vector<uint32_t>{ 3, 1, 2 });
    CHECK(CountRowsPerRegion(ds) == std::vector<uint32_t>{ 2, 3, 1, 0 });
    CHECK(CountRowsPerConfidence(ds) == std::vector<uint32_t>{ 4, 1, 1 });
}

TEST_CASE("the (entity, region) pairs with data for a metric are listed with their span")
{
    const Dataset& ds = Fixture();
    std::vector<EntityRegionPair> pairs = PairsWithData(ds, ds.FindMetric("mau"));
    REQUIRE(pairs.size() == 3);
    CHECK(pairs[0].Entity == ds.FindEntity("facebook"));
    CHECK(pairs[0].Region == ds.FindRegion("apac"));
    CHECK(pairs[0].Rows == 2);
    CHECK(FormatPeriod(pairs[0].First) == "2023-Q1");
    CHECK(FormatPeriod(pairs[0].Last) == "2023-Q2");
    CHECK(EntitiesWithData(ds, ds.FindMetric("mau")) == std::vector<int>{ 0, 2 });
    CHECK(RegionsWithData(ds, ds.FindMetric("mau")) == std::vector<int>{ 1, 2 });
}

TEST_CASE("the text filter matches names, native names, regions, sources and notes, ignoring ASCII case")
{
    const Dataset& ds = Fixture();
    CHECK(FilterRows(ds, "").size() == 6);
    CHECK(FilterRows(ds, "FACEBOOK").size() == 3);
    CHECK(FilterRows(ds, "\xE5\xB0\x8F\xE7\xBA\xA2").size() == 2); // part of the native name 小红书
    CHECK(FilterRows(ds, "asia").size() == 3);
    CHECK(FilterRows(ds, "meta q2").size() == 3);            // every word must match somewhere
    CHECK(FilterRows(ds, "facebook europe").size() == 1);
    CHECK(FilterRows(ds, "third-party").size() == 1);        // a note
    CHECK(FilterRows(ds, "facebook nowhere").empty());
    CHECK(FilterRows(ds, "facebook", ds.FindMetric("rank")).empty());
    CHECK(FilterRows(ds, "  instagram\t").size() == 1);
    // A period's text is searched too, alone or with other words.
    CHECK(FilterRows(ds, "2023-q1").size() == FilterRows(ds, "2023-Q1").size());
    CHECK(!FilterRows(ds, "2023-Q1").empty());
    for (uint32_t row : FilterRows(ds, "facebook 2023-Q1"))
        CHECK(FormatPeriod(ds.Observations.Periods[row]) == "2023-Q1");
    CHECK(FilterRows(ds, "facebook 1999").empty());
}

TEST_CASE("queries agree with brute force on a shuffled dataset")
{
    Dataset ds;
    const int entities = 13, metrics = 5, regions = 7;
    for (int i = 0; i < entities; i++)
        ds.Entities.push_back(Entity{ "e" + std::to_string(i), "Entity " + std::to_string(i) });
    for (int i = 0; i < metrics; i++)
    {
        Metric m;
        m.Id = "m" + std::to_string(i);
        m.LowerIsBetter = i == 3;
        ds.Metrics.push_back(m);
    }
    for (int i = 0; i < regions; i++)
        ds.Regions.push_back(Region{ "r" + std::to_string(i), "Region " + std::to_string(i) });
    std::mt19937 rng(42);
    std::set<std::tuple<int, int, int, uint32_t>> used;
    while (ds.ObservationCount() < 20000)
    {
        // One draw per statement: argument evaluation order differs between compilers.
        int e = (int)(rng() % entities);
        int m = (int)(rng() % metrics);
        int r = (int)(rng() % regions);
        PeriodKind kind = (PeriodKind)(1 + rng() % 4);
        int year = 1990 + (int)(rng() % 30);
        int part = 1 + (int)(rng() % 4);
        int day = 1 + (int)(rng() % 28);
        Period p = MakePeriod(kind, year, part, day);
        if (!used.insert(std::make_tuple(e, m, r, p.Key)).second)
            continue;
        ds.AddObservation(e, m, r, p, (double)(rng() % 1000) - 100.0);
    }
    BuildIndexes(&ds);
    const ObservationTable& o = ds.Observations;
    REQUIRE(ds.Index.SortedRows.size() == ds.ObservationCount());
    for (int trial = 0; trial < 200; trial++)
    {
        int e = (int)(rng() % entities);
        int m = (int)(rng() % metrics);
        int r = (int)(rng() % regions);
        std::vector<uint32_t> expected;
        for (uint32_t row = 0; row < ds.ObservationCount(); row++)
            if (o.Entities[row] == e && o.Metrics[row] == m && o.Regions[row] == r)
                expected.push_back(row);
        std::sort(expected.begin(), expected.end(), [&](uint32_t a, uint32_t b) { return o.Periods[a] < o.Periods[b]; });
        RowSpan span = SeriesRows(ds, m, e, r);
        REQUIRE(std::vector<uint32_t>(span.Begin, span.End) == expected);
        if (expected.empty())
            continue;
        Period when = o.Periods[expected[expected.size() / 2]];
        std::vector<uint32_t> across;
        for (uint32_t row = 0; row < ds.ObservationCount(); row++)
            if (o.Metrics[row] == m && o.Regions[row] == r && o.Periods[row] == when)
                across.push_back(row);
        std::sort(across.begin(), across.end(), [&](uint32_t a, uint32_t b) { return o.Entities[a] < o.Entities[b]; });
        REQUIRE(RowsAcrossEntities(ds, m, r, when) == across);
        std::vector<uint32_t> ranked = Ranking(ds, m, when, CompareKind_Entity, r);
        for (size_t i = 1; i < ranked.size(); i++)
            CHECK((ds.Metrics[m].LowerIsBetter ? o.Values[ranked[i - 1]] <= o.Values[ranked[i]] : o.Values[ranked[i - 1]] >= o.Values[ranked[i]]));
        std::set<uint32_t> periods;
        Period latest;
        for (uint32_t row = 0; row < ds.ObservationCount(); row++)
            if (o.Metrics[row] == m)
            {
                periods.insert(o.Periods[row].Key);
                if (o.Entities[row] == e && o.Periods[row] > latest)
                    latest = o.Periods[row];
            }
        std::vector<Period> got = MetricPeriods(ds, m);
        REQUIRE(got.size() == periods.size());
        CHECK(LatestPeriod(ds, m, e) == latest);
    }
}
