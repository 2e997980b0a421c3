// Share's hatching of estimated segments is built once and copied while nothing changes
// (share_view.cpp, ShareHatching): frames that run without a change (the pointer moving over the
// chart) build none of it, the picture is what DrawHatch drew every frame before, and the
// hatching is built again when the chart's box, the theme or the pixel density changes.
#include "ui_test_harness.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/theme.h"
#include "ui/views/views.h"

#include <chrono>
#include <cstring>
#include <string>
#include <vector>

namespace ls {
uint64_t ShareHatchingBuilds(int which);   // share_view.cpp
}

namespace {

// One platform in three disjoint regions over six quarters; a third of the figures estimates.
const char* ShareData = R"json({
  "format": "landscape/1", "title": "Share hatching (test fixture)", "edition": "test", "license": "CC0",
  "regions": [
    { "id": "europe", "name": "Europe", "countries": ["DE", "FR", "ES", "IT"] },
    { "id": "apac", "name": "Asia-Pacific", "countries": ["CN", "JP", "KR"] },
    { "id": "na", "name": "North America", "countries": ["US", "CA"] }
  ],
  "entities": [ { "id": "app", "name": "App" } ],
  "metrics": [ { "id": "users", "name": "Users", "unit": "million", "aggregate": "sum", "decimals": 0 } ],
  "sources": [ { "id": "s", "title": "Source", "kind": "company-reported" } ],
  "observations": [
    { "entity": "app", "metric": "users", "region": "europe", "period": "2023-Q1", "value": 30, "source": "s" },
    { "entity": "app", "metric": "users", "region": "apac", "period": "2023-Q1", "value": 50, "source": "s", "confidence": "estimate" },
    { "entity": "app", "metric": "users", "region": "na", "period": "2023-Q1", "value": 20, "source": "s" },
    { "entity": "app", "metric": "users", "region": "europe", "period": "2023-Q2", "value": 31, "source": "s" },
    { "entity": "app", "metric": "users", "region": "apac", "period": "2023-Q2", "value": 52, "source": "s" },
    { "entity": "app", "metric": "users", "region": "na", "period": "2023-Q2", "value": 21, "source": "s", "confidence": "estimate" },
    { "entity": "app", "metric": "users", "region": "europe", "period": "2023-Q3", "value": 33, "source": "s", "confidence": "estimate" },
    { "entity": "app", "metric": "users", "region": "apac", "period": "2023-Q3", "value": 55, "source": "s" },
    { "entity": "app", "metric": "users", "region": "na", "period": "2023-Q3", "value": 22, "source": "s" },
    { "entity": "app", "metric": "users", "region": "europe", "period": "2023-Q4", "value": 34, "source": "s" },
    { "entity": "app", "metric": "users", "region": "apac", "period": "2023-Q4", "value": 58, "source": "s", "confidence": "estimate" },
    { "entity": "app", "metric": "users", "region": "na", "period": "2023-Q4", "value": 22, "source": "s" },
    { "entity": "app", "metric": "users", "region": "europe", "period": "2024-Q1", "value": 35, "source": "s" },
    { "entity": "app", "metric": "users", "region": "apac", "period": "2024-Q1", "value": 60, "source": "s" },
    { "entity": "app", "metric": "users", "region": "na", "period": "2024-Q1", "value": 23, "source": "s", "confidence": "estimate" },
    { "entity": "app", "metric": "users", "region": "europe", "period": "2024-Q2", "value": 36, "source": "s", "confidence": "estimate" },
    { "entity": "app", "metric": "users", "region": "apac", "period": "2024-Q2", "value": 61, "source": "s" },
    { "entity": "app", "metric": "users", "region": "na", "period": "2024-Q2", "value": 24, "source": "s" }
  ]
})json";

struct ShareHarness : ui_test::AppHarness
{
    explicit ShareHarness(const ui_test::AppOptions& o = ui_test::AppOptions()) : AppHarness(o)
    {
        REQUIRE(App.LoadData(ShareData));
        REQUIRE(App.SetStateJson(R"({"view":"share","metric":"users","entities":["app"]})"));
        Frames(3);
    }
    const ls::Theme& Th() { return *App.Ctx->Theme_; }
    // Where the pointer is, a frame after it moved there.
    void PointAt(ImVec2 p)
    {
        ImGui::GetIO().AddMousePosEvent(p.x, p.y);
        Frame();
    }
};

