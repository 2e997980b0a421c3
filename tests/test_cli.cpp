// landscape-data, run as a person or CI would: exit codes, compiler-style lines, --json.
// The binary sits at the top of the build folder, one level above this test runner.
#include "cli_test_helpers.h"
#include "core/loader.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>

namespace fs = std::filesystem;

using namespace cli_test;
using RunResult = CliRun;
static CliRun Run(const std::string& args) { return RunCli(args); }

TEST_CASE("landscape-data validate prints one summary line per valid file and exits 0")
{
    if (!CliAvailable())
        return;
    RunResult r = Run("validate tests/data/minimal.json");
    CHECK(r.Exit == 0);
    CHECK(r.Output == "tests/data/minimal.json: ok: 6 observations, 3 entities, 2 metrics, 4 regions, 2 sources, 1 event\n");
}

TEST_CASE("landscape-data validate prints compiler-style problems and exits 1 for an invalid file")
{
    if (!CliAvailable())
        return;
    RunResult r = Run("validate tests/data/minimal.json tests/data/bad/unknown-region.json");
    CHECK(r.Exit == 1);
    CHECK(r.Output.find("tests/data/minimal.json: ok: ") != std::string::npos);
    CHECK(r.Output.find("tests/data/bad/unknown-region.json:19:56: error: /observations/0/region: unknown region \"apacx\" (did you mean \"apac\"?)\n") !=
          std::string::npos);
    CHECK(r.Output.find("tests/data/bad/unknown-region.json: invalid: 1 error, 0 warnings") != std::string::npos);
    SUBCASE("an unreadable file is a problem of its own")
    {
        RunResult missing = Run("validate tests/data/no-such-file.json");
        CHECK(missing.Exit == 1);
        CHECK(missing.Output == "tests/data/no-such-file.json: error: cannot read: No such file or directory\n");
    }
}

TEST_CASE("landscape-data exits 2 for usage errors")
{
    if (!CliAvailable())
        return;
    CHECK(Run("").Exit == 2);
    CHECK(Run("frobnicate x.json").Exit == 2);
    CHECK(Run("validate").Exit == 2);
    CHECK(Run("validate --strict tests/data/minimal.json").Exit == 2);
    RunResult help = Run("--help");
    CHECK(help.Exit == 0);
    CHECK(help.Output.find("usage: landscape-data") == 0);
    RunResult version = Run("--version");
    CHECK(version.Exit == 0);
    CHECK(version.Output.find("landscape-data ") == 0);
}

TEST_CASE("landscape-data --json writes one object per file")
{
    if (!CliAvailable())
        return;
    RunResult r = Run("validate --json tests/data/minimal.json tests/data/bad/value-string.json");
    CHECK(r.Exit == 1);
    nlohmann::json j = nlohmann::json::parse(r.Output, nullptr, false);
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 2);
    CHECK(j[0]["ok"] == true);
    CHECK(j[0]["counts"]["observations"] == 6);
    CHECK(j[1]["ok"] == false);
    REQUIRE(j[1]["problems"].size() == 1);
    CHECK(j[1]["problems"][0]["pointer"] == "/observations/0/value");
    CHECK(j[1]["problems"][0]["line"] == 19);
    CHECK(j[1]["problems"][0]["column"] == 94);
    CHECK(j[1]["problems"][0]["severity"] == "error");
}

TEST_CASE("landscape-data stats counts rows by entity, metric, region and confidence")
{
    if (!CliAvailable())
        return;
    RunResult r = Run("stats tests/data/minimal.json");
    CHECK(r.Exit == 0);
    CHECK(r.Output.find("periods: 2023-Q1 .. 2023-06") != std::string::npos);
    CHECK(r.Output.find("by confidence:") != std::string::npos);
    CHECK(r.Output.find("    xiaohongshu  2") != std::string::npos);
    nlohmann::json j = nlohmann::json::parse(Run("stats --json tests/data/minimal.json").Output, nullptr, false);
    REQUIRE(j.is_array());
    CHECK(j[0]["stats"]["by_metric"]["mau"] == 4);
    CHECK(j[0]["stats"]["by_confidence"]["forecast"] == 1);
    CHECK(j[0]["stats"]["first_period"] == "2023-Q1");
}
