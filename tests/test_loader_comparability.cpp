// The fields that say what may be compared (issue #10 §2, docs/format.md "What may be compared"):
// a metric's period_kind, sum_across_entities and as_of_limit; an observation's bound and
// certainty (in both observation forms); a source's relay_of, checked and attribution; and the
// source quality the core derives from them. Each is read when valid, refused with its pointer
// when of the wrong type, and (for the enums) read as its default with a warning when the word is
// unknown; a file without any of them loads exactly as before.
#include "test_loader_helpers.h"

#include <string>
#include <vector>

namespace
{

// The observations of the fixture in the compact form, with the given columns.
Json CompactForm(const Json& base, const std::vector<std::string>& columns)
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

const Problem* Warning(const LoadResult& r, const std::string& pointer, const std::string& text)
{
    return FindProblem(r, pointer, text, ProblemSeverity_Warning);
}

} // namespace

TEST_CASE("a file without the comparability fields loads as before: flows, not summed across entities, default limits, exact, not graded, no relays")
{
    Dataset ds;
    LoadResult r = Load(Base(), &ds);
    CHECK_LOADS(r);
    CHECK(r.WarningCount == 0);
    for (const Metric& m : ds.Metrics)
    {
        CAPTURE(m.Id);
        CHECK_FALSE(m.IsLevel);
        CHECK_FALSE(m.SumAcrossEntities);
        CHECK(m.AsOf.Years == 1);
        CHECK(m.AsOf.Quarters == 4);
        CHECK(m.AsOf.Months == 12);
        CHECK(m.AsOf.Days == 90);
    }
    for (const Source& s : ds.Sources)
    {
        CHECK(s.RelayOf.empty());
        CHECK_FALSE(s.Checked);
        CHECK(s.Attribution.empty());
    }
    REQUIRE(ds.Observations.Qualifiers.size() == ds.ObservationCount());
    for (uint32_t row = 0; row < ds.ObservationCount(); row++)
    {
        CHECK(ds.Observations.BoundAt(row) == Bound_None);
        CHECK(ds.Observations.CertaintyAt(row) == Certainty_None);
    }
    // Writing every default out gives the same dataset.
    Json j = Base();
    for (Json& m : j["metrics"])
    {
        m["period_kind"] = "flow";
        m["sum_across_entities"] = false;
        m["as_of_limit"] = Json::object({ { "year", 1 }, { "quarter", 4 }, { "month", 12 }, { "day", 90 } });
    }
    j["sources"][0]["checked"] = false;
    Dataset explicit_defaults;
    LoadResult r2 = Load(j, &explicit_defaults);
    CHECK_LOADS(r2);
    CHECK(r2.WarningCount == 0);
    CHECK(explicit_defaults.Observations.Qualifiers == ds.Observations.Qualifiers);
    CHECK(explicit_defaults.Observations.Confidences == ds.Observations.Confidences);
    for (size_t i = 0; i < ds.Metrics.size(); i++)
    {
        CHECK(explicit_defaults.Metrics[i].IsLevel == ds.Metrics[i].IsLevel);
        CHECK(explicit_defaults.Metrics[i].AsOf.Quarters == ds.Metrics[i].AsOf.Quarters);
    }
}

