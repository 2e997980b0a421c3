// A phone's canvas (issue #12, "views use the space they have"): at 320 and 375 px the title,
// the pickers, the period control and a view's options took the height, and compare drew a
// 20 px sliver of a bar. There the frame scrolls as one column (views/frame.cpp) and each chart's
// plot, read back through layout()'s "plot" items, gets at least MinPlotHeight() once scrolled to;
// on a laptop nothing scrolls. The table puts the value beside the frozen names on a phone.
#include "ui_test_harness.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/app.h"
#include "ui/views/views.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>

namespace {

using ui_test::ReadDemo;

struct PhoneHarness : ui_test::AppHarness
{
    PhoneHarness(float width, float height) : AppHarness({ width, height, 1.0f, false, false }) { REQUIRE(App.LoadData(ReadDemo())); }
    void Show(const std::string& state)
    {
        REQUIRE(App.SetStateJson(state));
        Frames(4);
    }
    float TitleY() const
    {
        for (const auto& it : Layout())
            if (it["role"] == "title")
                return it["y"].get<float>();
        return -1e9f;   // scrolled out of sight
    }
};

const char* const ChartStates[] = {
    "{\"view\":\"compare\"}",
    "{\"view\":\"trend\"}",
    "{\"view\":\"share\"}",
    // Four platforms at every region: compare's options wrap onto three lines, trend has 12 lines.
    "{\"view\":\"compare\",\"metric\":\"revenue-by-user-geography\",\"entities\":[\"meta\",\"pinterest\",\"reddit\",\"snapchat\"],\"regions\":[]}",
    "{\"view\":\"trend\",\"metric\":\"revenue-by-user-geography\",\"entities\":[\"meta\",\"pinterest\",\"reddit\",\"snapchat\"],\"regions\":[]}",
};

} // namespace

TEST_CASE("phone: each chart's plot gets its minimum height once the frame's column is scrolled to; nothing scrolls on a laptop")
{
    const float sizes[][2] = { { 320, 560 }, { 375, 600 }, { 375, 520 }, { 1280, 720 }, { 768, 1000 } };
    for (auto size : sizes)
        for (const char* state : ChartStates)
        {
            CAPTURE(size[0]);
            CAPTURE(size[1]);
            CAPTURE(state);
            PhoneHarness h(size[0], size[1]);
            h.Show(state);
            const float title_before = h.TitleY();
            h.ScrollToEnd();
            const nlohmann::json plots = h.Items({ "plot" });
            REQUIRE(plots.size() >= 1);
            for (const auto& p : plots)
            {
                CAPTURE(p.dump());
                CHECK(p["h"].get<float>() >= ls::MinPlotHeight() - 0.5f);
                CHECK(p["y"].get<float>() >= -0.5f);
                CHECK(p["y"].get<float>() + p["h"].get<float>() <= size[1] + 0.5f);
            }
            if (size[0] >= 768)
                CHECK(h.TitleY() == title_before);   // room enough: the wheel over a chart moves nothing
        }
}

TEST_CASE("phone: the column scrolls only where the chart needs it, and gives the title back when scrolled up")
{
    {
        PhoneHarness h(320, 560);
        h.Show("{\"view\":\"compare\"}");
        const float top = h.TitleY();
        CHECK(top >= 0.0f);
        CHECK(top < 20.0f);
        h.ScrollToEnd();
        CHECK(h.TitleY() < top);   // the header went up with the column (or out of sight)
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(160, 280);
        for (int i = 0; i < 6; i++)
        {
            io.AddMouseWheelEvent(0.0f, 20.0f);
            h.Frame();
        }
        CHECK(h.TitleY() == top);

        // The map keeps its own narrow column (map-scroll) and the table its own scrolling: neither
        // is put inside the frame's column, where two nested scrolls would fight over the finger.
        for (const char* view : { "{\"view\":\"map\"}", "{\"view\":\"table\"}" })
        {
            CAPTURE(view);
            h.Show(view);
            const float before = h.TitleY();
            h.ScrollToEnd();
            CHECK(h.TitleY() == before);
        }
    }

    // A phone with a tall canvas (one harness at a time: ImGui has one current context): the chart fits, nothing scrolls.
    PhoneHarness tall(320, 1100);
    tall.Show("{\"view\":\"compare\"}");
    const float fixed = tall.TitleY();
    tall.ScrollToEnd();
    CHECK(tall.TitleY() == fixed);
    const nlohmann::json plots = tall.Items({ "plot" });
    REQUIRE(plots.size() == 1);
    CHECK(plots[0]["h"].get<float>() >= ls::MinPlotHeight());
}

