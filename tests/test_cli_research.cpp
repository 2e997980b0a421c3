// landscape-data import, export, lint and diff, run as a researcher or CI would: files on disk,
// exit codes, the located lines, --json.
#include "cli_test_helpers.h"
#include "sheets_test_helpers.h"

#include <cstdio>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace sheets_test;

namespace
{

using Ran = cli_test::CliRun;
Ran Run(const std::string& args) { return cli_test::RunCli(args); }
bool Available() { return cli_test::CliAvailable(); }

struct Temp
{
    fs::path Dir;
    Temp() : Dir(fs::temp_directory_path() / ("landscape-cli-" + std::to_string(getpid()) + "-" + std::to_string(rand())))
    {
        fs::create_directories(Dir);
    }
    ~Temp()
    {
        std::error_code ec;
        fs::remove_all(Dir, ec);
    }
    std::string operator/(const std::string& name) const { return (Dir / name).string(); }
};

void Write(const std::string& path, const std::string& text)
{
    FILE* f = fopen(path.c_str(), "wb");
    REQUIRE(f);
    fwrite(text.data(), 1, text.size(), f);
    fclose(f);
}

bool Has(const Ran& r, const std::string& text) { return r.Output.find(text) != std::string::npos; }

} // namespace

TEST_CASE("landscape-data export then import: CSV folder and .xlsx give back the same document")
{
    if (!Available())
        return;
    Temp t;
    for (const char* sheets : { "sheets", "book.xlsx" })
    {
        CAPTURE(sheets);
        Ran e = Run("export data/landscape.json '" + t / sheets + "'");
        INFO(e.Output);
        REQUIRE(e.Exit == 0);
        CHECK(Has(e, "data/landscape.json: wrote " + t / sheets));
        Ran i = Run("import '" + t / sheets + "' -o '" + t / "back.json'");
        INFO(i.Output);
        REQUIRE(i.Exit == 0);
        CHECK(Has(i, ": ok: wrote " + t / "back.json"));
        CHECK(Canonical(ReadText(t / "back.json")) == Canonical(ReadText(SourcePath("data/landscape.json"))));
    }
    CHECK(fs::exists(t / "sheets/observations.csv"));
    CHECK(fs::exists(t / "sheets/about.csv"));
}

TEST_CASE("landscape-data import refuses a sheet with its cells named, writes nothing, and says so in --json")
{
    if (!Available())
        return;
    Temp t;
    REQUIRE(Run("export tests/data/minimal.json '" + t / "s'").Exit == 0);
    std::string obs = ReadText(t / "s/observations.csv");
    size_t at = obs.find(",1300,");
    REQUIRE(at != std::string::npos);
    obs.replace(at, 6, ",\"1,3\",");
    Write(t / "s/observations.csv", obs);
    Ran r = Run("import '" + t / "s" + "' -o '" + t / "out.json'");
    INFO(r.Output);
    CHECK(r.Exit == 1);
    CHECK(Has(r, t / "s/observations.csv:2:5: value: not a number: \"1,3\" (numbers use \".\" as the decimal point"));
    CHECK(Has(r, ": refused: 1 error, 0 warnings; " + t / "out.json not written"));
    CHECK(!fs::exists(t / "out.json"));
    Ran j = Run("import --json '" + t / "s" + "' -o '" + t / "out.json'");
    CHECK(j.Exit == 1);
    nlohmann::json report = nlohmann::json::parse(j.Output, nullptr, false);
    REQUIRE(report.is_object());
    CHECK(report["ok"] == false);
    REQUIRE(report["problems"].size() == 1);
    CHECK(report["problems"][0]["row"] == 2);
    CHECK(report["problems"][0]["column"] == 5);
    CHECK(report["problems"][0]["field"] == "value");
    CHECK(report["problems"][0]["place"] == t / "s/observations.csv:2:5");
}

TEST_CASE("landscape-data import reads a ';' file with a note")
{
    if (!Available())
        return;
    Temp t;
    REQUIRE(Run("export tests/data/minimal.json '" + t / "s'").Exit == 0);
    // Lists are ';'-separated too: in a ';' file they are quoted, as a spreadsheet writes them.
    Write(t / "s/regions.csv", "id;name;countries;world;note\r\nworld;Worldwide;;TRUE;\r\napac;Asia-Pacific;\"CN;JP;KR;AU\";;\r\n"
                               "europe;Europe;\"DE;FR;GB\";;\r\nintl-ex-us;International;;;\r\n");
    Ran r = Run("import '" + t / "s" + "' -o '" + t / "out.json'");
    INFO(r.Output);
    CHECK(r.Exit == 0);
    CHECK(Has(r, t / "s/regions.csv: note: read with \";\" as the delimiter"));
}

