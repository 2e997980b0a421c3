// Every tooltip of the views goes through DrawTooltip (views/common.cpp): sized from its lines
// before it begins, so it is drawn at its size in the frame the pointer reaches its mark (ImGui
// hides a new tooltip for a frame and fits a changed one a frame late: two pictures per move),
// and kept on the screen, however many lines it has (a long note on a phone ran off the
// canvas's bottom). The trend's event and "+N more" tooltips began their own, a frame late.
#include "ui_test_harness.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/app.h"
#include "ui/layout_report.h"
#include "ui/views/views.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace {

using ui_test::ReadDemo;

ImRect PlotOf(const ui_test::AppHarness& h)
{
    const nlohmann::json plots = h.Items({ "plot" });
    REQUIRE(plots.size() == 1);
    const float x = plots[0]["x"], y = plots[0]["y"], w = plots[0]["w"], h_ = plots[0]["h"];
    return ImRect(x, y, x + w, y + h_);
}

// The demo with every figure's note `words` words long (a note and source that fill a phone).
std::string DemoWithLongNotes(int words)
{
    nlohmann::json d = nlohmann::json::parse(ReadDemo());
    std::string note;
    for (int i = 0; i < words; i++)
        note += (i ? " " : "") + std::string(i % 7 == 0 ? "methodology" : i % 3 == 0 ? "of" : "survey") + std::to_string(i);
    for (auto& o : d["observations"])
        o["note"] = note;
    return d.dump();
}

// The tooltip shown, fully on the screen, its text laid out whole inside it (the size ImGui
// fits to what was drawn: no line cut by the window's edge).
void CheckOnScreen(float width, float height)
{
    ImGuiWindow* tip = ui_test::TooltipShown();
    REQUIRE(tip != nullptr);
    CHECK(!tip->Hidden);
    CAPTURE(tip->Pos.x);
    CAPTURE(tip->Pos.y);
    CAPTURE(tip->Size.x);
    CAPTURE(tip->Size.y);
    CHECK(tip->Pos.x >= -0.5f);
    CHECK(tip->Pos.y >= -0.5f);
    CHECK(tip->Pos.x + tip->Size.x <= width + 0.5f);
    CHECK(tip->Pos.y + tip->Size.y <= height + 0.5f);
    const ImVec2 fit = ImGui::CalcWindowNextAutoFitSize(tip);
    CHECK(fit.x == tip->Size.x);
    CHECK(fit.y == tip->Size.y);
    CHECK(tip->Size.y >= height * 0.5f);   // a long note fills the screen's height rather than being cut short
}

} // namespace

// The trend's events (the triangles below the time axis): moving onto one shows its tooltip at
// its size in that frame, from outside and from another event.
TEST_CASE("tooltips: an event's tooltip on the trend is shown at its final size in the frame the pointer reaches it")
{
    ui_test::AppHarness h({ 1200, 800, 1.0f, false, false });
    REQUIRE(h.App.LoadData(ReadDemo()));
    REQUIRE(h.App.SetStateJson("{\"view\":\"trend\"}"));
    h.Frames(4);
    const ImRect plot = PlotOf(h);
    ImGuiIO& io = ImGui::GetIO();
    // The events, found by sweeping the band below the plot: a place over each, with its width.
    std::vector<std::pair<ImVec2, float>> events;
    // (From 16 px below the plot: the points' tooltips reach 14 px from a point, all inside the plot.)
    for (float y = plot.Max.y + 16.0f; y < plot.Max.y + 70.0f && events.empty(); y += 4.0f)
        for (float x = plot.Min.x + 2.0f; x < plot.Max.x; x += 4.0f)
        {
            io.AddMousePosEvent(x, y);
            h.Frame();
            if (ImGuiWindow* w = ui_test::TooltipShown())
                if (events.empty() || std::fabs(events.back().first.x - x) > 12.0f)
                    events.push_back({ ImVec2(x, y), w->Size.x });
        }
    REQUIRE(events.size() >= 2);
    const ImVec2 outside(2.0f, 2.0f);
    for (size_t i = 0; i < events.size(); i++)
    {
        CAPTURE(i);
        ui_test::CheckTooltipWholeInFirstFrame(h, outside, events[i].first, false);              // appears
        if (i > 0 && std::fabs(events[i].second - events[i - 1].second) >= 1.0f)
            ui_test::CheckTooltipWholeInFirstFrame(h, events[i - 1].first, events[i].first, true);   // changes to another size
    }
}

