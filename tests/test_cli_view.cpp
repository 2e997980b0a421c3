// landscape-data view: the view model the widget would draw for a state, printed as JSON, run as a
// researcher would run it.
#include "cli_test_helpers.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>

namespace
{

using ViewRun = cli_test::CliRun;
ViewRun RunView(const std::string& args) { return cli_test::RunCli("view " + args); }

} // namespace

TEST_CASE("landscape-data view prints the compare model at Q3 2025: quarters only, with age and quality")
{
    ViewRun r = RunView("data/landscape.json --state '{\"view\":\"compare\",\"metric\":\"revenue\",\"period\":\"2025-Q3\",\"entities\":[]}'");
    REQUIRE(r.Exit == 0);
    nlohmann::json j = nlohmann::json::parse(r.Output, nullptr, false);
    REQUIRE(j.is_object());
    CHECK(j["granularity"] == "quarter");
    CHECK(j["period"] == "2025-Q3");
    REQUIRE(j["model"]["bars"].is_array());
    REQUIRE(!j["model"]["bars"].empty());
    for (const auto& bar : j["model"]["bars"])
    {
        std::string period = bar["period"];
        CHECK(period.find("-Q") != std::string::npos);
        CHECK(period <= "2025-Q3");
        CHECK(bar.contains("quality"));
        CHECK(bar["age"].get<int>() <= 4);
    }
    CHECK(j["table"]["columns"].size() == j["table"]["rows"][0].size());
}

TEST_CASE("landscape-data view reports state problems and refuses usage errors")
{
    ViewRun r = RunView("data/landscape.json --state '{\"view\":\"trend\",\"metric\":\"revenue\",\"granularity\":\"day\"}'");
    REQUIRE(r.Exit == 0);
    nlohmann::json j = nlohmann::json::parse(r.Output, nullptr, false);
    REQUIRE(j["problems"].size() == 1);
    CHECK(j["problems"][0]["key"] == "granularity");
    CHECK(j["model"]["series"].is_array());
    CHECK(RunView("data/landscape.json").Exit == 2);
    CHECK(RunView("data/landscape.json --state '[1]'").Exit == 2);
    CHECK(RunView("no-such-file.json --state '{}'").Exit == 1);
}
