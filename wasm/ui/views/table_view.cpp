// Table view: the observations behind the current selection (metric, platforms, regions; all
// periods), with a text filter and sortable columns. Rows are computed on change only and drawn
// through ImGuiListClipper, so a million rows scroll smoothly.

#include "ui/views/views.h"
#include "ui/app.h"
#include "ui/controls.h"
#include "ui/layout_report.h"
#include "ui/shaping.h"
#include "ui/views/view_layout.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace ls {

// The rows come from the core's table model (core/table_model.cpp); the table only sorts them.
void UpdateTableModel(ViewContext& ctx)
{
    if (!ctx.TableDirty)
        return;
    ctx.TableDirty = false;
    ctx.Table = BuildTableModel(*ctx.Data, ctx.Query);
    ctx.TableSortPending = true;
}

enum TableColumn { Col_Entity, Col_Region, Col_Period, Col_Value, Col_Confidence, Col_Source, Col_Quality, Col_Note, Col_COUNT };

static void SortTableRows(ViewContext& ctx, const ImGuiTableSortSpecs* specs)
{
    const Dataset& ds = *ctx.Data;
    const ObservationTable& o = ds.Observations;
    if (!specs || specs->SpecsCount == 0)
        return;
    const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
    bool asc = s.SortDirection == ImGuiSortDirection_Ascending;
    auto cmp = [&](uint32_t a, uint32_t b) -> bool {
        int c = 0;
        switch (s.ColumnIndex)
        {
        case Col_Entity: c = ds.Entities[o.Entities[a]].Name.compare(ds.Entities[o.Entities[b]].Name); break;
        case Col_Region: c = ds.Regions[o.Regions[a]].Name.compare(ds.Regions[o.Regions[b]].Name); break;
        case Col_Period: c = o.Periods[a] < o.Periods[b] ? -1 : o.Periods[b] < o.Periods[a] ? 1 : 0; break;
        case Col_Value: c = o.Values[a] < o.Values[b] ? -1 : o.Values[a] > o.Values[b] ? 1 : 0; break;
        case Col_Confidence: c = (int)o.Confidences[a] - (int)o.Confidences[b]; break;
        case Col_Source: c = SourceTitle(ds, a).compare(SourceTitle(ds, b)); break;
        case Col_Quality: c = (int)DescribeRow(ds, a).Quality - (int)DescribeRow(ds, b).Quality; break;
        case Col_Note: c = ds.ObservationNote(a).compare(ds.ObservationNote(b)); break;
        }
        if (c == 0)
            return a < b;
        return asc ? c < 0 : c > 0;
    };
    std::stable_sort(ctx.Table.Rows.begin(), ctx.Table.Rows.end(), cmp);
}

// One cell's text (shaped), cut with an ellipsis to its column's width (the whole row is in the
// row's tooltip; a column can be widened by dragging its edge), reported as drawn with the full
// text; colour 0 = the text colour.
static void Cell(std::string_view text, ImU32 color = 0)
{
    if (text.empty())
        return;
    if (color)
        ImGui::PushStyleColor(ImGuiCol_Text, color);
    std::string fit = Ellipsize(ImGui::GetFont(), ImGui::GetFontSize(), ShapedText(text), ImGui::GetContentRegionAvail().x);
    ImGui::TextUnformatted(fit.c_str());
    if (color)
        ImGui::PopStyleColor();
    LayoutRecordLastItem(LayoutRole_Label, text);
}

