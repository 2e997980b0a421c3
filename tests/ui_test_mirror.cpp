// The accessible mirror as a screen reader gets it (App::MirrorJson): its summary is the view's
// summary followed by its notes, and no sentence may be said twice (a reviewer heard "5 of 5
// series report Q4 2021." two times in the compare view).
#include "ui_test_harness.h"

#include "imgui.h"
#include "ui/app.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace {

std::string ReadDemoData() { return ui_test::ReadDemo(); }

using MirrorHarness = ui_test::AppHarness;

// Sentences: split after ". " (a full stop followed by a space) and at the end.
std::vector<std::string> Sentences(const std::string& text)
{
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i + 1 < text.size(); i++)
        if (text[i] == '.' && text[i + 1] == ' ')
        {
            out.push_back(text.substr(start, i + 1 - start));
            start = i + 2;
        }
    if (start < text.size())
        out.push_back(text.substr(start));
    return out;
}

} // namespace

TEST_CASE("the mirror's summary says each sentence once and every note once, in every view of the demo data")
{
    MirrorHarness h;
    std::string data = ReadDemoData();
    REQUIRE(h.App.LoadData(data));
    nlohmann::json doc = nlohmann::json::parse(data);
    // The reviewer's case first, then every metric in every view, by platform and by region.
    std::vector<std::string> states = { R"({"view":"compare","metric":"facebook-dau","entities":["facebook"],"compare_by":"region","period":"2021-Q4"})" };
    for (const char* view : { "map", "trend", "compare", "share", "table", "sources" })
        for (const auto& metric : doc["metrics"])
            for (const char* by : { "entity", "region" })
                states.push_back(std::string(R"({"view":")") + view + R"(","metric":")" + metric["id"].get<std::string>() +
                                 R"(","compare_by":")" + by + "\"}");
    size_t with_notes = 0;
    for (const std::string& state : states)
    {
        CAPTURE(state);
        REQUIRE(h.App.SetStateJson(state));
        h.Frame();
        h.Frame();
        nlohmann::json mirror = nlohmann::json::parse(h.App.MirrorJson());
        const std::string summary = mirror["summary"].get<std::string>();
        CAPTURE(summary);
        std::map<std::string, int> seen;
        for (const std::string& s : Sentences(summary))
            CHECK_MESSAGE(++seen[s] == 1, "said twice: " << s);
        for (const auto& note : mirror["notes"])
        {
            const std::string n = note.get<std::string>();
            size_t first = summary.find(n);
            CHECK_MESSAGE(first != std::string::npos, "note missing from the summary: " << n);
            if (first != std::string::npos)
                CHECK_MESSAGE(summary.find(n, first + 1) == std::string::npos, "note said twice: " << n);
            with_notes++;
        }
    }
    CHECK(with_notes > 100); // the loop saw real notes, not empty summaries
}
