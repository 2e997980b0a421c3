// Lint: each rule fires on the data a careful analyst would question, and stays quiet on the
// same data once it is right. Findings point at their JSON pointer and line, or their cell.
#include "sheets_test_helpers.h"

#include "core/json_locate.h"
#include "core/lint.h"

using namespace ls;
using namespace sheets_test;

namespace
{

// A small file: Meta-like regions that split the world, one entity, two metrics.
Json Base()
{
    return Json::parse(R"({
 "format": "landscape/1", "title": "Lint fixture",
 "regions": [
  {"id": "world", "name": "Worldwide", "world": true},
  {"id": "north", "name": "North", "countries": ["US", "CA"]},
  {"id": "europe", "name": "Europe", "countries": ["DE", "FR", "TR"]},
  {"id": "rest", "name": "Rest", "countries": ["JP", "BR"]},
  {"id": "eu-wide", "name": "EU and Turkey", "countries": ["DE", "TR"]}
 ],
 "entities": [{"id": "meta", "name": "Meta"}],
 "metrics": [
  {"id": "dau", "name": "DAU", "unit": "millions", "aggregate": "sum", "period_kind": "level"},
  {"id": "rank", "name": "Rank", "unit": "", "better": "lower"}
 ],
 "sources": [{"id": "q3", "title": "Q3 slides", "kind": "company-reported"}],
 "observations": [
  {"entity": "meta", "metric": "dau", "region": "world", "period": "2023-Q1", "value": 100, "source": "q3"},
  {"entity": "meta", "metric": "dau", "region": "north", "period": "2023-Q1", "value": 20.5, "source": "q3"},
  {"entity": "meta", "metric": "dau", "region": "europe", "period": "2023-Q1", "value": 30, "source": "q3"},
  {"entity": "meta", "metric": "dau", "region": "rest", "period": "2023-Q1", "value": 49.5, "source": "q3"},
  {"entity": "meta", "metric": "dau", "region": "world", "period": "2023-Q2", "value": 110, "source": "q3"},
  {"entity": "meta", "metric": "dau", "region": "world", "period": "2023-Q3", "value": 120, "source": "q3"},
  {"entity": "meta", "metric": "rank", "region": "world", "period": "2023-Q1", "value": 1},
  {"entity": "meta", "metric": "rank", "region": "world", "period": "2023-Q2", "value": 1},
  {"entity": "meta", "metric": "rank", "region": "world", "period": "2023-Q3", "value": 1}
 ],
 "events": [{"date": "2023-05-01", "title": "Inside"}]
})");
}

std::vector<LintFinding> Lint(const Json& doc, const LintOptions& options = LintOptions())
{
    std::string text = doc.dump(1);
    Dataset ds;
    LoadResult r = LoadDataset(text, &ds);
    REQUIRE(r.Ok);
    return LintDataset(ds, DeclaredPeriodKinds(text), options);
}

std::vector<LintFinding> Of(const std::vector<LintFinding>& all, LintRule rule)
{
    std::vector<LintFinding> out;
    for (const LintFinding& f : all)
        if (f.Rule == rule)
            out.push_back(f);
    return out;
}

std::string Describe(const std::vector<LintFinding>& all)
{
    std::string s;
    for (const LintFinding& f : all)
        s += std::string("\n  ") + LintRuleName(f.Rule) + " " + f.Key + ": " + f.Message;
    return s;
}

} // namespace

TEST_CASE("lint: the fixture is clean")
{
    std::vector<LintFinding> f = Lint(Base());
    INFO(Describe(f));
    CHECK(f.empty());
}

TEST_CASE("lint: regional-sum")
{
    Json doc = Base();
    doc["observations"][3]["value"] = 59.5; // the parts now add to 110
    std::vector<LintFinding> f = Lint(doc);
    INFO(Describe(f));
    auto found = Of(f, LintRule_RegionalSum);
    REQUIRE(found.size() == 1);
    CHECK(found[0].Key == "meta/dau/2023-Q1");
    CHECK(found[0].Array == "observations");
    CHECK(found[0].Index == 0); // the worldwide value
    CHECK(found[0].Message.find("add up to 110, not the worldwide 100 (+10, 10 %)") != std::string::npos);

    SUBCASE("not beyond rounding: three parts and a whole of one decimal may differ by 0.2")
    {
        doc["observations"][3]["value"] = 49.7;
        CHECK(Of(Lint(doc), LintRule_RegionalSum).empty());
        doc["observations"][3]["value"] = 49.8;
        CHECK(Of(Lint(doc), LintRule_RegionalSum).size() == 1);
    }
    SUBCASE("not for a metric that may not be summed")
    {
        doc["metrics"][0]["aggregate"] = "none";
        CHECK(Of(Lint(doc), LintRule_RegionalSum).empty());
    }
    SUBCASE("parts that cover less than the world may add to less, never to more")
    {
        Json d = Base();
        d["observations"].erase(3); // no "rest": 50.5 of 100 is fine
        CHECK(Of(Lint(d), LintRule_RegionalSum).empty());
        d["observations"][2]["value"] = 90;
        auto more = Of(Lint(d), LintRule_RegionalSum);
        REQUIRE(more.size() == 1);
        CHECK(more[0].Message.find("cover part of the world but add up to 110.5, more than the worldwide 100") != std::string::npos);
    }
}

