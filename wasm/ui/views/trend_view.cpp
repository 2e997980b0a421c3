// Trend view: lines over time for the selected entities x regions of one metric. The time axis
// is continuous (fractional years), so years, quarters, months and days share one chart: each
// point sits at the middle of its period. Estimates and forecasts are dashed with hollow markers
// (lighter and thinner on lines too dense for markers, see DenseSpacing); the data's events are
// markers on the time axis.

#include "ui/views/views.h"
#include "ui/app.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>

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

// One entity: colour by region; several: each entity keeps its colour.
static ImU32 TrendLineColour(const ViewContext& ctx, const TrendSeries& line, int index)
{
    return ctx.Sel.Entities.size() == 1 ? PaletteColor(index, ctx.Theme_->Dark) : EntityColorFor(ctx, line.Entity);
}

// A bound is not a point: an open marker with an arrow towards where the true value lies.
static void DrawBoundMarker(ImDrawList* dl, ImVec2 p, Bound b, ImU32 colour, ImU32 background)
{
    float dir = b == Bound_Lower ? -1.0f : 1.0f;   // screen y grows downwards
    ImVec2 tip(p.x, p.y + dir * 13.0f);
    dl->AddLine(ImVec2(p.x, p.y + dir * 5.0f), tip, colour, 1.5f);
    dl->AddTriangleFilled(tip, ImVec2(tip.x - 4.0f, tip.y - dir * 5.0f), ImVec2(tip.x + 4.0f, tip.y - dir * 5.0f), colour);
    dl->AddCircleFilled(p, 4.5f, background);
    dl->AddCircle(p, 4.5f, colour, 0, 2.0f);
}

// A line with more points than the plot has room for (closer than DenseSpacing pixels on
// average; a million observations make thousands per line): no markers, and per pixel column
// only the first, lowest, highest and last point, so the shape survives and the vertex count
// follows the plot's width, not the data's size. Estimates keep their look as lighter, thinner
// runs. Short lines keep markers and dashes.
static constexpr float DenseSpacing = 6.0f;

struct DenseRun
{
    ImDrawList* Draw;
    ImU32 Colour;
    std::vector<ImVec2> Points;
    bool Estimate = false;
    void Flush()
    {
        if (Points.size() >= 2)
            Draw->AddPolyline(Points.data(), (int)Points.size(), Estimate ? WithAlpha(Colour, 0.45f) : Colour, ImDrawFlags_None, Estimate ? 1.5f : 2.0f);
        if (!Points.empty())
            Points.erase(Points.begin(), Points.end() - 1);   // the next run starts where this one ended
    }
};

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
    void Emit(DenseRun* run) const
    {
        if (X == INT32_MIN)
            return;
        const ImVec2 order[4] = { First, TopAt < BottomAt ? Top : Bottom, TopAt < BottomAt ? Bottom : Top, Last };
        for (const ImVec2& p : order)
            if (run->Points.empty() || run->Points.back().x != p.x || run->Points.back().y != p.y)
                run->Points.push_back(p);
    }
};

// About `count` round tick values covering [lo, hi].
static std::vector<double> NiceTicks(double lo, double hi, int count)
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

