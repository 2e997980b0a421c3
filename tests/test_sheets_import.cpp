// Import: every cell rule, every malformed sheet with its located message, and the loader's
// problems located back at the cell the researcher typed.
#include "sheets_test_helpers.h"

#include <algorithm>

using namespace ls;
using namespace sheets_test;

namespace
{

// A small valid workbook; each test changes one file.
std::map<std::string, std::string> BaseFiles()
{
    return {
        { "about", "field,value\nformat,landscape/1\ntitle,Messaging apps\ncaveat,First caveat\ncaveat,\"Second, with a comma\"\n" },
        { "regions", "id,name,countries,world,note\nworld,Worldwide,,TRUE,\napac,Asia-Pacific,JP; KR;TW;,,\n" },
        { "entities", "id,name,native_name,parent,owner,hq_country,category,launched,color,note\nkakaotalk,KakaoTalk,카카오톡,,,KR,messaging,2010,#ffcd00,\n" },
        { "metrics", "id,name,unit,definition,aggregate,better,decimals\nmau,Monthly active users,millions,,sum,,1\n" },
        { "sources", "id,title,publisher,url,date,kind\nkakao-ir,Kakao IR,Kakao,,2024-04-09,company-reported\n" },
        { "observations", "entity,metric,region,period,value,source,confidence,note\n"
                          "kakaotalk,mau,world,2023-Q1,53.39,kakao-ir,,\n"
                          "kakaotalk,mau,apac,2023,48.5,,estimate,\"Stated as \"\"about\"\"\"\n" },
        { "events", "date,title,detail,entities,regions,source\n2023-06-01,Launch,,kakaotalk,apac;world,\n" },
    };
}

ImportResult Import(const std::map<std::string, std::string>& files, Dataset* ds = nullptr)
{
    std::vector<std::pair<std::string, std::string>> list(files.begin(), files.end());
    // The layout's order, as a folder is read.
    std::vector<std::pair<std::string, std::string>> ordered;
    for (const SheetSpec& s : SheetLayout())
        for (const auto& f : list)
            if (f.first == s.Name)
                ordered.push_back(f);
    for (const auto& f : list)
        if (!FindSheetSpec(f.first))
            ordered.push_back(f);
    Workbook wb = CsvWorkbook(ordered);
    Dataset scratch;
    return ImportWorkbook(wb, ds ? ds : &scratch);
}

bool HasLineStarting(const ImportResult& r, const std::string& prefix)
{
    for (const std::string& l : Lines(r))
        if (l.compare(0, prefix.size(), prefix) == 0)
            return true;
    return false;
}

} // namespace

TEST_CASE("import: a valid workbook loads, and each rule turns its cells into the field's value")
{
    Dataset ds;
    ImportResult r = Import(BaseFiles(), &ds);
    INFO(Describe(r));
    REQUIRE(r.Ok);
    CHECK(r.Problems.empty());
    CHECK(ds.Title == "Messaging apps");
    CHECK(ds.Caveats == std::vector<std::string>{ "First caveat", "Second, with a comma" });
    REQUIRE(ds.Regions.size() == 2);
    CHECK(ds.Regions[0].World);                                                  // TRUE, as spreadsheets write it
    CHECK(ds.Regions[1].Countries == std::vector<std::string>{ "JP", "KR", "TW" }); // ';'-separated, spaces and the empty last item dropped
    CHECK(ds.Entities[0].NativeName == "카카오톡");
    CHECK(ds.Entities[0].Launched == 2010);
    CHECK(ds.Metrics[0].Decimals == 1);
    CHECK(ds.Metrics[0].Summable);
    REQUIRE(ds.ObservationCount() == 2);
    CHECK(ds.Observations.Values[0] == 53.39);
    CHECK(FormatPeriod(ds.Observations.Periods[1]) == "2023");
    CHECK(ds.ObservationSource(1) == -1); // an empty cell is an absent field
    CHECK(ds.Observations.Confidences[1] == Confidence_Estimate);
    CHECK(ds.ObservationNote(1) == "Stated as \"about\"");
    REQUIRE(ds.Events.size() == 1);
    CHECK(ds.Events[0].Regions.size() == 2);
    // The document is compact and says what it is.
    Json j = Json::parse(r.Json);
    CHECK(j["format"] == "landscape/1");
    CHECK(j["observations"]["columns"].size() == 8);
}

