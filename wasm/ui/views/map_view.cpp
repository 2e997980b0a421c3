// Map view: each region's countries coloured by the selected metric for one entity at the
// selected period. Regions may overlap (a "Worldwide" figure and a "US & Canada" figure): larger
// regions are painted first, so each country shows its most specific region. Regions that name
// no countries are listed beside the map with their values, and say they cannot be drawn.

#include "ui/views/views.h"
#include "core/stable_sort.h"
#include "ui/app.h"
#include "ui/controls.h"
#include "ui/layout_report.h"
#include "ui/shaping.h"
#include "ui/views/map_view.h"
#include "ui/views/view_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace ls {


static bool RegionSelected(const ViewContext& ctx, int r)
{
    return std::find(ctx.Sel.Regions.begin(), ctx.Sel.Regions.end(), r) != ctx.Sel.Regions.end();
}

// The figures come from the core's map model (core/map_model.cpp); here only which region
// paints each country of this build's world map.
void UpdateMapModel(ViewContext& ctx)
{
    if (!ctx.MapDirty)
        return;
    ctx.MapDirty = false;
    const Dataset& ds = *ctx.Data;
    ctx.MapM = BuildMapModel(ds, ctx.Query);
    if (!ctx.MapDrawn)
        ctx.MapDrawn = std::make_shared<MapDrawing>();
    ctx.MapDrawn->Generation++;
    ctx.RegionCell.assign(ds.Regions.size(), -1);
    for (size_t i = 0; i < ctx.MapM.Cells.size(); i++)
        ctx.RegionCell[ctx.MapM.Cells[i].Region] = (int)i;
    ctx.CountryRegion.assign(ctx.Map.Countries.size(), -1);
    for (int r : ctx.MapM.PaintOrder)
    {
        const Region& reg = ds.Regions[r];
        if (reg.World)
            std::fill(ctx.CountryRegion.begin(), ctx.CountryRegion.end(), r);
        else
            for (const std::string& code : reg.Countries)
                if (int c = FindCountry(ctx.Map, code.c_str()); c >= 0)
                    ctx.CountryRegion[c] = r;
    }
}

static const Figure& CellFigure(const ViewContext& ctx, int region) { return ctx.MapM.Cells[ctx.RegionCell[region]].F; }
static ImU32 CellFill(const ViewContext& ctx, int region) { return ctx.MapDrawn->CellFill[ctx.RegionCell[region]]; }

static float ScaleT(const ViewContext& ctx, double v, double lo, double hi, double lo_pos)
{
    if (ctx.Edit.Scale == ScaleKind_Log && lo_pos > 0 && hi > lo_pos && v > 0)
        return (float)((std::log(v) - std::log(lo_pos)) / (std::log(hi) - std::log(lo_pos)));
    if (hi <= lo)
        return 1.0f;
    return (float)((v - lo) / (hi - lo));
}

// Countries lie on the ocean as well as on the background: a fill's contrast is the lower one.
static float MapContrast(ImU32 c, const Theme& th) { return std::min(ContrastRatio(c, th.Background), ContrastRatio(c, th.Ocean)); }

// A provisional figure's fill: its scale colour moved towards the background until it keeps
// 55 % of its contrast above the 3:1 floor. Lighter than a reported figure, never under 3:1
// (the old 50 % alpha fell to 1.8:1 at the light end), and in the scale's order: the theme's
// EstimateColor, made for a line or a bar beside its reported colour, puts every colour at
// about 3:1, which on a map would paint every estimate alike whatever its value.
ImU32 MapProvisionalFill(ImU32 base, const Theme& th)
{
    const float floor = GraphicContrast + 0.1f;   // rounding to 8 bits must not take it under 3:1
    const float have = MapContrast(base, th);
    if (have <= floor)
        return base;   // at the floor already: the hatching tells it apart
    const float want = floor + (have - floor) * 0.55f;
    float lo = 0.0f, hi = 1.0f;   // the base's alpha over the background; hi always meets `want`
    for (int i = 0; i < 14; i++)
    {
        float mid = (lo + hi) * 0.5f;
        (MapContrast(Over(WithAlpha(base, mid), th.Background), th) >= want ? hi : lo) = mid;
    }
    return Over(WithAlpha(base, hi), th.Background);
}

