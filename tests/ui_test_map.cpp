// The map view (issue #12): provisional figures (estimates, forecasts, an earlier period's figure)
// are painted in colours with 3:1 against the background and the ocean in both themes, read back
// from the vertices the frame drew; they are hatched and reported ones are not, so they differ by
// more than colour; the legend explains the hatching; the chosen period is shown once.
#include "ui_test_harness.h"

#include "imgui.h"
#include "ui/theme.h"
#include "ui/views/map_view.h"
#include "ui/views/views.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

// Five regions of one platform at 2023-Q2: two reported (the scale's top and, nearly, its
// bottom), an estimate at the light end of the scale, where the old 50 % alpha lost contrast
// first, a forecast near the top, and Africa's figure from the quarter before (shown "as of").
const char* MapData = R"json({
  "format": "landscape/1", "title": "Map encoding (test fixture)", "edition": "test", "license": "CC0",
  "regions": [
    { "id": "europe", "name": "Europe", "countries": ["DE", "FR", "ES", "IT", "PL", "SE", "NO", "FI", "GB"] },
    { "id": "apac", "name": "Asia-Pacific", "countries": ["CN", "JP", "KR", "AU", "IN", "ID"] },
    { "id": "latam", "name": "Latin America", "countries": ["BR", "AR", "MX", "CO", "PE", "CL"] },
    { "id": "africa", "name": "Africa", "countries": ["NG", "ZA", "EG", "DZ", "CD", "ET"] },
    { "id": "na", "name": "North America", "countries": ["US", "CA"] }
  ],
  "entities": [ { "id": "app", "name": "App" }, { "id": "other", "name": "Other" } ],
  "metrics": [ { "id": "users", "name": "Users", "unit": "million", "aggregate": "sum", "decimals": 0 },
               { "id": "revenue", "name": "Revenue", "unit": "USD millions", "aggregate": "sum", "decimals": 0 } ],
  "sources": [ { "id": "s", "title": "Source", "kind": "company-reported" } ],
  "observations": [
    { "entity": "other", "metric": "revenue", "region": "europe", "period": "2023-Q2", "value": 7, "source": "s" },
    { "entity": "other", "metric": "users", "region": "europe", "period": "2021-Q1", "value": 3, "source": "s" },
    { "entity": "app", "metric": "users", "region": "na", "period": "2023-Q2", "value": 2, "source": "s" },
    { "entity": "app", "metric": "users", "region": "apac", "period": "2023-Q2", "value": 1, "source": "s", "confidence": "estimate" },
    { "entity": "app", "metric": "users", "region": "latam", "period": "2023-Q2", "value": 80, "source": "s", "confidence": "forecast" },
    { "entity": "app", "metric": "users", "region": "africa", "period": "2023-Q1", "value": 4, "source": "s" },
    { "entity": "app", "metric": "users", "region": "europe", "period": "2023-Q2", "value": 100, "source": "s" }
  ]
})json";

const char* MapState = R"({"view":"map","metric":"users","entities":["app"],"regions":[],"period":"2023-Q2"})";

struct MapHarness : ui_test::AppHarness
{
    explicit MapHarness(bool dark, float width = 1200.0f, float height = 800.0f) : AppHarness({ width, height, 1.0f, dark, false })
    {
        REQUIRE(App.LoadData(MapData));
        REQUIRE(App.SetStateJson(MapState));
        Frames(3);
    }
    ls::ViewContext& Ctx() { return *App.Ctx; }
    const ls::Theme& Th() { return *App.Ctx->Theme_; }
};

// The colours among `fills` (over the background when translucent) below 3:1 against the
// background or the ocean, as text for the failure message; empty when all pass.
std::vector<std::string> ContrastFailures(const std::vector<ImU32>& fills, const ls::Theme& th)
{
    std::vector<std::string> out;
    for (ImU32 c : fills)
        for (ImU32 under : { th.Background, th.Ocean })
        {
            float ratio = ls::ContrastRatio(ls::Over(c, under), under);
            if (ratio < ls::GraphicContrast)
            {
                char buf[96];
                std::snprintf(buf, sizeof buf, "fill %08X on %08X: %.2f:1", c, under, ratio);
                out.push_back(buf);
            }
        }
    return out;
}

// Every vertex colour the last frame drew inside the map's box that is not one of the theme's
// map furniture (ocean, no-data fill, borders, hatching, outlines of the selected and hovered
// region), i.e. the data fills; anti-aliasing fringes (alpha 0) left out.
std::set<ImU32> DrawnFills(MapHarness& h)
{
    const ls::Theme& th = h.Th();
    ImRect area = h.Ctx().MapRect;
    area.Expand(-1.0f);
    const std::set<ImU32> furniture = { th.Ocean, th.CountryNeutral, th.CountryBorder, th.EstimateHatch, th.Highlight, th.Accent };
    std::set<ImU32> out;
    ImDrawData* dd = ImGui::GetDrawData();
    for (int l = 0; l < dd->CmdListsCount; l++)
        for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
            if ((v.col >> IM_COL32_A_SHIFT) != 0 && area.Contains(v.pos) && !furniture.count(v.col))
                out.insert(v.col);
    return out;
}

