// The wheel at the end of a scrolling panel goes on to the page (App::WantsWheelAt, asked by the
// widget's wheel listener with the wheel's direction): a panel scrolled to its end does not want
// the wheel further that way and does the other way, one in the middle wants both; the map wants
// it while it can still zoom that way. Before, the answer was "over something that scrolls" in
// every direction: at the table's end the wheel was taken and nothing moved, neither the table
// nor the page. A finger's room (TouchKindAt) is the same room.
#include "ui_test_harness.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/app.h"
#include "ui/views/views.h"

#include <string>

namespace {

using ui_test::ReadDemo;

struct WheelHarness : ui_test::AppHarness
{
    WheelHarness(float width, float height, float density) : AppHarness({ width, height, density, false, false }) { REQUIRE(App.LoadData(ReadDemo())); }
    void Show(const std::string& state)
    {
        REQUIRE(App.SetStateJson(state));
        Frames(4);
    }
    // The wheel turned over p as the widget turns it (web/widget/input.js): given to the widget
    // (and a frame drawn) when it wants it; false when the page would have it.
    bool Turn(ImVec2 p, float dx, float dy)
    {
        ImGuiIO& io = ImGui::GetIO();
        if (io.MousePos.x != p.x || io.MousePos.y != p.y)
        {
            io.AddMousePosEvent(p.x, p.y);   // its own frame: ImGui trickles a wheel after a move to the next
            Frame();
        }
        if (!App.WantsWheelAt(p.x, p.y, dx, dy))
            return false;
        io.AddMouseWheelEvent(dx, dy);
        Frame();
        return true;
    }
    // Turns until the widget no longer wants it (at most `limit` notches); how many it took.
    int TurnUntilRefused(ImVec2 p, float dx, float dy, int limit = 400)
    {
        int n = 0;
        while (n < limit && Turn(p, dx, dy))
            n++;
        return n;
    }
};

// The visible window whose name has `part` and that scrolls on `axis`.
ImGuiWindow* ScrollingWindow(const char* part, int axis = ImGuiAxis_Y)
{
    ImGuiContext& g = *ImGui::GetCurrentContext();
    for (ImGuiWindow* w : g.Windows)
        if (w->Active && std::string(w->Name).find(part) != std::string::npos && w->ScrollMax[axis] > 0.0f)
            return w;
    return nullptr;
}

ImVec2 Middle(const ImGuiWindow* w) { return ImVec2(w->Pos.x + w->Size.x * 0.5f, w->Pos.y + w->Size.y * 0.6f); }

} // namespace

TEST_CASE("wheel: a panel at its end does not want the wheel further that way, but back; in the middle it wants both")
{
    struct Case { float W, H, Density; const char* State; const char* Window; };
    const Case cases[] = {
        { 375, 600, 2, "{\"view\":\"table\"}", "observations" },      // a phone
        { 320, 560, 3, "{\"view\":\"table\"}", "observations" },
        { 1280, 720, 1, "{\"view\":\"table\"}", "observations" },     // a laptop
        { 375, 600, 2, "{\"view\":\"sources\"}", "sources-scroll" },
        { 375, 600, 2, "{\"view\":\"map\"}", "map-scroll" },          // a phone: the map's narrow column, its list part
    };
    for (const Case& c : cases)
    {
        CAPTURE(c.W);
        const std::string state = c.State;
        CAPTURE(state);
        WheelHarness h(c.W, c.H, c.Density);
        h.Show(c.State);
        ImGuiWindow* w = ScrollingWindow(c.Window);
        REQUIRE(w != nullptr);
        // A point in the panel that is not the map (the narrow column's map is at its top).
        ImVec2 p(w->Pos.x + w->Size.x * 0.5f, w->Pos.y + w->Size.y * 0.9f);
        CAPTURE(w->Name);
        CAPTURE(p.x);
        CAPTURE(p.y);

        // At its top: down, not up (the page's).
        REQUIRE(w->Scroll.y == 0.0f);
        CHECK(h.App.WantsWheelAt(p.x, p.y, 0.0f, -1.0f));
        CHECK_FALSE(h.App.WantsWheelAt(p.x, p.y, 0.0f, 1.0f));
        CHECK((h.App.TouchKindAt(p.x, p.y) & (1 | 4 | 8)) == (1 | 8));

        // A notch down: in the middle, both ways.
        REQUIRE(h.Turn(p, 0.0f, -1.0f));
        REQUIRE(w->Scroll.y > 0.0f);
        REQUIRE(w->Scroll.y < w->ScrollMax.y);
        CHECK(h.App.WantsWheelAt(p.x, p.y, 0.0f, -1.0f));
        CHECK(h.App.WantsWheelAt(p.x, p.y, 0.0f, 1.0f));
        CHECK((h.App.TouchKindAt(p.x, p.y) & (1 | 4 | 8)) == (1 | 4 | 8));

        // Down to its end: then the wheel down is the page's (before: taken, and nothing moved),
        // the wheel up still the panel's. A trackpad's stroke down with a little sideways in it too.
        const int notches = h.TurnUntilRefused(p, 0.0f, -1.0f);
        CHECK(notches < 400);
        CHECK(w->Scroll.y == w->ScrollMax.y);
        CHECK_FALSE(h.App.WantsWheelAt(p.x, p.y, 0.0f, -1.0f));
        CHECK_FALSE(h.App.WantsWheelAt(p.x, p.y, -0.3f, -1.0f));
        CHECK_FALSE(h.App.WantsWheelAt(p.x, p.y, 0.3f, -1.0f));
        CHECK(h.App.WantsWheelAt(p.x, p.y, 0.0f, 1.0f));
        CHECK((h.App.TouchKindAt(p.x, p.y) & (1 | 4 | 8)) == (1 | 4));

        // And back up to its top, where the wheel up is the page's again.
        h.TurnUntilRefused(p, 0.0f, 1.0f);
        CHECK(w->Scroll.y == 0.0f);
        CHECK_FALSE(h.App.WantsWheelAt(p.x, p.y, 0.0f, 1.0f));
        CHECK(h.App.WantsWheelAt(p.x, p.y, 0.0f, -1.0f));

        // Over the header (nothing scrolls there): the page's either way, and no wheel at all is nobody's.
        CHECK_FALSE(h.App.WantsWheelAt(20.0f, 10.0f, 0.0f, -1.0f));
        CHECK_FALSE(h.App.WantsWheelAt(20.0f, 10.0f, 0.0f, 1.0f));
        CHECK_FALSE(h.App.WantsWheelAt(p.x, p.y, 0.0f, 0.0f));
    }
}

