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
    ImGui::Text("%s \xC2\xB7 %s", EntityLabel(ds.Entities[f.Entity]).c_str(), ds.Regions[f.Region].Name.c_str());
    ImGui::TextDisabled("%s, %s", ds.Metrics[m].Name.c_str(), PeriodLabel(f.When).c_str());
    ImGui::PushFont(ctx.Fonts_.Title);
    ImGui::TextUnformatted((FigureValueText(ds, m, f) + (ds.Metrics[m].Unit.empty() ? "" : " " + ds.Metrics[m].Unit)).c_str());
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
        ImGui::Text("Source: %s", src.Title.c_str());
        if (!src.Publisher.empty() || !src.Date.empty())
            ImGui::TextDisabled("%s%s%s", src.Publisher.c_str(), src.Publisher.empty() || src.Date.empty() ? "" : ", ", src.Date.c_str());
        std::string quality = QualityText(ds, f.Source);
        if (f.Quality == SourceQuality_RelayUnchecked || f.Quality == SourceQuality_Estimate)
            ImGui::TextColored(highlight, "%s", quality.c_str());
        else
            ImGui::TextDisabled("%s", quality.c_str());
        if (!src.Attribution.empty())
            ImGui::TextDisabled("%s", src.Attribution.c_str());
    }
    std::string_view note = ds.ObservationNote(f.Row);
    if (!note.empty())
        ImGui::TextDisabled("Note: %.*s", (int)note.size(), note.data());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void DrawNotes(const ViewContext& ctx, const std::vector<std::string>& notes)
{
    if (notes.empty())
        return;
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.Theme_->TextMuted);
    ImGui::PushTextWrapPos(0.0f);
    for (const std::string& n : notes)
        ImGui::TextUnformatted(n.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
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

static const char* ViewLabels[] = { "Map", "Trend", "Compare", "Share", "Table", "Sources" };

void DrawViews(ViewContext* ctxp)
{
    ViewContext& ctx = *ctxp;
    if (ctx.Data != &ctx.App_->Data() || ctx.Sel.Metric < 0)
        OnStateChanged(ctxp);

    // View switcher: a tab bar (keyboard: arrows when focused, or 1..6 anywhere in the widget).
    if ((int)ctx.Edit.View != ctx.LastDrawnView)
        ctx.ForceTabFrames = 2;   // the state changed the view: make the tab bar follow it
    ctx.LastDrawnView = (int)ctx.Edit.View;
    if (ImGui::BeginTabBar("views", ImGuiTabBarFlags_FittingPolicyScroll))
    {
        for (int v = 0; v < ViewKind_COUNT; v++)
        {
            bool current = (int)ctx.Edit.View == v;
            ImGuiTabItemFlags flags = (ctx.ForceTabFrames > 0 && current) ? ImGuiTabItemFlags_SetSelected : 0;
            if (ImGui::BeginTabItem(ViewLabels[v], nullptr, flags))
            {
                if (!current && ctx.ForceTabFrames == 0)
                {
                    ctx.Edit.View = (ViewKind)v;
                    ctx.LastDrawnView = v;
                    ctx.CommitState();
                }
                ImGui::EndTabItem();
            }
        }
        if (ctx.ForceTabFrames > 0)
            ctx.ForceTabFrames--;
        ImGui::EndTabBar();
    }
    if (ctx.Edit.View != ViewKind_Sources)
        DrawControls(ctx);

    ImVec2 avail = ImGui::GetContentRegionAvail();
    avail.y -= ImGui::GetTextLineHeightWithSpacing();   // the footer line
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

    // Footer: how estimates look, and what the figures rest on.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float h = ImGui::GetTextLineHeight();
    ImU32 sw = ctx.Theme_->TextMuted;
    dl->AddRectFilled(ImVec2(p.x, p.y + 3), ImVec2(p.x + 14, p.y + h - 3), sw);
    ImGui::Dummy(ImVec2(18, h));
    ImGui::SameLine(0, 0);
    ImGui::TextDisabled("reported   ");
    ImGui::SameLine(0, 0);
    p = ImGui::GetCursorScreenPos();
    ImRect est(ImVec2(p.x, p.y + 3), ImVec2(p.x + 14, p.y + h - 3));
    dl->AddRectFilled(est.Min, est.Max, WithAlpha(sw, 0.45f));
    DrawHatch(dl, est, ctx.Theme_->EstimateHatch, 4.0f);
    ImGui::Dummy(ImVec2(18, h));
    ImGui::SameLine(0, 0);
    ImGui::TextDisabled("estimate or forecast (lighter, hatched, dashed)   ·   %zu observations, %zu sources",
                        ctx.Data->ObservationCount(), ctx.Data->Sources.size());
}

// Entities grouped by category, searchable by name or native name.
static void DrawEntityPicker(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    std::string label = "Platforms: ";
    if (ctx.Sel.Entities.empty())
        label += "none";
    else
    {
        label += ds.Entities[ctx.Sel.Entities[0]].Name;
        if (ctx.Sel.Entities.size() > 1)
            label += " +" + std::to_string(ctx.Sel.Entities.size() - 1);
    }
    label += "###entities";
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 13.0f);
    if (!ImGui::BeginCombo("##entities-combo", label.c_str(), ImGuiComboFlags_HeightLarge))
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
            ImGui::SeparatorText(group.c_str());
        }
        bool on = std::find(ctx.Sel.Entities.begin(), ctx.Sel.Entities.end(), e) != ctx.Sel.Entities.end();
        std::string item = EntityLabel(ent) + (ent.HqCountry.empty() ? "" : "  ·  " + ent.HqCountry) + "##e" + std::to_string(e);
        ImGui::PushStyleColor(ImGuiCol_CheckMark, EntityColorFor(ctx, e));
        if (ImGui::Checkbox(item.c_str(), &on))
        {
            auto& ids = ctx.Edit.Entities;
            if (on) ids.push_back(ent.Id);
            else ids.erase(std::remove(ids.begin(), ids.end(), ent.Id), ids.end());
            changed = true;
        }
        ImGui::PopStyleColor();
    }
    if (order.empty())
        ImGui::TextDisabled("No platform matches \"%s\" for this metric.", ctx.EntitySearch);
    ImGui::EndCombo();
    if (changed)
        ctx.CommitState();
}

