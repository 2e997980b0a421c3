// Colours: light and dark themes, the colour-blind-safe palette, and the sequential scale the
// map uses. An entity keeps one colour everywhere: the data's `color` when given, else a palette
// entry chosen by its index.
//
// Contrast rules (WCAG 2.1, 1.4.3 and 1.4.11), checked from these colours by
// tests/ui_test_theme.cpp in both themes:
// - text >= 4.5:1: Text, TextMuted, Accent and Highlight (both used as text) on Background and
//   Panel, ErrorText on ErrorBg, OnSelected on Selected, and ImGui's text on every fill it draws
//   text on (buttons, frames, tabs, headers, popups, table rows, selected text);
// - graphics >= 3:1 against Background (charts are drawn on it): palette colours, estimates,
//   data colours from files (adjusted), the axis, control borders, check marks, slider grabs,
//   scrollbar grabs, the focus ring; every fill of the map's sequential scale against Background,
//   Ocean and CountryBorder (so a region's outline shows between any two data fills).
// Exempt on purpose: Grid (a reading aid, not information), CountryNeutral ("no data" is told by
// having no data colour and by the legend's text) and EstimateHatch (a second cue on top of the
// estimate colour, which meets 3:1 itself).
#pragma once
#include "imgui.h"
#include <cstdint>

namespace ls {

struct Theme
{
    bool   Dark = false;
    ImU32  Background, Panel, Text, TextMuted, Grid, Axis, Accent, Ocean, CountryNeutral, CountryBorder,
           Highlight, ErrorBg, ErrorText, EstimateHatch;
    // Custom-drawn and ImGui controls: fill, hover and pressed fills, a border that shows the
    // control's extent (>= 3:1), the fill of a chosen option (segmented tab, selected item) and
    // the text drawn on it.
    ImU32  ControlBg, ControlHover, ControlActive, ControlBorder, Selected, OnSelected;
};

// Type scale (CSS px; the fonts are built at these sizes, see ui/fonts.h) and spacing: a 4 px
// grid. Use these rather than literals so views line up with each other.
namespace Type {
constexpr float Small = 12.5f;      // axis ticks, footnotes, legend values
constexpr float Body = 15.0f;       // everything else
constexpr float Title = 19.0f;      // the data's title
constexpr float LineGap = 1.35f;    // a text line's height as a multiple of its size
} // namespace Type
namespace Space {
constexpr float XS = 4.0f;          // inside a control: icon to label
constexpr float S = 8.0f;           // between related items (a control and its label, chips)
constexpr float M = 12.0f;          // between groups in a row; the window's side padding
constexpr float L = 16.0f;          // between a chart and its legend or notes
constexpr float XL = 24.0f;         // between sections
constexpr float Radius = 6.0f;      // controls' corner radius (pills use half their height)
} // namespace Space

// The thresholds the theme is built to (and tested against).
constexpr float TextContrast = 4.5f;
constexpr float GraphicContrast = 3.0f;

Theme MakeTheme(bool dark);                       // also applies ImGui's style colours for that theme
void  ApplyImGuiStyle(const Theme& theme);        // sizes and colours of ImGui widgets
ImU32 PaletteColor(int index, bool dark);         // Okabe-Ito based, distinguishable with colour-blindness
// The data's colour when given (moved in lightness, hue kept, until it has 3:1 against the
// theme's background), else the palette's.
ImU32 EntityColor(uint32_t rgb, bool has_rgb, int entity_index, bool dark);
// 0..1 on a blue scale even in lightness (OKLab), larger values further from the background;
// every fill has 3:1 against Background and Ocean, so "no data" (CountryNeutral) stays paper-like.
ImU32 SequentialColor(float t, bool dark);
ImU32 WithAlpha(ImU32 color, float alpha);        // same colour, alpha scaled

// How the n-th series of a chart is told apart: palette colours first; past the palette's size a
// marker, then a shade of the colour (SeriesShade), so no two series shown look alike. Never a
// dash: a dashed line means an estimate or forecast (the footer says so), so a series' style is
// always solid and only the estimate stretches of a line are dashed.
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
// The step-th shade of a reported series' colour (0 = itself): further from the background (darker
// on light, lighter on dark) so it keeps 3:1 and is never mistaken for the lighter estimate; where
// the colour has no room left that way, on the background's side but still above 3:1.
ImU32 SeriesShade(ImU32 base, int step, bool dark);
// The colour an estimate or forecast of `base` is drawn in: lighter than a reported figure yet
// still at least 3:1 against the theme's background.
ImU32 EstimateColor(ImU32 base, const Theme& theme);
float ContrastRatio(ImU32 a, ImU32 b);            // WCAG 2 contrast ratio of two opaque colours (1..21)
ImU32 Over(ImU32 top, ImU32 under);               // top (with its alpha) composited over an opaque colour
// `color` moved in lightness (hue kept, chroma only as far as sRGB needs) until it has at least
// `ratio` against the opaque `background`; unchanged when it already has.
ImU32 WithContrast(ImU32 color, ImU32 background, float ratio);

} // namespace ls
