// Compare view: ranked horizontal bars of entities (at one region) or of regions (for each
// selected entity) for the metric at the selected period. A series without a figure at that exact
// period shows its latest earlier figure, labelled "as of". Optionally grouped by owner's country.

#include "ui/views/views.h"
#include "core/stable_sort.h"
#include "ui/app.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace ls {

struct CompareBar
{
    int Entity, Region;
    uint32_t Row;
    double Value;
    std::string Label;
    std::string Group;
};

// The region bars are compared at when comparing entities: the first selected region, else the
// region where most entities have figures for this metric.
static int CompareRegion(const ViewContext& ctx)
{
    if (!ctx.Sel.Regions.empty())
        return ctx.Sel.Regions[0];
    const Dataset& ds = *ctx.Data;
    std::vector<int> count(ds.Regions.size(), 0);
    const DatasetIndex& ix = ds.Index;
    for (uint32_t s = ix.MetricSeries[ctx.Sel.Metric]; s < ix.MetricSeries[ctx.Sel.Metric + 1]; s++)
        count[ix.Series[s].Region]++;
    return (int)(std::max_element(count.begin(), count.end()) - count.begin());
}

static std::vector<CompareBar> CollectBarsBy(const ViewContext& ctx, CompareKind by);

// Platforms side by side, unless only one platform has a figure: then its regions are more
// telling than a single bar (the view says so).
static std::vector<CompareBar> CollectBars(const ViewContext& ctx, bool* fell_back = nullptr)
{
    std::vector<CompareBar> bars = CollectBarsBy(ctx, ctx.Edit.CompareBy);
    bool fallback = ctx.Edit.CompareBy == CompareKind_Entity && bars.size() < 2;
    if (fallback)
    {
        std::vector<CompareBar> regions = CollectBarsBy(ctx, CompareKind_Region);
        fallback = regions.size() > bars.size();
        if (fallback)
            bars = std::move(regions);
    }
    if (fell_back)
        *fell_back = fallback;
    return bars;
}

static std::vector<CompareBar> CollectBarsBy(const ViewContext& ctx, CompareKind by)
{
    const Dataset& ds = *ctx.Data;
    std::vector<CompareBar> bars;
    const int m = ctx.Sel.Metric;
    if (m < 0 || !ctx.Sel.At.Valid())
        return bars;
    auto add = [&](int e, int r, std::string label) {
        int row = RowAt(ds, m, e, r, ctx.Sel.At, false);
        if (row < 0)
            return;
        Period p = ds.Observations.Periods[row];
        if (p != ctx.Sel.At)
            label += "  (as of " + PeriodLabel(p) + ")";
        const Entity& ent = ds.Entities[e];
        bars.push_back({ e, r, (uint32_t)row, ds.Observations.Values[row], std::move(label), ent.HqCountry.empty() ? "unknown origin" : ent.HqCountry });
    };
    if (by == CompareKind_Region)
    {
        for (int e : ctx.Sel.Entities)
            for (int r = 0; r < (int)ds.Regions.size(); r++)
                if (ctx.Sel.Regions.empty() || std::find(ctx.Sel.Regions.begin(), ctx.Sel.Regions.end(), r) != ctx.Sel.Regions.end())
                    add(e, r, ctx.Sel.Entities.size() > 1 ? ds.Regions[r].Name + " · " + ds.Entities[e].Name : ds.Regions[r].Name);
    }
    else
    {
        int r = CompareRegion(ctx);
        for (int e = 0; e < (int)ds.Entities.size(); e++)
            if (ctx.Sel.Entities.size() <= 1 || std::find(ctx.Sel.Entities.begin(), ctx.Sel.Entities.end(), e) != ctx.Sel.Entities.end())
                add(e, r, EntityLabel(ds.Entities[e]));
    }
    bool lower_better = ds.Metrics[m].LowerIsBetter;
    bool descending = ctx.Edit.SortDescending != lower_better;   // ranks: "best" first means smallest
    StableSortBy(bars, [&](const CompareBar& a, const CompareBar& b) {
        if (ctx.Edit.GroupByOrigin && by == CompareKind_Entity && a.Group != b.Group)
            return a.Group < b.Group;
        return descending ? a.Value > b.Value : a.Value < b.Value;
    });
    return bars;
}

