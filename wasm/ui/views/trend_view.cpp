// Trend view: lines over time for the selected entities x regions of one metric. The time axis
// is continuous (fractional years), so years, quarters, months and days share one chart: each
// point sits at the middle of its period. Estimates and forecasts are lighter (EstimateColor),
// with hollow markers and dashes on lines sparse enough for markers; on dense lines (see
// DenseSpacing) by their colour alone. The data's events are markers on the time axis.
//
// Telling series apart: several entities each keep their colour (the data's, else the palette's);
// an entity shown in several regions draws each region with its own marker shape (then a shade of
// its colour, TrendSeriesStyle), so regions never differ by their labels alone; a dash is only
// ever an estimate. The colour is the entity's in every view (EntityColorFor). Labels sit in a gutter right of the plot, placed by
// core/label_placement.h next to their line's end; those that do not fit (too wide for the
// gutter, too many, or too far from their line) go to a legend below the plot, which shows the
// same swatches. Hovering a line, its label or its legend entry highlights it.

#include "core/label_placement.h"
#include "ui/views/trend_lines.h"
#include "ui/views/view_layout.h"
#include "ui/controls.h"
#include "ui/layout_report.h"
#include "ui/shaping.h"
#include "ui/views/views.h"
#include "ui/app.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace ls {

// The lines of the selection come from the core's trend model (one granularity, see
// core/trend_model.cpp); recomputed only after a state change.
void UpdateTrendModel(ViewContext& ctx)
{
    if (!ctx.TrendDirty)
        return;
    ctx.TrendDirty = false;
    ctx.TrendGeneration++;
    ctx.Trend = BuildTrendModel(*ctx.Data, ctx.Query);
}

// How one line looks.
struct TrendLook
{
    SeriesStyle Style;           // Style.Color: reported figures
    ImU32 Estimate = 0;          // estimates and forecasts
    bool Dense = false;          // see DenseSpacing
};

// Where one line's geometry lies in the list of every line: its vertices and indices.
struct LineRange
{
    int Vtx0 = 0, Vtx1 = 0, Idx0 = 0, Idx1 = 0;
};

// What stays from frame to frame while the lines, the plot and the scale do: every line's
// geometry in one list (one draw for all of them: a list per line cost the renderer a dozen
// buffer binds and draws in every frame the picture changed, as it does in each frame the
// pointer moves over the lines), where each line lies in it, the highlighted line's copy to
// draw again on top, and the lines' drawn points in screen pixels, sorted by x (hover looks at
// the few near the pointer instead of projecting every observation each frame).
struct TrendDrawing
{
    RetainedGeometry Lines;
    const ImDrawList* LinesList = nullptr;   // Lines' list, as its last build returned it
    std::vector<LineRange> Ranges;
    RetainedGeometry Hot;      // Ranges[hot] of Lines, copied when another line is highlighted
    int LineBuilds = 0;        // how often Lines was built (the tests count them)
    std::vector<std::vector<ImVec2>> Points;
    RetainedGeometry Events;   // the event markers and their dashed lines (a hundred dashes a line)
    // How each line looks, worked out once per selection and theme (the theme's colour
    // arithmetic, contrast searches included, is too slow for every frame).
    uint64_t LooksKey = 0;
    std::vector<TrendLook> Looks;
};

using namespace chart;

namespace {

// A line with more points than the plot has room for (closer than DenseSpacing pixels on
// average; a million observations make thousands per line): no point markers, and per pixel
// column only the first, lowest, highest and last point, so the shape survives and the vertex
// count follows the plot's width, not the data's size. Short lines keep markers and dashes.
constexpr float DenseSpacing = 6.0f;
constexpr float LineWidth = 2.0f;
constexpr float MarkerEvery = 56.0f;      // px between shape markers on a dense line
constexpr float SwatchW = 22.0f;          // legend swatch: a short stretch of line with its marker
constexpr float LabelMark = 18.0f;        // direct label: its line's swatch before the text

// The marker a sparse line draws at each point (every point has one: filled = reported).
SeriesMarker PointMarker(const TrendLook& look) { return look.Style.Marker == SeriesMarker_None ? SeriesMarker_Circle : look.Style.Marker; }

// A short stretch of the series' line with its marker: the legend's and the labels' key.
void DrawSwatch(ImDrawList* dl, ImVec2 a, ImVec2 b, const TrendLook& look, ImU32 colour, ImU32 background)
{
    const float y = std::floor((a.y + b.y) * 0.5f) + 0.5f;
    if (look.Style.Dash == SeriesDash_Solid)
        dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), colour, LineWidth);
    else
        DrawDashedLine(dl, ImVec2(a.x, y), ImVec2(b.x, y), colour, LineWidth, look.Style.Dash == SeriesDash_Dashed ? 5.0f : 2.0f,
                       look.Style.Dash == SeriesDash_Dashed ? 3.0f : 2.0f);
    if (!look.Dense || look.Style.Marker != SeriesMarker_None)
        DrawMarker(dl, ImVec2((a.x + b.x) * 0.5f, y), PointMarker(look), 3.5f, colour, true, background);
}

