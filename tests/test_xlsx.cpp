// .xlsx in and out: written with libxlsxwriter and read back with the reader (minizip + expat),
// including what spreadsheets do to cells: dates, numbers in a period column, booleans.
#include "sheets_test_helpers.h"

#include "sheets_io.h"
#include "xlsx_read.h"
#include "xlsx_write.h"

#include <xlsxwriter.h>

#include <filesystem>
#include <unistd.h>

using namespace ls;
using namespace sheets_test;
namespace fs = std::filesystem;

namespace
{

struct TempDir
{
    fs::path Path;
    TempDir()
    {
        Path = fs::temp_directory_path() / ("landscape-xlsx-" + std::to_string(getpid()) + "-" + std::to_string(rand()));
        fs::create_directories(Path);
    }
    ~TempDir()
    {
        std::error_code ec;
        fs::remove_all(Path, ec);
    }
    std::string File(const char* name) const { return (Path / name).string(); }
};

Workbook ReadBack(const std::string& path)
{
    Workbook wb;
    wb.Path = path;
    std::string error;
    INFO(error);
    REQUIRE(ReadXlsx(path, &wb, &error));
    return wb;
}

// A workbook a researcher might have made by hand: dates typed into a General column, a year typed as a number.
void WriteHandMade(const std::string& path, bool shared_strings)
{
    lxw_workbook_options options = {};
    options.constant_memory = shared_strings ? LXW_FALSE : LXW_TRUE;
    lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
    REQUIRE(book);
    lxw_format* date = workbook_add_format(book);
    format_set_num_format(date, "yyyy-mm-dd");
    auto sheet = [&](const char* name, std::vector<std::vector<const char*>> rows) {
        lxw_worksheet* ws = workbook_add_worksheet(book, name);
        for (size_t r = 0; r < rows.size(); r++)
            for (size_t c = 0; c < rows[r].size(); c++)
                if (rows[r][c][0])
                    worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, rows[r][c], nullptr);
        return ws;
    };
    sheet("About", { { "field", "value" }, { "title", "Hand-made" } });
    lxw_worksheet* regions = sheet("regions", { { "id", "name", "world" }, { "world", "Worldwide", "" } });
    worksheet_write_boolean(regions, 1, 2, 1, nullptr);
    sheet("entities", { { "id", "name" }, { "kakaotalk", "KakaoTalk" } });
    sheet("metrics", { { "id", "name", "unit" }, { "mau", "MAU", "millions" } });
    // Row by row (constant-memory mode writes each row once).
    lxw_worksheet* obs = sheet("observations", { { "entity", "metric", "region", "period", "value" } });
    auto ids = [&](lxw_row_t r) {
        worksheet_write_string(obs, r, 0, "kakaotalk", nullptr);
        worksheet_write_string(obs, r, 1, "mau", nullptr);
        worksheet_write_string(obs, r, 2, "world", nullptr);
    };
    ids(1);
    worksheet_write_number(obs, 1, 3, 2023, nullptr); // typed 2023 in a General column: a number
    worksheet_write_number(obs, 1, 4, 47.5, nullptr);
    ids(2);
    lxw_datetime june30 = { 2023, 6, 30, 0, 0, 0 };
    worksheet_write_datetime(obs, 2, 3, &june30, date); // typed 2023-06-30: Excel made it a date
    worksheet_write_number(obs, 2, 4, 48, nullptr);
    ids(3);
    worksheet_write_string(obs, 3, 3, "2023-Q1", nullptr);
    worksheet_write_string(obs, 3, 4, "12,3", nullptr);
    REQUIRE(workbook_close(book) == LXW_NO_ERROR);
}

} // namespace

TEST_CASE("xlsx: export writes a workbook the reader reads back cell for cell, and import gives the same document")
{
    TempDir dir;
    for (const char* file : { "tests/data/minimal.json", "tests/data/other-field/music-streaming.json", "data/landscape.json" })
    {
        CAPTURE(file);
        const std::string json = ReadText(SourcePath(file));
        Workbook out;
        REQUIRE(ExportDocument(json, &out));
        std::string error;
        const std::string path = dir.File("book.xlsx");
        REQUIRE(WriteXlsx(out, path, &error));
        Workbook in = ReadBack(path);
        CHECK(in.Problems.empty());
        REQUIRE(in.Sheets.size() == out.Sheets.size());
        for (size_t s = 0; s < out.Sheets.size(); s++)
        {
            const SheetTable& a = out.Sheets[s];
            const SheetTable& b = in.Sheets[s];
            CHECK(b.Name == a.Name);
            CHECK(b.InWorkbook);
            REQUIRE(b.RowCount() == a.RowCount());
            for (size_t row = 0; row < a.RowCount(); row++)
                for (size_t c = 0; c < a.Width; c++)
                {
                    if (b.At(row, c) == a.At(row, c))
                        continue;
                    // A number cell may come back in its shortest form (202.0 -> 202): the same number.
                    CHECK(b.TypeAt(row, c) == CellType_Number);
                    CHECK(strtod(std::string(b.At(row, c)).c_str(), nullptr) == strtod(std::string(a.At(row, c)).c_str(), nullptr));
                }
        }
        Dataset ds;
        ImportResult r = ImportWorkbook(in, &ds);
        INFO(Describe(r));
        REQUIRE(r.Ok);
        CHECK(Canonical(r.Json) == Canonical(json));
    }
}