TEST_CASE("landscape-data lint: compiler-style lines with pointer and line, exit 3; cells for sheets; --accepted; --json")
{
    if (!Available())
        return;
    Temp t;
    Json doc = Json::parse(ReadText(SourcePath("tests/data/minimal.json")));
    doc["observations"][2]["value"] = 100; // apac 2023-Q1 100 -> 2023-Q2 1300: a jump
    doc["events"][0]["date"] = "2023-06-20"; // inside the data's time span (minimal.json's event is after it)
    Write(t / "jump.json", doc.dump(1));
    Ran r = Run("lint '" + t / "jump.json'");
    INFO(r.Output);
    CHECK(r.Exit == 3);
    CHECK(Has(r, t / "jump.json:"));
    CHECK(Has(r, ": warning: /observations/0/value: 1300 in 2023-Q2 is 13 times the 100 of 2023-Q1 (facebook, mau, apac)"));
    CHECK(Has(r, "[jump]"));
    CHECK(Has(r, t / "jump.json: 1 finding (jump 1)"));

    SUBCASE("the same finding in the sheets is at its cell")
    {
        REQUIRE(Run("export '" + t / "jump.json' '" + t / "s'").Exit == 0);
        Ran s = Run("lint '" + t / "s'");
        INFO(s.Output);
        CHECK(s.Exit == 3);
        CHECK(Has(s, t / "s/observations.csv:2:5: warning: value: 1300 in 2023-Q2 is 13 times"));
    }
    SUBCASE("an accepted finding is not reported; a stale entry is noted")
    {
        Write(t / "accepted.json", R"([{"rule": "jump", "key": "facebook/mau/apac/2023-Q2", "reason": "test"},
                                       {"rule": "jump", "key": "gone/x/y/2020", "reason": "was"}])");
        Ran a = Run("lint --accepted '" + t / "accepted.json' '" + t / "jump.json'");
        INFO(a.Output);
        CHECK(a.Exit == 0);
        CHECK(Has(a, t / "jump.json: clean; 1 accepted in " + t / "accepted.json"));
        CHECK(Has(a, "accepted finding no longer found (remove it from the list): jump gone/x/y/2020"));
    }
    SUBCASE("--json")
    {
        Ran j = Run("lint --json '" + t / "jump.json'");
        CHECK(j.Exit == 3);
        nlohmann::json out = nlohmann::json::parse(j.Output, nullptr, false);
        REQUIRE(out.is_array());
        REQUIRE(out[0]["findings"].size() == 1);
        CHECK(out[0]["findings"][0]["rule"] == "jump");
        CHECK(out[0]["findings"][0]["pointer"] == "/observations/0/value");
        CHECK(out[0]["findings"][0]["line"].get<int>() > 0);
        CHECK(out[0]["counts"]["jump"] == 1);
    }
    SUBCASE("a clean file exits 0, an invalid one 1")
    {
        doc["observations"][2]["value"] = 1280;
        Write(t / "clean.json", doc.dump(1));
        Ran clean = Run("lint '" + t / "clean.json'");
        INFO(clean.Output);
        CHECK(clean.Exit == 0);
        CHECK(Has(clean, t / "clean.json: clean"));
        CHECK(Run("lint tests/data/bad/unknown-region.json").Exit == 1);
    }
}

TEST_CASE("landscape-data diff: revisions in words and in --json")
{
    if (!Available())
        return;
    Temp t;
    Json doc = Json::parse(ReadText(SourcePath("tests/data/minimal.json")));
    Json next = doc;
    next["observations"][0]["value"] = 1313;
    next["sources"][0]["title"] = "Meta Q2 2023 (restated)";
    Write(t / "old.json", doc.dump(1));
    Write(t / "new.json", next.dump(1));
    Ran r = Run("diff '" + t / "old.json' '" + t / "new.json'");
    INFO(r.Output);
    CHECK(r.Exit == 0);
    CHECK(Has(r, ": 1 revised, 0 added, 0 removed, 0 changed"));
    CHECK(Has(r, "revised facebook mau apac 2023-Q2: 1300 -> 1313 (+1 %)"));
    CHECK(Has(r, "sources: changed " + doc["sources"][0]["id"].get<std::string>() + ": title"));
    Ran j = Run("diff --json '" + t / "old.json' '" + t / "new.json'");
    nlohmann::json out = nlohmann::json::parse(j.Output, nullptr, false);
    REQUIRE(out.is_object());
    REQUIRE(out["revised"].size() == 1);
    CHECK(out["revised"][0]["entity"] == "facebook");
    CHECK(out["revised"][0]["old"] == 1300);
    CHECK(out["revised"][0]["new"] == 1313);
    CHECK(out["revised"][0]["change_percent"].get<double>() == doctest::Approx(1.0));
    CHECK(out["sources"]["changed"].size() == 1);
}

TEST_CASE("landscape-data's researcher commands exit 2 on usage errors")
{
    if (!Available())
        return;
    CHECK(Run("import").Exit == 2);
    CHECK(Run("import sheets").Exit == 2); // no -o
    CHECK(Run("export data/landscape.json").Exit == 2);
    CHECK(Run("lint").Exit == 2);
    CHECK(Run("lint --jump 0.5 data/landscape.json").Exit == 2);
    CHECK(Run("diff data/landscape.json").Exit == 2);
    Ran help = Run("lint --help");
    CHECK(help.Exit == 0);
    CHECK(Has(help, "import SHEETS -o FILE.json"));
}