// The frame's commands inside the charts' plots whose every vertex has the hatching's colour:
// one per hatched segment, under that segment's clip rectangle (the footer's key has a hatched
// swatch too, outside the plots).
struct HatchCommand { ImVec4 Clip; std::vector<ImDrawVert> Vertices; std::vector<unsigned> Indices; };
std::vector<HatchCommand> HatchCommands(const ls::ViewContext& ctx, ImU32 hatch)
{
    auto in_plot = [&](const ImVec4& clip) {
        for (ImRect plot : ctx.PlotRects)
        {
            plot.Expand(0.5f);   // the top segment's edge is the plot's, give or take rounding
            if (plot.Contains(ImRect(clip.x, clip.y, clip.z, clip.w)))
                return true;
        }
        return false;
    };
    std::vector<HatchCommand> out;
    const ImDrawData* dd = ImGui::GetDrawData();
    for (int n = 0; n < dd->CmdListsCount; n++)
    {
        const ImDrawList* list = dd->CmdLists[n];
        for (const ImDrawCmd& cmd : list->CmdBuffer)
        {
            if (cmd.UserCallback || cmd.ElemCount == 0 || !in_plot(cmd.ClipRect))
                continue;
            HatchCommand c{ cmd.ClipRect, {}, {} };
            unsigned lowest = ~0u;
            bool all = true;
            for (unsigned i = 0; i < cmd.ElemCount && all; i++)
            {
                const unsigned v = cmd.VtxOffset + list->IdxBuffer[(int)(cmd.IdxOffset + i)];
                all = (list->VtxBuffer[(int)v].col & 0x00FFFFFF) == (hatch & 0x00FFFFFF);
                lowest = std::min(lowest, v);
            }
            if (!all)
                continue;
            for (unsigned i = 0; i < cmd.ElemCount; i++)
                c.Indices.push_back(cmd.VtxOffset + list->IdxBuffer[(int)(cmd.IdxOffset + i)] - lowest);
            unsigned highest = lowest;
            for (unsigned i : c.Indices)
                highest = std::max(highest, lowest + i);
            for (unsigned v = lowest; v <= highest; v++)
                c.Vertices.push_back(list->VtxBuffer[(int)v]);
            out.push_back(std::move(c));
        }
    }
    return out;
}

// What DrawHatch (views/common.cpp, which drew share's hatching every frame) draws over `clip`:
// its lines, in a list of their own.
HatchCommand DrawHatchOver(ImVec4 clip, ImU32 hatch, ImDrawListFlags flags)
{
    ImDrawList list(ImGui::GetDrawListSharedData());
    list._ResetForNewFrame();
    list.Flags = flags;
    list.PushClipRectFullScreen();
    list.PushTextureID(ImGui::GetIO().Fonts->TexID);
    ls::DrawHatch(&list, ImRect(clip.x, clip.y, clip.z, clip.w), hatch, 5.0f);
    HatchCommand c{ clip, {}, {} };
    c.Vertices.assign(list.VtxBuffer.begin(), list.VtxBuffer.end());
    for (ImDrawIdx i : list.IdxBuffer)
        c.Indices.push_back(i);
    return c;
}

size_t FrameVertices()
{
    size_t n = 0;
    const ImDrawData* dd = ImGui::GetDrawData();
    for (int i = 0; i < dd->CmdListsCount; i++)
        n += (size_t)dd->CmdLists[i]->VtxBuffer.Size;
    return n;
}

} // namespace

