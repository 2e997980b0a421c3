// The theme's contrast, computed from its colours in both themes (WCAG 2.1: text 4.5:1, 1.4.3;
// graphics and control boundaries 3:1, 1.4.11), and its palette's distinctness for colour-blind
// readers (Machado et al. 2009 simulation, full severity, distance in OKLab). ImGui's colours are
// read back from the style MakeTheme applied, so what is checked is what the widgets draw with.
// Every pair is checked (none stops at the first failure) and the lowest ratio of each rule is
// printed, so a change shows its margin.
#include <doctest/doctest.h>

#include "imgui.h"
#include "ui/theme.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

using namespace ls;

namespace {

ImU32 Col(ImGuiCol idx) { return ImGui::ColorConvertFloat4ToU32(ImGui::GetStyle().Colors[idx]); }

std::string Hex(ImU32 c)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X", (unsigned)(c >> IM_COL32_R_SHIFT) & 0xFF, (unsigned)(c >> IM_COL32_G_SHIFT) & 0xFF,
                  (unsigned)(c >> IM_COL32_B_SHIFT) & 0xFF);
    return buf;
}

// The check function: fg (alpha composited over bg) against bg, reported with its names when
// below the threshold. `lowest` keeps the rule's smallest ratio for the summary line.
bool Passes(const char* what, ImU32 fg, ImU32 bg, float threshold, float* lowest = nullptr)
{
    ImU32 under = Over(bg, IM_COL32(0, 0, 0, 255));   // an opaque background in any case
    float r = ContrastRatio(Over(fg, under), under);
    if (lowest)
        *lowest = std::min(*lowest, r);
    if (r + 1e-4f < threshold)
    {
        MESSAGE(std::string(what) << ": " << Hex(Over(fg, under)) << " on " << Hex(under) << " = " << r << ":1, below " << threshold << ":1");
        return false;
    }
    return true;
}

// OKLab and colour-vision-deficiency simulation, written out here (not taken from theme.cpp) so
// the test does not check the theme with its own arithmetic.
float Lin(unsigned v)
{
    float s = (float)v / 255.0f;
    return s <= 0.04045f ? s / 12.92f : std::pow((s + 0.055f) / 1.055f, 2.4f);
}
struct Ok { float L, a, b; };
Ok OklabOfLinear(float r, float g, float b)
{
    r = std::clamp(r, 0.0f, 1.0f), g = std::clamp(g, 0.0f, 1.0f), b = std::clamp(b, 0.0f, 1.0f);
    float l = std::cbrt(0.4122214708f * r + 0.5363325363f * g + 0.0514459929f * b);
    float m = std::cbrt(0.2119034982f * r + 0.6806995451f * g + 0.1073969566f * b);
    float s = std::cbrt(0.0883024619f * r + 0.2817188376f * g + 0.6299787005f * b);
    return { 0.2104542553f * l + 0.7936177850f * m - 0.0040720468f * s, 1.9779984951f * l - 2.4285922050f * m + 0.4505937099f * s,
             0.0259040371f * l + 0.7827717662f * m - 0.8086757660f * s };
}
enum Vision { Normal, Protan, Deutan, Tritan };
const char* VisionName[] = { "normal", "protan", "deutan", "tritan" };
Ok Seen(ImU32 c, Vision v)
{
    static const float M[3][3][3] = {
        { { 0.152286f, 1.052583f, -0.204868f }, { 0.114503f, 0.786281f, 0.099216f }, { -0.003882f, -0.048116f, 1.051998f } },
        { { 0.367322f, 0.860646f, -0.227968f }, { 0.280085f, 0.672501f, 0.047413f }, { -0.011820f, 0.042940f, 0.968881f } },
        { { 1.255528f, -0.076749f, -0.178779f }, { -0.078411f, 0.930809f, 0.147602f }, { 0.004733f, 0.691367f, 0.303900f } } };
    float x[3] = { Lin((c >> IM_COL32_R_SHIFT) & 0xFF), Lin((c >> IM_COL32_G_SHIFT) & 0xFF), Lin((c >> IM_COL32_B_SHIFT) & 0xFF) };
    if (v == Normal)
        return OklabOfLinear(x[0], x[1], x[2]);
    const float(*m)[3] = M[v - 1];
    return OklabOfLinear(m[0][0] * x[0] + m[0][1] * x[1] + m[0][2] * x[2], m[1][0] * x[0] + m[1][1] * x[1] + m[1][2] * x[2],
                         m[2][0] * x[0] + m[2][1] * x[1] + m[2][2] * x[2]);
}
float Dist(Ok p, Ok q) { return std::sqrt((p.L - q.L) * (p.L - q.L) + (p.a - q.a) * (p.a - q.a) + (p.b - q.b) * (p.b - q.b)); }
float Hue(Ok p) { return std::atan2(p.b, p.a); }