TEST_CASE("phone: the table shows the value beside the frozen names without scrolling sideways; a laptop keeps its order")
{
    const float sizes[][2] = { { 320, 560 }, { 375, 600 }, { 1280, 720 } };
    for (auto size : sizes)
    {
        CAPTURE(size[0]);
        PhoneHarness h(size[0], size[1]);
        h.Show("{\"view\":\"table\",\"metric\":\"revenue-by-user-geography\",\"entities\":[],\"regions\":[]}");
        const nlohmann::json items = h.Layout();
        float platform_x = -1, value_x = -1, value_w = 0, region_x = -1, period_x = -1, header_y = -1;
        std::string value_name;
        for (const auto& it : items)
        {
            const std::string text = it["text"];
            if (it["role"] != "button")
                continue;
            if (text == "Platform")
                platform_x = it["x"], header_y = it["y"];
            else if (text.rfind("Value", 0) == 0)
                value_x = it["x"], value_w = it["w"], value_name = text;
            else if (text == "Region")
                region_x = it["x"];
            else if (text == "Period")
                period_x = it["x"];
        }
        REQUIRE(platform_x >= 0.0f);
        REQUIRE(value_x > platform_x);                  // reported: in sight without scrolling
        CHECK(value_x + value_w <= size[0] + 0.5f);
        // The value cells of the rows in sight: whole numbers of the value column, inside the canvas.
        int cells = 0;
        for (const auto& it : items)
            if (it["role"] == "label" && it["y"].get<float>() > header_y + 5.0f && std::abs(it["x"].get<float>() - value_x) < 1.0f)
            {
                CAPTURE(it.dump());
                const std::string text = it["text"];
                CHECK(text.find_first_of("0123456789") != std::string::npos);
                CHECK(it["x"].get<float>() + it["w"].get<float>() <= size[0] + 0.5f);
                cells++;
            }
        CHECK(cells >= 5);
        if (size[0] < 560)
        {
            // The names get what the value and the period leave. The rule was "the frozen names
            // take a third at most" (so that the value and the period stayed in sight), and the
            // value column kept 110 px for its name on two lines while its figures needed some 60:
            // the regions under the names were cut ("North Americ…"). Now the value column is no
            // wider than its widest figure or the widest word of its name (on up to three lines)
            // needs, with the sort arrow, and the period is still whole in sight.
            float widest = 0.0f;
            for (const auto& it : items)
                if (it["role"] == "label" && it["y"].get<float>() > header_y + 5.0f && std::abs(it["x"].get<float>() - value_x) < 1.0f)
                    widest = std::max(widest, it["w"].get<float>());
            std::string words = value_name;
            std::replace(words.begin(), words.end(), '\n', ' ');
            for (size_t start = 0, end; start < words.size(); start = end + 1)
            {
                end = std::min(words.find(' ', start), words.size());
                widest = std::max(widest, ImGui::CalcTextSize(words.substr(start, end - start).c_str()).x + ls::TableHeaderArrowWidth());
            }
            const float value_column = period_x - value_x - 2.0f * ImGui::GetStyle().CellPadding.x;
            CAPTURE(widest);
            CAPTURE(value_column);
            CHECK(value_column <= widest + 8.0f);
            REQUIRE(period_x > value_x);
            CHECK(period_x + ImGui::CalcTextSize("Period").x <= size[0] + 0.5f);
            CHECK((region_x < 0 || region_x > value_x));      // the region comes after the value
        }
        else
            CHECK((region_x > platform_x && region_x < value_x));   // the laptop's order: platform, region, period, value
    }
}

// The value column's name says the unit its figures are in, from the data ("Value (USD
// millions)"): at a phone's width it wraps onto a second line instead of being cut ("Value (USD
// milli…"). The layout report gives a header cell the width ImGui leaves its text before the
// sort arrow, so a cut name is reported narrower than its text.
TEST_CASE("phone: the table's column names are whole, the value's unit included, in the demo's and another field's data")
{
    struct Case { const char* file; const char* state; const char* unit; };
    const Case cases[] = {
        { "data/landscape.json", "{\"view\":\"table\",\"metric\":\"revenue-by-user-geography\",\"entities\":[],\"regions\":[]}", "USD millions" },
        { "tests/data/other-field/music-streaming.json", "{\"view\":\"table\"}", nullptr },
    };
    const float sizes[][2] = { { 320, 560 }, { 375, 640 }, { 1280, 720 } };
    for (const Case& c : cases)
        for (auto size : sizes)
        {
            CAPTURE(c.file);
            CAPTURE(size[0]);
            ui_test::AppHarness h({ size[0], size[1], 2.0f, false, false });
            REQUIRE(h.App.LoadData(ui_test::ReadSourceFile(c.file)));
            REQUIRE(h.App.SetStateJson(c.state));
            h.Frames(4);
            h.ScrollToEnd();
            int headers = 0;
            bool value_seen = false;
            for (const auto& it : h.Layout())
            {
                const std::string text = it["text"];
                // (the names in sight on a phone; the region's column starts at its edge, scrolled to)
                if (it["role"] != "button" || !(text == "Platform" || text == "Period" || text.rfind("Value", 0) == 0))
                    continue;
                CAPTURE(text);
                headers++;
                CHECK(it["w"].get<float>() >= ImGui::CalcTextSize(text.c_str()).x - 0.5f);   // not cut
                if (text.rfind("Value", 0) == 0)
                {
                    value_seen = true;
                    std::string words = text;   // its lines, read as one
                    std::replace(words.begin(), words.end(), '\n', ' ');
                    if (c.unit)
                        CHECK(words.find(c.unit) != std::string::npos);   // the data's unit, in its words
                    // Each line whole words: no word broken over two lines ("(thous" "ands)").
                    bool whole = false;
                    for (const auto& metric : h.App.Data().Metrics)
                        whole = whole || words == "Value (" + metric.Unit + ")";
                    CHECK(whole);
                    CHECK(it["x"].get<float>() + it["w"].get<float>() <= size[0] + 0.5f);
                }
            }
            CHECK(headers >= 3);
            CHECK(value_seen);
        }
}

