// The frame around the views: the view switcher, the controls (pickers, the period timeline,
// playback speed), the metric's definition, the footer, playback and keyboard shortcuts.
//
// Index
//  [SECTION] Views frame: tabs, controls, body
//  [SECTION] One scrolling column
//  [SECTION] Playback and shortcuts

#include "ui/views/views.h"
#include "core/stable_sort.h"
#include "ui/app.h"
#include "ui/controls.h"
#include "ui/layout_report.h"
#include "ui/shaping.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace ls {

//-----------------------------------------------------------------------------
// [SECTION] Views frame: tabs, controls, body
//-----------------------------------------------------------------------------
// From a 320 px phone to a 2560 px monitor: the tabs fit (or shrink, or become a menu), the
// pickers wrap onto more lines (or, when they would take more than two, move into a "Filters"
// sheet), and the definition and the footer wrap. Every decision is a measurement of the text
// against the width ImGui says is available.


// The view switcher: segmented tabs at their natural size, tighter ones when those do not fit,
// a "View" menu when neither does (true then: the next control may share its line).
// Keyboard: Tab/arrows reach each segment, or 1..6 anywhere.
static bool DrawViewSwitcher(ViewContext& ctx)
{
    const Theme& theme = *ctx.Theme_;
    const float avail = ImGui::GetContentRegionAvail().x;
    const int selected = (int)ctx.Edit.View;
    int pressed = -1;
    bool menu = false;
    if (SegmentedTabsWidth(ViewLabels, ViewKind_COUNT) <= avail)
        pressed = SegmentedTabs(theme, "views", ViewLabels, ViewKind_COUNT, selected);
    else if (SegmentedTabsWidth(ViewLabels, ViewKind_COUNT, true) <= avail)
        pressed = SegmentedTabs(theme, "views", ViewLabels, ViewKind_COUNT, selected, avail, true);
    else
    {
        menu = true;
        if (BeginPill(theme, "##view-menu", "View", ViewLabels[selected]))
        {
            for (int v = 0; v < ViewKind_COUNT; v++)
                if (MenuItem(theme, ViewLabels[v], v == selected))
                    pressed = v;
            EndPill();
        }
    }
    ctx.LastDrawnView = selected;
    if (pressed >= 0 && pressed != selected)
    {
        ctx.Edit.View = (ViewKind)pressed;
        ctx.CommitState();
    }
    return menu;
}

// The footer: how estimates look, and what the figures rest on. Three phrases that wrap as
// wholes, and a phrase longer than the line wraps within itself.
struct FooterPart { const char* Text; bool Swatch; bool Estimate; float Width = 0.0f; };   // Width: measured by the first pass

static float FooterLayout(FooterPart* parts, int n, float width, bool draw, const ViewContext& ctx)
{
    const float line = ImGui::GetTextLineHeight(), spacing = ImGui::GetStyle().ItemSpacing.y;
    const float sw = line + 4.0f;   // a swatch and its gap
    const float gap = ImGui::GetFontSize() * 1.2f;
    float x = 0.0f, height = line;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < n; i++)
    {
        FooterPart& p = parts[i];
        const float lead = p.Swatch ? sw : 0.0f;
        if (!draw)
            p.Width = ImGui::CalcTextSize(p.Text).x;
        const float w = lead + p.Width;
        const bool fits = x == 0.0f || x + gap + w <= width;
        if (!fits)
        {
            height += line + spacing;
            x = 0.0f;
        }
        float text_h = line;
        if (w > width)   // wraps within itself: as many lines as the text needs beside its swatch
            text_h = ImGui::CalcTextSize(p.Text, nullptr, false, std::max(1.0f, width - lead)).y;
        if (draw)
        {
            if (x > 0.0f)
                ImGui::SameLine(0.0f, gap);
            ImVec2 pos = ImGui::GetCursorScreenPos();
            if (p.Swatch)
            {
                const float h = ImGui::GetTextLineHeight();
                ImRect r(ImVec2(pos.x, pos.y + 3.0f), ImVec2(pos.x + line, pos.y + h - 3.0f));
                ImU32 c = ctx.Theme_->TextMuted;
                dl->AddRectFilled(r.Min, r.Max, p.Estimate ? EstimateColor(c, *ctx.Theme_) : c);
                if (p.Estimate)
                    DrawHatch(dl, r, ctx.Theme_->EstimateHatch, 4.0f);
                ImGui::Dummy(ImVec2(lead, h));
                ImGui::SameLine(0.0f, 0.0f);
            }
            ImGui::PushStyleColor(ImGuiCol_Text, ctx.Theme_->TextMuted);
            ImGui::PushTextWrapPos(w > width ? 0.0f : -1.0f);
            ImGui::TextUnformatted(p.Text);
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
            LayoutRecordLastItem(LayoutRole_Label, p.Text);
        }
        height += text_h - line;
        x = w > width ? width : x + (x > 0.0f ? gap : 0.0f) + w;
    }
    return height;
}

