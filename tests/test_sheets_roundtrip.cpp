// Export then import gives the same document: on the real data, the other field's file and a
// generated one that uses every field and the awkward texts (commas, quotes, line breaks, ';',
// other scripts). And the layout follows the loader's field tables, whatever fields they hold.
#include "sheets_test_helpers.h"

#include "core/dataset.h"

#include <cmath>

using namespace ls;
using namespace sheets_test;

namespace
{

bool LayoutHas(const char* sheet, const char* column)
{
    const SheetSpec* s = FindSheetSpec(sheet);
    if (!s)
        return false;
    for (const SheetColumn& c : s->Columns)
        if (c.Name == column)
            return true;
    return false;
}

// A document that uses every field the layout has today, with texts that CSV must quote.
std::string GeneratedDocument(int observations)
{
    Json doc = {
        { "$schema", "../data/schema.json" },
        { "format", "landscape/1" },
        { "title", "Generated: \"quotes\", commas; semicolons\nand a line break" },
        { "edition", "Edition 2" },
        { "publisher", "Test, Inc." },
        { "license", "CC BY 4.0" },
        { "description", "  leading and trailing spaces  " },
        { "published", "2024-02-29" },
        { "caveats", { "one", "two, with a comma", "three \"quoted\"" } },
    };
    doc["regions"] = Json::array({
        { { "id", "world" }, { "name", "Worldwide" }, { "world", true }, { "note", "every country" } },
        { { "id", "east-asia" }, { "name", "東アジア" }, { "countries", { "JP", "KR", "TW" } } },
        { { "id", "label-only" }, { "name", "International, ex-US" } },
    });
    doc["entities"] = Json::array({
        { { "id", "alpha" }, { "name", "Alpha" }, { "native_name", "알파" }, { "owner", "Alpha Group; Ltd" }, { "hq_country", "KR" },
          { "category", "messaging" }, { "launched", 2010 }, { "color", "#FFCD00" }, { "note", "a note" } },
        { { "id", "beta" }, { "name", "Beta" }, { "parent", "alpha" } },
        { { "id", "gamma" }, { "name", "غاما" }, { "hq_country", "AE" } },
    });
    Json metric = { { "id", "mau" }, { "name", "MAU" }, { "unit", "millions" }, { "definition", "monthly, \"active\"" }, { "aggregate", "sum" },
                    { "better", "higher" }, { "decimals", 2 } };
    if (LayoutHas("metrics", "period_kind"))
        metric["period_kind"] = "level";
    if (LayoutHas("metrics", "sum_across_entities"))
        metric["sum_across_entities"] = false;
    if (LayoutHas("metrics", "as_of_limit.quarter"))
        metric["as_of_limit"] = { { "quarter", 2 }, { "day", 30 } };
    doc["metrics"] = Json::array({ metric, { { "id", "rank" }, { "name", "Rank" }, { "unit", "" }, { "better", "lower" }, { "decimals", 0 } } });
    Json source = { { "id", "s1" }, { "title", "Source, one" }, { "publisher", "Pub" }, { "url", "https://example.org/a?b=1,2" }, { "date", "2023-12-31" },
                    { "kind", "company-reported" } };
    if (LayoutHas("sources", "relay_of"))
        source["relay_of"] = "Alpha Q3 2023 earnings slides";
    if (LayoutHas("sources", "checked"))
        source["checked"] = true;
    if (LayoutHas("sources", "attribution"))
        source["attribution"] = "Figures © Pub";
    doc["sources"] = Json::array({ source, { { "id", "s2" }, { "title", "Two" }, { "kind", "other" } } });
    Json obs = Json::array();
    const char* entities[] = { "alpha", "beta", "gamma" };
    const char* regions[] = { "world", "east-asia", "label-only" };
    const char* confidences[] = { "reported", "estimate", "forecast" };
    const char* notes[] = { "", "plain", "with, comma", "with \"quotes\"", "two\nlines", "a;b", " spaced ", "小红书" };
    int written = 0;
    for (int e = 0; e < 3 && written < observations; e++)
        for (int r = 0; r < 3 && written < observations; r++)
            for (int p = 0; written < observations && p < 340; p++)
            {
                Json o = { { "entity", entities[e] }, { "metric", p % 7 == 0 ? "rank" : "mau" }, { "region", regions[r] } };
                int year = 1950 + p / 4;
                o["period"] = p % 9 == 0 ? std::to_string(year) + "-" + (p % 2 ? "06" : "11") : std::to_string(year) + "-Q" + std::to_string(p % 4 + 1);
                // Values a double must carry exactly: fractions, exponents, negatives, integers.
                double value = (p % 5 == 0) ? -(double)p : (p % 5 == 1) ? p * 0.1 : (p % 5 == 2) ? 1e-7 * p : (p % 5 == 3) ? 1.0 / 3.0 + p : 123456789.125;
                o["value"] = value;
                if (p % 2)
                    o["source"] = p % 4 == 1 ? "s1" : "s2";
                if (p % 3)
                    o["confidence"] = confidences[p % 3];
                if (notes[p % 8][0])
                    o["note"] = notes[p % 8];
                if (LayoutHas("observations", "bound") && p % 11 == 0)
                    o["bound"] = p % 2 ? "upper" : "lower";
                if (LayoutHas("observations", "certainty") && p % 13 == 0)
                    o["certainty"] = "medium";
                obs.push_back(o);
                written++;
            }
    doc["observations"] = obs;
    doc["events"] = Json::array({
        { { "date", "2023-06-01" }, { "title", "Launch, again" }, { "detail", "d" }, { "entities", { "alpha", "beta" } }, { "regions", { "east-asia" } },
          { "source", "s1" } },
        { { "date", "2024-01-15" }, { "title", "Second" } },
    });
    return doc.dump(1);
}

void CheckRoundTrip(const std::string& json)
{
    Dataset original;
    LoadResult loaded = LoadDataset(json, &original);
    REQUIRE(loaded.Ok);
    Workbook wb = CsvWorkbook(ExportCsv(json));
    CHECK(wb.Problems.empty());
    Dataset again;
    ImportResult r = ImportWorkbook(wb, &again);
    INFO(Describe(r));
    REQUIRE(r.Ok);
    CHECK(r.Problems.empty());
    CHECK(Canonical(r.Json) == Canonical(json));
    // And the datasets the widget would draw.
    REQUIRE(again.ObservationCount() == original.ObservationCount());
    for (size_t row = 0; row < original.ObservationCount(); row++)
    {
        if (again.Observations.Values[row] != original.Observations.Values[row] || again.Observations.Periods[row] != original.Observations.Periods[row] ||
            again.ObservationNote((uint32_t)row) != original.ObservationNote((uint32_t)row))
        {
            FAIL("observation " << row << " differs after the round trip");
            break;
        }
    }
}

} // namespace