// Each cell's fill for the model, theme and scale: the sequential colour of its value, lighter
// for a provisional figure (MapProvisionalFill).
static void UpdateMapLooks(ViewContext& ctx)
{
    MapDrawing& d = *ctx.MapDrawn;
    const Theme& th = *ctx.Theme_;
    const uint64_t key = GeometryKey().Add(d.Generation).Add((uint64_t)th.Background).Add((uint64_t)th.Dark).Add((uint64_t)ctx.Edit.Scale).Hash;
    if (d.LooksKey == key && d.CellFill.size() == ctx.MapM.Cells.size())
        return;
    d.LooksKey = key;
    if (ctx.MapM.Cells.empty() && ctx.MapM.Metric >= 0)
    {
        const std::vector<int> with = EntitiesWithData(*ctx.Data, ctx.MapM.Metric);
        d.EntityHasData = std::binary_search(with.begin(), with.end(), ctx.MapM.Entity);
    }
    d.CellFill.clear();
    d.AnyProvisional = false;
    for (const MapCell& cell : ctx.MapM.Cells)
    {
        // A total (not painted, left out of the scale's domain) gets no scale colour at all: on
        // the scale it would read as "as large as the largest part" (clamped to the top).
        if (!cell.Painted)
        {
            d.CellFill.push_back(th.CountryNeutral);
            continue;
        }
        ImU32 col = SequentialColor(ScaleT(ctx, cell.F.Value, ctx.MapM.Lo, ctx.MapM.Hi, ctx.MapM.LoPositive), th.Dark);
        const bool provisional = MapProvisional(cell.F);
        d.AnyProvisional |= provisional;
        d.CellFill.push_back(provisional ? MapProvisionalFill(col, th) : col);
    }
}


// Screen transform of the map: screen = origin + p * scale.
struct MapTransform { ImVec2 Origin; float Scale; };

static MapTransform GetTransform(const ViewContext& ctx, const ImRect& area)
{
    const WorldMap& map = ctx.Map;
    float s0 = std::min(area.GetWidth() / map.Width, area.GetHeight() / map.Height);
    float s = s0 * ctx.MapZoom;
    ImVec2 centering((area.GetWidth() - map.Width * s) * 0.5f, (area.GetHeight() - map.Height * s) * 0.5f);
    return { ImVec2(area.Min.x + centering.x + ctx.MapPan.x, area.Min.y + centering.y + ctx.MapPan.y), s };
}

Vec2f MapPointAt(const ViewContext& ctx, ImVec2 screen)
{
    MapTransform t = GetTransform(ctx, ctx.MapRect);
    return { (screen.x - t.Origin.x) / t.Scale, (screen.y - t.Origin.y) / t.Scale };
}

void ZoomMapAt(ViewContext& ctx, ImVec2 pos, float factor)
{
    if (ctx.Map.Countries.empty())
        return;
    const ImRect& area = ctx.MapRect;
    MapTransform t = GetTransform(ctx, area);
    ImVec2 p((pos.x - t.Origin.x) / t.Scale, (pos.y - t.Origin.y) / t.Scale);
    float zoom = std::clamp(ctx.MapZoom * factor, 1.0f, 24.0f);
    ctx.MapZoom = zoom;
    MapTransform t2 = GetTransform(ctx, area);   // with the new zoom, pan unchanged
    ImVec2 moved(t2.Origin.x + p.x * t2.Scale, t2.Origin.y + p.y * t2.Scale);
    ctx.MapPan.x += pos.x - moved.x;
    ctx.MapPan.y += pos.y - moved.y;
    if (zoom <= 1.0f)
        ctx.MapPan = ImVec2(0, 0);
}

static void FillCountry(ImDrawList* dl, const CountryShape& c, const MapTransform& t, ImU32 color)
{
    if (c.Triangles.empty())
        return;
    const ImVec2 uv = dl->_Data->TexUvWhitePixel;
    dl->PrimReserve((int)c.Triangles.size(), (int)c.Points.size());
    ImDrawIdx base = (ImDrawIdx)dl->_VtxCurrentIdx;
    for (const Vec2f& p : c.Points)
        dl->PrimWriteVtx(ImVec2(t.Origin.x + p.x * t.Scale, t.Origin.y + p.y * t.Scale), uv, color);
    for (uint32_t i : c.Triangles)
        dl->PrimWriteIdx((ImDrawIdx)(base + i));
}