static void DrawControlsRow(ViewContext& ctx, bool beside_view_menu);

//-----------------------------------------------------------------------------
// [SECTION] One scrolling column
//-----------------------------------------------------------------------------
// On a short canvas (a phone's 560 px under a two-line title, the pickers, the period control
// and a view's options) a chart got what was left: 20 px of a bar. There, the whole frame (title,
// controls, the view, the footer) becomes one column that scrolls, the view's body one screen
// tall, so that scrolled to its end the chart and its options fill the canvas. The wheel and
// touch scroll it as they scroll the map's narrow column (a panel in ctx.WheelRects:
// App::TouchKindAt gives a finger's drag to it until its end, then to the page). Keyboard focus
// on a chart's own items (compare's bars, in a child of a child) does not bring it into view yet.
//
// Whether a view needs it is measured, not guessed from the width: each chart reports its plot
// areas (ReportPlot); when the smallest is under MinPlotHeight(), the next frames draw in the
// column, with the body as tall as that minimum needs (the body's height less the plots' shortfall,
// per plot: share's charts split the body). The view switcher's frames settle within two frames.

static bool ChartView(ViewKind v) { return v == ViewKind_Compare || v == ViewKind_Trend || v == ViewKind_Share; }

float MinPlotHeight() { return 180.0f; }   // a chart a reader can read values off: about ten lines of text

void ReportPlot(ViewContext& ctx, const ImRect& plot)
{
    ctx.PlotRects.push_back(plot);
    LayoutRecord(LayoutRole_Plot, "", plot);
}

bool BeginViewColumn(ViewContext* ctxp)
{
    ViewContext& ctx = *ctxp;
    ctx.PlotRects.clear();
    ctx.ColumnActive = false;
    const ViewKind v = ctx.Edit.View;
    if (!ctx.HasData || v < 0 || v >= ViewKind_COUNT || !ChartView(v) || !ctx.ColumnOn[v])
        return false;
    // From the cursor to the canvas's bottom, and to the right into the window's padding as far as
    // its clip rectangle reaches (half the padding): a thin scrollbar there leaves the content the
    // width it has without the column, so nothing wraps differently when the column comes or goes.
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float bar = std::max(2.0f, win->ClipRect.Max.x - (pos.x + ImGui::GetContentRegionAvail().x));
    const ImVec2 size(ImGui::GetContentRegionAvail().x + bar, win->Pos.y + win->Size.y - pos.y);
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, bar);
    // NavFlattened: Tab and the arrows walk the items inside as the window's own (a plain child is
    // one stop that only Enter opens, so the keyboard could reach nothing in a phone's column).
    // One column per view (ImGui keeps a child's scroll by its id): a view first shown starts at
    // its header, not at the depth the reader had scrolled another view to, and a view returned
    // to is where the reader left it.
    ImGui::PushID((int)v);
    const ImGuiID column_id = ImGui::GetID("view-column");
    ImGui::PopID();
    const bool open = ImGui::BeginChildEx("view-column", column_id, size, ImGuiChildFlags_None, ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NavFlattened);
    ImGui::PopStyleVar();
    ctx.ColumnActive = true;
    if (open && ImGui::GetScrollMaxY() > 0.0f)
        ctx.WheelRects.push_back(ImRect(pos, ImVec2(pos.x + size.x, pos.y + size.y)));
    return true;
}

void EndViewColumn(ViewContext* ctxp, bool began)
{
    if (!began)
        return;
    ImGui::Dummy(ImVec2(1.0f, ImGui::GetStyle().WindowPadding.y));   // the window's bottom padding, at the column's end
    // Keyboard focus moved onto an item of a child inside the column (a chart's bars): ImGui
    // scrolls the window that holds the item, never this column around it, so the item could sit
    // below the fold. Scrolled here, the next frame shows it.
    ImGuiContext& g = *GImGui;
    ImGuiWindow* column = ImGui::GetCurrentWindow();
    if (g.NavJustMovedToId != 0 && g.NavWindow && g.NavWindow != column && ImGui::IsWindowChildOf(g.NavWindow, column, false))
        ImGui::ScrollToRectEx(column, ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]), ImGuiScrollFlags_KeepVisibleEdgeY);
    ImGui::EndChild();
    ctxp->ColumnActive = false;
}

