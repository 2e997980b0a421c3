// Map, compare and share at a laptop's and a phone's width (issue #12), read back through the
// layout report: the map's colour legend beside or below the map and never on it; compare's bars
// spread over the height they have; share's period labels apart, its parts named once each (on
// the bars or in the legend); hover marks one entry.
#include "ui_test_harness.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/app.h"
#include "ui/layout_report.h"
#include "ui/views/views.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace {

using ui_test::ReadDemo;

// The demo data loaded at a size.
struct Harness : ui_test::AppHarness
{
    float Width, Height;
    Harness(float width, float height, bool dark = false) : AppHarness({ width, height, 1.0f, dark, false }), Width(width), Height(height)
    {
        REQUIRE(App.LoadData(ReadDemo()));
    }
    void HoverCentreOf(const nlohmann::json& item)
    {
        ImGui::GetIO().AddMousePosEvent(item["x"].get<float>() + std::min(4.0f, item["w"].get<float>() * 0.5f),
                                        item["y"].get<float>() + item["h"].get<float>() * 0.5f);
        Frames(2);
    }
};

ImRect RectOf(const nlohmann::json& it)
{
    float x = it["x"], y = it["y"], w = it["w"], h = it["h"];
    return ImRect(x, y, x + w, y + h);
}

float Overlap(const ImRect& a, const ImRect& b)
{
    return std::min(std::min(a.Max.x, b.Max.x) - std::max(a.Min.x, b.Min.x), std::min(a.Max.y, b.Max.y) - std::max(a.Min.y, b.Min.y));
}

// Inside the canvas, and no two of them intersecting by more than 1 px.
void CheckApartAndInside(const nlohmann::json& items, float width, float height)
{
    for (size_t i = 0; i < items.size(); i++)
    {
        CAPTURE(items[i].dump());
        ImRect a = RectOf(items[i]);
        CHECK(a.Min.x >= -0.5f);
        CHECK(a.Min.y >= -0.5f);
        CHECK(a.Max.x <= width + 0.5f);
        CHECK(a.Max.y <= height + 0.5f);
        for (size_t j = i + 1; j < items.size(); j++)
        {
            CAPTURE(items[j].dump());
            CHECK(Overlap(a, RectOf(items[j])) <= 1.0f);
        }
    }
}

int CountHighlighted(const nlohmann::json& items, const std::string& text)
{
    int n = 0;
    for (const auto& it : items)
        if (it.value("highlighted", false))
        {
            CHECK(it["text"] == text);
            n++;
        }
    return n;
}

const char* MapState = "{\"view\":\"map\",\"metric\":\"revenue-by-user-geography\",\"entities\":[\"meta\",\"pinterest\",\"reddit\",\"snapchat\"],\"regions\":[]}";
const char* CompareTwo = "{\"view\":\"compare\",\"metric\":\"revenue-by-user-geography\",\"entities\":[\"meta\",\"pinterest\"],\"regions\":[]}";
const char* ShareState = "{\"view\":\"share\",\"metric\":\"revenue-by-user-geography\",\"entities\":[\"meta\"],\"regions\":[]}";

} // namespace

TEST_CASE("map: the colour legend is beside the map when wide, below it when narrow, never on it")
{
    // The phone is tall enough that the map, its legend and the list are all in sight.
    const float sizes[][2] = { { 1280, 720 }, { 768, 700 }, { 375, 1400 }, { 320, 1400 } };
    for (auto size : sizes)
        for (bool dark : { false, true })
        {
            CAPTURE(size[0]);
            CAPTURE(dark);
            Harness h(size[0], size[1], dark);
            REQUIRE(h.App.SetStateJson(MapState));
            h.Frames(4);
            const ImRect map = h.App.Ctx->MapRect;
            CHECK(map.GetWidth() > size[0] * 0.5f);   // the map takes most of the width at any size
            nlohmann::json legend = h.Items({ "legend" });
            // The ramp's unit and its two ends, "no data", and one entry per region of the list.
            REQUIRE(legend.size() >= 5);
            bool wide = size[0] > 700;
            for (const auto& it : legend)
            {
                CAPTURE(it.dump());
                ImRect r = RectOf(it);
                CHECK(Overlap(r, map) <= 0.0f);
                if (wide)
                    CHECK(r.Min.x >= map.Max.x);
                else
                    CHECK(r.Min.y >= map.Max.y);
            }
            CheckApartAndInside(h.Items({ "legend", "label", "datalabel", "axis" }), size[0], size[1]);
        }
}

TEST_CASE("map: hovering a region's entry marks that entry only")
{
    Harness h(1280, 720);
    REQUIRE(h.App.SetStateJson(MapState));
    h.Frames(4);
    nlohmann::json legend = h.Items({ "legend" });
    const nlohmann::json* entry = nullptr;
    for (const auto& it : legend)
        if (it["text"] == "Europe (Meta)")
            entry = &it;
    REQUIRE(entry);
    nlohmann::json target = *entry;
    h.HoverCentreOf(target);
    CHECK(CountHighlighted(h.Items({ "legend" }), target["text"]) == 1);
}

