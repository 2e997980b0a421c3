// Sources view: what the data rests on. The file's title, edition, publisher, licence and
// caveats; each source with its kind, date, URL (as copyable text: the widget never navigates)
// and how many observations cite it.

#include "ui/views/views.h"
#include "ui/app.h"
#include "ui/layout_report.h"
#include "ui/shaping.h"

#include <algorithm>
#include <vector>

namespace ls {

// Citations and quality per source come from the core's sources model (a pass over every row:
// once per data load).
void UpdateSourcesModel(ViewContext& ctx)
{
    if (!ctx.CitationsDirty)
        return;
    ctx.SourcesM = BuildSourcesModel(*ctx.Data);
    ctx.CitationsDirty = false;
}

// Wrapped text (shaped), reported as one item; muted or in a colour when asked (0 = the text
// colour). Text that fits its line is drawn without the wrapping pass.
static void Wrapped(std::string_view text, ImU32 color = 0)
{
    if (text.empty())
        return;
    if (color)
        ImGui::PushStyleColor(ImGuiCol_Text, color);
    const char* shaped = ShapedText(text);
    const bool fits = ImGui::CalcTextSize(shaped).x <= ImGui::GetContentRegionAvail().x;
    if (!fits)
        ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(shaped);
    if (!fits)
        ImGui::PopTextWrapPos();
    if (color)
        ImGui::PopStyleColor();
    LayoutRecordLastItem(LayoutRole_Label, text);
}

// The source's URL as a read-only field: select and copy; the widget never opens links itself.
static void UrlField(const ViewContext& ctx, int i, const Source& s)
{
    if (s.Url.empty())
        return;
    ImGui::PushID(i);
    ImGui::SetNextItemWidth(-1);
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.Theme_->Accent);
    ImGui::InputText("##url", (char*)s.Url.c_str(), s.Url.size() + 1, ImGuiInputTextFlags_ReadOnly);
    ImGui::PopStyleColor();
    ImGui::PopID();
}

static void QualityLines(const ViewContext& ctx, const Source& s, const SourceEntry& entry)
{
    bool warn = entry.Quality == SourceQuality_RelayUnchecked || entry.Quality == SourceQuality_Estimate;
    Wrapped(entry.QualityText, warn ? ctx.Theme_->Highlight : 0);
    Wrapped(s.Attribution, ctx.Theme_->TextMuted);
}

void DrawSourcesView(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    if (!ImGui::BeginChild("sources-scroll", ImGui::GetContentRegionAvail(), ImGuiChildFlags_None))
    {
        ImGui::EndChild();   // out of sight (a phone's controls took the height)
        return;
    }
    ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
    ctx.WheelRects.push_back(ImRect(wp, ImVec2(wp.x + ws.x, wp.y + ws.y)));
    // Narrow: each field's name above its value and each source as a block of lines; wide: names
    // in a column and the sources as a table.
    const bool narrow = ImGui::GetContentRegionAvail().x < 560.0f;
    const float name_w = std::min(110.0f, ImGui::GetContentRegionAvail().x * 0.3f);
    auto field = [&](const char* label, const std::string& value) {
        if (value.empty())
            return;
        ImGui::TextDisabled("%s", label);
        LayoutRecordLastItem(LayoutRole_Label, label);
        if (!narrow)
            ImGui::SameLine(name_w);
        Wrapped(value);
    };
    field("Title", ds.Title);
    field("Edition", ds.Edition);
    field("Publisher", ds.Publisher);
    field("Published", ds.Published);
    field("Licence", ds.License);
    if (!ds.Description.empty())
    {
        ImGui::Spacing();
        Wrapped(ds.Description);
    }
    if (!ds.Caveats.empty())
    {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted("Caveats: read before comparing figures");
        ImGui::PopTextWrapPos();
        LayoutRecordLastItem(LayoutRole_Label, "Caveats: read before comparing figures");
        ImGui::Separator();
        for (const std::string& c : ds.Caveats)
        {
            ImGui::Bullet();
            Wrapped(c);
        }
    }

    UpdateSourcesModel(ctx);
    const SourcesModel& model = ctx.SourcesM;
    std::string heading = "Sources (" + std::to_string(ds.Sources.size()) + ")";
    ImGui::Spacing();
    ImGui::TextUnformatted(heading.c_str());
    LayoutRecordLastItem(LayoutRole_Label, heading);
    ImGui::Separator();
    if (narrow)
    {
        // Blocks differ in height, so no list clipper: blocks above or below the visible part
        // take their height from the last frame they were drawn at this width (a file may cite
        // thousands of sources).
        static std::vector<float> heights;
        static float heights_width = 0.0f;
        float width = ImGui::GetContentRegionAvail().x;
        if (heights.size() != ds.Sources.size() || heights_width != width)
        {
            heights.assign(ds.Sources.size(), 0.0f);
            heights_width = width;
        }
        const float view_top = ImGui::GetScrollY(), view_bottom = view_top + ImGui::GetWindowHeight();
        for (int i = 0; i < (int)ds.Sources.size(); i++)
        {
            float y = ImGui::GetCursorPosY();
            if (heights[i] > 0.0f && (y + heights[i] < view_top || y > view_bottom))
            {
                ImGui::Dummy(ImVec2(1.0f, heights[i] - ImGui::GetStyle().ItemSpacing.y));
                continue;
            }
            const Source& s = ds.Sources[i];
            const SourceEntry& entry = model.Entries[i];
            Wrapped(s.Title);
            Wrapped(s.Publisher, th.TextMuted);
            std::string meta = std::string(SourceKindName(s.Kind)) + (s.Date.empty() ? "" : " · " + s.Date) + " · cited by " +
                               std::to_string(entry.Citations);
            Wrapped(meta, th.TextMuted);
            QualityLines(ctx, s, entry);
            UrlField(ctx, i, s);
            ImGui::Separator();
            heights[i] = ImGui::GetCursorPosY() - y;
        }
        ImGui::EndChild();
        return;
    }
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("sources", 5, flags))
    {
        ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Quality", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, 84.0f);
        ImGui::TableSetupColumn("Cited by", ImGuiTableColumnFlags_WidthFixed, 70.0f);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin((int)ds.Sources.size());
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++)
            {
                const Source& s = ds.Sources[i];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                Wrapped(s.Title);
                Wrapped(s.Publisher, th.TextMuted);
                UrlField(ctx, i, s);
                ImGui::TableNextColumn();
                Wrapped(SourceKindName(s.Kind));
                ImGui::TableNextColumn();
                QualityLines(ctx, s, model.Entries[i]);
                ImGui::TableNextColumn();
                Wrapped(s.Date);
                ImGui::TableNextColumn();
                Wrapped(std::to_string(model.Entries[i].Citations));
            }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

} // namespace ls
