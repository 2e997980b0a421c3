// Conformance data run as tests: the malformed corpus (tests/data/bad + expect.txt), the files
// that load with a warning (tests/data/warn + expect.txt), every real data file (data/*.json), the
// JSONTestSuite parsing files, and a million generated observations.
#include "core/loader.h"
#include "core/queries.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ls;
namespace fs = std::filesystem;

static std::string ReadText(const fs::path& path)
{
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

static std::vector<fs::path> JsonFiles(const fs::path& dir)
{
    std::vector<fs::path> files;
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file() && e.path().extension() == ".json")
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

static std::string Describe(const std::string& name, const LoadResult& r)
{
    std::string s;
    for (const Problem& p : r.Problems)
        s += FormatProblem(name, p) + "\n";
    return s;
}

// One line of an expect.txt: file<TAB>pointer<TAB>line:column<TAB>part of the message.
struct Expectation
{
    std::string File, Pointer, Message;
    int Line = 0, Column = 0;
};

static std::vector<Expectation> ReadExpectations(const fs::path& dir)
{
    std::ifstream expect(dir / "expect.txt");
    REQUIRE_MESSAGE(expect.good(), "missing " << (dir / "expect.txt").string());
    std::vector<Expectation> out;
    std::string line;
    while (std::getline(expect, line))
    {
        if (line.empty() || line[0] == '#')
            continue;
        std::vector<std::string> fields;
        std::stringstream ss(line);
        std::string field;
        while (std::getline(ss, field, '\t'))
            fields.push_back(field);
        REQUIRE_MESSAGE(fields.size() == 4, "expect.txt line needs 4 tab-separated fields: " << line);
        Expectation e;
        e.File = fields[0];
        e.Pointer = fields[1];
        e.Message = fields[3];
        REQUIRE(sscanf(fields[2].c_str(), "%d:%d", &e.Line, &e.Column) == 2);
        out.push_back(e);
    }
    return out;
}

static bool HasProblem(const LoadResult& r, const Expectation& e, ProblemSeverity severity)
{
    for (const Problem& p : r.Problems)
        if (p.Severity == severity && p.Pointer == e.Pointer && p.Line == e.Line && p.Column == e.Column && p.Message.find(e.Message) != std::string::npos)
            return true;
    return false;
}

TEST_CASE("every malformed file in tests/data/bad fails with its expected, located problem")
{
    const fs::path dir = fs::path(LANDSCAPE_SOURCE_DIR) / "tests" / "data" / "bad";
    std::map<std::string, int> expectations;
    for (const Expectation& e : ReadExpectations(dir))
    {
        CAPTURE(e.File);
        Dataset ds;
        LoadResult r = LoadDataset(ReadText(dir / e.File), &ds);
        CHECK(!r.Ok);
        CHECK(ds.ObservationCount() == 0);
        CHECK_MESSAGE(HasProblem(r, e, ProblemSeverity_Error),
                      "expected " << e.File << ":" << e.Line << ":" << e.Column << ": " << e.Pointer << ": ..." << e.Message << "...\ngot:\n" << Describe(e.File, r));
        expectations[e.File]++;
    }
    // A new file without an expectation would pass unnoticed.
    std::vector<fs::path> files = JsonFiles(dir);
    CHECK(files.size() >= 30);
    for (const fs::path& f : files)
        CHECK_MESSAGE(expectations.count(f.filename().string()) == 1, f.filename().string() << " has no line in expect.txt");
}

TEST_CASE("every file in tests/data/warn loads, with its expected, located warning")
{
    const fs::path dir = fs::path(LANDSCAPE_SOURCE_DIR) / "tests" / "data" / "warn";
    std::map<std::string, int> expectations;
    for (const Expectation& e : ReadExpectations(dir))
    {
        CAPTURE(e.File);
        Dataset ds;
        LoadResult r = LoadDataset(ReadText(dir / e.File), &ds);
        CHECK_MESSAGE(r.Ok, Describe(e.File, r));
        CHECK(r.ErrorCount == 0);
        CHECK(ds.ObservationCount() > 0);
        CHECK_MESSAGE(HasProblem(r, e, ProblemSeverity_Warning),
                      "expected " << e.File << ":" << e.Line << ":" << e.Column << ": warning: " << e.Pointer << ": ..." << e.Message << "...\ngot:\n"
                                  << Describe(e.File, r));
        expectations[e.File]++;
    }
    std::vector<fs::path> files = JsonFiles(dir);
    CHECK(files.size() >= 2);
    for (const fs::path& f : files)
        CHECK_MESSAGE(expectations.count(f.filename().string()) == 1, f.filename().string() << " has no line in expect.txt");
}

TEST_CASE("every data file in data/ loads with no error")
{
    const fs::path dir = fs::path(LANDSCAPE_SOURCE_DIR) / "data";
    std::vector<fs::path> files;
    for (const fs::path& f : JsonFiles(dir))
        if (f.filename() != "schema.json")
            files.push_back(f);
    if (!fs::exists(dir / "landscape.json"))
        MESSAGE("data/landscape.json does not exist yet: only the other data/*.json files are checked");
    for (const fs::path& f : files)
    {
        const std::string name = "data/" + f.filename().string();
        CAPTURE(name);
        Dataset ds;
        LoadResult r = LoadDataset(ReadText(f), &ds);
        CHECK_MESSAGE(r.Ok, Describe(name, r));
        CHECK(r.ErrorCount == 0);
        if (r.WarningCount > 0)
            MESSAGE(name << ": " << r.WarningCount << " warnings\n" << Describe(name, r));
        if (r.Ok)
        {
            CHECK(ds.ObservationCount() > 0);
            CHECK(ds.Index.SortedRows.size() == ds.ObservationCount());
        }
    }
    // The test fixtures (tests/data and its folders, except the malformed corpus) are valid files too.
    std::vector<fs::path> fixtures;
    std::error_code ec;
    for (const fs::directory_entry& e : fs::recursive_directory_iterator(fs::path(LANDSCAPE_SOURCE_DIR) / "tests" / "data", ec))
        if (e.is_regular_file() && e.path().extension() == ".json" && e.path().parent_path().filename() != "bad")
            fixtures.push_back(e.path());
    CHECK(fixtures.size() >= 1);
    for (const fs::path& f : fixtures)
    {
        CAPTURE(f.string());
        Dataset ds;
        LoadResult r = LoadDataset(ReadText(f), &ds);
        CHECK_MESSAGE(r.Ok, Describe(f.filename().string(), r));
    }
}

TEST_CASE("the JSONTestSuite parsing files: n_ refused with a position, y_ free of syntax errors, i_ survived")
{
    const fs::path dir = fs::path(LANDSCAPE_SHARED_DIR) / "jsontestsuite" / "test_parsing";
    if (!fs::is_directory(dir))
    {
        MESSAGE("skipped: " << dir.string() << " is not there");
        return;
    }
    int n = 0, y = 0, i = 0;
    for (const fs::path& f : JsonFiles(dir))
    {
        const std::string name = f.filename().string();
        CAPTURE(name);
        Dataset ds;
        LoadResult r = LoadDataset(ReadText(f), &ds);
        if (name.rfind("n_", 0) == 0)
        {
            n++;
            CHECK(!r.Ok);
            REQUIRE(!r.Problems.empty());
            CHECK_MESSAGE(r.Problems[0].Line > 0, Describe(name, r));
            CHECK(r.Problems[0].Column > 0);
        }
        else if (name.rfind("y_", 0) == 0)
        {
            y++;
            for (const Problem& p : r.Problems)
                CHECK_MESSAGE(p.Kind != ProblemKind_Syntax, Describe(name, r));
        }
        else
            i++;
    }
    MESSAGE("JSONTestSuite: " << n << " n_, " << y << " y_, " << i << " i_ files");
    CHECK(n > 150);
    CHECK(y > 90);
}

// A valid compact file with n observations: 40 entities x 20 metrics x 25 regions x quarters.
static std::string GenerateCompact(size_t n)
{
    std::string s = "{\"format\": \"landscape/1\", \"title\": \"generated\",\n\"regions\": [";
    char buf[256];
    for (int r = 0; r < 25; r++)
        s += std::string(r ? "," : "") + "{\"id\": \"r" + std::to_string(r) + "\", \"name\": \"Region " + std::to_string(r) + "\"}";
    s += "],\n\"entities\": [";
    for (int e = 0; e < 40; e++)
        s += std::string(e ? "," : "") + "{\"id\": \"e" + std::to_string(e) + "\", \"name\": \"Entity " + std::to_string(e) + "\"}";
    s += "],\n\"metrics\": [";
    for (int m = 0; m < 20; m++)
        s += std::string(m ? "," : "") + "{\"id\": \"m" + std::to_string(m) + "\", \"name\": \"M\", \"unit\": \"u\", \"aggregate\": \"sum\"}";
    s += "],\n\"sources\": [{\"id\": \"s\", \"title\": \"S\"}],\n";
    s += "\"observations\": {\"columns\": [\"entity\", \"metric\", \"region\", \"period\", \"value\", \"source\", \"confidence\"], \"rows\": [\n";
    size_t written = 0;
    const size_t periods = (n + 40 * 20 * 25 - 1) / (40 * 20 * 25);
    for (int e = 0; e < 40 && written < n; e++)
        for (int m = 0; m < 20 && written < n; m++)
            for (int r = 0; r < 25 && written < n; r++)
                for (size_t p = 0; p < periods && written < n; p++, written++)
                {
                    snprintf(buf, sizeof(buf), "%s[\"e%d\",\"m%d\",\"r%d\",\"%d-Q%d\",%zu.5,\"s\",\"%s\"]\n", written ? "," : "", e, m, r,
                             1990 + (int)(p / 4), (int)(p % 4) + 1, written % 9973, written % 3 ? "reported" : "estimate");
                    s += buf;
                }
    s += "]}}\n";
    return s;
}

TEST_CASE("a million generated observations load in at most 48 resident bytes each")
{
    const size_t n = 1000000;
    Dataset ds;
    LoadResult r = LoadDataset(GenerateCompact(n), &ds);
    REQUIRE_MESSAGE(r.Ok, Describe("generated", r));
    REQUIRE(ds.ObservationCount() == n);
    const double per_row = (double)ds.ResidentBytes() / (double)n;
    MESSAGE("resident bytes per observation at 1,000,000: " << per_row);
    CHECK(per_row <= 48.0);
    // The index is complete and queries see the data.
    CHECK(ds.Index.SortedRows.size() == n);
    int m = ds.FindMetric("m7"), e = ds.FindEntity("e39"), reg = ds.FindRegion("r24");
    RowSpan series = SeriesRows(ds, m, e, reg);
    CHECK(series.Size() == (n + 19999) / 20000);
    for (RowSpan::Iter it = series.Begin; it + 1 < series.End; it++)
        CHECK(ds.Observations.Periods[it[0]] < ds.Observations.Periods[it[1]]);
    CHECK(EntitiesWithData(ds, m).size() == 40);
}
