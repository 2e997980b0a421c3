// The table's rows from the keyboard. ImGui gives a scrolling table a child window of its own,
// and a plain child is a single stop in its parent's walk (Tab walks one focus scope; the child
// was a scope of its own, the arrows stopped at its edge): a keyboard reached the filter, then
// the footer, and no row, so no figure's tooltip with its source. Now the arrows and Tab go from
// the filter into the column names and the rows, Down goes row by row with the focused row
// scrolled into sight below the frozen names, and the focused row shows the tooltip a pointer
// resting on it shows.
#include "ui_test_harness.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/app.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

// The table whose scrolling region holds the keyboard's focus (nullptr: focus elsewhere).
ImGuiTable* FocusedTable()
{
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (!g.NavWindow || g.NavId == 0)
        return nullptr;
    for (int i = 0; i < g.Tables.GetMapSize(); i++)
        if (ImGuiTable* t = g.Tables.TryGetMapData(i))
            if (t->InnerWindow == g.NavWindow && std::string(g.NavWindow->Name).find("observations") != std::string::npos)
                return t;
    return nullptr;
}

ImRect FocusRect()
{
    ImGuiContext& g = *ImGui::GetCurrentContext();
    return ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
}

// The top of the rows' area: below the column names (frozen there once the rows are scrolled).
float RowsTop(ImGuiTable* t) { return t->OuterRect.Min.y + ImGui::TableGetInstanceData(t, 0)->LastTopHeadersRowHeight; }

// Keyboard focus is on a row: in the table, below the names.
bool FocusOnRow()
{
    ImGuiTable* t = FocusedTable();
    return t && FocusRect().Min.y >= RowsTop(t) - 0.5f;
}

// The shown tooltip's picture, from its window's own position: equal for the same lines at the
// same size wherever it is placed (beside the keyboard's row or the pointer).
uint64_t TooltipPicture()
{
    ImGuiWindow* tip = ui_test::TooltipShown();
    REQUIRE(tip != nullptr);
    uint64_t h = 1469598103934665603ull;
    auto add = [&](const void* data, size_t size) {
        for (size_t i = 0; i < size; i++)
            h = (h ^ ((const unsigned char*)data)[i]) * 1099511628211ull;
    };
    add(&tip->Size, sizeof(tip->Size));
    for (const ImDrawVert& v : tip->DrawList->VtxBuffer)
    {
        const ImVec2 p(v.pos.x - tip->Pos.x, v.pos.y - tip->Pos.y);
        add(&p, sizeof(p)), add(&v.uv, sizeof(v.uv)), add(&v.col, sizeof(v.col));
    }
    add(tip->DrawList->IdxBuffer.Data, (size_t)tip->DrawList->IdxBuffer.Size * sizeof(ImDrawIdx));
    return h;
}

struct Size { float W, H, Density; };
const Size Sizes[] = { { 1280, 720, 1 }, { 375, 600, 2 }, { 320, 560, 2 } };

} // namespace

