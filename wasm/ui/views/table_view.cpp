// Table view: the observations behind the current selection (metric, platforms, regions; all
// periods), with a text filter and sortable columns. Rows are computed on change only and drawn
// through ImGuiListClipper, so a million rows scroll smoothly.

#include "ui/views/views.h"
#include "ui/app.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace ls {

static bool ContainsCaseless(std::string_view hay, const std::string& needle_lower)
{
    if (needle_lower.empty())
        return true;
    if (hay.size() < needle_lower.size())
        return false;
    for (size_t i = 0; i + needle_lower.size() <= hay.size(); i++)
    {
        size_t k = 0;
        while (k < needle_lower.size() && (char)std::tolower((unsigned char)hay[i + k]) == needle_lower[k])
            k++;
        if (k == needle_lower.size())
            return true;
    }
    return false;
}

static void ComputeTableRows(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    ctx.TableRows.clear();
    ctx.TableDirty = false;
    if (ctx.Sel.Metric < 0)
        return;
    std::string needle = ctx.Edit.Filter;
    std::transform(needle.begin(), needle.end(), needle.begin(), [](unsigned char c) { return (char)std::tolower(c); });
    // Per-record text matches are computed once, not per row.
    std::vector<uint8_t> entity_match(ds.Entities.size()), region_match(ds.Regions.size()), source_match(ds.Sources.size());
    for (size_t i = 0; i < ds.Entities.size(); i++)
        entity_match[i] = ContainsCaseless(ds.Entities[i].Name, needle) || ContainsCaseless(ds.Entities[i].NativeName, needle);
    for (size_t i = 0; i < ds.Regions.size(); i++)
        region_match[i] = ContainsCaseless(ds.Regions[i].Name, needle);
    for (size_t i = 0; i < ds.Sources.size(); i++)
        source_match[i] = ContainsCaseless(ds.Sources[i].Title, needle);
    const DatasetIndex& ix = ds.Index;
    const ObservationTable& o = ds.Observations;
    for (uint32_t s = ix.MetricSeries[ctx.Sel.Metric]; s < ix.MetricSeries[ctx.Sel.Metric + 1]; s++)
    {
        const SeriesEntry& se = ix.Series[s];
        if (!ctx.Sel.Entities.empty() && std::find(ctx.Sel.Entities.begin(), ctx.Sel.Entities.end(), se.Entity) == ctx.Sel.Entities.end())
            continue;
        if (!ctx.Sel.Regions.empty() && std::find(ctx.Sel.Regions.begin(), ctx.Sel.Regions.end(), se.Region) == ctx.Sel.Regions.end())
            continue;
        bool series_match = entity_match[se.Entity] || region_match[se.Region];
        for (uint32_t k = se.Begin; k < ix.Series[s + 1].Begin; k++)
        {
            uint32_t row = ix.SortedRows[k];
            if (!series_match)
            {
                uint16_t src = o.Sources[row];
                bool m = (src != kNoSource && source_match[src]) || ContainsCaseless(ds.ObservationNote(row), needle) ||
                         ContainsCaseless(FormatPeriod(o.Periods[row]), needle);
                if (!m)
                    continue;
            }
            ctx.TableRows.push_back(row);
        }
    }
}

enum TableColumn { Col_Entity, Col_Region, Col_Period, Col_Value, Col_Confidence, Col_Source, Col_Note, Col_COUNT };

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
        case Col_Note: c = ds.ObservationNote(a).compare(ds.ObservationNote(b)); break;
        }
        if (c == 0)
            return a < b;
        return asc ? c < 0 : c > 0;
    };
    std::stable_sort(ctx.TableRows.begin(), ctx.TableRows.end(), cmp);
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
    if (ctx.TableDirty)
        ComputeTableRows(ctx);
    ImGui::SameLine();
    ImGui::TextDisabled("%zu observations", ctx.TableRows.size());
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
    clipper.Begin((int)ctx.TableRows.size());
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++)
        {
            uint32_t row = ctx.TableRows[i];
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
            std::string v = FormatValue(ds, ctx.Sel.Metric, o.Values[row]);
            if (est)
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(th.TextMuted), "%s", v.c_str());
            else
                ImGui::TextUnformatted(v.c_str());
            ImGui::TableNextColumn();
            if (est)
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(th.Highlight), "%s", ConfidenceLabel(o.Confidences[row]).c_str());
            else
                ImGui::TextUnformatted(ConfidenceLabel(o.Confidences[row]).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(SourceTitle(ds, row).c_str());
            ImGui::TableNextColumn();
            std::string_view note = ds.ObservationNote(row);
            ImGui::TextUnformatted(note.data(), note.data() + note.size());
        }
    ImGui::EndTable();
}

void BuildTableViewTable(ViewContext& ctx, ShownTable* t)
{
    const Dataset& ds = *ctx.Data;
    ComputeTableRows(ctx);
    ctx.TableSortPending = true;
    if (ctx.Sel.Metric < 0)
        return;
    const Metric& m = ds.Metrics[ctx.Sel.Metric];
    const ObservationTable& o = ds.Observations;
    t->Caption = "Observations of " + m.Name + (ctx.Edit.Filter.empty() ? "" : " matching \"" + ctx.Edit.Filter + "\"");
    t->Columns = { "Platform", "Region", "Period", "Value (" + m.Unit + ")", "Confidence", "Source", "Note" };
    for (uint32_t row : ctx.TableRows)
    {
        t->Rows.push_back({ ds.Entities[o.Entities[row]].Name, ds.Regions[o.Regions[row]].Name, FormatPeriod(o.Periods[row]),
                            FormatValue(ds, ctx.Sel.Metric, o.Values[row]), ConfidenceLabel(o.Confidences[row]), SourceTitle(ds, row),
                            std::string(ds.ObservationNote(row)) });
        int s = ds.ObservationSource(row);
        if (s >= 0 && std::find(t->Sources.begin(), t->Sources.end(), s) == t->Sources.end())
            t->Sources.push_back(s);
    }
    t->Summary = "Table of " + std::to_string(ctx.TableRows.size()) + " observations of " + m.Name + ".";
}

} // namespace ls
