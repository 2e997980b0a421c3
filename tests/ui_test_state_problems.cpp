// The App's state doors as the widget's JavaScript sees them (ls_set_state, ls_set_hash,
// ls_state_problems): the problems of the last call, parse and resolve together, including the
// data's verdict on a state that was set before the data arrived.
#include <doctest/doctest.h>

#include "imgui.h"
#include "ui/app.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string ReadDemoData()
{
    std::ifstream f(std::string(LANDSCAPE_SOURCE_DIR) + "/data/landscape.json", std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

struct StateHarness
{
    ls::App App;
    StateHarness()
    {
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        ImGui::GetIO().DisplaySize = ImVec2(800, 600);
        App.Init(1.0f, false);
    }
    ~StateHarness()
    {
        App.Shutdown();
        ImGui::DestroyContext();
    }
    // "key|value|message" per problem, for readable comparisons.
    std::vector<std::string> Problems() const
    {
        nlohmann::json j = nlohmann::json::parse(App.StateProblemsJson(), nullptr, false);
        REQUIRE(j.is_array());
        std::vector<std::string> out;
        for (const nlohmann::json& p : j)
            out.push_back(p.at("key").get<std::string>() + "|" + p.at("value").get<std::string>() + "|" + p.at("message").get<std::string>());
        return out;
    }
};

} // namespace

TEST_CASE("the problems of the last state call, parse and resolve together")
{
    StateHarness h;
    SUBCASE("a state set before the data: its ids are judged when the data arrives")
    {
        CHECK(h.App.SetStateJson(R"({"view": "trends", "entities": ["facebook", "nope"]})"));
        CHECK(h.Problems() == std::vector<std::string>{
                                  "view|trends|unknown view \"trends\" (expected one of map, trend, compare, share, table, sources)" });
        REQUIRE(h.App.LoadData(ReadDemoData()));
        CHECK(h.Problems() == std::vector<std::string>{
                                  "view|trends|unknown view \"trends\" (expected one of map, trend, compare, share, table, sources)",
                                  "entities|nope|no entity \"nope\" in the data" });
        CHECK(h.App.State().Entities == std::vector<std::string>{ "facebook" });
    }
    SUBCASE("with data: a link's unknown ids and out-of-range period, and the valid rest")
    {
        REQUIRE(h.App.LoadData(ReadDemoData()));
        CHECK(h.App.SetStateHash("ls1:view=trend&metric=facebook-dau&entities=facebook,nope&period=2031&colour=red"));
        std::vector<std::string> problems = h.Problems();
        REQUIRE(problems.size() == 3);
        CHECK(problems[0].rfind("colour|red|unknown key \"colour\"", 0) == 0);
        CHECK(problems[1] == "entities|nope|no entity \"nope\" in the data");
        CHECK(problems[2].rfind("period|2031|period \"2031\" is after the data's last period for facebook-dau (", 0) == 0);
        CHECK(h.App.State().View == ls::ViewKind_Trend);
        CHECK(h.App.State().Entities == std::vector<std::string>{ "facebook" });

        // The next call starts a new list; the widget's own state goes through without a word.
        CHECK(h.App.SetStateJson(h.App.StateJson()));
        CHECK(h.Problems().empty());
        CHECK(h.App.SetStateJson(R"({"view": "table"})"));
        CHECK(h.Problems().empty());
        CHECK(h.App.StateProblemsJson() == "[]");
    }
    SUBCASE("refused calls say why, and change nothing; a page anchor is not a problem")
    {
        REQUIRE(h.App.LoadData(ReadDemoData()));
        const ls::ViewState before = h.App.State();
        CHECK(!h.App.SetStateJson("[\"trend\"]"));
        CHECK(h.Problems() == std::vector<std::string>{ "|[\"trend\"]|the state must be a JSON object, not an array" });
        CHECK(!h.App.SetStateHash("ls1:" + std::string(100000, 'x')));
        REQUIRE(h.Problems().size() == 1);
        CHECK(!h.App.SetStateHash("section-2"));
        CHECK(h.Problems().empty());
        CHECK(h.App.State() == before);
    }
}