// After the view's body: its plots' smallest height decides the next frame's layout.
static void MeasureColumn(ViewContext& ctx, float body_top, float body_h, float footer_h, bool body_shown)
{
    const ViewKind v = ctx.Edit.View;
    if (!ChartView(v))
        return;
    if (!body_shown)
        return;   // scrolled out of sight: nothing was measured
    if (ctx.PlotRects.empty())
    {
        ctx.ColumnOn[v] = false;   // nothing plotted (a message instead): nothing to make room for
        return;
    }
    float smallest = FLT_MAX;
    for (const ImRect& r : ctx.PlotRects)
        smallest = std::min(smallest, r.GetHeight());
    const float required = body_h + (float)ctx.PlotRects.size() * (MinPlotHeight() - smallest);
    // The body's height without the column: from its top (as if not scrolled) to the canvas's
    // bottom padding, less the footer.
    const float top = body_top + (ctx.ColumnActive ? ImGui::GetScrollY() : 0.0f);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float fit = vp->Pos.y + vp->Size.y - ImGui::GetStyle().WindowPadding.y - top - footer_h;
    ctx.ColumnBody[v] = required;
    bool& on = ctx.ColumnOn[v];
    on = on ? required > fit - 8.0f : required > fit + 0.5f;   // 8 px either way: no flicker between the two
}

void DrawViews(ViewContext* ctxp)
{
    ViewContext& ctx = *ctxp;
    if (ctx.Data != &ctx.App_->Data() || ctx.Sel.Metric < 0)
        OnStateChanged(ctxp);

    const bool view_menu = DrawViewSwitcher(ctx);
    if (ctx.Edit.View != ViewKind_Sources)
        DrawControlsRow(ctx, view_menu);

    char counts[96];
    const size_t observations = ctx.Data->ObservationCount(), sources = ctx.Data->Sources.size();
    std::snprintf(counts, sizeof(counts), "%zu observation%s, %zu source%s", observations, observations == 1 ? "" : "s", sources,
                  sources == 1 ? "" : "s");
    static const std::string provisional = std::string(ProvisionalKey) + " (lighter, hatched, dashed)";
    FooterPart footer[] = { { "reported", true, false }, { provisional.c_str(), true, true },
                            { counts, false, false } };
    ImVec2 avail = ImGui::GetContentRegionAvail();
    const float footer_h = FooterLayout(footer, 3, avail.x, false, ctx) + ImGui::GetStyle().ItemSpacing.y;
    avail.y -= footer_h;
    if (ctx.ColumnActive)   // one screen, or what the plots' minimum needs: at the column's end the body and footer fill the canvas
        avail.y = std::max(ImGui::GetCurrentWindow()->InnerRect.GetHeight() - footer_h - ImGui::GetStyle().WindowPadding.y,
                           ctx.ColumnBody[ctx.Edit.View]);
    avail.y = std::max(avail.y, 1.0f);   // 0 or less would tell ImGui "the rest of the window", over the footer
    const float body_top = ImGui::GetCursorScreenPos().y;
    const bool body_shown = ImGui::BeginChild("view-body", avail, ImGuiChildFlags_None, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NavFlattened);
    switch (ctx.Edit.View)
    {
    case ViewKind_Map: DrawMapView(ctx); break;
    case ViewKind_Trend: DrawTrendView(ctx); break;
    case ViewKind_Compare: DrawCompareView(ctx); break;
    case ViewKind_Share: DrawShareView(ctx); break;
    case ViewKind_Table: DrawTableView(ctx); break;
    case ViewKind_Sources: DrawSourcesView(ctx); break;
    default: break;
    }
    ImGui::EndChild();
    MeasureColumn(ctx, body_top, avail.y, footer_h, body_shown);
    FooterLayout(footer, 3, avail.x, true, ctx);
}

// What a pill shows for a list: the first name and how many more.
static std::string FirstAndMore(const std::string& first, size_t count)
{
    return count > 1 ? first + " +" + std::to_string(count - 1) : first;
}

static std::string EntityPickerValue(const ViewContext& ctx)
{
    return ctx.Sel.Entities.empty() ? std::string("none") : FirstAndMore(ctx.Data->Entities[ctx.Sel.Entities[0]].Name, ctx.Sel.Entities.size());
}

static std::string RegionPickerValue(const ViewContext& ctx)
{
    return ctx.Sel.Regions.empty() ? std::string("all with data") : FirstAndMore(ctx.Data->Regions[ctx.Sel.Regions[0]].Name, ctx.Sel.Regions.size());
}

static const char* MetricPickerValue(const ViewContext& ctx)
{
    return ctx.Sel.Metric >= 0 ? ctx.Data->Metrics[ctx.Sel.Metric].Name.c_str() : "choose one";
}

