// Drawing primitives of the trend's lines (see trend_lines.h).
#include "ui/views/trend_lines.h"
#include "ui/views/views.h"

#include <algorithm>
#include <cmath>

namespace ls {
namespace chart {

SeriesStyle TrendSeriesStyle(ImU32 entity_colour, int region_rank, bool dark)
{
    static const SeriesMarker shapes[] = { SeriesMarker_Circle, SeriesMarker_Square, SeriesMarker_Triangle };
    SeriesStyle s;
    s.Color = entity_colour;
    if (region_rank >= 0)
    {
        s.Marker = shapes[region_rank % 3];
        s.Color = SeriesShade(entity_colour, region_rank / 3, dark);
    }
    return s;
}

std::vector<SeriesStyle> TrendStyles(const ViewContext& ctx, const std::vector<TrendSeries>& series, bool dark)
{
    std::vector<int> entities, per_entity;   // shown, in order; lines of each
    for (const TrendSeries& t : series)
    {
        auto it = std::find(entities.begin(), entities.end(), t.Entity);
        if (it == entities.end())
            entities.push_back(t.Entity), per_entity.push_back(1);
        else
            per_entity[it - entities.begin()]++;
    }
    std::vector<int> seen(entities.size(), 0);
    std::vector<SeriesStyle> styles;
    for (const TrendSeries& t : series)
    {
        size_t k = std::find(entities.begin(), entities.end(), t.Entity) - entities.begin();
        styles.push_back(TrendSeriesStyle(EntityColorFor(ctx, t.Entity), per_entity[k] > 1 ? seen[k]++ : -1, dark));
    }
    return styles;
}

// Whether a stretch of line at x is drawn under a dash pattern (measured along x, so that the
// zigzag of a dense line's pixel columns does not scramble the pattern).
bool DashOn(SeriesDash dash, float x)
{
    if (dash == SeriesDash_Solid)
        return true;
    const float on = dash == SeriesDash_Dashed ? 7.0f : 2.0f, period = dash == SeriesDash_Dashed ? 11.0f : 5.0f;
    return std::fmod(std::fabs(x), period) < on;
}

// One anti-aliased polyline with a colour per segment (seg[i]: points[i] -> points[i+1]; alpha 0
// = a gap), written as one strip: a dense line's reported and estimated stretches are one strip
// instead of a polyline per stretch. Uses ImGui's baked line texture, as AddPolyline does for
// integer widths (two vertices per point, one quad per segment); where the colour changes the
// point gets a second vertex pair so each segment keeps one colour. Without the texture (a font
// atlas built without baked lines, a fringe scale other than 1) it falls back to AddPolyline
// per colour run.
void AddColouredPolyline(ImDrawList* dl, const ImVec2* pts, const ImU32* seg, int n, float thickness)
{
    if (n < 2)
        return;
    const int width = (int)thickness;
    const bool textured = (dl->Flags & ImDrawListFlags_AntiAliasedLines) && (dl->Flags & ImDrawListFlags_AntiAliasedLinesUseTex) &&
                          dl->_FringeScale == 1.0f && (float)width == thickness && width < IM_DRAWLIST_TEX_LINES_WIDTH_MAX;
    if (!textured)
    {
        for (int i = 0; i < n - 1;)
        {
            int j = i;
            while (j < n - 1 && seg[j] == seg[i])
                j++;
            if ((seg[i] & IM_COL32_A_MASK) != 0)
                dl->AddPolyline(pts + i, j - i + 1, seg[i], ImDrawFlags_None, thickness);
            i = j;
        }
        return;
    }
    const ImVec4 uvs = dl->_Data->TexUvLines[width];
    const ImVec2 uv0(uvs.x, uvs.y), uv1(uvs.z, uvs.w);
    const float half = thickness * 0.5f + 1.0f;   // the texture's line has one pixel of fringe each side
    dl->PrimReserve((n - 1) * 6, n * 4);
    int used_vtx = 0, used_idx = 0;
    auto normal = [&](int i) {   // of segment i
        float dx = pts[i + 1].x - pts[i].x, dy = pts[i + 1].y - pts[i].y, d2 = dx * dx + dy * dy;
        if (d2 > 0.0f) { float inv = 1.0f / std::sqrt(d2); dx *= inv; dy *= inv; }
        return ImVec2(dy, -dx);
    };
    auto offset = [&](bool has_a, ImVec2 a, bool has_b, ImVec2 b) {   // the edge offset at a joint
        ImVec2 m = has_a && has_b ? ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f) : has_a ? a : b;
        float d2 = m.x * m.x + m.y * m.y;
        if (d2 > 1e-6f)
        {
            // Miter, capped at twice the width: the zigzag of a dense line would spike otherwise.
            float inv = std::min(1.0f / d2, 4.0f);
            m.x *= inv, m.y *= inv;
        }
        return ImVec2(m.x * half, m.y * half);
    };
    auto pair = [&](ImVec2 p, ImVec2 o, ImU32 c) {
        ImDrawVert* v = dl->_VtxWritePtr;
        v[0].pos = ImVec2(p.x + o.x, p.y + o.y); v[0].uv = uv0; v[0].col = c;
        v[1].pos = ImVec2(p.x - o.x, p.y - o.y); v[1].uv = uv1; v[1].col = c;
        dl->_VtxWritePtr += 2;
        used_vtx += 2;
        unsigned int idx = dl->_VtxCurrentIdx;
        dl->_VtxCurrentIdx += 2;
        return idx;
    };
    bool open = false;
    unsigned int last = 0;
    ImVec2 prev_normal(0, 0);
    for (int i = 0; i < n - 1; i++)
    {
        const ImU32 c = seg[i];
        if ((c & IM_COL32_A_MASK) == 0)
        {
            open = false;
            continue;
        }
        const ImVec2 nrm = normal(i);
        if (!open || c != seg[i - 1])
            last = pair(pts[i], offset(open, prev_normal, true, nrm), c);
        const bool next = i + 1 < n - 1 && (seg[i + 1] & IM_COL32_A_MASK) != 0;
        const unsigned int end = pair(pts[i + 1], offset(true, nrm, next, next ? normal(i + 1) : nrm), c);
        ImDrawIdx* ix = dl->_IdxWritePtr;
        ix[0] = (ImDrawIdx)(end + 0); ix[1] = (ImDrawIdx)(last + 0); ix[2] = (ImDrawIdx)(last + 1);
        ix[3] = (ImDrawIdx)(end + 1); ix[4] = (ImDrawIdx)(last + 1); ix[5] = (ImDrawIdx)(end + 0);
        dl->_IdxWritePtr += 6;
        used_idx += 6;
        last = end;
        prev_normal = nrm;
        open = true;
    }
    dl->PrimUnreserve((n - 1) * 6 - used_idx, n * 4 - used_vtx);
}

void DrawMarker(ImDrawList* dl, ImVec2 p, SeriesMarker m, float r, ImU32 colour, bool filled, ImU32 background)
{
    switch (m)
    {
    case SeriesMarker_Square:
    {
        ImVec2 a(p.x - r * 0.9f, p.y - r * 0.9f), b(p.x + r * 0.9f, p.y + r * 0.9f);
        if (filled) dl->AddRectFilled(a, b, colour);
        else { dl->AddRectFilled(a, b, background); dl->AddRect(a, b, colour, 0.0f, 0, 1.5f); }
        break;
    }
    case SeriesMarker_Triangle:
    {
        ImVec2 a(p.x, p.y - r * 1.15f), b(p.x - r * 1.1f, p.y + r * 0.8f), c(p.x + r * 1.1f, p.y + r * 0.8f);
        if (filled) dl->AddTriangleFilled(a, b, c, colour);
        else { dl->AddTriangleFilled(a, b, c, background); dl->AddTriangle(a, b, c, colour, 1.5f); }
        break;
    }
    default:
        if (filled) dl->AddCircleFilled(p, r, colour);
        else { dl->AddCircleFilled(p, r, background); dl->AddCircle(p, r, colour, 0, 1.5f); }
        break;
    }
}

// A bound is not a point: an open marker with an arrow towards where the true value lies.
void DrawBoundMarker(ImDrawList* dl, ImVec2 p, Bound b, ImU32 colour, ImU32 background)
{
    float dir = b == Bound_Lower ? -1.0f : 1.0f;   // screen y grows downwards
    ImVec2 tip(p.x, p.y + dir * 13.0f);
    dl->AddLine(ImVec2(p.x, p.y + dir * 5.0f), tip, colour, 1.5f);
    dl->AddTriangleFilled(tip, ImVec2(tip.x - 4.0f, tip.y - dir * 5.0f), ImVec2(tip.x + 4.0f, tip.y - dir * 5.0f), colour);
    dl->AddCircleFilled(p, 4.5f, background);
    dl->AddCircle(p, 4.5f, colour, 0, 2.0f);
}

} // namespace chart
} // namespace ls
