#include "ui/theme.h"
#include <algorithm>
#include <cmath>

namespace ls {

static ImU32 Rgb(uint32_t rgb, int a = 255) { return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, a); }
static ImVec4 F4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

// The two backgrounds, named once: palette and data colours are made to contrast with them.
static constexpr uint32_t LightBackground = 0xFFFFFF, DarkBackground = 0x111827;

Theme MakeTheme(bool dark)
{
    Theme t;
    t.Dark = dark;
    if (!dark)
    {
        t.Background = Rgb(LightBackground); t.Panel = Rgb(0xF5F6F8); t.Text = Rgb(0x1F2937); t.TextMuted = Rgb(0x525B68);
        t.Grid = Rgb(0xE5E7EB); t.Axis = Rgb(0x737C8B); t.Accent = Rgb(0x1D4ED8); t.Ocean = Rgb(0xEEF3F8);
        t.CountryNeutral = Rgb(0xD9DDE3); t.CountryBorder = Rgb(0xFFFFFF); t.Highlight = Rgb(0xA35F00);
        t.ErrorBg = Rgb(0xFEF2F2); t.ErrorText = Rgb(0x991B1B); t.EstimateHatch = Rgb(0xFFFFFF, 150);
        t.ControlBg = Rgb(0xF3F4F6); t.ControlHover = Rgb(0xE6EAF0); t.ControlActive = Rgb(0xE0E6EF);
        t.ControlBorder = Rgb(0x737C8B); t.Selected = Rgb(0xDCE7FB); t.OnSelected = Rgb(0x1E3A8A);
    }
    else
    {
        t.Background = Rgb(DarkBackground); t.Panel = Rgb(0x1A2332); t.Text = Rgb(0xE5E7EB); t.TextMuted = Rgb(0xA3ACB9);
        t.Grid = Rgb(0x2B3545); t.Axis = Rgb(0x8490A4); t.Accent = Rgb(0x93C5FD); t.Ocean = Rgb(0x162032);
        t.CountryNeutral = Rgb(0x374151); t.CountryBorder = Rgb(0x111827); t.Highlight = Rgb(0xF0C05A);
        t.ErrorBg = Rgb(0x3B1219); t.ErrorText = Rgb(0xFCA5A5); t.EstimateHatch = Rgb(0x111827, 150);
        t.ControlBg = Rgb(0x1F2937); t.ControlHover = Rgb(0x283548); t.ControlActive = Rgb(0x2E3B50);
        t.ControlBorder = Rgb(0x8490A4); t.Selected = Rgb(0x1E3A5F); t.OnSelected = Rgb(0xDBEAFE);
    }
    ApplyImGuiStyle(t);
    return t;
}

