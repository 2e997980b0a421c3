// Colours: light and dark themes, the colour-blind-safe palette, and the sequential scale the
// map uses. An entity keeps one colour everywhere: the data's `color` when given, else a palette
// entry chosen by its index.
#pragma once
#include "imgui.h"
#include <cstdint>

namespace ls {

struct Theme
{
    bool   Dark = false;
    ImU32  Background, Panel, Text, TextMuted, Grid, Axis, Accent, Ocean, CountryNeutral, CountryBorder,
           Highlight, ErrorBg, ErrorText, EstimateHatch;
};

Theme MakeTheme(bool dark);                       // also applies ImGui's style colours for that theme
void  ApplyImGuiStyle(const Theme& theme);        // sizes and colours of ImGui widgets
ImU32 PaletteColor(int index, bool dark);         // Okabe-Ito based, distinguishable with colour-blindness
ImU32 EntityColor(uint32_t rgb, bool has_rgb, int entity_index, bool dark);
ImU32 SequentialColor(float t, bool dark);        // 0..1 on a perceptually ordered blue scale (map fill)
ImU32 WithAlpha(ImU32 color, float alpha);        // same colour, alpha scaled

// How the n-th series of a chart is told apart: palette colours first; past the palette's size a
// second channel (dash pattern, marker) so no two series shown look alike.
enum SeriesDash { SeriesDash_Solid, SeriesDash_Dashed, SeriesDash_Dotted, SeriesDash_COUNT };
enum SeriesMarker { SeriesMarker_None, SeriesMarker_Circle, SeriesMarker_Square, SeriesMarker_Triangle, SeriesMarker_COUNT };
struct SeriesStyle
{
    ImU32        Color;
    SeriesDash   Dash = SeriesDash_Solid;
    SeriesMarker Marker = SeriesMarker_None;
};
int         PaletteSize();
SeriesStyle SeriesStyleFor(int index, bool dark);
// The colour an estimate or forecast of `base` is drawn in: lighter than a reported figure yet
// still at least 3:1 against the theme's background.
ImU32 EstimateColor(ImU32 base, const Theme& theme);
float ContrastRatio(ImU32 a, ImU32 b);            // WCAG 2 contrast ratio of two opaque colours (1..21)

} // namespace ls
