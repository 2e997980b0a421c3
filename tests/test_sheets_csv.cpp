// CSV as spreadsheets write it: RFC 4180 quoting, byte order marks, line ends, the European ';'.
#include "sheets_test_helpers.h"

using namespace ls;
using namespace sheets_test;

namespace
{

const SheetTable& ReadOne(Workbook* wb, const std::string& text, const char* name = "observations")
{
    const SheetSpec* spec = FindSheetSpec(name);
    ReadCsvSheet(text, std::string("sheets/") + name + ".csv", name, spec ? KnownColumnNames(*spec) : std::vector<std::string_view>(), wb);
    REQUIRE(!wb->Sheets.empty());
    return wb->Sheets.back();
}

std::string Problems(const Workbook& wb)
{
    std::string s;
    for (const SheetProblem& p : wb.Problems)
        s += FormatSheetProblem(p) + "\n";
    return s;
}

} // namespace

TEST_CASE("CSV: quoted cells hold the delimiter, doubled quotes and line breaks")
{
    Workbook wb;
    const SheetTable& t = ReadOne(&wb, "entity,note\r\nfacebook,\"Stated as \"\"more than 3 billion\"\", a lower bound\"\r\nmeta,\"two\nlines\"\r\n");
    CHECK(wb.Problems.empty());
    REQUIRE(t.RowCount() == 3);
    CHECK(t.Width == 2);
    CHECK(t.At(1, 1) == "Stated as \"more than 3 billion\", a lower bound");
    CHECK(t.At(2, 1) == "two\nlines");
    // A line break inside a cell does not start a row: the researcher's spreadsheet shows row 3.
    CHECK(t.RowNumbers == std::vector<uint32_t>{ 1, 2, 3 });
}

TEST_CASE("CSV: a byte order mark, LF, CRLF and a lone CR read the same")
{
    for (const char* text : { "\xEF\xBB\xBF" "entity,value\r\na,1\r\nb,2\r\n", "entity,value\na,1\nb,2", "entity,value\ra,1\rb,2\r" })
    {
        Workbook wb;
        const SheetTable& t = ReadOne(&wb, text);
        CHECK(wb.Problems.empty());
        REQUIRE(t.RowCount() == 3);
        CHECK(t.Header(0) == "entity"); // not "\xEF\xBB\xBF" "entity"
        CHECK(t.At(2, 0) == "b");
        CHECK(t.At(2, 1) == "2");
    }
}

TEST_CASE("CSV: blank rows are skipped but counted; short rows are padded; trailing empty header cells make no column")
{
    Workbook wb;
    const SheetTable& t = ReadOne(&wb, "entity,metric,value,,\n\na,m\n,,,,\nb,m,3\n");
    CHECK(wb.Problems.empty());
    CHECK(t.Width == 3);
    REQUIRE(t.RowCount() == 3);
    CHECK(t.RowNumbers == std::vector<uint32_t>{ 1, 3, 5 });
    CHECK(t.At(1, 2) == "");
    CHECK(t.At(2, 2) == "3");
}

TEST_CASE("CSV: a header that splits on ';' into known names is read with ';', with a note")
{
    Workbook wb;
    const SheetTable& t = ReadOne(&wb, "entity;metric;region;period;value\nfacebook;dau;world;2023;12.3\n");
    CHECK(wb.Problems.empty());
    REQUIRE(wb.Notes.size() == 1);
    CHECK(wb.Notes[0].find("sheets/observations.csv: note: read with \";\" as the delimiter") == 0);
    REQUIRE(t.Width == 5);
    CHECK(t.At(1, 4) == "12.3");

    SUBCASE("a ',' file whose notes hold ';' stays a ',' file")
    {
        Workbook wb2;
        const SheetTable& t2 = ReadOne(&wb2, "entity,value,note\nfacebook,1,a;b;c\n");
        CHECK(wb2.Notes.empty());
        CHECK(t2.Width == 3);
        CHECK(t2.At(1, 2) == "a;b;c");
    }
}