// Smallest distance between any two of n colours as a reader with this vision sees them.
float ClosestPair(const ImU32* colours, int n, Vision v, int* i_out = nullptr, int* j_out = nullptr)
{
    float best = 1e9f;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
        {
            float d = Dist(Seen(colours[i], v), Seen(colours[j], v));
            if (d < best)
            {
                best = d;
                if (i_out) *i_out = i, *j_out = j;
            }
        }
    return best;
}

// Colour-blind-safe enough: the palette's closest pair stays at least this far apart (OKLab;
// ~0.02 is one just-noticeable difference). Tritanopia is far rarer and Okabe-Ito's own set is
// closest there, so its floor is lower.
const float MinApart[] = { 0.08f, 0.04f, 0.04f, 0.03f };

// Colours a data file might give its entities: light, saturated, grey, near-white, near-black.
const uint32_t FileColours[] = { 0xF0E442, 0xFFFF00, 0xFFFFFF, 0x000000, 0x56B4E9, 0xE69F00, 0xFFC0CB, 0x1877F2, 0x25D366, 0xFF0050, 0x808080, 0x1A1A1A };

} // namespace

TEST_CASE("theme: the check function fails low contrast (negative controls)")
{
    CHECK_FALSE(Passes("Okabe-Ito yellow on white", IM_COL32(0xF0, 0xE4, 0x42, 255), IM_COL32(255, 255, 255, 255), GraphicContrast));
    CHECK_FALSE(Passes("Okabe-Ito orange on white", IM_COL32(0xE6, 0x9F, 0x00, 255), IM_COL32(255, 255, 255, 255), GraphicContrast));
    CHECK_FALSE(Passes("45% alpha blue on white", IM_COL32(0x00, 0x72, 0xB2, 115), IM_COL32(255, 255, 255, 255), GraphicContrast));
    CHECK(Passes("black on white", IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255), 21.0f));
    CHECK(ContrastRatio(IM_COL32(0x76, 0x76, 0x76, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(4.54f).epsilon(0.01));
    // The old palette's orange and its yellow-olive: one colour to a protan reader.
    const ImU32 old_pair[] = { IM_COL32(0xE6, 0x9F, 0x00, 255), IM_COL32(0xB8, 0xA1, 0x00, 255) };
    CHECK(ClosestPair(old_pair, 2, Protan) < MinApart[Protan]);
}

TEST_CASE("theme: text 4.5:1 and graphics 3:1, light and dark")
{
    ImGui::CreateContext();
    for (bool dark : { false, true })
    {
        CAPTURE(dark);
        Theme t = MakeTheme(dark);
        float text = 21, graphic = 21, estimate = 21, scale = 21, file = 21;

        // The theme's own text colours.
        for (ImU32 bg : { t.Background, t.Panel })
        {
            CHECK(Passes("Text", t.Text, bg, TextContrast, &text));
            CHECK(Passes("TextMuted", t.TextMuted, bg, TextContrast, &text));
            CHECK(Passes("Accent (links)", t.Accent, bg, TextContrast, &text));
            CHECK(Passes("Highlight (quality notes)", t.Highlight, bg, TextContrast, &text));
        }
        CHECK(Passes("ErrorText on ErrorBg", t.ErrorText, t.ErrorBg, TextContrast, &text));
        CHECK(Passes("OnSelected on Selected", t.OnSelected, t.Selected, TextContrast, &text));
        CHECK(Passes("Text on Selected", t.Text, t.Selected, TextContrast, &text));
        CHECK(Passes("Text on ControlBg", t.Text, t.ControlBg, TextContrast, &text));

        // ImGui's text on every fill it draws text on (translucent fills over the window).
        const ImU32 window = Col(ImGuiCol_WindowBg);
        const ImGuiCol fills[] = { ImGuiCol_WindowBg, ImGuiCol_PopupBg, ImGuiCol_MenuBarBg, ImGuiCol_FrameBg, ImGuiCol_FrameBgHovered,
                                   ImGuiCol_FrameBgActive, ImGuiCol_Button, ImGuiCol_ButtonHovered, ImGuiCol_ButtonActive, ImGuiCol_Header,
                                   ImGuiCol_HeaderHovered, ImGuiCol_HeaderActive, ImGuiCol_Tab, ImGuiCol_TabHovered, ImGuiCol_TabActive,
                                   ImGuiCol_TabUnfocused, ImGuiCol_TabUnfocusedActive, ImGuiCol_TitleBg, ImGuiCol_TitleBgActive,
                                   ImGuiCol_TableHeaderBg, ImGuiCol_TableRowBg, ImGuiCol_TableRowBgAlt, ImGuiCol_TextSelectedBg,
                                   ImGuiCol_PlotHistogram };   // the loading bar's fill, under its label
        for (ImGuiCol f : fills)
        {
            std::string name = std::string("ImGui text on ") + ImGui::GetStyleColorName(f);
            ImU32 under = Over(Col(f), window);
            CHECK(Passes(name.c_str(), Col(ImGuiCol_Text), under, TextContrast, &text));
            name = std::string("ImGui disabled/hint text on ") + ImGui::GetStyleColorName(f);
            CHECK(Passes(name.c_str(), Col(ImGuiCol_TextDisabled), under, TextContrast, &text));
        }

        // Graphics against the background charts are drawn on, and controls' parts against the
        // fills they sit on.
        CHECK(Passes("Axis", t.Axis, t.Background, GraphicContrast, &graphic));
        CHECK(Passes("ControlBorder on Background", t.ControlBorder, t.Background, GraphicContrast, &graphic));
        CHECK(Passes("ControlBorder on Panel", t.ControlBorder, t.Panel, GraphicContrast, &graphic));
        for (ImGuiCol f : { ImGuiCol_FrameBg, ImGuiCol_FrameBgHovered, ImGuiCol_FrameBgActive, ImGuiCol_Button, ImGuiCol_ButtonHovered })
            CHECK(Passes("ImGui Border on a control fill", Col(ImGuiCol_Border), Over(Col(f), window), GraphicContrast, &graphic));
        for (ImGuiCol f : { ImGuiCol_FrameBg, ImGuiCol_FrameBgHovered, ImGuiCol_FrameBgActive })
        {
            CHECK(Passes("CheckMark on a frame", Col(ImGuiCol_CheckMark), Over(Col(f), window), GraphicContrast, &graphic));
            CHECK(Passes("SliderGrab on a frame", Col(ImGuiCol_SliderGrab), Over(Col(f), window), GraphicContrast, &graphic));
            CHECK(Passes("SliderGrabActive on a frame", Col(ImGuiCol_SliderGrabActive), Over(Col(f), window), GraphicContrast, &graphic));
        }
        CHECK(Passes("ScrollbarGrab", Col(ImGuiCol_ScrollbarGrab), Over(Col(ImGuiCol_ScrollbarBg), window), GraphicContrast, &graphic));
        CHECK(Passes("NavHighlight (focus ring)", Col(ImGuiCol_NavHighlight), window, GraphicContrast, &graphic));
        CHECK(Passes("Selected segment's border", t.ControlBorder, t.Selected, GraphicContrast, &graphic));

        // The palette, its second round and the estimates of each.
        for (int i = 0; i < PaletteSize() * 2; i++)
        {
            CAPTURE(i);
            SeriesStyle s = SeriesStyleFor(i, dark);
            CHECK(Passes("palette colour", s.Color, t.Background, GraphicContrast, &graphic));
            ImU32 est = EstimateColor(s.Color, t);
            CHECK(Passes("estimate colour", est, t.Background, GraphicContrast, &estimate));
            // Visibly different from the figure, and on the background's side of it (lighter on
            // light, darker on dark) or paler.
            Ok b = Seen(s.Color, Normal), e = Seen(est, Normal);
            CHECK(Dist(b, e) >= 0.05f);
            CHECK(ContrastRatio(est, t.Background) <= ContrastRatio(s.Color, t.Background) + 0.01f);
            CHECK(std::hypot(e.a, e.b) <= std::hypot(b.a, b.b) + 0.02f);   // (mixing toward a tinted background adds a little)
        }

        // Data colours from a file: adjusted to 3:1 with their hue kept; their estimates too.
        for (uint32_t rgb : FileColours)
        {
            CAPTURE(rgb);
            ImU32 given = IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, 255);
            ImU32 c = EntityColor(rgb, true, 0, dark);
            CHECK(Passes("file colour", c, t.Background, GraphicContrast, &file));
            CHECK(Passes("file colour's estimate", EstimateColor(c, t), t.Background, GraphicContrast, &file));
            Ok a = Seen(given, Normal), b = Seen(c, Normal);
            if (std::hypot(a.a, a.b) > 0.05f && std::hypot(b.a, b.b) > 0.03f)   // a hue to keep
                CHECK(std::fabs(std::remainder(Hue(a) - Hue(b), 6.2831853f)) < 0.25f);
            if (ContrastRatio(given, t.Background) >= GraphicContrast + 0.3f)
                CHECK(c == given);                                               // a good colour is left alone
        }

        // The map's scale: every fill against the background, the ocean and the country borders.
        for (int k = 0; k <= 32; k++)
        {
            ImU32 fill = SequentialColor(k / 32.0f, dark);
            CHECK(Passes("map fill on Background", fill, t.Background, GraphicContrast, &scale));
            CHECK(Passes("map fill on Ocean", fill, t.Ocean, GraphicContrast, &scale));
            CHECK(Passes("CountryBorder on a map fill", t.CountryBorder, fill, GraphicContrast, &scale));
            if (k > 0)   // ordered: larger values further from the background
                CHECK(ContrastRatio(fill, t.Background) >= ContrastRatio(SequentialColor((k - 1) / 32.0f, dark), t.Background) - 1e-3f);
        }
        CHECK(ContrastRatio(SequentialColor(1.0f, dark), SequentialColor(0.0f, dark)) >= 2.5f);   // a usable range

        MESSAGE(std::string(dark ? "dark" : "light") << " lowest ratios: text " << text << ", graphics " << graphic << ", estimates " << estimate
                                          << ", file colours " << file << ", map scale " << scale);
    }
    ImGui::DestroyContext();
}