TEST_CASE("round trip: import(export(x)) == x for the real data")
{
    CheckRoundTrip(ReadText(SourcePath("data/landscape.json")));
}

TEST_CASE("round trip: the other field's file (Arabic, Hindi, Japanese, Korean names)")
{
    CheckRoundTrip(ReadText(SourcePath("tests/data/other-field/music-streaming.json")));
}

TEST_CASE("round trip: a generated file with every field and awkward texts")
{
    std::string json = GeneratedDocument(3000);
    CheckRoundTrip(json);
    SUBCASE("and in the compact form, rows before columns")
    {
        Json j = Json::parse(json);
        Json table = { { "rows", Json::array() }, { "columns", { "note", "value", "period", "region", "metric", "entity" } } };
        for (const Json& o : j["observations"])
            table["rows"].push_back({ o.value("note", Json()), o["value"], o["period"], o["region"], o["metric"], o["entity"] });
        j["observations"] = table;
        std::string compact = j.dump();
        Workbook wb = CsvWorkbook(ExportCsv(compact));
        Dataset ds;
        ImportResult r = ImportWorkbook(wb, &ds);
        INFO(Describe(r));
        REQUIRE(r.Ok);
        CHECK(Canonical(r.Json) == Canonical(compact));
    }
}

TEST_CASE("the layout has a column for every field of FormatFields(), so a new field is a column without a change to the sheets code")
{
    const std::vector<FormatObjectFields> kinds = FormatFields();
    REQUIRE(!kinds.empty());
    CHECK(kinds[0].Noun == "file");
    const SheetSpec* about = FindSheetSpec("about");
    REQUIRE(about);
    for (const FormatObjectFields& kind : kinds)
    {
        if (kind.Noun == "compact table")
            continue; // the observations' other form: the sheet is the same
        for (const FormatField& field : kind.Fields)
        {
            CAPTURE(kind.Noun);
            CAPTURE(field.Name);
            bool found = false;
            if (kind.Noun == "file")
            {
                // A top-level field is a row of "about", or a sheet of its own.
                found = FindSheetSpec(field.Name) != nullptr;
                for (const SheetColumn& c : about->Columns)
                    found = found || c.Field == field.Name;
            }
            else
            {
                // A field of a record kind is a column of some sheet; a member of an object field is "field.member".
                for (const SheetSpec& sheet : SheetLayout())
                    for (const SheetColumn& c : sheet.Columns)
                        found = found || c.Field == field.Name || c.Member == field.Name;
            }
            CHECK(found);
            // Enum words are exported and imported as written: a column for an enum is a word column.
            if (!field.Words.empty())
                for (const SheetSpec& sheet : SheetLayout())
                    for (const SheetColumn& c : sheet.Columns)
                        if (c.Field == field.Name && c.Member.empty() && sheet.Shape != SheetShape::About)
                            CHECK(c.Rule == CellRule::Word);
        }
    }
    // Every required field is a required column (the import says which column is missing).
    for (const SheetSpec& sheet : SheetLayout())
        for (const SheetColumn& c : sheet.Columns)
            if (sheet.Shape == SheetShape::Observations)
                for (const FormatObjectFields& kind : kinds)
                    if (kind.Noun == "observation")
                        for (const FormatField& f : kind.Fields)
                            if (f.Name == c.Field)
                                CHECK(f.Required == c.Required);
}

TEST_CASE("export writes every column of the layout, even for fields the document does not use")
{
    Workbook wb;
    REQUIRE(ExportDocument(ReadText(SourcePath("tests/data/minimal.json")), &wb));
    for (const SheetSpec& spec : SheetLayout())
    {
        const SheetTable* t = wb.Find(spec.Name);
        REQUIRE(t);
        CHECK(t->Width == KnownColumnNames(spec).size());
    }
    const SheetTable* about = wb.Find("about");
    CHECK(about->At(1, 0) == "format");
    CHECK(about->At(1, 1) == "landscape/1");
}
