// The layout report (see layout_report.h): explicit records from the views, and ImGui's own
// labelled items through its item hooks (IMGUI_ENABLE_TEST_ENGINE, forwarded by
// imgui_hooks/test_engine_hooks.cpp).
//
// Index
//  [SECTION] Records and clipping
//  [SECTION] ImGui's items: hooks to roles
//  [SECTION] JSON
#include "ui/layout_report.h"
#include "ui/imgui_hooks/test_engine_hooks.h"
#include "ui/shaping.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace ls {

namespace {
struct LayoutItem { LayoutRole Role; std::string Text; ImRect Rect; bool Highlighted; };
std::vector<LayoutItem> Items;
// Whether frames record (see LayoutSetRecording): off, every record is a no-op and ImGui's item
// hooks stay off, so a frame nobody asks layout() about pays nothing for the report.
bool Recording = true;
bool LastFrameRecorded = false;   // Items are the last frame's (else LayoutJson() has nothing to say)

// The hooks' state within one frame: the last ItemAdd (to tell whether the item drew anything),
// a tab's label waiting for its rectangle, and the record the hook made for the last item (so a
// view that records an ImGui item itself replaces it instead of reporting the control twice).
struct HookState
{
    ImGuiID AddId = 0;
    ImDrawList* AddDrawList = nullptr;
    int AddVtx = 0;
    const ImDrawVert* AddVtxData = nullptr;
    ImGuiID PendingTabId = 0;
    std::string PendingTabLabel;
    ImGuiID RecordedId = 0;
    int RecordedIndex = -1;
};
HookState Hook;
}

//-----------------------------------------------------------------------------
// [SECTION] Records and clipping
//-----------------------------------------------------------------------------

// The rectangle a report is clipped to: what scrolls. Along an axis where the drawing window (or a
// child window around it) has a scrollbar, content is clipped to it, and what is scrolled out is not
// reported. Every other clip (the widget's frame, a plot, a table column, a tab bar) cuts what it
// draws, and the report keeps the item whole so that a test sees it overflow the canvas or run
// into its neighbour instead of a neatly cut rectangle. The drawing window's own clip is the draw
// list's, except in a table that scrolls: there a cell is clipped to the table's visible width
// (less its frozen columns, which the others scroll under), not to its own column, so a name cut
// by its column shows that it overflows.
static ImRect TableClip(const ImGuiTable* table, ImRect clip)
{
    clip.Min.x = table->InnerClipRect.Min.x;
    clip.Max.x = table->InnerClipRect.Max.x;
    const int column = table->CurrentColumn;
    if (column >= 0 && table->FreezeColumnsCount > 0 && table->Columns[column].DisplayOrder >= table->FreezeColumnsCount)
        for (const ImGuiTableColumn& c : table->Columns)
            if (c.DisplayOrder < table->FreezeColumnsCount && c.IsEnabled)
                clip.Min.x = ImMax(clip.Min.x, c.MaxX);
    return clip;
}

static ImRect ReportClip(ImGuiWindow* window, const ImRect& draw_clip)
{
    const float big = 1e7f;
    ImRect r(-big, -big, big, big);
    const ImGuiTable* table = GImGui->CurrentTable;
    for (ImGuiWindow* w = window; w; w = w->ParentWindow)
    {
        const ImRect c = w != window ? w->InnerClipRect : table && table->InnerWindow == w ? TableClip(table, draw_clip) : draw_clip;
        // Scrolls = shows a scrollbar: ImGui keeps a scroll range for any window whose content
        // overflows, also where nothing lets a reader scroll (the widget's frame, NoScrollbar).
        if (w->ScrollbarX) { r.Min.x = ImMax(r.Min.x, c.Min.x); r.Max.x = ImMin(r.Max.x, c.Max.x); }
        if (w->ScrollbarY) { r.Min.y = ImMax(r.Min.y, c.Min.y); r.Max.y = ImMin(r.Max.y, c.Max.y); }
        if (!(w->Flags & ImGuiWindowFlags_ChildWindow))
            break;
    }
    return r;
}

static bool Record(LayoutRole role, std::string_view text, const ImRect& rect, const ImRect& clip, bool highlighted)
{
    ImRect r = rect;
    r.ClipWithFull(clip);
    if (r.GetWidth() <= 0.0f || r.GetHeight() <= 0.0f)
        return false;
    Items.push_back({ role, UnshapedText(text), r, highlighted });
    return true;
}

static ImRect DrawListClip(ImDrawList* dl) { return ImRect(dl->GetClipRectMin(), dl->GetClipRectMax()); }