// The trend alone in a window of `size` at the canvas's top left, a frame as App::DrawFrame draws
// one (the layout report recorded): the frame's column grows a chart's body until its legend fits
// (views/frame.cpp), so only a trend in a fixed height shows its legend's "+N more".
void TrendAlone(ui_test::AppHarness& h, ImVec2 size)
{
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    ls::LayoutBeginFrame();
    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
    ImGui::SetNextWindowSize(size);
    ImGui::Begin("trend-alone", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ls::DrawTrendView(*h.App.Ctx);
    ImGui::End();
    ImGui::Render();
}

// The legend's "+N more" lists the lines it had no room for, each with its swatch.
TEST_CASE("tooltips: the trend legend's \"+N more\" tooltip is shown at its final size in the frame the pointer reaches it")
{
    const ImVec2 size(900.0f, 300.0f);
    ui_test::AppHarness h({ size.x, size.y, 1.0f, false, false });
    REQUIRE(h.App.LoadData(ReadDemo()));
    REQUIRE(h.App.SetStateJson("{\"view\":\"trend\",\"metric\":\"revenue-by-user-geography\",\"entities\":[\"meta\",\"pinterest\",\"reddit\",\"snapchat\"],\"regions\":[]}"));
    h.Frames(4);   // the models
    auto frame = [&] { TrendAlone(h, ImVec2(size.x, 200.0f)); };
    frame();
    nlohmann::json more;
    for (const auto& it : h.Items({ "legend" }))
        if (it["text"].get<std::string>().rfind("+", 0) == 0)
            more = it;
    REQUIRE(more.is_object());
    const ImVec2 at(more["x"].get<float>() + more["w"].get<float>() * 0.5f, more["y"].get<float>() + more["h"].get<float>() * 0.5f);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(2.0f, 2.0f);
    frame();
    frame();
    REQUIRE(ui_test::TooltipShown() == nullptr);
    io.AddMousePosEvent(at.x, at.y);
    frame();
    ImGuiWindow* first = ui_test::TooltipShown();
    REQUIRE(first != nullptr);
    CHECK(!first->Hidden);
    const ImVec2 tip_size = first->Size, pos = first->Pos;
    const uint64_t picture = ui_test::PictureHash();
    frame();
    REQUIRE(ui_test::TooltipShown() == first);
    CHECK(first->Size.x == tip_size.x);
    CHECK(first->Size.y == tip_size.y);
    CHECK(first->Pos.x == pos.x);
    CHECK(first->Pos.y == pos.y);
    CHECK(ui_test::PictureHash() == picture);
    const ImVec2 fit = ImGui::CalcWindowNextAutoFitSize(first);   // the swatches and names, nothing cut
    CHECK(fit.x == tip_size.x);
    CHECK(fit.y == tip_size.y);
    const int hidden = std::stoi(more["text"].get<std::string>().substr(1));
    CHECK(tip_size.y >= hidden * ImGui::GetTextLineHeight());   // a line per hidden series
    CHECK(first->Pos.x + tip_size.x <= size.x + 0.5f);
    CHECK(first->Pos.y + tip_size.y <= size.y + 0.5f);
}

// A phone (320 px, dpr 2): the table's tooltip of a figure with a long note was taller than the
// canvas, and ImGui put its top at the canvas's top and its bottom below the canvas's bottom.
TEST_CASE("tooltips: on a phone a figure's tooltip with a long note stays on the screen, its text whole")
{
    const float width = 320.0f, height = 560.0f;
    ui_test::AppHarness h({ width, height, 2.0f, false, false });
    REQUIRE(h.App.LoadData(DemoWithLongNotes(400)));
    REQUIRE(h.App.SetStateJson("{\"view\":\"table\"}"));
    h.Frames(4);
    h.ScrollToEnd();
    ImGuiIO& io = ImGui::GetIO();
    int shown = 0;
    for (float y = height * 0.3f; y < height - 10.0f && shown < 3; y += 40.0f)
    {
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        h.Frames(2);
        io.AddMousePosEvent(width * 0.5f, y);
        h.Frames(40);   // the table's rows show their tooltip after the pointer rests (ImGui's normal delay)
        if (!ui_test::TooltipShown())
            continue;
        shown++;
        CAPTURE(y);
        CheckOnScreen(width, height);
    }
    CHECK(shown >= 1);
}

// The same from the keyboard: a focused bar's tooltip goes below or above the bar (PlaceBesideKeyboardFocus),
// and where it is taller than the room on either side, it stays on the screen.
TEST_CASE("tooltips: on a phone a focused bar's tooltip with a long note stays on the screen")
{
    const float width = 320.0f, height = 560.0f;
    ui_test::AppHarness h({ width, height, 2.0f, false, true });
    REQUIRE(h.App.LoadData(DemoWithLongNotes(400)));
    REQUIRE(h.App.SetStateJson("{\"view\":\"compare\",\"metric\":\"revenue-by-user-geography\",\"entities\":[\"meta\"],\"regions\":[],\"compare_by\":\"region\"}"));
    h.Frames(4);
    REQUIRE(ui_test::TabToCompareBar(h));
    for (int i = 0; i < 3; i++)
    {
        CAPTURE(i);
        CheckOnScreen(width, height);
        h.Key(ImGuiKey_DownArrow);
        REQUIRE(ui_test::NavOnCompareBar());
    }
}