TEST_CASE("a metric's period_kind: flow or level; an unknown word is a warning and reads as flow, the safe side")
{
    Json j = Base();
    j["metrics"][0]["period_kind"] = "level";
    j["metrics"][1]["period_kind"] = "flow";
    Dataset ds;
    CHECK_LOADS(Load(j, &ds));
    CHECK(ds.Metrics[0].IsLevel);
    CHECK_FALSE(ds.Metrics[1].IsLevel);

    j["metrics"][0]["period_kind"] = "stock";
    LoadResult r = Load(j, &ds);
    CHECK_LOADS(r);
    CHECK(r.WarningCount == 1);
    const Problem* p = Warning(r, "/metrics/0/period_kind", "\"period_kind\" must be \"flow\" or \"level\", not \"stock\"; the default \"flow\" is used");
    REQUIRE_MESSAGE(p != nullptr, Describe(r));
    CHECK(p->Kind == ProblemKind_UnknownValue);
    CHECK(p->Line > 0);
    CHECK_FALSE(ds.Metrics[0].IsLevel);

    j["metrics"][0]["period_kind"] = "levle";
    CHECK(Warning(Load(j), "/metrics/0/period_kind", "(did you mean \"level\"?); the default \"flow\" is used"));

    j["metrics"][0]["period_kind"] = true; // not a word at all: an error
    CHECK_REFUSED(Load(j), "/metrics/0/period_kind", "\"period_kind\" must be one of \"flow\" or \"level\", not true/false");
    j["metrics"][0]["period_kind"] = nullptr; // null = absent
    CHECK_LOADS(Load(j, &ds));
    CHECK_FALSE(ds.Metrics[0].IsLevel);
}

TEST_CASE("a metric's sum_across_entities is a boolean, false by default")
{
    Json j = Base();
    j["metrics"][0]["sum_across_entities"] = true;
    Dataset ds;
    CHECK_LOADS(Load(j, &ds));
    CHECK(ds.Metrics[0].SumAcrossEntities);
    CHECK_FALSE(ds.Metrics[1].SumAcrossEntities);
    j["metrics"][0]["sum_across_entities"] = "yes";
    CHECK_REFUSED(Load(j), "/metrics/0/sum_across_entities", "\"sum_across_entities\" must be true or false, not a string");
    j["metrics"][0]["sum_across_entities"] = 1;
    CHECK_REFUSED(Load(j), "/metrics/0/sum_across_entities", "must be true or false, not a number");
    // Its name is longer than the 16 bytes the fast lookup packs; a near miss still gets its suggestion.
    j = Base();
    j["metrics"][0]["sum_across_entitys"] = true;
    LoadResult r = Load(j, &ds);
    CHECK_LOADS(r);
    CHECK(Warning(r, "/metrics/0/sum_across_entitys", "unknown field \"sum_across_entitys\" is ignored (did you mean \"sum_across_entities\"?)"));
    CHECK_FALSE(ds.Metrics[0].SumAcrossEntities);
    // It is a metric's field, not an observation's.
    j = Base();
    j["observations"][0]["sum_across_entities"] = true;
    CHECK(Warning(Load(j), "/observations/0/sum_across_entities", "unknown field \"sum_across_entities\" is ignored"));
}