// How each line looks (see the top of the file).
std::vector<TrendLook> TrendLooks(const ViewContext& ctx, const std::vector<TrendSeries>& series, const Theme& th)
{
    // An entity's colour is the one every view gives it (EntityColorFor: keyed by the entity, not
    // by its place in the selection); its regions differ by marker shape, then by shade. Never by
    // dash: a dashed stretch means an estimate or forecast.
    std::vector<TrendLook> looks(series.size());
    std::vector<SeriesStyle> styles = TrendStyles(ctx, series, th.Dark);
    for (size_t i = 0; i < series.size(); i++)
    {
        TrendLook& look = looks[i];
        look.Style = styles[i];
        look.Estimate = EstimateColor(look.Style.Color, th);
    }
    return looks;
}

// About `count` round tick values covering [lo, hi].
std::vector<double> NiceTicks(double lo, double hi, int count)
{
    std::vector<double> ticks;
    if (!(hi > lo))
        return ticks;
    double raw = (hi - lo) / std::max(1, count);
    double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag * (raw / mag < 1.5 ? 1 : raw / mag < 3 ? 2 : raw / mag < 7 ? 5 : 10);
    for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-6; v += step)
        ticks.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
    return ticks;
}

// The longest prefix of shaped text (whole code points: a shaped run is one) that fits max_w with "...".
std::string Ellipsize(const char* text, float max_w)
{
    if (HasStandIns(text))
        return EllipsizeShaped(ImGui::GetFont(), ImGui::GetFontSize(), text, max_w, "...");   // a shaped run cannot be cut inside
    if (ImGui::CalcTextSize(text).x <= max_w)
        return text;
    float room = max_w - ImGui::CalcTextSize("...").x;
    const char* end = text;
    for (const char* p = text; *p;)
    {
        unsigned int c = 0;
        int n = ImTextCharFromUtf8(&c, p, nullptr);
        if (n <= 0 || ImGui::CalcTextSize(text, p + n).x > room)
            break;
        p += n;
        end = p;
    }
    return std::string(text, end) + "...";
}

// A line's name within max_w (shaped): whole when it fits, else the entity's part is cut first,
// since the region is what tells an entity's lines apart ("Rakuten Vib... · North America").
std::string FitName(const Dataset& ds, const TrendSeries& s, float max_w)
{
    const char* whole = ShapedText(s.Label);
    if (ImGui::CalcTextSize(whole).x <= max_w || s.Entity < 0 || s.Region < 0)
        return Ellipsize(whole, max_w);
    std::string region = std::string(" \xC2\xB7 ") + ShapedText(ds.Regions[s.Region].Name);
    float region_w = ImGui::CalcTextSize(region.c_str()).x;
    if (region_w > max_w * 0.6f)
    {
        region = Ellipsize(region.c_str(), max_w * 0.6f);
        region_w = ImGui::CalcTextSize(region.c_str()).x;
    }
    return Ellipsize(ShapedText(ds.Entities[s.Entity].Name), max_w - region_w) + region;
}

// One line's geometry out of the list of every line (LineRange), as it would have been drawn
// into a list of its own: the same vertices, indices counted from its first.
void CopyRange(const ImDrawList* all, const LineRange& r, ImDrawList* out)
{
    const int vertices = r.Vtx1 - r.Vtx0, indices = r.Idx1 - r.Idx0;
    if (!all || indices <= 0)
        return;
    out->PrimReserve(indices, vertices);
    const ImDrawIdx base = (ImDrawIdx)out->_VtxCurrentIdx;
    std::memcpy(out->_VtxWritePtr, all->VtxBuffer.Data + r.Vtx0, (size_t)vertices * sizeof(ImDrawVert));
    for (int i = 0; i < indices; i++)
        out->_IdxWritePtr[i] = (ImDrawIdx)(all->IdxBuffer.Data[r.Idx0 + i] - r.Vtx0 + base);
    out->_VtxWritePtr += vertices;
    out->_IdxWritePtr += indices;
    out->_VtxCurrentIdx += (unsigned int)vertices;
}

