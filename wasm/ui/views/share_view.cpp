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

// A chart's colours: by part, from the palette (by region from the start, by owner's country
// further along, so the two charts do not look like one).
static ImU32 PartColour(const ViewContext& ctx, const ShareChartModel& chart, size_t part)
{
    return PaletteColor((int)part + (&chart == &ctx.Share.ByOrigin ? 3 : 0), ctx.Theme_->Dark);
}

// The bars of a share chart, from bottom-left `base`. In a dense chart a part's segments in
// neighbouring columns that land on the same device pixels (same rows, same estimate flag) become
// one rectangle: the picture is the same, and the vertex count follows how often the shares
// change on screen rather than how many periods there are.
static void BuildShareBars(const ViewContext& ctx, ImDrawList* out, const ShareChartModel& chart, ImVec2 base, float h, float bw, float gap, bool dense)
{
    struct Segment { float Top = 0, Bottom = 0; bool Estimate = false, Present = false; };
    const size_t n = chart.Columns.size(), parts = chart.Parts.size();
    const float density = ImGui::GetIO().DisplayFramebufferScale.y > 0 ? ImGui::GetIO().DisplayFramebufferScale.y : 1.0f;
    auto snap = [&](float v) { return dense ? std::round(v * density) / density : v; };
    std::vector<Segment> segments(n * parts);
    for (size_t c = 0; c < n; c++)
    {
        const ShareColumnModel& col = chart.Columns[c];
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
                                  first.Estimate ? WithAlpha(PartColour(ctx, chart, i), 0.5f) : PartColour(ctx, chart, i) });
            c = last + 1;
        }
    out->PrimReserve((int)rects.size() * 6, (int)rects.size() * 4);
    for (const Rect& r : rects)
        out->PrimRect(r.Min, r.Max, r.Colour);
}

static void DrawShareChart(ViewContext& ctx, const ShareChartModel& chart, ImVec2 size, RetainedGeometry* geometry)
{
    const Theme& th = *ctx.Theme_;
    ImGui::TextUnformatted(chart.Title.c_str());
    if (!chart.Note.empty())
    {
        ImGui::PushStyleColor(ImGuiCol_Text, th.TextMuted);
        ImGui::TextWrapped("%s", chart.Note.c_str());
        ImGui::PopStyleColor();
    }
    if (!chart.Coverage.empty())
    {
        ImGui::PushStyleColor(ImGuiCol_Text, th.TextMuted);
        ImGui::TextWrapped("Coverage: %s", chart.Coverage.c_str());
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
        dl->AddRectFilled(ImVec2(p.x, p.y + 3), ImVec2(p.x + 12, p.y + 15), PartColour(ctx, chart, i));
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
    // Dense charts (columns of 6 px or less) have no gaps, so that neighbouring columns can share
    // rectangles (see BuildShareBars): 250 months at 4-5 px a column (a million observations)
    // would otherwise be one rectangle per segment, copied into every frame.
    const bool dense = (w - 40.0f) / (float)n <= 6.0f;
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
        BuildShareBars(ctx, bars, chart, ImVec2(origin.x + 40.0f, origin.y + h), h, bw, gap, dense);
    geometry->AppendTo(dl);
    int label_every = std::max(1, (int)(60.0f / (bw + gap)));
    float x = origin.x + 40.0f;
    for (size_t c = 0; c < n; c++, x += bw + gap)
    {
        const ShareColumnModel& col = chart.Columns[c];
        float y = origin.y + h;
        for (size_t i = 0; i < col.Values.size(); i++)
        {
            if (col.Values[i] <= 0 || col.Total <= 0)
                continue;
            float seg = (float)(col.Values[i] / col.Total) * h;
            ImRect r(ImVec2(x, y - seg), ImVec2(x + bw, y));
            y -= seg;
            if (col.Estimate[i] && !dense && bw >= 4.0f)   // dense or narrow bars show estimates by their lighter colour alone
                DrawHatch(dl, r, th.EstimateHatch, 5.0f);
            if (hovered && r.Contains(io.MousePos))
                ImGui::SetTooltip("%s, %s\n%.1f%% of the parts' total (%d contributors)%s%s", chart.Parts[i].c_str(), PeriodLabel(col.At).c_str(),
                                  100.0 * col.Values[i] / col.Total, col.Contributors, col.Estimate[i] ? "\nincludes estimates" : "",
                                  col.Bounded[i] ? "\nincludes a bound (at least / at most)" : "");
        }
        if ((int)c % label_every == 0)
            dl->AddText(ImVec2(x, origin.y + h + 3), th.TextMuted, PeriodLabel(col.At).c_str());
    }
    ImGui::PopFont();
}

// Both charts of the selection come from the core's share model (core/share_model.cpp),
// recomputed only after a state change (each is a pass over the metric's rows).
void UpdateShareModel(ViewContext& ctx)
{
    if (!ctx.ShareDirty)
        return;
    ctx.ShareDirty = false;
    ctx.ShareGeneration++;
    ctx.Share = BuildShareModel(*ctx.Data, ctx.Query);
}

void DrawShareView(ViewContext& ctx)
{
    if (ctx.Sel.Metric < 0)
        return;
    UpdateShareModel(ctx);
    if (!ctx.Share.Message.empty())
    {
        ImGui::TextWrapped("%s", ctx.Share.Message.c_str());
        return;
    }
    ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::BeginChild("share-scroll", avail, ImGuiChildFlags_None);
    if (ctx.Share.ByRegion.Shown)
        DrawShareChart(ctx, ctx.Share.ByRegion, ImVec2(avail.x, avail.y * 0.5f - 40), &ctx.ShareGeometry[0]);
    ImGui::Spacing();
    if (ctx.Share.ByOrigin.Shown)
        DrawShareChart(ctx, ctx.Share.ByOrigin, ImVec2(avail.x, avail.y * 0.5f - 40), &ctx.ShareGeometry[1]);
    ImGui::EndChild();
}

} // namespace ls
