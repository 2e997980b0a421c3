// What the views share: the selection, formatting, drawing helpers, the accessible mirror and
// the CSV export. The frame around the views (switcher, controls, period, playback, shortcuts)
// is in views/frame.cpp.
//
// Index
//  [SECTION] Formatting
//  [SECTION] Drawing helpers
//  [SECTION] Selection
//  [SECTION] Mirror and CSV

#include "ui/views/views.h"
#include "ui/app.h"
#include "ui/assets.h"
#include "ui/controls.h"   // WrappedText
#include "ui/layout_report.h"
#include "ui/shaping.h"
#include "ui/views/view_layout.h"   // Ellipsize

#include "core/json_dom.h"   // DumpJson

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace ls {

using Json = nlohmann::json;

//-----------------------------------------------------------------------------
// [SECTION] Formatting
//-----------------------------------------------------------------------------

// The views' names as the switcher, the mirror and the live region say them.
const char* const ViewLabels[ViewKind_COUNT] = { "Map", "Trend", "Compare", "Share", "Table", "Sources" };
static_assert(IM_ARRAYSIZE(ViewLabels) == ViewKind_COUNT, "one label per view");

std::string FormatValue(const Dataset& ds, int metric, double value) { return FormatNumber(ds, metric, value); }

std::string FormatValueWithUnit(const Dataset& ds, int metric, double value)
{
    std::string s = FormatValue(ds, metric, value);
    if (metric >= 0 && !ds.Metrics[metric].Unit.empty())
        s += " " + ds.Metrics[metric].Unit;
    return s;
}

// The palette slot of an entity without a colour of its own: its place in the dataset, so every
// view and every selection gives it the same colour; but where two entities shown together
// would share a slot (places eight apart), the later one in the dataset takes the next free slot,
// so the entities a chart shows never look alike while the palette has room for them.
static int PaletteSlotFor(const ViewContext& ctx, int entity)
{
    const int size = PaletteSize();
    const std::vector<int>& shown = ctx.Sel.Entities;
    if (std::find(shown.begin(), shown.end(), entity) == shown.end())
        return entity % size;
    std::vector<int> order;
    for (int s : shown)
        if (!ctx.Data->Entities[s].HasColor)
            order.push_back(s);
    std::sort(order.begin(), order.end());
    unsigned taken = 0;   // slots used so far (the palette has at most 32)
    for (int s : order)
    {
        int slot = s % size;
        for (int k = 0; k < size && (taken >> slot & 1u); k++)
            slot = (slot + 1) % size;
        taken |= 1u << slot;
        if (s == entity)
            return slot;
        if (taken == (size >= 32 ? ~0u : (1u << size) - 1))
            taken = 0;   // more shown than the palette holds: a second round (the chart's second channel tells them apart)
    }
    return entity % size;
}

ImU32 EntityColorFor(const ViewContext& ctx, int entity)
{
    const Entity& e = ctx.Data->Entities[entity];
    return EntityColor(e.Color, e.HasColor, e.HasColor ? entity : PaletteSlotFor(ctx, entity), ctx.Theme_->Dark);
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
    return DumpJson(j);
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

static bool g_RetainedDrawByRenderer = false;
static uint64_t g_RetainedSerial = 0;   // the last build's serial (see RetainedDraw)

void RetainedDrawMarker(const ImDrawList*, const ImDrawCmd*) {}
void SetRetainedDrawByRenderer(bool on) { g_RetainedDrawByRenderer = on; }
bool RetainedDrawByRenderer() { return g_RetainedDrawByRenderer; }

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
    Drawn.List = List;
    Drawn.Serial = ++g_RetainedSerial;   // a renderer's buffer of the last build is stale from here
    return List;
}

void RetainedGeometry::AppendTo(ImDrawList* dst) const
{
    if (!Valid || !List || List->IdxBuffer.Size == 0)
        return;
    // The layout report's frame reads every drawn vertex (glyphs no record covers): it gets copies.
    if (g_RetainedDrawByRenderer && !LayoutIsRecording())
    {
        dst->AddCallback(RetainedDrawMarker, const_cast<RetainedDraw*>(&Drawn));
        return;
    }
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
    // Glyphs drawn into retained geometry are stand-ins whose texts and atlas places change with
    // each file and each batch of runs the browser shapes (a reused texture keeps its id).
    Add((uint64_t)ShapingGeneration());
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

namespace {

// A figure's tooltip reached from the keyboard goes below the focused item, or above it where
// there is more room: ImGui keeps clear only a point near the item's lower left, so a tooltip
// with no room below covered the row it describes, its label included. Either way it stays on
// the screen: with room on neither side it covers the item rather than running off the screen.
// Returns whether the keyboard placed it.
bool PlaceBesideKeyboardFocus(ImVec2 size)
{
    ImGuiContext& g = *GImGui;
    if (g.NavDisableHighlight || !g.NavDisableMouseHover || !g.NavWindow)
        return false;
    const ImRect item = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
    const ImRect screen = ImGui::GetPopupAllowedExtentRect(nullptr);
    const float gap = g.Style.ItemSpacing.y;
    const float below = screen.Max.y - (item.Max.y + gap);
    const float above = item.Min.y - gap - screen.Min.y;
    const float x = std::max(screen.Min.x, std::min(item.Min.x, screen.Max.x - size.x));
    const float y = (below >= size.y || below >= above) ? item.Max.y + gap : item.Min.y - gap - size.y;
    ImGui::SetNextWindowPos(ImVec2(x, std::max(screen.Min.y, std::min(y, screen.Max.y - size.y))));
    return true;
}

// Under the pointer ImGui's own placement stays (beside the pointer, on a side with room for the
// whole tooltip), except where no side has that room: there ImGui puts it beside the pointer
// whatever runs off the screen ("avoiding the cursor at all cost", FindBestWindowPosForPopupEx),
// which on a phone was nearly every figure's tooltip (as wide as the screen, and taller than the
// room below the pointer) and cut its lower lines off. Then it goes below the pointer or above
// it, on the side with more room, moved into the screen (over the pointer where it must).
void PlaceBesidePointer(ImVec2 size)
{
    ImGuiContext& g = *GImGui;
    const ImVec2 at = ImGui::IsMousePosValid(&g.IO.MousePos) ? g.IO.MousePos : g.MouseLastValidPos;
    const float scale = g.Style.MouseCursorScale;
    const ImRect screen = ImGui::GetPopupAllowedExtentRect(nullptr);
    const ImRect avoid(at.x - 16, at.y - 8, at.x + 24 * scale, at.y + 24 * scale);   // as ImGui's
    // The side ImGui tries first is the one it used while the tooltip stayed up.
    char name[16];
    ImFormatString(name, IM_ARRAYSIZE(name), "##Tooltip_%02d", g.TooltipOverrideCount);
    ImGuiWindow* tip = ImGui::FindWindowByName(name);
    ImGuiDir dir = tip && tip->WasActive ? tip->AutoPosLastDirection : ImGuiDir_None;
    ImGui::FindBestWindowPosForPopupEx(at, size, &dir, screen, avoid, ImGuiPopupPositionPolicy_Tooltip);
    if (dir != ImGuiDir_None)
        return;   // a side with room: ImGui places it there itself
    const float below = screen.Max.y - avoid.Max.y, above = avoid.Min.y - screen.Min.y;
    const float y = below >= above ? avoid.Max.y : avoid.Min.y - size.y;
    const float x = std::min(avoid.Max.x, screen.Max.x - size.x);
    ImGui::SetNextWindowPos(ImVec2(std::max(screen.Min.x, x), std::max(screen.Min.y, std::min(y, screen.Max.y - size.y))));
}

// The tooltip's size as ImGui lays its lines out at this wrap width (from the text's left edge):
// ItemSize puts each line on a whole pixel below the last, ItemSpacing.y apart; the window's
// position is a whole pixel (Begin), its padding too. A marked line's text starts mark_room in.
// heights/line_hs (optional): each line's text height and its font's line height.
ImVec2 MeasureTooltip(const std::vector<TooltipLine>& lines, ImFont* title, float wrap_w, float mark_room,
                      std::vector<float>* heights = nullptr, std::vector<float>* line_hs = nullptr)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 pad = style.WindowPadding;
    float w = 0.0f, y = pad.y, bottom = pad.y;
    for (const TooltipLine& line : lines)
    {
        if (line.Look == TooltipLook_Title)
            ImGui::PushFont(title);
        const float room = line.Mark >= 0 ? mark_room : 0.0f;
        const ImVec2 size = ImGui::CalcTextSize(line.Text.c_str(), nullptr, false, std::max(wrap_w - room, 1.0f));
        if (heights)
            heights->push_back(size.y), line_hs->push_back(ImGui::GetFontSize());
        if (line.Look == TooltipLook_Title)
            ImGui::PopFont();
        w = std::max(w, room + size.x);
        y = IM_TRUNC(y + size.y + style.ItemSpacing.y);
        bottom = y - style.ItemSpacing.y;
    }
    return ImVec2(IM_TRUNC(w) + 2.0f * pad.x, IM_TRUNC(bottom - pad.y) + 2.0f * pad.y);
}

// The first `rows` rows of a (shaped) text wrapped at wrap_w in the current font, the last one
// ending in "…": the rows before it are the text's own (cut where ImGui wraps it, after the
// blanks it skips), the last is the rest cut to the width (Ellipsize: at a code point, a shaped
// run whole), so ImGui wraps the result into the same rows and no glyph is cut.
std::string KeepRows(const std::string& text, int rows, float wrap_w)
{
    std::string flat = text;
    std::replace(flat.begin(), flat.end(), '\n', ' ');   // ImGui's wrapping and its newlines disagree
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const char* s = flat.c_str();
    const char* end = s + flat.size();
    for (int r = 1; r < rows && s < end; r++)
    {
        s = font->CalcWordWrapPositionA(size / font->FontSize, s, end, wrap_w);
        while (s < end && (*s == ' ' || *s == '\t'))
            s++;
    }
    const size_t start = (size_t)(s - flat.c_str());
    return flat.substr(0, start) + Ellipsize(font, size, flat.c_str() + start, wrap_w - 1.0f);
}

} // namespace

// A tooltip of these lines, sized from them before it begins. Why: ImGui sizes an auto-fitting
// window from the content of the frame before, and hides a tooltip in the frame it appears
// (imgui.cpp, Begin: "Hide popup/tooltip window when re-opening while we measure size"), so a
// move onto another figure drew two pictures, the old size (or nothing) and a frame later the
// right one: 28 of 50 pointer moves over the trend at 1M. Every tooltip of the views goes
// through here (the trend's events and its legend's "+N more" began their own, a frame late).
void DrawTooltip(const ViewContext& ctx, const std::vector<TooltipLine>& lines_in, float mark_w, TooltipMarkFn mark, const void* user)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 pad = style.WindowPadding;
    ImFont* title = ctx.Fonts_.Title;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // 28 em, or the screen less a margin where that is narrower (a phone): a tooltip wider than
    // the screen would be cut at its edge.
    const float screen_w = vp->WorkSize.x - 2.0f * style.DisplaySafeAreaPadding.x;
    const float screen_h = vp->WorkSize.y - 2.0f * style.DisplaySafeAreaPadding.y;
    const float mark_room = mark_w > 0.0f ? mark_w + style.ItemSpacing.x : 0.0f;
    float wrap_pos = std::min(ImGui::GetFontSize() * 28.0f, screen_w - pad.x);   // from the window's left edge
    auto wrap_width = [&] { return std::max(wrap_pos - pad.x, 1.0f); };           // as ImGui's CalcWrapWidthForPos
    ImVec2 size = MeasureTooltip(lines_in, title, wrap_width(), mark_room);
    // Taller than the screen (a long note on a phone): ImGui would put its top at the screen's
    // top and its bottom off the screen. As wide as the screen first, then the line with the most
    // rows loses its last row until the tooltip fits (a title or marked line keeps its rows).
    std::vector<TooltipLine> cut;
    if (size.y > screen_h && wrap_pos < screen_w - pad.x)
    {
        wrap_pos = screen_w - pad.x;
        size = MeasureTooltip(lines_in, title, wrap_width(), mark_room);
    }
    if (size.y > screen_h)
    {
        std::vector<float> heights, line_hs;
        MeasureTooltip(lines_in, title, wrap_width(), mark_room, &heights, &line_hs);
        std::vector<int> rows(lines_in.size());
        for (size_t i = 0; i < lines_in.size(); i++)
            rows[i] = std::max(1, (int)std::lround(heights[i] / line_hs[i]));
        const std::vector<int> all = rows;
        for (int tries = 0; size.y > screen_h && tries < 64; tries++)
        {
            float over = size.y - screen_h;
            bool cuttable = false;
            while (over > 0.0f)
            {
                int most = -1;
                for (size_t i = 0; i < lines_in.size(); i++)
                    if (lines_in[i].Look != TooltipLook_Title && lines_in[i].Mark < 0 && rows[i] > 1 && (most < 0 || rows[i] > rows[most]))
                        most = (int)i;
                if (most < 0)
                    break;
                rows[most]--;
                over -= line_hs[most];
                cuttable = true;
            }
            if (!cuttable)
                break;
            cut = lines_in;
            for (size_t i = 0; i < cut.size(); i++)
                if (rows[i] < all[i])
                    cut[i].Text = KeepRows(lines_in[i].Text, rows[i], wrap_width());
            size = MeasureTooltip(cut, title, wrap_width(), mark_room);
        }
    }
    const std::vector<TooltipLine>& lines = cut.empty() ? lines_in : cut;
    ImGui::SetNextWindowSize(size);
    if (!PlaceBesideKeyboardFocus(size))
        PlaceBesidePointer(size);
    ImGui::BeginTooltip();
    // Measured: shown in the frame it appears (the hiding is for measuring it).
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    window->HiddenFramesCannotSkipItems = 0;
    window->Hidden = false;
    ImGui::PushTextWrapPos(wrap_pos);
    for (const TooltipLine& line : lines)
    {
        if (line.Mark >= 0)
        {
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const float h = ImGui::GetTextLineHeight();
            if (mark)
                mark(ImGui::GetWindowDrawList(), ImRect(p, ImVec2(p.x + mark_w, p.y + h)), line.Mark, user);
            ImGui::Dummy(ImVec2(mark_w, h));
            ImGui::SameLine();
        }
        if (line.Look == TooltipLook_Title)
            ImGui::PushFont(title);
        if (line.Look == TooltipLook_Muted)
            ImGui::PushStyleColor(ImGuiCol_Text, style.Colors[ImGuiCol_TextDisabled]);
        else if (line.Look == TooltipLook_Highlight)
            ImGui::PushStyleColor(ImGuiCol_Text, ctx.Theme_->Highlight);
        ImGui::TextUnformatted(line.Text.c_str());
        if (line.Look == TooltipLook_Muted || line.Look == TooltipLook_Highlight)
            ImGui::PopStyleColor();
        if (line.Look == TooltipLook_Title)
            ImGui::PopFont();
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// Everything a reader needs to weigh one figure: what it is a figure of, whether it is a bound,
// how old it is against the period shown, how it was graded, and what it rests on.
void ObservationTooltip(const ViewContext& ctx, const Figure& f) { ObservationTooltip(ctx, f, {}, false); }

void ObservationTooltip(const ViewContext& ctx, const Figure& f, std::string_view more, bool more_muted)
{
    const Dataset& ds = *ctx.Data;
    const ObservationTable& o = ds.Observations;
    int m = o.Metrics[f.Row];
    std::vector<TooltipLine> lines;
    auto add = [&](std::string text, TooltipLook look) { lines.push_back({ std::move(text), look }); };
    add(ShapedText(EntityLabel(ds.Entities[f.Entity]) + " \xC2\xB7 " + ds.Regions[f.Region].Name), TooltipLook_Plain);
    add(std::string(ShapedText(ds.Metrics[m].Name)) + ", " + PeriodLabel(f.When), TooltipLook_Muted);
    add(ShapedText(FigureValueText(ds, m, f) + (ds.Metrics[m].Unit.empty() ? "" : " " + ds.Metrics[m].Unit)), TooltipLook_Title);
    if (f.Limit != Bound_None)
        add("A bound: the true value is " + BoundWords(f.Limit) + " this", TooltipLook_Highlight);
    if (f.Age > 0)
        add("Not a figure of the period shown: " + AgeText(f, GetPeriodKind(f.When)), TooltipLook_Highlight);
    if (f.Conf != Confidence_Reported)
        add(std::string(f.Conf == Confidence_Estimate ? "Estimate" : "Forecast") + " (not a reported figure)", TooltipLook_Highlight);
    else
        add("Reported", TooltipLook_Muted);
    if (f.Grade != Certainty_None)
        add(std::string("The research grades it ") + CertaintyName(f.Grade) + " certainty", TooltipLook_Muted);
    if (f.Source >= 0)
    {
        const Source& src = ds.Sources[f.Source];
        add(std::string("Source: ") + ShapedText(src.Title), TooltipLook_Plain);
        if (!src.Publisher.empty() || !src.Date.empty())
            add(std::string(ShapedText(src.Publisher)) + (src.Publisher.empty() || src.Date.empty() ? "" : ", ") + src.Date, TooltipLook_Muted);
        std::string quality = QualityText(ds, f.Source, false);   // the lines above already name the source
        add(quality, f.Quality == SourceQuality_RelayUnchecked || f.Quality == SourceQuality_Estimate ? TooltipLook_Highlight : TooltipLook_Muted);
        if (!src.Attribution.empty())
            add(ShapedText(src.Attribution), TooltipLook_Muted);
    }
    std::string_view note = ds.ObservationNote(f.Row);
    if (!note.empty())
        add(std::string("Note: ") + ShapedText(note), TooltipLook_Muted);
    if (!more.empty())
        add(std::string(more), more_muted ? TooltipLook_Muted : TooltipLook_Plain);
    DrawTooltip(ctx, lines);
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
    ctx->MirrorCache = DumpJson(j);
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