static void OutlineCountry(ImDrawList* dl, const CountryShape& c, const MapTransform& t, ImU32 color, float thickness)
{
    static std::vector<ImVec2> pts;
    for (int r = 0; r < c.RingCount(); r++)
    {
        pts.clear();
        for (uint32_t i = c.RingStarts[r]; i < c.RingEnd(r); i++)
            pts.push_back(ImVec2(t.Origin.x + c.Points[i].x * t.Scale, t.Origin.y + c.Points[i].y * t.Scale));
        dl->AddPolyline(pts.data(), (int)pts.size(), color, ImDrawFlags_Closed, thickness);
    }
}

// Hatching for a provisional region: diagonal lines x + y = k * spacing in screen pixels (one grid
// for the whole map, so the lines run on across the countries of a region), cut to the country by
// the even-odd rule over all its rings (holes stay clear). Each edge adds where it crosses the
// lines it spans; sorted per line, the crossings pair up into the segments inside. Only lines
// through `visible` are cut: a zoomed-in country may span thousands.
static void HatchCountry(ImDrawList* dl, const CountryShape& c, const MapTransform& t, const ImRect& visible, ImU32 color)
{
    struct Crossing { int K; float X; };
    static std::vector<Crossing> cuts;
    static std::vector<ImVec2> pts;
    const float s = MapHatchSpacing;
    const int k_lo = (int)std::ceil((visible.Min.x + visible.Min.y) / s), k_hi = (int)std::floor((visible.Max.x + visible.Max.y) / s);
    cuts.clear();
    for (int r = 0; r < c.RingCount(); r++)
    {
        pts.clear();
        for (uint32_t i = c.RingStarts[r]; i < c.RingEnd(r); i++)
            pts.push_back(ImVec2(t.Origin.x + c.Points[i].x * t.Scale, t.Origin.y + c.Points[i].y * t.Scale));
        for (size_t i = 0, n = pts.size(); i < n; i++)
        {
            const ImVec2 p = pts[i], q = pts[(i + 1) % n];
            const float up = p.x + p.y, uq = q.x + q.y;
            if (up == uq)
                continue;
            // Lines with lo <= u < hi (half-open, so a line through a vertex is crossed once).
            const float lo = std::min(up, uq), hi = std::max(up, uq);
            const int k0 = std::max(k_lo, (int)std::ceil(lo / s)), k1 = std::min(k_hi, (int)std::ceil(hi / s) - 1);
            for (int k = k0; k <= k1; k++)
                cuts.push_back({ k, p.x + (q.x - p.x) * ((k * s - up) / (uq - up)) });
        }
    }
    std::sort(cuts.begin(), cuts.end(), [](const Crossing& a, const Crossing& b) { return a.K != b.K ? a.K < b.K : a.X < b.X; });
    for (size_t i = 0; i + 1 < cuts.size();)
    {
        if (cuts[i].K != cuts[i + 1].K)   // an odd count on a line (a degenerate ring): skip one
        {
            i++;
            continue;
        }
        const float u = cuts[i].K * s, x0 = cuts[i].X, x1 = cuts[i + 1].X;
        if (x1 - x0 > 0.25f)
            dl->AddLine(ImVec2(x0, u - x0), ImVec2(x1, u - x1), color, MapHatchWidth);
        i += 2;
    }
}

// The colour scale's legend, in its own box beside or below the map (never over it): the unit,
// the ramp with its two ends, the swatch for countries without a figure and, when the map has
// provisional figures, their swatch drawn as the map draws them (lighter fill, hatched).
static float LegendHeight(const ViewContext& ctx, float width)
{
    float lh = ctx.Fonts_.Small->FontSize;
    float ramp_w = std::min(220.0f, width);
    bool nodata_beside = width - ramp_w >= 190.0f;
    bool provisional = ctx.MapDrawn && ctx.MapDrawn->AnyProvisional;
    if (ctx.MapM.Cells.empty())
        return 0.0f;   // no figure: no scale to explain (the list says why)
    return lh + 4.0f + 10.0f + 2.0f + lh + (nodata_beside ? 0.0f : (lh + 4.0f) * (provisional ? 2 : 1)) + 6.0f;
}

