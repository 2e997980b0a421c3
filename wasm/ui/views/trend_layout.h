// The trend chart's layout (views/trend_view.cpp draws it): the time and value scales with their
// ticks, the plot's rectangle, and where each line is named: a label in the gutter right of the
// plot, next to its line's end (placed by core/label_placement.h), or an entry in the legend below
// it. Labels that do not fit (too wide for the gutter, too many, or too far from their line) go to
// the legend; the legend takes what the plot can spare and lists the rest under "+N more".
//
// Worked out once per selection, place, size, font and scale, and kept (TrendLayout::Key): tick
// texts, a dozen names measured and cut to fit, and the labels' placement were a tenth of a
// trend frame, the same in every frame while the pointer moves.
#pragma once

#include "core/label_placement.h"
#include "core/view_models.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace ls {
struct ViewContext;

constexpr float TrendSwatchW = 22.0f;     // legend swatch: a short stretch of line with its marker
constexpr float TrendLabelMark = 18.0f;   // direct label: its line's swatch before the text

struct TrendLegendEntry
{
    int Series = -1;
    std::string Text;            // shaped, cut to fit a row
    ImRect Rect;                 // swatch and text
};

struct TrendLayout
{
    uint64_t Key = 0;
    bool Valid = false;

    // Scales: years across; values up (powers of ten on a log scale).
    double X0 = 0.0, X1 = 1.0, Y0 = 0.0, Y1 = 1.0;
    bool Log = false;
    std::vector<double> Ticks;                // values with a grid line and a label
    std::vector<std::string> TickText;
    float LineH = 0.0f, RowH = 0.0f;          // the small font's size; a legend row
    ImRect Plot;
    bool TooShort = false;                    // no room to draw: the frame makes room (ReportPlot)

    // Names. Labelled: the lines with a label in the gutter, in PlaceLabels' input order
    // (Placed.Placed[k] false: it did not fit after all and is in the legend).
    std::vector<int> Labelled;
    LabelLayout Placed;
    std::vector<float> LabelNeed;             // per line: the gutter's width its label takes
    std::vector<ImRect> LabelRect;            // per line: its label in the gutter (empty if none)
    std::vector<ImVec2> Ends;                 // per line: its last point on screen
    std::vector<TrendLegendEntry> Legend;     // the lines named in the legend, in series order
    int LegendShown = 0;                      // the first LegendShown entries are drawn...
    ImRect LegendMore;                        // ...the rest listed by "+N more" (empty: none)

    float X(double year) const { return (float)(Plot.Min.x + (year - X0) / (X1 - X0) * Plot.GetWidth()); }
    float Y(double v) const
    {
        double t = Log ? (std::log10(std::max(v, Y0)) - std::log10(Y0)) / (std::log10(Y1) - std::log10(Y0)) : (v - Y0) / (Y1 - Y0);
        return (float)(Plot.Max.y - t * Plot.GetHeight());
    }
};

// Lays out ctx.Trend's lines in the rectangle at origin of size avail, measured in the current
// font (the small one), unless *layout already holds that layout. Returns whether it was worked
// out anew.
bool LayOutTrend(const ViewContext& ctx, bool log, bool events, ImVec2 origin, ImVec2 avail, TrendLayout* layout);

// How often the trend view has worked out its layout and built its lines' geometry (trend_view.cpp
// keeps both): the tests check that neither happens again while only the pointer moves.
struct TrendBuildCounts
{
    int Layouts = 0, Lines = 0;
};
TrendBuildCounts TrendBuilds(const ViewContext& ctx);

} // namespace ls