TEST_CASE("share: hatching is built once while nothing changes, and draws what DrawHatch drew")
{
    ShareHarness h;
    const ImU32 hatch = h.Th().EstimateHatch;
    const std::vector<HatchCommand> hatched = HatchCommands(*h.App.Ctx, hatch);
    REQUIRE(hatched.size() == 6);   // the fixture's six estimates, each hatched
    // Each segment's hatching is DrawHatch's, vertex for vertex (its rectangle is the clip, as the
    // chart is in full sight).
    const ImDrawListFlags flags = ImGui::GetDrawData()->CmdLists[0]->Flags;
    for (const HatchCommand& c : hatched)
    {
        const HatchCommand ref = DrawHatchOver(c.Clip, hatch, flags);
        REQUIRE(c.Vertices.size() == ref.Vertices.size());
        CHECK(std::memcmp(c.Vertices.data(), ref.Vertices.data(), c.Vertices.size() * sizeof(ImDrawVert)) == 0);
        CHECK(c.Indices == ref.Indices);
    }

    // The pointer moving over the chart (a part lit, a tooltip): frames run, the hatching is not built.
    const uint64_t built = ls::ShareHatchingBuilds(0);
    REQUIRE(built >= 1);
    const ImVec4 first = hatched.front().Clip;
    const ImVec2 over((first.x + first.z) * 0.5f, (first.y + first.w) * 0.5f);
    h.PointAt(over);
    h.Frames(2);   // the tooltip shown at its size
    const uint64_t over_picture = ui_test::PictureHash();
    for (int i = 0; i < 20; i++)
        h.PointAt(ImVec2(over.x + 7.0f * i, over.y - 3.0f * i));
    h.PointAt(over);
    h.Frames(2);
    CHECK(ui_test::PictureHash() == over_picture);
    CHECK(ls::ShareHatchingBuilds(0) == built);
    CHECK(HatchCommands(*h.App.Ctx, hatch).size() == 6);
    h.PointAt(ImVec2(-FLT_MAX, -FLT_MAX));
    CHECK(ls::ShareHatchingBuilds(0) == built);

    // Built again when the chart's box changes ...
    ImGui::GetIO().DisplaySize = ImVec2(1000.0f, 700.0f);
    h.Frames(2);
    CHECK(ls::ShareHatchingBuilds(0) > built);
    const uint64_t resized = ls::ShareHatchingBuilds(0);
    h.Frames(2);
    CHECK(ls::ShareHatchingBuilds(0) == resized);
    for (const HatchCommand& c : HatchCommands(*h.App.Ctx, hatch))
    {
        const HatchCommand ref = DrawHatchOver(c.Clip, hatch, flags);
        REQUIRE(c.Vertices.size() == ref.Vertices.size());
        CHECK(std::memcmp(c.Vertices.data(), ref.Vertices.data(), c.Vertices.size() * sizeof(ImDrawVert)) == 0);
    }
    // ... and with the pixel density (anti-aliased lines sample the atlas).
    ImGui::GetIO().DisplayFramebufferScale = ImVec2(2.0f, 2.0f);
    h.Frames(2);
    CHECK(ls::ShareHatchingBuilds(0) > resized);
}

TEST_CASE("share: the dark theme's hatching is built in its colour")
{
    ShareHarness h;
    const uint64_t built = ls::ShareHatchingBuilds(0);
    h.App.SetDarkTheme(true);
    h.Frames(3);
    REQUIRE(h.Th().Dark);
    CHECK(ls::ShareHatchingBuilds(0) > built);
    CHECK(HatchCommands(*h.App.Ctx, h.Th().EstimateHatch).size() == 6);
}

// Not a check: what a frame with the pointer moving over the chart costs here (MESSAGE), to
// compare builds by hand.
TEST_CASE("share: a frame over the chart (measured)")
{
    ShareHarness h;
    const std::vector<HatchCommand> hatched = HatchCommands(*h.App.Ctx, h.Th().EstimateHatch);
    REQUIRE(!hatched.empty());
    const ImVec4 first = hatched.front().Clip;
    const int frames = 400;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < frames; i++)
        h.PointAt(ImVec2(first.x + (float)(i % 40) * 12.0f, (first.y + first.w) * 0.5f));
    const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / frames;
    MESSAGE("share, pointer moving over the chart: " << us << " us a frame, " << FrameVertices() << " vertices in the last frame");
}