static void DrawLegend(ViewContext& ctx, ImDrawList* dl, ImRect box, double lo, double hi, double lo_pos)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    bool log = ctx.Edit.Scale == ScaleKind_Log && lo_pos > 0 && hi > lo_pos;
    double a = log ? lo_pos : lo, b = hi;
    ImFont* font = ctx.Fonts_.Small;
    float fs = font->FontSize, lh = fs;
    std::string unit = ds.Metrics[ctx.Sel.Metric].Unit + (log ? " (log scale)" : "");
    std::string lo_s = FormatValue(ds, ctx.Sel.Metric, a), hi_s = FormatValue(ds, ctx.Sel.Metric, b);
    float w = std::min(220.0f, box.GetWidth()), h = 10.0f;
    ImVec2 p = box.Min;
    std::string unit_fit = Ellipsize(font, fs, ShapedText(unit), box.GetWidth());
    dl->AddText(font, fs, p, th.TextMuted, unit_fit.c_str());
    LayoutRecord(LayoutRole_Legend, unit, ImRect(p, ImVec2(p.x + font->CalcTextSizeA(fs, FLT_MAX, 0, unit_fit.c_str()).x, p.y + lh)));
    p.y += lh + 4.0f;
    for (int i = 0; i < 32; i++)
    {
        float x0 = p.x + w * i / 32.0f, x1 = p.x + w * (i + 1) / 32.0f;
        dl->AddRectFilled(ImVec2(x0, p.y), ImVec2(x1 + 0.5f, p.y + h), SequentialColor((i + 0.5f) / 32.0f, th.Dark));
    }
    float ramp_y = p.y;
    p.y += h + 2.0f;
    DrawReportedText(dl, font, fs, p, th.Text, lo_s, LayoutRole_Legend);
    float hs = font->CalcTextSizeA(fs, FLT_MAX, 0.0f, hi_s.c_str()).x;
    DrawReportedText(dl, font, fs, ImVec2(p.x + w - hs, p.y), th.Text, hi_s, LayoutRole_Legend);
    // "No data" beside the ramp when there is room, else on a line of its own; the provisional
    // swatch under it.
    const bool beside = box.GetWidth() - w >= 190.0f;
    ImVec2 q = beside ? ImVec2(p.x + w + 16.0f, ramp_y) : ImVec2(p.x, p.y + lh + 4.0f);
    dl->AddRectFilled(q, ImVec2(q.x + 12, q.y + 10), th.CountryNeutral);
    dl->AddRect(q, ImVec2(q.x + 12, q.y + 10), th.CountryBorder);
    DrawReportedText(dl, font, fs, ImVec2(q.x + 16, q.y - 2), th.TextMuted, "no data / not in a region", LayoutRole_Legend);
    if (ctx.MapDrawn && ctx.MapDrawn->AnyProvisional)
    {
        q.y += beside ? lh + 2.0f : lh + 4.0f;
        ImRect sw(q, ImVec2(q.x + 12, q.y + 10));
        dl->AddRectFilled(sw.Min, sw.Max, MapProvisionalFill(SequentialColor(0.6f, th.Dark), th));
        DrawHatch(dl, sw, th.EstimateHatch, 4.0f);
        std::string text = Ellipsize(font, fs, ProvisionalKey, box.Max.x - q.x - 16.0f);
        DrawReportedText(dl, font, fs, ImVec2(q.x + 16, q.y - 2), th.TextMuted, text, LayoutRole_Legend);
    }
}

