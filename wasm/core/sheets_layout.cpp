// The sheets' layout, read off the loader's field tables: nothing here names a field of the format,
// so a row added to a table (loader_tables.cpp) is a column on the next build.
#include "core/loader_tables.h"
#include "core/sheets_model.h"

namespace ls
{

using namespace loader_detail;

namespace
{

// A field whose value is an object of named members (FieldType::Object: its detail names the
// members' kind). Found from the detail rather than by the type's name, so this file reads any
// table that has such a field.
bool IsObjectField(const FieldSpec& spec) { return spec.Type != FieldType::Records && spec.Detail.Items != ObjectKind_COUNT; }

CellRule RuleOf(const FieldSpec& spec, bool in_about)
{
    switch (spec.Type)
    {
    case FieldType::Text:
    case FieldType::Note: return CellRule::Text;
    case FieldType::Format:
    case FieldType::Id:
    case FieldType::Ref:
    case FieldType::Parent:
    case FieldType::Country:
    case FieldType::Color:
    case FieldType::Enum: return CellRule::Word;
    case FieldType::RefList:
    case FieldType::CountryList: return CellRule::List;
    case FieldType::TextList: return in_about ? CellRule::Rows : CellRule::List;
    case FieldType::Date: return CellRule::Date;
    case FieldType::Period: return CellRule::Period;
    case FieldType::Bool: return CellRule::Bool;
    case FieldType::Year:
    case FieldType::Integer:
    case FieldType::Number: return CellRule::Number;
    default: return CellRule::Json; // a kind of value added to the loader after this layout: JSON text in its cell
    }
}

void AddColumns(const RecordSpec& kind, bool in_about, std::vector<SheetColumn>* out)
{
    for (int row = 0; row < kind.FieldCount; row++)
    {
        const FieldSpec& spec = kind.Fields[row];
        if (spec.Type == FieldType::Records || spec.Type == FieldType::Observations || spec.Type == FieldType::Columns ||
            spec.Type == FieldType::Rows)
            continue;
        if (IsObjectField(spec))
        {
            const RecordSpec& members = kRecords[spec.Detail.Items];
            for (int m = 0; m < members.FieldCount; m++)
            {
                const FieldSpec& member = members.Fields[m];
                SheetColumn c;
                c.Name = std::string(spec.Name) + "." + std::string(member.Name);
                c.Field = spec.Name;
                c.Member = member.Name;
                c.Rule = IsObjectField(member) ? CellRule::Json : RuleOf(member, false);
                c.Required = false; // an absent object has none of its members
                out->push_back(std::move(c));
            }
            continue;
        }
        SheetColumn c;
        c.Field = spec.Name;
        c.Rule = RuleOf(spec, in_about);
        c.Name = c.Rule == CellRule::Rows && spec.Detail.Item ? std::string(spec.Detail.Item) : std::string(spec.Name);
        c.Required = spec.Need != Optional;
        out->push_back(std::move(c));
    }
}

std::vector<SheetSpec> BuildLayout()
{
    std::vector<SheetSpec> layout;
    const RecordSpec& file = kRecords[ObjectKind_Top];
    SheetSpec about;
    about.Name = "about";
    about.Shape = SheetShape::About;
    about.Required = true; // the title is required
    AddColumns(file, true, &about.Columns);
    layout.push_back(std::move(about));
    for (int row = 0; row < file.FieldCount; row++)
    {
        const FieldSpec& spec = file.Fields[row];
        SheetSpec sheet;
        sheet.Name.assign(spec.Name);
        sheet.Required = spec.Need != Optional;
        if (spec.Type == FieldType::Records)
            sheet.Shape = SheetShape::Records, AddColumns(kRecords[spec.Detail.Items], false, &sheet.Columns);
        else if (spec.Type == FieldType::Observations)
            sheet.Shape = SheetShape::Observations, AddColumns(kRecords[ObjectKind_Observation], false, &sheet.Columns);
        else
            continue;
        layout.push_back(std::move(sheet));
    }
    return layout;
}

} // namespace

const char* CellRuleName(CellRule rule)
{
    switch (rule)
    {
    case CellRule::Text: return "text";
    case CellRule::Word: return "word";
    case CellRule::Number: return "number";
    case CellRule::Bool: return "true/false";
    case CellRule::List: return "list";
    case CellRule::Rows: return "rows";
    case CellRule::Period: return "period";
    case CellRule::Date: return "date";
    case CellRule::Json: return "json";
    }
    return "";
}

const std::vector<SheetSpec>& SheetLayout()
{
    static const std::vector<SheetSpec> layout = BuildLayout();
    return layout;
}

const SheetSpec* FindSheetSpec(std::string_view name)
{
    for (const SheetSpec& s : SheetLayout())
        if (s.Name == name)
            return &s;
    return nullptr;
}

std::vector<std::string_view> KnownColumnNames(const SheetSpec& spec)
{
    std::vector<std::string_view> names;
    if (spec.Shape == SheetShape::About)
        return { "field", "value" };
    for (const SheetColumn& c : spec.Columns)
        names.push_back(c.Name);
    return names;
}

} // namespace ls
