// Trend view: lines over time for the selected entities x regions of one metric. The time axis
// is continuous (fractional years), so years, quarters, months and days share one chart: each
// point sits at the middle of its period. Estimates and forecasts are lighter (EstimateColor),
// with hollow markers and dashes on lines sparse enough for markers; on dense lines (see
// DenseSpacing) by their colour alone. The data's events are markers on the time axis.
//
// Telling series apart: several entities each keep their colour (the data's, else the palette's);
// an entity shown in several regions draws each region with its own marker shape (then a shade of
// its colour, TrendSeriesStyle), so regions never differ by their labels alone; a dash is only
// ever an estimate. The colour is the entity's in every view (EntityColorFor). Labels sit in a
// gutter right of the plot, next to their line's end; those that do not fit go to a legend below
// the plot, which shows the same swatches (where each goes: trend_layout.h). Hovering a line,
// its label or its legend entry highlights it.
//
// Per frame: the layout, the lines' geometry (one retained list) and how each line looks are
// kept while the lines, the place, the size and the scale stay; a frame draws them and looks
// for the line under the pointer among the few drawn points near its x.

#include "ui/views/trend_layout.h"
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
    TrendLayout Layout;
    int LayoutBuilds = 0;      // how often Layout was worked out (the tests count them)
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
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float right = origin.x + avail.x;
    ImGui::PushFont(ctx.Fonts_.Small);
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

    // Scales, plot, labels and legend (trend_layout.h): worked out when the lines, the place, the
    // size, the font or the scale change, not in every frame.
    const bool events = ctx.TrendShowEvents;
    drawn.LayoutBuilds += LayOutTrend(ctx, log, events, origin, avail, &drawn.Layout);
    const TrendLayout& L = drawn.Layout;
    if (L.TooShort)
    {
        ReportPlot(ctx, L.Plot);   // too short to draw: the frame makes room (frame.cpp's column)
        ImGui::PopFont();
        return;
    }
    const ImRect& plot = L.Plot;
    const double x0 = L.X0, x1 = L.X1, y0 = L.Y0, y1 = L.Y1;
    const bool use_log = L.Log;
    const float lh = L.LineH, row_h = L.RowH;
    auto X = [&](double year) { return L.X(year); };
    auto Y = [&](double v) { return L.Y(v); };

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
    for (size_t k = 0; k < L.Labelled.size(); k++)
        if (hovered && L.Placed.Placed[k] && L.LabelRect[L.Labelled[k]].Contains(mouse))
            hot = L.Labelled[k];
    for (int k = 0; k < L.LegendShown; k++)
        if (hovered && L.Legend[k].Rect.Contains(mouse))
            hot = L.Legend[k].Series;
    const bool more_hovered = hovered && L.LegendMore.GetWidth() > 0.0f && L.LegendMore.Contains(mouse);

    // Grid and axes
    for (size_t t = 0; t < L.Ticks.size(); t++)
    {
        float y = Y(L.Ticks[t]);
        dl->AddLine(ImVec2(plot.Min.x, y), ImVec2(plot.Max.x, y), th.Grid);
        ImVec2 ts = ImGui::CalcTextSize(L.TickText[t].c_str());
        DrawReportedText(dl, ImVec2(plot.Min.x - ts.x - 6, y - ts.y / 2), th.TextMuted, L.TickText[t], LayoutRole_Axis);
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
    for (size_t k = 0; k < L.Labelled.size(); k++)
    {
        int i = L.Labelled[k];
        if (!L.Placed.Placed[k])
            continue;
        const ImRect& r = L.LabelRect[i];
        float cy = (r.Min.y + r.Max.y) * 0.5f;
        ImU32 c = shade(i, looks[i].Style.Color);
        if (L.Ends[i].x >= plot.Max.x - plot.GetWidth() * 0.12f && std::fabs(cy - L.Ends[i].y) > 3.0f)
            dl->AddLine(ImVec2(L.Ends[i].x + 5.0f, L.Ends[i].y), ImVec2(r.Min.x - 2.0f, cy), WithAlpha(c, 0.6f), 1.0f);
        DrawSwatch(dl, ImVec2(r.Min.x, r.Min.y), ImVec2(r.Min.x + TrendLabelMark, r.Max.y), looks[i], c, th.Background);
        DrawReportedText(dl, ImVec2(r.Min.x + TrendLabelMark + 4.0f, r.Min.y), c, series[i].Label, LayoutRole_DataLabel, hot == i);
    }
    // The legend: the lines whose labels did not fit, with the same swatches.
    for (int k = 0; k < L.LegendShown; k++)
    {
        const TrendLegendEntry& it = L.Legend[k];
        ImU32 c = shade(it.Series, looks[it.Series].Style.Color);
        DrawSwatch(dl, it.Rect.Min, ImVec2(it.Rect.Min.x + TrendSwatchW, it.Rect.Max.y), looks[it.Series], c, th.Background);
        ImVec2 tp(it.Rect.Min.x + TrendSwatchW + 6.0f, it.Rect.Min.y + (row_h - lh) * 0.5f);
        dl->AddText(tp, hot >= 0 && hot != it.Series ? WithAlpha(th.Text, 0.5f) : th.Text, it.Text.c_str());
        LayoutRecord(LayoutRole_Legend, series[it.Series].Label, ImRect(it.Rect.Min, ImVec2(it.Rect.Max.x, tp.y + lh)), hot == it.Series);
    }
    if (L.LegendMore.GetWidth() > 0.0f)
    {
        char text[32];
        std::snprintf(text, sizeof(text), "+%d more", (int)L.Legend.size() - L.LegendShown);
        ImVec2 tp(L.LegendMore.Min.x + 4.0f, L.LegendMore.Min.y + (row_h - lh) * 0.5f);
        dl->AddRect(L.LegendMore.Min, L.LegendMore.Max, more_hovered ? th.Text : th.Grid, 4.0f);
        DrawReportedText(dl, tp, th.Text, text, LayoutRole_Legend, more_hovered);
    }
    ImGui::PopFont();
    if (more_hovered)
    {
        // Every line the legend had no room for, each with its swatch.
        struct Swatches { const std::vector<TrendLook>* Looks; ImU32 Background; } swatches{ &looks, th.Panel };
        std::vector<TooltipLine> lines;
        for (int k = L.LegendShown; k < (int)L.Legend.size(); k++)
            lines.push_back({ ShapedText(series[L.Legend[k].Series].Label), TooltipLook_Plain, L.Legend[k].Series });
        DrawTooltip(ctx, lines, TrendSwatchW, [](ImDrawList* dl, ImRect r, int i, const void* user) {
            const Swatches& sw = *(const Swatches*)user;
            const TrendLook& look = (*sw.Looks)[i];
            DrawSwatch(dl, r.Min, r.Max, look, look.Style.Color, sw.Background);
        }, &swatches);
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
        std::vector<TooltipLine> lines;
        lines.push_back({ PeriodLabel(ev.Date), TooltipLook_Muted });
        lines.push_back({ ShapedText(ev.Title), TooltipLook_Plain });
        if (!ev.Detail.empty())
            lines.push_back({ ShapedText(ev.Detail), TooltipLook_Muted });
        if (ev.Source >= 0)
            lines.push_back({ std::string("Source: ") + ShapedText(ds.Sources[ev.Source].Title), TooltipLook_Muted });
        DrawTooltip(ctx, lines);
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

TrendBuildCounts TrendBuilds(const ViewContext& ctx)
{
    TrendBuildCounts counts;
    if (ctx.TrendDrawn)
        counts.Layouts = ctx.TrendDrawn->LayoutBuilds, counts.Lines = ctx.TrendDrawn->LineBuilds;
    return counts;
}

} // namespace ls