TEST_CASE("import: numbers use '.' and no thousands separator; the cell is named, never guessed")
{
    auto files = BaseFiles();
    files["observations"] = "entity,metric,region,period,value\n"
                            "kakaotalk,mau,world,2023-Q1,\"12,3\"\n"
                            "kakaotalk,mau,world,2023-Q2,\"1,234\"\n"
                            "kakaotalk,mau,world,2023-Q3,1 234\n"
                            "kakaotalk,mau,world,2023-Q4,12%\n"
                            "kakaotalk,mau,world,2024-Q1,1.234\n"
                            "kakaotalk,mau,world,2024-Q2,n/a\n";
    ImportResult r = Import(files);
    INFO(Describe(r));
    CHECK(!r.Ok);
    CHECK(HasLine(r, "sheets/observations.csv:2:5: value: not a number: \"12,3\" (numbers use \".\" as the decimal point and no thousands separator: "
                     "\"1.234\" is one point two three four)"));
    CHECK(HasLineStarting(r, "sheets/observations.csv:3:5: value: not a number: \"1,234\" (numbers use \".\""));
    CHECK(HasLineStarting(r, "sheets/observations.csv:4:5: value: not a number: \"1 234\" (numbers use \".\""));
    CHECK(HasLine(r, "sheets/observations.csv:5:5: value: not a number: \"12%\" (write the number without the % sign; the metric's unit says \"%\")"));
    CHECK(HasLine(r, "sheets/observations.csv:7:5: value: not a number: \"n/a\" (write numbers as 12.3, -4, 0.25 or 1.2e6)"));
    // Five refused cells, five problems: the loader's "value is required" about the same cells is not repeated.
    CHECK(r.ErrorCount == 5);
    CHECK(!HasLineStarting(r, "sheets/observations.csv:6:"));
}

TEST_CASE("import: a whole number in a period column is that year; a date a spreadsheet made is refused with advice")
{
    auto files = BaseFiles();
    files["observations"] = "entity,metric,region,period,value\n"
                            "kakaotalk,mau,world,2023,1\n"
                            "kakaotalk,mau,world,6/30/2023,2\n"
                            "kakaotalk,mau,world,Jun-23,3\n"
                            "kakaotalk,mau,world,30.06.2023,4\n"
                            "kakaotalk,mau,world,2023-06-30 00:00:00,5\n"
                            "kakaotalk,mau,world,Q2 2023,6\n";
    files["sources"] = "id,title,date\nkakao-ir,Kakao IR,4/9/2024\n";
    ImportResult r = Import(files);
    INFO(Describe(r));
    CHECK(!r.Ok);
    CHECK(HasLine(r, "sheets/observations.csv:3:4: period: \"6/30/2023\" is a date as a spreadsheet shows it, not a period: format the column as text and "
                     "type the period (2023, 2023-Q2, 2023-06 or 2023-06-30)"));
    CHECK(HasLineStarting(r, "sheets/observations.csv:4:4: period: \"Jun-23\" is a date as a spreadsheet shows it"));
    CHECK(HasLineStarting(r, "sheets/observations.csv:5:4: period: \"30.06.2023\" is a date"));
    CHECK(HasLineStarting(r, "sheets/observations.csv:6:4: period: \"2023-06-30 00:00:00\" is a date"));
    CHECK(HasLineStarting(r, "sheets/sources.csv:2:3: date: \"4/9/2024\" is a date as a spreadsheet shows it, not a date: format the column as text"));
    // Not a date shape: the loader's own message, at the cell.
    CHECK(HasLineStarting(r, "sheets/observations.csv:7:4: period: period \"Q2 2023\" is not valid"));
    CHECK(!HasLineStarting(r, "sheets/observations.csv:2:"));
}

TEST_CASE("import: the loader's problems point back at the cell")
{
    auto files = BaseFiles();
    files["observations"] = "entity,metric,region,period,value\n"
                            "kakaotalk,mau,world,2023-Q1,1\n"
                            "kakaotalk,mau,apacx,2023-Q1,2\n"
                            "kakaotalk,mau,world,2023-Q1,3\n";
    files["regions"] = "id,name,countries\nworld,Worldwide,\n,Asia-Pacific,jp\n";
    files["entities"] = "id,name\nkakaotalk,KakaoTalk\nkakaotalk,Kakao again\n";
    ImportResult r = Import(files);
    INFO(Describe(r));
    CHECK(!r.Ok);
    CHECK(HasLine(r, "sheets/observations.csv:3:3: region: unknown region \"apacx\"")); // apac has no id here, so no "did you mean"
    CHECK(HasLine(r, "sheets/events.csv:2:5: regions: unknown region \"apac\""));
    CHECK(HasLine(r, "sheets/observations.csv:4: duplicate observation: entity \"kakaotalk\", metric \"mau\", region \"world\" and period "
                     "\"2023-Q1\" are already given at row 2"));
    CHECK(HasLine(r, "sheets/regions.csv:3:3: countries: country code \"jp\" must be upper case: \"JP\""));
    CHECK(HasLine(r, "sheets/regions.csv:3:1: id: missing required field \"id\""));
    CHECK(HasLine(r, "sheets/entities.csv:3:1: id: duplicate entity id \"kakaotalk\": row 2 already uses it"));
    // Errors come in sheet order, then row, then column.
    std::vector<std::string> lines = Lines(r);
    REQUIRE(lines.size() >= 4);
    CHECK(lines[0].find("sheets/regions.csv:3:1") == 0);
    CHECK(lines[1].find("sheets/regions.csv:3:3") == 0);
}