static void DrawRegionPicker(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    std::string label = "Regions: ";
    if (ctx.Sel.Regions.empty())
        label += "all with data";
    else
    {
        label += ds.Regions[ctx.Sel.Regions[0]].Name;
        if (ctx.Sel.Regions.size() > 1)
            label += " +" + std::to_string(ctx.Sel.Regions.size() - 1);
    }
    label += "###regions";
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    if (!ImGui::BeginCombo("##regions-combo", label.c_str(), ImGuiComboFlags_HeightLarge))
        return;
    bool changed = false;
    if (ImGui::Selectable("All regions with data", ctx.Sel.Regions.empty(), ImGuiSelectableFlags_DontClosePopups))
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
        std::string item = reg.Name + "##r" + std::to_string(r);
        if (ImGui::Checkbox(item.c_str(), &on))
        {
            auto& ids = ctx.Edit.Regions;
            if (on) ids.push_back(reg.Id);
            else ids.erase(std::remove(ids.begin(), ids.end(), reg.Id), ids.end());
            changed = true;
        }
        if (!reg.Note.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
            ImGui::SetTooltip("%s", reg.Note.c_str());
    }
    ImGui::EndCombo();
    if (changed)
        ctx.CommitState();
}

static void DrawMetricPicker(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const char* current = ctx.Sel.Metric >= 0 ? ds.Metrics[ctx.Sel.Metric].Name.c_str() : "Choose a metric";
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 17.0f);
    if (!ImGui::BeginCombo("##metric", current, ImGuiComboFlags_HeightLarge))
        return;
    for (int m = 0; m < (int)ds.Metrics.size(); m++)
    {
        const Metric& met = ds.Metrics[m];
        std::string item = met.Name + "  (" + met.Unit + ")##m" + std::to_string(m);
        if (ImGui::Selectable(item.c_str(), m == ctx.Sel.Metric))
        {
            ctx.Edit.Metric = met.Id;
            ctx.Edit.Entities.clear();    // the new metric picks its own defaults
            ctx.Edit.Regions.clear();
            ctx.Edit.Period.clear();
            ctx.Edit.Granularity = PeriodKind_None;
            ctx.CommitState();
        }
        if (m == ctx.Sel.Metric)
            ImGui::SetItemDefaultFocus();
        if (!met.Definition.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
            ImGui::SetTooltip("%s", met.Definition.c_str());
    }
    ImGui::EndCombo();
}

