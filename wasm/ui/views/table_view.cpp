// Table view: the observations behind the current selection (metric, platforms, regions; all
// periods), with a text filter and sortable columns. Rows are computed on change only and drawn
// through ImGuiListClipper, so a million rows scroll smoothly.

#include "ui/views/views.h"
#include "ui/app.h"

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

void DrawTableView(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18.0f);
    if (ImGui::InputTextWithHint("##filter", "Filter: platform, region, source, note, period", ctx.FilterText, sizeof(ctx.FilterText)))
    {
        ctx.Edit.Filter = ctx.FilterText;
        ctx.CommitState();
    }
    UpdateTableModel(ctx);
    ImGui::SameLine();
    ImGui::TextDisabled("%zu observations", ctx.Table.Rows.size());
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
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("Platform", ImGuiTableColumnFlags_WidthFixed, 150.0f);
    ImGui::TableSetupColumn("Region", ImGuiTableColumnFlags_WidthFixed, 140.0f);
    ImGui::TableSetupColumn("Period", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthFixed, 90.0f);
    std::string value_header = "Value (" + m.Unit + ")";
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
            if (ImGui::Selectable(ds.Entities[o.Entities[row]].Name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
                Emit(ctx, "select", SelectEventJson(ctx, row));
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayNormal))
                ObservationTooltip(ctx, row);
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ds.Regions[o.Regions[row]].Name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(PeriodLabel(o.Periods[row]).c_str());
            ImGui::TableNextColumn();
            std::string v = FigureValueText(ds, ctx.Sel.Metric, f);
            if (est)
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(th.TextMuted), "%s", v.c_str());
            else
                ImGui::TextUnformatted(v.c_str());
            ImGui::TableNextColumn();
            std::string confidence = std::string(ConfidenceName(f.Conf)) + (f.Grade != Certainty_None ? std::string(", ") + CertaintyName(f.Grade) + " certainty" : "");
            if (est)
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(th.Highlight), "%s", confidence.c_str());
            else
                ImGui::TextUnformatted(confidence.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(SourceTitle(ds, row).c_str());
            ImGui::TableNextColumn();
            std::string quality = f.Source >= 0 ? QualityText(ds, f.Source) : std::string();
            if (f.Source >= 0 && !ds.Sources[f.Source].Attribution.empty())
                quality += ". " + ds.Sources[f.Source].Attribution;
            ImGui::TextUnformatted(quality.c_str());
            ImGui::TableNextColumn();
            std::string_view note = ds.ObservationNote(row);
            ImGui::TextUnformatted(note.data(), note.data() + note.size());
        }
    ImGui::EndTable();
}

} // namespace ls
