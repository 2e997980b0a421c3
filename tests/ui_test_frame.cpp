// The frame around the views (issue #12): the header, the view switcher, the pickers and the
// period control at a phone's width and a laptop's, read back through the layout report
// (what layout() returns in the browser); the controls reached and worked from the keyboard
// alone; the error panel's sentences.
#include "ui_test_harness.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/app.h"
#include "ui/layout_report.h"

#include <nlohmann/json.hpp>

#include <string>

namespace {

using ui_test::ReadDemo;

struct FrameHarness : ui_test::AppHarness
{
    FrameHarness(float width, float height) : AppHarness({ width, height, 1.0f, false, true }) {}
    std::string StateValue(const char* key) const { return nlohmann::json::parse(App.StateJson()).value(key, std::string()); }
};

int Count(const nlohmann::json& items, const std::string& role, const std::string& text = "")
{
    int n = 0;
    for (const auto& it : items)
        if (it["role"] == role && (text.empty() || it["text"] == text))
            n++;
    return n;
}

// The id ImGui gives an item drawn in the explorer's window under the given id path.
ImGuiID ExplorerItemId(const char* scope, int index)
{
    ImGuiID window = ImHashStr("Landscape", 0);
    ImGuiID seed = scope ? ImHashStr(scope, 0, window) : window;
    return ImHashData(&index, sizeof(index), seed);
}

ImGuiID ExplorerItemId(const char* label) { return ImHashStr(label, 0, ImHashStr("Landscape", 0)); }

// Presses Tab until the keyboard focus is on `id` (at most `limit` presses).
bool TabTo(FrameHarness& h, ImGuiID id, int limit = 40)
{
    for (int i = 0; i < limit; i++)
    {
        h.Key(ImGuiKey_Tab);
        if (GImGui->NavId == id)
            return true;
    }
    return false;
}

void CheckInsideAndApart(const nlohmann::json& items, float width, float height)
{
    for (const auto& it : items)
    {
        CAPTURE(it.dump());
        CHECK(it["x"].get<float>() >= -0.5f);
        CHECK(it["x"].get<float>() + it["w"].get<float>() <= width + 0.5f);
        CHECK(it["y"].get<float>() + it["h"].get<float>() <= height + 0.5f);
    }
    // The frame's own texts (the views' are their helpers' to check) never overlap each other.
    const char* frame_roles[] = { "title", "tab", "combo", "button", "slider", "axis" };
    std::vector<const nlohmann::json*> frame;
    for (const auto& it : items)
        for (const char* r : frame_roles)
            if (it["role"] == r && !it["text"].get<std::string>().empty())
                frame.push_back(&it);
    for (size_t i = 0; i < frame.size(); i++)
        for (size_t j = i + 1; j < frame.size(); j++)
        {
            const auto& a = *frame[i];
            const auto& b = *frame[j];
            float w = std::min(a["x"].get<float>() + a["w"].get<float>(), b["x"].get<float>() + b["w"].get<float>()) -
                      std::max(a["x"].get<float>(), b["x"].get<float>());
            float hh = std::min(a["y"].get<float>() + a["h"].get<float>(), b["y"].get<float>() + b["h"].get<float>()) -
                       std::max(a["y"].get<float>(), b["y"].get<float>());
            CAPTURE(a.dump());
            CAPTURE(b.dump());
            CHECK_FALSE((w > 1.0f && hh > 1.0f));
        }
}

} // namespace

TEST_CASE("frame: at a laptop's width the views are segmented tabs and the pickers share a line")
{
    FrameHarness h(1280, 680);
    REQUIRE(h.App.LoadData(ReadDemo()));
    REQUIRE(h.App.SetStateJson(R"({"view":"map","metric":"revenue-by-user-geography","period":"2025-Q3"})"));
    h.Frames(3);
    auto items = h.Layout();
    CHECK(Count(items, "tab") == 6);
    CHECK(Count(items, "tab", "Map") == 1);
    CHECK(Count(items, "combo", "Filters: Revenue by user geography") == 0);
    CHECK(Count(items, "combo", "Metric: Revenue by user geography") == 1);
    // The chosen period once (the timeline's ticks are years, and leave out one that reads the same).
    CHECK(Count(items, "slider", "Q3 2025") == 1);
    int q3 = 0;
    for (const auto& it : items)
        if (it["text"].get<std::string>().find("Q3 2025") != std::string::npos && it["role"] != "label")
            q3++;
    CHECK(q3 == 1);
    CHECK(Count(items, "axis") >= 2);
    CHECK(Count(items, "button", "") >= 2);   // play and the typed period's button: icons, no words
    CHECK(Count(items, "combo", "Speed: 1\xC3\x97") == 1);
    CheckInsideAndApart(items, 1280, 680);
}