// The list beside (or below) the map: every region with a value, largest first, including those
// the map cannot draw. Each entry is the region's name, then its value and what is special about
// it, wrapped to the list's width so that nothing runs into anything. `map_hovered` is the region
// under the pointer on the map (its entry is highlighted); returns the region whose entry is
// hovered (the map outlines it), or -1.
// size.y <= 0: no scrolling list of its own (it is part of the narrow layout's scrolling column).
static int DrawRegionList(ViewContext& ctx, ImVec2 size, int map_hovered)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    int list_hovered = -1;
    const bool own_child = size.y > 0.0f;
    if (own_child)
    {
        if (!ImGui::BeginChild("map-regions", size, ImGuiChildFlags_None))
        {
            ImGui::EndChild();   // scrolled or squeezed out of sight: nothing to draw or report
            return -1;
        }
        ImRect r(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + size.x, ImGui::GetWindowPos().y + size.y));
        if (ImGui::GetScrollMaxY() > 0)
            ctx.WheelRects.push_back(r);
    }
    if (ctx.MapM.Cells.empty())
    {
        // Another period helps only when the platform has figures of this metric at all (a link
        // or a state may pair a platform with a metric it never reported).
        const std::string name = EntityLabel(ds.Entities[ctx.MapM.Entity]);
        const std::string why = ctx.MapDrawn->EntityHasData
            ? "No recent figure for " + name + " at " + PeriodLabel(ctx.Sel.At) + ". Try another period or platform."
            : name + " has no figures for " + ds.Metrics[ctx.Sel.Metric].Name + ". Try another platform or metric.";
        ImGui::TextWrapped("%s", ShapedText(why));
        LayoutRecordLastItem(LayoutRole_Label, why);
    }
    DrawNotes(ctx, ctx.MapM.Notes);
    // A click changes the state, which recomputes the colouring: apply it after the list is drawn.
    int clicked = -1;
    uint32_t clicked_row = 0;
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize(), lh = ImGui::GetTextLineHeight();
    for (const MapCell& cell : ctx.MapM.Cells)
    {
        const int i = cell.Region;
        const Region& reg = ds.Regions[i];
        const Figure& f = cell.F;
        uint32_t row = f.Row;
        bool est = f.Conf != Confidence_Reported;
        bool provisional = MapProvisional(f);
        ImGui::PushID(i);
        ImVec2 p = ImGui::GetCursorScreenPos();
        float text_w = std::max(20.0f, ImGui::GetContentRegionAvail().x - 22.0f);
        std::string value = FigureValueText(ds, ctx.Sel.Metric, f) + (est ? " (est.)" : "") +
                            (f.Age > 0 ? " (" + AgeText(f, ctx.MapM.Granularity) + ")" : "");
        bool drawable = cell.Painted && (reg.World || !reg.Countries.empty());
        const char* why = drawable ? "" : !cell.Painted ? "total, not on the scale" : "not on the map: no country list";
        std::string name_fit = Ellipsize(font, fs, ShapedText(reg.Name), text_w);
        std::string value_fit = Ellipsize(font, fs, value.c_str(), text_w);
        float value_w = ImGui::CalcTextSize(value_fit.c_str()).x, why_w = ImGui::CalcTextSize(why).x;
        bool why_beside = !drawable && value_w + 6.0f + why_w <= text_w;
        int lines = 2 + (!drawable && !why_beside ? 1 : 0);
        bool selected = RegionSelected(ctx, i);
        if (ImGui::Selectable("##region", selected || i == map_hovered, 0, ImVec2(0, lh * lines + 4.0f)))
        {
            clicked = i;
            clicked_row = row;
        }
        if (!ImGui::IsItemVisible())
        {
            ImGui::PopID();
            continue;
        }
        bool hovered = ImGui::IsItemHovered();
        if (hovered)
        {
            list_hovered = i;
            ObservationTooltip(ctx, f);
        }
        bool lit = hovered || i == map_hovered;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        // The swatch looks like the region on the map: its fill, hatched when provisional.
        ImRect sw(ImVec2(p.x + 2, p.y + 3), ImVec2(p.x + 14, p.y + lh));
        dl->AddRectFilled(sw.Min, sw.Max, CellFill(ctx, i));
        if (!cell.Painted)   // the neutral fill is paper-like: its outline keeps the swatch visible
            dl->AddRect(sw.Min, sw.Max, th.CountryBorder);
        else if (provisional)
            DrawHatch(dl, sw, th.EstimateHatch, 4.0f);
        dl->AddText(ImVec2(p.x + 20, p.y), th.Text, name_fit.c_str());
        ImVec2 ns = ImGui::CalcTextSize(name_fit.c_str());
        LayoutRecord(LayoutRole_Legend, reg.Name, ImRect(sw.Min, ImVec2(p.x + 20 + ns.x, p.y + ns.y)), lit);
        ImVec2 vp(p.x + 20, p.y + lh + 1);
        dl->AddText(vp, th.TextMuted, value_fit.c_str());
        LayoutRecord(LayoutRole_Label, value, ImRect(vp, ImVec2(vp.x + value_w, vp.y + lh)));
        if (!drawable)
        {
            ImVec2 wp = why_beside ? ImVec2(vp.x + value_w + 6.0f, vp.y) : ImVec2(vp.x, vp.y + lh + 1);
            std::string why_fit = Ellipsize(font, fs, why, text_w);
            DrawReportedText(dl, wp, th.TextMuted, why_fit, LayoutRole_Label);
        }
        ImGui::PopID();
    }
    if (own_child)
        ImGui::EndChild();
    if (clicked >= 0)
    {
        bool was_selected = RegionSelected(ctx, clicked);
        ctx.Edit.Regions.clear();
        if (!was_selected)
            ctx.Edit.Regions.push_back(ds.Regions[clicked].Id);
        Emit(ctx, "select", SelectEventJson(ctx, clicked_row));
        ctx.CommitState();
    }
    return list_hovered;
}

