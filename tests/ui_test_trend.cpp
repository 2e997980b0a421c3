// The trend view (issue #12): direct labels that never overlap and stay beside the plot, the
// rest in a legend below it, hover that highlights one series, read back through the layout
// report; and the trend's line strip (issue #14): one textured strip per line with a colour per
// segment.
#include "ui_test_harness.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/app.h"
#include "ui/layout_report.h"
#include "ui/retained_draw.h"
#include "ui/views/trend_layout.h"
#include "ui/views/trend_lines.h"
#include "ui/views/views.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <set>
#include <string>
#include <vector>

namespace {

using ui_test::ReadDemo;

struct TrendHarness : ui_test::AppHarness
{
    TrendHarness(float width, float height, bool dark = false) : AppHarness({ width, height, 1.0f, dark, false }) {}
};

// The revenue-by-geography chart issue #12 found labels overlapping and clipped on: four
// platforms, every region with data (the model keeps 12 lines).
const char* RevenueState = "{\"view\":\"trend\",\"metric\":\"revenue-by-user-geography\",\"entities\":[\"meta\",\"pinterest\",\"reddit\",\"snapchat\"],\"regions\":[]}";

float Overlap(const nlohmann::json& a, const nlohmann::json& b)
{
    float w = std::min(a["x"].get<float>() + a["w"].get<float>(), b["x"].get<float>() + b["w"].get<float>()) -
              std::max(a["x"].get<float>(), b["x"].get<float>());
    float h = std::min(a["y"].get<float>() + a["h"].get<float>(), b["y"].get<float>() + b["h"].get<float>()) -
              std::max(a["y"].get<float>(), b["y"].get<float>());
    return std::min(w, h);
}

void CheckChartText(const nlohmann::json& items, float width, float height)
{
    for (size_t i = 0; i < items.size(); i++)
    {
        CAPTURE(items[i].dump());
        CHECK(items[i]["x"].get<float>() >= -0.5f);
        CHECK(items[i]["y"].get<float>() >= -0.5f);
        CHECK(items[i]["x"].get<float>() + items[i]["w"].get<float>() <= width + 0.5f);
        CHECK(items[i]["y"].get<float>() + items[i]["h"].get<float>() <= height + 0.5f);
        for (size_t j = i + 1; j < items.size(); j++)
        {
            CAPTURE(items[j].dump());
            CHECK(Overlap(items[i], items[j]) <= 1.0f);
        }
    }
}

// Every line is named once: by a direct label or by a legend entry (or the legend's "+N more").
void CheckEveryLineNamed(const nlohmann::json& items, int lines)
{
    std::set<std::string> named;
    int more = 0;
    for (const auto& it : items)
    {
        std::string text = it["text"];
        if (it["role"] == "legend" && text.rfind("+", 0) == 0)
            more += std::stoi(text.substr(1));
        else if (it["role"] == "legend" || it["role"] == "datalabel")
        {
            CHECK_MESSAGE(named.insert(text).second, text);
            CHECK(text.find(" · ") != std::string::npos);
        }
    }
    CHECK((int)named.size() + more == lines);
}

} // namespace

TEST_CASE("trend: labels of the revenue-by-geography chart neither overlap nor leave the canvas, at a laptop's width and a phone's")
{
    const float sizes[][2] = { { 1280, 720 }, { 768, 700 }, { 375, 640 }, { 320, 560 } };
    for (auto size : sizes)
        for (bool dark : { false, true })
        {
            CAPTURE(size[0]);
            CAPTURE(dark);
            TrendHarness h(size[0], size[1], dark);
            REQUIRE(h.App.LoadData(ReadDemo()));
            REQUIRE(h.App.SetStateJson(RevenueState));
            h.Frames(4);
            h.ScrollToEnd();   // a phone scrolls the frame as one column: the whole chart at its end
            nlohmann::json chart = h.Items({ "axis", "datalabel", "legend" });
            CheckChartText(chart, size[0], size[1]);
            CheckEveryLineNamed(chart, 12);
            int direct = 0;
            for (const auto& it : chart)
                direct += it["role"] == "datalabel";
            if (size[0] >= 1280)
                CHECK(direct == 12);   // room for every name beside the plot
            if (size[0] <= 375)
                CHECK(direct < 12);    // names too wide for a phone's gutter go to the legend
        }
}

