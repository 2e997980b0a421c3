// Map view: each region's countries coloured by the selected metric for one entity at the
// selected period. Regions may overlap (a "Worldwide" figure and a "US & Canada" figure): larger
// regions are painted first, so each country shows its most specific region. Regions that name
// no countries are listed beside the map with their values, and say they cannot be drawn.

#include "ui/views/views.h"
#include "core/stable_sort.h"
#include "ui/app.h"

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

static float ScaleT(const ViewContext& ctx, double v, double lo, double hi, double lo_pos)
{
    if (ctx.Edit.Scale == ScaleKind_Log && lo_pos > 0 && hi > lo_pos && v > 0)
        return (float)((std::log(v) - std::log(lo_pos)) / (std::log(hi) - std::log(lo_pos)));
    if (hi <= lo)
        return 1.0f;
    return (float)((v - lo) / (hi - lo));
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

static void DrawLegend(ViewContext& ctx, ImDrawList* dl, ImRect area, double lo, double hi, double lo_pos)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    bool log = ctx.Edit.Scale == ScaleKind_Log && lo_pos > 0 && hi > lo_pos;
    double a = log ? lo_pos : lo, b = hi;
    ImGui::PushFont(ctx.Fonts_.Small);
    std::string unit = ds.Metrics[ctx.Sel.Metric].Unit + (log ? " (log scale)" : "");
    std::string lo_s = FormatValue(ds, ctx.Sel.Metric, a), hi_s = FormatValue(ds, ctx.Sel.Metric, b);
    float w = 170.0f, h = 10.0f, pad = 8.0f;
    ImVec2 p(area.Min.x + pad, area.Max.y - pad - h - ImGui::GetTextLineHeight() * 2.0f - 4.0f);
    dl->AddRectFilled(ImVec2(p.x - 6, p.y - ImGui::GetTextLineHeight() - 6), ImVec2(p.x + w + 6, area.Max.y - 2), WithAlpha(th.Background, 0.85f), 4.0f);
    dl->AddText(ImVec2(p.x, p.y - ImGui::GetTextLineHeight() - 2), th.TextMuted, unit.c_str());
    for (int i = 0; i < 32; i++)
    {
        float x0 = p.x + w * i / 32.0f, x1 = p.x + w * (i + 1) / 32.0f;
        dl->AddRectFilled(ImVec2(x0, p.y), ImVec2(x1 + 0.5f, p.y + h), SequentialColor((i + 0.5f) / 32.0f, th.Dark));
    }
    dl->AddText(ImVec2(p.x, p.y + h + 2), th.Text, lo_s.c_str());
    ImVec2 hs = ImGui::CalcTextSize(hi_s.c_str());
    dl->AddText(ImVec2(p.x + w - hs.x, p.y + h + 2), th.Text, hi_s.c_str());
    ImVec2 q(p.x, p.y + h + 2 + ImGui::GetTextLineHeight() + 2);
    dl->AddRectFilled(q, ImVec2(q.x + 12, q.y + 10), th.CountryNeutral);
    dl->AddText(ImVec2(q.x + 16, q.y - 2), th.TextMuted, "no data / not in a region");
    ImGui::PopFont();
}