// Annual, quarterly ... figures of a flow are different quantities: the reader picks which to see
// (only offered when the metric has more than one).
static void DrawGranularityPicker(ViewContext& ctx)
{
    const auto& kinds = ctx.Sel.Granularities;
    if (kinds.size() < 2)
        return;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    if (!ImGui::BeginCombo("##granularity", GranularityAdjective(ctx.Sel.Granularity)))
        return;
    for (PeriodKind k : kinds)
        if (ImGui::Selectable(GranularityAdjective(k), k == ctx.Sel.Granularity) && k != ctx.Sel.Granularity)
        {
            ctx.Edit.Granularity = k;
            ctx.Edit.Period.clear();   // the latest period of that granularity
            ctx.Playing = false;
            ctx.CommitState();
        }
    ImGui::EndCombo();
}

static void DrawPeriodControls(ViewContext& ctx)
{
    const auto& periods = ctx.Sel.MetricPeriods;
    if (periods.empty())
    {
        ImGui::TextDisabled("no periods");
        return;
    }
    ImGui::BeginDisabled(periods.size() < 2);
    if (ImGui::Button(ctx.Playing ? "Pause" : "Play"))
    {
        ctx.Playing = !ctx.Playing;
        ctx.PlayLast = ctx.Time;
        if (ctx.Playing && ctx.Sel.AtIndex == (int)periods.size() - 1)
        {
            ctx.Edit.Period = FormatPeriod(periods[0]);
            ctx.CommitState();
        }
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    int index = ctx.Sel.AtIndex;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
    std::string label = PeriodLabel(ctx.Sel.At);
    if (ImGui::SliderInt("##period", &index, 0, (int)periods.size() - 1, label.c_str(), ImGuiSliderFlags_AlwaysClamp))
    {
        ctx.Edit.Period = FormatPeriod(periods[index]);
        ctx.CommitState();
    }
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
        ImGui::SetTooltip("Period (Left/Right arrow keys step through time)");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.5f);
    if (ImGui::InputText("##period-typed", ctx.PeriodText, sizeof(ctx.PeriodText), ImGuiInputTextFlags_EnterReturnsTrue))
    {
        Period p;
        if (ParsePeriod(ctx.PeriodText, &p))
        {
            ctx.Edit.Period = FormatPeriod(p);
            ctx.Edit.Granularity = GetPeriodKind(p);   // a typed "2024" asks for annual figures
            ctx.CommitState();
        }
    }
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
        ImGui::SetTooltip("Type a period: 2023, 2023-Q2, 2023-06 or 2023-06-15, then Enter");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
    ImGui::SliderFloat("##speed", &ctx.PlaySpeed, 0.5f, 4.0f, "%.1f/s");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
        ImGui::SetTooltip("Playback speed, periods per second");
}

void DrawControls(ViewContext& ctx)
{
    DrawMetricPicker(ctx);
    ImGui::SameLine();
    DrawEntityPicker(ctx);
    ImGui::SameLine();
    DrawRegionPicker(ctx);
    ImGui::SameLine();
    if (ImGui::Button("Reset"))
    {
        ctx.Edit = ViewState();
        ctx.Edit.View = ctx.App_->State().View;
        ctx.MapZoom = 1.0f;
        ctx.MapPan = ImVec2(0, 0);
        ctx.Playing = false;
        ctx.CommitState();
    }
    if (ctx.Edit.View != ViewKind_Table && ctx.Sel.Granularities.size() > 1)
    {
        ImGui::SameLine();
        DrawGranularityPicker(ctx);
    }
    if (ctx.Edit.View != ViewKind_Table && ctx.Edit.View != ViewKind_Trend && ctx.Edit.View != ViewKind_Share)
        DrawPeriodControls(ctx);
    if (ctx.Sel.Metric >= 0 && !ctx.Data->Metrics[ctx.Sel.Metric].Definition.empty())
    {
        ImGui::PushStyleColor(ImGuiCol_Text, ctx.Theme_->TextMuted);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(ctx.Data->Metrics[ctx.Sel.Metric].Definition.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
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