TEST_CASE("import: many problems at once, counted beyond the limit")
{
    auto files = BaseFiles();
    std::string obs = "entity,metric,region,period,value\n";
    for (int i = 0; i < 250; i++)
        obs += "kakaotalk,mau,world," + std::to_string(1950 + i / 4) + "-Q" + std::to_string(i % 4 + 1) + ",\"" + std::to_string(i) + ",5\"\n";
    files["observations"] = obs;
    ImportResult r = Import(files);
    CHECK(r.ErrorCount == 250);
    REQUIRE(r.Problems.size() == 101);
    CHECK(FormatSheetProblem(r.Problems[0]).find("sheets/observations.csv:2:5: value: not a number: \"0,5\"") == 0);
    CHECK(FormatSheetProblem(r.Problems[100]) == "sheets: 150 more problems not shown (150 errors, 0 warnings)");
}

TEST_CASE("import: the sheets' own shape")
{
    SUBCASE("a required sheet missing")
    {
        auto files = BaseFiles();
        files.erase("metrics");
        ImportResult r = Import(files);
        CHECK(!r.Ok);
        CHECK(!r.Loaded);
        CHECK(HasLine(r, "sheets: no \"metrics\" sheet: a landscape file needs one (metrics.csv in a folder, a sheet named metrics in a workbook)"));
    }
    SUBCASE("a required column missing")
    {
        auto files = BaseFiles();
        files["observations"] = "entity,metric,region,when,value\nkakaotalk,mau,world,2023,1\n";
        ImportResult r = Import(files);
        CHECK(!r.Loaded);
        CHECK(HasLineStarting(r, "sheets/observations.csv:1: missing column period in the header row (its columns may be: entity, metric, region, period, value,"));
        CHECK(HasLine(r, "sheets/observations.csv:1:4: warning: when: unknown column \"when\" is ignored"));
    }
    SUBCASE("a column named twice")
    {
        auto files = BaseFiles();
        files["regions"] = "id,name,name\nworld,Worldwide,World\n";
        ImportResult r = Import(files);
        CHECK(HasLine(r, "sheets/regions.csv:1:3: name: the column \"name\" appears twice (also column 2); keep one"));
    }
    SUBCASE("a column without a name that holds values")
    {
        auto files = BaseFiles();
        files["regions"] = "id,,name\nworld,x,Worldwide\n";
        ImportResult r = Import(files);
        CHECK(HasLine(r, "sheets/regions.csv:1:2: this column has no name in the header row but holds values (row 2)"));
    }
    SUBCASE("unknown columns and sheets are warnings, with the name meant")
    {
        auto files = BaseFiles();
        files["entities"] = "id,name,colour\nkakaotalk,KakaoTalk,#ffcd00\n";
        files["notes"] = "a,b\n1,2\n";
        ImportResult r = Import(files);
        INFO(Describe(r));
        CHECK(r.Ok);
        CHECK(HasLine(r, "sheets/entities.csv:1:3: warning: colour: unknown column \"colour\" is ignored (did you mean \"color\"?)"));
        CHECK(HasLineStarting(r, "sheets/notes.csv: warning: a sheet named \"notes\" is not part of the layout (about, regions, entities, metrics, sources,"));
    }
    SUBCASE("about: a field twice, an unknown field, no format row")
    {
        auto files = BaseFiles();
        files["about"] = "field,value\ntitle,One\ntitel,x\ntitle,Two\n";
        ImportResult r = Import(files);
        INFO(Describe(r));
        CHECK(HasLine(r, "sheets/about.csv:4:1: field: \"title\" appears twice (also row 2); keep one"));
        CHECK(HasLine(r, "sheets/about.csv:3:1: warning: field: unknown field \"titel\" is ignored (did you mean \"title\"?)"));
        CHECK(!HasLineStarting(r, "sheets/about.csv:1")); // no format row: the layout is landscape/1
        CHECK(Json::parse(r.Json)["format"] == "landscape/1");
    }
    SUBCASE("true/false cells")
    {
        auto files = BaseFiles();
        files["regions"] = "id,name,world\nworld,Worldwide,yes\napac,Asia-Pacific,false\n";
        ImportResult r = Import(files);
        CHECK(HasLine(r, "sheets/regions.csv:2:3: world: not true or false: \"yes\""));
    }
}

