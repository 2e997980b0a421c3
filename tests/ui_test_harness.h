// What the UI tests share: one ImGui context around one App, set up the way the platform layer
// sets them up, frames drawn the way the browser draws them (the font atlas rebuilt when the app
// asks), the layout report of the last frame, and the repository's files.
#pragma once

#include <doctest/doctest.h>

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/app.h"
#include "ui/layout_report.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace ui_test {

// A file of the repository, by its path from the repository's root ("data/landscape.json").
inline std::string ReadSourceFile(const std::string& relative)
{
    std::ifstream f(std::string(LANDSCAPE_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

inline std::string ReadDemo() { return ReadSourceFile("data/landscape.json"); }

struct AppOptions
{
    float Width = 1200.0f, Height = 800.0f;
    float Density = 1.0f;
    bool  Dark = false;
    bool  KeyboardNav = false;   // ImGui's keyboard navigation, as the widget enables it
};

struct AppHarness
{
    ls::App App;
    double Time = 0.0;

    explicit AppHarness(const AppOptions& o = AppOptions())
    {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        if (o.KeyboardNav)
            io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        io.DisplaySize = ImVec2(o.Width, o.Height);
        io.DisplayFramebufferScale = ImVec2(o.Density, o.Density);
        App.Init(o.Density, o.Dark);
    }
    AppHarness(const AppHarness&) = delete;
    AppHarness& operator=(const AppHarness&) = delete;
    virtual ~AppHarness()
    {
        App.Shutdown();
        ImGui::DestroyContext();
    }

    void Frame()
    {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        Time += io.DeltaTime;
        if (App.FontsNeedRebuild())
        {
            App.RebuildFonts();
            unsigned char* pixels;
            int w, h;
            io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
            FontsRebuilt();
        }
        ImGui::NewFrame();
        App.DrawFrame(Time);
        ImGui::Render();
        REQUIRE(ImGui::GetDrawData() != nullptr);
    }
    // Run by Frame() once the fonts are rebuilt and the atlas uploaded, before the frame is drawn
    // with them: a test's own changes to the new fonts (ui_test_lazy_glyphs.cpp marks each font's
    // fallback glyph), made again after every rebuild.
    virtual void FontsRebuilt() {}
    void Frames(int n) { for (int i = 0; i < n; i++) Frame(); }
    // A key pressed and released, a frame each.
    void Key(ImGuiKey key)
    {
        ImGui::GetIO().AddKeyEvent(key, true);
        Frame();
        ImGui::GetIO().AddKeyEvent(key, false);
        Frame();
    }
    // The wheel turned down over the canvas's middle until nothing moves: a phone's column
    // (views/frame.cpp) scrolled to its end, where the view's body and the footer fill the canvas.
    void ScrollToEnd()
    {
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f);
        Frame();
        for (int i = 0; i < 6; i++)
        {
            io.AddMouseWheelEvent(0.0f, -20.0f);
            Frame();
        }
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);   // no hover left behind (a tooltip would cover the chart)
        Frames(2);
    }
    nlohmann::json Layout() const { return nlohmann::json::parse(ls::LayoutJson()); }
    // The last frame's layout items of these roles ("datalabel", "legend", ...).
    nlohmann::json Items(const std::set<std::string>& roles) const
    {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& it : Layout())
            if (roles.count(it["role"].get<std::string>()))
                out.push_back(it);
        return out;
    }
};

// The frame's picture as the WebGL renderer compares it (webgl_renderer.cpp's FrameHash): every
// list's commands, indices and vertices. Equal: the renderer draws nothing new.
inline uint64_t PictureHash()
{
    uint64_t h = 1469598103934665603ull;
    auto add = [&](const void* data, size_t size) {
        for (size_t i = 0; i < size; i++)
            h = (h ^ ((const unsigned char*)data)[i]) * 1099511628211ull;
    };
    const ImDrawData* dd = ImGui::GetDrawData();
    for (int n = 0; n < dd->CmdListsCount; n++)
    {
        const ImDrawList* list = dd->CmdLists[n];
        for (const ImDrawCmd& cmd : list->CmdBuffer)
            add(&cmd.ClipRect, sizeof(cmd.ClipRect)), add(&cmd.ElemCount, sizeof(cmd.ElemCount));
        add(list->IdxBuffer.Data, (size_t)list->IdxBuffer.Size * sizeof(ImDrawIdx));
        add(list->VtxBuffer.Data, (size_t)list->VtxBuffer.Size * sizeof(ImDrawVert));
    }
    return h;
}

// The tooltip window when it is shown in this frame, else nullptr.
inline ImGuiWindow* TooltipShown()
{
    ImGuiWindow* w = ImGui::FindWindowByName("##Tooltip_00");
    return w && w->Active && w->LastFrameActive == ImGui::GetFrameCount() ? w : nullptr;
}

// The pointer moves onto `at` (from `from`, shown two frames first; whether a tooltip shows there
// is `tip_before`): in that frame the tooltip is shown (ImGui hides a new one for a frame) at the
// size ImGui fits to its lines (nothing cut, no empty margin), and the next frame draws the same
// picture (no size fitted a frame late).
inline void CheckTooltipWholeInFirstFrame(AppHarness& h, ImVec2 from, ImVec2 at, bool tip_before)
{
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(from.x, from.y);
    h.Frames(2);
    REQUIRE((TooltipShown() != nullptr) == tip_before);
    io.AddMousePosEvent(at.x, at.y);
    h.Frame();
    ImGuiWindow* first = TooltipShown();
    REQUIRE(first != nullptr);
    CHECK(!first->Hidden);
    const ImVec2 size = first->Size, pos = first->Pos;
    const uint64_t picture = PictureHash();
    h.Frame();
    ImGuiWindow* next = TooltipShown();
    REQUIRE(next == first);
    CHECK(!next->Hidden);
    CHECK(next->Size.x == size.x);
    CHECK(next->Size.y == size.y);
    CHECK(next->Pos.x == pos.x);
    CHECK(next->Pos.y == pos.y);
    CHECK(PictureHash() == picture);
    const ImVec2 fit = ImGui::CalcWindowNextAutoFitSize(next);
    CHECK(fit.x == size.x);
    CHECK(fit.y == size.y);
}

// Keyboard focus is on one of compare's bars (inside its "compare-bars" child).
inline bool NavOnCompareBar()
{
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    return g.NavWindow && std::string(g.NavWindow->Name).find("compare-bars") != std::string::npos;
}

// Presses Tab until the keyboard reaches compare's bars (at most `presses` times); whether it did.
inline bool TabToCompareBar(AppHarness& h, int presses = 80)
{
    for (int i = 0; i < presses && !NavOnCompareBar(); i++)
        h.Key(ImGuiKey_Tab);
    return NavOnCompareBar();
}

} // namespace ui_test
