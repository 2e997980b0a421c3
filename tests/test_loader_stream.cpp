// StreamLoader (loader.h): a file fed in pieces split anywhere loads exactly as in one piece: the
// same problems (line, column, pointer, message) and the same dataset. Every split position of
// small files (and every pair on the smallest), the malformed corpus and the JSONTestSuite files
// one byte at a time, a cut body, Failed() early, the rows kept before "columns".
#include "core/json_reader.h"
#include "test_loader_helpers.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;
using namespace std::string_literals; // "...\0..."s keeps its NUL bytes

namespace
{

// Everything a load gives, as text: the verdict, the counts, every problem, and the dataset.
std::string Dump(const LoadResult& r, const Dataset& ds)
{
    std::string s = (r.Ok ? "ok " : "refused ") + std::to_string(r.ErrorCount) + " errors " + std::to_string(r.WarningCount) + " warnings\n";
    for (const Problem& p : r.Problems)
        s += FormatProblem("f", p) + " [" + std::to_string((int)p.Kind) + "]\n";
    s += ds.Format + "|" + ds.Title + "|" + ds.Description + "|" + std::to_string(ds.Caveats.size()) + "\n";
    for (const std::string& c : ds.Caveats)
        s += "caveat " + c + "\n";
    for (const Region& x : ds.Regions)
        s += "region " + x.Id + " " + x.Name + "\n";
    for (const Entity& x : ds.Entities)
        s += "entity " + x.Id + " " + x.Name + " " + x.NativeName + " " + std::to_string(x.Parent) + "\n";
    for (const Metric& x : ds.Metrics)
        s += "metric " + x.Id + " " + x.Name + "\n";
    for (size_t row = 0; row < ds.ObservationCount(); row++)
    {
        char buf[160];
        const ObservationTable& o = ds.Observations;
        snprintf(buf, sizeof(buf), "obs %u %u %u %s %.17g %u %u %u %s\n", o.Entities[row], o.Metrics[row], o.Regions[row], FormatPeriod(o.Periods[row]).c_str(),
                 o.Values[row], o.Sources[row], o.Confidences[row], o.Qualifiers[row], std::string(ds.NotePool.Get(o.Notes[row])).c_str());
        s += buf;
    }
    return s;
}

std::string LoadWhole(std::string_view text)
{
    Dataset ds;
    LoadResult r = LoadDataset(text, &ds);
    return Dump(r, ds);
}

// Fed in the pieces that the cut positions make (sorted, within the text).
std::string LoadCut(std::string_view text, std::vector<size_t> cuts)
{
    StreamLoader loader;
    size_t at = 0;
    cuts.push_back(text.size());
    for (size_t cut : cuts)
    {
        loader.Feed(text.substr(at, cut - at));
        at = cut;
    }
    Dataset ds;
    LoadResult r = loader.Finish(&ds);
    return Dump(r, ds);
}

std::string LoadBytewise(std::string_view text)
{
    StreamLoader loader;
    for (size_t i = 0; i < text.size(); i++)
        loader.Feed(text.substr(i, 1));
    CHECK(loader.BytesFed() == text.size());
    Dataset ds;
    LoadResult r = loader.Finish(&ds);
    return Dump(r, ds);
}

const std::string kHead = "{\"format\": \"landscape/1\", \"title\": \"T\",\n"
                          " \"regions\": [{\"id\": \"world\", \"name\": \"World\"}],\n"
                          " \"metrics\": [{\"id\": \"rev\", \"name\": \"Revenue\", \"unit\": \"USD\", \"aggregate\": \"sum\"}],\n";

// Small files: escapes, surrogate pairs, CJK and Arabic text, exponents, a BOM, the compact form,
// and errors of every kind, several near the end.
std::vector<std::string> SmallFiles()
{
    return {
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"\\u00c9t\\u00e9 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\ud83d\\ude00 \xE4\xB8\xAD\xE6\x96\x87 \xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A \xF0\x9F\x98\x80\"}],\n"
                " \"observations\": [{\"entity\": \"a\", \"metric\": \"rev\", \"region\": \"world\", \"period\": \"2023\", \"value\": -1.25e+3},\n"
                "  {\"entity\": \"a\", \"metric\": \"rev\", \"region\": \"world\", \"period\": \"2024\", \"value\": 6.02E23, \"note\": \"\xE5\x8C\x97\xE4\xBA\xAC\"}]}\n",
        "\xEF\xBB\xBF" + kHead + " \"entities\": [{\"id\": \"b\", \"name\": \"B\"}], \"observations\": {\"columns\": [\"entity\", \"metric\", \"region\", \"period\", \"value\"],"
                                 " \"rows\": [[\"b\", \"rev\", \"world\", \"2023-Q1\", 0.5e-2], [\"b\", \"rev\", \"world\", \"2023-Q2\", 0]]}}",
        // "rows" before "columns": kept and read again
        kHead + " \"entities\": [{\"id\": \"b\", \"name\": \"\xD8\xA8\"}], \"observations\": {\"rows\": [[\"b\", \"rev\", \"world\", \"2023\", 1e2],\n"
                "   [\"b\", \"rev\", \"world\", \"2023\", 3]], \"columns\": [\"entity\", \"metric\", \"region\", \"period\", \"value\"]}}",
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"A\", \"colour\": \"#fff\"}], \"observations\": []}",
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"\xE4\xB8\xAD\\ud83d\"}]}",       // a broken surrogate pair
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"\xE4\xB8\xAD\xC0\x80\"}]}",       // an overlong UTF-8 form
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"x\\u12g4\"}]}",                   // a bad \u escape
        kHead + " \"entities\": [{\"id\": \"a\", \"value\": 1.5e+x}]}",                        // a bad number
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": tru}]}",                             // a misspelt literal
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"A\"} {\"id\": \"b\"}]}",          // a missing comma
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"A\", \"x\": 01}]}",               // a leading zero
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"A\"}], \"observations\": [{\"value\": 1e999}]}", // too large
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"A\"}], \"observations\": []} x",  // after the end
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"A\"}], \"observations\": [",      // cut
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"\xE4\xB8",                          // cut inside a UTF-8 sequence
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"A\\ud83d\\",                        // cut inside an escape
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"A   ",                              // cut, spaces at the end of a string
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"A\"}], \"x\": -  \n\n  ",           // cut after a minus, white space after
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"A\"}], \"x\": [1, 2\n  \n",         // cut in an array, lines after
        kHead + " \"entities\": [{\"id\": \"a\", \"name\": \"A\"}], \"x\": nul\x00l}"s,           // a NUL byte after an error
        "\xEF\xBB{\"format\": \"landscape/1\"}",                                              // a broken BOM
        "\xEF\xBB\xBF\xEF\xBB\xBF{\"format\": \"landscape/2\"}",                              // two BOMs
        "  \n <html><body>login</body></html>",
        "\xFF\xFE{\x00}\x00"s,
        " \n\t ",
        "[1, 2.5, -0, \"\xE6\x97\xA5\"]",
        "{\"format\" \"e" + std::string(120, '\\') + "\"}", // an unexpected string longer than what a piece keeps (found by the fuzzer)
        "{\"format\": \"landscape/1\", \"title\": \"" + std::string(70, 'a') + "\\n\"}",
    };
}

} // namespace

