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

} // namespace ls