// Per region: how many hatch strokes the last frame drew over its countries (each triangle of
// the hatching's own colour, located by its centre; strokes over a border count for neither).
std::map<int, int> HatchedRegions(MapHarness& h)
{
    const ls::ViewContext& ctx = h.Ctx();
    std::map<int, int> out;
    ImDrawData* dd = ImGui::GetDrawData();
    for (int l = 0; l < dd->CmdListsCount; l++)
    {
        const ImDrawList* list = dd->CmdLists[l];
        for (const ImDrawCmd& cmd : list->CmdBuffer)
            for (unsigned i = cmd.IdxOffset; i + 2 < cmd.IdxOffset + cmd.ElemCount; i += 3)
            {
                const ImDrawVert* v[3];
                bool hatch = true;
                for (int k = 0; k < 3; k++)
                {
                    v[k] = &list->VtxBuffer[(int)(cmd.VtxOffset + list->IdxBuffer[(int)i + k])];
                    hatch &= v[k]->col == h.Th().EstimateHatch;
                }
                if (!hatch)
                    continue;
                ImVec2 c((v[0]->pos.x + v[1]->pos.x + v[2]->pos.x) / 3, (v[0]->pos.y + v[1]->pos.y + v[2]->pos.y) / 3);
                if (!ctx.MapRect.Contains(c))
                    continue;   // the legend's and the list's swatches
                int country = ls::HitTestCountry(ctx.Map, ls::MapPointAt(ctx, c));
                if (country >= 0 && ctx.CountryRegion[country] >= 0)
                    out[ctx.CountryRegion[country]]++;
            }
    }
    return out;
}

} // namespace

TEST_CASE("map: provisional figures are painted in colours with 3:1 against the background, in both themes")
{
    for (bool dark : { false, true })
    {
        CAPTURE(dark);
        MapHarness h(dark);
        ls::ViewContext& ctx = h.Ctx();
        const ls::Theme& th = h.Th();
        REQUIRE(ctx.MapDrawn);
        REQUIRE(ctx.MapM.Cells.size() == 5);
        int provisional = 0;
        std::vector<ImU32> old_fills;   // what the map painted before: the scale's colour at 50 % alpha
        for (size_t i = 0; i < ctx.MapM.Cells.size(); i++)
        {
            const ls::Figure& f = ctx.MapM.Cells[i].F;
            if (!ls::MapProvisional(f))
                continue;
            provisional++;
            float t = (float)((f.Value - ctx.MapM.Lo) / (ctx.MapM.Hi - ctx.MapM.Lo));
            old_fills.push_back(ls::WithAlpha(ls::SequentialColor(t, th.Dark), 0.5f));
            // Lighter than the reported colour of the same value (told apart in colour too) where
            // that colour has room above the 3:1 floor; near the floor the hatching tells it apart.
            ImU32 base = ls::SequentialColor(t, th.Dark), fill = ctx.MapDrawn->CellFill[i];
            float room = std::min(ls::ContrastRatio(base, th.Background), ls::ContrastRatio(base, th.Ocean)) - ls::GraphicContrast;
            CAPTURE(room);
            CHECK(ls::ContrastRatio(fill, th.Background) <= ls::ContrastRatio(base, th.Background) + 0.01f);
            if (room > 0.5f)
                CHECK(ls::ContrastRatio(fill, th.Background) < ls::ContrastRatio(base, th.Background) - 0.2f);
        }
        CHECK(provisional == 3);   // the estimate, the forecast, Africa's earlier quarter

        // The colours the frame actually drew in the map's box: every cell's fill is among them,
        // and nothing else is.
        std::set<ImU32> drawn = DrawnFills(h);
        std::set<ImU32> cells(ctx.MapDrawn->CellFill.begin(), ctx.MapDrawn->CellFill.end());
        CHECK(drawn == cells);
        std::vector<std::string> failures = ContrastFailures(std::vector<ImU32>(drawn.begin(), drawn.end()), th);
        CAPTURE(failures.size() ? failures[0] : std::string());
        CHECK(failures.empty());

        // The same check fails on the old encoding (the lightest figures at 50 % alpha).
        CHECK(!ContrastFailures(old_fills, th).empty());
    }
}