TEST_CASE("trend: hovering a legend entry or a label highlights that series only")
{
    {   // one ImGui context at a time
    TrendHarness h(375, 640);
    REQUIRE(h.App.LoadData(ReadDemo()));
    REQUIRE(h.App.SetStateJson(RevenueState));
    h.Frames(4);
    nlohmann::json legend = h.Items({ "legend" });
    REQUIRE(!legend.empty());
    const auto& entry = legend[0];
    ImGui::GetIO().AddMousePosEvent(entry["x"].get<float>() + 4.0f, entry["y"].get<float>() + entry["h"].get<float>() * 0.5f);
    h.Frames(2);
    int highlighted = 0;
    for (const auto& it : h.Items({ "legend", "datalabel" }))
        if (it.value("highlighted", false))
        {
            highlighted++;
            CHECK(it["text"] == entry["text"]);
        }
    CHECK(highlighted == 1);
    }

    TrendHarness wide(1280, 720);
    REQUIRE(wide.App.LoadData(ReadDemo()));
    REQUIRE(wide.App.SetStateJson(RevenueState));
    wide.Frames(4);
    nlohmann::json labels = wide.Items({ "datalabel" });
    REQUIRE(labels.size() >= 2);
    const auto& label = labels[1];
    ImGui::GetIO().AddMousePosEvent(label["x"].get<float>() + 2.0f, label["y"].get<float>() + label["h"].get<float>() * 0.5f);
    wide.Frames(2);
    int highlighted = 0;
    for (const auto& it : wide.Items({ "legend", "datalabel" }))
        if (it.value("highlighted", false))
        {
            highlighted++;
            CHECK(it["text"] == label["text"]);
        }
    CHECK(highlighted == 1);
    // Away from the chart nothing is highlighted.
    ImGui::GetIO().AddMousePosEvent(2.0f, 2.0f);
    wide.Frames(2);
    for (const auto& it : wide.Items({ "legend", "datalabel" }))
        CHECK(!it.value("highlighted", false));
}

TEST_CASE("trend: a line's strip has one vertex pair per point, two where its colour changes, none across a gap")
{
    TrendHarness h(400, 300);
    h.Frames(1);   // fonts built: the baked line texture exists
    ImDrawList dl(ImGui::GetDrawListSharedData());
    dl._ResetForNewFrame();
    dl.PushClipRectFullScreen();
    dl.PushTextureID(ImGui::GetIO().Fonts->TexID);
    REQUIRE((dl.Flags & ImDrawListFlags_AntiAliasedLinesUseTex) != 0);
    const ImU32 a = IM_COL32(10, 20, 30, 255), b = IM_COL32(200, 100, 50, 255), gap = 0;
    const ImVec2 pts[] = { { 0, 0 }, { 10, 5 }, { 20, 0 }, { 30, 5 }, { 40, 0 }, { 50, 5 } };
    const ImU32 seg[] = { a, a, b, gap, a, 0 };   // the last entry is not a segment
    ls::chart::AddColouredPolyline(&dl, pts, seg, 6, 2.0f);
    // a a: 3 pairs; b: a new pair at point 2 and one at 3; the gap: nothing; a: pairs at 4 and 5.
    REQUIRE(dl.VtxBuffer.Size == 2 * (3 + 2 + 2));
    CHECK(dl.IdxBuffer.Size == 6 * 4);
    const ImVec4 uv = ImGui::GetDrawListSharedData()->TexUvLines[2];
    for (int i = 0; i < dl.VtxBuffer.Size; i++)
    {
        CAPTURE(i);
        const ImDrawVert& v = dl.VtxBuffer[i];
        CHECK(v.col == (i < 6 ? a : i < 10 ? b : a));
        CHECK(v.uv.x == (i % 2 ? uv.z : uv.x));   // the texture's 2 px line, not the white pixel
        // Each pair straddles its point by half the width plus the fringe (2 / 2 + 1 px).
        if (i % 2 == 0)
        {
            const ImDrawVert& w = dl.VtxBuffer[i + 1];
            ImVec2 mid((v.pos.x + w.pos.x) * 0.5f, (v.pos.y + w.pos.y) * 0.5f);
            int point = i < 6 ? i / 2 : i < 10 ? 2 + (i - 6) / 2 : 4 + (i - 10) / 2;
            CHECK(mid.x == doctest::Approx(pts[point].x).epsilon(1e-4));
            CHECK(mid.y == doctest::Approx(pts[point].y).epsilon(1e-4));
            float half = std::sqrt((v.pos.x - w.pos.x) * (v.pos.x - w.pos.x) + (v.pos.y - w.pos.y) * (v.pos.y - w.pos.y)) * 0.5f;
            CHECK(half >= 2.0f - 1e-3f);
            CHECK(half <= 4.0f + 1e-3f);   // the miter is capped at twice the width
        }
    }
    // Segments join the pairs in order: every quad uses two consecutive pairs.
    for (int q = 0; q < dl.IdxBuffer.Size / 6; q++)
    {
        const ImDrawIdx* ix = &dl.IdxBuffer[q * 6];
        CHECK(ix[0] == ix[1] + 2);
    }
}