// Squared distance from p to the segment ab.
float SegmentDistance2(ImVec2 p, ImVec2 a, ImVec2 b)
{
    float dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
    float t = l2 > 0.0f ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0.0f, 1.0f) : 0.0f;
    float ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return ex * ex + ey * ey;
}

struct LegendItem
{
    int Series;
    std::string Text;            // shaped, cut to fit a row
    ImRect Rect;                 // swatch and text
};

// Places the legend's entries in rows that wrap within [x0, x1) from y0, at most max_rows of
// them; entries past those become one "+N more" entry (its tooltip lists them). Returns the
// height; *shown: how many entries are drawn, *more: the "+N more" entry (empty when none).
float LayoutLegend(const Dataset& ds, std::vector<LegendItem>* items, const std::vector<TrendSeries>& series, float x0, float x1, float y0,
                   float row_h, int max_rows, int* shown, ImRect* more)
{
    const float gap = 16.0f, inner = 6.0f;
    float x = x0;
    int row = 0;
    *shown = 0;
    *more = ImRect();
    for (LegendItem& it : *items)
    {
        it.Text = FitName(ds, series[it.Series], std::max(10.0f, x1 - x0 - SwatchW - inner));
        float w = SwatchW + inner + ImGui::CalcTextSize(it.Text.c_str()).x;
        if (x > x0 && x + w > x1)
            x = x0, row++;
        if (row >= max_rows)
            break;
        it.Rect = ImRect(ImVec2(x, y0 + row * row_h), ImVec2(x + w, y0 + (row + 1) * row_h));
        x += w + gap;
        (*shown)++;
    }
    if (*shown < (int)items->size())
    {
        // Room for "+N more" after the last entry shown, giving up entries until it fits.
        for (;;)
        {
            char text[32];
            std::snprintf(text, sizeof(text), "+%d more", (int)items->size() - *shown);
            float w = ImGui::CalcTextSize(text).x + 8.0f;
            float mx = *shown > 0 ? (*items)[*shown - 1].Rect.Max.x + gap : x0;
            float my = *shown > 0 ? (*items)[*shown - 1].Rect.Min.y : y0;
            if (mx + w > x1 && *shown > 0 && my + row_h < y0 + max_rows * row_h - 0.5f)
                mx = x0, my += row_h;   // a row is left: it goes there
            if (mx + w <= x1 || *shown == 0)
            {
                *more = ImRect(ImVec2(mx, my), ImVec2(std::min(mx + w, x1), my + row_h));
                row = (int)std::lround((my - y0) / row_h);
                break;
            }
            (*shown)--;
        }
    }
    return *shown == 0 && more->GetWidth() <= 0.0f ? 0.0f : (row + 1) * row_h;
}

} // namespace