TEST_CASE("xlsx: the writer keeps text columns as text and numbers exact")
{
    TempDir dir;
    Workbook out;
    REQUIRE(ExportDocument(R"({"format": "landscape/1", "title": "t", "regions": [{"id": "w", "name": "W", "world": true}],
      "entities": [{"id": "e", "name": "E", "launched": 2004}], "metrics": [{"id": "m", "name": "M", "unit": "u"}],
      "observations": [{"entity": "e", "metric": "m", "region": "w", "period": "2023", "value": 0.30000000000000004},
                       {"entity": "e", "metric": "m", "region": "w", "period": "2024-06", "value": 1e-7}]})",
                           &out));
    const std::string path = dir.File("t.xlsx");
    std::string error;
    REQUIRE(WriteXlsx(out, path, &error));
    Workbook in = ReadBack(path);
    const SheetTable* obs = in.Find("observations");
    REQUIRE(obs);
    CHECK(obs->TypeAt(1, 3) == CellType_Text); // the period 2023 is text, not the number 2023
    CHECK(obs->At(1, 3) == "2023");
    CHECK(obs->At(2, 3) == "2024-06");
    CHECK(obs->TypeAt(2, 4) == CellType_Number);
    CHECK(strtod(std::string(obs->At(2, 4)).c_str(), nullptr) == 1e-7);
    // 17 significant digits do not fit %.16G: written as text, read back as the same number.
    CHECK(obs->TypeAt(1, 4) == CellType_Text);
    CHECK(strtod(std::string(obs->At(1, 4)).c_str(), nullptr) == 0.30000000000000004);
    CHECK(in.Find("regions")->TypeAt(1, in.Find("regions")->FindColumn("world")) == CellType_Bool);
    CHECK(in.Find("entities")->TypeAt(1, in.Find("entities")->FindColumn("launched")) == CellType_Number);
    Dataset ds;
    ImportResult r = ImportWorkbook(in, &ds);
    INFO(Describe(r));
    REQUIRE(r.Ok);
    CHECK(ds.Observations.Values[0] == 0.30000000000000004);
}

TEST_CASE("xlsx: a date cell and a number in a period column, from a hand-made workbook")
{
    for (bool shared : { true, false })
    {
        CAPTURE(shared);
        TempDir dir;
        const std::string path = dir.File("hand.xlsx");
        WriteHandMade(path, shared);
        Workbook wb = ReadBack(path);
        CHECK(wb.Problems.empty());
        CHECK(wb.Find("about")); // the tab "About" is the about sheet
        const SheetTable* obs = wb.Find("observations");
        REQUIRE(obs);
        CHECK(obs->TypeAt(1, 3) == CellType_Number);
        CHECK(obs->At(1, 3) == "2023");
        CHECK(obs->TypeAt(2, 3) == CellType_Date);
        CHECK(SerialToIsoDate(strtod(std::string(obs->At(2, 3)).c_str(), nullptr), wb.Date1904) == "2023-06-30");
        CHECK(wb.Find("regions")->At(1, 2) == "true");

        Dataset ds;
        ImportResult r = ImportWorkbook(wb, &ds);
        INFO(Describe(r));
        CHECK(!r.Ok);
        CHECK(HasLine(r, path + ":observations!D3: period: a date cell (2023-06-30) where a period is expected: the spreadsheet turned what was typed "
                              "into a date; format the column as text and type the period (2023, 2023-Q2, 2023-06 or 2023-06-30)"));
        CHECK(HasLine(r, path + ":observations!E4: value: not a number: \"12,3\" (numbers use \".\" as the decimal point and no thousands separator: "
                              "\"1.234\" is one point two three four)"));
        CHECK(r.ErrorCount == 2); // the number 2023 in D2 is the year 2023: no problem
    }
}

TEST_CASE("xlsx: number formats that show dates")
{
    CHECK(IsDateFormatCode("yyyy-mm-dd"));
    CHECK(IsDateFormatCode("mmm-yy"));
    CHECK(IsDateFormatCode("[$-409]d-mmm-yy;@"));
    CHECK(IsDateFormatCode("h:mm AM/PM"));
    CHECK(IsDateFormatCode("[h]:mm"));
    CHECK(!IsDateFormatCode("General"));
    CHECK(!IsDateFormatCode("0.00%"));
    CHECK(!IsDateFormatCode("#,##0.00"));
    CHECK(!IsDateFormatCode("[Red]#,##0"));
    CHECK(!IsDateFormatCode("\"days\" 0"));
    CHECK(!IsDateFormatCode("@"));
}

TEST_CASE("xlsx: a file that is not a workbook is refused with a reason")
{
    TempDir dir;
    std::string path = dir.File("not.xlsx");
    std::string error;
    REQUIRE(WriteFileText(path, "id,name\n", &error));
    Workbook wb;
    CHECK(!ReadXlsx(path, &wb, &error));
    CHECK(error == "cannot open as an .xlsx workbook (not a zip file, or missing)");
}