TEST_CASE("wheel: sideways over a phone's table, the table's while it has room that way, then the page's")
{
    WheelHarness h(375, 600, 2);
    h.Show("{\"view\":\"table\"}");
    ImGuiWindow* w = ScrollingWindow("observations", ImGuiAxis_X);
    REQUIRE(w != nullptr);
    const ImVec2 p = Middle(w);
    REQUIRE(w->Scroll.x == 0.0f);
    CHECK(h.App.WantsWheelAt(p.x, p.y, -1.0f, 0.0f));        // to the right: the table's
    CHECK_FALSE(h.App.WantsWheelAt(p.x, p.y, 1.0f, 0.0f));   // to the left: nothing there
    CHECK(h.TurnUntilRefused(p, -1.0f, 0.0f) < 400);
    CHECK(w->Scroll.x == w->ScrollMax.x);
    CHECK_FALSE(h.App.WantsWheelAt(p.x, p.y, -1.0f, 0.0f));
    CHECK(h.App.WantsWheelAt(p.x, p.y, 1.0f, 0.0f));
    CHECK((h.App.TouchKindAt(p.x, p.y) & (16 | 32)) == 16);
}

TEST_CASE("wheel: the map wants the wheel while it can zoom that way; at its widest or closest the page has it")
{
    const float sizes[][3] = { { 375, 600, 2 }, { 1280, 720, 1 } };
    for (auto s : sizes)
    {
        CAPTURE(s[0]);
        WheelHarness h(s[0], s[1], s[2]);
        h.Show("{\"view\":\"map\"}");
        ls::ViewContext& ctx = *h.App.Ctx;
        const ImVec2 p = ctx.MapRect.GetCenter();
        REQUIRE(ctx.MapRect.GetWidth() > 100.0f);
        CHECK(h.App.TouchKindAt(p.x, p.y) == 2);

        // At its widest (as it starts): zooming in is the map's, out the page's (before: taken,
        // and nothing moved). Asking changes nothing.
        REQUIRE(ctx.MapZoom == 1.0f);
        CHECK(h.App.WantsWheelAt(p.x, p.y, 0.0f, 1.0f));
        CHECK_FALSE(h.App.WantsWheelAt(p.x, p.y, 0.0f, -1.0f));
        CHECK(ctx.MapZoom == 1.0f);
        CHECK(ctx.MapPan.x == 0.0f);
        CHECK(ctx.MapPan.y == 0.0f);

        // Zoomed in: both.
        REQUIRE(h.Turn(p, 0.0f, 1.0f));
        CHECK(ctx.MapZoom > 1.0f);
        CHECK(h.App.WantsWheelAt(p.x, p.y, 0.0f, 1.0f));
        CHECK(h.App.WantsWheelAt(p.x, p.y, 0.0f, -1.0f));

        // In to its closest: then in is the page's, out the map's.
        CHECK(h.TurnUntilRefused(p, 0.0f, 1.0f) < 40);
        const float closest = ctx.MapZoom;
        CHECK(closest > 10.0f);
        CHECK_FALSE(h.App.WantsWheelAt(p.x, p.y, 0.0f, 1.0f));
        CHECK(h.App.WantsWheelAt(p.x, p.y, 0.0f, -1.0f));
        CHECK(ctx.MapZoom == closest);

        // Out to its widest again.
        CHECK(h.TurnUntilRefused(p, 0.0f, -1.0f) < 40);
        CHECK(ctx.MapZoom == 1.0f);
        CHECK_FALSE(h.App.WantsWheelAt(p.x, p.y, 0.0f, -1.0f));
        CHECK(h.App.WantsWheelAt(p.x, p.y, 0.0f, 1.0f));
    }
}
