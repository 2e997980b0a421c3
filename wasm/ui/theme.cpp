#include "ui/theme.h"
#include <algorithm>
#include <cmath>

namespace ls {

static ImU32 Rgb(uint32_t rgb, int a = 255) { return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, a); }

Theme MakeTheme(bool dark)
{
    Theme t;
    t.Dark = dark;
    if (!dark)
    {
        t.Background = Rgb(0xFFFFFF); t.Panel = Rgb(0xF5F6F8); t.Text = Rgb(0x1F2937); t.TextMuted = Rgb(0x5B6472);
        t.Grid = Rgb(0xE5E7EB); t.Axis = Rgb(0x9CA3AF); t.Accent = Rgb(0x1D4ED8); t.Ocean = Rgb(0xEEF3F8);
        t.CountryNeutral = Rgb(0xD9DDE3); t.CountryBorder = Rgb(0xFFFFFF); t.Highlight = Rgb(0xE69F00);
        t.ErrorBg = Rgb(0xFEF2F2); t.ErrorText = Rgb(0x991B1B); t.EstimateHatch = Rgb(0xFFFFFF, 150);
    }
    else
    {
        t.Background = Rgb(0x111827); t.Panel = Rgb(0x1A2332); t.Text = Rgb(0xE5E7EB); t.TextMuted = Rgb(0xA3ACB9);
        t.Grid = Rgb(0x2B3545); t.Axis = Rgb(0x6B7280); t.Accent = Rgb(0x93C5FD); t.Ocean = Rgb(0x162032);
        t.CountryNeutral = Rgb(0x374151); t.CountryBorder = Rgb(0x111827); t.Highlight = Rgb(0xF0C05A);
        t.ErrorBg = Rgb(0x3B1219); t.ErrorText = Rgb(0xFCA5A5); t.EstimateHatch = Rgb(0x111827, 150);
    }
    ApplyImGuiStyle(t);
    return t;
}

void ApplyImGuiStyle(const Theme& t)
{
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    if (t.Dark)
        ImGui::StyleColorsDark(&style);
    else
        ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.TabRounding = 4.0f;
    style.ChildRounding = 4.0f;
    style.PopupRounding = 4.0f;
    style.WindowBorderSize = 0.0f;
    style.FramePadding = ImVec2(8.0f, 5.0f);
    style.ItemSpacing = ImVec2(8.0f, 6.0f);
    style.WindowPadding = ImVec2(12.0f, 10.0f);
    style.ScrollbarSize = 12.0f;
    style.CellPadding = ImVec2(6.0f, 3.0f);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(t.Background);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(t.Text);
    c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(t.TextMuted);
    c[ImGuiCol_NavHighlight] = ImGui::ColorConvertU32ToFloat4(t.Accent);
    if (!t.Dark)
    {
        c[ImGuiCol_FrameBg] = ImVec4(0.95f, 0.96f, 0.97f, 1.0f);
        c[ImGuiCol_Button] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
        c[ImGuiCol_Tab] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
        c[ImGuiCol_TabActive] = ImVec4(0.11f, 0.30f, 0.85f, 1.0f);
        c[ImGuiCol_TabHovered] = ImVec4(0.35f, 0.52f, 0.95f, 1.0f);
        c[ImGuiCol_TableHeaderBg] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
        c[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.98f);
    }
}

// Okabe & Ito's eight colours (safe for the common colour-vision deficiencies) first, then
// Paul Tol's "muted" set for files with many entities.
static const uint32_t Palette[] = {
    0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xB8A100, 0x555555,
    0x332288, 0x88CCEE, 0x44AA99, 0x117733, 0x999933, 0xDDCC77, 0xCC6677, 0x882255, 0xAA4499,
};

ImU32 PaletteColor(int index, bool dark)
{
    constexpr int n = (int)(sizeof(Palette) / sizeof(Palette[0]));
    uint32_t rgb = Palette[((index % n) + n) % n];
    if (dark && rgb == 0x555555)
        rgb = 0xBBBBBB;   // the grey must stay visible on a dark background
    return Rgb(rgb);
}

ImU32 EntityColor(uint32_t rgb, bool has_rgb, int entity_index, bool dark)
{
    return has_rgb ? Rgb(rgb) : PaletteColor(entity_index, dark);
}

ImU32 SequentialColor(float t, bool dark)
{
    // Light-to-dark blues (ColorBrewer "Blues"-like stops); reversed in dark mode so that larger
    // values always stand out more from the background.
    static const float stops[][3] = {
        { 0.87f, 0.92f, 0.97f }, { 0.62f, 0.79f, 0.88f }, { 0.26f, 0.57f, 0.78f }, { 0.13f, 0.40f, 0.67f }, { 0.03f, 0.19f, 0.42f } };
    t = std::clamp(t, 0.0f, 1.0f);
    if (dark)
        t = 1.0f - t;
    float f = t * 4.0f;
    int i = std::min(3, (int)f);
    float u = f - (float)i;
    float r = stops[i][0] + (stops[i + 1][0] - stops[i][0]) * u;
    float g = stops[i][1] + (stops[i + 1][1] - stops[i][1]) * u;
    float b = stops[i][2] + (stops[i + 1][2] - stops[i][2]) * u;
    return IM_COL32((int)(r * 255), (int)(g * 255), (int)(b * 255), 255);
}

ImU32 WithAlpha(ImU32 color, float alpha)
{
    int a = (int)(((color >> IM_COL32_A_SHIFT) & 0xFF) * std::clamp(alpha, 0.0f, 1.0f));
    return (color & ~IM_COL32_A_MASK) | ((ImU32)a << IM_COL32_A_SHIFT);
}

// First versions (the theme work replaces them): colour only, and the old 45 % alpha.
int PaletteSize() { return (int)(sizeof(Palette) / sizeof(Palette[0])); }

SeriesStyle SeriesStyleFor(int index, bool dark)
{
    SeriesStyle s;
    s.Color = PaletteColor(index, dark);
    int round = index / PaletteSize();
    s.Dash = (SeriesDash)(round % SeriesDash_COUNT);
    s.Marker = (SeriesMarker)((round / SeriesDash_COUNT) % SeriesMarker_COUNT);
    return s;
}

ImU32 EstimateColor(ImU32 base, const Theme&) { return WithAlpha(base, 0.45f); }

static float Luminance(ImU32 c)
{
    auto channel = [](unsigned v) {
        float s = (float)v / 255.0f;
        return s <= 0.04045f ? s / 12.92f : std::pow((s + 0.055f) / 1.055f, 2.4f);
    };
    return 0.2126f * channel((c >> IM_COL32_R_SHIFT) & 0xFF) + 0.7152f * channel((c >> IM_COL32_G_SHIFT) & 0xFF) +
           0.0722f * channel((c >> IM_COL32_B_SHIFT) & 0xFF);
}

float ContrastRatio(ImU32 a, ImU32 b)
{
    float la = Luminance(a), lb = Luminance(b);
    return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

} // namespace ls