TEST_CASE("lint: mixed-granularity")
{
    Json doc = Base();
    doc["observations"].push_back({ { "entity", "meta" }, { "metric", "dau" }, { "region", "world" }, { "period", "2022" }, { "value", 90 } });
    CHECK(Of(Lint(doc), LintRule_MixedGranularity).empty()); // dau declares its period_kind
    doc["metrics"][0].erase("period_kind");
    auto found = Of(Lint(doc), LintRule_MixedGranularity);
    REQUIRE(found.size() == 1);
    CHECK(found[0].Key == "dau");
    CHECK(found[0].Field == "period_kind");
    CHECK(found[0].Message.find("values of dau come in years (1) and quarters (6)") == 0);
    SUBCASE("declared as the default word counts as declared")
    {
        doc["metrics"][0]["period_kind"] = "flow";
        CHECK(Of(Lint(doc), LintRule_MixedGranularity).empty());
    }
}

TEST_CASE("lint: jump")
{
    Json doc = Base();
    doc["observations"][5]["value"] = 400; // 110 -> 400
    auto found = Of(Lint(doc), LintRule_Jump);
    REQUIRE(found.size() == 1);
    CHECK(found[0].Key == "meta/dau/world/2023-Q3");
    CHECK(found[0].Message.find("400 in 2023-Q3 is 3.6 times the 110 of 2023-Q2 (meta, dau, world)") == 0);
    doc["observations"][5]["value"] = 30; // 110 -> 30
    found = Of(Lint(doc), LintRule_Jump);
    REQUIRE(found.size() == 1);
    CHECK(found[0].Message.find("is 1/3.7 of the 110") != std::string::npos);
    doc["observations"][5]["value"] = 320; // below x3
    CHECK(Of(Lint(doc), LintRule_Jump).empty());
    LintOptions strict;
    strict.JumpFactor = 2;
    CHECK(Of(Lint(doc, strict), LintRule_Jump).size() == 1);
    SUBCASE("a year and a quarter are not consecutive periods of one series")
    {
        Json d = Base();
        d["metrics"][0].erase("period_kind");
        d["observations"].push_back({ { "entity", "meta" }, { "metric", "dau" }, { "region", "world" }, { "period", "2023" }, { "value", 440 } });
        CHECK(Of(Lint(d), LintRule_Jump).empty());
    }
}

TEST_CASE("lint: repeated-value")
{
    Json doc = Base();
    doc["observations"][4]["value"] = 100;
    CHECK(Of(Lint(doc), LintRule_RepeatedValue).empty()); // twice is not a run
    doc["observations"][5]["value"] = 100;
    auto found = Of(Lint(doc), LintRule_RepeatedValue);
    REQUIRE(found.size() == 1);
    CHECK(found[0].Key == "meta/dau/world/2023-Q1");
    CHECK(found[0].Index == 4); // the first copy
    CHECK(found[0].Message.find("the same value 100 in 3 consecutive periods, 2023-Q1 to 2023-Q3 (meta, dau, world)") == 0);
    SUBCASE("not across a gap")
    {
        doc["observations"][5]["period"] = "2023-Q4";
        CHECK(Of(Lint(doc), LintRule_RepeatedValue).empty());
    }
    // The rank stays 1 for three quarters in the fixture: ranks stay put, no finding.
}