static const char* const RoleNames[] = { "title", "tab", "button", "combo", "checkbox", "slider", "input", "menu",
                                         "label", "legend", "axis", "datalabel", "plot", "unreported" };
static_assert(IM_ARRAYSIZE(RoleNames) == LayoutRole_COUNT, "one name per LayoutRole");

const char* LayoutRoleName(LayoutRole role) { return role >= 0 && role < LayoutRole_COUNT ? RoleNames[role] : "label"; }

static void OnItemAdd(ImGuiContext*, ImGuiID, const ImRect&, const ImGuiLastItemData*);
static void OnItemInfo(ImGuiContext*, ImGuiID, const char*, ImGuiItemStatusFlags);

void LayoutSetRecording(bool on) { Recording = on; }
bool LayoutIsRecording() { return Recording; }

void LayoutBeginFrame()
{
    Items.clear();
    Hook = HookState();
    LastFrameRecorded = Recording;
    LsItemAddHook = Recording ? OnItemAdd : nullptr;
    LsItemInfoHook = Recording ? OnItemInfo : nullptr;
    if (ImGuiContext* g = ImGui::GetCurrentContext())
        g->TestEngineHookItems = Recording;
}

void LayoutRecord(LayoutRole role, std::string_view text, const ImRect& rect, bool highlighted)
{
    if (!Recording)
        return;
    ImGuiWindow* window = ImGui::GetCurrentWindowRead();
    const ImRect unclipped(-1e7f, -1e7f, 1e7f, 1e7f);
    Record(role, text, rect, window ? ReportClip(window, DrawListClip(window->DrawList)) : unclipped, highlighted);
}

void LayoutRecordLastItem(LayoutRole role, std::string_view text, bool highlighted)
{
    if (!Recording)
        return;
    const ImGuiContext& g = *GImGui;
    // ImGui's hook already reported this item (a Button the view also records): the view's record
    // replaces it, so the control is reported once.
    if (Hook.RecordedIndex >= 0 && Hook.RecordedId != 0 && Hook.RecordedId == g.LastItemData.ID &&
        Hook.RecordedIndex == (int)Items.size() - 1)
        Items.pop_back();
    Hook.RecordedIndex = -1;
    LayoutRecord(role, text, g.LastItemData.Rect, highlighted);
}

ImVec2 DrawReportedText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color, std::string_view text, LayoutRole role,
                        bool highlighted)
{
    const char* shaped = ShapedText(text);
    ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, shaped);
    dl->AddText(font, size, pos, color, shaped);
    if (!Recording)
        return extent;
    // Clipped as dl clips it (a view may draw into a draw list other than its window's).
    Record(role, text, ImRect(pos, ImVec2(pos.x + extent.x, pos.y + extent.y)),
           ReportClip(ImGui::GetCurrentWindowRead(), DrawListClip(dl)), highlighted);
    return extent;
}

ImVec2 DrawReportedText(ImDrawList* dl, ImVec2 pos, ImU32 color, std::string_view text, LayoutRole role, bool highlighted)
{
    return DrawReportedText(dl, ImGui::GetFont(), ImGui::GetFontSize(), pos, color, text, role, highlighted);
}

//-----------------------------------------------------------------------------
// [SECTION] ImGui's items: hooks to roles
//-----------------------------------------------------------------------------

static void OnItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*)
{
    ImGuiContext& g = *ctx;
    ImGuiWindow* window = g.CurrentWindow;
    // A tab item says its label before it has a rectangle: this is its rectangle (clipped to the
    // tab bar's scrolling area, which the tab pushed).
    if (Hook.PendingTabId != 0 && Hook.PendingTabId == id && window)
    {
        if (Record(LayoutRole_Tab, Hook.PendingTabLabel, bb, ReportClip(window, DrawListClip(window->DrawList)), false))
        {
            Hook.RecordedId = id;
            Hook.RecordedIndex = (int)Items.size() - 1;
        }
    }
    Hook.PendingTabId = 0;
    // A table's header cell (TableHeadersRow): ImGui adds it with the column's name as its id and
    // says nothing more. Reported as its words, cut where ImGui cuts them with an ellipsis (before
    // a sortable column's arrow): a cut name is reported narrower than its text.
    const ImGuiTable* table = g.CurrentTable;
    if (table && window == table->InnerWindow && (table->RowFlags & ImGuiTableRowFlags_Headers) && table->CurrentColumn >= 0)
    {
        const char* name = ImGui::TableGetColumnName(table, table->CurrentColumn);
        const char* end = name ? ImGui::FindRenderedTextEnd(name) : name;
        if (name && end != name && window->GetID(name) == id)
        {
            const ImGuiTableColumn& column = table->Columns[table->CurrentColumn];
            const bool sortable = (table->Flags & ImGuiTableFlags_Sortable) && !(column.Flags & ImGuiTableColumnFlags_NoSort);
            const ImVec2 size = ImGui::CalcTextSize(name, end);
            const float x = column.WorkMinX, y = bb.Min.y + g.Style.CellPadding.y;
            const float cut = bb.Max.x - (sortable ? TableHeaderArrowWidth() : 0.0f);
            const ImRect text(x, y, ImMin(x + size.x, ImMax(x, cut)), y + size.y);
            Record(sortable ? LayoutRole_Button : LayoutRole_Label, std::string_view(name, (size_t)(end - name)), text,
                   ReportClip(window, DrawListClip(window->DrawList)), false);
        }
    }
    Hook.AddId = id;
    Hook.AddDrawList = window ? window->DrawList : nullptr;
    Hook.AddVtx = Hook.AddDrawList ? Hook.AddDrawList->VtxBuffer.Size : 0;
    Hook.AddVtxData = Hook.AddDrawList ? Hook.AddDrawList->VtxBuffer.Data : nullptr;
}