// Entities grouped by category, searchable by name or native name.
static void DrawEntityPicker(ViewContext& ctx, const std::string& value, float width)
{
    const Dataset& ds = *ctx.Data;
    const Theme& theme = *ctx.Theme_;
    if (!BeginPill(theme, "##entities", "Platforms", value, width, ImGuiComboFlags_HeightLarge))
        return;
    if (ImGui::IsWindowAppearing())
        ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    bool searched = ImGui::InputTextWithHint("##entity-search", "Search by name or native name", ctx.EntitySearch, sizeof(ctx.EntitySearch));
    std::string needle = ctx.EntitySearch;
    std::transform(needle.begin(), needle.end(), needle.begin(), [](unsigned char c) { return (char)std::tolower(c); });
    auto matches = [&](const Entity& e) {
        if (needle.empty())
            return true;
        for (const std::string* s : { &e.Name, &e.NativeName, &e.Id, &e.Owner })
        {
            std::string lower = *s;
            std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return (char)std::tolower(c); });
            if (lower.find(needle) != std::string::npos)
                return true;
        }
        return false;
    };
    // Only entities with data for the metric; grouped by category, then by origin.
    std::vector<int> order;
    for (int e = 0; e < (int)ds.Entities.size(); e++)
        if (matches(ds.Entities[e]) && (ctx.Sel.Metric < 0 || ctx.EntityHasMetric(e)))
            order.push_back(e);
    StableSortBy(order, [&](int a, int b) {
        const Entity& x = ds.Entities[a];
        const Entity& y = ds.Entities[b];
        if (x.Category != y.Category) return x.Category < y.Category;
        if (x.HqCountry != y.HqCountry) return x.HqCountry < y.HqCountry;
        return x.Name < y.Name;
    });
    if (searched)   // screen readers hear how many platforms the search leaves
    {
        std::string announce = std::to_string(order.size()) + (order.size() == 1 ? " platform matches \"" : " platforms match \"") +
                               ctx.EntitySearch + "\"" + (order.size() == 1 ? ": " + ds.Entities[order[0]].Name : "");
        if (announce != ctx.Announce)
        {
            ctx.Announce = std::move(announce);
            ctx.MirrorVersion++;
        }
    }
    std::string group;
    bool changed = false;
    for (int e : order)
    {
        const Entity& ent = ds.Entities[e];
        std::string g = (ent.Category.empty() ? std::string("other") : ent.Category);
        if (g != group)
        {
            group = g;
            ImGui::SeparatorText(ShapedText(group));
            LayoutRecordLastItem(LayoutRole_Menu, group);   // in the picker's popup
        }
        bool on = std::find(ctx.Sel.Entities.begin(), ctx.Sel.Entities.end(), e) != ctx.Sel.Entities.end();
        std::string item = EntityLabel(ent) + (ent.HqCountry.empty() ? "" : "  ·  " + ent.HqCountry);
        ImGui::PushID(e);
        if (CheckItem(theme, item, &on, EntityColorFor(ctx, e)))
        {
            auto& ids = ctx.Edit.Entities;
            if (on) ids.push_back(ent.Id);
            else ids.erase(std::remove(ids.begin(), ids.end(), ent.Id), ids.end());
            changed = true;
        }
        ImGui::PopID();
    }
    if (order.empty())
    {
        std::string none = std::string("No platform matches \"") + ctx.EntitySearch + "\" for this metric.";
        ImGui::TextDisabled("%s", ShapedText(none));
        LayoutRecordLastItem(LayoutRole_Menu, none);
    }
    EndPill();
    if (changed)
        ctx.CommitState();
}