TEST_CASE("a metric's as_of_limit: members year, quarter, month, day from 0 to 100; the rest keep their defaults")
{
    Json j = Base();
    j["metrics"][0]["as_of_limit"] = Json::object({ { "quarter", 2 }, { "day", 100 } });
    j["metrics"][1]["as_of_limit"] = Json::object({ { "year", 0 } });
    Dataset ds;
    LoadResult r = Load(j, &ds);
    CHECK_LOADS(r);
    CHECK(r.WarningCount == 0);
    CHECK(ds.Metrics[0].AsOf.Quarters == 2);
    CHECK(ds.Metrics[0].AsOf.Days == 100);
    CHECK(ds.Metrics[0].AsOf.Years == 1);
    CHECK(ds.Metrics[0].AsOf.Months == 12);
    CHECK(ds.Metrics[1].AsOf.Years == 0);
    CHECK(ds.Metrics[1].AsOf.Quarters == 4);
    CHECK(ds.Metrics[0].AsOf.For(PeriodKind_Quarter) == 2);
    CHECK(ds.Metrics[0].AsOf.For(PeriodKind_Day) == 100);
    CHECK(ds.Metrics[1].AsOf.For(PeriodKind_Year) == 0);
    CHECK(ds.Metrics[1].AsOf.For(PeriodKind_Month) == 12);
    CHECK(ds.Metrics[1].AsOf.For(PeriodKind_None) == 0);

    struct Case
    {
        Json Limit;
        const char* Pointer;
        const char* Message;
    };
    const Case errors[] = {
        { Json::object({ { "quarter", 101 } }), "/metrics/0/as_of_limit/quarter", "\"quarter\" must be a whole number from 0 to 100" },
        { Json::object({ { "month", -1 } }), "/metrics/0/as_of_limit/month", "\"month\" must be a whole number from 0 to 100" },
        { Json::object({ { "year", 1.5 } }), "/metrics/0/as_of_limit/year", "whole number" },
        { Json::object({ { "day", "30" } }), "/metrics/0/as_of_limit/day", "whole number" },
        { 4, "/metrics/0/as_of_limit", "\"as_of_limit\" must be an object such as {\"year\": 1}, not a number" },
        { Json::array({ 1, 4 }), "/metrics/0/as_of_limit", "\"as_of_limit\" must be an object such as {\"year\": 1}, not an array" },
        { "quarter", "/metrics/0/as_of_limit", "must be an object" },
    };
    for (const Case& c : errors)
    {
        CAPTURE(c.Limit.dump());
        j = Base();
        j["metrics"][0]["as_of_limit"] = c.Limit;
        LoadResult bad = Load(j);
        CHECK_REFUSED(bad, c.Pointer, c.Message);
        const Problem* p = FindProblem(bad, c.Pointer, c.Message);
        if (p)
            CHECK(p->Line > 0);
    }

    // An unknown member is ignored with a warning, like any unknown field; null means absent.
    j = Base();
    j["metrics"][0]["as_of_limit"] = Json::object({ { "week", 3 }, { "quarter", 1 } });
    j["metrics"][1]["as_of_limit"] = nullptr;
    r = Load(j, &ds);
    CHECK_LOADS(r);
    CHECK(r.WarningCount == 1);
    CHECK(Warning(r, "/metrics/0/as_of_limit/week", "unknown field \"week\" is ignored"));
    CHECK(ds.Metrics[0].AsOf.Quarters == 1);
    CHECK(ds.Metrics[1].AsOf.Quarters == 4);

    // A member twice is an error, as in any object; so is the field twice in a metric.
    std::string text = Base().dump(2);
    const std::string metric = "\"id\": \"mau\",";
    REQUIRE(text.find(metric) != std::string::npos);
    std::string twice = text;
    twice.replace(twice.find(metric), metric.size(), metric + " \"as_of_limit\": {\"quarter\": 2, \"quarter\": 3},");
    CHECK_REFUSED(Load(twice), "/metrics/0/as_of_limit/quarter", "\"quarter\" appears twice in this as_of_limit; keep one");
    twice = text;
    twice.replace(twice.find(metric), metric.size(), metric + " \"as_of_limit\": {\"quarter\": 2}, \"as_of_limit\": {\"year\": 3},");
    CHECK_REFUSED(Load(twice), "/metrics/0/as_of_limit", "\"as_of_limit\" appears twice in this metric");

    // The members are the metric's: the next metric starts from the defaults again.
    j = Base();
    j["metrics"][0]["as_of_limit"] = Json::object({ { "month", 3 } });
    CHECK_LOADS(Load(j, &ds));
    CHECK(ds.Metrics[0].AsOf.Months == 3);
    CHECK(ds.Metrics[1].AsOf.Months == 12);
}

