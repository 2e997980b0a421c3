// Share view: 100 % stacked bars over time of a summable metric, across regions (for one
// entity) and across owners' countries (entities' hq_country, at one region). Only disjoint
// regions are stacked: a region whose countries overlap another's is left out and named, and
// "world" regions are totals, not parts. Ratios, ranks and shares cannot be stacked: the view
// says so instead of drawing a wrong picture.

#include "ui/views/views.h"
#include "ui/app.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace ls {

static void FinishColumns(ShareChart* chart, const std::map<uint32_t, ShareColumn>& by_period)
{
    for (const auto& [key, col] : by_period)
    {
        int parts = 0;
        for (double v : col.Values) parts += v >= 0 ? 1 : 0;
        if (parts >= 2)
            chart->Columns.push_back(col);
    }
    for (ShareColumn& c : chart->Columns)
        for (double v : c.Values)
            if (v > 0) c.Total += v;
}

static ShareChart RegionShares(const ViewContext& ctx, int entity)
{
    const Dataset& ds = *ctx.Data;
    ShareChart chart;
    const int m = ctx.Sel.Metric;
    chart.Title = "Share of " + ds.Entities[entity].Name + "'s total by region";
    std::vector<int> parts, skipped;
    for (int r = 0; r < (int)ds.Regions.size(); r++)
    {
        if (!ctx.Sel.Regions.empty() && std::find(ctx.Sel.Regions.begin(), ctx.Sel.Regions.end(), r) == ctx.Sel.Regions.end())
            continue;
        if (ds.Regions[r].World || SeriesRows(ds, m, entity, r).Empty())
            continue;
        bool overlaps = false;
        for (int p : parts)
            overlaps |= RegionsOverlap(ds.Regions[p], ds.Regions[r]);
        (overlaps ? skipped : parts).push_back(r);
    }
    for (int r : skipped)
        chart.Note += (chart.Note.empty() ? "Left out because they overlap other regions: " : ", ") + ds.Regions[r].Name;
    std::map<uint32_t, ShareColumn> by_period;
    for (size_t i = 0; i < parts.size(); i++)
    {
        chart.Parts.push_back(ds.Regions[parts[i]].Name);
        chart.Colors.push_back(PaletteColor((int)i, ctx.Theme_->Dark));
        for (uint32_t row : SeriesRows(ds, m, entity, parts[i]))
        {
            Period p = ds.Observations.Periods[row];
            ShareColumn& col = by_period[p.Key];
            col.At = p;
            col.Values.resize(parts.size(), -1.0);
            col.Estimate.resize(parts.size(), 0);
            col.Values[i] = ds.Observations.Values[row];
            col.Estimate[i] = ds.Observations.Confidences[row] != Confidence_Reported;
        }
    }
    for (auto& [k, col] : by_period)
    {
        col.Values.resize(parts.size(), -1.0);
        col.Estimate.resize(parts.size(), 0);
    }
    FinishColumns(&chart, by_period);
    return chart;
}