namespace {

// The triangles a retained list draws, as vertices in drawing order (its every index).
std::vector<ImDrawVert> RetainedTriangles(const ImDrawCmd& marker)
{
    const ImDrawList* list = ((const ls::RetainedDraw*)marker.UserCallbackData)->List;
    std::vector<ImDrawVert> out;
    for (int i = 0; i < list->IdxBuffer.Size; i++)
        out.push_back(list->VtxBuffer[(int)list->IdxBuffer[i]]);
    return out;
}

// Where `part` lies in `whole` as one contiguous run of identical vertices, or -1.
long FindRun(const std::vector<ImDrawVert>& whole, const std::vector<ImDrawVert>& part)
{
    if (part.empty() || part.size() > whole.size())
        return -1;
    for (size_t at = 0; at + part.size() <= whole.size(); at++)
        if (std::memcmp(&whole[at], part.data(), part.size() * sizeof(ImDrawVert)) == 0)
            return (long)at;
    return -1;
}

} // namespace

// Issue #14 (frame time with the pointer moving): each frame that highlights another line is a
// new picture the renderer draws, and a list per line cost it a dozen buffer binds and draws in
// each. Every line is one retained list; the highlighted one a copy of its part of it.
TEST_CASE("trend: every line is one retained draw; lines and layout are built once while the pointer moves; the highlighted line is its own part of the lines")
{
    TrendHarness h(1200, 800);
    REQUIRE(h.App.LoadData(ReadDemo()));
    REQUIRE(h.App.SetStateJson(RevenueState));
    h.Frames(4);
    const nlohmann::json labels = h.Items({ "datalabel" });
    REQUIRE(labels.size() >= 4);
    ImGuiIO& io = ImGui::GetIO();
    ls::SetRetainedDrawByRenderer(true);   // as the WebGL renderer draws: marker commands
    ls::LayoutSetRecording(false);
    auto markers = [] {
        std::vector<const ImDrawCmd*> out;
        const ImDrawData* dd = ImGui::GetDrawData();
        for (int n = 0; n < dd->CmdListsCount; n++)
            for (const ImDrawCmd& cmd : dd->CmdLists[n]->CmdBuffer)
                if (cmd.UserCallback == ls::RetainedDrawMarker)
                    out.push_back(&cmd);
        return out;
    };
    uint64_t lines_serial = 0;
    std::set<long> highlighted_at;
    const ls::TrendBuildCounts built = ls::TrendBuilds(*h.App.Ctx);
    CHECK(built.Layouts >= 1);
    CHECK(built.Lines >= 1);
    for (const auto& label : labels)   // a label highlights its line
    {
        CAPTURE(label.dump());
        io.AddMousePosEvent(label["x"].get<float>() + 2.0f, label["y"].get<float>() + label["h"].get<float>() * 0.5f);
        h.Frame();
        const std::vector<const ImDrawCmd*> m = markers();
        REQUIRE(m.size() >= 2);
        CHECK(m.size() <= 3);   // every line, the highlighted one, the events (12 + 1 + 1 with a list per line)
        const uint64_t serial = ((const ls::RetainedDraw*)m[0]->UserCallbackData)->Serial;
        CHECK((lines_serial == 0 || serial == lines_serial));
        lines_serial = serial;
        const long at = FindRun(RetainedTriangles(*m[0]), RetainedTriangles(*m[1]));
        CHECK(at >= 0);
        highlighted_at.insert(at);
    }
    CHECK(highlighted_at.size() == labels.size());   // each label's own line
    // Across the plot: the lines stay the same build.
    for (int i = 0; i < 30; i++)
    {
        io.AddMousePosEvent(1200.0f * (0.1f + 0.6f * i / 30.0f), 800.0f * (0.4f + 0.45f * ((i * 7) % 20) / 20.0f));
        h.Frame();
        const std::vector<const ImDrawCmd*> m = markers();
        REQUIRE(!m.empty());
        CHECK(m.size() <= 3);
        CHECK(((const ls::RetainedDraw*)m[0]->UserCallbackData)->Serial == lines_serial);
    }
    // Neither the layout (scales, labels, legend) nor the lines were worked out again.
    CHECK(ls::TrendBuilds(*h.App.Ctx).Layouts == built.Layouts);
    CHECK(ls::TrendBuilds(*h.App.Ctx).Lines == built.Lines);
    // A change of scale does both again, once.
    REQUIRE(h.App.SetStateJson("{\"scale\":\"log\"}"));
    h.Frames(3);
    CHECK(ls::TrendBuilds(*h.App.Ctx).Layouts == built.Layouts + 1);
    CHECK(ls::TrendBuilds(*h.App.Ctx).Lines == built.Lines + 1);
    ls::SetRetainedDrawByRenderer(false);
    ls::LayoutSetRecording(true);   // the harness's default
}