TEST_CASE("an observation's bound and certainty share a byte, independent of each other and of confidence")
{
    Json j = Base();
    j["observations"][0]["bound"] = "lower";
    j["observations"][1]["bound"] = "upper";
    j["observations"][1]["certainty"] = "low";
    j["observations"][3]["certainty"] = "medium"; // an estimate, graded medium
    j["observations"][5]["certainty"] = "high";
    j["observations"][5]["bound"] = "lower"; // a forecast
    Dataset ds;
    LoadResult r = Load(j, &ds);
    CHECK_LOADS(r);
    CHECK(r.WarningCount == 0);
    const ObservationTable& o = ds.Observations;
    CHECK(o.BoundAt(0) == Bound_Lower);
    CHECK(o.CertaintyAt(0) == Certainty_None);
    CHECK(o.BoundAt(1) == Bound_Upper);
    CHECK(o.CertaintyAt(1) == Certainty_Low);
    CHECK(o.BoundAt(2) == Bound_None);
    CHECK(o.CertaintyAt(3) == Certainty_Medium);
    CHECK(o.Confidences[3] == Confidence_Estimate); // confidence keeps its own column
    CHECK(o.BoundAt(5) == Bound_Lower);
    CHECK(o.CertaintyAt(5) == Certainty_High);
    CHECK(o.Confidences[5] == Confidence_Forecast);
    CHECK(o.Confidences[0] == Confidence_Reported);
    CHECK(std::string(BoundName(o.BoundAt(1))) == "upper");
    CHECK(std::string(CertaintyName(o.CertaintyAt(3))) == "medium");
    CHECK(std::string(BoundName(Bound_None)).empty());
    CHECK(std::string(CertaintyName(Certainty_None)).empty());

    // The order of the two fields in the text does not matter: neither clears the other's bits.
    Json k = Base();
    k["observations"][0] = Json::parse(R"({"certainty": "low", "bound": "upper", "entity": "facebook", "metric": "mau", "region": "apac",
                                           "period": "2023-Q2", "value": 1300})");
    CHECK_LOADS(Load(k, &ds));
    CHECK(ds.Observations.BoundAt(0) == Bound_Upper);
    CHECK(ds.Observations.CertaintyAt(0) == Certainty_Low);
}

TEST_CASE("an unknown word of bound or certainty is a warning and reads as not given; another type is an error")
{
    Json j = Base();
    j["observations"][0]["bound"] = "lowr";
    j["observations"][0]["certainty"] = "medium";
    j["observations"][1]["certainty"] = "very high";
    Dataset ds;
    LoadResult r = Load(j, &ds);
    CHECK_LOADS(r);
    CHECK(r.WarningCount == 2);
    const Problem* p = Warning(r, "/observations/0/bound", "\"bound\" must be \"lower\" or \"upper\", not \"lowr\" (did you mean \"lower\"?); it is read as not given");
    REQUIRE_MESSAGE(p != nullptr, Describe(r));
    CHECK(p->Kind == ProblemKind_UnknownValue);
    CHECK(Warning(r, "/observations/1/certainty", "\"certainty\" must be \"high\", \"medium\" or \"low\", not \"very high\"; it is read as not given"));
    CHECK(ds.Observations.BoundAt(0) == Bound_None);
    CHECK(ds.Observations.CertaintyAt(0) == Certainty_Medium); // the other field of the byte is kept
    CHECK(ds.Observations.CertaintyAt(1) == Certainty_None);

    j = Base();
    j["observations"][2]["bound"] = 1;
    CHECK_REFUSED(Load(j), "/observations/2/bound", "\"bound\" must be one of \"lower\" or \"upper\", not a number");
    j = Base();
    j["observations"][2]["certainty"] = Json::array({ "high" });
    CHECK_REFUSED(Load(j), "/observations/2/certainty", "\"certainty\" must be one of \"high\", \"medium\" or \"low\", not an array");
}