// Across owners' countries: entities of the metric at one region, summed by hq_country.
static ShareChart OriginShares(const ViewContext& ctx, int region)
{
    const Dataset& ds = *ctx.Data;
    ShareChart chart;
    const int m = ctx.Sel.Metric;
    chart.Title = "Share by owner's country at " + ds.Regions[region].Name;
    std::vector<std::string> origins;
    std::map<uint32_t, ShareColumn> by_period;
    std::vector<std::pair<int, std::vector<uint32_t>>> series;
    for (int e = 0; e < (int)ds.Entities.size(); e++)
    {
        if (ds.Entities[e].HqCountry.empty())
            continue;
        RowSpan span = SeriesRows(ds, m, e, region);
        std::vector<uint32_t> rows(span.begin(), span.end());
        if (rows.empty())
            continue;
        if (std::find(origins.begin(), origins.end(), ds.Entities[e].HqCountry) == origins.end())
            origins.push_back(ds.Entities[e].HqCountry);
        series.push_back({ e, std::move(rows) });
    }
    if (origins.size() < 2)
    {
        chart.Note = "Shares by owner's country need figures of this metric for platforms from at least two countries at one region; "
                     "this metric has " + std::to_string(origins.size()) + ".";
        return chart;
    }
    std::sort(origins.begin(), origins.end());
    chart.Parts = origins;
    for (size_t i = 0; i < origins.size(); i++)
        chart.Colors.push_back(PaletteColor((int)i + 3, ctx.Theme_->Dark));
    for (const auto& [e, rows] : series)
    {
        size_t part = std::find(origins.begin(), origins.end(), ds.Entities[e].HqCountry) - origins.begin();
        for (uint32_t row : rows)
        {
            Period p = ds.Observations.Periods[row];
            ShareColumn& col = by_period[p.Key];
            col.At = p;
            col.Values.resize(origins.size(), -1.0);
            col.Estimate.resize(origins.size(), 0);
            col.Values[part] = std::max(0.0, col.Values[part]) + ds.Observations.Values[row];
            col.Estimate[part] |= ds.Observations.Confidences[row] != Confidence_Reported;
        }
    }
    FinishColumns(&chart, by_period);
    return chart;
}

// The bars of a share chart, from bottom-left `base`. In a dense chart a part's segments in
// neighbouring columns that land on the same device pixels (same rows, same estimate flag) become
// one rectangle: the picture is the same, and the vertex count follows how often the shares
// change on screen rather than how many periods there are.
static void BuildShareBars(ImDrawList* out, const ShareChart& chart, ImVec2 base, float h, float bw, float gap, bool dense)
{
    struct Segment { float Top = 0, Bottom = 0; bool Estimate = false, Present = false; };
    const size_t n = chart.Columns.size(), parts = chart.Parts.size();
    const float density = ImGui::GetIO().DisplayFramebufferScale.y > 0 ? ImGui::GetIO().DisplayFramebufferScale.y : 1.0f;
    auto snap = [&](float v) { return dense ? std::round(v * density) / density : v; };
    std::vector<Segment> segments(n * parts);
    for (size_t c = 0; c < n; c++)
    {
        const ShareColumn& col = chart.Columns[c];
        float y = base.y;
        for (size_t i = 0; i < parts && i < col.Values.size(); i++)
        {
            if (col.Values[i] <= 0 || col.Total <= 0)
                continue;
            float top = y - (float)(col.Values[i] / col.Total) * h;
            segments[c * parts + i] = { snap(top), snap(y), col.Estimate[i] != 0, true };
            y = top;
        }
    }
    struct Rect { ImVec2 Min, Max; ImU32 Colour; };
    std::vector<Rect> rects;
    for (size_t i = 0; i < parts; i++)
        for (size_t c = 0; c < n;)
        {
            const Segment& first = segments[c * parts + i];
            size_t last = c;
            while (dense && first.Present && last + 1 < n)
            {
                const Segment& next = segments[(last + 1) * parts + i];
                if (!next.Present || next.Top != first.Top || next.Bottom != first.Bottom || next.Estimate != first.Estimate)
                    break;
                last++;
            }
            if (first.Present)
                rects.push_back({ ImVec2(base.x + c * (bw + gap), first.Top), ImVec2(base.x + last * (bw + gap) + bw, first.Bottom),
                                  first.Estimate ? WithAlpha(chart.Colors[i], 0.5f) : chart.Colors[i] });
            c = last + 1;
        }
    out->PrimReserve((int)rects.size() * 6, (int)rects.size() * 4);
    for (const Rect& r : rects)
        out->PrimRect(r.Min, r.Max, r.Colour);
}