TEST_CASE("import: the map from the document back to the sheets")
{
    std::vector<std::pair<std::string, std::string>> list;
    for (const auto& f : BaseFiles())
        list.push_back(f);
    Workbook wb = CsvWorkbook(list);
    Dataset ds;
    ImportResult r = ImportWorkbook(wb, &ds);
    REQUIRE(r.Ok);
    SheetProblem p;
    REQUIRE(r.Map.Locate(wb, "/observations/rows/1/4", &p));
    CHECK(FormatSheetProblem(p) == "sheets/observations.csv:3:5: value: ");
    REQUIRE(r.Map.LocateRecord(wb, "regions", 1, "countries", &p));
    CHECK(FormatSheetProblem(p) == "sheets/regions.csv:3:3: countries: ");
    REQUIRE(r.Map.Locate(wb, "/caveats/1", &p));
    CHECK(FormatSheetProblem(p) == "sheets/about.csv:5:2: caveats: ");
    REQUIRE(r.Map.Locate(wb, "/title", &p));
    CHECK(p.Row == 3);
    REQUIRE(r.Map.Locate(wb, "/observations/1", &p));
    CHECK(p.Row == 3); // the object form's pointer too (lint names rows that way)
}

TEST_CASE("import: what a workbook's cells are (numbers, dates, booleans, formula errors), at their cells")
{
    // A workbook's observations sheet built as the .xlsx reader builds it: each cell with its type.
    std::vector<std::pair<std::string, std::string>> list;
    for (const auto& f : BaseFiles())
        if (f.first != "observations")
            list.push_back(f);
    Workbook wb = CsvWorkbook(list);
    SheetTable obs;
    obs.Name = "observations";
    obs.File = "book.xlsx";
    obs.InWorkbook = true;
    auto row = [&](uint32_t number, std::vector<std::pair<std::string, CellType>> cells) {
        std::vector<SheetTable::Span> spans;
        std::vector<uint8_t> types;
        for (const auto& c : cells)
            spans.push_back(obs.Own(c.first)), types.push_back((uint8_t)c.second);
        obs.AddRow(number, spans.data(), number == 1 ? nullptr : types.data(), spans.size());
    };
    const CellType T = CellType_Text, N = CellType_Number;
    row(1, { { "entity", T }, { "metric", T }, { "region", T }, { "period", T }, { "value", T } });
    row(2, { { "kakaotalk", T }, { "mau", T }, { "world", T }, { "2023", N }, { "47.5", N } });             // a year typed as a number: fine
    row(3, { { "kakaotalk", T }, { "mau", T }, { "world", T }, { "45107", N }, { "1", N } });              // a date's day number, unformatted
    row(4, { { "kakaotalk", T }, { "mau", T }, { "world", T }, { "2024-Q1", T }, { "#DIV/0!", CellType_Error } });
    row(5, { { "kakaotalk", T }, { "mau", T }, { "world", T }, { "2024-Q2", T }, { "true", CellType_Bool } });
    row(6, { { "kakaotalk", T }, { "mau", T }, { "45108", CellType_Date }, { "2024-Q3", T }, { "2", N } }); // a date where an id is expected
    wb.Sheets.push_back(std::move(obs));
    Dataset ds;
    ImportResult r = ImportWorkbook(wb, &ds);
    INFO(Describe(r));
    CHECK(!r.Ok);
    CHECK(HasLine(r, "book.xlsx:observations!D3: period: a number (45107) where a period is expected: it looks like a spreadsheet's day number for "
                     "2023-06-30; format the column as text and type the period (2023, 2023-Q2, 2023-06 or 2023-06-30)"));
    CHECK(HasLine(r, "book.xlsx:observations!E4: value: a formula error (#DIV/0!) where a value is expected"));
    CHECK(HasLine(r, "book.xlsx:observations!E5: value: not a number: true"));
    CHECK(HasLineStarting(r, "book.xlsx:observations!C6: region: a date cell (2023-07-01) where text is expected: the spreadsheet turned what was typed into a date"));
    CHECK(r.ErrorCount == 4); // row 2's number 2023 is the year 2023
}