void DrawTableView(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    FlowLayout row;
    const float filter_w = std::min(ImGui::GetFontSize() * 18.0f, ImGui::GetContentRegionAvail().x);
    row.Next(filter_w);
    ImGui::SetNextItemWidth(filter_w);
    const char* hint = filter_w >= 330.0f ? "Filter: platform, region, source, note, period" : "Filter rows";
    if (ImGui::InputTextWithHint("##filter", hint, ctx.FilterText, sizeof(ctx.FilterText)))
    {
        ctx.Edit.Filter = ctx.FilterText;
        ctx.CommitState();
    }
    UpdateTableModel(ctx);
    std::string count = std::to_string(ctx.Table.Rows.size()) + " observations";
    row.Next(TextWidth(count.c_str()));
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", count.c_str());
    LayoutRecordLastItem(LayoutRole_Label, count);
    if (ctx.Sel.Metric < 0)
        return;
    const Metric& m = ds.Metrics[ctx.Sel.Metric];
    ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                            ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Hideable;
    ImVec2 avail = ImGui::GetContentRegionAvail();
    if (!ImGui::BeginTable("observations", Col_COUNT, flags, avail))
        return;
    ImVec2 wp = ImGui::GetWindowPos();
    ctx.WheelRects.push_back(ImRect(wp, ImVec2(wp.x + avail.x, wp.y + ImGui::GetWindowHeight())));
    // The platform column and the header row stay put while the rest scrolls (sideways at narrow
    // widths, where the columns are wider than the canvas, instead of being squeezed or cut).
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("Platform", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoHide, std::min(150.0f, avail.x * 0.38f));
    ImGui::TableSetupColumn("Region", ImGuiTableColumnFlags_WidthFixed, 140.0f);
    ImGui::TableSetupColumn("Period", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthFixed, 90.0f);
    std::string value_header = "Value (" + std::string(ShapedText(m.Unit)) + ")";
    ImGui::TableSetupColumn(value_header.c_str(), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending, 130.0f);
    ImGui::TableSetupColumn("Confidence", ImGuiTableColumnFlags_WidthFixed, 80.0f);
    ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthFixed, 260.0f);
    ImGui::TableSetupColumn("Source quality", ImGuiTableColumnFlags_WidthFixed, 200.0f);
    ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthFixed, 320.0f);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs())
        if (specs->SpecsDirty || ctx.TableSortPending)
        {
            SortTableRows(ctx, specs);
            specs->SpecsDirty = false;
            ctx.TableSortPending = false;
        }
    const ObservationTable& o = ds.Observations;
    ImGuiListClipper clipper;
    clipper.Begin((int)ctx.Table.Rows.size());
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++)
        {
            uint32_t row = ctx.Table.Rows[i];
            const Figure f = DescribeRow(ds, row);
            bool est = o.Confidences[row] != Confidence_Reported;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            // The row's selectable has no text of its own (it spans every column); the name is a
            // cell like the others, so each cell is reported once, clipped to its column.
            if (ImGui::Selectable("##row", false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap))
                Emit(ctx, "select", SelectEventJson(ctx, row));
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayNormal))
                ObservationTooltip(ctx, row);
            ImGui::PopID();
            ImGui::SameLine(0.0f, 0.0f);
            Cell(ds.Entities[o.Entities[row]].Name);
            ImGui::TableNextColumn();
            Cell(ds.Regions[o.Regions[row]].Name);
            ImGui::TableNextColumn();
            Cell(PeriodLabel(o.Periods[row]));
            ImGui::TableNextColumn();
            Cell(FigureValueText(ds, ctx.Sel.Metric, f), est ? th.TextMuted : 0);
            ImGui::TableNextColumn();
            std::string confidence = std::string(ConfidenceName(f.Conf)) + (f.Grade != Certainty_None ? std::string(", ") + CertaintyName(f.Grade) + " certainty" : "");
            Cell(confidence, est ? th.Highlight : 0);
            ImGui::TableNextColumn();
            Cell(SourceTitle(ds, row));
            ImGui::TableNextColumn();
            std::string quality = f.Source >= 0 ? QualityText(ds, f.Source) : std::string();
            if (f.Source >= 0 && !ds.Sources[f.Source].Attribution.empty())
                quality += ". " + ds.Sources[f.Source].Attribution;
            Cell(quality);
            ImGui::TableNextColumn();
            Cell(ds.ObservationNote(row));
        }
    ImGui::EndTable();
}

} // namespace ls
