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
#include <unordered_map>

namespace ls {

static uint64_t TableGeneration = 0;   // counts rebuilds of ctx.Table (never restarts: keys the row cache below)

// The rows come from the core's table model (core/table_model.cpp); the table only sorts them.
void UpdateTableModel(ViewContext& ctx)
{
    if (!ctx.TableDirty)
        return;
    ctx.TableDirty = false;
    ctx.Table = BuildTableModel(*ctx.Data, ctx.Query);
    ctx.TableSortPending = true;
    TableGeneration++;
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
        switch (s.ColumnUserID)   // a TableColumn (the display order differs on a phone)
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

// What a visible row shows, cell by cell: the data's text (reported, and in the row's tooltip) and
// that text shaped and cut with an ellipsis to its column's width (a column can be widened by
// dragging its edge), with its size. Formatting, shaping, cutting and measuring some 240 cells
// every frame cost more than drawing them (issue #12's frame-time rule), so a row is worked out
// when it comes into view, and a cell again when its column's width changes; everything goes
// with a new model, new fonts or new shaped runs.
struct TableCell
{
    std::string Text, Fit;
    float Width = -1.0f;   // the column width Fit was cut to
    ImVec2 Size;
};
struct TableRowCells
{
    TableCell Cells[Col_COUNT];
    TableCell RegionLine;   // a phone's: the region again, under the platform (cut to the first column's width)
    bool Estimate = false;
};
struct TableRowCache
{
    uint64_t Key = 0;
    std::unordered_map<uint32_t, TableRowCells> Rows;
};

static TableRowCells& RowCells(ViewContext& ctx, TableRowCache& cache, uint32_t row)
{
    auto it = cache.Rows.find(row);
    if (it != cache.Rows.end())
        return it->second;
    const Dataset& ds = *ctx.Data;
    const ObservationTable& o = ds.Observations;
    const Figure f = DescribeRow(ds, row);
    TableRowCells& r = cache.Rows[row];
    r.Estimate = o.Confidences[row] != Confidence_Reported;
    r.Cells[Col_Entity].Text = ds.Entities[o.Entities[row]].Name;
    r.Cells[Col_Region].Text = ds.Regions[o.Regions[row]].Name;
    r.RegionLine.Text = r.Cells[Col_Region].Text;
    r.Cells[Col_Period].Text = PeriodLabel(o.Periods[row]);
    r.Cells[Col_Value].Text = FigureValueText(ds, ctx.Sel.Metric, f);
    r.Cells[Col_Confidence].Text = std::string(ConfidenceName(f.Conf)) + (f.Grade != Certainty_None ? std::string(", ") + CertaintyName(f.Grade) + " certainty" : "");
    r.Cells[Col_Source].Text = SourceTitle(ds, row);
    std::string quality = f.Source >= 0 ? QualityText(ds, f.Source) : std::string();
    if (f.Source >= 0 && !ds.Sources[f.Source].Attribution.empty())
        quality += ". " + ds.Sources[f.Source].Attribution;
    r.Cells[Col_Quality].Text = std::move(quality);
    r.Cells[Col_Note].Text = std::string(ds.ObservationNote(row));
    return r;
}

// One cell, drawn as ImGui::TextUnformatted draws it (the same item, position and colour) from
// its kept text and size; colour 0 = the text colour.
static void Cell(TableCell& c, ImU32 color = 0)
{
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (c.Text.empty() || window->SkipItems)
        return;
    const float avail = ImGui::GetContentRegionAvail().x;
    if (c.Width != avail)
    {
        c.Fit = Ellipsize(ImGui::GetFont(), ImGui::GetFontSize(), ShapedText(c.Text), avail);
        c.Size = ImGui::CalcTextSize(c.Fit.c_str(), c.Fit.c_str() + c.Fit.size());
        c.Width = avail;
    }
    const ImVec2 pos(window->DC.CursorPos.x, window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
    const ImRect bb(pos, ImVec2(pos.x + c.Size.x, pos.y + c.Size.y));
    ImGui::ItemSize(c.Size, 0.0f);
    if (ImGui::ItemAdd(bb, 0))
        window->DrawList->AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos, ImGui::GetColorU32(color ? color : ImGui::GetColorU32(ImGuiCol_Text)),
                                  c.Fit.c_str(), c.Fit.c_str() + c.Fit.size());
    LayoutRecordLastItem(LayoutRole_Label, c.Text);
}

// A sortable column's name whole, on as many lines as its width needs (TableHeadersRow makes the
// header row as tall as the tallest name): on one line ImGui cut the value column's name with an
// ellipsis at a phone's width, "Value (USD milli…", hiding the unit the figures are in.
static std::string WrappedHeader(const std::string& name, float column_w)
{
    ImFont* font = ImGui::GetFont();
    const float width = column_w - TableHeaderArrowWidth();
    std::string out;
    const char* s = name.c_str();
    const char* end = s + name.size();
    while (s < end)
    {
        const char* cut = font->CalcWordWrapPositionA(ImGui::GetFontSize() / font->FontSize, s, end, width);
        if (cut == s)   // a character wider than the column: it has a line of its own
        {
            unsigned int c;
            cut = s + ImTextCharFromUtf8(&c, s, end);
        }
        if (!out.empty())
            out += '\n';
        out.append(s, cut);
        s = cut;
        while (s < end && (*s == ' ' || *s == '\n'))
            s++;
    }
    return out;
}

// The widest figure the value column shows for the table's rows, in pixels: a figure's width
// grows with its digits, so the largest and the most negative values are the widest ("≥ " or
// "≤ " before any figure, where a row is a bound). Worked out once per table model and font.
static float WidestFigure(const ViewContext& ctx)
{
    static uint64_t key = 0;
    static float widest = 0.0f;
    const uint64_t k = GeometryKey().Add(TableGeneration).Add((uint64_t)(uintptr_t)ImGui::GetFont()).Add((double)ImGui::GetFontSize())
                           .Add((uint64_t)(int64_t)ctx.Sel.Metric).Hash;
    if (k == key)
        return widest;
    key = k;
    widest = 0.0f;
    const Dataset& ds = *ctx.Data;
    const ObservationTable& o = ds.Observations;
    const std::vector<uint32_t>& rows = ctx.Table.Rows;
    if (rows.empty() || ctx.Sel.Metric < 0)
        return widest;
    uint32_t largest = rows[0], smallest = rows[0];
    bool bounds = false;
    for (uint32_t r : rows)
    {
        largest = o.Values[r] > o.Values[largest] ? r : largest;
        smallest = o.Values[r] < o.Values[smallest] ? r : smallest;
        bounds = bounds || o.BoundAt(r) != Bound_None;
    }
    for (uint32_t r : { largest, smallest })
    {
        Figure f = DescribeRow(ds, r);
        for (Bound b : { Bound_None, Bound_Lower, Bound_Upper })
        {
            if (b != Bound_None && !bounds)
                continue;
            f.Limit = b;
            widest = std::max(widest, TextWidth(ShapedText(FigureValueText(ds, ctx.Sel.Metric, f))));
        }
    }
    return widest;
}

static int LineCount(const std::string& text) { return 1 + (int)std::count(text.begin(), text.end(), '\n'); }

// The widest word of a (shaped) text: a column narrower than it breaks the word ("(thous" "ands)").
static float WidestWord(const std::string& text)
{
    float widest = 0.0f;
    for (size_t start = 0; start < text.size();)
    {
        size_t end = std::min(text.find(' ', start), text.size());
        const std::string word = text.substr(start, end - start);
        widest = std::max(widest, TextWidth(word.c_str()));
        start = end + 1;
    }
    return widest;
}

// A phone's first three columns, all in sight at once: the value as wide as its widest figure
// (never cut) and its name's widest word, its name on three lines at most ("Value / (USD /
// millions)": the unit its figures are in stays whole, see WrappedHeader), the period as
// before, and the names the rest.
// The value column was 110 px for its name on two lines while its figures needed some 60, and
// the names, a third of the width, were cut ("North Americ…") where the width was the value's.
struct PhoneColumns
{
    float Name = 0.0f, Value = 0.0f, Period = 0.0f;
};
static PhoneColumns PhoneColumnWidths(const ViewContext& ctx, const std::string& value_name, float avail_w)
{
    const ImGuiStyle& st = ImGui::GetStyle();
    PhoneColumns w;
    w.Period = 64.0f;
    const float most = avail_w * 0.4f;   // a unit of long words wraps inside it instead (WrappedHeader cuts a word wider than its column)
    w.Value = std::min(most, std::ceil(std::max(WidestFigure(ctx), WidestWord(value_name) + TableHeaderArrowWidth())) + 2.0f);
    while (w.Value < most && LineCount(WrappedHeader(value_name, w.Value)) > 3)
        w.Value += 4.0f;
    w.Value = std::min(w.Value, most);
    // What is left of the canvas after the three cells' padding, the column borders and the
    // vertical scrollbar; more than 15 em would only leave a gap, where the region column begins.
    const float left = avail_w - w.Value - w.Period - 6.0f * st.CellPadding.x - 3.0f - st.ScrollbarSize;
    w.Name = std::max(avail_w * 0.31f, std::min(left, ImGui::GetFontSize() * 15.0f));
    return w;
}

// The widths above are the columns' first widths (ImGui keeps a table's widths from its first
// frame, and the reader can drag a column's edge): they are given again when what they are
// worked out from changes (the canvas's width, the font, the figures).
static void KeepPhoneWidths(const PhoneColumns& w)
{
    static uint64_t given = 0;
    const uint64_t key = GeometryKey().Add((double)w.Name).Add((double)w.Value).Add((double)w.Period).Hash;
    // A table's first frame lays its columns out from TableSetupColumn's widths; widths can be set
    // only once it has (ImGui asserts: its minimum column width is not known before).
    if (key == given || ImGui::GetCurrentTable()->MinColumnWidth <= 0.0f)
        return;
    given = key;
    ImGui::TableSetColumnWidth(0, w.Name);
    ImGui::TableSetColumnWidth(1, w.Value);
    ImGui::TableSetColumnWidth(2, w.Period);
}

// The column names. On a phone the first column's cells are the platform and, muted under it,
// its region: its name says so the same way, "Platform" with "Region" muted under it (it
// said "Platform" alone over both). ImGui's TableHeadersRow, written out, with that second line
// and a header row two lines high at least.
static void HeaderRow(bool narrow, ImU32 muted)
{
    if (!narrow)
    {
        ImGui::TableHeadersRow();
        return;
    }
    const ImGuiStyle& st = ImGui::GetStyle();
    const float line_step = ImGui::GetTextLineHeight() + st.ItemSpacing.y;
    const float two_lines = line_step + ImGui::GetTextLineHeight() + 2.0f * st.CellPadding.y;
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, std::max(ImGui::TableGetHeaderRowHeight(), two_lines));
    for (int c = 0; c < ImGui::TableGetColumnCount(); c++)
    {
        if (!ImGui::TableSetColumnIndex(c))
            continue;
        ImGui::PushID(c);
        const ImVec2 top = ImGui::GetCursorScreenPos();
        ImGui::TableHeader(ImGui::TableGetColumnName(c));
        if (c == 0)
            DrawReportedText(ImGui::GetWindowDrawList(), ImVec2(top.x, top.y + line_step), muted, "Region", LayoutRole_Label);
        ImGui::PopID();
    }
}

// The rows in the keyboard's walk. ImGui gives a scrolling table a child window of its own, and
// a plain child is a single stop in its parent's walk: Tab passed over it (Tab walks one focus
// scope, and the child began a scope of its own) and the arrows stopped at its edge, so no row,
// and no figure's tooltip with its source, could be reached from the keyboard. BeginTable cannot
// ask for NavFlattened, as the frame's column and compare's bars do (views/frame.cpp), so the
// child, just begun, is made what Begin makes a flattened child: its walk is its parent's, and so
// is its focus scope. (Begin sets a window's flags again each frame: this runs each frame.)
static void WalkRowsWithParent()
{
    ImGuiWindow* rows = ImGui::GetCurrentWindow();
    if (!(rows->Flags & ImGuiWindowFlags_ChildWindow) || (rows->Flags & ImGuiWindowFlags_NavFlattened))
        return;
    rows->Flags |= ImGuiWindowFlags_NavFlattened;
    rows->RootWindowForNav = rows->ParentWindow->RootWindowForNav;
    ImGui::PopFocusScope();   // Begin's, for the child; End pops none for a flattened window
    rows->NavRootFocusScopeId = GImGui->CurrentFocusScopeId;
}

// The filter's width: 18 em, or less on a phone so that the count of rows shares its line (the
// room for the most it can say, every observation), the filter keeping 10 em. It took the whole
// width there and the count a line of its own: a line the table's rows need (at 320 x 560, with
// the value's name on three lines, four rows were in sight).
static float FilterWidth(const Dataset& ds)
{
    const float avail = ImGui::GetContentRegionAvail().x;
    const float em = ImGui::GetFontSize();
    float digit = 0.0f;   // digits differ in width ("286" is wider than "750")
    for (const char* d : { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" })
        digit = std::max(digit, TextWidth(d));
    const float count_room = digit * (float)std::to_string(ds.ObservationCount()).size() + TextWidth(" observations") + ImGui::GetStyle().ItemSpacing.x;
    float w = std::min(em * 18.0f, avail);
    if (w + count_room > avail && avail - count_room >= em * 10.0f)
        w = avail - count_room;
    return w;
}

// A row reached from the keyboard leaves the columns where the reader scrolled them sideways.
// ImGui scrolls the window to show a reached item whole, and a row's item spans every column,
// wider than the window: each arrow press scrolled back to the first columns (a reader walking
// the rows with their sources in sight lost them at every row). Where such a row is the
// candidate of this frame's keyboard move, its rectangle is cut to the part in sight, so ImGui
// scrolls only up or down to it. (The column names, narrower, are still scrolled to.)
static void KeepSidewaysScrollForRows()
{
    ImGuiContext& g = *GImGui;
    if (!g.NavMoveScoringItems)
        return;
    ImGuiWindow* rows = ImGui::GetCurrentWindow();
    const ImRect seen(rows->InnerRect.Min.x + rows->DecoInnerSizeX1, rows->InnerRect.Min.y, rows->InnerRect.Max.x, rows->InnerRect.Max.y);
    const ImRect seen_rel = ImGui::WindowRectAbsToRel(rows, seen);
    for (ImGuiNavItemData* r : { &g.NavMoveResultLocal, &g.NavMoveResultLocalVisible, &g.NavMoveResultOther, &g.NavTabbingResultFirst })
        if (r->ID != 0 && r->Window == rows && r->RectRel.GetWidth() > seen_rel.GetWidth())
        {
            r->RectRel.Min.x = seen_rel.Min.x;
            r->RectRel.Max.x = seen_rel.Max.x;
        }
}

void DrawTableView(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    FlowLayout row;
    const float filter_w = FilterWidth(*ctx.Data);
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
    // A phone: the value beside the names, the region after it. In the laptop's order the value
    // came fourth, past the canvas's edge at 375 px, so a reader scrolled sideways for every
    // figure. A table of its own (its own widths and sort), so neither order disturbs the other.
    // There the region, which tells a platform's rows apart (Snapchat's three figures of Q4 2021
    // are North America, Europe and the rest of the world), is also the second line of the frozen
    // first column, under the platform: past the period it was out of sight, and the rows read as
    // repeats or contradictions.
    const bool narrow = avail.x < 560.0f;
    static const TableColumn wide_order[Col_COUNT] = { Col_Entity, Col_Region, Col_Period, Col_Value, Col_Confidence, Col_Source, Col_Quality, Col_Note };
    static const TableColumn narrow_order[Col_COUNT] = { Col_Entity, Col_Value, Col_Period, Col_Region, Col_Confidence, Col_Source, Col_Quality, Col_Note };
    const TableColumn* order = narrow ? narrow_order : wide_order;
    static bool was_narrow = false;
    if (narrow != was_narrow)
        ctx.TableSortPending = true;   // the rows are in the other table's order
    was_narrow = narrow;
    if (!ImGui::BeginTable(narrow ? "observations-narrow" : "observations", Col_COUNT, flags, avail))
        return;
    WalkRowsWithParent();
    ImVec2 wp = ImGui::GetWindowPos();
    ctx.WheelRects.push_back(ImRect(wp, ImVec2(wp.x + avail.x, wp.y + ImGui::GetWindowHeight())));
    // The platform column and the header row stay put while the rest scrolls (sideways at narrow
    // widths, where the columns are wider than the canvas, instead of being squeezed or cut).
    // On a phone the frozen names take what the value and the period leave (PhoneColumnWidths; a
    // long name is cut with an ellipsis, whole in its tooltip and in layout()).
    ImGui::TableSetupScrollFreeze(1, 1);
    // The region under the platform is cut there with an ellipsis where longer (whole in the
    // row's tooltip and in the region's own column).
    const std::string value_name = "Value (" + std::string(ShapedText(m.Unit)) + ")";
    const PhoneColumns phone = narrow ? PhoneColumnWidths(ctx, value_name, avail.x) : PhoneColumns();
    const float name_w = narrow ? phone.Name : std::min(150.0f, avail.x * 0.38f);
    const float value_w = narrow ? phone.Value : 130.0f;
    const std::string value_header = WrappedHeader(value_name, value_w);
    for (int k = 0; k < Col_COUNT; k++)
        switch (order[k])
        {
        case Col_Entity: ImGui::TableSetupColumn("Platform", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoHide, name_w, Col_Entity); break;
        case Col_Region: ImGui::TableSetupColumn("Region", ImGuiTableColumnFlags_WidthFixed, 140.0f, Col_Region); break;
        case Col_Period: ImGui::TableSetupColumn("Period", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthFixed, narrow ? phone.Period : 90.0f, Col_Period); break;
        case Col_Value:
            ImGui::TableSetupColumn(value_header.c_str(), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending, value_w, Col_Value);
            break;
        case Col_Confidence: ImGui::TableSetupColumn("Confidence", ImGuiTableColumnFlags_WidthFixed, 80.0f, Col_Confidence); break;
        case Col_Source: ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthFixed, 260.0f, Col_Source); break;
        case Col_Quality: ImGui::TableSetupColumn("Source quality", ImGuiTableColumnFlags_WidthFixed, 200.0f, Col_Quality); break;
        case Col_Note: ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthFixed, 320.0f, Col_Note); break;
        default: break;
        }
    if (narrow)
        KeepPhoneWidths(phone);
    HeaderRow(narrow, th.TextMuted);
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs())
        if (specs->SpecsDirty || ctx.TableSortPending)
        {
            SortTableRows(ctx, specs);
            specs->SpecsDirty = false;
            ctx.TableSortPending = false;
        }
    static TableRowCache cache;
    const uint64_t key = GeometryKey().Add(TableGeneration).Add((uint64_t)(uintptr_t)ImGui::GetFont())
                             .Add((double)ImGui::GetFontSize()).Add((uint64_t)ImGui::GetFont()->Glyphs.Size).Add((uint64_t)(uintptr_t)ctx.Data).Hash;
    if (cache.Key != key || cache.Rows.size() > 4096)
    {
        cache.Key = key;
        cache.Rows.clear();
    }
    // A phone's rows are two lines high (platform, then region): the row's selectable covers both,
    // so the whole row is one target for a finger, a pointer and the keyboard.
    const float line_h = ImGui::GetTextLineHeight();
    const float line_step = line_h + ImGui::GetStyle().ItemSpacing.y;
    const float row_h = narrow ? line_step + line_h : 0.0f;
    ImGuiListClipper clipper;
    clipper.Begin((int)ctx.Table.Rows.size());
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++)
        {
            uint32_t row = ctx.Table.Rows[i];
            TableRowCells& r = RowCells(ctx, cache, row);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            // The row's selectable has no text of its own (it spans every column); the name is a
            // cell like the others, so each cell is reported once, clipped to its column. No
            // AllowOverlap: the cells after it are not interactive (ItemAdd without an id), and
            // with it ImGui hovers a row only from the second frame over it (HoveredIdPreviousFrame),
            // so every move to a new row drew twice (a frame without any highlight, then one with).
            if (ImGui::Selectable("##row", false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0.0f, row_h)))
                Emit(ctx, "select", SelectEventJson(ctx, row));
            // The pointer resting on the row, or the keyboard's focus on it (ImGui answers "hovered"
            // for the focused item while the keyboard moves): its figure, source included.
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayNormal))
                ObservationTooltip(ctx, row);
            ImGui::PopID();
            ImGui::SameLine(0.0f, 0.0f);
            for (int k = 0; k < Col_COUNT; k++)
            {
                const TableColumn c = order[k];
                if (k > 0)
                    ImGui::TableNextColumn();
                const ImU32 color = !r.Estimate ? 0 : c == Col_Value ? th.TextMuted : c == Col_Confidence ? th.Highlight : 0;
                const ImVec2 top = ImGui::GetCursorScreenPos();
                Cell(r.Cells[c], color);
                if (narrow && c == Col_Entity)
                {
                    // The platform's line ended below the row's selectable (two lines high): back up to the second line.
                    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + line_step));
                    Cell(r.RegionLine, th.TextMuted);
                }
            }
        }
    KeepSidewaysScrollForRows();
    ImGui::EndTable();
}

} // namespace ls