TEST_CASE("compare: two bars spread over the height instead of leaving most of it empty")
{
    const float sizes[][2] = { { 1280, 720 }, { 375, 1200 } };
    for (auto size : sizes)
    {
        CAPTURE(size[0]);
        Harness h(size[0], size[1]);
        REQUIRE(h.App.SetStateJson(CompareTwo));
        h.Frames(4);
        nlohmann::json values = h.Items({ "datalabel" });
        REQUIRE(values.size() == 2);
        nlohmann::json labels = h.Items({ "label" });
        float top = values[0]["y"], bottom = values[1]["y"].get<float>() + values[1]["h"].get<float>();
        // The two rows take most of what is below the controls: the second value sits in the
        // lower part of the canvas, the rows well apart.
        CHECK(values[1]["y"].get<float>() - values[0]["y"].get<float>() >= 60.0f);
        CHECK(bottom >= size[1] * 0.45f);
        CHECK(top < bottom);
        CheckApartAndInside(h.Items({ "label", "datalabel", "legend", "axis" }), size[0], size[1]);
        // Hovering a bar's value marks that bar (its label and its value) only.
        nlohmann::json first = values[0];
        h.HoverCentreOf(first);
        int lit = 0;
        for (const auto& it : h.Items({ "label", "datalabel" }))
            lit += it.value("highlighted", false) ? 1 : 0;
        CHECK(lit == 2);
    }
}

TEST_CASE("share: period labels never overlap; each part is named once, on the bars or in the legend")
{
    const float sizes[][2] = { { 1280, 720 }, { 768, 700 }, { 375, 1000 }, { 320, 1000 } };
    for (auto size : sizes)
    {
        CAPTURE(size[0]);
        Harness h(size[0], size[1]);
        REQUIRE(h.App.SetStateJson(ShareState));
        h.Frames(4);
        nlohmann::json axis = h.Items({ "axis" });
        int periods = 0;
        for (const auto& it : axis)
            periods += it["text"].get<std::string>().find('%') == std::string::npos;
        CHECK(periods >= 2);
        CheckApartAndInside(h.Items({ "axis", "legend", "datalabel", "label" }), size[0], size[1]);
        std::set<std::string> named;
        int direct = 0;
        for (const auto& it : h.Items({ "legend", "datalabel" }))
        {
            CHECK_MESSAGE(named.insert(it["text"].get<std::string>()).second, it.dump());
            direct += it["role"] == "datalabel";
        }
        CHECK(named.size() == 4);   // Meta's four disjoint regions
        if (size[0] >= 1280)
            CHECK(direct == 4);
        if (size[0] <= 375)
            CHECK(direct == 0);
        // Hovering a name marks that part only.
        nlohmann::json names = h.Items({ "legend", "datalabel" });
        nlohmann::json target = names[names.size() - 1];
        h.HoverCentreOf(target);
        CHECK(CountHighlighted(h.Items({ "legend", "datalabel" }), target["text"]) == 1);
    }
}

// The widget records no report while drawing (ImGui's hooks and every record cost each frame) and
// draws one recording frame when layout() is asked (wasm/platform/web_api.cpp's ls_layout): that
// frame must report what a recording frame of the same state always reported, and a frame that
// recorded nothing must report nothing (not every glyph as "unreported"). The table's cells are
// drawn from a cache of their cut texts: the second and third reports see the cached ones.
TEST_CASE("layout report: recording only on demand reports the same items as recording every frame")
{
    for (const char* view : { "table", "compare", "trend", "share", "map", "sources" })
    {
        CAPTURE(view);
        Harness h(1280, 720);
        REQUIRE(h.App.SetStateJson(std::string("{\"view\":\"") + view + "\"}"));
        h.Frames(4);
        const std::string always = h.Layout().dump();
        CHECK(h.Layout().size() > 5);
        ls::LayoutSetRecording(false);
        h.Frames(3);
        CHECK(ls::LayoutJson() == "[]");
        ls::LayoutSetRecording(true);
        h.Frame();
        CHECK(h.Layout().dump() == always);
        for (const auto& it : h.Layout())
            CHECK(it["role"] != "unreported");
    }
}

// A row of the table is highlighted in the first frame the pointer is over it: one drawn frame per
// move to a new row. With ImGuiSelectableFlags_AllowOverlap on the row's Selectable, ImGui hovers
// it only from the second frame, so every move drew a frame without the highlight, then one with
// it (twice the frames while the pointer moves, and a flicker).
TEST_CASE("table: the row under the pointer is highlighted in the first frame it is there")
{
    Harness h(1280, 720);
    REQUIRE(h.App.SetStateJson("{\"view\":\"table\"}"));
    h.Frames(3);
    // Two cells of the first column, rows apart: the pointer moves from one row to another.
    std::vector<nlohmann::json> cells;
    float header_bottom = 0.0f;
    for (const auto& it : h.Layout())
        if (it["text"] == "Platform")
            header_bottom = it["y"].get<float>() + it["h"].get<float>();
    REQUIRE(header_bottom > 0.0f);
    for (const auto& it : h.Layout())
        if (it["role"] == "label" && it["x"].get<float>() < 40.0f && it["y"].get<float>() > header_bottom + 2.0f)
            cells.push_back(it);
    REQUIRE(cells.size() >= 4);
    auto hovered_colour_drawn = [] {
        const ImU32 hovered = ImGui::GetColorU32(ImGuiCol_HeaderHovered);
        ImDrawData* dd = ImGui::GetDrawData();
        for (int l = 0; l < dd->CmdListsCount; l++)
            for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
                if (v.col == hovered)
                    return true;
        return false;
    };
    CHECK_FALSE(hovered_colour_drawn());
    for (size_t k : { (size_t)1, (size_t)3 })
    {
        CAPTURE(k);
        const auto& cell = cells[k];
        ImGui::GetIO().AddMousePosEvent(cell["x"].get<float>() + 2.0f, cell["y"].get<float>() + cell["h"].get<float>() * 0.5f);
        h.Frame();
        CHECK(hovered_colour_drawn());   // in the first frame over the row, not from the second
    }
}