static void DrawShareChart(ViewContext& ctx, const ShareChart& chart, ImVec2 size, RetainedGeometry* geometry)
{
    const Theme& th = *ctx.Theme_;
    ImGui::TextUnformatted(chart.Title.c_str());
    if (!chart.Note.empty())
    {
        ImGui::PushStyleColor(ImGuiCol_Text, th.TextMuted);
        ImGui::TextWrapped("%s", chart.Note.c_str());
        ImGui::PopStyleColor();
    }
    if (chart.Columns.empty())
    {
        if (chart.Note.empty() || !chart.Parts.empty())
            ImGui::TextDisabled("No period has figures for two or more parts.");
        return;
    }
    // Legend
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (size_t i = 0; i < chart.Parts.size(); i++)
    {
        ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(ImVec2(p.x, p.y + 3), ImVec2(p.x + 12, p.y + 15), chart.Colors[i]);
        ImGui::Dummy(ImVec2(14, 14));
        ImGui::SameLine();
        ImGui::TextUnformatted(chart.Parts[i].c_str());
        if (i + 1 < chart.Parts.size())
            ImGui::SameLine(0, 14);
    }
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float h = std::max(80.0f, size.y - 30.0f);
    float w = ImGui::GetContentRegionAvail().x;
    ImGui::InvisibleButton("share-chart", ImVec2(w, h + 22));
    bool hovered = ImGui::IsItemHovered();
    ImGuiIO& io = ImGui::GetIO();
    size_t n = chart.Columns.size();
    // Dense charts (columns of 4 px or less) have no gaps, so that neighbouring columns can share
    // rectangles (see BuildShareBars).
    const bool dense = (w - 40.0f) / (float)n <= 4.0f;
    float gap = dense ? 0.0f : n > 40 ? 1.0f : 4.0f;
    float bw = std::max(dense ? 0.5f : 2.0f, (w - 40.0f) / (float)n - gap);
    ImGui::PushFont(ctx.Fonts_.Small);
    for (int pct = 0; pct <= 100; pct += 25)
    {
        float y = origin.y + h - h * pct / 100.0f;
        dl->AddLine(ImVec2(origin.x + 36, y), ImVec2(origin.x + w, y), th.Grid);
        char buf[8];
        std::snprintf(buf, sizeof(buf), "%d%%", pct);
        dl->AddText(ImVec2(origin.x, y - 7), th.TextMuted, buf);
    }
    // The bars are retained geometry; hatching, hover and labels are drawn every frame on top.
    if (ImDrawList* bars = geometry->Rebuild(GeometryKey().Add(ctx.ShareGeneration).Add(origin).Add((double)w).Add((double)h)
                                             .Add((uint64_t)th.Dark)))
        BuildShareBars(bars, chart, ImVec2(origin.x + 40.0f, origin.y + h), h, bw, gap, dense);
    geometry->AppendTo(dl);
    int label_every = std::max(1, (int)(60.0f / (bw + gap)));
    float x = origin.x + 40.0f;
    for (size_t c = 0; c < n; c++, x += bw + gap)
    {
        const ShareColumn& col = chart.Columns[c];
        float y = origin.y + h;
        for (size_t i = 0; i < col.Values.size(); i++)
        {
            if (col.Values[i] <= 0 || col.Total <= 0)
                continue;
            float seg = (float)(col.Values[i] / col.Total) * h;
            ImRect r(ImVec2(x, y - seg), ImVec2(x + bw, y));
            y -= seg;
            if (col.Estimate[i] && bw >= 4.0f)   // narrower bars show estimates by their lighter colour alone
                DrawHatch(dl, r, th.EstimateHatch, 5.0f);
            if (hovered && r.Contains(io.MousePos))
                ImGui::SetTooltip("%s, %s\n%.1f%% of the parts' total%s", chart.Parts[i].c_str(), PeriodLabel(col.At).c_str(),
                                  100.0 * col.Values[i] / col.Total, col.Estimate[i] ? "\nincludes estimates" : "");
        }
        if ((int)c % label_every == 0)
            dl->AddText(ImVec2(x, origin.y + h + 3), th.TextMuted, PeriodLabel(col.At).c_str());
    }
    ImGui::PopFont();
}