// The list beside the map: every region with a value, largest first, including those the map
// cannot draw.
static void DrawRegionList(ViewContext& ctx, ImVec2 size, double lo, double hi, double lo_pos)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    ImGui::BeginChild("map-regions", size, ImGuiChildFlags_None);
    ImRect r(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + size.x, ImGui::GetWindowPos().y + size.y));
    if (ImGui::GetScrollMaxY() > 0)
        ctx.WheelRects.push_back(r);
    if (ctx.MapM.Cells.empty())
        ImGui::TextWrapped("No recent figure for this platform at %s. Try another period or platform.", PeriodLabel(ctx.Sel.At).c_str());
    DrawNotes(ctx, ctx.MapM.Notes);
    // A click changes the state, which recomputes the colouring: apply it after the list is drawn.
    int clicked = -1;
    uint32_t clicked_row = 0;
    for (const MapCell& cell : ctx.MapM.Cells)
    {
        const int i = cell.Region;
        const Region& reg = ds.Regions[i];
        const Figure& f = cell.F;
        uint32_t row = f.Row;
        bool est = f.Conf != Confidence_Reported;
        ImGui::PushID(i);
        ImVec2 p = ImGui::GetCursorScreenPos();
        float lh = ImGui::GetTextLineHeight();
        bool selected = RegionSelected(ctx, i);
        if (ImGui::Selectable("##region", selected, 0, ImVec2(0, lh * 2.0f + 4.0f)))
        {
            clicked = i;
            clicked_row = row;
        }
        if (ImGui::IsItemHovered())
            ObservationTooltip(ctx, f);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImU32 col = SequentialColor(ScaleT(ctx, f.Value, lo, hi, lo_pos), th.Dark);
        ImRect sw(ImVec2(p.x + 2, p.y + 3), ImVec2(p.x + 14, p.y + lh));
        dl->AddRectFilled(sw.Min, sw.Max, est ? WithAlpha(col, 0.5f) : col);
        if (est)
            DrawHatch(dl, sw, th.EstimateHatch, 4.0f);
        dl->AddText(ImVec2(p.x + 20, p.y), th.Text, reg.Name.c_str());
        std::string value = FigureValueText(ds, ctx.Sel.Metric, f) + (est ? " (est.)" : "") +
                            (f.Age > 0 ? " (" + AgeText(f, ctx.MapM.Granularity) + ")" : "");
        dl->AddText(ImVec2(p.x + 20, p.y + lh + 1), th.TextMuted, value.c_str());
        bool drawable = cell.Painted && (reg.World || !reg.Countries.empty());
        if (!drawable)
        {
            ImVec2 vs = ImGui::CalcTextSize(value.c_str());
            dl->AddText(ImVec2(p.x + 26 + vs.x, p.y + lh + 1), th.TextMuted, reg.World ? "total, not drawn" : "not on the map: no country list");
        }
        ImGui::PopID();
    }
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
}

