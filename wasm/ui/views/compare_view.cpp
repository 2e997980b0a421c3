// Compare view: ranked horizontal bars of entities (at one region) or of regions (for each
// selected entity) for the metric at the selected period of the chosen granularity. A series
// without a figure at that exact period shows its latest earlier figure of the same granularity
// within the metric's as_of_limit, labelled with its age; older ones are named as "no recent
// figure". A bound is an open-ended bar. Optionally grouped by owner's country.

#include "ui/views/views.h"
#include "core/stable_sort.h"
#include "ui/app.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace ls {

// The bars come from the core's compare model (core/compare_model.cpp): ranked at one period of
// one granularity, with each bar's age, bound and source.
void UpdateCompareModel(ViewContext& ctx)
{
    if (!ctx.CompareDirty)
        return;
    ctx.CompareDirty = false;
    ctx.Compare = BuildCompareModel(*ctx.Data, ctx.Query);
}

void DrawCompareView(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    UpdateCompareModel(ctx);
    const CompareModel& model = ctx.Compare;
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
        if (model.Region >= 0)
            ImGui::TextDisabled("at %s", ds.Regions[model.Region].Name.c_str());
    }
    DrawNotes(ctx, model.Notes);
    const std::vector<CompareBar>& bars = model.Bars;
    if (bars.empty())
    {
        ImGui::TextWrapped("No recent %s figure at or shortly before %s for this selection.", GranularityAdjective(model.Granularity),
                           PeriodLabel(ctx.Sel.At).c_str());
        return;
    }
    if (model.FellBack)
        ImGui::TextDisabled("Only one platform has a figure here, so its regions are compared instead.");
    double hi = 0, lo = 0;
    for (const CompareBar& b : bars)
    {
        hi = std::max(hi, b.F.Value);
        lo = std::min(lo, b.F.Value);
    }
    if (hi <= lo)
        hi = lo + 1;

    // Each bar's value text (with its bound sign and age) and the room the widest one needs at
    // the bars' end, so that no label is cut off by the edge.
    std::vector<std::string> values;
    float value_w = 90.0f;
    for (const CompareBar& b : bars)
    {
        std::string v = FigureValueText(ds, model.Metric, b.F) + (b.F.Conf != Confidence_Reported ? " est." : "");
        if (b.F.Age > 0)
            v += "  (" + AgeText(b.F, model.Granularity) + ")";
        value_w = std::max(value_w, ImGui::CalcTextSize(v.c_str()).x + 12.0f + (b.F.Limit == Bound_Lower ? 36.0f : 0.0f));
        values.push_back(std::move(v));
    }
    value_w = std::min(value_w, ImGui::GetContentRegionAvail().x * 0.45f);
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
            Emit(ctx, "select", SelectEventJson(ctx, b.F.Row));
        bool hovered = ImGui::IsItemHovered();
        if (hovered)
            ObservationTooltip(ctx, b.F);
        ImGui::PopID();
        float x0 = p.x + label_w + 8.0f;
        float span = std::max(10.0f, full - label_w - 8.0f - value_w);
        float zero = x0 + (float)((0 - lo) / (hi - lo)) * span;
        float end = x0 + (float)((b.F.Value - lo) / (hi - lo)) * span;
        ImRect bar(ImVec2(std::min(zero, end), p.y + 3), ImVec2(std::max(zero, end) + 1.0f, p.y + bar_h - 3));
        ImU32 col = model.By == CompareKind_Region && ctx.Sel.Entities.size() <= 1 ? th.Accent : EntityColorFor(ctx, b.F.Entity);
        bool est = b.F.Conf != Confidence_Reported;
        bool stale = b.F.Age > 0;
        if (hovered)
            dl->AddRectFilled(ImVec2(p.x, p.y), ImVec2(p.x + full, p.y + bar_h), WithAlpha(th.Grid, 0.6f), 3.0f);
        dl->AddRectFilled(bar.Min, bar.Max, est || stale ? WithAlpha(col, 0.45f) : col, 2.0f);
        if (est)
        {
            DrawHatch(dl, bar, th.EstimateHatch, 6.0f);
            dl->AddRect(bar.Min, bar.Max, col, 2.0f, 0, 1.0f);
        }
        if (b.F.Limit == Bound_Lower)
        {
            // Open-ended: the bar fades out past its figure and an arrow says "more".
            float x = bar.Max.x;
            dl->AddRectFilledMultiColor(ImVec2(x, bar.Min.y), ImVec2(x + 28.0f, bar.Max.y), WithAlpha(col, 0.5f), WithAlpha(col, 0.0f),
                                        WithAlpha(col, 0.0f), WithAlpha(col, 0.5f));
            float my = (bar.Min.y + bar.Max.y) * 0.5f;
            dl->AddTriangleFilled(ImVec2(x + 34.0f, my), ImVec2(x + 27.0f, my - 5.0f), ImVec2(x + 27.0f, my + 5.0f), col);
        }
        else if (b.F.Limit == Bound_Upper)
        {
            // At most: an open bar (outline only) whose true end lies somewhere inside it.
            dl->AddRectFilled(bar.Min, bar.Max, th.Background, 2.0f);
            dl->AddRect(bar.Min, bar.Max, col, 2.0f, 0, 1.5f);
        }
        // Label (clipped to its column), value at the bar's end.
        dl->PushClipRect(p, ImVec2(p.x + label_w, p.y + bar_h), true);
        dl->AddText(ImVec2(p.x, p.y + 3), th.Text, b.Label.c_str());
        dl->PopClipRect();
        const std::string& value = values[i];
        float value_x = std::max(zero, end) + 6.0f + (b.F.Limit == Bound_Lower ? 36.0f : 0.0f);
        dl->AddText(ImVec2(value_x, p.y + 3), stale ? th.TextMuted : th.Text, value.c_str());
    }
    // Totals (the world, or a region containing others compared) come after the ranking, apart
    // and without a bar: on the parts' scale a total's bar would dwarf them and read as a rank.
    if (!model.Totals.empty())
        ImGui::SeparatorText("Totals, not ranked with their parts");
    for (size_t i = 0; i < model.Totals.size(); i++)
    {
        const CompareBar& b = model.Totals[i];
        ImGui::PushID((int)(bars.size() + i));
        ImVec2 p = ImGui::GetCursorScreenPos();
        float full = ImGui::GetContentRegionAvail().x;
        if (ImGui::InvisibleButton("total", ImVec2(full, bar_h)))
            Emit(ctx, "select", SelectEventJson(ctx, b.F.Row));
        bool hovered = ImGui::IsItemHovered();
        if (hovered)
        {
            ObservationTooltip(ctx, b.F);
            dl->AddRectFilled(ImVec2(p.x, p.y), ImVec2(p.x + full, p.y + bar_h), WithAlpha(th.Grid, 0.6f), 3.0f);
        }
        ImGui::PopID();
        std::string label = b.Label + (ds.Regions[b.F.Region].World ? " (total, not ranked)" : " (contains " + b.Contains + ")");
        dl->PushClipRect(p, ImVec2(p.x + label_w, p.y + bar_h), true);
        dl->AddText(ImVec2(p.x, p.y + 3), th.Text, label.c_str());
        dl->PopClipRect();
        std::string value = FigureValueText(ds, model.Metric, b.F) + (b.F.Conf != Confidence_Reported ? " est." : "");
        if (b.F.Age > 0)
            value += "  (" + AgeText(b.F, model.Granularity) + ")";
        dl->AddText(ImVec2(p.x + label_w + 8.0f, p.y + 3), b.F.Age > 0 ? th.TextMuted : th.Text, value.c_str());
    }
    ImGui::EndChild();
}

} // namespace ls