void ApplyImGuiStyle(const Theme& t)
{
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();   // (ImGui's dark colours, all replaced below: StyleColorsLight is not linked)
    // Spacing on the 4 px grid of Space::*; a control is Type::Body + 2 * 5 = 25 px tall, which
    // the header and controls row are laid out around.
    style.WindowRounding = 0.0f;
    style.FrameRounding = Space::Radius;
    style.GrabRounding = Space::Radius;
    style.TabRounding = Space::Radius;
    style.ChildRounding = Space::Radius;
    style.PopupRounding = Space::Radius;
    style.ScrollbarRounding = Space::Radius;
    style.WindowBorderSize = 0.0f;
    style.FrameBorderSize = 1.0f;      // a control's extent shows by its border (3:1), not by a faint fill
    style.PopupBorderSize = 1.0f;
    style.FramePadding = ImVec2(Space::S, 5.0f);
    style.ItemSpacing = ImVec2(Space::S, 6.0f);
    style.ItemInnerSpacing = ImVec2(Space::XS + 2.0f, Space::XS);
    style.WindowPadding = ImVec2(Space::M, 10.0f);
    style.ScrollbarSize = Space::M;
    style.GrabMinSize = Space::M;
    style.CellPadding = ImVec2(6.0f, 3.0f);

    // Every colour ImGui draws text on or with is set here from the theme, so the contrast test
    // (tests/ui_test_theme.cpp) covers what is shown, not ImGui's defaults.
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = F4(t.Background);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = F4(t.Background);
    c[ImGuiCol_MenuBarBg] = F4(t.Panel);
    c[ImGuiCol_Text] = F4(t.Text);
    c[ImGuiCol_TextDisabled] = F4(t.TextMuted);
    c[ImGuiCol_TextSelectedBg] = F4(t.Selected);
    c[ImGuiCol_Border] = F4(t.ControlBorder);
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Separator] = F4(t.Grid);
    c[ImGuiCol_SeparatorHovered] = F4(t.Accent);
    c[ImGuiCol_SeparatorActive] = F4(t.Accent);
    c[ImGuiCol_FrameBg] = F4(t.ControlBg);
    c[ImGuiCol_FrameBgHovered] = F4(t.ControlHover);
    c[ImGuiCol_FrameBgActive] = F4(t.ControlActive);
    c[ImGuiCol_Button] = F4(t.ControlBg);
    c[ImGuiCol_ButtonHovered] = F4(t.ControlHover);
    c[ImGuiCol_ButtonActive] = F4(t.ControlActive);
    c[ImGuiCol_Header] = F4(t.Selected);
    c[ImGuiCol_HeaderHovered] = F4(t.ControlHover);
    c[ImGuiCol_HeaderActive] = F4(t.ControlActive);
    c[ImGuiCol_Tab] = F4(t.ControlBg);
    c[ImGuiCol_TabHovered] = F4(t.ControlHover);
    c[ImGuiCol_TabActive] = F4(t.Selected);
    c[ImGuiCol_TabUnfocused] = F4(t.ControlBg);
    c[ImGuiCol_TabUnfocusedActive] = F4(t.Selected);
    c[ImGuiCol_TitleBg] = F4(t.Panel);
    c[ImGuiCol_TitleBgActive] = F4(t.Panel);
    c[ImGuiCol_TitleBgCollapsed] = F4(t.Panel);
    c[ImGuiCol_CheckMark] = F4(t.Accent);
    c[ImGuiCol_SliderGrab] = F4(t.Accent);
    c[ImGuiCol_SliderGrabActive] = F4(t.OnSelected);
    c[ImGuiCol_ScrollbarBg] = F4(t.Panel);
    c[ImGuiCol_ScrollbarGrab] = F4(t.ControlBorder);
    c[ImGuiCol_ScrollbarGrabHovered] = F4(t.TextMuted);
    c[ImGuiCol_ScrollbarGrabActive] = F4(t.Text);
    c[ImGuiCol_ResizeGrip] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableHeaderBg] = F4(t.Panel);
    c[ImGuiCol_TableBorderStrong] = F4(t.Axis);
    c[ImGuiCol_TableBorderLight] = F4(t.Grid);
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = F4(t.Panel);
    c[ImGuiCol_NavHighlight] = F4(t.Accent);
    c[ImGuiCol_DragDropTarget] = F4(t.Accent);
    c[ImGuiCol_ResizeGripHovered] = F4(t.Accent);
    c[ImGuiCol_ResizeGripActive] = F4(t.Accent);
    c[ImGuiCol_PlotLines] = F4(t.TextMuted);
    c[ImGuiCol_PlotLinesHovered] = F4(t.Accent);
    c[ImGuiCol_PlotHistogram] = F4(t.Selected);   // the loading bar: its label is Text, as on a selection
    c[ImGuiCol_PlotHistogramHovered] = F4(t.Selected);
    c[ImGuiCol_NavWindowingHighlight] = F4(t.Accent);
    c[ImGuiCol_NavWindowingDimBg] = F4(t.Dark ? Rgb(0x000000, 90) : Rgb(0x111827, 50));
    c[ImGuiCol_ModalWindowDimBg] = F4(t.Dark ? Rgb(0x000000, 90) : Rgb(0x111827, 50));
}