// The label's own rectangle inside an item far wider than any control around its label needs: a
// selectable spanning its table row or its popup. Anything narrower is the control with its label.
static ImRect LabelRect(const ImGuiContext& g, const ImRect& item, ImVec2 label)
{
    const ImGuiStyle& st = g.Style;
    const float chrome = g.FontSize + st.FramePadding.y * 2.0f + st.ItemInnerSpacing.x + st.FramePadding.x * 2.0f + st.ItemSpacing.x;
    if (item.GetWidth() <= label.x + chrome + 1.0f)
        return item;
    float x = item.Min.x + IM_TRUNC(st.ItemSpacing.x * 0.5f);   // Selectable pads its box by half the spacing
    if (const ImGuiTable* t = g.CurrentTable)
        if (t->CurrentColumn >= 0)
            x = ImMax(item.Min.x, t->Columns[t->CurrentColumn].WorkMinX);   // a row-spanning one starts at the row
    const float y = item.Min.y + ImMax(0.0f, (item.GetHeight() - label.y) * 0.5f);
    return ImRect(x, y, ImMin(x + label.x, item.Max.x), ImMin(y + label.y, item.Max.y));
}

static void OnItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags)
{
    ImGuiContext& g = *ctx;
    ImGuiWindow* window = g.CurrentWindow;
    if (!label || !window)
        return;
    const char* end = ImGui::FindRenderedTextEnd(label);   // "Name##id": only "Name" is shown
    // No visible label: a custom control or a hit area, reported by its own code if it shows text.
    // A text field is the exception: it is a control whatever its label, and what it shows (a
    // hint, what was typed) is its own; reported with text "".
    if (end == label && !(flags & ImGuiItemStatusFlags_Inputable))
        return;
    std::string_view text(label, (size_t)(end - label));
    if (g.LastItemData.ID != id || Hook.AddId != id)
    {
        // Not the item just added: a tab item (its rectangle comes with its ItemAdd), or a window.
        if (g.CurrentTabBar)
        {
            Hook.PendingTabId = id;
            Hook.PendingTabLabel.assign(text);
        }
        return;
    }
    // An item that drew nothing (InvisibleButton("map")) shows no text: its id is not a label.
    ImDrawList* dl = window->DrawList;
    if (dl == Hook.AddDrawList && dl->VtxBuffer.Size == Hook.AddVtx && dl->VtxBuffer.Data == Hook.AddVtxData)
        return;
    const ImGuiWindowFlags top = window->RootWindow->Flags;
    const bool in_popup = (top & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_ChildMenu)) && !(top & ImGuiWindowFlags_Tooltip);
    LayoutRole role = LayoutRole_Button;
    if (flags & ImGuiItemStatusFlags_Inputable)
        role = LayoutRole_Input;             // text fields (and ImGui sliders, which look alike here)
    else if (in_popup || (flags & ImGuiItemStatusFlags_Openable))
        role = LayoutRole_Menu;
    else if (flags & ImGuiItemStatusFlags_Checkable)
        role = LayoutRole_Checkbox;
    ImRect rect = g.LastItemData.Rect;
    if (role != LayoutRole_Input)
        rect = LabelRect(g, rect, ImGui::CalcTextSize(label, end));
    if (Record(role, text, rect, ReportClip(window, DrawListClip(dl)), false))
    {
        Hook.RecordedId = id;
        Hook.RecordedIndex = (int)Items.size() - 1;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Unreported text
//-----------------------------------------------------------------------------

// Text the last frame drew that no record covers, so that a layout test cannot pass because a
// label was never reported: every glyph (a triangle drawn from the font atlas's glyphs) visible in
// a window's draw list (tooltips aside) must lie inside a record, give or take 2 px; the rest are
// merged into boxes by line. Run on demand, after the frame.
static std::vector<ImRect> UnreportedGlyphs()
{
    std::vector<ImRect> boxes;
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (!ctx || !ctx->IO.Fonts)
        return boxes;
    ImGuiContext& g = *ctx;
    ImFontAtlas* atlas = g.IO.Fonts;
    // A glyph's texture corner is neither the atlas's white pixel (what shapes are filled with)
    // nor inside its baked anti-aliased lines (what thick lines use): nothing else draws from it.
    ImRect lines(-1, -1, -1, -1);
    if (const ImFontAtlasCustomRect* r = atlas->PackIdLines >= 0 ? atlas->GetCustomRectByIndex(atlas->PackIdLines) : nullptr)
        lines = ImRect(r->X * atlas->TexUvScale.x, r->Y * atlas->TexUvScale.y, (r->X + r->Width) * atlas->TexUvScale.x,
                       (r->Y + r->Height) * atlas->TexUvScale.y);
    const ImVec2 white = atlas->TexUvWhitePixel;
    for (const ImGuiWindow* w : g.Windows)
    {
        if (!w->Active || w->Hidden || (w->Flags & ImGuiWindowFlags_Tooltip))
            continue;
        const ImDrawList* dl = w->DrawList;
        for (const ImDrawCmd& cmd : dl->CmdBuffer)
        {
            if (cmd.UserCallback || cmd.TextureId != atlas->TexID)
                continue;
            const ImRect clip(cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w);
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3)
            {
                ImRect tri(FLT_MAX, FLT_MAX, -FLT_MAX, -FLT_MAX);
                ImVec2 uv(FLT_MAX, FLT_MAX);
                for (unsigned k = 0; k < 3; k++)
                {
                    const ImDrawVert& v = dl->VtxBuffer[(int)(cmd.VtxOffset + dl->IdxBuffer[(int)(cmd.IdxOffset + i + k)])];
                    tri.Add(v.pos);
                    uv = ImMin(uv, v.uv);
                }
                const ImVec2 center = tri.GetCenter();
                if (!clip.Contains(center) || (uv.x == white.x && uv.y == white.y) || lines.Contains(uv))
                    continue;
                bool covered = false;
                for (const LayoutItem& it : Items)
                {
                    ImRect r = it.Rect;
                    r.Expand(2.0f);
                    // A plot's area reports no text: text drawn inside it still needs a record of its own.
                    if (it.Role != LayoutRole_Unreported && it.Role != LayoutRole_Plot && r.Contains(center)) { covered = true; break; }
                }
                if (covered)
                    continue;
                tri.ClipWithFull(clip);
                // Part of the run on its line: the box it touches (within an em: a word space) grows.
                bool merged = false;
                for (ImRect& b : boxes)
                {
                    const float gap = g.FontSize;
                    if (tri.Min.y < b.Max.y && tri.Max.y > b.Min.y && tri.Min.x < b.Max.x + gap && tri.Max.x > b.Min.x - gap)
                    {
                        b.Add(tri);
                        merged = true;
                        break;
                    }
                }
                if (!merged)
                    boxes.push_back(tri);
            }
        }
    }
    return boxes;
}

//-----------------------------------------------------------------------------
// [SECTION] JSON
//-----------------------------------------------------------------------------

std::string LayoutJson()
{
    nlohmann::json out = nlohmann::json::array();
    if (!LastFrameRecorded)
        return out.dump();   // a frame that recorded nothing: every glyph would look unreported
    std::vector<LayoutItem> unreported;
    for (const ImRect& r : UnreportedGlyphs())
        unreported.push_back({ LayoutRole_Unreported, std::string(), r, false });
    for (const std::vector<LayoutItem>* list : { &Items, &unreported })
    for (const LayoutItem& it : *list)
    {
        nlohmann::json j = { { "role", LayoutRoleName(it.Role) }, { "text", it.Text },
                             { "x", it.Rect.Min.x }, { "y", it.Rect.Min.y }, { "w", it.Rect.GetWidth() }, { "h", it.Rect.GetHeight() } };
        if (it.Highlighted)
            j["highlighted"] = true;
        out.push_back(std::move(j));
    }
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace ls