TEST_CASE("a file split at any position loads as in one piece: problems, places and data")
{
    const std::vector<std::string> files = SmallFiles();
    size_t splits = 0;
    for (size_t f = 0; f < files.size(); f++)
    {
        const std::string& text = files[f];
        CAPTURE(f);
        const std::string whole = LoadWhole(text);
        CAPTURE(whole);
        for (size_t cut = 0; cut <= text.size(); cut++, splits++)
        {
            CAPTURE(cut);
            REQUIRE(LoadCut(text, { cut }) == whole);
        }
        CHECK(LoadBytewise(text) == whole);
    }
    MESSAGE(files.size() << " files, " << splits << " single splits");
    // The files load as intended: the first three and the warning, the rest refused.
    CHECK(LoadWhole(files[0]).rfind("ok ", 0) == 0);
    CHECK(LoadWhole(files[1]).rfind("ok ", 0) == 0);
    CHECK(LoadWhole(files[2]).find("duplicate observation") != std::string::npos);
    CHECK(LoadWhole(files[3]).rfind("ok 0 errors 1 warnings", 0) == 0);
    for (size_t f = 4; f < 24; f++)
        CHECK_MESSAGE(LoadWhole(files[f]).rfind("refused ", 0) == 0, f);
}

TEST_CASE("every pair of split positions of a small file with escapes, UTF-8 and an error near the end")
{
    const std::vector<std::string> texts = {
        "{\"format\": \"landscape/1\", \"t\\u00e9\": [\"\xE4\xB8\xAD\\ud83d\\ude00\", -1.5e-3, true, null],\n \"title\": \"\xD8\xB9\" ,\"x\": 0.5e}",
        "\xEF\xBB\xBF{\"format\": \"landscape/1\", \"title\": \"a\\u00e9\xF0\x9F\x98\x80\"}\n",
    };
    size_t pairs = 0;
    for (const std::string& text : texts)
    {
        const std::string whole = LoadWhole(text);
        CAPTURE(whole);
        for (size_t a = 0; a <= text.size(); a++)
            for (size_t b = a; b <= text.size(); b++, pairs++)
            {
                CAPTURE(a);
                CAPTURE(b);
                REQUIRE(LoadCut(text, { a, b }) == whole);
            }
    }
    MESSAGE(pairs << " pairs of splits");
}

