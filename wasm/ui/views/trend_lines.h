// Drawing primitives of the trend's lines (views/trend_view.cpp): the M4 reduction of a dense
// line to the points that keep its shape per pixel column, a polyline with a colour per segment
// written as one textured strip, dash patterns measured along x, point markers and bounds.
#pragma once

#include "core/dataset.h"
#include "core/view_models.h"
#include "ui/theme.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <climits>
#include <cstdint>
#include <vector>

namespace ls {
struct ViewContext;
namespace chart {

struct PixelColumn   // M4: the points of one pixel column that keep a line's shape
{
    int X = INT32_MIN;
    bool Estimate = false;
    ImVec2 First, Top, Bottom, Last;   // Top: smallest screen y (largest value)
    int Count = 0, TopAt = 0, BottomAt = 0;

    void Start(int x, bool estimate, ImVec2 p)
    {
        X = x, Estimate = estimate, First = Top = Bottom = Last = p, Count = 1, TopAt = BottomAt = 0;
    }
    void Add(ImVec2 p)
    {
        if (p.y < Top.y) Top = p, TopAt = Count;
        if (p.y > Bottom.y) Bottom = p, BottomAt = Count;
        Last = p;
        Count++;
    }
    void Emit(std::vector<ImVec2>* points, std::vector<uint8_t>* estimate) const
    {
        if (X == INT32_MIN)
            return;
        const ImVec2 order[4] = { First, TopAt < BottomAt ? Top : Bottom, TopAt < BottomAt ? Bottom : Top, Last };
        for (const ImVec2& p : order)
            if (points->empty() || points->back().x != p.x || points->back().y != p.y)
            {
                points->push_back(p);
                estimate->push_back(Estimate);
            }
    }
};

// How the line of one entity's region looks: the entity's colour (the same in every view); when
// the entity shows several regions (region_rank >= 0) a marker shape each (circle, square,
// triangle), then a shade of the colour (SeriesShade). Always solid: see StretchDash.
SeriesStyle TrendSeriesStyle(ImU32 entity_colour, int region_rank, bool dark);
// The style of each of the trend's lines (TrendSeriesStyle, regions ranked in the series' order).
std::vector<SeriesStyle> TrendStyles(const ViewContext& ctx, const std::vector<TrendSeries>& series, bool dark);
// The dash a stretch of a sparse line is drawn with: a dash means an estimate or forecast and
// nothing else (the footer's key), so reported stretches are solid whatever the series.
inline SeriesDash StretchDash(const SeriesStyle& style, bool estimate) { return estimate ? SeriesDash_Dashed : style.Dash; }

// Whether a stretch of line at x is drawn under a dash pattern (measured along x, so that the
// zigzag of a dense line's pixel columns does not scramble the pattern).
bool DashOn(SeriesDash dash, float x);

// One anti-aliased polyline with a colour per segment (seg[i]: points[i] -> points[i+1]; alpha 0
// = a gap), written as one strip (see trend_lines.cpp).
void AddColouredPolyline(ImDrawList* dl, const ImVec2* pts, const ImU32* seg, int n, float thickness);

// A point marker of the given shape, radius r; hollow = filled with the background, outlined.
void DrawMarker(ImDrawList* dl, ImVec2 p, SeriesMarker m, float r, ImU32 colour, bool filled, ImU32 background);

// A bound is not a point: an open marker with an arrow towards where the true value lies.
void DrawBoundMarker(ImDrawList* dl, ImVec2 p, Bound b, ImU32 colour, ImU32 background);

} // namespace chart
} // namespace ls