// Keyboard focus below the fold: the column and the view's body are one focus scope with the
// window (a plain child was a single stop that only Enter opens, so Tab reached nothing in a
// phone's column), and ImGui scrolls only the window that holds the focused item, never the
// column around it: the column follows the focus itself.
TEST_CASE("phone: Tab reaches the items in the frame's column, and the column scrolls to each")
{
    ui_test::AppHarness h({ 320, 560, 1.0f, false, true });
    REQUIRE(h.App.LoadData(ReadDemo()));
    REQUIRE(h.App.SetStateJson(ChartStates[3]));   // compare, four platforms at every region: its options far below the title
    h.Frames(4);
    ImGuiContext& g = *ImGui::GetCurrentContext();
    int in_body = 0;
    float scrolled = 0.0f;
    for (int i = 0; i < 40; i++)
    {
        h.Key(ImGuiKey_Tab);
        REQUIRE(g.NavWindow != nullptr);
        const ImRect focus = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
        const std::string window = g.NavWindow->Name;
        CAPTURE(i);
        CAPTURE(window);
        CAPTURE(focus.Min.y);
        CAPTURE(focus.Max.y);
        CHECK(window.find("view-column") != std::string::npos);   // never the column itself as one stop
        CHECK(focus.Min.y >= -0.5f);
        CHECK(focus.Max.y <= 560.5f);
        if (window.find("view-body") != std::string::npos)
            in_body++;
        for (ImGuiWindow* w = g.NavWindow; w; w = w->ParentWindow)
            if (std::string(w->Name).find("view-body") == std::string::npos && std::string(w->Name).find("view-column") != std::string::npos)
                scrolled = std::max(scrolled, w->Scroll.y);
    }
    CHECK(in_body > 0);           // the walk reached the view's own items
    CHECK(scrolled > 0.0f);       // and the column followed it down (to the second bar, below the fold at first)
}

// The bars' box is part of that scope too: the arrows walk the bars one by one (the box was one
// stop, so a keyboard could not reach a figure), each in sight and its figure's tooltip shown.
TEST_CASE("phone: the arrows walk compare's bars one by one, each scrolled into sight")
{
    ui_test::AppHarness h({ 320, 560, 1.0f, false, true });
    REQUIRE(h.App.LoadData(ReadDemo()));
    // Meta's regions: four bars and the world's total, their rows taller than the screen holds.
    REQUIRE(h.App.SetStateJson("{\"view\":\"compare\",\"metric\":\"revenue-by-user-geography\",\"entities\":[\"meta\"],\"regions\":[],\"compare_by\":\"region\"}"));
    h.Frames(4);
    REQUIRE(ui_test::TabToCompareBar(h));
    ImGuiContext& g = *ImGui::GetCurrentContext();
    std::set<ImGuiID> bars = { g.NavId };
    for (int i = 0; i < 6; i++)   // more presses than rows below the first
    {
        h.Key(ImGuiKey_DownArrow);
        CAPTURE(i);
        REQUIRE(ui_test::NavOnCompareBar());
        bars.insert(g.NavId);
        const ImRect focus = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
        CAPTURE(focus.Min.y);
        CAPTURE(focus.Max.y);
        CHECK(focus.Min.y >= -0.5f);
        CHECK(focus.Max.y <= 560.5f);
        ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
        CHECK((tip && tip->Active && !tip->Hidden));   // the focused bar's figure, as a pointer over it shows
        if (tip)
        {
            // Beside the row, never over its label (ImGui put it above the row's lower left).
            const ImRect tip_rect(tip->Pos, ImVec2(tip->Pos.x + tip->Size.x, tip->Pos.y + tip->Size.y));
            CAPTURE(tip_rect.Min.y);
            CAPTURE(tip_rect.Max.y);
            CHECK(!tip_rect.Overlaps(focus));
            CHECK(tip_rect.Min.y >= -0.5f);
            CHECK(tip_rect.Max.y <= 560.5f);
        }
    }
    CHECK(bars.size() == 5);   // each press the next row, to the total (the last press stays there)
}