TEST_CASE("the malformed corpus and the warning files give the same problems one byte at a time")
{
    size_t files = 0;
    for (const char* folder : { "bad", "warn" })
    {
        const fs::path dir = fs::path(LANDSCAPE_SOURCE_DIR) / "tests" / "data" / folder;
        for (const fs::directory_entry& e : fs::directory_iterator(dir))
        {
            if (e.path().extension() != ".json")
                continue;
            CAPTURE(e.path().string());
            const std::string text = ReadText(e.path().string());
            CHECK(LoadBytewise(text) == LoadWhole(text));
            // And in pieces of 7, 64 and 4096 bytes.
            for (size_t piece : { 7, 64, 4096 })
            {
                std::vector<size_t> cuts;
                for (size_t at = piece; at < text.size(); at += piece)
                    cuts.push_back(at);
                CHECK(LoadCut(text, cuts) == LoadWhole(text));
            }
            files++;
        }
    }
    CHECK(files >= 40);
}

TEST_CASE("the JSONTestSuite parsing files give the same verdicts and problems one byte at a time")
{
    const fs::path dir = fs::path(LANDSCAPE_SHARED_DIR) / "jsontestsuite" / "test_parsing";
    if (!fs::is_directory(dir))
    {
        MESSAGE("skipped: " << dir.string() << " is not there");
        return;
    }
    size_t files = 0;
    for (const fs::directory_entry& e : fs::directory_iterator(dir))
    {
        if (e.path().extension() != ".json")
            continue;
        CAPTURE(e.path().filename().string());
        const std::string text = ReadText(e.path().string());
        if (text.size() > 20000)
            continue; // n_structure_100000_opening_arrays and the like: bytewise is slow, and its split positions are alike
        CHECK(LoadBytewise(text) == LoadWhole(text));
        files++;
    }
    MESSAGE(files << " JSONTestSuite files one byte at a time");
    CHECK(files > 250);
}

