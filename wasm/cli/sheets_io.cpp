#include "sheets_io.h"

#include "core/sheets_csv.h"
#include "core/sheets_model.h"
#include "xlsx_read.h"
#include "xlsx_write.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace ls
{

namespace
{

std::string Lower(std::string s)
{
    for (char& c : s)
        c = (char)tolower((unsigned char)c);
    return s;
}

std::string Joined(const std::string& folder, const std::string& name)
{
    if (folder.empty() || folder.back() == '/')
        return folder + name;
    return folder + "/" + name;
}

} // namespace

bool IsWorkbookPath(const std::string& path)
{
    return path.size() >= 5 && Lower(path.substr(path.size() - 5)) == ".xlsx";
}

bool ReadFileText(const std::string& path, std::string* out, std::string* error)
{
    FILE* f = fopen(path.c_str(), "rb");
    if (!f)
    {
        *error = strerror(errno);
        return false;
    }
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        out->append(buf, n);
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed)
        *error = strerror(EIO);
    return !failed;
}

bool WriteFileText(const std::string& path, const std::string& text, std::string* error)
{
    const std::string temporary = path + ".tmp";
    FILE* f = fopen(temporary.c_str(), "wb");
    if (!f)
    {
        *error = "cannot write " + path + ": " + strerror(errno);
        return false;
    }
    bool ok = fwrite(text.data(), 1, text.size(), f) == text.size();
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(temporary.c_str(), path.c_str()) != 0)
    {
        *error = "cannot write " + path + ": " + strerror(errno);
        remove(temporary.c_str());
        return false;
    }
    return true;
}

bool ReadSheets(const std::string& path, Workbook* wb, std::string* error)
{
    wb->Path = path;
    if (IsWorkbookPath(path))
        return ReadXlsx(path, wb, error);
    std::error_code ec;
    if (!fs::is_directory(path, ec))
    {
        *error = fs::exists(path, ec) ? "not a folder of CSV files or an .xlsx workbook" : "no such folder or workbook";
        return false;
    }
    std::vector<fs::path> csv;
    for (const fs::directory_entry& e : fs::directory_iterator(path, ec))
        if (e.is_regular_file(ec) && Lower(e.path().extension().string()) == ".csv")
            csv.push_back(e.path());
    std::sort(csv.begin(), csv.end());
    std::vector<bool> used(csv.size(), false);
    auto read = [&](size_t i, const std::string& sheet) {
        used[i] = true;
        std::string text, why;
        const std::string file = Joined(path, csv[i].filename().string());
        if (!ReadFileText(csv[i].string(), &text, &why))
        {
            SheetProblem p;
            p.File = file;
            p.Message = "cannot read: " + why;
            wb->Problems.push_back(std::move(p));
            return;
        }
        const SheetSpec* spec = FindSheetSpec(sheet);
        ReadCsvSheet(std::move(text), file, sheet, spec ? KnownColumnNames(*spec) : std::vector<std::string_view>(), wb);
    };
    // The layout's sheets first, in its order; then the folder's other CSV files.
    for (const SheetSpec& spec : SheetLayout())
        for (size_t i = 0; i < csv.size(); i++)
            if (!used[i] && Lower(csv[i].stem().string()) == spec.Name)
            {
                read(i, spec.Name);
                break;
            }
    for (size_t i = 0; i < csv.size(); i++)
        if (!used[i])
            read(i, csv[i].stem().string());
    return true;
}

bool WriteSheets(Workbook* wb, const std::string& path, std::string* written, std::string* error)
{
    if (IsWorkbookPath(path))
    {
        for (SheetTable& t : wb->Sheets)
            t.File = path, t.InWorkbook = true;
        if (!WriteXlsx(*wb, path, error))
            return false;
        *written = std::to_string(wb->Sheets.size()) + " sheets";
        return true;
    }
    std::error_code ec;
    fs::create_directories(path, ec);
    if (!fs::is_directory(path, ec))
    {
        *error = "cannot create the folder " + path;
        return false;
    }
    for (SheetTable& t : wb->Sheets)
    {
        t.File = Joined(path, t.Name + ".csv");
        if (!WriteFileText(t.File, WriteCsv(t), error))
            return false;
    }
    *written = std::to_string(wb->Sheets.size()) + " CSV files";
    return true;
}

} // namespace ls