void DrawMapView(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    UpdateMapModel(ctx);
    UpdateMapLooks(ctx);
    if (ImGui::GetCurrentWindowRead()->SkipItems)
        return;   // the view's area is out of sight (a phone's controls took the height)
    int entity = ctx.MapM.Entity;
    if (ctx.Sel.Metric < 0 || entity < 0)
    {
        ImGui::TextWrapped("Choose a metric and a platform to colour the map.");
        return;
    }

    // Entity switcher: the map shows one platform at a time. Chips when they fit on one row,
    // else a picker (a phone would otherwise give the chips the map's height).
    auto show_entity = [&](int e) {
        auto& ids = ctx.Edit.Entities;
        ids.erase(std::remove(ids.begin(), ids.end(), ds.Entities[e].Id), ids.end());
        ids.insert(ids.begin(), ds.Entities[e].Id);
        ctx.CommitState();
    };
    FlowLayout row;
    float chips_w = TextWidth("Showing");
    for (int e : ctx.Sel.Entities)
        chips_w += ImGui::GetStyle().ItemSpacing.x + TextButtonWidth(ShapedText(EntityLabel(ds.Entities[e])));
    if (chips_w <= row.Right - row.Left)
    {
        row.Next(TextWidth("Showing"));
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("Showing");
        LayoutRecordLastItem(LayoutRole_Label, "Showing");
        for (int e : ctx.Sel.Entities)
        {
            const char* name = ShapedText(EntityLabel(ds.Entities[e]));
            std::string id = "##map-e" + std::to_string(e);
            row.Next(TextButtonWidth(name));
            bool on = e == entity;
            if (TextButton(th, id.c_str(), name, on) && !on)
                show_entity(e);
        }
    }
    else
    {
        std::string current = EntityLabel(ds.Entities[entity]);
        float w = std::min(PillWidth("Showing", current), row.Right - row.Left);
        row.Next(w);
        if (BeginPill(th, "##map-entity", "Showing", current, w))
        {
            for (int e : ctx.Sel.Entities)
                if (MenuItem(th, EntityLabel(ds.Entities[e]), e == entity) && e != entity)
                    show_entity(e);
            EndPill();
        }
    }
    // No period here: the period control above shows the chosen period (issue #12: once).
    row.Next(ToggleWidth("Log colour scale"));
    bool log = ctx.Edit.Scale == ScaleKind_Log;
    if (Toggle(th, "##map-log", "Log colour scale", &log))
    {
        ctx.Edit.Scale = log ? ScaleKind_Log : ScaleKind_Linear;
        ctx.CommitState();
    }

    // Wide: the map, and beside it a column with the legend over the region list. Narrow: the
    // map across the width, the legend under it, then the list. The map keeps its aspect, so it
    // gets the height its width can use and the list the rest.
    ImVec2 avail = ImGui::GetContentRegionAvail();
    bool side = avail.x > 640.0f;
    const float gap = 8.0f;
    float aspect = ctx.Map.Height > 0 ? ctx.Map.Width / ctx.Map.Height : 2.0f;
    float list_w, legend_h;
    ImVec2 map_size;
    if (side)
    {
        float want_map_w = avail.y * aspect;   // the widest map the height allows
        list_w = std::clamp(avail.x - gap - want_map_w, std::min(260.0f, avail.x * 0.3f), std::max(260.0f, avail.x * 0.3f));
        map_size = ImVec2(avail.x - list_w - gap, avail.y);
        legend_h = LegendHeight(ctx, list_w);
    }
    else
    {
        // Narrow: one scrolling column (the map, its legend, every region), so that a phone's
        // short view still shows a map of a useful size; the wheel over the map zooms it.
        if (!ImGui::BeginChild("map-scroll", avail, ImGuiChildFlags_None))
        {
            ImGui::EndChild();
            return;
        }
        ImVec2 wp = ImGui::GetWindowPos();
        ctx.WheelRects.push_back(ImRect(wp, ImVec2(wp.x + avail.x, wp.y + avail.y)));
        avail.x = ImGui::GetContentRegionAvail().x - (ImGui::GetScrollMaxY() > 0 ? 0.0f : ImGui::GetStyle().ScrollbarSize);
        list_w = avail.x;
        legend_h = LegendHeight(ctx, avail.x);
        float map_h = std::min(avail.x / aspect, std::max(120.0f, avail.y * 0.7f));
        map_size = ImVec2(avail.x, std::max(60.0f, map_h));
    }
    double lo = ctx.MapM.Lo, hi = ctx.MapM.Hi, lo_pos = ctx.MapM.LoPositive;
    static int list_hovered = -1;   // the region list's hovered entry of the last frame: outlined on the map

    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImRect area(origin, ImVec2(origin.x + map_size.x, origin.y + map_size.y));
    ctx.MapRect = area;
    ctx.WheelRects.push_back(area);
    ImGui::InvisibleButton("map", map_size, ImGuiButtonFlags_MouseButtonLeft);
    bool hovered = ImGui::IsItemHovered();
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f))
    {
        ctx.MapPan.x += io.MouseDelta.x;
        ctx.MapPan.y += io.MouseDelta.y;
    }
    if (hovered)
        ImGui::SetItemKeyOwner(ImGuiKey_MouseWheelY);   // the wheel zooms the map, not the column around it
    if (hovered && io.MouseWheel != 0.0f)
        ZoomMapAt(ctx, io.MousePos, std::pow(1.25f, io.MouseWheel));
    int hovered_region = -1;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(area.Min, area.Max, true);
    if (ctx.Map.Countries.empty())
    {
        DrawReportedText(dl, ImVec2(area.Min.x + 8, area.Min.y + 8), th.ErrorText, "The world map is unavailable: " + ctx.MapError, LayoutRole_Label);
    }
    else
    {
        MapTransform t = GetTransform(ctx, area);
        // Ocean, fills, hatching and borders change only with the model, theme, scale, box, zoom
        // and pan: built once into retained geometry and copied into the frame after that.
        GeometryKey key = GeometryKey().Add(ctx.MapDrawn->LooksKey).Add(area.Min).Add(area.Max).Add(t.Origin).Add((double)t.Scale)
                              .Add((uint64_t)th.Ocean).Add((uint64_t)th.CountryNeutral).Add((uint64_t)th.CountryBorder).Add((uint64_t)th.EstimateHatch);
        if (ImDrawList* g = ctx.MapDrawn->Geometry.Rebuild(key))
        {
            std::vector<ImVec2> outline;
            for (const Vec2f& p : ctx.Map.Outline)
                outline.push_back(ImVec2(t.Origin.x + p.x * t.Scale, t.Origin.y + p.y * t.Scale));
            if (outline.size() >= 3)
                g->AddConvexPolyFilled(outline.data(), (int)outline.size(), th.Ocean);
            for (int c = 0; c < (int)ctx.Map.Countries.size(); c++)
            {
                int r = ctx.CountryRegion[c];
                FillCountry(g, ctx.Map.Countries[c], t, r >= 0 ? CellFill(ctx, r) : th.CountryNeutral);
            }
            for (int c = 0; c < (int)ctx.Map.Countries.size(); c++)
            {
                int r = ctx.CountryRegion[c];
                const CountryShape& shape = ctx.Map.Countries[c];
                ImRect box(ImVec2(t.Origin.x + shape.Bounds.Min.x * t.Scale, t.Origin.y + shape.Bounds.Min.y * t.Scale),
                           ImVec2(t.Origin.x + shape.Bounds.Max.x * t.Scale, t.Origin.y + shape.Bounds.Max.y * t.Scale));
                if (r >= 0 && MapProvisional(CellFigure(ctx, r)) && box.Overlaps(area))
                    HatchCountry(g, shape, t, area, th.EstimateHatch);
            }
            for (const CountryShape& c : ctx.Map.Countries)
                OutlineCountry(g, c, t, th.CountryBorder, 0.6f);
        }
        ctx.MapDrawn->Geometry.AppendTo(dl);

        int hovered_country = -1;
        if (hovered)
            hovered_country = HitTestCountry(ctx.Map, { (io.MousePos.x - t.Origin.x) / t.Scale, (io.MousePos.y - t.Origin.y) / t.Scale });
        // Selected regions and the hovered region get an outline.
        hovered_region = hovered_country >= 0 ? ctx.CountryRegion[hovered_country] : -1;
        int outlined = hovered_region >= 0 ? hovered_region : list_hovered;
        for (int c = 0; c < (int)ctx.Map.Countries.size(); c++)
        {
            int r = ctx.CountryRegion[c];
            if (r < 0)
                continue;
            if (r == outlined)
                OutlineCountry(dl, ctx.Map.Countries[c], t, th.Highlight, 1.5f);
            else if (RegionSelected(ctx, r))
                OutlineCountry(dl, ctx.Map.Countries[c], t, th.Accent, 1.2f);
        }
        if (hovered_country >= 0 && !ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f))
        {
            const CountryShape& country = ctx.Map.Countries[hovered_country];
            if (hovered_region >= 0)
            {
                ObservationTooltip(ctx, CellFigure(ctx, hovered_region),
                                   country.Name + " is counted in \"" + ShapedText(ds.Regions[hovered_region].Name) + "\"", true);
            }
            else
                ImGui::SetTooltip("%s: no figure for this selection", country.Name.c_str());
        }
        // Click (not a drag) selects the region under the pointer.
        if (ImGui::IsItemDeactivated() && !ImGui::IsMouseDragPastThreshold(ImGuiMouseButton_Left, 3.0f) && hovered_region >= 0)
        {
            const std::string& id = ds.Regions[hovered_region].Id;
            if (io.KeyShift)
            {
                if (!RegionSelected(ctx, hovered_region))
                    ctx.Edit.Regions.push_back(id);
            }
            else
                ctx.Edit.Regions = { id };
            Emit(ctx, "select", SelectEventJson(ctx, CellFigure(ctx, hovered_region).Row));
            ctx.CommitState();
        }
        if (ctx.MapZoom > 1.0f)
        {
            ImGui::SetCursorScreenPos(ImVec2(area.Max.x - TextButtonWidth("Reset zoom") - 6.0f, area.Min.y + 6.0f));
            if (TextButton(th, "##reset-zoom", "Reset zoom"))
            {
                ctx.MapZoom = 1.0f;
                ctx.MapPan = ImVec2(0, 0);
            }
        }
    }
    dl->PopClipRect();

    if (side)
    {
        ImRect legend(ImVec2(area.Max.x + gap, area.Min.y), ImVec2(area.Max.x + gap + list_w, area.Min.y + legend_h));
        if (!ctx.Map.Countries.empty() && !ctx.MapM.Cells.empty() && ImGui::IsRectVisible(legend.Min, legend.Max))
            DrawLegend(ctx, dl, legend, lo, hi, lo_pos);
        ImGui::SetCursorScreenPos(ImVec2(legend.Min.x, legend.Max.y));
        list_hovered = DrawRegionList(ctx, ImVec2(list_w, std::max(40.0f, map_size.y - legend_h)), hovered_region);
    }
    else
    {
        ImRect legend(ImVec2(area.Min.x, area.Max.y + 6.0f), ImVec2(area.Max.x, area.Max.y + 6.0f + legend_h));
        if (!ctx.Map.Countries.empty() && !ctx.MapM.Cells.empty() && ImGui::IsRectVisible(legend.Min, legend.Max))
            DrawLegend(ctx, dl, legend, lo, hi, lo_pos);
        ImGui::SetCursorScreenPos(ImVec2(area.Min.x, legend.Max.y));
        list_hovered = DrawRegionList(ctx, ImVec2(list_w, 0.0f), hovered_region);
        ImGui::EndChild();
    }
}

} // namespace ls
