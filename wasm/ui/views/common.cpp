// What the views share: the selection, the view switcher and controls, playback, keyboard
// shortcuts, formatting, the accessible mirror and the CSV export.
//
// Index
//  [SECTION] Formatting
//  [SECTION] Drawing helpers
//  [SECTION] Selection
//  [SECTION] Views frame: tabs, controls, body
//  [SECTION] Playback and shortcuts
//  [SECTION] Mirror and CSV

#include "ui/views/views.h"
#include "core/stable_sort.h"
#include "ui/app.h"
#include "ui/assets.h"
#include "ui/controls.h"
#include "ui/layout_report.h"
#include "ui/shaping.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace ls {

using Json = nlohmann::json;
static std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

//-----------------------------------------------------------------------------
// [SECTION] Formatting
//-----------------------------------------------------------------------------

std::string FormatValue(const Dataset& ds, int metric, double value) { return FormatNumber(ds, metric, value); }

std::string FormatValueWithUnit(const Dataset& ds, int metric, double value)
{
    std::string s = FormatValue(ds, metric, value);
    if (metric >= 0 && !ds.Metrics[metric].Unit.empty())
        s += " " + ds.Metrics[metric].Unit;
    return s;
}

ImU32 EntityColorFor(const ViewContext& ctx, int entity)
{
    const Entity& e = ctx.Data->Entities[entity];
    return EntityColor(e.Color, e.HasColor, entity, ctx.Theme_->Dark);
}

void Emit(ViewContext& ctx, const char* type, std::string json)
{
    ctx.PendingEvents.push_back({ type, std::move(json) });
}

std::string SelectEventJson(const ViewContext& ctx, uint32_t row)
{
    const Dataset& ds = *ctx.Data;
    const ObservationTable& o = ds.Observations;
    Json j;
    j["entity"] = ds.Entities[o.Entities[row]].Id;
    j["region"] = ds.Regions[o.Regions[row]].Id;
    j["metric"] = ds.Metrics[o.Metrics[row]].Id;
    j["period"] = FormatPeriod(o.Periods[row]);
    j["value"] = o.Values[row];
    j["confidence"] = ConfidenceName((Confidence)o.Confidences[row]);
    int s = ds.ObservationSource(row);
    j["source"] = s >= 0 ? ds.Sources[s].Id : "";
    return Dump(j);
}

//-----------------------------------------------------------------------------
// [SECTION] Drawing helpers
//-----------------------------------------------------------------------------

void DrawHatch(ImDrawList* dl, ImRect r, ImU32 color, float spacing)
{
    dl->PushClipRect(r.Min, r.Max, true);
    float h = r.GetHeight();
    for (float x = r.Min.x - h; x < r.Max.x; x += spacing)
        dl->AddLine(ImVec2(x, r.Max.y), ImVec2(x + h, r.Min.y), color, 1.5f);
    dl->PopClipRect();
}

//-----------------------------------------------------------------------------
// Retained geometry (see views.h)
//-----------------------------------------------------------------------------

RetainedGeometry::~RetainedGeometry() { IM_DELETE(List); }

ImDrawList* RetainedGeometry::Rebuild(const GeometryKey& key)
{
    if (Valid && key.Hash == Key)
        return nullptr;
    if (!List)
        List = IM_NEW(ImDrawList)(ImGui::GetDrawListSharedData());
    List->_ResetForNewFrame();
    List->PushClipRectFullScreen();
    List->PushTextureID(ImGui::GetIO().Fonts->TexID);
    Key = key.Hash;
    Valid = true;
    return List;
}

void RetainedGeometry::AppendTo(ImDrawList* dst) const
{
    if (!Valid || !List || List->IdxBuffer.Size == 0)
        return;
    const int vertices = List->VtxBuffer.Size, indices = List->IdxBuffer.Size;
    dst->PrimReserve(indices, vertices);
    const ImDrawIdx base = (ImDrawIdx)dst->_VtxCurrentIdx;
    std::memcpy(dst->_VtxWritePtr, List->VtxBuffer.Data, (size_t)vertices * sizeof(ImDrawVert));
    for (int i = 0; i < indices; i++)
        dst->_IdxWritePtr[i] = (ImDrawIdx)(List->IdxBuffer.Data[i] + base);
    dst->_VtxWritePtr += vertices;
    dst->_IdxWritePtr += indices;
    dst->_VtxCurrentIdx += (unsigned int)vertices;
}