TEST_CASE("CSV: malformed files are located at their cell")
{
    SUBCASE("a quote never closed")
    {
        Workbook wb;
        ReadOne(&wb, "entity,note\nfacebook,\"open\nmeta,x\n");
        CHECK(Problems(wb) == "sheets/observations.csv:2:2: a quoted cell is never closed: the file ends inside it (a \" is missing)\n");
    }
    SUBCASE("text after a closing quote")
    {
        Workbook wb;
        ReadOne(&wb, "entity,note\nfacebook,\"a\"b\n");
        CHECK(Problems(wb) == "sheets/observations.csv:2:2: text after the closing quote of a quoted cell (a quote inside a cell is written \"\")\n");
    }
    SUBCASE("more cells than the header names")
    {
        Workbook wb;
        const SheetTable& t = ReadOne(&wb, "entity,value\nfacebook,12,3\nmeta,4,\n");
        CHECK(Problems(wb) ==
              "sheets/observations.csv:2:3: this row has a cell in column 3 but the header names 2 columns (a delimiter inside a cell that is not quoted?)\n");
        CHECK(t.RowCount() == 3); // the row is kept (its first cells may hold more problems); the empty extra cell of row 3 is fine
    }
    SUBCASE("not UTF-8 (Excel's plain CSV is Windows-1252)")
    {
        Workbook wb;
        ReadOne(&wb, "entity,name\nzdf,M\xFCnchen\n", "entities");
        CHECK(Problems(wb).find("sheets/entities.csv:2:2: the file is not UTF-8 text: save it as \"CSV UTF-8\"") == 0);
    }
    SUBCASE("not UTF-8 inside a quoted cell, and a valid multi-byte name before it")
    {
        Workbook wb;
        ReadOne(&wb, "entity,name\n小红书,ok\nzdf,\"M\xFCnchen, Bayern\"\n", "entities");
        CHECK(Problems(wb).find("sheets/entities.csv:3:2: the file is not UTF-8 text") == 0);
    }
    SUBCASE("an empty file")
    {
        Workbook wb;
        ReadOne(&wb, "\xEF\xBB\xBF\r\n");
        CHECK(Problems(wb) == "sheets/observations.csv: the file has no header row (it is empty)\n");
    }
}

TEST_CASE("CSV: writing quotes only what needs it, with a byte order mark and CRLF, and reads back the same cells")
{
    Workbook wb;
    const SheetTable& t = ReadOne(&wb, "entity,note\na,\"x, y\"\nb,\"say \"\"hi\"\"\"\nc,\" padded \"\nd,plain\ne,\"two\nlines\"\n");
    std::string csv = WriteCsv(t);
    CHECK(csv == "\xEF\xBB\xBF" "entity,note\r\na,\"x, y\"\r\nb,\"say \"\"hi\"\"\"\r\nc,\" padded \"\r\nd,plain\r\ne,\"two\nlines\"\r\n");
    Workbook again;
    const SheetTable& u = ReadOne(&again, csv);
    REQUIRE(u.RowCount() == t.RowCount());
    for (size_t r = 0; r < t.RowCount(); r++)
        for (size_t c = 0; c < t.Width; c++)
            CHECK(u.At(r, c) == t.At(r, c));
}

TEST_CASE("FindInvalidUtf8 finds the first byte that breaks UTF-8")
{
    CHECK(FindInvalidUtf8("plain ascii text that is long enough for the fast path") == std::string::npos);
    CHECK(FindInvalidUtf8("小红书 카카오톡 أنغامي") == std::string::npos);
    CHECK(FindInvalidUtf8("abcdefgh\xE9t\xE9") == 8);
    CHECK(FindInvalidUtf8("\xED\xA0\x80") == 0);   // a UTF-16 surrogate
    CHECK(FindInvalidUtf8("ab\xE5\xB0") == 2);     // cut short
    CHECK(FindInvalidUtf8("\xC0\xAF") == 0);       // overlong
}