void DrawTrendView(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    UpdateTrendModel(ctx);
    const std::vector<TrendSeries>& series = ctx.Trend.Series;
    bool log = ctx.Edit.Scale == ScaleKind_Log;
    if (ImGui::Checkbox("Log scale", &log))
    {
        ctx.Edit.Scale = log ? ScaleKind_Log : ScaleKind_Linear;
        ctx.CommitState();
    }
    ImGui::SameLine();
    ImGui::Checkbox("Events", &ctx.TrendShowEvents);
    DrawNotes(ctx, ctx.Trend.Notes);
    if (series.empty())
    {
        ImGui::TextWrapped("No series for this selection: choose platforms and regions that have figures for this metric.");
        return;
    }

    const int metric = ctx.Sel.Metric;

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

    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    float label_w = 150.0f;
    ImRect plot(ImVec2(origin.x + 64.0f, origin.y + 8.0f), ImVec2(origin.x + avail.x - label_w, origin.y + avail.y - 40.0f));
    if (plot.GetWidth() < 100 || plot.GetHeight() < 60)
        return;
    ImGui::InvisibleButton("trend-plot", avail);
    bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto X = [&](double year) { return (float)(plot.Min.x + (year - x0) / (x1 - x0) * plot.GetWidth()); };
    auto Y = [&](double v) {
        double t = use_log ? (std::log10(std::max(v, y0)) - std::log10(y0)) / (std::log10(y1) - std::log10(y0)) : (v - y0) / (y1 - y0);
        return (float)(plot.Max.y - t * plot.GetHeight());
    };

    // Grid and axes
    ImGui::PushFont(ctx.Fonts_.Small);
    std::vector<double> yt;
    if (use_log)
        for (double v = y0; v <= y1 * 1.0001; v *= 10) yt.push_back(v);
    else
        yt = NiceTicks(y0, y1, 5);
    for (double v : yt)
    {
        float y = Y(v);
        dl->AddLine(ImVec2(plot.Min.x, y), ImVec2(plot.Max.x, y), th.Grid);
        std::string s = FormatValue(ds, metric, v);
        ImVec2 ts = ImGui::CalcTextSize(s.c_str());
        dl->AddText(ImVec2(plot.Min.x - ts.x - 6, y - ts.y / 2), th.TextMuted, s.c_str());
    }
    int year_step = std::max(1, (int)std::ceil((x1 - x0) / std::max(1.0f, plot.GetWidth() / 70.0f)));
    for (int year = (int)std::ceil(x0); year <= (int)std::floor(x1); year += year_step)
    {
        float x = X(year);
        dl->AddLine(ImVec2(x, plot.Min.y), ImVec2(x, plot.Max.y), th.Grid);
        char buf[8];
        std::snprintf(buf, sizeof(buf), "%d", year);
        dl->AddText(ImVec2(x + 3, plot.Max.y + 3), th.TextMuted, buf);
    }
    dl->AddLine(ImVec2(plot.Min.x, plot.Max.y), ImVec2(plot.Max.x, plot.Max.y), th.Axis);
    std::string unit = ds.Metrics[metric].Unit + (use_log ? " (log scale)" : "");
    dl->AddText(ImVec2(origin.x, origin.y - 2), th.TextMuted, unit.c_str());
    ImGui::PopFont();

    // Lines
    ImGuiIO& io = ImGui::GetIO();
    int hover_row = -1;
    float best = 14.0f * 14.0f;
    dl->PushClipRect(ImVec2(plot.Min.x - 6, plot.Min.y - 6), ImVec2(plot.Max.x + label_w, plot.Max.y + 6), true);
    struct EndLabel { ImVec2 Pos; ImU32 Color; std::string Text; };
    std::vector<EndLabel> labels;
    // The lines are retained geometry: rebuilt only when the lines, the plot or the scale change;
    // this loop still runs every frame for hover and the labels' positions, drawing nothing then.
    ImU32 hover_marker_colour = 0;
    ImDrawList* lines = ctx.TrendGeometry.Rebuild(GeometryKey().Add(ctx.TrendGeneration).Add(plot.Min).Add(plot.Max).Add(x0).Add(x1)
                                                  .Add(y0).Add(y1).Add((uint64_t)use_log).Add((uint64_t)th.Dark));
    for (size_t si = 0; si < series.size(); si++)
    {
        const TrendSeries& s = series[si];
        const ImU32 colour = TrendLineColour(ctx, s, (int)si);
        const bool dense = plot.GetWidth() / (float)s.Rows.size() < DenseSpacing;
        DenseRun run{ lines, colour, {} };
        PixelColumn column;
        ImVec2 prev;
        bool prev_est = false;
        for (size_t i = 0; i < s.Rows.size(); i++)
        {
            uint32_t row = s.Rows[i];
            ImVec2 p(X(s.Years[i]), Y(ds.Observations.Values[row]));
            bool est = ds.Observations.Confidences[row] != Confidence_Reported;
            if (!lines)
            {
                // geometry retained: nothing to draw
            }
            else if (dense)
            {
                int px = (int)std::floor(p.x);
                if (px == column.X && est == column.Estimate)
                    column.Add(p);
                else
                {
                    column.Emit(&run);
                    if (est != run.Estimate)
                    {
                        run.Flush();
                        run.Estimate = est;
                    }
                    column.Start(px, est, p);
                }
            }
            else
            {
                if (i > 0)
                {
                    if (est || prev_est)
                        DrawDashedLine(lines, prev, p, colour, 2.0f);
                    else
                        lines->AddLine(prev, p, colour, 2.0f);
                }
                Bound bound = ds.Observations.BoundAt(row);
                if (bound != Bound_None)
                    DrawBoundMarker(lines, p, bound, colour, th.Background);
                else if (est)
                {
                    lines->AddCircleFilled(p, 4.0f, th.Background);
                    lines->AddCircle(p, 4.0f, colour, 0, 1.5f);
                }
                else
                    lines->AddCircleFilled(p, 3.5f, colour);
            }
            float d = (io.MousePos.x - p.x) * (io.MousePos.x - p.x) + (io.MousePos.y - p.y) * (io.MousePos.y - p.y);
            if (hovered && d < best)
            {
                best = d;
                hover_row = (int)row;
                hover_marker_colour = 0;
            }
            prev = p;
            prev_est = est;
        }
        if (dense && lines)
        {
            column.Emit(&run);
            run.Flush();
        }
        if (hover_row >= 0 && dense && ds.Observations.Entities[hover_row] == s.Entity && ds.Observations.Regions[hover_row] == s.Region)
            hover_marker_colour = colour;   // dense lines have no markers: show the hovered point
        labels.push_back({ prev, colour, s.Label });
    }
    ctx.TrendGeometry.AppendTo(dl);
    if (hover_row >= 0 && hover_marker_colour != 0)
        dl->AddCircleFilled(ImVec2(X(PeriodMidYear(ds.Observations.Periods[hover_row])), Y(ds.Observations.Values[hover_row])), 4.0f, hover_marker_colour);
    // Labels at the lines' ends, pushed apart vertically so that lines ending close together
    // stay readable.
    ImGui::PushFont(ctx.Fonts_.Small);
    float lh = ImGui::GetFontSize() + 1.0f;
    std::sort(labels.begin(), labels.end(), [](const EndLabel& a, const EndLabel& b) { return a.Pos.y < b.Pos.y; });
    for (size_t i = 1; i < labels.size(); i++)
        for (size_t j = 0; j < i; j++)   // every label above that could overlap, not just the previous one
            if (std::fabs(labels[i].Pos.x - labels[j].Pos.x) < 120.0f && labels[i].Pos.y < labels[j].Pos.y + lh)
                labels[i].Pos.y = labels[j].Pos.y + lh;
    // Labels pushed below the plot go back up, the stack above them with them.
    for (size_t i = labels.size(); i-- > 0;)
    {
        labels[i].Pos.y = std::min(labels[i].Pos.y, plot.Max.y - lh * 0.5f);
        for (size_t j = i + 1; j < labels.size(); j++)
            if (std::fabs(labels[i].Pos.x - labels[j].Pos.x) < 120.0f && labels[i].Pos.y > labels[j].Pos.y - lh)
                labels[i].Pos.y = labels[j].Pos.y - lh;
    }
    for (const EndLabel& l : labels)
        dl->AddText(ImVec2(l.Pos.x + 7, l.Pos.y - lh * 0.5f), l.Color, l.Text.c_str());
    ImGui::PopFont();
    dl->PopClipRect();

    // Events on the time axis
    int hover_event = -1;
    if (ctx.TrendShowEvents)
        for (int i = 0; i < (int)ds.Events.size(); i++)
        {
            const Event& ev = ds.Events[i];
            double year = PeriodStartYear(ev.Date);
            if (year < x0 || year > x1)
                continue;
            bool related = ev.Entities.empty();
            for (int e : ev.Entities)
                related |= std::find(ctx.Sel.Entities.begin(), ctx.Sel.Entities.end(), e) != ctx.Sel.Entities.end();
            float x = X(year);
            ImU32 col = related ? th.Highlight : WithAlpha(th.Axis, 0.7f);
            float y = plot.Max.y + 22.0f;
            dl->AddTriangleFilled(ImVec2(x, y - 6), ImVec2(x - 5, y + 3), ImVec2(x + 5, y + 3), col);
            if (related)
                DrawDashedLine(dl, ImVec2(x, plot.Min.y), ImVec2(x, plot.Max.y), WithAlpha(th.Highlight, 0.5f), 1.0f, 3.0f, 3.0f);
            if (hovered && std::fabs(io.MousePos.x - x) < 6 && std::fabs(io.MousePos.y - y) < 9)
                hover_event = i;
        }

    if (hover_event >= 0)
    {
        const Event& ev = ds.Events[hover_event];
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
        ImGui::TextDisabled("%s", PeriodLabel(ev.Date).c_str());
        ImGui::TextUnformatted(ev.Title.c_str());
        if (!ev.Detail.empty())
            ImGui::TextDisabled("%s", ev.Detail.c_str());
        if (ev.Source >= 0)
            ImGui::TextDisabled("Source: %s", ds.Sources[ev.Source].Title.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    else if (hover_row >= 0)
    {
        ObservationTooltip(ctx, (uint32_t)hover_row);
        if (ImGui::IsItemClicked())
            Emit(ctx, "select", SelectEventJson(ctx, (uint32_t)hover_row));
    }
}

} // namespace ls
