// Shared by the sheet tests (test_sheets_*.cpp, test_lint.cpp, test_diff.cpp): workbooks from CSV
// texts, the export -> CSV -> import round trip, and a canonical form of a document to compare.
#pragma once

#include "core/loader.h"
#include "core/sheets_csv.h"
#include "core/sheets_model.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace sheets_test
{

using Json = nlohmann::json;

inline std::string ReadText(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

inline std::string SourcePath(const std::string& relative) { return std::string(LANDSCAPE_SOURCE_DIR) + "/" + relative; }

// A workbook of CSV texts, as the CLI reads a folder "sheets/".
inline ls::Workbook CsvWorkbook(const std::vector<std::pair<std::string, std::string>>& files)
{
    ls::Workbook wb;
    wb.Path = "sheets";
    for (const auto& f : files)
    {
        const ls::SheetSpec* spec = ls::FindSheetSpec(f.first);
        std::vector<std::string_view> known = spec ? ls::KnownColumnNames(*spec) : std::vector<std::string_view>();
        ls::ReadCsvSheet(f.second, "sheets/" + f.first + ".csv", f.first, known, &wb);
    }
    return wb;
}

// The document exported to CSV texts (what `landscape-data export FILE sheets/` writes).
inline std::vector<std::pair<std::string, std::string>> ExportCsv(const std::string& json)
{
    ls::Workbook wb;
    REQUIRE(ls::ExportDocument(json, &wb));
    std::vector<std::pair<std::string, std::string>> files;
    for (const ls::SheetTable& t : wb.Sheets)
        files.emplace_back(t.Name, ls::WriteCsv(t));
    return files;
}

inline std::string Describe(const ls::ImportResult& r)
{
    std::string s = r.Ok ? "imported" : "refused";
    for (const ls::SheetProblem& p : r.Problems)
        s += "\n  " + ls::FormatSheetProblem(p);
    return s;
}

inline std::vector<std::string> Lines(const ls::ImportResult& r)
{
    std::vector<std::string> lines;
    for (const ls::SheetProblem& p : r.Problems)
        lines.push_back(ls::FormatSheetProblem(p));
    return lines;
}

inline bool HasLine(const ls::ImportResult& r, const std::string& line)
{
    for (const std::string& l : Lines(r))
        if (l == line)
            return true;
    return false;
}

// A document in one form whatever its text: observations as objects, no nulls, no empty arrays
// (an absent list and an empty one load the same), every number a double.
inline void Canonicalise(Json& j)
{
    if (j.is_object())
    {
        for (auto it = j.begin(); it != j.end();)
        {
            Canonicalise(it.value());
            if (it.value().is_null() || (it.value().is_array() && it.value().empty() && it.key() != "observations"))
                it = j.erase(it);
            else
                ++it;
        }
    }
    else if (j.is_array())
        for (Json& item : j)
            Canonicalise(item);
    else if (j.is_number())
        j = j.get<double>();
}

inline Json Canonical(const std::string& text)
{
    Json j = Json::parse(text, nullptr, false);
    REQUIRE(j.is_object());
    if (j.contains("observations") && j["observations"].is_object())
    {
        Json table = j["observations"];
        Json objects = Json::array();
        for (const Json& row : table["rows"])
        {
            Json o = Json::object();
            for (size_t c = 0; c < table["columns"].size() && c < row.size(); c++)
                o[table["columns"][c].get<std::string>()] = row[c];
            objects.push_back(o);
        }
        j["observations"] = objects;
    }
    Canonicalise(j);
    return j;
}

} // namespace sheets_test