TEST_CASE("theme: the palette stays apart for colour-blind readers; series past it differ by marker, then shade, never by dash")
{
    ImGui::CreateContext();
    for (bool dark : { false, true })
    {
        CAPTURE(dark);
        ImU32 pal[16];
        int n = std::min(PaletteSize(), 16);
        REQUIRE(n >= 6);
        for (int i = 0; i < n; i++)
            pal[i] = PaletteColor(i, dark);
        for (Vision v : { Normal, Protan, Deutan, Tritan })
        {
            int a = -1, b = -1;
            float d = ClosestPair(pal, n, v, &a, &b);
            MESSAGE(std::string(dark ? "dark " : "light ") << std::string(VisionName[v]) << ": closest pair " << a << "," << b << " at " << d);
            CHECK(d >= MinApart[v]);
        }
        // Past the palette: same colour with a marker; after the markers, another shade. Never a
        // dash (a dash means an estimate), and every shade keeps 3:1.
        CHECK(SeriesStyleFor(0, dark).Marker == SeriesMarker_None);
        SeriesStyle again = SeriesStyleFor(n, dark);
        CHECK(again.Color == SeriesStyleFor(0, dark).Color);
        CHECK(again.Marker != SeriesMarker_None);
        const int looks = n * SeriesMarker_COUNT * 3;
        const ImU32 background = MakeTheme(dark).Background;
        for (int i = 0; i < looks; i++)   // no two alike in 96
        {
            CAPTURE(i);
            SeriesStyle p = SeriesStyleFor(i, dark);
            CHECK(p.Dash == SeriesDash_Solid);
            CHECK(ContrastRatio(p.Color, background) >= GraphicContrast);
            for (int j = i + 1; j < looks; j++)
            {
                SeriesStyle q = SeriesStyleFor(j, dark);
                if (p.Color == q.Color && p.Marker == q.Marker)
                    FAIL_CHECK("series " << i << " and " << j << " look alike");
            }
        }
        // A colour's shades differ visibly from it and from each other (the trend's regions of one
        // platform past the three marker shapes), the data's colours included.
        for (int i = 0; i < n; i++)
        {
            CAPTURE(i);
            ImU32 base = PaletteColor(i, dark);
            ImU32 s[4] = { base, SeriesShade(base, 1, dark), SeriesShade(base, 2, dark), SeriesShade(base, 3, dark) };
            for (int a = 0; a < 4; a++)
            {
                CHECK(ContrastRatio(s[a], background) >= GraphicContrast);
                for (int b = a + 1; b < 4; b++)
                {
                    CAPTURE(a);
                    CAPTURE(b);
                    CHECK(Dist(Seen(s[a], Normal), Seen(s[b], Normal)) >= 0.05f);
                }
            }
        }
    }
    ImGui::DestroyContext();
}