GeometryKey::GeometryKey()
{
    const ImGuiIO& io = ImGui::GetIO();
    Add((uint64_t)(intptr_t)io.Fonts->TexID).Add(io.Fonts->TexUvWhitePixel).Add((double)io.DisplayFramebufferScale.x);
}

GeometryKey& GeometryKey::Add(uint64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8)
        Hash = (Hash ^ (v & 0xFF)) * 1099511628211ull;   // FNV-1a over the bytes
    return *this;
}

GeometryKey& GeometryKey::Add(double v)
{
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof(bits));
    return Add(bits);
}

void DrawDashedLine(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float dash, float gap)
{
    float len = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
    if (len < 0.5f)
        return;
    ImVec2 d((b.x - a.x) / len, (b.y - a.y) / len);
    for (float t = 0.0f; t < len; t += dash + gap)
    {
        float e = std::min(len, t + dash);
        dl->AddLine(ImVec2(a.x + d.x * t, a.y + d.y * t), ImVec2(a.x + d.x * e, a.y + d.y * e), color, thickness);
    }
}

void ObservationTooltip(const ViewContext& ctx, uint32_t row) { ObservationTooltip(ctx, DescribeRow(*ctx.Data, row)); }

// Everything a reader needs to weigh one figure: what it is a figure of, whether it is a bound,
// how old it is against the period shown, how it was graded, and what it rests on.
void ObservationTooltip(const ViewContext& ctx, const Figure& f)
{
    const Dataset& ds = *ctx.Data;
    const ObservationTable& o = ds.Observations;
    int m = o.Metrics[f.Row];
    const ImVec4 highlight = ImGui::ColorConvertU32ToFloat4(ctx.Theme_->Highlight);
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextUnformatted(ShapedText(EntityLabel(ds.Entities[f.Entity]) + " \xC2\xB7 " + ds.Regions[f.Region].Name));
    ImGui::TextDisabled("%s, %s", ShapedText(ds.Metrics[m].Name), PeriodLabel(f.When).c_str());
    ImGui::PushFont(ctx.Fonts_.Title);
    ImGui::TextUnformatted(ShapedText(FigureValueText(ds, m, f) + (ds.Metrics[m].Unit.empty() ? "" : " " + ds.Metrics[m].Unit)));
    ImGui::PopFont();
    if (f.Limit != Bound_None)
        ImGui::TextColored(highlight, "A bound: the true value is %s this", BoundWords(f.Limit).c_str());
    if (f.Age > 0)
        ImGui::TextColored(highlight, "%s", ("Not a figure of the period shown: " + AgeText(f, GetPeriodKind(f.When))).c_str());
    if (f.Conf != Confidence_Reported)
        ImGui::TextColored(highlight, "%s (not a reported figure)", f.Conf == Confidence_Estimate ? "Estimate" : "Forecast");
    else
        ImGui::TextDisabled("Reported");
    if (f.Grade != Certainty_None)
        ImGui::TextDisabled("The research grades it %s certainty", CertaintyName(f.Grade));
    if (f.Source >= 0)
    {
        const Source& src = ds.Sources[f.Source];
        ImGui::Text("Source: %s", ShapedText(src.Title));
        if (!src.Publisher.empty() || !src.Date.empty())
            ImGui::TextDisabled("%s%s%s", ShapedText(src.Publisher), src.Publisher.empty() || src.Date.empty() ? "" : ", ", src.Date.c_str());
        std::string quality = QualityText(ds, f.Source);
        if (f.Quality == SourceQuality_RelayUnchecked || f.Quality == SourceQuality_Estimate)
            ImGui::TextColored(highlight, "%s", quality.c_str());
        else
            ImGui::TextDisabled("%s", quality.c_str());
        if (!src.Attribution.empty())
            ImGui::TextDisabled("%s", ShapedText(src.Attribution));
    }
    std::string_view note = ds.ObservationNote(f.Row);
    if (!note.empty())
        ImGui::TextDisabled("Note: %s", ShapedText(note));
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void DrawNotes(const ViewContext& ctx, const std::vector<std::string>& notes)
{
    if (notes.empty())
        return;
    for (const std::string& n : notes)   // shaped (they quote names) and reported to layout()
        WrappedText(n, ctx.Theme_->TextMuted, LayoutRole_Label);
}

//-----------------------------------------------------------------------------
// [SECTION] Selection
//-----------------------------------------------------------------------------

// The state the App holds is already resolved; resolving it again here gives the views the same
// indices, granularity and period the core models are asked for.
static void ResolveSelection(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    ViewState st = ctx.Edit;
    ctx.Query = ResolveViewQuery(ds, &st);
    const ViewQuery& q = ctx.Query;
    Selection sel;
    sel.Metric = q.Metric;
    sel.Entities = q.Entities;
    sel.Regions = q.Regions;
    sel.Granularity = q.Granularity;
    sel.At = q.When;
    if (sel.Metric >= 0)
    {
        sel.Granularities = MetricGranularities(ds, sel.Metric);
        sel.MetricPeriods = GranularityPeriods(ds, sel.Metric, sel.Granularity);
        ctx.EntityHasData.assign(ds.Entities.size(), 0);
        ctx.RegionHasData.assign(ds.Regions.size(), 0);
        for (int e : EntitiesWithData(ds, sel.Metric))
            ctx.EntityHasData[e] = 1;
        for (int r : RegionsWithData(ds, sel.Metric))
            ctx.RegionHasData[r] = 1;
        auto it = std::lower_bound(sel.MetricPeriods.begin(), sel.MetricPeriods.end(), sel.At);
        sel.AtIndex = it != sel.MetricPeriods.end() && *it == sel.At ? (int)(it - sel.MetricPeriods.begin()) : (int)sel.MetricPeriods.size() - 1;
    }
    ctx.Sel = std::move(sel);
}

static void MarkModelsDirty(ViewContext* ctx)
{
    ctx->TableDirty = true;
    ctx->TrendDirty = true;
    ctx->ShareDirty = true;
    ctx->CompareDirty = true;
    ctx->MapDirty = true;
}

void OnDataChanged(ViewContext* ctx)
{
    ctx->MapZoom = 1.0f;
    ctx->MapPan = ImVec2(0, 0);
    ctx->Playing = false;
    MarkModelsDirty(ctx);
    ctx->CitationsDirty = true;
}

void OnStateChanged(ViewContext* ctx)
{
    if (!ctx->App_->HasData())
        return;
    ctx->Data = &ctx->App_->Data();
    ctx->Edit = ctx->App_->State();
    std::snprintf(ctx->FilterText, sizeof(ctx->FilterText), "%s", ctx->Edit.Filter.c_str());
    ResolveSelection(*ctx);
    if (ctx->Sel.At.Valid())
        std::snprintf(ctx->PeriodText, sizeof(ctx->PeriodText), "%s", FormatPeriod(ctx->Sel.At).c_str());
    MarkModelsDirty(ctx);
    BuildShownTable(*ctx);
}

void LoadWorldMap(ViewContext* ctx)
{
    const Asset* a = FindAsset("world.lsmap");
    if (!a)
        ctx->MapError = "this build carries no world map";
    else if (!ParseWorldMap(a->Data, a->Size, &ctx->Map, &ctx->MapError))
        ctx->Map = WorldMap();
}

//-----------------------------------------------------------------------------
// [SECTION] Views frame: tabs, controls, body
//-----------------------------------------------------------------------------
// From a 320 px phone to a 2560 px monitor: the tabs fit (or shrink, or become a menu), the
// pickers wrap onto more lines (or, when they would take more than two, move into a "Filters"
// sheet), and the definition and the footer wrap. Every decision is a measurement of the text
// against the width ImGui says is available.

static const char* ViewLabels[] = { "Map", "Trend", "Compare", "Share", "Table", "Sources" };

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
    FooterPart footer[] = { { "reported", true, false }, { "estimate or forecast (lighter, hatched, dashed)", true, true },
                            { counts, false, false } };
    ImVec2 avail = ImGui::GetContentRegionAvail();
    avail.y -= FooterLayout(footer, 3, avail.x, false, ctx) + ImGui::GetStyle().ItemSpacing.y;
    avail.y = std::max(avail.y, 1.0f);   // 0 or less would tell ImGui "the rest of the window", over the footer
    ImGui::BeginChild("view-body", avail, ImGuiChildFlags_None, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
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
struct PeriodTicks
{
    const Period* Data = nullptr;
    size_t Count = 0;
    uint32_t First = 0, Last = 0;
    std::vector<std::string> Labels;
    std::vector<TimelineTick> Ticks;
    float LabelWidth = 0.0f;   // the widest period label, so the control does not shift while playing
    float FontSize = 0.0f;
};

static const PeriodTicks& TicksFor(const std::vector<Period>& periods)
{
    static PeriodTicks cache;
    if (cache.Data == periods.data() && cache.Count == periods.size() && cache.FontSize == ImGui::GetFontSize() &&
        (periods.empty() || (cache.First == periods.front().Key && cache.Last == periods.back().Key)))
        return cache;
    cache = PeriodTicks();
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
    const PeriodTicks& ticks = TicksFor(periods);
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
static bool DefinitionOpen = false;

static void DrawDefinition(ViewContext& ctx, const std::string& text, bool compact)
{
    const Theme& theme = *ctx.Theme_;
    const char* shaped = ShapedText(text);
    const char* end = shaped + std::strlen(shaped);
    const float width = ImGui::GetContentRegionAvail().x;
    const float line = ImGui::GetTextLineHeight();
    const bool long_text = compact && ImGui::CalcTextSize(shaped, end, false, width).y > line * 2.5f;
    if (!long_text || DefinitionOpen)
    {
        WrappedText(text, theme.TextMuted, LayoutRole_Label);
        if (long_text && LinkButton(theme, "##definition-less", "Less"))
            DefinitionOpen = false;
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
        DefinitionOpen = true;
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

//-----------------------------------------------------------------------------
// [SECTION] Mirror and CSV
//-----------------------------------------------------------------------------

std::string ViewSourcesLine(const ViewContext* ctx)
{
    if (!ctx->HasData && !ctx->App_->HasData())
        return "";
    const Dataset& ds = ctx->App_->Data();
    std::string line;
    size_t shown = 0;
    for (int s : ctx->Shown.Sources)
    {
        if (s < 0 || s >= (int)ds.Sources.size())
            continue;
        if (shown == 3)
        {
            line += "; and " + std::to_string(ctx->Shown.Sources.size() - 3) + " more";
            break;
        }
        const Source& src = ds.Sources[s];
        line += (line.empty() ? "Sources: " : "; ") + src.Title + (src.Publisher.empty() ? "" : " (" + src.Publisher + ")");
        shown++;
    }
    // A source's rights line goes with every value from it, wherever the values go (CSV, PNG).
    std::vector<std::string> attributions;
    for (int s : ctx->Shown.Sources)
        if (s >= 0 && s < (int)ds.Sources.size() && !ds.Sources[s].Attribution.empty() &&
            std::find(attributions.begin(), attributions.end(), ds.Sources[s].Attribution) == attributions.end())
            attributions.push_back(ds.Sources[s].Attribution);
    for (const std::string& a : attributions)
        line += (line.empty() ? "" : ". ") + a;
    return line;
}

std::string ViewMirrorJson(const ViewContext* ctx)
{
    // Asked for after every frame: built again only when what it shows changed.
    if (ctx->MirrorCacheVersion == ctx->MirrorVersion)
        return ctx->MirrorCache;
    Json j;
    const ShownTable& t = ctx->Shown;
    const bool has = ctx->App_->HasData();
    j["label"] = has ? "Landscape data explorer: " + ctx->App_->Data().Title + ", " + ViewLabels[(int)ctx->App_->State().View] + " view"
                     : std::string("Landscape data explorer (loading)");
    // The summary, then each note once: a screen reader hearing a sentence twice takes it for a
    // second fact (the models keep notes out of their summaries; this guards the folding).
    std::string summary = t.Summary;
    for (const std::string& n : t.Notes)
        if (!n.empty() && summary.find(n) == std::string::npos)
            summary += (summary.empty() ? "" : " ") + n;
    j["summary"] = summary;
    j["notes"] = t.Notes;
    j["caption"] = t.Caption;
    j["columns"] = t.Columns;
    Json rows = Json::array();
    for (size_t i = 0; i < t.Rows.size() && i < 200; i++)
        rows.push_back(t.Rows[i]);
    j["rows"] = rows;
    j["announce"] = ctx->Announce;
    ctx->MirrorCache = Dump(j);
    ctx->MirrorCacheVersion = ctx->MirrorVersion;
    return ctx->MirrorCache;
}

static std::string CsvField(const std::string& s)
{
    bool quote = s.find_first_of(",\"\n\r") != std::string::npos;
    // A cell starting with = + - @ could run as a formula in a spreadsheet: prefix a quote mark.
    bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '@' || (s[0] == '-' && s.size() > 1 && !std::isdigit((unsigned char)s[1])));
    std::string out = formula ? "'" + s : s;
    if (!quote && !formula)
        return out;
    std::string q = "\"";
    for (char c : out)
    {
        if (c == '"') q += "\"\"";
        else q += c;
    }
    return q + "\"";
}

std::string ExportViewCsv(const ViewContext* ctx)
{
    if (!ctx->App_->HasData())
        return "";
    const Dataset& ds = ctx->App_->Data();
    const ShownTable& t = ctx->Shown;
    std::string out;
    auto comment = [&](const std::string& s) { if (!s.empty()) out += "# " + s + "\n"; };
    comment(ds.Title + (ds.Edition.empty() ? "" : " (" + ds.Edition + ")"));
    comment(t.Caption);
    if (ctx->Sel.Granularity != PeriodKind_None && ctx->App_->State().View != ViewKind_Table && ctx->App_->State().View != ViewKind_Sources)
        comment(std::string("Granularity: ") + GranularityName(ctx->Sel.Granularity) + " (" + GranularityAdjective(ctx->Sel.Granularity) +
                " figures only)");
    for (const std::string& n : t.Notes)
        comment(n);
    comment(ViewSourcesLine(ctx));
    comment(ds.License.empty() ? "" : "Licence: " + ds.License);
    for (size_t i = 0; i < t.Columns.size(); i++)
        out += (i ? "," : "") + CsvField(t.Columns[i]);
    out += "\n";
    for (const auto& row : t.Rows)
    {
        for (size_t i = 0; i < row.size(); i++)
            out += (i ? "," : "") + CsvField(row[i]);
        out += "\n";
    }
    return out;
}

} // namespace ls

namespace ls {

//-----------------------------------------------------------------------------
// [SECTION] Series lookups and the shown table
//-----------------------------------------------------------------------------

std::string SourceTitle(const Dataset& ds, uint32_t row)
{
    int s = ds.ObservationSource(row);
    return s >= 0 ? ds.Sources[s].Title : std::string();
}

void BuildShownTable(ViewContext& ctx)
{
    ShownTable t;
    if (!ctx.Data || ctx.Data->Metrics.empty())
    {
        ctx.Shown = t;
        ctx.MirrorVersion++;
        return;
    }
    // The table is the current view's model in rows: the same numbers the view draws.
    const Dataset& ds = *ctx.Data;
    switch (ctx.Edit.View)
    {
    case ViewKind_Map: UpdateMapModel(ctx); t = MapTable(ds, ctx.MapM); break;
    case ViewKind_Trend: UpdateTrendModel(ctx); t = TrendTable(ds, ctx.Trend); break;
    case ViewKind_Compare: UpdateCompareModel(ctx); t = CompareTable(ds, ctx.Compare); break;
    case ViewKind_Share: UpdateShareModel(ctx); t = ShareTableOf(ds, ctx.Share); break;
    case ViewKind_Table: UpdateTableModel(ctx); t = TableTable(ds, ctx.Table, ctx.Edit.Filter); break;
    case ViewKind_Sources: UpdateSourcesModel(ctx); t = SourcesTable(ds, ctx.SourcesM); break;
    default: break;
    }
    // The live region announces what changed in words; the summary says what is shown.
    ctx.Announce = std::string(ViewLabels[(int)ctx.Edit.View]) + " view. " + t.Summary;
    ctx.Shown = std::move(t);
    ctx.MirrorVersion++;
}

} // namespace ls