// Both charts of the selection, recomputed only after a state change (each is a pass over the
// metric's rows).
static void UpdateShareCharts(ViewContext& ctx)
{
    if (!ctx.ShareDirty)
        return;
    ctx.ShareDirty = false;
    ctx.ShareGeneration++;
    ctx.ShareByRegion = ShareChart();
    ctx.ShareByOrigin = ShareChart();
    const Dataset& ds = *ctx.Data;
    const int m = ctx.Sel.Metric;
    if (m < 0 || !ds.Metrics[m].Summable)
        return;
    int entity = ctx.Sel.Entities.empty() ? -1 : ctx.Sel.Entities[0];
    if (entity >= 0)
    {
        ctx.ShareByRegion = RegionShares(ctx, entity);
        ctx.ShareByRegion.Shown = true;
    }
    int region = ctx.Sel.Regions.empty() ? -1 : ctx.Sel.Regions[0];
    if (region < 0)
        for (int r = 0; r < (int)ds.Regions.size() && region < 0; r++)
            if (ds.Regions[r].World && ctx.RegionHasMetric(r))
                region = r;
    if (region >= 0)
    {
        ctx.ShareByOrigin = OriginShares(ctx, region);
        ctx.ShareByOrigin.Shown = true;
    }
}

void DrawShareView(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const int m = ctx.Sel.Metric;
    if (m < 0)
        return;
    if (!ds.Metrics[m].Summable)
    {
        ImGui::TextWrapped("\"%s\" cannot be shown as shares: its values do not add up across regions or platforms "
                           "(the data file marks it as a ratio, rank or share, aggregate \"none\"). Choose a metric such as users or revenue.",
                           ds.Metrics[m].Name.c_str());
        return;
    }
    UpdateShareCharts(ctx);
    ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::BeginChild("share-scroll", avail, ImGuiChildFlags_None);
    if (ctx.ShareByRegion.Shown)
        DrawShareChart(ctx, ctx.ShareByRegion, ImVec2(avail.x, avail.y * 0.5f - 40), &ctx.ShareGeometry[0]);
    ImGui::Spacing();
    if (ctx.ShareByOrigin.Shown)
        DrawShareChart(ctx, ctx.ShareByOrigin, ImVec2(avail.x, avail.y * 0.5f - 40), &ctx.ShareGeometry[1]);
    ImGui::EndChild();
}

void BuildShareTable(ViewContext& ctx, ShownTable* t)
{
    const Dataset& ds = *ctx.Data;
    const int m = ctx.Sel.Metric;
    if (m < 0)
        return;
    if (!ds.Metrics[m].Summable)
    {
        t->Summary = "Shares: " + ds.Metrics[m].Name + " does not add up across regions, so no shares are shown.";
        return;
    }
    int entity = ctx.Sel.Entities.empty() ? -1 : ctx.Sel.Entities[0];
    if (entity < 0)
    {
        t->Summary = "Shares: choose a platform.";
        return;
    }
    UpdateShareCharts(ctx);
    const ShareChart& chart = ctx.ShareByRegion;
    t->Caption = chart.Title + ", " + ds.Metrics[m].Name;
    t->Columns = { "Period" };
    for (const std::string& p : chart.Parts)
        t->Columns.push_back(p + " (% of total)");
    for (const ShareColumn& c : chart.Columns)
    {
        std::vector<std::string> row = { PeriodLabel(c.At) };
        for (double v : c.Values)
        {
            char buf[32];
            std::snprintf(buf, sizeof(buf), "%.1f", v > 0 && c.Total > 0 ? 100.0 * v / c.Total : 0.0);
            row.push_back(v >= 0 ? buf : "");
        }
        t->Rows.push_back(row);
    }
    t->Summary = chart.Columns.empty() ? "Shares: no period has figures for two regions." :
                 chart.Title + ": " + std::to_string(chart.Columns.size()) + " periods, " + std::to_string(chart.Parts.size()) + " regions.";
}

} // namespace ls