void DrawCompareView(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    int by = ctx.Edit.CompareBy == CompareKind_Region ? 1 : 0;
    ImGui::TextDisabled("Compare");
    ImGui::SameLine();
    bool by_changed = ImGui::RadioButton("platforms", &by, 0);
    ImGui::SameLine();
    by_changed |= ImGui::RadioButton("regions", &by, 1);
    if (by_changed)
    {
        ctx.Edit.CompareBy = by ? CompareKind_Region : CompareKind_Entity;
        ctx.CommitState();
    }
    ImGui::SameLine();
    bool desc = ctx.Edit.SortDescending;
    if (ImGui::Checkbox("Largest first", &desc))
    {
        ctx.Edit.SortDescending = desc;
        ctx.CommitState();
    }
    if (by == 0)
    {
        ImGui::SameLine();
        bool group = ctx.Edit.GroupByOrigin;
        if (ImGui::Checkbox("Group by owner's country", &group))
        {
            ctx.Edit.GroupByOrigin = group;
            ctx.CommitState();
        }
        ImGui::SameLine();
        ImGui::TextDisabled("at %s", ds.Regions[CompareRegion(ctx)].Name.c_str());
    }

    bool fell_back = false;
    std::vector<CompareBar> bars = CollectBars(ctx, &fell_back);
    if (bars.empty())
    {
        ImGui::TextWrapped("No figures at or before %s for this selection.", PeriodLabel(ctx.Sel.At).c_str());
        return;
    }
    if (fell_back)
        ImGui::TextDisabled("Only one platform has a figure here, so its regions are compared instead.");
    double hi = 0, lo = 0;
    for (const CompareBar& b : bars)
    {
        hi = std::max(hi, b.Value);
        lo = std::min(lo, b.Value);
    }
    if (hi <= lo)
        hi = lo + 1;

    ImGui::BeginChild("compare-bars", ImGui::GetContentRegionAvail(), ImGuiChildFlags_None);
    ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
    if (ImGui::GetScrollMaxY() > 0)
        ctx.WheelRects.push_back(ImRect(wp, ImVec2(wp.x + ws.x, wp.y + ws.y)));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float label_w = std::min(260.0f, ImGui::GetContentRegionAvail().x * 0.38f);
    float bar_h = ImGui::GetTextLineHeight() + 6.0f;
    std::string group;
    for (size_t i = 0; i < bars.size(); i++)
    {
        const CompareBar& b = bars[i];
        if (ctx.Edit.GroupByOrigin && ctx.Edit.CompareBy == CompareKind_Entity && b.Group != group)
        {
            group = b.Group;
            ImGui::SeparatorText(("Owner's country: " + group).c_str());
        }
        ImGui::PushID((int)i);
        ImVec2 p = ImGui::GetCursorScreenPos();
        float full = ImGui::GetContentRegionAvail().x;
        if (ImGui::InvisibleButton("bar", ImVec2(full, bar_h)))
            Emit(ctx, "select", SelectEventJson(ctx, b.Row));
        bool hovered = ImGui::IsItemHovered();
        if (hovered)
            ObservationTooltip(ctx, b.Row);
        ImGui::PopID();
        float value_w = 90.0f;
        float x0 = p.x + label_w + 8.0f;
        float span = std::max(10.0f, full - label_w - 8.0f - value_w);
        float zero = x0 + (float)((0 - lo) / (hi - lo)) * span;
        float end = x0 + (float)((b.Value - lo) / (hi - lo)) * span;
        ImRect bar(ImVec2(std::min(zero, end), p.y + 3), ImVec2(std::max(zero, end) + 1.0f, p.y + bar_h - 3));
        ImU32 col = ctx.Edit.CompareBy == CompareKind_Region && ctx.Sel.Entities.size() <= 1 ? th.Accent : EntityColorFor(ctx, b.Entity);
        bool est = ds.Observations.Confidences[b.Row] != Confidence_Reported;
        if (hovered)
            dl->AddRectFilled(ImVec2(p.x, p.y), ImVec2(p.x + full, p.y + bar_h), WithAlpha(th.Grid, 0.6f), 3.0f);
        dl->AddRectFilled(bar.Min, bar.Max, est ? WithAlpha(col, 0.45f) : col, 2.0f);
        if (est)
        {
            DrawHatch(dl, bar, th.EstimateHatch, 6.0f);
            dl->AddRect(bar.Min, bar.Max, col, 2.0f, 0, 1.0f);
        }
        // Label (clipped to its column), value at the bar's end.
        dl->PushClipRect(p, ImVec2(p.x + label_w, p.y + bar_h), true);
        dl->AddText(ImVec2(p.x, p.y + 3), th.Text, b.Label.c_str());
        dl->PopClipRect();
        std::string value = FormatValue(ds, ctx.Sel.Metric, b.Value) + (est ? " est." : "");
        dl->AddText(ImVec2(std::max(zero, end) + 6.0f, p.y + 3), th.Text, value.c_str());
    }
    ImGui::EndChild();
}

void BuildCompareTable(ViewContext& ctx, ShownTable* t)
{
    const Dataset& ds = *ctx.Data;
    bool fell_back = false;
    std::vector<CompareBar> bars = CollectBars(ctx, &fell_back);
    if (ctx.Sel.Metric < 0 || bars.empty())
    {
        t->Summary = "Compare: no figures for this selection.";
        return;
    }
    const Metric& m = ds.Metrics[ctx.Sel.Metric];
    bool by_region = ctx.Edit.CompareBy == CompareKind_Region || fell_back;
    t->Caption = m.Name + " (" + m.Unit + ") by " + (by_region ? "region" : "platform at " + ds.Regions[CompareRegion(ctx)].Name) + ", " + PeriodLabel(ctx.Sel.At);
    t->Columns = { "Rank", by_region ? "Region" : "Platform", m.Name + " (" + m.Unit + ")", "Period", "Confidence", "Source" };
    int rank = 1;
    for (const CompareBar& b : bars)
    {
        t->Rows.push_back({ std::to_string(rank++), b.Label, FormatValue(ds, ctx.Sel.Metric, b.Value),
                            PeriodLabel(ds.Observations.Periods[b.Row]), ConfidenceLabel(ds.Observations.Confidences[b.Row]),
                            SourceTitle(ds, b.Row) });
        int s = ds.ObservationSource(b.Row);
        if (s >= 0 && std::find(t->Sources.begin(), t->Sources.end(), s) == t->Sources.end())
            t->Sources.push_back(s);
    }
    t->Summary = "Comparison of " + m.Name + " at " + PeriodLabel(ctx.Sel.At) + ": " + bars[0].Label + " ranks first with " +
                 FormatValueWithUnit(ds, ctx.Sel.Metric, bars[0].Value) + " of " + std::to_string(bars.size()) + ".";
}

} // namespace ls
