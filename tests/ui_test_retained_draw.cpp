// Retained geometry drawn from the renderer's buffers (ui/retained_draw.h): the frame carries a
// marker command instead of copied vertices. What must hold for the WebGL renderer's buffers to
// show the right picture: a marker draws exactly what the copy drew (same vertices, order, clip
// rectangle and texture), and a rebuilt list gets a new serial (the renderer re-uploads on it).
#include "ui_test_harness.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/layout_report.h"
#include "ui/retained_draw.h"
#include "ui/views/views.h"

#include <cstring>
#include <string>
#include <vector>

namespace {

// One drawn vertex as the renderer sees it: where, what and under which clip and texture.
struct DrawnVertex
{
    ImVec4 Clip;
    ImTextureID Texture;
    ImDrawVert Vertex;
    bool operator==(const DrawnVertex& o) const
    {
        return std::memcmp(&Clip, &o.Clip, sizeof(Clip)) == 0 && Texture == o.Texture && std::memcmp(&Vertex, &o.Vertex, sizeof(ImDrawVert)) == 0;
    }
};

// The frame's triangles in drawing order, marker commands expanded the way the renderer draws
// them (the retained list's every index, under the marker's clip rectangle and texture).
std::vector<DrawnVertex> Flatten(const ImDrawData* dd, int* markers)
{
    std::vector<DrawnVertex> out;
    *markers = 0;
    for (int n = 0; n < dd->CmdListsCount; n++)
    {
        const ImDrawList* list = dd->CmdLists[n];
        for (const ImDrawCmd& cmd : list->CmdBuffer)
        {
            if (cmd.UserCallback == ls::RetainedDrawMarker)
            {
                const ImDrawList* r = ((const ls::RetainedDraw*)cmd.UserCallbackData)->List;
                for (int i = 0; i < r->IdxBuffer.Size; i++)
                    out.push_back({ cmd.ClipRect, cmd.TextureId, r->VtxBuffer[(int)r->IdxBuffer[i]] });
                (*markers)++;
                continue;
            }
            if (cmd.UserCallback)
                continue;
            for (unsigned i = 0; i < cmd.ElemCount; i++)
                out.push_back({ cmd.ClipRect, cmd.TextureId, list->VtxBuffer[(int)(cmd.VtxOffset + list->IdxBuffer[(int)(cmd.IdxOffset + i)])] });
        }
    }
    return out;
}

} // namespace

TEST_CASE("retained geometry: a marker command draws what the copy drew, in every view with retained parts")
{
    ui_test::AppHarness h;
    REQUIRE(h.App.LoadData(ui_test::ReadDemo()));
    ImGuiIO& io = ImGui::GetIO();
    // Share with a part hovered (its outline is retained too), map, trend.
    const char* views[] = { "share", "map", "trend" };
    for (const char* v : views)
    {
        CAPTURE(v);
        REQUIRE(h.App.SetStateJson(std::string("{\"view\":\"") + v + "\"}"));
        io.AddMousePosEvent(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f);
        h.Frames(4);
        // As in the browser: frames record no layout report (that frame gets copies).
        ls::LayoutSetRecording(false);
        ls::SetRetainedDrawByRenderer(false);
        h.Frame();
        int copied_markers = 0;
        const std::vector<DrawnVertex> copied = Flatten(ImGui::GetDrawData(), &copied_markers);
        ls::SetRetainedDrawByRenderer(true);
        h.Frame();
        int markers = 0;
        const std::vector<DrawnVertex> marked = Flatten(ImGui::GetDrawData(), &markers);
        ls::SetRetainedDrawByRenderer(false);
        ls::LayoutSetRecording(true);   // the harness's default
        CHECK(copied_markers == 0);
        CHECK(markers > 0);   // the view has retained parts, drawn as markers
        REQUIRE(marked.size() == copied.size());
        size_t first_difference = copied.size();
        for (size_t i = 0; i < copied.size() && first_difference == copied.size(); i++)
            if (!(marked[i] == copied[i]))
                first_difference = i;
        CHECK(first_difference == copied.size());
    }
}

TEST_CASE("retained geometry: a rebuild gets a new serial, an unchanged key keeps it; the layout report's frame gets copies")
{
    ui_test::AppHarness h;
    h.Frame();   // fonts built: GeometryKey reads the atlas
    ImGui::NewFrame();
    ImDrawList dst(ImGui::GetDrawListSharedData());
    dst._ResetForNewFrame();
    dst.PushClipRect(ImVec2(10, 10), ImVec2(200, 100));
    dst.PushTextureID(ImGui::GetIO().Fonts->TexID);
    auto marker_serial = [&](const ls::RetainedGeometry& g) -> uint64_t {
        const int before = dst.CmdBuffer.Size;
        g.AppendTo(&dst);
        for (int i = before - 1; i < dst.CmdBuffer.Size; i++)
            if (i >= 0 && dst.CmdBuffer[i].UserCallback == ls::RetainedDrawMarker)
                return ((const ls::RetainedDraw*)dst.CmdBuffer[i].UserCallbackData)->Serial;
        return 0;
    };
    ls::SetRetainedDrawByRenderer(true);
    ls::LayoutSetRecording(false);   // as in the browser's frames
    ls::RetainedGeometry g, other;
    ImDrawList* list = g.Rebuild(ls::GeometryKey().Add((uint64_t)1));
    REQUIRE(list != nullptr);
    list->AddRectFilled(ImVec2(20, 20), ImVec2(40, 40), IM_COL32(255, 0, 0, 255));
    const uint64_t first = marker_serial(g);
    CHECK(first != 0);
    CHECK(dst.VtxBuffer.Size == 0);   // nothing copied
    CHECK(g.Rebuild(ls::GeometryKey().Add((uint64_t)1)) == nullptr);
    CHECK(marker_serial(g) == first);   // same build: the renderer's buffer stays valid
    ImDrawList* again = g.Rebuild(ls::GeometryKey().Add((uint64_t)2));
    REQUIRE(again != nullptr);
    again->AddRectFilled(ImVec2(20, 20), ImVec2(60, 60), IM_COL32(0, 255, 0, 255));
    const uint64_t second = marker_serial(g);
    CHECK(second != first);   // rebuilt: without a new serial the renderer would draw the old bars
    ImDrawList* other_list = other.Rebuild(ls::GeometryKey().Add((uint64_t)2));
    REQUIRE(other_list != nullptr);
    other_list->AddRectFilled(ImVec2(20, 20), ImVec2(60, 60), IM_COL32(0, 255, 0, 255));
    const uint64_t others = marker_serial(other);
    CHECK(others != second);   // same key, another list: its own build
    CHECK(others != 0);
    // The layout report reads the frame's vertices: recording, the geometry is copied.
    ls::LayoutSetRecording(true);
    const int commands = dst.CmdBuffer.Size;
    g.AppendTo(&dst);
    CHECK(dst.VtxBuffer.Size == 4);
    bool marker_added = false;
    for (int i = commands; i < dst.CmdBuffer.Size; i++)
        marker_added |= dst.CmdBuffer[i].UserCallback == ls::RetainedDrawMarker;
    CHECK(!marker_added);
    ls::SetRetainedDrawByRenderer(false);
    ImGui::EndFrame();
}