TEST_CASE("table from the keyboard: Tab and the arrows reach the rows, Down walks them in sight, each with its figure's tooltip")
{
    for (const Size& s : Sizes)
        for (ImGuiKey entry : { ImGuiKey_Tab, ImGuiKey_DownArrow })
        {
            CAPTURE(s.W);
            CAPTURE((int)entry);
            ui_test::AppHarness h({ s.W, s.H, s.Density, false, true });
            REQUIRE(h.App.LoadData(ui_test::ReadDemo()));
            // All regions of every platform: more rows than the table shows at once.
            REQUIRE(h.App.SetStateJson("{\"view\":\"table\",\"metric\":\"revenue-by-user-geography\",\"entities\":[],\"regions\":[]}"));
            h.Frames(4);
            ImGuiContext& g = *ImGui::GetCurrentContext();
            // From the view's first item, the filter (the arrows start from it; Tab walks from the canvas's first item).
            if (entry == ImGuiKey_DownArrow)
            {
                ImGuiWindow* body = nullptr;
                for (ImGuiWindow* w : g.Windows)
                    if (std::string(w->Name).find("view-body") != std::string::npos)
                        body = w;
                REQUIRE(body != nullptr);
                const ImGuiID filter = ImGui::GetIDWithSeed("##filter", nullptr, body->ID);
                ImGui::SetFocusID(filter, body);
                g.NavDisableHighlight = false;
                g.NavDisableMouseHover = true;
                h.Frames(2);
                REQUIRE(g.NavId == filter);
            }
            for (int i = 0; i < 60 && !FocusOnRow(); i++)
                h.Key(entry);
            REQUIRE(FocusOnRow());
            ImGuiTable* t = FocusedTable();
            const ImRect area(ImVec2(t->InnerClipRect.Min.x, RowsTop(t)), t->InnerClipRect.Max);
            const float first_y = FocusRect().Min.y;
            const float first_scroll = t->InnerWindow->Scroll.y;
            std::vector<ImGuiID> walked = { g.NavId };
            float last_y = first_y;
            bool scrolled = false;
            // Down past the rows first in sight, and three rows more.
            int presses = 0;
            for (int more = 3; presses < 200 && more > 0; presses++)
            {
                const int i = presses;
                CAPTURE(i);
                h.Key(ImGuiKey_DownArrow);
                REQUIRE(FocusOnRow());
                CHECK(g.NavId != walked.back());   // the next row
                walked.push_back(g.NavId);
                const ImRect row = FocusRect();
                CAPTURE(row.Min.y);
                CAPTURE(row.Max.y);
                // In sight: below the frozen names, above the table's bottom.
                CHECK(row.Min.y >= area.Min.y - 0.5f);
                CHECK(row.Max.y <= area.Max.y + 0.5f);
                if (t->InnerWindow->Scroll.y > first_scroll)
                    scrolled = true, more--;
                else
                    CHECK(row.Min.y > last_y);   // the row below
                last_y = row.Min.y;
            }
            CHECK(scrolled);   // the table followed the walk
            CHECK(first_y >= area.Min.y);
            // Up again, back above the top: each row scrolled into sight below the names, never under them.
            for (int i = 0; i < presses; i++)
            {
                CAPTURE(i);
                h.Key(ImGuiKey_UpArrow);
                REQUIRE(FocusOnRow());
                CHECK(g.NavId == walked[walked.size() - 2 - (size_t)i]);
                CHECK(FocusRect().Min.y >= area.Min.y - 0.5f);
                CHECK(FocusRect().Max.y <= area.Max.y + 0.5f);
            }

            // Scrolled sideways (to the sources), the walk keeps the columns where they are: a
            // row spans them all, and ImGui scrolled back to the first ones at every press.
            if (t->InnerWindow->ScrollMax.x > 0.0f)
            {
                const float sideways = std::min(120.0f, t->InnerWindow->ScrollMax.x);
                ImGui::SetScrollX(t->InnerWindow, sideways);
                h.Frame();
                REQUIRE(t->InnerWindow->Scroll.x == sideways);
                for (ImGuiKey key : { ImGuiKey_DownArrow, ImGuiKey_DownArrow, ImGuiKey_UpArrow })
                {
                    h.Key(key);
                    REQUIRE(FocusOnRow());
                    CHECK(t->InnerWindow->Scroll.x == sideways);
                    CHECK(FocusRect().Min.y >= area.Min.y - 0.5f);
                    CHECK(FocusRect().Max.y <= area.Max.y + 0.5f);
                }
            }
            // The focused row's tooltip: what a pointer resting on that row shows (its figure and source).
            h.Frames(40);   // the delay a resting pointer waits too
            REQUIRE(ui_test::TooltipShown() != nullptr);
            const ImRect row = FocusRect();
            const ImGuiWindow* shown = ui_test::TooltipShown();
            const ImRect tip(shown->Pos, ImVec2(shown->Pos.x + shown->Size.x, shown->Pos.y + shown->Size.y));
            CHECK(!tip.Overlaps(row));   // beside the row, not over it
            CHECK(tip.Min.x >= -0.5f);
            CHECK(tip.Max.x <= s.W + 0.5f);
            CHECK(tip.Min.y >= -0.5f);
            CHECK(tip.Max.y <= s.H + 0.5f);
            const uint64_t keyboard_tip = TooltipPicture();
            ImGuiIO& io = ImGui::GetIO();
            const float x = std::max(row.Min.x, area.Min.x) + 10.0f;   // (the row starts left of the canvas when scrolled sideways)
            io.AddMousePosEvent(x, (row.Min.y + row.Max.y) * 0.5f);   // the pointer takes over
            h.Frames(40);
            REQUIRE(ui_test::TooltipShown() != nullptr);
            CHECK(TooltipPicture() == keyboard_tip);
            // A neighbouring row in sight: another figure, another tooltip.
            const float next_y = row.Max.y + row.GetHeight() * 0.5f <= area.Max.y ? row.Max.y + row.GetHeight() * 0.5f : row.Min.y - row.GetHeight() * 0.5f;
            io.AddMousePosEvent(x, next_y);
            h.Frames(40);
            REQUIRE(ui_test::TooltipShown() != nullptr);
            CHECK(TooltipPicture() != keyboard_tip);
        }
}
