// Compare view: ranked horizontal bars of entities (at one region) or of regions (for each
// selected entity) for the metric at the selected period of the chosen granularity. A series
// without a figure at that exact period shows its latest earlier figure of the same granularity
// within the metric's as_of_limit, labelled with its age; older ones are named as "no recent
// figure". A bound is an open-ended bar. Optionally grouped by owner's country.

#include "ui/views/views.h"
#include "core/stable_sort.h"
#include "ui/app.h"
#include "ui/controls.h"
#include "ui/layout_report.h"
#include "ui/shaping.h"
#include "ui/views/view_layout.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

namespace ls {

static uint64_t CompareGeneration = 0;   // counts rebuilds of ctx.Compare (never restarts: keys the measures below)

// The bars come from the core's compare model (core/compare_model.cpp): ranked at one period of
// one granularity, with each bar's age, bound and source.
void UpdateCompareModel(ViewContext& ctx)
{
    if (!ctx.CompareDirty)
        return;
    ctx.CompareDirty = false;
    ctx.Compare = BuildCompareModel(*ctx.Data, ctx.Query);
    CompareGeneration++;
}

// A bar's label in its column: on one line, on two (wrapped at a space) when the row is tall
// enough, else cut with an ellipsis. The full label is reported (layout()) and shown in the
// tooltip. Returns whether it was cut.
static bool DrawBarLabel(ImDrawList* dl, ImVec2 p, float w, float row_h, ImU32 color, const std::string& label, bool lit)
{
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize(), lh = ImGui::GetTextLineHeight();
    const char* shaped = ShapedText(label);
    ImVec2 full = font->CalcTextSizeA(fs, FLT_MAX, 0.0f, shaped);
    if (full.x <= w)
    {
        ImVec2 at(p.x, p.y + (row_h - lh) * 0.5f);
        dl->AddText(font, fs, at, color, shaped);
        LayoutRecord(LayoutRole_Label, label, ImRect(at, ImVec2(at.x + full.x, at.y + lh)), lit);
        return false;
    }
    const char* end = shaped + std::strlen(shaped);
    const char* wrap = font->CalcWordWrapPositionA(fs / font->FontSize, shaped, end, w);
    bool two = row_h >= lh * 2.0f + 2.0f && wrap > shaped && wrap < end;
    if (two)
    {
        std::string first(shaped, wrap);
        while (*wrap == ' ')
            wrap++;
        std::string second = Ellipsize(font, fs, wrap, w);
        float w1 = font->CalcTextSizeA(fs, FLT_MAX, 0.0f, first.c_str()).x, w2 = font->CalcTextSizeA(fs, FLT_MAX, 0.0f, second.c_str()).x;
        if (w1 <= w)
        {
            ImVec2 at(p.x, p.y + (row_h - lh * 2.0f) * 0.5f);
            dl->AddText(font, fs, at, color, first.c_str());
            dl->AddText(font, fs, ImVec2(at.x, at.y + lh), color, second.c_str());
            LayoutRecord(LayoutRole_Label, label, ImRect(at, ImVec2(at.x + std::max(w1, w2), at.y + lh * 2.0f)), lit);
            return second.size() < std::strlen(wrap);
        }
    }
    std::string cut = Ellipsize(font, fs, shaped, w);
    ImVec2 at(p.x, p.y + (row_h - lh) * 0.5f);
    dl->AddText(font, fs, at, color, cut.c_str());
    LayoutRecord(LayoutRole_Label, label, ImRect(at, ImVec2(at.x + font->CalcTextSizeA(fs, FLT_MAX, 0.0f, cut.c_str()).x, at.y + lh)), lit);
    return true;
}

// A value label at x, cut to what is left of the row (the full text is reported and in the tooltip).
static void DrawValueLabel(ImDrawList* dl, ImVec2 at, float right, ImU32 color, const std::string& value, bool lit)
{
    std::string fit = Ellipsize(ImGui::GetFont(), ImGui::GetFontSize(), value.c_str(), std::max(0.0f, right - at.x));
    ImVec2 s = ImGui::CalcTextSize(fit.c_str());
    dl->AddText(at, color, fit.c_str());
    LayoutRecord(LayoutRole_DataLabel, value, ImRect(at, ImVec2(at.x + s.x, at.y + s.y)), lit);
}

static std::string BarValueText(const Dataset& ds, const CompareModel& model, const CompareBar& b)
{
    std::string v = FigureValueText(ds, model.Metric, b.F) + (b.F.Conf != Confidence_Reported ? " est." : "");
    if (b.F.Age > 0)
        v += "  (" + AgeText(b.F, model.Granularity) + ")";
    return v;
}

void DrawCompareView(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    UpdateCompareModel(ctx);
    if (ImGui::GetCurrentWindowRead()->SkipItems)
        return;   // the view's area is out of sight
    const CompareModel& model = ctx.Compare;
    int by = ctx.Edit.CompareBy == CompareKind_Region ? 1 : 0;
    // The controls wrap at narrow widths instead of running off the edge.
    FlowLayout row;
    row.Next(TextWidth("Compare"));
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Compare");
    LayoutRecordLastItem(LayoutRole_Label, "Compare");
    static const char* const by_labels[] = { "platforms", "regions" };
    row.Next(SegmentedTabsWidth(by_labels, 2, true));
    int pressed = SegmentedTabs(th, "##compare-by", by_labels, 2, by, 0.0f, true);
    if (pressed >= 0 && pressed != by)
    {
        by = pressed;
        ctx.Edit.CompareBy = by ? CompareKind_Region : CompareKind_Entity;
        ctx.CommitState();
    }
    row.Next(ToggleWidth("Largest first"));
    bool desc = ctx.Edit.SortDescending;
    if (Toggle(th, "##compare-desc", "Largest first", &desc))
    {
        ctx.Edit.SortDescending = desc;
        ctx.CommitState();
    }
    if (by == 0)
    {
        row.Next(ToggleWidth("Group by owner's country"));
        bool group = ctx.Edit.GroupByOrigin;
        if (Toggle(th, "##compare-group", "Group by owner's country", &group))
        {
            ctx.Edit.GroupByOrigin = group;
            ctx.CommitState();
        }
        if (model.Region >= 0)
        {
            std::string at = std::string("at ") + ShapedText(ds.Regions[model.Region].Name);
            std::string fit = Ellipsize(ImGui::GetFont(), ImGui::GetFontSize(), at.c_str(), ImGui::GetContentRegionAvail().x);
            row.Next(TextWidth(fit.c_str()));
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", fit.c_str());
            LayoutRecordLastItem(LayoutRole_Label, "at " + ds.Regions[model.Region].Name);
        }
    }
    DrawNotes(ctx, model.Notes);
    const std::vector<CompareBar>& bars = model.Bars;
    if (bars.empty())
    {
        ImGui::TextWrapped("No recent %s figure at or shortly before %s for this selection.", GranularityAdjective(model.Granularity),
                           PeriodLabel(ctx.Sel.At).c_str());
        LayoutRecordLastItem(LayoutRole_Label, "No recent figure for this selection");
        return;
    }
    if (model.FellBack)
    {
        ImGui::PushStyleColor(ImGuiCol_Text, th.TextMuted);
        ImGui::TextWrapped("Only one platform has a figure here, so its regions are compared instead.");
        ImGui::PopStyleColor();
        LayoutRecordLastItem(LayoutRole_Label, "Only one platform has a figure here, so its regions are compared instead.");
    }
    double hi = 0, lo = 0;
    for (const CompareBar& b : bars)
    {
        hi = std::max(hi, b.F.Value);
        lo = std::min(lo, b.F.Value);
    }
    if (hi <= lo)
        hi = lo + 1;

    ImVec2 avail = ImGui::GetContentRegionAvail();
    const float lh = ImGui::GetTextLineHeight();
    const float full = avail.x - ImGui::GetStyle().ScrollbarSize;   // room for a scrollbar when the rows do not fit
    // Narrow: each label on a line of its own above its bar, so the bars keep the whole width.
    const bool stacked = full < 520.0f;

    // Each bar's value text (with its bound sign and age) and the room the widest one needs at
    // the bars' end, so that no value is cut off by the edge.
    // Measured once per model and font, not every frame.
    static struct { uint64_t Generation = ~0ull; const ImFont* Font = nullptr; std::vector<std::string> Values; float ValueW = 0, LabelNeed = 0; } measured;
    if (measured.Generation != CompareGeneration || measured.Font != ImGui::GetFont())
    {
        measured.Generation = CompareGeneration;
        measured.Font = ImGui::GetFont();
        measured.Values.clear();
        measured.ValueW = 60.0f;
        measured.LabelNeed = 0.0f;
        for (const CompareBar& b : bars)
        {
            std::string v = BarValueText(ds, model, b);
            measured.ValueW = std::max(measured.ValueW, ImGui::CalcTextSize(v.c_str()).x + 12.0f + (b.F.Limit == Bound_Lower ? 36.0f : 0.0f));
            measured.LabelNeed = std::max(measured.LabelNeed, ImGui::CalcTextSize(ShapedText(b.Label)).x);
            measured.Values.push_back(std::move(v));
        }
    }
    const std::vector<std::string>& values = measured.Values;
    float value_w = measured.ValueW, label_need = measured.LabelNeed;
    value_w = std::min(value_w, full * 0.45f);
    float label_w = stacked ? full : std::min({ label_need + 4.0f, 300.0f, full * 0.38f });

    // Rows share the height: a few bars are drawn thick and spread over the space, many are drawn
    // at one line each and scroll.
    int groups = 0;
    if (ctx.Edit.GroupByOrigin && ctx.Edit.CompareBy == CompareKind_Entity)
    {
        std::string g;
        for (size_t i = 0; i < bars.size(); i++)
            if (i == 0 || bars[i].Group != g)
            {
                g = bars[i].Group;
                groups++;
            }
    }
    const float sep_h = ImGui::GetFrameHeightWithSpacing();
    const float stack_label_h = stacked ? lh + 2.0f : 0.0f;
    float fixed = groups * sep_h + (model.Totals.empty() ? 0.0f : sep_h + model.Totals.size() * (lh * (stacked ? 2.0f : 1.0f) + 10.0f));
    float min_row = stack_label_h + lh + 6.0f;
    float row_h = std::max(min_row, (avail.y - fixed) / (float)bars.size() - ImGui::GetStyle().ItemSpacing.y);
    row_h = std::min(row_h, stack_label_h + 96.0f);
    float bar_thick = std::clamp((row_h - stack_label_h) * 0.62f, lh + 2.0f, 56.0f);

    const ImVec2 bars_at = ImGui::GetCursorScreenPos();
    ReportPlot(ctx, ImRect(bars_at, ImVec2(bars_at.x + avail.x, bars_at.y + avail.y)));   // the bars' box
    // NavFlattened, as the frame's column and the view's body (views/frame.cpp): the arrows and
    // Tab walk the bars one by one (a plain child is one stop for the whole box); ImGui scrolls
    // this box to the focused bar, the column follows it (EndViewColumn).
    if (!ImGui::BeginChild("compare-bars", avail, ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened))
    {
        ImGui::EndChild();
        return;
    }
    ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
    if (ImGui::GetScrollMaxY() > 0)
        ctx.WheelRects.push_back(ImRect(wp, ImVec2(wp.x + ws.x, wp.y + ws.y)));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    static int tip_row = -1;   // the row whose tooltip shows, and where the pointer entered it
    static ImVec2 tip_at;
    int hovered_row = -1;
    std::string group;
    for (size_t i = 0; i < bars.size(); i++)
    {
        const CompareBar& b = bars[i];
        if (ctx.Edit.GroupByOrigin && ctx.Edit.CompareBy == CompareKind_Entity && (i == 0 || b.Group != group))
        {
            group = b.Group;
            std::string title = "Owner's country: " + b.Group;
            ImGui::SeparatorText(ShapedText(title));
            LayoutRecordLastItem(LayoutRole_Label, title);
        }
        ImGui::PushID((int)i);
        ImVec2 p = ImGui::GetCursorScreenPos();
        float row_w = ImGui::GetContentRegionAvail().x;
        if (ImGui::InvisibleButton("bar", ImVec2(row_w, row_h)))
            Emit(ctx, "select", SelectEventJson(ctx, b.F.Row));
        bool hovered = ImGui::IsItemHovered();
        ImGui::PopID();
        if (!ImGui::IsItemVisible())
            continue;   // scrolled out: neither drawn nor reported
        float x0 = stacked ? p.x : p.x + label_w + 8.0f;
        float span = std::max(10.0f, (stacked ? row_w : row_w - label_w - 8.0f) - value_w);
        float top = p.y + stack_label_h + (row_h - stack_label_h - bar_thick) * 0.5f;
        float zero = x0 + (float)((0 - lo) / (hi - lo)) * span;
        float end = x0 + (float)((b.F.Value - lo) / (hi - lo)) * span;
        ImRect bar(ImVec2(std::min(zero, end), top), ImVec2(std::max(zero, end) + 1.0f, top + bar_thick));
        ImU32 col = EntityColorFor(ctx, b.F.Entity);   // the entity's colour in every view, one entity's regions too
        bool est = b.F.Conf != Confidence_Reported;
        bool stale = b.F.Age > 0;
        if (hovered)
            dl->AddRectFilled(ImVec2(p.x, p.y), ImVec2(p.x + row_w, p.y + row_h), WithAlpha(th.Grid, 0.6f), 3.0f);
        dl->AddRectFilled(bar.Min, bar.Max, est || stale ? CachedEstimateColor(col, th) : col, 2.0f);
        if (est || stale)
        {
            // An earlier period's figure is drawn as the map draws it (and as the key says): it
            // sits on one scale beside this period's, so it must not look like one of them.
            DrawHatch(dl, bar, th.EstimateHatch, 6.0f);
            dl->AddRect(bar.Min, bar.Max, col, 2.0f, 0, 1.0f);
        }
        if (hovered)
            dl->AddRect(ImVec2(bar.Min.x - 1, bar.Min.y - 1), ImVec2(bar.Max.x + 1, bar.Max.y + 1), th.Text, 2.0f, 0, 1.5f);
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
        // Label in its column (or on its own line when stacked), value at the bar's end.
        bool cut = stacked ? DrawBarLabel(dl, p, label_w, stack_label_h, th.Text, b.Label, hovered)
                           : DrawBarLabel(dl, p, label_w, row_h, th.Text, b.Label, hovered);
        float value_x = std::max(zero, end) + 6.0f + (b.F.Limit == Bound_Lower ? 36.0f : 0.0f);
        DrawValueLabel(dl, ImVec2(value_x, (bar.Min.y + bar.Max.y - lh) * 0.5f), p.x + row_w, stale ? th.TextMuted : th.Text, values[i], hovered);
        if (hovered)
        {
            // The tooltip stays where it appeared while the pointer stays on this bar.
            hovered_row = (int)i;
            if (tip_row != hovered_row)
                tip_at = ImGui::GetIO().MousePos;
            TooltipAnchor anchor(tip_at);
            ObservationTooltip(ctx, b.F, cut ? ShapedText(b.Label) : "", false);   // a label that was cut, whole
        }
    }
    // Totals (the world, or a region containing others compared) come after the ranking, apart
    // and without a bar: on the parts' scale a total's bar would dwarf them and read as a rank.
    if (!model.Totals.empty())
    {
        ImGui::SeparatorText("Totals, not ranked with their parts");
        LayoutRecordLastItem(LayoutRole_Label, "Totals, not ranked with their parts");
    }
    for (size_t i = 0; i < model.Totals.size(); i++)
    {
        const CompareBar& b = model.Totals[i];
        ImGui::PushID((int)(bars.size() + i));
        ImVec2 p = ImGui::GetCursorScreenPos();
        float row_w = ImGui::GetContentRegionAvail().x;
        float total_h = stacked ? lh * 2.0f + 6.0f : lh + 6.0f;
        if (ImGui::InvisibleButton("total", ImVec2(row_w, total_h)))
            Emit(ctx, "select", SelectEventJson(ctx, b.F.Row));
        bool hovered = ImGui::IsItemHovered();
        if (hovered)
            dl->AddRectFilled(ImVec2(p.x, p.y), ImVec2(p.x + row_w, p.y + total_h), WithAlpha(th.Grid, 0.6f), 3.0f);
        ImGui::PopID();
        if (!ImGui::IsItemVisible())
            continue;
        std::string label = b.Label + (ds.Regions[b.F.Region].World ? " (total, not ranked)" : " (contains " + b.Contains + ")");
        bool cut = DrawBarLabel(dl, ImVec2(p.x, p.y + 3), label_w, lh, th.Text, label, hovered);
        std::string value = BarValueText(ds, model, b);
        ImVec2 vp = stacked ? ImVec2(p.x, p.y + 3 + lh) : ImVec2(p.x + label_w + 8.0f, p.y + 3);
        DrawValueLabel(dl, vp, p.x + row_w, b.F.Age > 0 ? th.TextMuted : th.Text, value, hovered);
        if (hovered)
        {
            hovered_row = (int)(bars.size() + i);
            if (tip_row != hovered_row)
                tip_at = ImGui::GetIO().MousePos;
            TooltipAnchor anchor(tip_at);
            ObservationTooltip(ctx, b.F, cut ? ShapedText(label) : "", false);
        }
    }
    tip_row = hovered_row;
    ImGui::EndChild();
}

} // namespace ls