// Okabe & Ito's eight colours (safe for the common colour-vision deficiencies), each moved in
// lightness so it has at least 3:1 against its theme's background while the eight stay apart
// for protan, deutan and tritan readers (the test simulates them). On white, yellow cannot reach
// 3:1 and stay yellow (it becomes an olive that protans confuse with the darkened orange), so the
// light palette has a deep indigo in its place; orange is the lightest the light theme allows,
// vermillion darker, so the two differ in lightness as well as hue.
static const uint32_t LightPalette[] = { 0x0072B2, 0xC88300, 0x008B68, 0xBD4B00, 0xC45F9A, 0x3D95CC, 0x3B2A80, 0x595959 };
static const uint32_t DarkPalette[] = { 0x3D96DB, 0xE69F00, 0x009E73, 0xE5621A, 0xCC79A7, 0x9ED8F8, 0xF0E442, 0xBBBBBB };
static_assert(sizeof(LightPalette) == sizeof(DarkPalette), "one palette size for both themes");

int PaletteSize() { return (int)(sizeof(LightPalette) / sizeof(LightPalette[0])); }

ImU32 PaletteColor(int index, bool dark)
{
    // Through a pointer: GCC 12's bounds sanitizer misreads a subscript of `cond ? array : array`
    // (it reports a random index out of bounds for a correct one).
    const uint32_t* palette = dark ? DarkPalette : LightPalette;
    const int n = PaletteSize();
    return Rgb(palette[((index % n) + n) % n]);
}

ImU32 EntityColor(uint32_t rgb, bool has_rgb, int entity_index, bool dark)
{
    if (!has_rgb)
        return PaletteColor(entity_index, dark);
    // A small margin over 3:1 so the estimate of this colour still has room to be lighter.
    return WithContrast(Rgb(rgb), Rgb(dark ? DarkBackground : LightBackground), GraphicContrast + 0.3f);
}

// --- OKLab (Björn Ottosson, 2020): lightness, chroma and hue that move as the eye sees -------

struct Lab { float L, a, b; };

static float ToLinear(unsigned v)
{
    float s = (float)v / 255.0f;
    return s <= 0.04045f ? s / 12.92f : std::pow((s + 0.055f) / 1.055f, 2.4f);
}
static unsigned FromLinear(float v)
{
    v = std::clamp(v, 0.0f, 1.0f);
    float s = v <= 0.0031308f ? 12.92f * v : 1.055f * std::pow(v, 1.0f / 2.4f) - 0.055f;
    return (unsigned)std::lround(s * 255.0f);
}

static Lab ToOklab(ImU32 c)
{
    float r = ToLinear((c >> IM_COL32_R_SHIFT) & 0xFF), g = ToLinear((c >> IM_COL32_G_SHIFT) & 0xFF), b = ToLinear((c >> IM_COL32_B_SHIFT) & 0xFF);
    float l = std::cbrt(0.4122214708f * r + 0.5363325363f * g + 0.0514459929f * b);
    float m = std::cbrt(0.2119034982f * r + 0.6806995451f * g + 0.1073969566f * b);
    float s = std::cbrt(0.0883024619f * r + 0.2817188376f * g + 0.6299787005f * b);
    return { 0.2104542553f * l + 0.7936177850f * m - 0.0040720468f * s, 1.9779984951f * l - 2.4285922050f * m + 0.4505937099f * s,
             0.0259040371f * l + 0.7827717662f * m - 0.8086757660f * s };
}

// Linear sRGB of an OKLab colour (may lie outside 0..1: out of gamut).
static void OklabToLinear(Lab c, float out[3])
{
    float l = c.L + 0.3963377774f * c.a + 0.2158037573f * c.b;
    float m = c.L - 0.1055613458f * c.a - 0.0638541728f * c.b;
    float s = c.L - 0.0894841775f * c.a - 1.2914855480f * c.b;
    l = l * l * l; m = m * m * m; s = s * s * s;
    out[0] = 4.0767416621f * l - 3.3077115913f * m + 0.2309699292f * s;
    out[1] = -1.2684380046f * l + 2.6097574011f * m - 0.3413193965f * s;
    out[2] = -0.0041960863f * l - 0.7034186147f * m + 1.7076147010f * s;
}