TEST_CASE("map: provisional regions are hatched, reported ones are not, and the legend and list say so")
{
    for (bool dark : { false, true })
    {
        CAPTURE(dark);
        MapHarness h(dark);
        ls::ViewContext& ctx = h.Ctx();
        std::map<int, int> hatched = HatchedRegions(h);
        for (const ls::MapCell& cell : ctx.MapM.Cells)
        {
            CAPTURE(h.App.Data().Regions[cell.Region].Name);
            if (ls::MapProvisional(cell.F))
                CHECK(hatched[cell.Region] >= 4);
            else
                CHECK(hatched[cell.Region] == 0);
        }
        bool legend = false;
        for (const auto& it : h.Items({ "legend" }))
            legend |= it["text"].get<std::string>().find(ls::ProvisionalKey) != std::string::npos;
        CHECK(legend);
        // The list names what kind of figure each is.
        std::set<std::string> labels;
        for (const auto& it : h.Items({ "label" }))
            labels.insert(it["text"].get<std::string>());
        CHECK(labels.count("1 (est.)") == 1);
    }
}

TEST_CASE("map: a map of only reported figures has no hatching and no legend entry for it")
{
    // The fixture without its estimate, forecast and earlier-quarter observations.
    std::string reported;
    std::istringstream lines(MapData);
    for (std::string line; std::getline(lines, line);)
        if (line.find("\"confidence\"") == std::string::npos && line.find("2023-Q1") == std::string::npos)
            reported += line + "\n";
    MapHarness h(false);
    REQUIRE(h.App.LoadData(reported));
    REQUIRE(h.App.SetStateJson(MapState));
    h.Frames(3);
    REQUIRE(h.Ctx().MapM.Cells.size() == 2);
    CHECK(!h.Ctx().MapDrawn->AnyProvisional);
    CHECK(HatchedRegions(h).empty());
    for (const auto& it : h.Items({ "legend" }))
        CHECK(it["text"].get<std::string>().find("estimate") == std::string::npos);
}

TEST_CASE("map: the chosen period is shown once, by the period control")
{
    for (float width : { 1200.0f, 375.0f })
    {
        CAPTURE(width);
        MapHarness h(false, width, 700.0f);
        int shown = 0;
        for (const auto& it : h.Layout())
        {
            std::string text = it["text"].get<std::string>();
            if (text.find("Q2 2023") != std::string::npos || text.find("2023-Q2") != std::string::npos)
            {
                CAPTURE(it.dump());
                shown++;
            }
        }
        CHECK(shown == 1);
    }
}

TEST_CASE("map: the drawing is kept while nothing changes and rebuilt when the theme does")
{
    MapHarness h(false);
    std::vector<ImU32> light = h.Ctx().MapDrawn->CellFill;
    h.App.SetDarkTheme(true);
    h.Frames(2);
    std::vector<ImU32> dark = h.Ctx().MapDrawn->CellFill;
    CHECK(light != dark);
    std::set<ImU32> cells(dark.begin(), dark.end());
    CHECK(DrawnFills(h) == cells);   // the retained geometry followed the theme
}

TEST_CASE("map: a platform without figures of the metric says so, with no colour scale to explain")
{
    MapHarness h(false);
    REQUIRE(h.App.SetStateJson(R"({"metric":"revenue","entities":["app"]})"));
    h.Frames(3);
    REQUIRE(h.Ctx().MapM.Entity >= 0);
    REQUIRE(h.App.Data().Entities[h.Ctx().MapM.Entity].Id == "app");
    CHECK(h.Ctx().MapM.Cells.empty());
    int said = 0;
    for (const auto& it : h.Items({ "label" }))
        said += it["text"].get<std::string>() == "App has no figures for Revenue. Try another platform or metric.";
    CHECK(said == 1);
    CHECK(h.Items({ "legend" }).empty());   // no "0.0 ... 1.0" ramp for figures that do not exist

    // At a period before its figures (another platform's data reaches back to it), the platform
    // that has figures is told to try another period.
    REQUIRE(h.App.SetStateJson(R"({"metric":"users","entities":["app"],"period":"2021-Q1"})"));
    h.Frames(3);
    bool other_period = false;
    for (const auto& it : h.Items({ "label" }))
        other_period |= it["text"].get<std::string>().find("Try another period") != std::string::npos;
    CHECK(other_period);
}


