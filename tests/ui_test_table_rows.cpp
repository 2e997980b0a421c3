// The table on a phone: rows a reader can tell apart without scrolling sideways. At 375 px the
// columns in sight were Platform, Value and Period, the region fourth past the canvas's edge, so
// the demo's first rows read "Snapchat 932.1 Q4 2021", "Snapchat 208.9 Q4 2021", "Snapchat 156.9
// Q4 2021": repeats or contradictions to anyone who cannot see that they are North America,
// Europe and the rest of the world. On a phone each row now says its region under its platform,
// in the frozen first column (whose name says so too), and nothing in sight is clipped or runs
// into its neighbour.
#include "ui_test_harness.h"

#include "imgui.h"
#include "ui/app.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

struct TableCase { const char* file; const char* state; };
const TableCase Cases[] = {
    { "data/landscape.json", "{\"view\":\"table\",\"metric\":\"revenue-by-user-geography\",\"entities\":[],\"regions\":[]}" },
    { "data/landscape.json", "{\"view\":\"table\"}" },
    { "tests/data/other-field/music-streaming.json", "{\"view\":\"table\"}" },   // Arabic and Hindi region names
    { "tests/data/long-names/long-names.json", "{\"view\":\"table\"}" },          // names longer than any column
};

// The table's rows in sight, from the layout report: the labels below the header row, grouped by
// the platform cell that starts each row (the frozen column's cells, at the Platform header's x).
struct RowsInSight
{
    float PlatformX = -1.0f, HeaderBottom = -1.0f;
    std::vector<nlohmann::json> Labels;                 // every label below the header
    std::vector<std::vector<nlohmann::json>> Rows;      // each whole row in sight: its labels
};

RowsInSight ReadRows(const nlohmann::json& items, const std::set<std::string>& entities)
{
    RowsInSight r;
    for (const auto& it : items)
        if (it["role"] == "button" && it["text"] == "Platform")
        {
            r.PlatformX = it["x"];
            r.HeaderBottom = it["y"].get<float>() + it["h"].get<float>();
        }
    REQUIRE(r.PlatformX >= 0.0f);
    std::vector<float> starts;
    for (const auto& it : items)
    {
        if (it["role"] != "label" || it["y"].get<float>() < r.HeaderBottom)
            continue;
        r.Labels.push_back(it);
        if (std::abs(it["x"].get<float>() - r.PlatformX) < 1.0f && entities.count(it["text"].get<std::string>()))
            starts.push_back(it["y"]);
    }
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    // The last row may be cut by the table's bottom edge: only the rows with one after them.
    for (size_t i = 0; i + 1 < starts.size(); i++)
    {
        std::vector<nlohmann::json> row;
        for (const auto& it : r.Labels)
            if (it["y"].get<float>() >= starts[i] - 0.5f && it["y"].get<float>() < starts[i + 1] - 0.5f)
                row.push_back(it);
        r.Rows.push_back(std::move(row));
    }
    return r;
}

bool Overlap(const nlohmann::json& a, const nlohmann::json& b)
{
    const float w = std::min(a["x"].get<float>() + a["w"].get<float>(), b["x"].get<float>() + b["w"].get<float>()) - std::max(a["x"].get<float>(), b["x"].get<float>());
    const float h = std::min(a["y"].get<float>() + a["h"].get<float>(), b["y"].get<float>() + b["h"].get<float>()) - std::max(a["y"].get<float>(), b["y"].get<float>());
    return w > 1.0f && h > 1.0f;
}

} // namespace

TEST_CASE("table on a phone: each row in sight says its region beside its platform, the rows differ, nothing is clipped")
{
    const float sizes[][3] = { { 320, 560, 3 }, { 375, 600, 2 }, { 375, 740, 2 } };
    for (const TableCase& c : Cases)
        for (auto size : sizes)
        {
            const std::string file = c.file, state = c.state;
            CAPTURE(file);
            CAPTURE(state);
            CAPTURE(size[0]);
            ui_test::AppHarness h({ size[0], size[1], size[2], false, false });
            REQUIRE(h.App.LoadData(ui_test::ReadSourceFile(c.file)));
            REQUIRE(h.App.SetStateJson(c.state));
            h.Frames(4);
            std::set<std::string> entities, regions;
            for (const auto& e : h.App.Data().Entities)
                entities.insert(e.Name);
            for (const auto& g : h.App.Data().Regions)
                regions.insert(g.Name);
            const nlohmann::json items = h.Layout();
            const RowsInSight r = ReadRows(items, entities);
            CHECK(r.Rows.size() >= 3);
            // The first column's name says what it holds, as its cells do: "Platform", and "Region"
            // under it (it said "Platform" over the two lines).
            bool region_named = false;
            for (const auto& it : r.Labels)
                if (it["text"] == "Region" && std::abs(it["x"].get<float>() - r.PlatformX) < 1.0f &&
                    (r.Rows.empty() || it["y"].get<float>() + it["h"].get<float>() <= r.Rows[0][0]["y"].get<float>()))
                    region_named = true;
            CHECK(region_named);
            std::set<std::vector<std::string>> seen;
            for (const auto& row : r.Rows)
            {
                std::vector<std::string> texts;
                for (const auto& it : row)
                    texts.push_back(it["text"]);
                CAPTURE(nlohmann::json(texts).dump());
                // Its region, in sight: inside the canvas, not scrolled to.
                int region_cells = 0;
                for (const auto& it : row)
                    if (regions.count(it["text"].get<std::string>()) && it["x"].get<float>() >= -0.5f &&
                        it["x"].get<float>() + it["w"].get<float>() <= size[0] + 0.5f && it["w"].get<float>() > 0.0f)
                        region_cells++;
                CHECK(region_cells >= 1);
                std::sort(texts.begin(), texts.end());
                CHECK(seen.insert(texts).second);   // no two rows in sight read the same
            }
            // Nothing in the rows runs past the canvas or into another cell, and every glyph is reported.
            for (size_t i = 0; i < r.Labels.size(); i++)
            {
                const auto& a = r.Labels[i];
                CAPTURE(a.dump());
                CHECK(a["x"].get<float>() >= -0.5f);
                CHECK(a["x"].get<float>() + a["w"].get<float>() <= size[0] + 0.5f);
                for (size_t j = i + 1; j < r.Labels.size(); j++)
                {
                    CAPTURE(r.Labels[j].dump());
                    CHECK(!Overlap(a, r.Labels[j]));
                }
            }
            for (const auto& it : items)
            {
                CAPTURE(it.dump());
                CHECK(it["role"] != "unreported");
            }
        }
}