// The colour at this lightness and hue, with as much of its chroma as sRGB can show.
static ImU32 FromOklab(Lab c, int alpha = 255)
{
    float lin[3];
    for (int i = 0; i < 24; i++)
    {
        OklabToLinear(c, lin);
        if (lin[0] >= -1e-4f && lin[0] <= 1.0001f && lin[1] >= -1e-4f && lin[1] <= 1.0001f && lin[2] >= -1e-4f && lin[2] <= 1.0001f)
            break;
        c.a *= 0.9f;
        c.b *= 0.9f;
    }
    return IM_COL32(FromLinear(lin[0]), FromLinear(lin[1]), FromLinear(lin[2]), alpha);
}

static float Distance(Lab x, Lab y) { return std::sqrt((x.L - y.L) * (x.L - y.L) + (x.a - y.a) * (x.a - y.a) + (x.b - y.b) * (x.b - y.b)); }

static float Luminance(ImU32 c)
{
    return 0.2126f * ToLinear((c >> IM_COL32_R_SHIFT) & 0xFF) + 0.7152f * ToLinear((c >> IM_COL32_G_SHIFT) & 0xFF) +
           0.0722f * ToLinear((c >> IM_COL32_B_SHIFT) & 0xFF);
}

float ContrastRatio(ImU32 a, ImU32 b)
{
    float la = Luminance(a), lb = Luminance(b);
    return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

ImU32 Over(ImU32 top, ImU32 under)
{
    float a = (float)((top >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f;
    auto mix = [&](int shift) { return (unsigned)std::lround(((top >> shift) & 0xFF) * a + ((under >> shift) & 0xFF) * (1.0f - a)); };
    return IM_COL32(mix(IM_COL32_R_SHIFT), mix(IM_COL32_G_SHIFT), mix(IM_COL32_B_SHIFT), 255);
}

ImU32 WithContrast(ImU32 color, ImU32 background, float ratio)
{
    int alpha = (int)((color >> IM_COL32_A_SHIFT) & 0xFF);
    ImU32 opaque = color | IM_COL32_A_MASK;
    if (ContrastRatio(opaque, background) >= ratio)
        return color;
    // Away from the background: darker on a light one, lighter on a dark one. Bisect lightness
    // with the hue kept; the far end (black or white) always has the ratio for ratio <= 4.5.
    Lab c = ToOklab(opaque);
    bool light_bg = Luminance(background) > 0.18f;
    float near = c.L, far = light_bg ? 0.0f : 1.0f;
    for (int i = 0; i < 24; i++)
    {
        float mid = 0.5f * (near + far);
        if (ContrastRatio(FromOklab({ mid, c.a, c.b }), background) >= ratio)
            far = mid;
        else
            near = mid;
    }
    return FromOklab({ far, c.a, c.b }, alpha);
}

// Light: from a mid blue that already has 3:1 on white and on the ocean to a deep navy. Dark:
// from a blue with 3:1 on the dark background to a pale blue. Interpolated in OKLab, so equal
// steps in value look like equal steps in lightness.
static const uint32_t LightScale[] = { 0x4B8FC7, 0x2171B5, 0x08306B };
static const uint32_t DarkScale[] = { 0x3B7DB8, 0x6BAED6, 0xC6DBEF };

ImU32 SequentialColor(float t, bool dark)
{
    const uint32_t* stops = dark ? DarkScale : LightScale;
    t = std::clamp(std::isnan(t) ? 0.0f : t, 0.0f, 1.0f);
    float f = t * 2.0f;
    int i = std::min(1, (int)f);
    float u = f - (float)i;
    Lab a = ToOklab(Rgb(stops[i])), b = ToOklab(Rgb(stops[i + 1]));
    return FromOklab({ a.L + (b.L - a.L) * u, a.a + (b.a - a.a) * u, a.b + (b.b - a.b) * u });
}

ImU32 WithAlpha(ImU32 color, float alpha)
{
    int a = (int)(((color >> IM_COL32_A_SHIFT) & 0xFF) * std::clamp(alpha, 0.0f, 1.0f));
    return (color & ~IM_COL32_A_MASK) | ((ImU32)a << IM_COL32_A_SHIFT);
}

// Colour first; past the palette's size the same colours again with markers (circle, square,
// triangle), then all of that in the colours' next shades: 8 x 4 x 3 = 96 looks before repeating.
// The dash stays solid (see theme.h).
SeriesStyle SeriesStyleFor(int index, bool dark)
{
    SeriesStyle s;
    index = std::max(0, index);
    int round = index / PaletteSize();
    s.Marker = (SeriesMarker)(round % SeriesMarker_COUNT);
    s.Color = SeriesShade(PaletteColor(index, dark), (round / SeriesMarker_COUNT) % 3, dark);
    return s;
}

// Steps of ShadeStep in OKLab lightness (about three just-noticeable differences) away from the
// background; the steps with no room left that way go to the background's side instead, held
// above 3:1 (so a pale colour on the dark theme still gets distinct shades).
static constexpr float ShadeStep = 0.08f;

ImU32 SeriesShade(ImU32 base, int step, bool dark)
{
    if (step <= 0)
        return base;
    Lab b = ToOklab(base);
    const float away = dark ? 1.0f : -1.0f;   // the direction away from the background
    const float limit = dark ? 0.97f : 0.22f;
    int fit = (int)(std::fabs(limit - b.L) / ShadeStep + 1e-4f);   // steps with room away from the background
    float L = step <= fit ? b.L + away * ShadeStep * (float)step : b.L - away * ShadeStep * (float)(step - fit);
    ImU32 c = FromOklab({ L, b.a, b.b }, (int)((base >> IM_COL32_A_SHIFT) & 0xFF));
    return WithContrast(c, Rgb(dark ? DarkBackground : LightBackground), GraphicContrast + 0.04f);
}

// An estimate is the base colour taken toward the background (at most half way) while it keeps
// 3:1; a base with little room above 3:1 (light orange on white) is also made paler (less
// chroma at that lightness), so every estimate differs visibly from its figure: at least
// EstimateDistance in OKLab, about five just-noticeable differences.
static constexpr float EstimateDistance = 0.06f;

static ImU32 ComputeEstimateColor(ImU32 base, const Theme& theme);

// Views ask for an estimate's colour per bar, segment or line every frame; working it out takes
// a few hundred colour conversions, so the last answers are kept (a few colours per chart).
ImU32 EstimateColor(ImU32 base, const Theme& theme)
{
    struct Entry { ImU32 Base = 0, Background = 0, Result = 0; bool Used = false; };
    static Entry cache[64];
    Entry& e = cache[((base * 2654435761u) ^ theme.Background) >> 26];
    if (!e.Used || e.Base != base || e.Background != theme.Background)
        e = { base, theme.Background, ComputeEstimateColor(base, theme), true };
    return e.Result;
}

static ImU32 ComputeEstimateColor(ImU32 base, const Theme& theme)
{
    int alpha = (int)((base >> IM_COL32_A_SHIFT) & 0xFF);
    float floor = GraphicContrast + 0.04f;   // rounding to 8 bits must not take it under 3:1
    ImU32 solid = WithContrast(Over(base, theme.Background), theme.Background, floor);
    Lab b = ToOklab(solid), bg = ToOklab(theme.Background), best = b;
    for (int k = 1; k <= 50; k++)
    {
        float f = (float)k / 100.0f;
        Lab m = { b.L + (bg.L - b.L) * f, b.a + (bg.a - b.a) * f, b.b + (bg.b - b.b) * f };
        if (ContrastRatio(FromOklab(m), theme.Background) < floor)
            break;
        best = m;
    }
    Lab step1 = best;
    for (float keep = 0.95f; Distance(best, b) < EstimateDistance && keep >= 0.2f; keep -= 0.05f)
    {
        // Less chroma at one OKLab lightness can raise the WCAG luminance a little (yellows do):
        // then it is taken back to 3:1, a touch darker.
        ImU32 paler = WithContrast(FromOklab({ step1.L, step1.a * keep, step1.b * keep }), theme.Background, floor);
        best = ToOklab(paler);
    }
    return FromOklab(best, alpha);
}

} // namespace ls