void DrawTrendView(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    UpdateTrendModel(ctx);
    const std::vector<TrendSeries>& series = ctx.Trend.Series;
    bool log = ctx.Edit.Scale == ScaleKind_Log;
    if (Toggle(th, "##trend-log", "Log scale", &log))
    {
        ctx.Edit.Scale = log ? ScaleKind_Log : ScaleKind_Linear;
        ctx.CommitState();
    }
    // The second toggle goes beside the first where it fits (always, but for the narrowest phones).
    if (ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x - ImGui::GetStyle().ItemSpacing.x * 2.0f >= ToggleWidth("Events"))
        ImGui::SameLine(0.0f, ImGui::GetStyle().ItemSpacing.x * 2.0f);
    Toggle(th, "##trend-events", "Events", &ctx.TrendShowEvents);
    DrawNotes(ctx, ctx.Trend.Notes);
    if (series.empty())
    {
        ImGui::TextWrapped("No series for this selection: choose platforms and regions that have figures for this metric.");
        LayoutRecordLastItem(LayoutRole_Label, "No series for this selection: choose platforms and regions that have figures for this metric.");
        return;
    }

    const int metric = ctx.Sel.Metric;
    const int n = (int)series.size();

    // Ranges
    double x0 = ctx.Trend.X0, x1 = ctx.Trend.X1, y0 = ctx.Trend.Y0, y1 = ctx.Trend.Y1, ypos = ctx.Trend.YPositive;
    if (x1 - x0 < 1.0) { double mid = (x0 + x1) / 2; x0 = mid - 0.5; x1 = mid + 0.5; }
    bool use_log = log && ypos < 1e300 && y1 > 0;
    if (!use_log)
    {
        y0 = std::min(0.0, y0);
        y1 = y1 <= y0 ? y0 + 1 : y1 * 1.08;
    }
    else
    {
        y0 = std::pow(10.0, std::floor(std::log10(ypos)));
        y1 = std::pow(10.0, std::ceil(std::log10(y1 * 1.01)));
    }
    std::vector<double> yt;
    if (use_log)
        for (double v = y0; v <= y1 * 1.0001; v *= 10) yt.push_back(v);
    else
        yt = NiceTicks(y0, y1, 5);

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float right = origin.x + avail.x;
    ImGui::PushFont(ctx.Fonts_.Small);
    const float lh = ImGui::GetFontSize();
    const float row_h = std::floor(lh * 1.35f);
    if (!ctx.TrendDrawn)
        ctx.TrendDrawn = std::make_shared<TrendDrawing>();
    TrendDrawing& drawn = *ctx.TrendDrawn;
    const uint64_t looks_key = GeometryKey().Add(ctx.TrendGeneration).Add((uint64_t)th.Dark).Add((uint64_t)th.Background).Hash;
    if (drawn.LooksKey != looks_key || drawn.Looks.size() != series.size())
    {
        drawn.Looks = TrendLooks(ctx, series, th);
        drawn.LooksKey = looks_key;
    }
    std::vector<TrendLook>& looks = drawn.Looks;

    // Left: the widest tick label. Right: a gutter for the labels that fit within a share of the
    // width (measured shaped text); the rest go to the legend.
    std::vector<std::string> tick_text;
    float tick_w = 0.0f;
    for (double v : yt)
    {
        tick_text.push_back(FormatValue(ds, metric, v));
        tick_w = std::max(tick_w, ImGui::CalcTextSize(tick_text.back().c_str()).x);
    }
    const float cap = avail.x * (avail.x < 600.0f ? 0.30f : 0.26f);
    std::vector<float> label_need(n);
    std::vector<bool> direct(n);
    for (int i = 0; i < n; i++)
    {
        label_need[i] = 6.0f + LabelMark + 4.0f + ImGui::CalcTextSize(ShapedText(series[i].Label)).x + 4.0f;
        direct[i] = label_need[i] <= cap;
    }
    const bool events = ctx.TrendShowEvents;
    const float top = origin.y + row_h + 2.0f;                    // the unit above the plot
    const float band = row_h + 4.0f + (events ? 14.0f : 0.0f);    // year labels and the event markers below it

    // The plot's size depends on the legend's and the gutter's, and which labels fit depends on
    // the plot: settle in rounds, each moving at least one label to the legend (so at most n+1).
    ImRect plot;
    std::vector<LegendItem> legend;
    int legend_shown = 0;
    ImRect legend_more;
    LabelLayout placed;
    std::vector<int> placed_series;
    std::vector<ImVec2> ends(n);
    auto X = [&](double year) { return (float)(plot.Min.x + (year - x0) / (x1 - x0) * plot.GetWidth()); };
    auto Y = [&](double v) {
        double t = use_log ? (std::log10(std::max(v, y0)) - std::log10(y0)) / (std::log10(y1) - std::log10(y0)) : (v - y0) / (y1 - y0);
        return (float)(plot.Max.y - t * plot.GetHeight());
    };
    for (;;)
    {
        float gutter = 16.0f;   // room for the last year label's overhang and the end markers
        legend.clear();
        for (int i = 0; i < n; i++)
            if (direct[i])
                gutter = std::max(gutter, label_need[i]);
            else
                legend.push_back({ i, {}, {} });
        // The legend takes what the plot can spare above its least height (a phone's canvas
        // is short); entries past that are listed by the "+N more" entry's tooltip.
        const float min_plot = std::min(120.0f, avail.y * 0.45f);
        int max_rows = std::max(1, (int)((avail.y - (top - origin.y) - band - min_plot - 6.0f) / row_h));
        float legend_h = LayoutLegend(ds, &legend, series, origin.x, right, 0.0f, row_h, max_rows, &legend_shown, &legend_more);
        plot = ImRect(ImVec2(origin.x + tick_w + 8.0f, top + lh * 0.5f),
                      ImVec2(right - gutter, origin.y + avail.y - band - (legend_h > 0 ? legend_h + 6.0f : 0.0f)));
        for (LegendItem& it : legend)
            it.Rect.Translate(ImVec2(0.0f, plot.Max.y + band + 6.0f));
        legend_more.Translate(ImVec2(0.0f, plot.Max.y + band + 6.0f));
        if (plot.GetWidth() < 60 || plot.GetHeight() < 50)
        {
            ReportPlot(ctx, plot);   // too short to draw: the frame makes room (frame.cpp's column)
            ImGui::PopFont();
            return;
        }
        std::vector<LabelSpan> spans;
        placed_series.clear();
        for (int i = 0; i < n; i++)
        {
            const TrendSeries& s = series[i];
            ends[i] = ImVec2(X(s.Years.back()), Y(ds.Observations.Values[s.Rows.back()]));
            if (!direct[i])
                continue;
            // Labels of lines reaching the right edge matter most (they sit next to their line).
            int priority = (ends[i].x >= plot.Max.x - plot.GetWidth() * 0.12f ? 1000 : 0) - i;
            spans.push_back({ ends[i].y, row_h - 1.0f, priority });
            placed_series.push_back(i);
        }
        placed = PlaceLabels(spans, top, plot.Max.y + 2.0f, 1.0f, std::max(3.0f * row_h, plot.GetHeight() * 0.3f));
        if (placed.ToLegend.empty())
            break;
        for (int k : placed.ToLegend)
            direct[placed_series[k]] = false;
    }

    for (int si = 0; si < n; si++)
        looks[si].Dense = plot.GetWidth() / (float)series[si].Rows.size() < DenseSpacing;
    ReportPlot(ctx, plot);
    ImGui::InvisibleButton("trend-plot", avail);
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImRect lines_clip(ImVec2(plot.Min.x - 6, plot.Min.y - 6), ImVec2(plot.Max.x + 6, plot.Max.y + 6));

    // The lines: retained geometry, rebuilt only when the lines, the plot or the scale change.
    GeometryKey key = GeometryKey().Add(ctx.TrendGeneration).Add(plot.Min).Add(plot.Max).Add(x0).Add(x1).Add(y0).Add(y1)
                          .Add((uint64_t)use_log).Add((uint64_t)th.Dark).Add((uint64_t)th.Background).Add((uint64_t)n);
    if (ImDrawList* out = drawn.Lines.Rebuild(key))
    {
        drawn.LineBuilds++;
        drawn.LinesList = out;
        drawn.Ranges.assign(n, {});
        drawn.Points.assign(n, {});
        std::vector<ImVec2> pts;
        std::vector<uint8_t> est;
        std::vector<ImU32> seg;
        for (int si = 0; si < n; si++)
        {
            const TrendSeries& s = series[si];
            TrendLook& look = looks[si];
            drawn.Ranges[si].Vtx0 = out->VtxBuffer.Size, drawn.Ranges[si].Idx0 = out->IdxBuffer.Size;
            const ImU32 colour = look.Style.Color;
            std::vector<ImVec2>& points = drawn.Points[si];
            if (look.Dense)
            {
                pts.clear(), est.clear();
                PixelColumn column;
                for (size_t i = 0; i < s.Rows.size(); i++)
                {
                    uint32_t row = s.Rows[i];
                    ImVec2 p(X(s.Years[i]), Y(ds.Observations.Values[row]));
                    bool e = ds.Observations.Confidences[row] != Confidence_Reported;
                    int px = (int)std::floor(p.x);
                    if (px == column.X && e == column.Estimate)
                        column.Add(p);
                    else
                    {
                        column.Emit(&pts, &est);
                        column.Start(px, e, p);
                    }
                }
                column.Emit(&pts, &est);
                // A segment takes the look of the point it leads to (a stretch of estimates
                // begins where the reported line left off).
                seg.resize(pts.size());
                for (size_t i = 0; i + 1 < pts.size(); i++)
                    seg[i] = DashOn(look.Style.Dash, (pts[i].x + pts[i + 1].x) * 0.5f) ? (est[i + 1] ? look.Estimate : colour) : 0;
                AddColouredPolyline(out, pts.data(), seg.data(), (int)pts.size(), LineWidth);
                if (look.Style.Marker != SeriesMarker_None)   // the shape that tells this region from its siblings
                    for (float mx = plot.Min.x + 8.0f + std::fmod(si * 19.0f, MarkerEvery); mx <= plot.Max.x; mx += MarkerEvery)
                    {
                        auto it = std::lower_bound(pts.begin(), pts.end(), mx, [](const ImVec2& p, float x) { return p.x < x; });
                        if (it == pts.end())
                            break;
                        if (it->x - mx < MarkerEvery * 0.5f)
                            DrawMarker(out, *it, look.Style.Marker, 3.5f, est[it - pts.begin()] ? look.Estimate : colour, true, th.Background);
                    }
                points = pts;
            }
            else
            {
                points.resize(s.Rows.size());
                for (size_t i = 0; i < s.Rows.size(); i++)
                    points[i] = ImVec2(X(s.Years[i]), Y(ds.Observations.Values[s.Rows[i]]));
                for (size_t i = 1; i < s.Rows.size(); i++)
                {
                    bool e = ds.Observations.Confidences[s.Rows[i]] != Confidence_Reported ||
                             ds.Observations.Confidences[s.Rows[i - 1]] != Confidence_Reported;
                    SeriesDash dash = StretchDash(look.Style, e);
                    ImU32 c = e ? look.Estimate : colour;
                    if (dash == SeriesDash_Solid)
                        out->AddLine(points[i - 1], points[i], c, LineWidth);
                    else
                        DrawDashedLine(out, points[i - 1], points[i], c, LineWidth, dash == SeriesDash_Dashed ? 6.0f : 2.0f, dash == SeriesDash_Dashed ? 4.0f : 3.0f);
                }
                for (size_t i = 0; i < s.Rows.size(); i++)
                {
                    uint32_t row = s.Rows[i];
                    Bound bound = ds.Observations.BoundAt(row);
                    bool e = ds.Observations.Confidences[row] != Confidence_Reported;
                    if (bound != Bound_None)
                        DrawBoundMarker(out, points[i], bound, e ? look.Estimate : colour, th.Background);
                    else
                        DrawMarker(out, points[i], PointMarker(look), e ? 4.0f : 3.5f, e ? look.Estimate : colour, !e, th.Background);
                }
            }
            drawn.Ranges[si].Vtx1 = out->VtxBuffer.Size, drawn.Ranges[si].Idx1 = out->IdxBuffer.Size;
        }
    }
    // Hover: the line nearest the pointer (within a few pixels of its drawn segments), and the
    // nearest point for the tooltip; both look only at the points near the pointer's x.
    int hot = -1, hover_row = -1, hover_series = -1;
    const bool in_plot = hovered && lines_clip.Contains(mouse);
    if (in_plot)
    {
        float best_line = 7.0f * 7.0f, best_point = 14.0f * 14.0f;
        for (int si = 0; si < n; si++)
        {
            const std::vector<ImVec2>& pts = drawn.Points[si];
            auto lo = std::lower_bound(pts.begin(), pts.end(), mouse.x - 14.0f, [](const ImVec2& p, float x) { return p.x < x; });
            if (lo != pts.begin())
                --lo;
            for (auto it = lo; it != pts.end() && it->x <= mouse.x + 14.0f; ++it)
                if (it + 1 != pts.end())
                {
                    float d = SegmentDistance2(mouse, *it, *(it + 1));
                    if (d < best_line)
                        best_line = d, hot = si;
                }
            const TrendSeries& s = series[si];
            // Points by their years: the observations between the years under mouse.x -+ 14 px
            // (on a dense line, -+ 2 px: there is a point in nearly every column).
            float reach = looks[si].Dense ? 2.0f : 14.0f;
            double ya = x0 + (mouse.x - reach - plot.Min.x) / plot.GetWidth() * (x1 - x0);
            double yb = x0 + (mouse.x + reach - plot.Min.x) / plot.GetWidth() * (x1 - x0);
            for (size_t i = std::lower_bound(s.Years.begin(), s.Years.end(), ya) - s.Years.begin(); i < s.Years.size() && s.Years[i] <= yb; i++)
            {
                ImVec2 p(X(s.Years[i]), Y(ds.Observations.Values[s.Rows[i]]));
                float d = (mouse.x - p.x) * (mouse.x - p.x) + (mouse.y - p.y) * (mouse.y - p.y);
                if (d < best_point)
                    best_point = d, hover_row = (int)s.Rows[i], hover_series = si;
            }
        }
        if (hot < 0 && hover_series >= 0)
            hot = hover_series;
    }
    // Labels and legend entries highlight their line too.
    std::vector<ImRect> label_rect(n);
    for (size_t k = 0; k < placed_series.size(); k++)
    {
        int i = placed_series[k];
        if (!placed.Placed[k])
            continue;
        float y = placed.Pos[k] - lh * 0.5f;
        label_rect[i] = ImRect(ImVec2(plot.Max.x + 6.0f, y), ImVec2(plot.Max.x + label_need[i] - 4.0f, y + lh));
        if (hovered && label_rect[i].Contains(mouse))
            hot = i;
    }
    for (int k = 0; k < legend_shown; k++)
        if (hovered && legend[k].Rect.Contains(mouse))
            hot = legend[k].Series;
    const bool more_hovered = hovered && legend_more.GetWidth() > 0.0f && legend_more.Contains(mouse);

    // Grid and axes
    for (size_t t = 0; t < yt.size(); t++)
    {
        float y = Y(yt[t]);
        dl->AddLine(ImVec2(plot.Min.x, y), ImVec2(plot.Max.x, y), th.Grid);
        ImVec2 ts = ImGui::CalcTextSize(tick_text[t].c_str());
        DrawReportedText(dl, ImVec2(plot.Min.x - ts.x - 6, y - ts.y / 2), th.TextMuted, tick_text[t], LayoutRole_Axis);
    }
    int year_step = std::max(1, (int)std::ceil((x1 - x0) / std::max(1.0f, plot.GetWidth() / 64.0f)));
    float last_year_right = -FLT_MAX;
    for (int year = (int)std::ceil(x0); year <= (int)std::floor(x1); year += year_step)
    {
        float x = X(year);
        dl->AddLine(ImVec2(x, plot.Min.y), ImVec2(x, plot.Max.y), th.Grid);
        char buf[16];
        std::snprintf(buf, sizeof(buf), "%d", year);
        float w = ImGui::CalcTextSize(buf).x;
        float lx = std::clamp(x - w * 0.5f, plot.Min.x, right - w);
        if (lx < last_year_right + 6.0f)
            continue;
        DrawReportedText(dl, ImVec2(lx, plot.Max.y + 3), th.TextMuted, buf, LayoutRole_Axis);
        last_year_right = lx + w;
    }
    dl->AddLine(ImVec2(plot.Min.x, plot.Max.y), ImVec2(plot.Max.x, plot.Max.y), th.Axis);
    std::string unit = ds.Metrics[metric].Unit + (use_log ? " (log scale)" : "");
    DrawReportedText(dl, ImVec2(origin.x, origin.y), th.TextMuted, unit, LayoutRole_Axis);

    // Lines; a highlighted one is drawn again over the others, which a veil of the background dims.
    dl->PushClipRect(lines_clip.Min, lines_clip.Max, true);
    drawn.Lines.AppendTo(dl);
    if (hot >= 0)
    {
        dl->AddRectFilled(lines_clip.Min, lines_clip.Max, WithAlpha(th.Background, 0.72f));
        if (ImDrawList* copy = drawn.Hot.Rebuild(GeometryKey(key).Add((uint64_t)hot)))
            CopyRange(drawn.LinesList, drawn.Ranges[hot], copy);
        drawn.Hot.AppendTo(dl);
    }
    if (hover_row >= 0 && looks[hover_series].Dense)   // dense lines have no point markers: show the hovered point
    {
        bool e = ds.Observations.Confidences[hover_row] != Confidence_Reported;
        dl->AddCircleFilled(ImVec2(X(PeriodMidYear(ds.Observations.Periods[hover_row])), Y(ds.Observations.Values[hover_row])), 4.0f,
                            e ? looks[hover_series].Estimate : looks[hover_series].Style.Color);
    }
    dl->PopClipRect();

    // Direct labels in the gutter: the line's marker, then its name, a leader from the line's end
    // when the label had to move away from it.
    auto shade = [&](int i, ImU32 c) { return hot >= 0 && hot != i ? WithAlpha(c, 0.4f) : c; };
    for (size_t k = 0; k < placed_series.size(); k++)
    {
        int i = placed_series[k];
        if (!placed.Placed[k])
            continue;
        const ImRect& r = label_rect[i];
        float cy = (r.Min.y + r.Max.y) * 0.5f;
        ImU32 c = shade(i, looks[i].Style.Color);
        if (ends[i].x >= plot.Max.x - plot.GetWidth() * 0.12f && std::fabs(cy - ends[i].y) > 3.0f)
            dl->AddLine(ImVec2(ends[i].x + 5.0f, ends[i].y), ImVec2(r.Min.x - 2.0f, cy), WithAlpha(c, 0.6f), 1.0f);
        DrawSwatch(dl, ImVec2(r.Min.x, r.Min.y), ImVec2(r.Min.x + LabelMark, r.Max.y), looks[i], c, th.Background);
        DrawReportedText(dl, ImVec2(r.Min.x + LabelMark + 4.0f, r.Min.y), c, series[i].Label, LayoutRole_DataLabel, hot == i);
    }
    // The legend: the lines whose labels did not fit, with the same swatches.
    for (int k = 0; k < legend_shown; k++)
    {
        const LegendItem& it = legend[k];
        ImU32 c = shade(it.Series, looks[it.Series].Style.Color);
        DrawSwatch(dl, it.Rect.Min, ImVec2(it.Rect.Min.x + SwatchW, it.Rect.Max.y), looks[it.Series], c, th.Background);
        ImVec2 tp(it.Rect.Min.x + SwatchW + 6.0f, it.Rect.Min.y + (row_h - lh) * 0.5f);
        dl->AddText(tp, hot >= 0 && hot != it.Series ? WithAlpha(th.Text, 0.5f) : th.Text, it.Text.c_str());
        LayoutRecord(LayoutRole_Legend, series[it.Series].Label, ImRect(it.Rect.Min, ImVec2(it.Rect.Max.x, tp.y + lh)), hot == it.Series);
    }
    if (legend_more.GetWidth() > 0.0f)
    {
        char text[32];
        std::snprintf(text, sizeof(text), "+%d more", (int)legend.size() - legend_shown);
        ImVec2 tp(legend_more.Min.x + 4.0f, legend_more.Min.y + (row_h - lh) * 0.5f);
        dl->AddRect(legend_more.Min, legend_more.Max, more_hovered ? th.Text : th.Grid, 4.0f);
        DrawReportedText(dl, tp, th.Text, text, LayoutRole_Legend, more_hovered);
    }
    ImGui::PopFont();
    if (more_hovered)
    {
        // Every line the legend had no room for, each with its swatch.
        ImGui::BeginTooltip();
        for (int k = legend_shown; k < (int)legend.size(); k++)
        {
            int i = legend[k].Series;
            ImVec2 p = ImGui::GetCursorScreenPos();
            float h = ImGui::GetTextLineHeight();
            DrawSwatch(ImGui::GetWindowDrawList(), p, ImVec2(p.x + SwatchW, p.y + h), looks[i], looks[i].Style.Color, th.Panel);
            ImGui::Dummy(ImVec2(SwatchW, h));
            ImGui::SameLine();
            ImGui::TextUnformatted(ShapedText(series[i].Label));
        }
        ImGui::EndTooltip();
    }

    // Events on the time axis
    // (retained: drawn again only when the lines' key or the row's height changes).
    int hover_event = -1;
    ImDrawList* events_out = events ? drawn.Events.Rebuild(GeometryKey(key).Add((double)row_h).Add((uint64_t)(uintptr_t)&ds)) : nullptr;
    if (events)
        for (int i = 0; i < (int)ds.Events.size(); i++)
        {
            const Event& ev = ds.Events[i];
            double year = PeriodStartYear(ev.Date);
            if (year < x0 || year > x1)
                continue;
            float x = X(year);
            float y = plot.Max.y + row_h + 10.0f;
            if (events_out)
            {
                bool related = ev.Entities.empty();
                for (int e : ev.Entities)
                    related |= std::find(ctx.Sel.Entities.begin(), ctx.Sel.Entities.end(), e) != ctx.Sel.Entities.end();
                ImU32 col = related ? th.Highlight : WithAlpha(th.Axis, 0.7f);
                events_out->AddTriangleFilled(ImVec2(x, y - 6), ImVec2(x - 5, y + 3), ImVec2(x + 5, y + 3), col);
                if (related)
                    DrawDashedLine(events_out, ImVec2(x, plot.Min.y), ImVec2(x, plot.Max.y), WithAlpha(th.Highlight, 0.5f), 1.0f, 3.0f, 3.0f);
            }
            if (hovered && std::fabs(mouse.x - x) < 6 && std::fabs(mouse.y - y) < 9)
                hover_event = i;
        }
    if (events)
        drawn.Events.AppendTo(dl);

    if (hover_event >= 0)
    {
        const Event& ev = ds.Events[hover_event];
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
        ImGui::TextDisabled("%s", PeriodLabel(ev.Date).c_str());
        ImGui::TextUnformatted(ShapedText(ev.Title));
        if (!ev.Detail.empty())
            ImGui::TextDisabled("%s", ShapedText(ev.Detail));
        if (ev.Source >= 0)
            ImGui::TextDisabled("Source: %s", ShapedText(ds.Sources[ev.Source].Title));
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    else if (hover_row >= 0)
    {
        // By the hovered point, not the pointer: the picture stays the same while it is hovered.
        {
            TooltipAnchor anchor(ImVec2(X(PeriodMidYear(ds.Observations.Periods[hover_row])), Y(ds.Observations.Values[hover_row])));
            ObservationTooltip(ctx, (uint32_t)hover_row);
        }
        if (ImGui::IsItemClicked())
            Emit(ctx, "select", SelectEventJson(ctx, (uint32_t)hover_row));
    }
}

} // namespace ls