TEST_CASE("bound and certainty are columns of the compact table form, read as in the object form")
{
    Json j = Base();
    j["observations"][0]["bound"] = "lower";
    j["observations"][3]["certainty"] = "medium";
    j["observations"][4]["bound"] = "upper";
    j["observations"][4]["certainty"] = "high";
    const std::vector<std::string> columns = { "entity", "metric", "region", "period", "value", "source", "confidence", "note", "bound", "certainty" };
    Dataset objects, table;
    CHECK_LOADS(Load(j, &objects));
    LoadResult r = Load(CompactForm(j, columns), &table);
    CHECK_LOADS(r);
    CHECK(r.WarningCount == 0);
    REQUIRE(table.ObservationCount() == objects.ObservationCount());
    CHECK(table.Observations.Qualifiers == objects.Observations.Qualifiers);
    CHECK(table.Observations.Confidences == objects.Observations.Confidences);
    CHECK(table.Observations.BoundAt(4) == Bound_Upper);
    CHECK(table.Observations.CertaintyAt(4) == Certainty_High);

    // Columns in another order, certainty before bound.
    Dataset swapped;
    CHECK_LOADS(Load(CompactForm(j, { "certainty", "value", "period", "region", "metric", "entity", "bound" }), &swapped));
    CHECK(swapped.Observations.Qualifiers == objects.Observations.Qualifiers);

    // A cell's unknown word: a warning at the cell; a cell of another type: an error at the cell.
    Json bad = CompactForm(j, columns);
    bad["observations"]["rows"][0][8] = "at-least";
    r = Load(bad, &table);
    CHECK_LOADS(r);
    CHECK(Warning(r, "/observations/rows/0/8", "\"bound\" must be \"lower\" or \"upper\", not \"at-least\"; it is read as not given"));
    CHECK(table.Observations.BoundAt(0) == Bound_None);
    bad["observations"]["rows"][3][9] = 2;
    CHECK_REFUSED(Load(bad), "/observations/rows/3/9", "\"certainty\" must be one of \"high\", \"medium\" or \"low\", not a number");
}

TEST_CASE("a source's relay_of, checked and attribution")
{
    Json j = Base();
    j["sources"][0]["relay_of"] = "Meta Platforms Q2 2023 earnings slides";
    j["sources"][0]["checked"] = true;
    j["sources"][1]["attribution"] = "Figures \u00a9 Example Research, used under licence";
    Dataset ds;
    LoadResult r = Load(j, &ds);
    CHECK_LOADS(r);
    CHECK(r.WarningCount == 0);
    CHECK(ds.Sources[0].RelayOf == "Meta Platforms Q2 2023 earnings slides");
    CHECK(ds.Sources[0].Checked);
    CHECK(ds.Sources[1].Attribution == "Figures \u00a9 Example Research, used under licence");
    CHECK(ds.Sources[1].RelayOf.empty());
    CHECK_FALSE(ds.Sources[1].Checked);

    j["sources"][0]["relay_of"] = 5;
    CHECK_REFUSED(Load(j), "/sources/0/relay_of", "\"relay_of\" must be a string, not a number");
    j = Base();
    j["sources"][0]["checked"] = "no";
    CHECK_REFUSED(Load(j), "/sources/0/checked", "\"checked\" must be true or false, not a string");
    j = Base();
    j["sources"][1]["attribution"] = Json::array({ "Statista" });
    CHECK_REFUSED(Load(j), "/sources/1/attribution", "\"attribution\" must be a string, not an array");
    j = Base();
    j["sources"][0]["atribution"] = "x";
    CHECK(Warning(Load(j), "/sources/0/atribution", "(did you mean \"attribution\"?)"));
}