TEST_CASE("map: provisional fills keep the scale's order (a larger figure stays further from the background)")
{
    for (bool dark : { false, true })
    {
        CAPTURE(dark);
        MapHarness h(dark);
        ls::ViewContext& ctx = h.Ctx();
        const ls::Theme& th = h.Th();
        auto cell = [&](const char* id) {
            for (size_t i = 0; i < ctx.MapM.Cells.size(); i++)
                if (h.App.Data().Regions[ctx.MapM.Cells[i].Region].Id == id)
                    return i;
            FAIL("no cell for " << id);
            return (size_t)0;
        };
        const size_t low = cell("apac"), high = cell("latam");   // estimate 1, forecast 80
        auto t = [&](size_t i) { return (float)((ctx.MapM.Cells[i].F.Value - ctx.MapM.Lo) / (ctx.MapM.Hi - ctx.MapM.Lo)); };
        auto span = [&](ImU32 a, ImU32 b) { return ls::ContrastRatio(b, th.Background) - ls::ContrastRatio(a, th.Background); };
        const float reported = span(ls::SequentialColor(t(low), dark), ls::SequentialColor(t(high), dark));
        const float drawn = span(ctx.MapDrawn->CellFill[low], ctx.MapDrawn->CellFill[high]);
        CAPTURE(reported);
        CAPTURE(drawn);
        CHECK(reported > 3.0f);
        CHECK(drawn >= reported / 3);
        // Negative control: the theme's EstimateColor (made for lines and bars) puts every
        // estimate at about 3:1, whatever its value; a map drawn with it loses the figures.
        const float flat = span(ls::EstimateColor(ls::SequentialColor(t(low), dark), th), ls::EstimateColor(ls::SequentialColor(t(high), dark), th));
        CHECK(flat < reported / 3);
    }
}

TEST_CASE("map: a world total beside its parts has no scale colour, says so, and the scale tops at the largest coloured figure")
{
    // The fixture plus a Worldwide figure (500) five times the largest part (Europe's 100): the
    // demo's "Worldwide 51,242" showed the scale's darkest swatch above a scale ending at 21,783.
    std::string data = MapData;
    const std::string na = R"({ "id": "na", "name": "North America", "countries": ["US", "CA"] })";
    data.replace(data.find(na), na.size(), na + R"(, { "id": "world", "name": "Worldwide", "world": true })");
    const std::string europe = R"("region": "europe", "period": "2023-Q2", "value": 100, "source": "s" })";
    data.replace(data.find(europe), europe.size(),
                 europe + R"(, { "entity": "app", "metric": "users", "region": "world", "period": "2023-Q2", "value": 500, "source": "s" })");
    for (bool dark : { false, true })
    {
        CAPTURE(dark);
        MapHarness h(dark);
        REQUIRE(h.App.LoadData(data));
        REQUIRE(h.App.SetStateJson(MapState));
        h.Frames(3);
        ls::ViewContext& ctx = h.Ctx();
        double largest_coloured = 0;
        int world_cell = -1;
        for (size_t i = 0; i < ctx.MapM.Cells.size(); i++)
        {
            const ls::MapCell& cell = ctx.MapM.Cells[i];
            if (h.App.Data().Regions[cell.Region].World)
                world_cell = (int)i;
            else if (cell.Painted)
                largest_coloured = std::max(largest_coloured, cell.F.Value);
        }
        REQUIRE(world_cell >= 0);
        CHECK(!ctx.MapM.Cells[world_cell].Painted);
        CHECK(ctx.MapM.Hi == largest_coloured);   // 100: the total stretches nothing
        // Its swatch is the no-data fill, not a colour of the ramp (before: the ramp's top).
        CHECK(ctx.MapDrawn->CellFill[world_cell] == h.Th().CountryNeutral);
        for (float t : { 0.0f, 0.5f, 1.0f })
            CHECK(ctx.MapDrawn->CellFill[world_cell] != ls::SequentialColor(t, h.Th().Dark));
        int said = 0;
        for (const auto& it : h.Items({ "label" }))
            said += it["text"].get<std::string>() == "total, not on the scale";
        CHECK(said == 1);
    }
}

TEST_CASE("compare: an earlier period's figure is hatched as the map hatches it, a reported one is not")
{
    // Africa's figure is from 2023-Q1, shown at 2023-Q2 "as of" the quarter before: on one scale
    // beside North America's reported 2023-Q2 it once looked like a lighter reported bar.
    MapHarness h(false);
    auto hatch_triangles = [&](const char* regions) {
        REQUIRE(h.App.SetStateJson(std::string(R"({"view":"compare","metric":"users","entities":["app"],"period":"2023-Q2","regions":)") + regions + "}"));
        h.Frames(3);
        int n = 0;
        ImDrawData* dd = ImGui::GetDrawData();
        for (int l = 0; l < dd->CmdListsCount; l++)
            for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
                n += v.col == h.Th().EstimateHatch;
        return n;
    };
    const int reported = hatch_triangles(R"(["na","europe"])");   // the footer key's swatch only
    const int with_stale = hatch_triangles(R"(["na","africa"])");
    CHECK(with_stale > reported);
    bool stale_bar = false;
    for (const auto& b : h.Ctx().Compare.Bars)
        stale_bar |= b.F.Age > 0;
    CHECK(stale_bar);
}