TEST_CASE("lint: bound-in-note")
{
    Json doc = Base();
    doc["observations"][5]["note"] = "Stated as 'more than 120 million': a lower bound.";
    doc["observations"][4]["note"] = "Stated as 'over': a lower bound.";
    doc["observations"][1]["note"] = "Average over the week; overall growth; moreover, up to date.";
    doc["observations"][2]["note"] = "Reached at least three hundred.";
    std::vector<LintFinding> all = Lint(doc);
    INFO(Describe(all));
    auto found = Of(all, LintRule_BoundInNote);
    REQUIRE(found.size() == 3);
    CHECK(found[0].Key == "meta/dau/europe/2023-Q1");
    CHECK(found[0].Message.find("the note says \"at least three hundred.\"") == 0);
    CHECK(found[1].Message.find("the note says \"over\"") == 0);
    CHECK(found[2].Message.find("the note says \"more than 120 million\"") == 0);
    for (int i : { 2, 4, 5 })
        doc["observations"][i]["bound"] = "lower";
    CHECK(Of(Lint(doc), LintRule_BoundInNote).empty());
}

TEST_CASE("lint: region-overlap")
{
    Json doc = Base();
    doc["observations"].push_back({ { "entity", "meta" }, { "metric", "dau" }, { "region", "eu-wide" }, { "period", "2023-Q1" }, { "value", 10 } });
    std::vector<LintFinding> all = Lint(doc);
    auto found = Of(all, LintRule_RegionOverlap);
    REQUIRE(found.size() == 1);
    CHECK(found[0].Key == "meta/europe+eu-wide");
    CHECK(found[0].Array == "regions");
    CHECK(found[0].Message.find("regions europe and eu-wide share 2 countries (DE, TR)") == 0);
    CHECK(Of(all, LintRule_RegionalSum).empty()); // a split that overlaps is not summed
    SUBCASE("regions used in different periods are not one split")
    {
        doc["observations"].back()["period"] = "2023-Q2";
        CHECK(Of(Lint(doc), LintRule_RegionOverlap).empty());
    }
}

TEST_CASE("lint: source-span")
{
    Json doc = Base();
    doc["observations"][6]["source"] = "q3";
    doc["observations"][6]["period"] = "2021-Q3";
    CHECK(Of(Lint(doc), LintRule_SourceSpan).empty()); // 2021-Q3 .. 2023-Q3: two years, not more
    doc["observations"][6]["period"] = "2020-Q4";
    auto found = Of(Lint(doc), LintRule_SourceSpan);
    REQUIRE(found.size() == 1);
    CHECK(found[0].Key == "q3");
    CHECK(found[0].Message.find("cited for values from 2020-Q4 to 2023-Q3 (2.7 years apart)") == 0);
}

TEST_CASE("lint: event-outside-span")
{
    Json doc = Base();
    doc["events"].push_back({ { "date", "2022-12-31" }, { "title", "Before" } });
    doc["events"].push_back({ { "date", "2023-10-01" }, { "title", "After" } });
    doc["events"].push_back({ { "date", "2023-09-30" }, { "title", "Last day" } });
    auto found = Of(Lint(doc), LintRule_EventOutsideSpan);
    REQUIRE(found.size() == 2);
    CHECK(found[0].Key == "2022-12-31 Before");
    CHECK(found[0].Message.find("is before the data's first period (2023-Q1)") != std::string::npos);
    CHECK(found[1].Key == "2023-10-01 After");
}

TEST_CASE("lint: unchecked-relay")
{
    Json doc = Base();
    doc["sources"][0]["relay_of"] = "Meta Q3 2023 earnings slides";
    auto found = Of(Lint(doc), LintRule_UncheckedRelay);
    REQUIRE(found.size() == 1);
    CHECK(found[0].Key == "q3");
    CHECK(found[0].Field == "checked");
    doc["sources"][0]["checked"] = true;
    CHECK(Of(Lint(doc), LintRule_UncheckedRelay).empty());
}

TEST_CASE("lint: accepted findings by rule and key; new ones and stale ones are told apart")
{
    Json doc = Base();
    doc["observations"][5]["value"] = 400;
    doc["sources"][0]["relay_of"] = "slides";
    std::vector<LintFinding> f = Lint(doc);
    std::vector<AcceptedFinding> accepted;
    std::string error;
    REQUIRE(ParseAcceptedFindings(R"([
      {"rule": "jump", "key": "meta/dau/world/2023-Q3", "reason": "a real jump"},
      {"rule": "source-span", "key": "gone", "reason": "was once true"}
    ])",
                                  &accepted, &error));
    LintVerdict v = JudgeFindings(f, accepted);
    REQUIRE(v.New.size() == 1);
    CHECK(f[v.New[0]].Rule == LintRule_UncheckedRelay);
    CHECK(v.Accepted.size() == 1);
    REQUIRE(v.Stale.size() == 1);
    CHECK(accepted[v.Stale[0]].Key == "gone");
    CHECK(!ParseAcceptedFindings(R"([{"rule": "jump", "key": "x", "reason": " "}])", &accepted, &error));
    CHECK(error == "item 0 (jump x) gives no reason");
    CHECK(!ParseAcceptedFindings(R"([{"rule": "jumps", "key": "x", "reason": "r"}])", &accepted, &error));
}