TEST_CASE("frame: at a phone's width the views are a menu and the pickers a sheet, nothing past the edge")
{
    FrameHarness h(320, 560);
    REQUIRE(h.App.LoadData(ReadDemo()));
    const char* views[] = { "map", "trend", "compare", "share", "table", "sources" };
    for (const char* view : views)
    {
        std::string v = view;
        CAPTURE(v);
        REQUIRE(h.App.SetStateJson("{\"view\":\"" + v + "\"}"));
        h.Frames(3);
        auto items = h.Layout();
        for (const char* label : { "Map", "Trend", "Compare", "Share", "Table", "Sources" })   // a view may have segments of its own
            CHECK(Count(items, "tab", label) == 0);
        CHECK(Count(items, "combo", "View: " + std::string(v == "map" ? "Map" : v == "trend" ? "Trend" : v == "compare" ? "Compare" : v == "share" ? "Share" : v == "table" ? "Table" : "Sources")) == 1);
        CHECK(Count(items, "combo") >= 1);
        for (const auto& it : items)   // the pickers are in the sheet
            CHECK(it["text"].get<std::string>().rfind("Metric:", 0) != 0);
        CheckInsideAndApart(items, 320, 560);
    }
    // The title wraps rather than running past the edge: it takes more than one line.
    auto items = h.Layout();
    for (const auto& it : items)
        if (it["role"] == "title" && it["text"].get<std::string>().rfind("The social-platform", 0) == 0)
            CHECK(it["h"].get<float>() > ImGui::GetFontSize() * 1.5f);
}

TEST_CASE("frame: the keyboard alone reaches the tabs and steps the timeline")
{
    FrameHarness h(1280, 680);
    REQUIRE(h.App.LoadData(ReadDemo()));
    REQUIRE(h.App.SetStateJson(R"({"view":"map","metric":"facebook-dau","entities":["facebook"],"period":"2022-Q4"})"));
    h.Frames(3);
    // Tab to the "Trend" segment, Enter: the trend view.
    REQUIRE(TabTo(h, ExplorerItemId("views", 1)));
    h.Key(ImGuiKey_Enter);
    h.Frames(2);
    CHECK(h.App.State().View == ls::ViewKind_Trend);

    // Back on the map: Tab to the timeline; Left steps one period back and the focus stays.
    REQUIRE(h.App.SetStateJson(R"({"view":"map"})"));
    h.Frames(3);
    const ImGuiID timeline = ExplorerItemId("##period");
    REQUIRE(TabTo(h, timeline));
    h.Key(ImGuiKey_LeftArrow);
    h.Frames(2);
    CHECK(h.StateValue("period") == "2022-Q3");
    CHECK(GImGui->NavId == timeline);
    h.Key(ImGuiKey_RightArrow);
    h.Frames(2);
    CHECK(h.StateValue("period") == "2022-Q4");
}

TEST_CASE("frame: the error panel's messages end their sentences")
{
    FrameHarness h(800, 600);
    REQUIRE(h.App.LoadData(ReadDemo()));
    h.App.SetStatusJson(R"({"state":"error","message":"The data file looks truncated","retry":true})");
    h.Frames(2);
    auto items = h.Layout();
    CHECK(Count(items, "label", "The data file looks truncated. The previous data is still shown.") == 1);
    CHECK(Count(items, "button", "Retry") == 1);
    h.App.SetStatusJson(R"({"state":"error","message":"The server said no (403)."})");
    h.Frames(2);
    CHECK(Count(h.Layout(), "label", "The server said no (403). The previous data is still shown.") == 1);
    // load()'s rejection message starts lower case (it is also an Error's message): a sentence here.
    h.App.SetStatusJson(R"({"state":"error","message":"the data file was refused: data:1:1: error: no","problems":[{"pointer":"","line":1,"column":1,"message":"no"}],"errors":1})");
    h.Frames(2);
    items = h.Layout();
    // The headline counts the problems; the list says each once (the message's own copy of the
    // first, compiler-style, is not repeated above it).
    CHECK(Count(items, "label", "The data file was refused: 1 problem. The previous data is still shown.") == 1);
    CHECK(Count(items, "label", "(1:1): no") == 1);
}

TEST_CASE("frame: on a phone each chart view keeps its own scroll; a view first shown starts at its header")
{
    // The column used to be one ImGui child for every view, so trend opened scrolled as deep as
    // the reader had left compare, its header out of sight.
    ui_test::AppHarness h({ 320, 560, 1.0f, false, false });
    REQUIRE(h.App.LoadData(ReadDemo()));
    auto title_y = [&] {
        for (const auto& it : h.Layout())
            if (it["role"] == "title")
                return it["y"].get<float>();
        return -1e9f;   // scrolled out of sight
    };
    auto show = [&](const char* state) {
        REQUIRE(h.App.SetStateJson(state));
        h.Frames(4);
    };
    show("{\"view\":\"compare\"}");
    const float top = title_y();
    REQUIRE(top >= 0.0f);
    h.ScrollToEnd();
    const float scrolled = title_y();
    REQUIRE(scrolled < top);

    show("{\"view\":\"trend\"}");
    CHECK(title_y() == top);
    show("{\"view\":\"compare\"}");
    CHECK(title_y() == scrolled);   // where the reader left it
}
