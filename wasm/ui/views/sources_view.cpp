// Sources view: what the data rests on. The file's title, edition, publisher, licence and
// caveats; each source with its kind, date, URL (as copyable text: the widget never navigates)
// and how many observations cite it.

#include "ui/views/views.h"
#include "ui/app.h"

#include <algorithm>

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

void DrawSourcesView(ViewContext& ctx)
{
    const Dataset& ds = *ctx.Data;
    const Theme& th = *ctx.Theme_;
    ImGui::BeginChild("sources-scroll", ImGui::GetContentRegionAvail(), ImGuiChildFlags_None);
    ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
    ctx.WheelRects.push_back(ImRect(wp, ImVec2(wp.x + ws.x, wp.y + ws.y)));
    ImGui::PushTextWrapPos(0.0f);
    auto field = [&](const char* label, const std::string& value) {
        if (value.empty())
            return;
        ImGui::TextDisabled("%s", label);
        ImGui::SameLine(110.0f);
        ImGui::TextUnformatted(value.c_str());
    };
    field("Title", ds.Title);
    field("Edition", ds.Edition);
    field("Publisher", ds.Publisher);
    field("Published", ds.Published);
    field("Licence", ds.License);
    if (!ds.Description.empty())
    {
        ImGui::Spacing();
        ImGui::TextUnformatted(ds.Description.c_str());
    }
    if (!ds.Caveats.empty())
    {
        ImGui::SeparatorText("Caveats: read before comparing figures");
        for (const std::string& c : ds.Caveats)
        {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", c.c_str());
        }
    }
    ImGui::PopTextWrapPos();

    UpdateSourcesModel(ctx);
    const SourcesModel& model = ctx.SourcesM;
    ImGui::SeparatorText(("Sources (" + std::to_string(ds.Sources.size()) + ")").c_str());
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
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextUnformatted(s.Title.c_str());
                if (!s.Publisher.empty())
                    ImGui::TextDisabled("%s", s.Publisher.c_str());
                ImGui::PopTextWrapPos();
                if (!s.Url.empty())
                {
                    // Read-only text field: select and copy; the widget never opens links itself.
                    ImGui::PushID(i);
                    ImGui::SetNextItemWidth(-1);
                    ImGui::PushStyleColor(ImGuiCol_Text, th.Accent);
                    ImGui::InputText("##url", (char*)s.Url.c_str(), s.Url.size() + 1, ImGuiInputTextFlags_ReadOnly);
                    ImGui::PopStyleColor();
                    ImGui::PopID();
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(SourceKindName(s.Kind));
                ImGui::TableNextColumn();
                ImGui::PushTextWrapPos(0.0f);
                const SourceEntry& entry = model.Entries[i];
                if (entry.Quality == SourceQuality_RelayUnchecked || entry.Quality == SourceQuality_Estimate)
                    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(th.Highlight), "%s", entry.QualityText.c_str());
                else
                    ImGui::TextUnformatted(entry.QualityText.c_str());
                if (!s.Attribution.empty())
                    ImGui::TextDisabled("%s", s.Attribution.c_str());
                ImGui::PopTextWrapPos();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.Date.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%u", model.Entries[i].Citations);
            }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

} // namespace ls
