#include "xlsx_write.h"

#include "core/sheets_model.h"

#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace ls
{

namespace
{

const SheetColumn* ColumnSpec(const SheetSpec* spec, std::string_view name)
{
    if (!spec)
        return nullptr;
    for (const SheetColumn& c : spec->Columns)
        if (c.Name == name)
            return &c;
    return nullptr;
}

// libxlsxwriter writes a number with 16 significant digits ("%.16G"): fine for every figure a
// person typed, not for every double. Those few go in as text, which reads back exactly.
bool KeepsExactly(const std::string& text, double* out)
{
    if (!IsSheetNumber(text))
        return false;
    const double x = strtod(text.c_str(), nullptr);
    char buf[64];
    snprintf(buf, sizeof(buf), "%.16G", x);
    *out = x;
    return strtod(buf, nullptr) == x;
}

bool Wide(std::string_view name)
{
    for (const char* w : { "note", "definition", "description", "detail", "title", "name", "value", "url", "caveat", "relay_of", "attribution" })
        if (name == w)
            return true;
    return false;
}

} // namespace

bool WriteXlsx(const Workbook& wb, const std::string& path, std::string* error)
{
    for (const SheetTable& t : wb.Sheets)
        if (t.RowCount() > kXlsxMaxRows)
        {
            *error = "the " + t.Name + " sheet has " + std::to_string(t.RowCount() - 1) + " rows: an .xlsx sheet holds at most " +
                     std::to_string(kXlsxMaxRows - 1) + " below its header; export to a folder of CSV files instead";
            return false;
        }
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    options.use_zip64 = LXW_TRUE;
    lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
    if (!book)
    {
        *error = "cannot create " + path;
        return false;
    }
    lxw_format* header = workbook_add_format(book);
    format_set_bold(header);
    lxw_format* text = workbook_add_format(book);
    format_set_num_format(text, "@");

    std::string cell;
    for (const SheetTable& t : wb.Sheets)
    {
        lxw_worksheet* sheet = workbook_add_worksheet(book, t.Name.c_str());
        if (!sheet)
        {
            *error = "cannot add a sheet named \"" + t.Name + "\"";
            workbook_close(book);
            return false;
        }
        const SheetSpec* spec = FindSheetSpec(t.Name);
        std::vector<CellRule> rules(t.Width, CellRule::Text);
        for (uint32_t c = 0; c < t.Width; c++)
        {
            const SheetColumn* column = t.RowCount() ? ColumnSpec(spec, t.Header(c)) : nullptr;
            rules[c] = column ? column->Rule : CellRule::Text;
            const bool as_text = rules[c] != CellRule::Number && rules[c] != CellRule::Bool;
            worksheet_set_column(sheet, (lxw_col_t)c, (lxw_col_t)c, t.RowCount() && Wide(t.Header(c)) ? 36 : 14, as_text ? text : nullptr);
        }
        worksheet_freeze_panes(sheet, 1, 0);
        for (size_t row = 0; row < t.RowCount(); row++)
            for (uint32_t c = 0; c < t.Width; c++)
            {
                std::string_view v = t.At(row, c);
                if (v.empty())
                    continue;
                cell.assign(v);
                lxw_error e = LXW_NO_ERROR;
                double x;
                if (row == 0)
                    e = worksheet_write_string(sheet, (lxw_row_t)row, (lxw_col_t)c, cell.c_str(), header);
                else if (rules[c] == CellRule::Number && KeepsExactly(cell, &x))
                    e = worksheet_write_number(sheet, (lxw_row_t)row, (lxw_col_t)c, x, nullptr);
                else if (rules[c] == CellRule::Bool && (cell == "true" || cell == "false"))
                    e = worksheet_write_boolean(sheet, (lxw_row_t)row, (lxw_col_t)c, cell == "true", nullptr);
                else
                    e = worksheet_write_string(sheet, (lxw_row_t)row, (lxw_col_t)c, cell.c_str(), text);
                if (e != LXW_NO_ERROR)
                {
                    *error = t.Name + "!" + ColumnLetters(c + 1) + std::to_string(row + 1) + ": " +
                             (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? std::string("longer than an .xlsx cell holds (32,767 characters)") : lxw_strerror(e));
                    workbook_close(book);
                    remove(path.c_str());
                    return false;
                }
            }
    }
    lxw_error e = workbook_close(book);
    if (e != LXW_NO_ERROR)
    {
        *error = "cannot write " + path + ": " + lxw_strerror(e);
        return false;
    }
    return true;
}

} // namespace ls
