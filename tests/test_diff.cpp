// Diff between editions: revised, added, removed and changed values, and changed records, matched
// by id whatever the order of the files.
#include "sheets_test_helpers.h"

#include "core/diff.h"

#include <cmath>

using namespace ls;
using namespace sheets_test;

namespace
{

EditionDiff Diff(const Json& a, const Json& b)
{
    std::string ta = a.dump(1), tb = b.dump(1);
    static Dataset da, db; // the diff keeps no references; static only to keep the test short
    da = Dataset(), db = Dataset();
    REQUIRE(LoadDataset(ta, &da).Ok);
    REQUIRE(LoadDataset(tb, &db).Ok);
    Workbook ra, rb;
    REQUIRE(ExportDocument(ta, &ra, false));
    REQUIRE(ExportDocument(tb, &rb, false));
    return DiffEditions(da, ra, db, rb);
}

} // namespace

TEST_CASE("diff: the same file, and the same file reordered, differ in nothing")
{
    Json a = Json::parse(ReadText(SourcePath("data/landscape.json")));
    CHECK(Diff(a, a).Empty());
    Json b = a;
    std::reverse(b["observations"].begin(), b["observations"].end());
    std::reverse(b["regions"].begin(), b["regions"].end());
    std::reverse(b["metrics"].begin(), b["metrics"].end());
    EditionDiff d = Diff(a, b);
    CHECK(d.Revised.empty());
    CHECK(d.Added.empty());
    CHECK(d.Removed.empty());
    CHECK(d.Changed.empty());
    CHECK(d.Empty());
}

TEST_CASE("diff: values revised, added, removed and changed; records added, removed and changed")
{
    Json a = Json::parse(ReadText(SourcePath("tests/data/minimal.json")));
    Json b = a;
    REQUIRE(b["observations"].size() >= 4);
    const Json first = a["observations"][0];
    b["observations"][0]["value"] = first["value"].get<double>() * 1.1;
    Json removed = b["observations"][1];
    b["observations"].erase(1);
    b["observations"][1]["note"] = "restated";
    Json added = first;
    added["period"] = "2030-Q1";
    added["value"] = 7;
    b["observations"].push_back(added);
    b["sources"][0]["title"] = "A new title";
    b["sources"].push_back({ { "id", "new-source" }, { "title", "New" } });
    b["title"] = "Edition two";
    b["metrics"].erase(b["metrics"].size() - 1);
    // The removed metric's observations go too, so the new file still loads.
    std::string gone = a["metrics"][a["metrics"].size() - 1]["id"];
    Json kept = Json::array();
    for (const Json& o : b["observations"])
        if (o["metric"] != gone)
            kept.push_back(o);
    b["observations"] = kept;

    EditionDiff d = Diff(a, b);
    REQUIRE(d.Revised.size() == 1);
    CHECK(d.Revised[0].Entity == first["entity"]);
    CHECK(d.Revised[0].Period == first["period"]);
    CHECK(d.Revised[0].Old == first["value"].get<double>());
    CHECK(std::fabs(ChangePercent(d.Revised[0].Old, d.Revised[0].New) - 10.0) < 1e-9);
    REQUIRE(d.Added.size() == 1);
    CHECK(d.Added[0].Period == "2030-Q1");
    CHECK(d.Added[0].New == 7);
    CHECK(!d.Added[0].HasOld);
    bool removed_found = false;
    for (const ValueChange& v : d.Removed)
        removed_found = removed_found || (v.Period == removed["period"] && v.Entity == removed["entity"] && v.Metric == removed["metric"]);
    CHECK(removed_found);

    nlohmann::json j = DiffJson(d, "old.json", "new.json");
    CHECK(j["revised"][0]["change_percent"].get<double>() == doctest::Approx(10.0));
    CHECK(j["added"][0]["old"].is_null());
    CHECK(j["sources"]["added"] == nlohmann::json::array({ "new-source" }));
    REQUIRE(j["sources"]["changed"].size() == 1);
    CHECK(j["sources"]["changed"][0]["fields"]["title"]["new"] == "A new title");
    CHECK(j["metrics"]["removed"] == nlohmann::json::array({ gone }));
    CHECK(j["about"]["title"]["new"] == "Edition two");
    CHECK(j.contains("regions"));
    CHECK(j.contains("entities"));
    CHECK(j.contains("events"));
}

TEST_CASE("diff: the same value with another note, source or bound is changed, not revised")
{
    Json a = Json::parse(ReadText(SourcePath("tests/data/minimal.json")));
    Json b = a;
    b["observations"][0]["note"] = "now with a note";
    b["observations"][0]["bound"] = "lower";
    EditionDiff d = Diff(a, b);
    CHECK(d.Revised.empty());
    REQUIRE(d.Changed.size() == 1);
    REQUIRE(d.Changed[0].Fields.size() == 2);
    CHECK(d.Changed[0].Fields[0].Field == "note");
    CHECK(d.Changed[0].Fields[0].New == "now with a note");
    CHECK(d.Changed[0].Fields[1].Field == "bound");
    CHECK(d.Changed[0].Fields[1].New == "lower");
}

TEST_CASE("diff: events are matched by date and title")
{
    Json a = Json::parse(ReadText(SourcePath("tests/data/minimal.json")));
    REQUIRE(a.contains("events"));
    Json b = a;
    b["events"][0]["detail"] = "more detail";
    b["events"].push_back({ { "date", "2023-01-02" }, { "title", "Another" } });
    EditionDiff d = Diff(a, b);
    const RecordsDiff* events = nullptr;
    for (const RecordsDiff& r : d.Records)
        if (r.Sheet == "events")
            events = &r;
    REQUIRE(events);
    REQUIRE(events->Changes.size() == 2);
    CHECK(events->Changes[0].What == RecordChange::Changed);
    CHECK(events->Changes[0].Key == a["events"][0]["date"].get<std::string>() + " " + a["events"][0]["title"].get<std::string>());
    CHECK(events->Changes[1].What == RecordChange::Added);
    CHECK(events->Changes[1].Key == "2023-01-02 Another");
}