TEST_CASE("LocateInJson: pointers, lines and columns in both observation forms")
{
    const std::string object_form = "{\n \"format\": \"landscape/1\",\n \"title\": \"小红书\",\n \"sources\": [\n  {\"id\": \"a\", \"title\": \"A\"},\n"
                                    "  {\"id\": \"b\", \"title\": \"B\", \"relay_of\": \"x\"}\n ],\n \"observations\": [\n"
                                    "  {\"entity\": \"e\", \"value\": 1},\n  {\"entity\": \"小红书\", \"value\": 2, \"note\": \"n\"}\n ]\n}\n";
    std::vector<RecordPlace> places = { { "observations", 1, "note" }, { "sources", 1, "checked" }, { "sources", 1, "relay_of" }, { "", 0, "title" } };
    std::vector<LocatedPlace> at = LocateInJson(object_form, places);
    CHECK(at[0].Pointer == "/observations/1/note");
    CHECK(at[0].Line == 10);
    CHECK(at[0].Column == 33); // columns count code points: 小红书 is three
    CHECK(at[1].Pointer == "/sources/1"); // no "checked" field: the record
    CHECK(at[1].Line == 6);
    CHECK(at[1].Column == 3);
    CHECK(at[2].Pointer == "/sources/1/relay_of");
    CHECK(at[2].Column == 29);
    CHECK(at[3].Pointer == "/title");
    CHECK(at[3].Line == 3);

    const std::string compact = "{\"observations\": {\"rows\": [[\"e\", 1, null],\n [\"f\", 2, \"n\"]], \"columns\": [\"entity\", \"value\", \"note\"]}}";
    at = LocateInJson(compact, { { "observations", 1, "note" }, { "observations", 0, "value" }, { "observations", 1, "bound" } });
    CHECK(at[0].Pointer == "/observations/rows/1/2");
    CHECK(at[0].Line == 2);
    CHECK(at[0].Column == 11);
    CHECK(at[1].Pointer == "/observations/rows/0/1");
    CHECK(at[1].Column == 34);
    CHECK(at[2].Pointer == "/observations/rows/1");
    CHECK(at[2].Column == 2);
}

TEST_CASE("lint: ranks are places, not amounts: no jump from 31 to 1")
{
    Json doc = Base();
    doc["observations"][7]["value"] = 31;
    CHECK(Of(Lint(doc), LintRule_Jump).empty());
}

TEST_CASE("SkipJsonValue skips a value by its brackets and quotes")
{
    const std::string text = R"( {"a": [1, "x]\"}", {"b": null}], "c": "小红书"} tail)";
    CHECK(SkipJsonValue(text, 0) == text.find(" tail"));
    const size_t array = text.find('[');
    CHECK(text.substr(array, SkipJsonValue(text, array) - array) == R"([1, "x]\"}", {"b": null}])");
    CHECK(SkipJsonValue("  12.5e3, 4", 0) == 8);
    CHECK(SkipJsonValue("\"a\\\\\" ,", 0) == 5);
}

TEST_CASE("the records of a document without its observations, wherever they are; DeclaredPeriodKinds reads up to the metrics")
{
    Json doc = Base();
    Json observations = doc["observations"];
    doc.erase("observations");
    // The observations first, records after them: skipped by their brackets, the rest still read.
    std::string text = "{\"observations\": " + observations.dump() + ", " + doc.dump().substr(1);
    Workbook records;
    REQUIRE(ExportDocument(text, &records, false));
    CHECK(records.Find("observations")->RowCount() == 1); // the header only
    CHECK(records.Find("regions")->RowCount() == 6);
    CHECK(records.Find("events")->RowCount() == 2);
    std::vector<uint8_t> declared = DeclaredPeriodKinds(text);
    CHECK(declared == std::vector<uint8_t>{ 1, 0 });
    // Observations last: nothing after them.
    text = doc.dump();
    text.insert(text.size() - 1, ", \"observations\": " + observations.dump());
    Workbook again;
    REQUIRE(ExportDocument(text, &again, false));
    CHECK(again.Find("metrics")->RowCount() == 3);
}