static void DrawRegionPicker(ViewContext& ctx, const std::string& value, float width)
{
    const Dataset& ds = *ctx.Data;
    const Theme& theme = *ctx.Theme_;
    if (!BeginPill(theme, "##regions", "Regions", value, width, ImGuiComboFlags_HeightLarge))
        return;
    bool changed = false;
    bool all = ctx.Sel.Regions.empty();
    if (CheckItem(theme, "All regions with data", &all) && all)
    {
        ctx.Edit.Regions.clear();
        changed = true;
    }
    ImGui::Separator();
    for (int r = 0; r < (int)ds.Regions.size(); r++)
    {
        if (ctx.Sel.Metric >= 0 && !ctx.RegionHasMetric(r))
            continue;
        const Region& reg = ds.Regions[r];
        bool on = std::find(ctx.Sel.Regions.begin(), ctx.Sel.Regions.end(), r) != ctx.Sel.Regions.end();
        ImGui::PushID(r);
        if (CheckItem(theme, reg.Name, &on))
        {
            auto& ids = ctx.Edit.Regions;
            if (on) ids.push_back(reg.Id);
            else ids.erase(std::remove(ids.begin(), ids.end(), reg.Id), ids.end());
            changed = true;
        }
        ImGui::PopID();
        if (!reg.Note.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
            ImGui::SetTooltip("%s", ShapedText(reg.Note));
    }
    EndPill();
    if (changed)
        ctx.CommitState();
}

static void DrawMetricPicker(ViewContext& ctx, float width)
{
    const Dataset& ds = *ctx.Data;
    const Theme& theme = *ctx.Theme_;
    if (!BeginPill(theme, "##metric", "Metric", MetricPickerValue(ctx), width, ImGuiComboFlags_HeightLarge))
        return;
    for (int m = 0; m < (int)ds.Metrics.size(); m++)
    {
        const Metric& met = ds.Metrics[m];
        ImGui::PushID(m);
        if (MenuItem(theme, met.Unit.empty() ? met.Name : met.Name + "  (" + met.Unit + ")", m == ctx.Sel.Metric) && m != ctx.Sel.Metric)
        {
            ctx.Edit.Metric = met.Id;
            ctx.Edit.Entities.clear();    // the new metric picks its own defaults
            ctx.Edit.Regions.clear();
            ctx.Edit.Period.clear();
            ctx.Edit.Granularity = PeriodKind_None;
            ctx.CommitState();
        }
        ImGui::PopID();
        if (!met.Definition.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
            ImGui::SetTooltip("%s", ShapedText(met.Definition));
    }
    EndPill();
}

// Annual, quarterly ... figures of a flow are different quantities: the reader picks which to see
// (only offered when the metric has more than one).
static void DrawGranularityPicker(ViewContext& ctx, float width)
{
    const auto& kinds = ctx.Sel.Granularities;
    if (kinds.size() < 2)
        return;
    const Theme& theme = *ctx.Theme_;
    if (!BeginPill(theme, "##granularity", "Figures", GranularityAdjective(ctx.Sel.Granularity), width))
        return;
    for (PeriodKind k : kinds)
        if (MenuItem(theme, GranularityAdjective(k), k == ctx.Sel.Granularity) && k != ctx.Sel.Granularity)
        {
            ctx.Edit.Granularity = k;
            ctx.Edit.Period.clear();   // the latest period of that granularity
            ctx.Playing = false;
            ctx.CommitState();
        }
    EndPill();
}

static void ResetView(ViewContext& ctx)
{
    ctx.Edit = ViewState();
    ctx.Edit.View = ctx.App_->State().View;
    ctx.MapZoom = 1.0f;
    ctx.MapPan = ImVec2(0, 0);
    ctx.Playing = false;
    ctx.CommitState();
}

// The period control's ticks: one per year at the year's first period (every period of annual
// figures), labelled with the year. Kept until the periods change, so a frame builds no strings.
struct TimelineTicks
{
    const Period* Data = nullptr;
    size_t Count = 0;
    uint32_t First = 0, Last = 0;
    std::vector<std::string> Labels;
    std::vector<TimelineTick> Ticks;
    float LabelWidth = 0.0f;   // the widest period label, so the control does not shift while playing
    float FontSize = 0.0f;
};

static const TimelineTicks& TicksFor(const std::vector<Period>& periods)
{
    static TimelineTicks cache;
    if (cache.Data == periods.data() && cache.Count == periods.size() && cache.FontSize == ImGui::GetFontSize() &&
        (periods.empty() || (cache.First == periods.front().Key && cache.Last == periods.back().Key)))
        return cache;
    cache = TimelineTicks();
    cache.Data = periods.data();
    cache.Count = periods.size();
    cache.FontSize = ImGui::GetFontSize();
    if (!periods.empty())
    {
        cache.First = periods.front().Key;
        cache.Last = periods.back().Key;
    }
    int last_year = INT32_MIN;
    std::vector<int> indices;
    for (size_t i = 0; i < periods.size(); i++)
    {
        cache.LabelWidth = std::max(cache.LabelWidth, ImGui::CalcTextSize(PeriodLabel(periods[i]).c_str()).x);
        int y = PeriodYear(periods[i]);
        if (y != last_year)
        {
            last_year = y;
            cache.Labels.push_back(std::to_string(y));
            indices.push_back((int)i);
        }
    }
    for (size_t k = 0; k < indices.size(); k++)
        cache.Ticks.push_back({ indices[k], cache.Labels[k].c_str() });
    return cache;
}

// The chosen period, said once, at a fixed width (the widest label) so nothing moves while playing.
static void PeriodValueLabel(const ViewContext& ctx, const std::string& text, float width)
{
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect bb(pos, ImVec2(pos.x + width, pos.y + ControlHeight()));
    ImGui::ItemSize(bb, ImGui::GetStyle().FramePadding.y);
    if (!ImGui::ItemAdd(bb, 0))
        return;
    const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
    const ImVec2 tp(bb.Min.x, bb.Min.y + (bb.GetHeight() - ts.y) * 0.5f);
    window->DrawList->AddText(tp, ctx.Theme_->Text, text.c_str());
    LayoutRecord(LayoutRole_Slider, text, ImRect(tp, ImVec2(tp.x + ts.x, tp.y + ts.y)));
}

static void TogglePlay(ViewContext& ctx)
{
    const auto& periods = ctx.Sel.MetricPeriods;
    ctx.Playing = !ctx.Playing;
    ctx.PlayLast = ctx.Time;
    if (ctx.Playing && ctx.Sel.AtIndex == (int)periods.size() - 1)
    {
        ctx.Edit.Period = FormatPeriod(periods[0]);   // from the start again
        ctx.CommitState();
    }
}

// [▶] Q3 2025 [timeline with year ticks] [Speed 1× ▾] [✎]: the period is said once; on a narrow
// line the timeline takes a line of its own below the buttons.
static void DrawPeriodControls(ViewContext& ctx)
{
    const Theme& theme = *ctx.Theme_;
    const auto& periods = ctx.Sel.MetricPeriods;
    if (periods.empty())
    {
        ImGui::TextDisabled("no periods");
        LayoutRecordLastItem(LayoutRole_Label, "no periods");
        return;
    }
    const TimelineTicks& ticks = TicksFor(periods);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float fs = ImGui::GetFontSize();
    const float avail = ImGui::GetContentRegionAvail().x;
    static const float speeds[] = { 0.5f, 1.0f, 2.0f, 4.0f };
    static const char* speed_names[] = { "0.5\xC3\x97", "1\xC3\x97", "2\xC3\x97", "4\xC3\x97" };   // ×
    int speed = 1;
    for (int i = 0; i < 4; i++)
        if (std::fabs(ctx.PlaySpeed - speeds[i]) < 0.01f)
            speed = i;
    const bool wide = avail >= fs * 32.0f;
    const char* speed_label = wide ? "Speed" : "";
    const float fixed = ControlHeight() * 2.0f + ticks.LabelWidth + PillWidth(speed_label, "0.5\xC3\x97") + style.ItemSpacing.x * 4.0f;
    // Capped on wide screens: the speed and the typed period stay near the play button.
    const float timeline_w = std::min(avail - fixed, std::max(fs * 40.0f, fs * 1.5f * (float)periods.size()));
    const bool own_line = timeline_w < fs * 10.0f;

    ImGui::BeginDisabled(periods.size() < 2);
    if (IconButton(theme, "##play", ctx.Playing ? Icon_Pause : Icon_Play, ctx.Playing ? "Pause" : "Play"))
        TogglePlay(ctx);
    ImGui::EndDisabled();
    ImGui::SameLine();
    std::string label = PeriodLabel(ctx.Sel.At);
    PeriodValueLabel(ctx, label, ticks.LabelWidth);
    auto timeline = [&](float w) {
        int index = std::max(0, ctx.Sel.AtIndex);
        if (Timeline(theme, "##period", (int)periods.size(), &index, ticks.Ticks.data(), (int)ticks.Ticks.size(), label, w))
        {
            ctx.Edit.Period = FormatPeriod(periods[index]);
            ctx.CommitState();
        }
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
            ImGui::SetTooltip("Period (Left/Right arrow keys step through time, Space plays)");
    };
    if (!own_line)
    {
        ImGui::SameLine();
        timeline(timeline_w);
    }
    ImGui::SameLine();
    if (BeginPill(theme, "##speed", speed_label, speed_names[speed]))
    {
        for (int i = 0; i < 4; i++)
            if (MenuItem(theme, speed_names[i], i == speed))
                ctx.PlaySpeed = speeds[i];
        EndPill();
    }
    else if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
        ImGui::SetTooltip("Playback speed: periods per second");
    ImGui::SameLine();
    // A period typed in full (2023, 2023-Q2, 2023-06): a field that opens from a button, so the
    // period is not shown a second time while it is closed.
    if (IconButton(theme, "##period-go", Icon_Edit, "Go to a period"))
    {
        std::snprintf(ctx.PeriodText, sizeof(ctx.PeriodText), "%s", FormatPeriod(ctx.Sel.At).c_str());
        ImGui::OpenPopup("##period-typed");
    }
    {
        // Below the button, opening towards the canvas's middle (not over the button, where a
        // popup opened at the pointer would sit).
        const ImRect b(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        const bool right_half = b.GetCenter().x > ImGui::GetMainViewport()->GetCenter().x;
        ImGui::SetNextWindowPos(ImVec2(right_half ? b.Max.x : b.Min.x, b.Max.y + style.ItemSpacing.y), ImGuiCond_Appearing,
                                ImVec2(right_half ? 1.0f : 0.0f, 0.0f));
    }
    if (ImGui::BeginPopup("##period-typed"))
    {
        if (ImGui::IsWindowAppearing())
            ImGui::SetKeyboardFocusHere();
        ImGui::SetNextItemWidth(fs * 9.0f);
        if (ImGui::InputTextWithHint("##period-text", "2023-Q2", ctx.PeriodText, sizeof(ctx.PeriodText), ImGuiInputTextFlags_EnterReturnsTrue))
        {
            Period p;
            if (ParsePeriod(ctx.PeriodText, &p))
            {
                ctx.Edit.Period = FormatPeriod(p);
                ctx.Edit.Granularity = GetPeriodKind(p);   // a typed "2024" asks for annual figures
                ctx.CommitState();
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::TextDisabled("2023, 2023-Q2, 2023-06 or 2023-06-15, then Enter");
        LayoutRecordLastItem(LayoutRole_Menu, "2023, 2023-Q2, 2023-06 or 2023-06-15, then Enter");
        ImGui::EndPopup();
    }
    if (own_line)
        timeline(ImGui::GetContentRegionAvail().x);
}

// The metric's definition, wrapped. Where the pickers went into the sheet (a phone) it takes two
// lines ending in "… More" until the reader opens it: the chart keeps the height.

static void DrawDefinition(ViewContext& ctx, const std::string& text, bool compact)
{
    const Theme& theme = *ctx.Theme_;
    const char* shaped = ShapedText(text);
    const char* end = shaped + std::strlen(shaped);
    const float width = ImGui::GetContentRegionAvail().x;
    const float line = ImGui::GetTextLineHeight();
    const bool long_text = compact && ImGui::CalcTextSize(shaped, end, false, width).y > line * 2.5f;
    if (!long_text || ctx.DefinitionOpen)
    {
        WrappedText(text, theme.TextMuted, LayoutRole_Label);
        if (long_text && LinkButton(theme, "##definition-less", "Less"))
            ctx.DefinitionOpen = false;
        return;
    }
    ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    const char* more = "\xE2\x80\xA6 More";   // "… More"
    const char* first_end = font->CalcWordWrapPositionA(scale, shaped, end, width);
    const char* second = first_end;
    while (second < end && (*second == ' ' || *second == '\n'))
        second++;
    const char* second_end = font->CalcWordWrapPositionA(scale, second, end, width - ImGui::CalcTextSize(more).x - ImGui::GetFontSize() * 0.5f);
    ImGui::PushStyleColor(ImGuiCol_Text, theme.TextMuted);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.0f));   // spaced as wrapped lines
    ImGui::TextUnformatted(shaped, first_end);
    ImGui::PopStyleVar();
    LayoutRecordLastItem(LayoutRole_Label, std::string_view(shaped, (size_t)(first_end - shaped)));
    ImGui::TextUnformatted(second, second_end);
    LayoutRecordLastItem(LayoutRole_Label, std::string_view(second, (size_t)(second_end - second)));
    ImGui::PopStyleColor();
    ImGui::SameLine(0.0f, ImGui::GetFontSize() * 0.3f);
    if (LinkButton(theme, "##definition-more", more))
        ctx.DefinitionOpen = true;
}

// The pickers: side by side and wrapping while they take at most two lines; past that (a phone)
// they move into a "Filters" sheet, one full-width picker a line, opened from a pill that names
// the metric.
void DrawControls(ViewContext& ctx) { DrawControlsRow(ctx, false); }

static void DrawControlsRow(ViewContext& ctx, bool beside_view_menu)
{
    const Theme& theme = *ctx.Theme_;
    const bool granularity = ctx.Edit.View != ViewKind_Table && ctx.Sel.Granularities.size() > 1;
    const std::string entities = EntityPickerValue(ctx), regions = RegionPickerValue(ctx);
    const char* metric = MetricPickerValue(ctx);
    const float avail = ImGui::GetContentRegionAvail().x;
    const float widths[] = { PillWidth("Metric", metric), PillWidth("Platforms", entities), PillWidth("Regions", regions),
                             granularity ? PillWidth("Figures", GranularityAdjective(ctx.Sel.Granularity)) : 0.0f, TextButtonWidth("Reset") };
    int lines = 1;
    float x = -1.0f;
    for (float w : widths)
    {
        if (w <= 0.0f)
            continue;
        w = std::min(w, avail);
        if (x >= 0.0f && x + ImGui::GetStyle().ItemSpacing.x + w > avail)
        {
            lines++;
            x = -1.0f;
        }
        x = (x < 0.0f ? 0.0f : x + ImGui::GetStyle().ItemSpacing.x) + w;
    }

    if (lines <= 2)
    {
        // The widths measured above, passed on (a pill caps its width at the line's remaining room).
        FlowLayout row;
        row.Next(std::min(widths[0], avail));
        DrawMetricPicker(ctx, widths[0]);
        row.Next(std::min(widths[1], avail));
        DrawEntityPicker(ctx, entities, widths[1]);
        row.Next(std::min(widths[2], avail));
        DrawRegionPicker(ctx, regions, widths[2]);
        if (granularity)
        {
            row.Next(std::min(widths[3], avail));
            DrawGranularityPicker(ctx, widths[3]);
        }
        row.Next(widths[4]);
        if (TextButton(theme, "##reset", "Reset"))
            ResetView(ctx);
    }
    else
    {
        if (beside_view_menu)   // a phone: "View Map" and "Filters ..." share a line
            ImGui::SameLine();
        if (BeginPill(theme, "##filters", "Filters", metric, ImGui::GetContentRegionAvail().x, ImGuiComboFlags_HeightLarge, avail))
        {
            const float w = ImGui::GetContentRegionAvail().x;
            DrawMetricPicker(ctx, w);
            DrawEntityPicker(ctx, entities, w);
            DrawRegionPicker(ctx, regions, w);
            if (granularity)
                DrawGranularityPicker(ctx, w);
            if (TextButton(theme, "##reset", "Reset"))
            {
                ResetView(ctx);
                ImGui::CloseCurrentPopup();
            }
            EndPill();
        }
    }
    if (ctx.Edit.View != ViewKind_Table && ctx.Edit.View != ViewKind_Trend && ctx.Edit.View != ViewKind_Share)
        DrawPeriodControls(ctx);
    if (ctx.Sel.Metric >= 0 && !ctx.Data->Metrics[ctx.Sel.Metric].Definition.empty())
        DrawDefinition(ctx, ctx.Data->Metrics[ctx.Sel.Metric].Definition, lines > 2);
}

//-----------------------------------------------------------------------------
// [SECTION] Playback and shortcuts
//-----------------------------------------------------------------------------

void AdvancePlayback(ViewContext* ctx)
{
    if (!ctx->Playing || ctx->Sel.MetricPeriods.empty())
        return;
    if (ctx->Time - ctx->PlayLast < 1.0 / ctx->PlaySpeed)
        return;
    ctx->PlayLast = ctx->Time;
    int next = ctx->Sel.AtIndex + 1;
    if (next >= (int)ctx->Sel.MetricPeriods.size())
    {
        ctx->Playing = false;
        return;
    }
    ctx->Edit.Period = FormatPeriod(ctx->Sel.MetricPeriods[next]);
    ctx->CommitState();
}

static bool StepPeriod(ViewContext& ctx, int delta)
{
    const auto& periods = ctx.Sel.MetricPeriods;
    if (periods.empty())
        return false;
    int next = std::clamp(ctx.Sel.AtIndex + delta, 0, (int)periods.size() - 1);
    if (next == ctx.Sel.AtIndex)
        return true;   // at the end: still ours, nothing to scroll
    ctx.Edit.Period = FormatPeriod(periods[next]);
    ctx.CommitState();
    return true;
}

bool HandleViewShortcut(ViewContext* ctxp, ImGuiKey key, bool ctrl, bool shift)
{
    ViewContext& ctx = *ctxp;
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ctrl)
        return false;
    // Left/Right step through time unless the keyboard is moving between controls (ImGui
    // keyboard navigation shows its highlight then; Escape hides it again).
    if ((key == ImGuiKey_LeftArrow || key == ImGuiKey_RightArrow) && !io.NavVisible && !ImGui::IsAnyItemActive())
        return StepPeriod(ctx, key == ImGuiKey_LeftArrow ? -1 : 1);
    if (key >= ImGuiKey_1 && key <= ImGuiKey_6 && !shift)
    {
        ctx.Edit.View = (ViewKind)(key - ImGuiKey_1);
        ctx.CommitState();
        return true;
    }
    if (key == ImGuiKey_Space && !io.NavVisible && !ImGui::IsAnyItemActive() && ctx.Sel.MetricPeriods.size() > 1)
    {
        ctx.Playing = !ctx.Playing;
        ctx.PlayLast = ctx.Time;
        return true;
    }
    return false;
}

void PinchViews(ViewContext* ctx, float x, float y, float scale)
{
    if (ctx->Edit.View != ViewKind_Map || !ctx->MapRect.Contains(ImVec2(x, y)))
        return;
    ZoomMapAt(*ctx, ImVec2(x, y), scale);
}

} // namespace ls
