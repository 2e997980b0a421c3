// The trend chart's layout: see trend_layout.h.
#include "ui/views/trend_layout.h"

#include "ui/shaping.h"
#include "ui/views/views.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ls {

namespace {

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

// Places the legend's entries in rows that wrap within [x0, x1) from y0, at most max_rows of
// them; entries past those become one "+N more" entry (its tooltip lists them). Returns the
// height; *shown: how many entries are drawn, *more: the "+N more" entry (empty when none).
float LayoutLegend(const Dataset& ds, std::vector<TrendLegendEntry>* items, const std::vector<TrendSeries>& series, float x0, float x1, float y0,
                   float row_h, int max_rows, int* shown, ImRect* more)
{
    const float gap = 16.0f, inner = 6.0f;
    float x = x0;
    int row = 0;
    *shown = 0;
    *more = ImRect();
    for (TrendLegendEntry& it : *items)
    {
        it.Text = FitName(ds, series[it.Series], std::max(10.0f, x1 - x0 - TrendSwatchW - inner));
        float w = TrendSwatchW + inner + ImGui::CalcTextSize(it.Text.c_str()).x;
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

bool LayOutTrend(const ViewContext& ctx, bool log, bool events, ImVec2 origin, ImVec2 avail, TrendLayout* layout)
{
    const Dataset& ds = *ctx.Data;
    const std::vector<TrendSeries>& series = ctx.Trend.Series;
    const uint64_t key = GeometryKey().Add(ctx.TrendGeneration).Add(origin).Add(avail).Add((uint64_t)log).Add((uint64_t)events)
                             .Add((double)ImGui::GetFontSize()).Add((uint64_t)(uintptr_t)ImGui::GetFont()).Hash;
    if (layout->Valid && layout->Key == key)
        return false;
    TrendLayout& L = *layout;
    L = TrendLayout();
    L.Key = key;
    L.Valid = true;
    const int metric = ctx.Sel.Metric;
    const int n = (int)series.size();

    // Ranges
    double x0 = ctx.Trend.X0, x1 = ctx.Trend.X1, y0 = ctx.Trend.Y0, y1 = ctx.Trend.Y1, ypos = ctx.Trend.YPositive;
    if (x1 - x0 < 1.0) { double mid = (x0 + x1) / 2; x0 = mid - 0.5; x1 = mid + 0.5; }
    const bool use_log = log && ypos < 1e300 && y1 > 0;
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
    L.X0 = x0, L.X1 = x1, L.Y0 = y0, L.Y1 = y1, L.Log = use_log;
    if (use_log)
        for (double v = y0; v <= y1 * 1.0001; v *= 10) L.Ticks.push_back(v);
    else
        L.Ticks = NiceTicks(y0, y1, 5);

    const float right = origin.x + avail.x;
    const float lh = ImGui::GetFontSize();
    const float row_h = std::floor(lh * 1.35f);
    L.LineH = lh, L.RowH = row_h;

    // Left: the widest tick label. Right: a gutter for the labels that fit within a share of the
    // width (measured shaped text); the rest go to the legend.
    float tick_w = 0.0f;
    for (double v : L.Ticks)
    {
        L.TickText.push_back(FormatValue(ds, metric, v));
        tick_w = std::max(tick_w, ImGui::CalcTextSize(L.TickText.back().c_str()).x);
    }
    const float cap = avail.x * (avail.x < 600.0f ? 0.30f : 0.26f);
    std::vector<float>& label_need = L.LabelNeed;
    label_need.resize(n);
    std::vector<bool> direct(n);
    for (int i = 0; i < n; i++)
    {
        label_need[i] = 6.0f + TrendLabelMark + 4.0f + ImGui::CalcTextSize(ShapedText(series[i].Label)).x + 4.0f;
        direct[i] = label_need[i] <= cap;
    }
    const float top = origin.y + row_h + 2.0f;                    // the unit above the plot
    const float band = row_h + 4.0f + (events ? 14.0f : 0.0f);    // year labels and the event markers below it

    // The plot's size depends on the legend's and the gutter's, and which labels fit depends on
    // the plot: settle in rounds, each moving at least one label to the legend (so at most n+1).
    ImRect& plot = L.Plot;
    L.Ends.resize(n);
    for (;;)
    {
        float gutter = 16.0f;   // room for the last year label's overhang and the end markers
        L.Legend.clear();
        for (int i = 0; i < n; i++)
            if (direct[i])
                gutter = std::max(gutter, label_need[i]);
            else
                L.Legend.push_back({ i, {}, {} });
        // The legend takes what the plot can spare above its least height (a phone's canvas
        // is short); entries past that are listed by the "+N more" entry's tooltip.
        const float min_plot = std::min(120.0f, avail.y * 0.45f);
        int max_rows = std::max(1, (int)((avail.y - (top - origin.y) - band - min_plot - 6.0f) / row_h));
        float legend_h = LayoutLegend(ds, &L.Legend, series, origin.x, right, 0.0f, row_h, max_rows, &L.LegendShown, &L.LegendMore);
        plot = ImRect(ImVec2(origin.x + tick_w + 8.0f, top + lh * 0.5f),
                      ImVec2(right - gutter, origin.y + avail.y - band - (legend_h > 0 ? legend_h + 6.0f : 0.0f)));
        for (TrendLegendEntry& it : L.Legend)
            it.Rect.Translate(ImVec2(0.0f, plot.Max.y + band + 6.0f));
        L.LegendMore.Translate(ImVec2(0.0f, plot.Max.y + band + 6.0f));
        if (plot.GetWidth() < 60 || plot.GetHeight() < 50)
        {
            L.TooShort = true;
            return true;
        }
        std::vector<LabelSpan> spans;
        L.Labelled.clear();
        for (int i = 0; i < n; i++)
        {
            const TrendSeries& s = series[i];
            L.Ends[i] = ImVec2(L.X(s.Years.back()), L.Y(ds.Observations.Values[s.Rows.back()]));
            if (!direct[i])
                continue;
            // Labels of lines reaching the right edge matter most (they sit next to their line).
            int priority = (L.Ends[i].x >= plot.Max.x - plot.GetWidth() * 0.12f ? 1000 : 0) - i;
            spans.push_back({ L.Ends[i].y, row_h - 1.0f, priority });
            L.Labelled.push_back(i);
        }
        L.Placed = PlaceLabels(spans, top, plot.Max.y + 2.0f, 1.0f, std::max(3.0f * row_h, plot.GetHeight() * 0.3f));
        if (L.Placed.ToLegend.empty())
            break;
        for (int k : L.Placed.ToLegend)
            direct[L.Labelled[k]] = false;
    }
    L.LabelRect.assign(n, ImRect());
    for (size_t k = 0; k < L.Labelled.size(); k++)
    {
        if (!L.Placed.Placed[k])
            continue;
        const int i = L.Labelled[k];
        const float y = L.Placed.Pos[k] - lh * 0.5f;
        L.LabelRect[i] = ImRect(ImVec2(plot.Max.x + 6.0f, y), ImVec2(plot.Max.x + label_need[i] - 4.0f, y + lh));
    }
    return true;
}

} // namespace ls
