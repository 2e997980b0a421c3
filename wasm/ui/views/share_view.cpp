// Share view: 100 % stacked bars over time of a summable metric, across regions (for one
// entity) and across owners' countries (entities' hq_country, at one region). Only disjoint
// regions are stacked: a region whose countries overlap another's is left out and named, and
// "world" regions are totals, not parts. Ratios, ranks and shares cannot be stacked: the view
// says so instead of drawing a wrong picture.

#include "ui/views/views.h"
#include "ui/app.h"
#include "core/label_placement.h"
#include "ui/layout_report.h"
#include "ui/shaping.h"
#include "ui/views/view_layout.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>

namespace ls {

// A chart's colours: by part, from the palette (by region from the start, by owner's country
// further along, so the two charts do not look like one).
static ImU32 PartColour(const ViewContext& ctx, const ShareChartModel& chart, size_t part)
{
    return PaletteColor((int)part + (&chart == &ctx.Share.ByOrigin ? 3 : 0), ctx.Theme_->Dark);
}

// The bars of a share chart, from bottom-left `base`, as rectangles per part. In a dense chart a
// part's segments in neighbouring columns that land on the same device pixels (same rows, same
// estimate flag) become one rectangle: the picture is the same, and the vertex count follows how
// often the shares change on screen rather than how many periods there are.
struct ShareRect { ImVec2 Min, Max; size_t Part; bool Estimate; };
static std::vector<ShareRect> ShareBarRects(const ShareChartModel& chart, ImVec2 base, float h, float bw, float gap, bool dense)
{
    struct Segment { float Top = 0, Bottom = 0; bool Estimate = false, Present = false; };
    const size_t n = chart.Columns.size(), parts = chart.Parts.size();
    const float density = ImGui::GetIO().DisplayFramebufferScale.y > 0 ? ImGui::GetIO().DisplayFramebufferScale.y : 1.0f;
    auto snap = [&](float v) { return dense ? std::round(v * density) / density : v; };
    std::vector<Segment> segments(n * parts);
    for (size_t c = 0; c < n; c++)
    {
        const ShareColumnModel& col = chart.Columns[c];
        float y = base.y;
        for (size_t i = 0; i < parts && i < col.Values.size(); i++)
        {
            if (col.Values[i] <= 0 || col.Total <= 0)
                continue;
            float top = y - (float)(col.Values[i] / col.Total) * h;
            segments[c * parts + i] = { snap(top), snap(y), col.Estimate[i] != 0, true };
            y = top;
        }
    }
    std::vector<ShareRect> rects;
    for (size_t i = 0; i < parts; i++)
        for (size_t c = 0; c < n;)
        {
            const Segment& first = segments[c * parts + i];
            size_t last = c;
            while (dense && first.Present && last + 1 < n)
            {
                const Segment& next = segments[(last + 1) * parts + i];
                if (!next.Present || next.Top != first.Top || next.Bottom != first.Bottom || next.Estimate != first.Estimate)
                    break;
                last++;
            }
            if (first.Present)
                rects.push_back({ ImVec2(base.x + c * (bw + gap), first.Top), ImVec2(base.x + last * (bw + gap) + bw, first.Bottom), i, first.Estimate });
            c = last + 1;
        }
    return rects;
}

static void BuildShareBars(const ViewContext& ctx, ImDrawList* out, const ShareChartModel& chart, const std::vector<ShareRect>& rects)
{
    out->PrimReserve((int)rects.size() * 6, (int)rects.size() * 4);
    for (const ShareRect& r : rects)
        out->PrimRect(r.Min, r.Max, r.Estimate ? CachedEstimateColor(PartColour(ctx, chart, r.Part), *ctx.Theme_) : PartColour(ctx, chart, r.Part));
}

// The hatching over estimated segments of a sparse chart, kept from the frame that built it. It
// was drawn every frame as diagonal anti-aliased lines (DrawHatch: a line per 5 px of a
// segment's width and height, each stroke's normals and fringe worked out again), although it
// changes only with the chart, its box, the theme or the pixel density: the frames that do run
// while nothing changes (the pointer moving over the chart) rebuilt all of it. Each segment's
// lines are clipped to the segment by a clip rectangle, which one RetainedGeometry cannot carry
// (it is drawn under a single clip rectangle), so the lines' vertices are kept per segment and
// copied into the frame under that segment's clip rectangle: the same commands, vertices and
// indices DrawHatch made, so the same picture.
struct ShareHatching
{
    uint64_t Key = 0;
    bool Valid = false;
    std::vector<ImRect> Rects;           // per hatched segment, in drawing order
    std::vector<int> VtxEnd, IdxEnd;     // per segment: where its vertices and indices end
    std::vector<ImDrawVert> Vtx;
    std::vector<ImDrawIdx> Idx;          // from each segment's first vertex
    uint64_t Builds = 0;                 // for the tests (ShareHatchingBuilds)
    void AppendTo(ImDrawList* dl) const;
};
static ShareHatching g_ShareHatching[2];   // by region, by origin

// How many times chart `which`'s hatching was built (tests/ui_test_share_hatching.cpp).
uint64_t ShareHatchingBuilds(int which) { return g_ShareHatching[which].Builds; }

// The hatched segments are the estimated ones, laid out as DrawShareChart's hit test walks them
// (x accumulated column by column): DrawHatch's lines drawn into a list of their own, then kept.
static void BuildShareHatching(ShareHatching* out, uint64_t key, const ShareChartModel& chart, ImVec2 base, float h, float bw, float gap,
                               ImU32 color, ImDrawListFlags flags)
{
    out->Key = key;
    out->Valid = true;
    out->Builds++;
    out->Rects.clear();
    out->VtxEnd.clear();
    out->IdxEnd.clear();
    out->Vtx.clear();
    out->Idx.clear();
    ImDrawList list(ImGui::GetDrawListSharedData());
    list._ResetForNewFrame();
    list.Flags = flags;   // anti-aliasing as the window's list draws it
    list.PushClipRectFullScreen();
    list.PushTextureID(ImGui::GetIO().Fonts->TexID);
    float x = base.x;
    for (size_t c = 0; c < chart.Columns.size(); c++, x += bw + gap)
    {
        const ShareColumnModel& col = chart.Columns[c];
        float y = base.y;
        for (size_t i = 0; i < col.Values.size(); i++)
        {
            if (col.Values[i] <= 0 || col.Total <= 0)
                continue;
            float seg = (float)(col.Values[i] / col.Total) * h;
            ImRect r(ImVec2(x, y - seg), ImVec2(x + bw, y));
            y -= seg;
            if (!col.Estimate[i])
                continue;
            const int first_vtx = list.VtxBuffer.Size;
            const int first_idx = list.IdxBuffer.Size;
            const float rh = r.GetHeight();
            for (float lx = r.Min.x - rh; lx < r.Max.x; lx += 5.0f)   // as DrawHatch(dl, r, color, 5.0f), without its clip
                list.AddLine(ImVec2(lx, r.Max.y), ImVec2(lx + rh, r.Min.y), color, 1.5f);
            for (int k = first_idx; k < list.IdxBuffer.Size; k++)
                out->Idx.push_back((ImDrawIdx)(list.IdxBuffer[k] - first_vtx));
            out->Vtx.insert(out->Vtx.end(), list.VtxBuffer.Data + first_vtx, list.VtxBuffer.Data + list.VtxBuffer.Size);
            out->Rects.push_back(r);
            out->VtxEnd.push_back((int)out->Vtx.size());
            out->IdxEnd.push_back((int)out->Idx.size());
        }
    }
}

void ShareHatching::AppendTo(ImDrawList* dl) const
{
    int vtx = 0, idx = 0;
    for (size_t k = 0; k < Rects.size(); k++)
    {
        const int vertices = VtxEnd[k] - vtx, indices = IdxEnd[k] - idx;
        dl->PushClipRect(Rects[k].Min, Rects[k].Max, true);
        dl->PrimReserve(indices, vertices);
        const ImDrawIdx base = (ImDrawIdx)dl->_VtxCurrentIdx;
        std::memcpy(dl->_VtxWritePtr, Vtx.data() + vtx, (size_t)vertices * sizeof(ImDrawVert));
        for (int i = 0; i < indices; i++)
            dl->_IdxWritePtr[i] = (ImDrawIdx)(Idx[(size_t)(idx + i)] + base);
        dl->_VtxWritePtr += vertices;
        dl->_IdxWritePtr += indices;
        dl->_VtxCurrentIdx += (unsigned int)vertices;
        dl->PopClipRect();
        vtx = VtxEnd[k];
        idx = IdxEnd[k];
    }
}

// Period labels under the columns: the labels and the widest one, measured once per model and
// font (a million observations give 250 columns; measuring them every frame would cost more than
// drawing the bars).
struct ShareColumnLabels
{
    uint64_t Generation = ~0ull;
    const void* Font = nullptr;
    std::vector<std::string> Labels;
    float Widest = 0.0f;
};

static const ShareColumnLabels& TicksFor(const ViewContext& ctx, const ShareChartModel& chart, int which)
{
    static ShareColumnLabels cache[2];
    ShareColumnLabels& t = cache[which];
    ImFont* font = ImGui::GetFont();
    if (t.Generation != ctx.ShareGeneration || t.Font != font || t.Labels.size() != chart.Columns.size())
    {
        t.Generation = ctx.ShareGeneration;
        t.Font = font;
        t.Labels.clear();
        t.Widest = 0.0f;
        for (const ShareColumnModel& col : chart.Columns)
        {
            t.Labels.push_back(PeriodLabel(col.At));
            t.Widest = std::max(t.Widest, ImGui::CalcTextSize(t.Labels.back().c_str()).x);
        }
    }
    return t;
}

// A legend entry's place: the parts not labelled on the bars, in rows that wrap at the width.
struct LegendEntry { size_t Part; ImRect Rect; std::string Shown; };

static std::vector<LegendEntry> LayOutLegend(const ShareChartModel& chart, const std::vector<bool>& labelled, ImVec2 at, float w, float* height)
{
    std::vector<LegendEntry> out;
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize(), lh = ImGui::GetTextLineHeight(), row_h = lh + 4.0f;
    float x = at.x, y = at.y;
    for (size_t i = 0; i < chart.Parts.size(); i++)
    {
        if (labelled[i])
            continue;
        std::string shown = Ellipsize(font, fs, ShapedText(chart.Parts[i]), std::max(20.0f, w - 18.0f));
        float ew = 16.0f + font->CalcTextSizeA(fs, FLT_MAX, 0.0f, shown.c_str()).x;
        if (x > at.x && x + ew > at.x + w)
        {
            x = at.x;
            y += row_h;
        }
        out.push_back({ i, ImRect(ImVec2(x, y), ImVec2(x + ew, y + lh)), std::move(shown) });
        x += ew + 14.0f;
    }
    *height = out.empty() ? 0.0f : y + row_h - at.y;
    return out;
}

static void DrawShareChart(ViewContext& ctx, const ShareChartModel& chart, ImVec2 size, RetainedGeometry* geometry, int which)
{
    const Theme& th = *ctx.Theme_;
    const float start_y = ImGui::GetCursorScreenPos().y;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(ShapedText(chart.Title));
    LayoutRecordLastItem(LayoutRole_Label, chart.Title);
    ImGui::PushStyleColor(ImGuiCol_Text, th.TextMuted);
    if (!chart.Note.empty())
    {
        ImGui::TextUnformatted(ShapedText(chart.Note));
        LayoutRecordLastItem(LayoutRole_Label, chart.Note);
    }
    if (!chart.Coverage.empty())
    {
        std::string coverage = "Coverage: " + chart.Coverage;
        ImGui::TextUnformatted(ShapedText(coverage));
        LayoutRecordLastItem(LayoutRole_Label, coverage);
    }
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    if (chart.Columns.empty())
    {
        if (chart.Note.empty() || !chart.Parts.empty())
        {
            ImGui::TextDisabled("No period has figures for two or more parts.");
            LayoutRecordLastItem(LayoutRole_Label, "No period has figures for two or more parts.");
        }
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize(), lh = ImGui::GetTextLineHeight();
    const size_t n = chart.Columns.size(), parts = chart.Parts.size();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;

    // Horizontal layout: the percentage axis, the columns, and on wide charts a margin at the
    // right for direct labels beside the last column.
    ImGui::PushFont(ctx.Fonts_.Small);
    const float small_lh = ImGui::GetTextLineHeight();
    const float axis_w = ImGui::CalcTextSize("100%").x + 6.0f;
    ImGui::PopFont();
    // What depends on the names and the chart's box only (the widest name, which parts get a
    // direct label and where, the legend's entries) is worked out when the model, the box or the
    // font changes, not every frame: a chart of 19 parts would measure and shape each name
    // three times a frame.
    struct Layout
    {
        uint64_t Key = 0;
        float WidestPart = 0.0f, H = 0.0f, LegendH = 0.0f;
        std::vector<bool> Labelled;
        std::vector<float> LabelY;
        std::vector<std::string> LabelShown;
        std::vector<LegendEntry> Legend;
    };
    static Layout cache[2];
    Layout& L = cache[which];
    GeometryKey k;
    k.Add(ctx.ShareGeneration).Add(origin).Add((double)w).Add((double)size.y).Add((double)start_y).Add((uint64_t)(uintptr_t)font).Add((double)fs);
    for (const std::string& part : chart.Parts)   // the names too: a generation number restarts with a new App (tests)
        k.Add((uint64_t)std::hash<std::string>()(part));
    k.Add((uint64_t)n).Add(chart.Columns.back().Total);
    const uint64_t key = k.Hash;
    const bool direct = w >= 480.0f;
    const bool stale = L.Key != key || L.Labelled.size() != parts;
    if (stale)
    {
        L.Key = key;
        L.WidestPart = 0.0f;
        for (const std::string& part : chart.Parts)
            L.WidestPart = std::max(L.WidestPart, font->CalcTextSizeA(fs, FLT_MAX, 0.0f, ShapedText(part)).x);
    }
    const float label_margin = direct ? std::min(L.WidestPart + 10.0f, w * 0.28f) : 0.0f;
    const float plot_left = origin.x + axis_w, plot_w = std::max(20.0f, w - axis_w - label_margin);
    // Dense charts (columns of 6 px or less) have no gaps, so that neighbouring columns can share
    // rectangles (see BuildShareBars): 250 months at 4-5 px a column (a million observations)
    // would otherwise be one rectangle per segment, copied into every frame.
    const bool dense = plot_w / (float)n <= 6.0f;
    const float gap = dense ? 0.0f : n > 40 ? 1.0f : 4.0f;
    const float bw = std::max(dense ? 0.5f : 2.0f, plot_w / (float)n - gap);
    const float plot_right = plot_left + n * (bw + gap) - gap;
    const float ticks_h = small_lh + 6.0f;
    if (stale)
    {
        // Vertical layout: the columns, the period labels under them, the legend under those.
        // The legend's height depends on which parts are labelled directly, which depends on
        // the columns' height: laid out with every part in the legend first (the most it takes).
        L.Labelled.assign(parts, false);
        L.LabelY.assign(parts, 0.0f);
        L.LabelShown.assign(parts, std::string());
        LayOutLegend(chart, L.Labelled, origin, w, &L.LegendH);
        L.H = std::max(80.0f, size.y - (origin.y - start_y) - ticks_h - L.LegendH - 8.0f);
        const float base = origin.y + L.H;
        // Direct labels beside the last column, at its segments' middles, without overlapping:
        // the placer leaves out what does not fit or would stray from its segment (to the legend).
        if (direct)
        {
            const ShareColumnModel& last = chart.Columns.back();
            std::vector<LabelSpan> spans;
            std::vector<size_t> span_part;
            float y = base;
            for (size_t i = 0; i < parts && i < last.Values.size(); i++)
            {
                if (last.Values[i] <= 0 || last.Total <= 0)
                    continue;
                float seg = (float)(last.Values[i] / last.Total) * L.H;
                spans.push_back({ y - seg * 0.5f, lh, (int)std::min(seg * 100.0f, 1e8f) });
                span_part.push_back(i);
                y -= seg;
            }
            LabelLayout placed = PlaceLabels(spans, origin.y, base, 1.0f, lh * 1.5f);
            for (size_t k = 0; k < spans.size(); k++)
                if (placed.Placed[k])
                {
                    size_t i = span_part[k];
                    L.Labelled[i] = true;
                    L.LabelY[i] = placed.Pos[k];
                    L.LabelShown[i] = Ellipsize(font, fs, ShapedText(chart.Parts[i]), origin.x + w - (plot_right + 8.0f));
                }
        }
        L.Legend = LayOutLegend(chart, L.Labelled, ImVec2(origin.x, base + ticks_h + 4.0f), w, &L.LegendH);
    }
    const float h = L.H, legend_h = L.LegendH;
    const float base_y = origin.y + h;
    const std::vector<bool>& labelled = L.Labelled;
    const std::vector<float>& label_y = L.LabelY;
    const std::vector<LegendEntry>& legend = L.Legend;
    const float total_h = h + ticks_h + 4.0f + legend_h;
    ReportPlot(ctx, ImRect(ImVec2(plot_left, origin.y), ImVec2(plot_right, base_y)));   // the columns
    ImGui::InvisibleButton("share-chart", ImVec2(w, total_h));
    if (!ImGui::IsItemVisible())
        return;   // scrolled out of sight
    const bool hovered = ImGui::IsItemHovered();
    ImGuiIO& io = ImGui::GetIO();

    // What the pointer is on: a legend entry, a direct label or a segment; that part is highlighted.
    int lit = -1;
    if (hovered)
    {
        for (const LegendEntry& e : legend)
            if (e.Rect.Contains(io.MousePos))
                lit = (int)e.Part;
        if (lit < 0 && direct && io.MousePos.x > plot_right)
            for (size_t i = 0; i < parts; i++)
                if (labelled[i] && std::fabs(io.MousePos.y - label_y[i]) <= lh * 0.5f)
                    lit = (int)i;
    }

    ImGui::PushFont(ctx.Fonts_.Small);
    for (int pct = 0; pct <= 100; pct += 25)
    {
        float y = base_y - h * pct / 100.0f;
        dl->AddLine(ImVec2(plot_left - 2.0f, y), ImVec2(plot_right, y), th.Grid);
        char buf[8];
        std::snprintf(buf, sizeof(buf), "%d%%", pct);
        float tw = ImGui::CalcTextSize(buf).x;
        // Kept inside the chart's box: the top label hangs below its line, the others sit on it.
        float ty = pct == 100 ? y : y - small_lh * 0.5f;
        DrawReportedText(dl, ImVec2(plot_left - 6.0f - tw, std::min(ty, base_y - small_lh)), th.TextMuted, buf, LayoutRole_Axis);
    }
    ImGui::PopFont();
    // The bars are retained geometry, and so is the hovered part's outline (built when the part
    // under the pointer changes, not every frame) and the hatching (ShareHatching); hover and
    // labels are drawn every frame.
    const GeometryKey bars_key = GeometryKey().Add(ctx.ShareGeneration).Add(origin).Add((double)w).Add((double)h).Add((double)plot_left)
                                     .Add((uint64_t)th.Dark);
    if (ImDrawList* bars = geometry->Rebuild(bars_key))
        BuildShareBars(ctx, bars, chart, ShareBarRects(chart, ImVec2(plot_left, base_y), h, bw, gap, dense));
    geometry->AppendTo(dl);
    // A segment's tooltip stays where it appeared while the pointer stays on that segment (see
    // TooltipAnchor): where the pointer entered it, per chart.
    static long long tip_segment[2] = { -1, -1 };
    static ImVec2 tip_at[2];
    long long hovered_segment = -1;
    // The hatching of estimated segments (sparse charts): see ShareHatching.
    const bool hatch = !dense && bw >= 4.0f;   // dense or narrow bars show estimates by their lighter colour alone
    if (hatch)
    {
        ShareHatching& hatching = g_ShareHatching[which];
        const GeometryKey hatch_key = GeometryKey(bars_key).Add(key).Add((double)bw).Add((double)gap).Add((uint64_t)th.EstimateHatch).Add((uint64_t)dl->Flags);
        if (!hatching.Valid || hatching.Key != hatch_key.Hash)
            BuildShareHatching(&hatching, hatch_key.Hash, chart, ImVec2(plot_left, base_y), h, bw, gap, th.EstimateHatch, dl->Flags);
        hatching.AppendTo(dl);
    }
    // Segments are visited only in the column under the pointer: walking all segments of a dense
    // chart for the hit test (250 columns x the parts at a million observations) was a tenth of
    // share's frame in a CPU profile. x is still accumulated column by column, as the bars were
    // laid out, so the hit test is unchanged at column edges.
    const bool probe = hovered && lit < 0;
    float x = plot_left;
    for (size_t c = 0; c < n; c++, x += bw + gap)
    {
        if (!(probe && io.MousePos.x >= x && io.MousePos.x < x + bw))
            continue;
        const ShareColumnModel& col = chart.Columns[c];
        float y = base_y;
        for (size_t i = 0; i < col.Values.size(); i++)
        {
            if (col.Values[i] <= 0 || col.Total <= 0)
                continue;
            float seg = (float)(col.Values[i] / col.Total) * h;
            ImRect r(ImVec2(x, y - seg), ImVec2(x + bw, y));
            y -= seg;
            if (hovered && lit < 0 && r.Contains(io.MousePos))
            {
                lit = (int)i;
                hovered_segment = (long long)(c * parts + i);
                if (tip_segment[which] != hovered_segment)
                    tip_at[which] = io.MousePos;
                TooltipAnchor anchor(tip_at[which]);
                ImGui::SetTooltip("%s, %s\n%.1f%% of the parts' total (%d contributors)%s%s", ShapedText(chart.Parts[i]), PeriodLabel(col.At).c_str(),
                                  100.0 * col.Values[i] / col.Total, col.Contributors, col.Estimate[i] ? "\nincludes estimates" : "",
                                  col.Bounded[i] ? "\nincludes a bound (at least / at most)" : "");
            }
        }
    }
    tip_segment[which] = hovered_segment;
    // The highlighted part: its rectangles outlined (only while something is hovered; in a dense
    // chart the runs of columns drawn as one rectangle are outlined as one).
    if (lit >= 0)
    {
        RetainedGeometry& outline = ctx.ShareOutline[which];
        // Keyed by the names too (as the layout above): the generation restarts with a new App.
        if (ImDrawList* out = outline.Rebuild(GeometryKey(bars_key).Add(key).Add((uint64_t)lit).Add((uint64_t)th.Text)))
            for (const ShareRect& r : ShareBarRects(chart, ImVec2(plot_left, base_y), h, bw, gap, dense))
                if ((int)r.Part == lit)
                    out->AddRect(r.Min, r.Max, th.Text, 0.0f, 0, 1.5f);
        outline.AppendTo(dl);
    }

    // Period labels: every k-th column, k from the widest label, so no two touch; centred under
    // their column and kept inside the chart.
    ImGui::PushFont(ctx.Fonts_.Small);
    const ShareColumnLabels& ticks = TicksFor(ctx, chart, which);
    const float pitch = bw + gap;
    const int every = std::max(1, (int)std::ceil((ticks.Widest + 10.0f) / pitch));
    float last_right = -FLT_MAX;
    for (size_t c = 0; c < n; c += every)
    {
        const std::string& label = ticks.Labels[c];
        float tw = ImGui::CalcTextSize(label.c_str()).x;
        float cx = plot_left + c * pitch + bw * 0.5f;
        float lx = std::clamp(cx - tw * 0.5f, origin.x, origin.x + w - tw);
        if (lx < last_right + 6.0f)
            continue;
        DrawReportedText(dl, ImVec2(lx, base_y + 3.0f), th.TextMuted, label, LayoutRole_Axis);
        last_right = lx + tw;
    }
    ImGui::PopFont();

    // Direct labels, with a tick from the label to its segment when the placer moved it.
    if (direct)
    {
        const float lx = plot_right + 8.0f;
        for (size_t i = 0; i < parts; i++)
        {
            if (!labelled[i])
                continue;
            const std::string& shown = L.LabelShown[i];
            float ty = label_y[i] - lh * 0.5f;
            dl->AddRectFilled(ImVec2(plot_right + 2.0f, label_y[i] - 1.0f), ImVec2(plot_right + 6.0f, label_y[i] + 1.0f), PartColour(ctx, chart, i));
            dl->AddText(font, fs, ImVec2(lx, ty), th.Text, shown.c_str());
            float tw = font->CalcTextSizeA(fs, FLT_MAX, 0.0f, shown.c_str()).x;
            if ((int)i == lit)
                dl->AddLine(ImVec2(lx, ty + lh), ImVec2(lx + tw, ty + lh), th.Text, 1.0f);
            LayoutRecord(LayoutRole_DataLabel, chart.Parts[i], ImRect(ImVec2(lx, ty), ImVec2(lx + tw, ty + lh)), (int)i == lit);
        }
    }
    // The legend: the parts without a direct label.
    for (const LegendEntry& e : legend)
    {
        bool on = (int)e.Part == lit;
        ImVec2 p = e.Rect.Min;
        dl->AddRectFilled(ImVec2(p.x, p.y + 2.0f), ImVec2(p.x + 12.0f, p.y + 14.0f), PartColour(ctx, chart, e.Part));
        if (on)
            dl->AddRect(ImVec2(p.x - 1.0f, p.y + 1.0f), ImVec2(p.x + 13.0f, p.y + 15.0f), th.Text, 0.0f, 0, 1.5f);
        dl->AddText(font, fs, ImVec2(p.x + 16.0f, p.y), th.Text, e.Shown.c_str());
        if (on)
            dl->AddLine(ImVec2(p.x + 16.0f, p.y + lh), ImVec2(e.Rect.Max.x, p.y + lh), th.Text, 1.0f);
        LayoutRecord(LayoutRole_Legend, chart.Parts[e.Part], e.Rect, on);
    }
}

// Both charts of the selection come from the core's share model (core/share_model.cpp),
// recomputed only after a state change (each is a pass over the metric's rows).
void UpdateShareModel(ViewContext& ctx)
{
    if (!ctx.ShareDirty)
        return;
    ctx.ShareDirty = false;
    ctx.ShareGeneration++;
    ctx.Share = BuildShareModel(*ctx.Data, ctx.Query);
}

void DrawShareView(ViewContext& ctx)
{
    if (ctx.Sel.Metric < 0)
        return;
    UpdateShareModel(ctx);
    if (ImGui::GetCurrentWindowRead()->SkipItems)
        return;   // the view's area is out of sight
    if (!ctx.Share.Message.empty())
    {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(ShapedText(ctx.Share.Message));
        ImGui::PopTextWrapPos();
        LayoutRecordLastItem(LayoutRole_Label, ctx.Share.Message);
        return;
    }
    // The charts share the height; a chart that cannot be drawn says why in a few lines, and
    // the other takes the rest.
    ImVec2 avail = ImGui::GetContentRegionAvail();
    const ShareChartModel* charts[2] = { &ctx.Share.ByRegion, &ctx.Share.ByOrigin };
    int drawn = 0, told = 0;
    for (const ShareChartModel* c : charts)
        if (c->Shown)
            (c->Columns.empty() ? told : drawn)++;
    const float spacing = ImGui::GetStyle().ItemSpacing.y * 2.0f;
    const float told_h = told * (ImGui::GetTextLineHeightWithSpacing() * 4.0f + spacing);
    const float chart_h = (avail.y - told_h) / (float)std::max(1, drawn) - spacing;
    if (!ImGui::BeginChild("share-scroll", avail, ImGuiChildFlags_None))
    {
        ImGui::EndChild();
        return;
    }
    ImVec2 wp = ImGui::GetWindowPos();
    if (ImGui::GetScrollMaxY() > 0)
        ctx.WheelRects.push_back(ImRect(wp, ImVec2(wp.x + avail.x, wp.y + avail.y)));
    for (int i = 0; i < 2; i++)
        if (charts[i]->Shown)
        {
            if (i == 1)
                ImGui::Spacing();
            DrawShareChart(ctx, *charts[i], ImVec2(avail.x, chart_h), &ctx.ShareGeometry[i], i);
        }
    ImGui::EndChild();
}

} // namespace ls