void DrawMapView(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    UpdateMapModel(ctx);
    int entity = ctx.MapM.Entity;
    if (ctx.Sel.Metric < 0 || entity < 0)
    {
        ImGui::TextWrapped("Choose a metric and a platform to colour the map.");
        return;
    }

    // Entity switcher: the map shows one platform at a time.
    ImGui::TextDisabled("Showing");
    for (int e : ctx.Sel.Entities)
    {
        ImGui::SameLine();
        std::string label = EntityLabel(ds.Entities[e]) + "##map-e" + std::to_string(e);
        bool on = e == entity;
        if (on)
            ImGui::PushStyleColor(ImGuiCol_Button, WithAlpha(EntityColorFor(ctx, e), 0.35f));
        if (ImGui::SmallButton(label.c_str()) && !on)
        {
            auto& ids = ctx.Edit.Entities;
            ids.erase(std::remove(ids.begin(), ids.end(), ds.Entities[e].Id), ids.end());
            ids.insert(ids.begin(), ds.Entities[e].Id);
            ctx.CommitState();
        }
        if (on)
            ImGui::PopStyleColor();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("· %s", PeriodLabel(ctx.Sel.At).c_str());
    ImGui::SameLine();
    bool log = ctx.Edit.Scale == ScaleKind_Log;
    if (ImGui::Checkbox("Log colour scale", &log))
    {
        ctx.Edit.Scale = log ? ScaleKind_Log : ScaleKind_Linear;
        ctx.CommitState();
    }

    ImVec2 avail = ImGui::GetContentRegionAvail();
    bool side = avail.x > 640.0f;
    float list_w = side ? std::min(260.0f, avail.x * 0.3f) : avail.x;
    ImVec2 map_size = side ? ImVec2(avail.x - list_w - 8.0f, avail.y) : ImVec2(avail.x, avail.y * 0.62f);
    double lo = ctx.MapM.Lo, hi = ctx.MapM.Hi, lo_pos = ctx.MapM.LoPositive;

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
    if (hovered && io.MouseWheel != 0.0f)
        ZoomMapAt(ctx, io.MousePos, std::pow(1.25f, io.MouseWheel));

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(area.Min, area.Max, true);
    if (ctx.Map.Countries.empty())
    {
        dl->AddText(ImVec2(area.Min.x + 8, area.Min.y + 8), th.ErrorText, ("The world map is unavailable: " + ctx.MapError).c_str());
    }
    else
    {
        MapTransform t = GetTransform(ctx, area);
        std::vector<ImVec2> outline;
        for (const Vec2f& p : ctx.Map.Outline)
            outline.push_back(ImVec2(t.Origin.x + p.x * t.Scale, t.Origin.y + p.y * t.Scale));
        if (outline.size() >= 3)
            dl->AddConvexPolyFilled(outline.data(), (int)outline.size(), th.Ocean);

        int hovered_country = -1;
        if (hovered)
            hovered_country = HitTestCountry(ctx.Map, { (io.MousePos.x - t.Origin.x) / t.Scale, (io.MousePos.y - t.Origin.y) / t.Scale });
        for (int c = 0; c < (int)ctx.Map.Countries.size(); c++)
        {
            int r = ctx.CountryRegion[c];
            ImU32 col = th.CountryNeutral;
            if (r >= 0)
            {
                const Figure& f = CellFigure(ctx, r);
                col = SequentialColor(ScaleT(ctx, f.Value, lo, hi, lo_pos), th.Dark);
                if (f.Conf != Confidence_Reported || f.Age > 0)
                    col = WithAlpha(col, 0.5f);   // estimates: lighter, and labelled in the tooltip and list
            }
            FillCountry(dl, ctx.Map.Countries[c], t, col);
        }
        for (const CountryShape& c : ctx.Map.Countries)
            OutlineCountry(dl, c, t, th.CountryBorder, 0.6f);
        // Selected regions and the hovered region get an outline.
        int hovered_region = hovered_country >= 0 ? ctx.CountryRegion[hovered_country] : -1;
        for (int c = 0; c < (int)ctx.Map.Countries.size(); c++)
        {
            int r = ctx.CountryRegion[c];
            if (r < 0)
                continue;
            if (r == hovered_region)
                OutlineCountry(dl, ctx.Map.Countries[c], t, th.Highlight, 1.5f);
            else if (RegionSelected(ctx, r))
                OutlineCountry(dl, ctx.Map.Countries[c], t, th.Accent, 1.2f);
        }
        if (hovered_country >= 0 && !ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f))
        {
            const CountryShape& country = ctx.Map.Countries[hovered_country];
            if (hovered_region >= 0)
            {
                ObservationTooltip(ctx, CellFigure(ctx, hovered_region));
                ImGui::BeginTooltip();
                ImGui::TextDisabled("%s is counted in \"%s\"", country.Name.c_str(), ds.Regions[hovered_region].Name.c_str());
                ImGui::EndTooltip();
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
        DrawLegend(ctx, dl, area, lo, hi, lo_pos);
        if (ctx.MapZoom > 1.0f)
        {
            ImGui::SetCursorScreenPos(ImVec2(area.Max.x - 90, area.Min.y + 6));
            if (ImGui::SmallButton("Reset zoom"))
            {
                ctx.MapZoom = 1.0f;
                ctx.MapPan = ImVec2(0, 0);
            }
        }
    }
    dl->PopClipRect();

    if (side)
    {
        ImGui::SetCursorScreenPos(ImVec2(area.Max.x + 8.0f, area.Min.y));
        DrawRegionList(ctx, ImVec2(list_w, map_size.y), lo, hi, lo_pos);
    }
    else
    {
        ImGui::SetCursorScreenPos(ImVec2(area.Min.x, area.Max.y + 6.0f));
        DrawRegionList(ctx, ImVec2(list_w, ImGui::GetContentRegionAvail().y), lo, hi, lo_pos);
    }
}

} // namespace ls