TEST_CASE("a cut body is refused and the previous dataset stays")
{
    const std::string text = ReadText(std::string(LANDSCAPE_SOURCE_DIR) + "/tests/data/minimal.json");
    Dataset ds;
    REQUIRE(LoadDataset(text, &ds).Ok);
    const size_t rows = ds.ObservationCount();
    REQUIRE(rows > 0);
    for (size_t cut : { text.size() / 3, text.size() / 2, text.size() - 3 })
    {
        StreamLoader loader;
        loader.Feed(std::string_view(text).substr(0, cut / 2));
        loader.Feed(std::string_view(text).substr(cut / 2, cut - cut / 2));
        CHECK(!loader.Failed());
        LoadResult r = loader.Finish(&ds);
        CHECK(!r.Ok);
        REQUIRE(!r.Problems.empty());
        CHECK(r.Problems[0].Message.find("truncated") != std::string::npos);
        CHECK(ds.ObservationCount() == rows);
        CHECK(!ds.Title.empty());
    }
}

TEST_CASE("Failed() turns true at a syntax error once the text its message quotes has come")
{
    std::string text = "{\"format\": \"landscape/1\", \"title\": tru, \"caveats\": [";
    for (int i = 0; i < 1000; i++)
        text += "\"c" + std::to_string(i) + "\", ";
    StreamLoader loader;
    size_t fed = 0;
    while (!loader.Failed() && fed < text.size())
    {
        loader.Feed(std::string_view(text).substr(fed, 5));
        fed += 5;
    }
    CHECK(loader.Failed());
    CHECK(fed < 200); // not the whole text
    Dataset ds;
    LoadResult r = loader.Finish(&ds);
    CHECK(Dump(r, ds) == LoadWhole(text));
    CHECK(r.Problems.at(0).Message.find("unexpected tru") != std::string::npos);

    // Valid so far, or only rule errors: keep reading (every problem is listed at the end).
    StreamLoader rules;
    rules.Feed("{\"format\": \"landscape/1\", \"title\": 12, ");
    CHECK(!rules.Failed());
    // A limit stops the load.
    StreamLoader deep;
    deep.Feed(std::string(100, '['));
    CHECK(deep.Failed());
}

TEST_CASE("a string longer than the limit is refused without being kept whole")
{
    // 200 KiB of escapes in pieces of 1000 bytes: refused with the size of the whole string.
    std::string text = "{\"format\": \"landscape/1\", \"title\": \"";
    for (int i = 0; i < 40000; i++)
        text += "ab\\n ";
    text += "\"}";
    const std::string whole = LoadWhole(text);
    CHECK(whole.find("a string of 160,000 bytes is longer than the limit of 65,536 bytes") != std::string::npos);
    std::vector<size_t> cuts;
    for (size_t at = 1000; at < text.size(); at += 1000)
        cuts.push_back(at);
    CHECK(LoadCut(text, cuts) == whole);
}

TEST_CASE("JsonReader keeps at most a string's limit when a string is split between pieces")
{
    struct Sink
    {
        size_t Longest = 0, LongBytes = 0;
        bool OnNull(size_t) { return true; }
        bool OnBool(bool, size_t) { return true; }
        bool OnNumber(double, size_t) { return true; }
        bool OnString(std::string_view s, size_t)
        {
            Longest = std::max(Longest, s.size());
            return true;
        }
        bool OnKey(std::string_view, size_t) { return true; }
        bool OnLongString(size_t bytes, bool, size_t)
        {
            LongBytes = bytes;
            return true;
        }
        bool OnBeginObject(size_t) { return true; }
        bool OnEndObject(size_t) { return true; }
        bool OnBeginArray(size_t) { return true; }
        bool OnEndArray(size_t) { return true; }
        void OnSyntaxError(const JsonError&) {}
    };
    Sink sink;
    JsonReader<Sink> reader(&sink);
    reader.SetMaxStringBytes(100);
    reader.Begin();
    const std::string piece(1000, 'x');
    reader.Feed("[\"", 2);
    for (int i = 0; i < 1000; i++)
        CHECK(reader.Feed(piece.data(), piece.size()) == JsonStatus_More);
    reader.Feed("\", \"short\"]", 11);
    CHECK(reader.Finish() == JsonStatus_Done);
    CHECK(sink.LongBytes == 1000000);
    CHECK(sink.Longest == 5);
}