namespace {

// What the tooltip tests start from: a chart as a reader first sees it (`data` loaded, `state`
// set, the frames that lay it out drawn; on a phone the column scrolled to its end, the whole
// chart in sight) and where its plot is, the one "plot" item of the layout report, for the
// pointer to move over.
struct ChartShown : TrendHarness
{
    ImRect Plot;

    ChartShown(float width, float height, const std::string& data, const char* state, bool scroll_to_end = false)
        : TrendHarness(width, height)
    {
        REQUIRE(App.LoadData(data));
        REQUIRE(App.SetStateJson(state));
        Frames(4);
        if (scroll_to_end)
            ScrollToEnd();
        const nlohmann::json plots = Items({ "plot" });
        REQUIRE(plots.size() == 1);
        const float x = plots[0]["x"], y = plots[0]["y"], w = plots[0]["w"], h = plots[0]["h"];
        Plot = ImRect(x, y, x + w, y + h);
    }
};

} // namespace

// A figure's tooltip is sized from its lines before it begins, and shown in the frame the
// pointer reaches the figure: ImGui fits a tooltip a frame late (and hides it in the frame it
// appears), so each move onto another figure drew two pictures (28 of 50 moves at 1M).
TEST_CASE("trend: moving onto a point shows its tooltip at its final size in that frame; the next frame draws nothing new")
{
    ChartShown h(1200, 800, ReadDemo(), RevenueState);
    ImGuiIO& io = ImGui::GetIO();
    // Places over points, found by sweeping the plot: where a tooltip shows, with its width.
    std::vector<std::pair<ImVec2, float>> points;
    for (float y = h.Plot.Min.y + 6.0f; y < h.Plot.Max.y && points.size() < 12; y += 10.0f)
        for (float x = h.Plot.Min.x + 6.0f; x < h.Plot.Max.x && points.size() < 12; x += 10.0f)
        {
            io.AddMousePosEvent(x, y);
            h.Frames(2);
            if (ImGuiWindow* w = ui_test::TooltipShown())
                if (points.empty() || std::fabs(points.back().second - w->Size.x) >= 1.0f)
                    points.push_back({ ImVec2(x, y), w->Size.x });
        }
    REQUIRE(points.size() >= 3);   // figures whose tooltips differ in width: a size fitted a frame late shows
    for (size_t i = 0; i < points.size(); i++)
    {
        CAPTURE(i);
        // From outside the plot the tooltip appears; from the last point it changes.
        const bool from_outside = i % 2 == 0;
        ui_test::CheckTooltipWholeInFirstFrame(h, from_outside ? ImVec2(2.0f, 2.0f) : points[i - 1].first, points[i].first, !from_outside);
    }
}

// Compare adds a cut label's whole text to the figure's tooltip: it is one of the lines the
// tooltip is sized from (appended after it began, it fell outside the size set for it).
TEST_CASE("compare: a bar's tooltip with its cut label whole is its final size in its first frame")
{
    ChartShown h(375, 640, ui_test::ReadSourceFile("tests/data/long-names/long-names.json"), "{\"view\":\"compare\"}",
                 /*scroll_to_end=*/true);
    ImGuiIO& io = ImGui::GetIO();
    int shown = 0;
    for (float y = h.Plot.Min.y + 4.0f; y < std::min(h.Plot.Max.y, 640.0f); y += 9.0f)
    {
        io.AddMousePosEvent(2.0f, 2.0f);
        h.Frames(2);
        io.AddMousePosEvent(h.Plot.Min.x + 20.0f, y);   // over a bar's label
        h.Frame();
        ImGuiWindow* first = ui_test::TooltipShown();
        if (!first)
            continue;
        shown++;
        CAPTURE(y);
        const ImVec2 size = first->Size;
        const uint64_t picture = ui_test::PictureHash();
        h.Frame();
        REQUIRE(ui_test::TooltipShown() == first);
        CHECK(ui_test::PictureHash() == picture);
        const ImVec2 fit = ImGui::CalcWindowNextAutoFitSize(first);
        CHECK(fit.x == size.x);
        CHECK(fit.y == size.y);   // the label's line included
        CHECK(size.x <= 375.0f);  // within a phone's width
    }
    CHECK(shown >= 2);
}