TEST_CASE("source quality is derived from kind, relay_of and checked")
{
    struct Case
    {
        SourceKind Kind;
        const char* RelayOf;
        bool Checked;
        SourceQuality Want;
        const char* Name;
    };
    const Case cases[] = {
        { SourceKind_CompanyReported, "", false, SourceQuality_Primary, "primary" },
        { SourceKind_CompanyReported, "", true, SourceQuality_Primary, "primary" }, // checked means nothing without relay_of
        { SourceKind_CompanyReported, "Meta Q3 2025 earnings slides", false, SourceQuality_RelayUnchecked, "relay-unchecked" },
        { SourceKind_CompanyReported, "Meta Q3 2025 earnings slides", true, SourceQuality_RelayChecked, "relay-checked" },
        { SourceKind_MediaReport, "", false, SourceQuality_Media, "media" },
        { SourceKind_MediaReport, "Snap Q4 2023 press release", true, SourceQuality_RelayChecked, "relay-checked" }, // a news page relaying a release
        { SourceKind_ThirdPartyEstimate, "", false, SourceQuality_Estimate, "estimate" },
        { SourceKind_ThirdPartyEstimate, "Sensor Tower report", true, SourceQuality_Estimate, "estimate" }, // an estimate stays one, relayed or not
        { SourceKind_AnalystEstimate, "", false, SourceQuality_Estimate, "estimate" },
        { SourceKind_Other, "", false, SourceQuality_Other, "other" },
        { SourceKind_None, "", false, SourceQuality_Other, "other" },
    };
    for (const Case& c : cases)
    {
        CAPTURE(SourceKindName(c.Kind));
        CAPTURE(c.RelayOf);
        CAPTURE(c.Checked);
        Source s;
        s.Kind = c.Kind;
        s.RelayOf = c.RelayOf;
        s.Checked = c.Checked;
        CHECK(QualityOf(s) == c.Want);
        CHECK(std::string(SourceQualityName(QualityOf(s))) == c.Name);
    }
    // Every quality has a distinct name.
    for (int a = 0; a < SourceQuality_COUNT; a++)
        for (int b = a + 1; b < SourceQuality_COUNT; b++)
            CHECK(std::string(SourceQualityName((SourceQuality)a)) != SourceQualityName((SourceQuality)b));

    // From a file.
    Json j = Base();
    j["sources"][0]["relay_of"] = "Meta Q2 2023 earnings release";
    Dataset ds;
    CHECK_LOADS(Load(j, &ds));
    CHECK(QualityOf(ds.Sources[0]) == SourceQuality_RelayUnchecked);
    CHECK(QualityOf(ds.Sources[1]) == SourceQuality_Estimate); // "analyst-estimate"
}

TEST_CASE("the qualifier byte is counted in the resident bytes and follows AddObservation")
{
    Dataset ds;
    CHECK_LOADS(Load(Base(), &ds));
    const ObservationTable& o = ds.Observations;
    // Each column's bytes are its rows' capacity plus its block table (column.h).
    size_t columns = o.Entities.ResidentBytes() + o.Metrics.ResidentBytes() + o.Regions.ResidentBytes() + o.Periods.ResidentBytes() +
                     o.Values.ResidentBytes() + o.Sources.ResidentBytes() + o.Confidences.ResidentBytes() + o.Qualifiers.ResidentBytes() +
                     o.Notes.ResidentBytes();
    CHECK(o.ResidentBytes() == columns);
    CHECK(o.Qualifiers.ResidentBytes() >= o.Qualifiers.capacity());
    CHECK(o.Values.ResidentBytes() >= o.Values.capacity() * 8);
    CHECK(o.Qualifiers.capacity() >= o.Size());

    Period p;
    REQUIRE(ParsePeriod("2024-Q1", &p));
    uint32_t row = ds.AddObservation(0, 0, 0, p, 5.0, -1, Confidence_Estimate, "added", Bound_Upper, Certainty_Low);
    CHECK(ds.Observations.BoundAt(row) == Bound_Upper);
    CHECK(ds.Observations.CertaintyAt(row) == Certainty_Low);
    CHECK(ds.Observations.Confidences[row] == Confidence_Estimate);
    row = ds.AddObservation(0, 0, 0, NextPeriod(p), 6.0);
    CHECK(ds.Observations.BoundAt(row) == Bound_None);
    CHECK(ds.Observations.CertaintyAt(row) == Certainty_None);
}
