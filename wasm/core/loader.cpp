// The loader around JsonReader and the handler, after the text is read: syntax errors in plain
// words, the checks that need the whole file, the problem list, the all-or-nothing move (see
// loader.h, loader_internal.h; feeding the text is in loader_stream.cpp).
//
// Index
//   [SECTION] Small public helpers (ids, pointers, edit distance, formatting)
//   [SECTION] Syntax errors in plain words
//   [SECTION] After the parse: references, required fields, duplicates, parent loops
//   [SECTION] Finishing: problem list, indexes, all-or-nothing move
#include "core/loader_internal.h"
#include "core/stable_sort.h"

#include <algorithm>
#include <cstring>

namespace ls
{

using namespace loader_detail;

//-----------------------------------------------------------------------------
// [SECTION] Small public helpers (ids, pointers, edit distance, formatting)
//-----------------------------------------------------------------------------

bool IsValidId(std::string_view id)
{
    if (id.empty() || id.size() > 64)
        return false;
    for (size_t i = 0; i < id.size(); i++)
    {
        char c = id[i];
        bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
            return false;
    }
    return true;
}

std::string EscapeJsonPointerToken(std::string_view token)
{
    std::string out;
    out.reserve(token.size());
    for (char c : token)
    {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

size_t EditDistance(std::string_view a, std::string_view b, size_t limit)
{
    // Two-row Levenshtein; stops as soon as a whole row exceeds the limit.
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit)
        return limit + 1;
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); j++)
        prev[j] = j;
    for (size_t i = 1; i <= a.size(); i++)
    {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= b.size(); j++)
        {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({ prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost });
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > limit)
            return limit + 1;
        std::swap(prev, cur);
    }
    return std::min(prev[b.size()], limit + 1);
}

const char* ProblemSeverityName(ProblemSeverity s) { return s == ProblemSeverity_Error ? "error" : "warning"; }

std::string FormatProblem(std::string_view file_name, const Problem& p)
{
    std::string out(file_name);
    if (p.Line > 0)
        out += ":" + std::to_string(p.Line) + ":" + std::to_string(p.Column);
    out += ": ";
    out += ProblemSeverityName(p.Severity);
    out += ": ";
    if (!p.Pointer.empty())
        out += p.Pointer + ": ";
    out += p.Message;
    return out;
}

namespace loader_detail
{

std::string Quote(std::string_view s)
{
    std::string out = "\"";
    size_t shown = 0;
    for (size_t i = 0; i < s.size(); i++)
    {
        unsigned char c = (unsigned char)s[i];
        // Cut long text at 60 bytes, but never inside a UTF-8 sequence.
        if (shown >= 60 && (c & 0xC0) != 0x80)
        {
            out += "...";
            break;
        }
        if (c == '"' || c == '\\')
            out += '\\', out += (char)c;
        else if (c < 0x20)
        {
            char buf[8];
            snprintf(buf, sizeof(buf), "\\u%04x", c);
            out += buf;
        }
        else
            out += (char)c;
        shown++;
    }
    return out + "\"";
}

std::string SuggestId(const StringPool& ids, const std::vector<int32_t>& defined, std::string_view wrong)
{
    std::string lowered(wrong);
    for (char& c : lowered)
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
    const size_t limit = lowered.size() <= 3 ? 1 : 2;
    size_t best = limit + 1;
    std::string_view best_id;
    for (uint32_t s = 0; s < ids.Size() && s < defined.size(); s++)
    {
        if (defined[s] < 0)
            continue;
        std::string_view candidate = ids.Get(s);
        size_t d = EditDistance(lowered, candidate, limit);
        if (d < best)
            best = d, best_id = candidate;
    }
    return best <= limit ? " (did you mean " + Quote(best_id) + "?)" : std::string();
}

} // namespace loader_detail

namespace
{

//-----------------------------------------------------------------------------
// [SECTION] Syntax errors in plain words
//-----------------------------------------------------------------------------
// Researchers get what went wrong and the usual cause, at the character that shows it. The
// wording and the positions are those the loader gave when nlohmann's parser read the text (files
// and tests pin them), hence the odd corners below (the "last read" text of a bad number, the
// scan back over number characters).

const char* TokenNoun(JsonToken t)
{
    switch (t)
    {
    case JsonToken_BeginObject: return "'{'";
    case JsonToken_EndObject: return "'}'";
    case JsonToken_BeginArray: return "'['";
    case JsonToken_EndArray: return "']'";
    case JsonToken_NameSeparator: return "':'";
    case JsonToken_ValueSeparator: return "','";
    case JsonToken_String: return "a string";
    case JsonToken_Number: return "a number";
    case JsonToken_True: return "true";
    case JsonToken_False: return "false";
    case JsonToken_Null: return "null";
    default: return "the end of the text";
    }
}

struct SyntaxMessage
{
    std::string Message;
    size_t Offset; // SIZE_MAX: the end of the text (JsonReader::SolidEnd)
};

// The text around a syntax error, as the functions below read it: the bytes the reader kept
// (JsonReader::ErrorText), at their offsets in the whole text of `size` bytes.
struct AroundError
{
    JsonErrorText Kept;
    size_t Size = 0;
    char operator[](size_t i) const { return Kept.At(i); }
    size_t size() const { return Size; }
    bool empty() const { return Size == 0; }
    std::string substr(size_t pos, size_t n) const
    {
        std::string s;
        for (size_t i = pos; i < pos + n && i < Size; i++)
            s += Kept.At(i);
        return s;
    }
};

bool IsWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }
bool IsNumberChar(char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; }

// The run of letters and digits around `at` (the character the reader stopped on), as the reader
// would see the bad word: "tru" in "tru,", "format" in "{format: 1}".
size_t WordStart(const AroundError& text, size_t at)
{
    if (at > 0 && at < text.size() && !IsWordChar(text[at]) && IsWordChar(text[at - 1]))
        at--;
    while (at > 0 && at < text.size() && IsWordChar(text[at]) && IsWordChar(text[at - 1]))
        at--;
    return at;
}

std::string WordAt(const AroundError& text, size_t start)
{
    size_t end = start;
    while (end < text.size() && end - start < 40 && IsWordChar(text[end]))
        end++;
    return text.substr(start, end == start ? (start < text.size() ? 1 : 0) : end - start);
}

// What the reader had read, control characters shown as <U+000A>.
std::string LastRead(const AroundError& text, size_t begin, size_t end)
{
    std::string out;
    for (size_t i = begin; i < end && i < text.size(); i++)
    {
        unsigned char c = (unsigned char)text[i];
        if (c <= 0x1F)
        {
            char buf[16];
            snprintf(buf, sizeof(buf), "<U+%.4X>", c);
            out += buf;
        }
        else
            out += (char)c;
    }
    return out;
}

SyntaxMessage DescribeSyntaxError(const JsonError& e, const AroundError& text, TextPos text_end)
{
    const size_t at = std::min(e.Offset, text.empty() ? 0 : text.size() - 1);
    switch (e.Kind)
    {
    case JsonErrorKind_NumberTooLarge:
        return { "the number " + text.substr(e.TokenStart, e.TokenEnd - e.TokenStart) + " is too large: values must be finite numbers",
                 e.TokenStart };
    case JsonErrorKind_Truncated: // at the end of the text less its trailing white space
        return { "unexpected end of input at " + std::to_string(text_end.Line) + ":" + std::to_string(text_end.Column) +
                     " \xE2\x80\x94 the file looks truncated",
                 SIZE_MAX };
    case JsonErrorKind_ControlCharacter:
    {
        if (e.Byte == '\n' || e.Byte == '\r')
            return { "a line break inside a string: is a closing quote missing? (write \\n for a line break in text)", at };
        char code[16];
        snprintf(code, sizeof(code), "U+%.4X", e.Byte);
        return { std::string("a control character (") + code + ") inside a string must be escaped, e.g. \\t for a tab", at };
    }
    case JsonErrorKind_InvalidUtf8:
    {
        // Point at the first byte of the broken sequence, not at the byte that showed it broken.
        size_t start = at;
        for (int steps = 0; steps < 3 && start > 0 && (unsigned char)text[start - 1] >= 0x80; steps++)
            start--;
        return { "the text is not valid UTF-8 here (save the file as UTF-8)", start };
    }
    case JsonErrorKind_InvalidEscape:
        return { "invalid escape in a string: only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX are allowed", at };
    case JsonErrorKind_BadUnicodeEscape: return { "\\u in a string must be followed by four hex digits", at };
    case JsonErrorKind_BrokenSurrogate: return { "invalid \\u escape: a UTF-16 surrogate pair is broken", at };
    case JsonErrorKind_InvalidNumber:
    {
        size_t start = at;
        if (start > 0 && !IsNumberChar(text[start]))
            start--;
        while (start > 0 && IsNumberChar(text[start - 1]))
            start--;
        std::string token = LastRead(text, e.TokenStart, at + 1);
        if (token.find("-I") == 0)
            return { "Infinity is not a JSON number: values must be finite numbers", start };
        return { "invalid number " + token + " (numbers look like 12, -3.5 or 1.2e6: no leading +, digits after the point)", start };
    }
    case JsonErrorKind_InvalidLiteral:
    {
        size_t start = WordStart(text, at);
        std::string word = WordAt(text, start);
        if (word == "NaN" || word == "Infinity" || word == "nan" || word == "inf")
            return { "NaN and Infinity are not JSON numbers: values must be finite numbers", start };
        if (word == "'")
            return { "text must be in double quotes (\"...\"), not single quotes", start };
        if (e.Context == JsonContext_ObjectKey)
            return { "field names must be in double quotes (found " + word + ")", start };
        return { "unexpected " + word + ": a value is a \"string\", a number, true, false, null, {...} or [...]", start };
    }
    case JsonErrorKind_InvalidBom: return { "invalid BOM; must be 0xEF 0xBB 0xBF if given; last read: '" + LastRead(text, 0, at + 1) + "'", at };
    default: break;
    }

    // A well-formed token in the wrong place.
    const std::string found = TokenNoun(e.Found);
    if (e.Found == JsonToken_Number && at > 0 && text[at - 1] == '0')
    {
        std::string token = text.substr(e.TokenStart, e.TokenEnd - e.TokenStart);
        return { "a number cannot start with 0 (write " + token + ", not 0" + token + ")", at - 1 };
    }
    switch (e.Context)
    {
    case JsonContext_AfterEnd: return { "unexpected " + found + " after the end of the JSON value (is something pasted twice?)", at };
    case JsonContext_ObjectKey:
        if (e.Found == JsonToken_EndObject)
            return { "a comma before '}' with no field after it (remove the trailing comma)", at };
        return { "expected a field name in double quotes, found " + found, at };
    case JsonContext_ObjectSeparator: return { "expected ':' after the field name, found " + found, at };
    case JsonContext_Object: return { "expected ',' or '}' after a field, found " + found + " (a missing comma?)", at };
    case JsonContext_Array: return { "expected ',' or ']' after an array item, found " + found + " (a missing comma?)", at };
    default: break;
    }
    if (e.Found == JsonToken_EndArray)
        return { "a comma before ']' with no item after it (remove the trailing comma)", at };
    return { "expected a value, found " + found, at };
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] After the parse: references, required fields, duplicates, parent loops
//-----------------------------------------------------------------------------

namespace
{

std::string ObservationPointer(const Handler& h, uint32_t row)
{
    return (h.CompactForm ? "/observations/rows/" : "/observations/") + std::to_string(row);
}

// The observation columns that hold ids, by the table they refer to (nullptr: no such column).
using IdColumns = Column<uint16_t>* [Table_COUNT];
void ObservationIdColumns(ObservationTable& obs, IdColumns* out)
{
    for (Column<uint16_t>*& c : *out)
        c = nullptr;
    for (int row = 0; row < kRecords[ObjectKind_Observation].FieldCount; row++)
    {
        const FieldSpec& spec = RowOf(ObjectKind_Observation, row);
        if (spec.Type == FieldType::Ref && spec.Into.Type == Storage::SlotColumn)
            (*out)[spec.Detail.Ids] = static_cast<Column<uint16_t>*>(spec.Into.Address(&obs));
    }
}

void CheckTopLevel(Handler& h)
{
    // The arrays only a landscape file has (regions, entities, metrics, observations).
    uint64_t landscape_fields = 0;
    for (int row = 0; row < kRecords[ObjectKind_Top].FieldCount; row++)
    {
        const FieldSpec& spec = RowOf(ObjectKind_Top, row);
        if (spec.Need != Optional && (spec.Type == FieldType::Records || spec.Type == FieldType::Observations))
            landscape_fields |= Bit(kFields.Fields[ObjectKind_Top][row]);
    }
    const Field format = FieldOfType(ObjectKind_Top, FieldType::Format);
    if (!(h.TopSeen & Bit(format)) && !(h.TopSeen & landscape_fields))
    {
        // Some other JSON file: listing every missing field would only bury the point.
        h.FormatProblem.Pointer = "";
        h.FormatProblem.Pos = TextPos{ 1, 1 };
        h.FormatProblem.Message = "this is not a landscape file: it has no \"format\": \"landscape/1\" and none of its fields";
        h.FormatProblem.Kind = ProblemKind_Format;
        h.WrongFormat = true;
        return;
    }
    const uint64_t required = kFields.Required[ObjectKind_Top];
    for (int f = 0; f < kFields.Count; f++)
        if ((required & Bit((Field)f)) && !(h.TopSeen & Bit((Field)f)))
            h.Add(ProblemSeverity_Error, f == format ? ProblemKind_Format : ProblemKind_Rule, "", TextPos{ 1, 1 },
                  f == format ? "missing required field \"format\" (add \"format\": \"landscape/1\")" : MissingFieldsMessage(Bit((Field)f)));
}

void CheckReferences(Handler& h, Column<uint8_t>* bad_rows)
{
    for (const PendingRef& p : h.Pending)
        if (h.SlotDef[p.Which][p.Slot] < 0)
        {
            if (h.Wants(ProblemSeverity_Error))
                h.Add(ProblemSeverity_Error, ProblemKind_Reference, p.Pointer, p.Pos,
                      std::string("unknown ") + TableNoun(p.Which) + " " + Quote(h.Ids[p.Which].Get(p.Slot)) +
                          SuggestId(h.Ids[p.Which], h.SlotDef[p.Which], h.Ids[p.Which].Get(p.Slot)));
            else
                h.Count(ProblemSeverity_Error);
        }
    // References beyond those recorded per id still count as problems.
    bool any_undefined[Table_COUNT] = {};
    for (int t = 0; t < Table_COUNT; t++)
        for (size_t s = 0; s < h.SlotDef[t].size(); s++)
            if (h.SlotDef[t][s] < 0)
            {
                any_undefined[t] = true;
                uint32_t count = h.SlotPending[t][s];
                if (count > h.Options.MaxProblems)
                    h.ErrorCount += count - h.Options.MaxProblems;
            }
    // Rows that name an unknown id take no part in the duplicate check.
    ObservationTable& obs = h.Building->Observations;
    IdColumns columns;
    ObservationIdColumns(obs, &columns);
    for (int t = 0; t < Table_COUNT; t++)
        if (any_undefined[t] && columns[t])
            for (size_t row = 0; row < obs.Size(); row++)
            {
                uint16_t slot = (*columns[t])[row];
                if (slot != kNoSlot && h.SlotDef[t][slot] < 0)
                    (*bad_rows)[row] = 1;
            }
}

// Returns the rows sorted by (metric, entity, region, period) in slot space, for BuildIndexes.
Column<uint32_t> CheckDuplicates(Handler& h)
{
    const ObservationTable& obs = h.Building->Observations;
    Column<uint32_t> sorted = SortObservationRows(obs, h.Ids[Table_Metric].Size(), h.Ids[Table_Entity].Size(), h.Ids[Table_Region].Size(), &h.ObsBad);
    for (const auto& dup : FindDuplicateRows(obs, sorted))
    {
        uint32_t first = dup.first, row = dup.second;
        if (!h.Wants(ProblemSeverity_Error))
        {
            h.Count(ProblemSeverity_Error);
            continue;
        }
        h.Add(ProblemSeverity_Error, ProblemKind_Duplicate, ObservationPointer(h, row), h.ObsStart[row],
              "duplicate observation: entity " + Quote(h.Ids[Table_Entity].Get(obs.Entities[row])) + ", metric " +
                  Quote(h.Ids[Table_Metric].Get(obs.Metrics[row])) + ", region " + Quote(h.Ids[Table_Region].Get(obs.Regions[row])) +
                  " and period " + Quote(FormatPeriod(obs.Periods[row])) + " are already given at " + ObservationPointer(h, first) +
                  " (line " + std::to_string(h.ObsStart[first].Line) + ")");
    }
    return sorted;
}

// Maps reference slots to record indices (every Ref field of every kind of record) and breaks
// parent loops (a warning: the format does not forbid them, but a view that walks up the parents
// must not spin forever).
void ResolveRecordLinks(Handler& h)
{
    Dataset& ds = *h.Building;
    for (int kind = 0; kind < ObjectKind_COUNT; kind++)
    {
        const RecordSpec& spec = kRecords[kind];
        if (!spec.Where.Exists)
            continue;
        for (int row = 0; row < spec.FieldCount; row++)
        {
            const FieldSpec& field = spec.Fields[row];
            if (field.Type != FieldType::Ref && field.Type != FieldType::Parent && field.Type != FieldType::RefList)
                continue;
            const std::vector<int32_t>& index_of_slot = h.SlotDef[field.Detail.Ids];
            for (size_t i = 0, n = spec.Where.Count(ds); i < n; i++)
                field.Into.Resolve(spec.Where.At(ds, i), index_of_slot);
        }
    }
    std::vector<uint8_t> state(ds.Entities.size(), 0); // 0 new, 1 on the current path, 2 done
    std::vector<size_t> path;
    for (size_t start = 0; start < ds.Entities.size(); start++)
    {
        path.clear();
        size_t e = start;
        while (state[e] == 0)
        {
            state[e] = 1;
            path.push_back(e);
            int parent = ds.Entities[e].Parent;
            if (parent < 0 || (size_t)parent >= ds.Entities.size())
                break;
            if (state[parent] == 1)
            {
                h.Add(ProblemSeverity_Warning, ProblemKind_Rule, "/entities/" + std::to_string(e) + "/parent",
                      e < h.ParentPlaces.size() ? h.ParentPlaces[e] : TextPos(),
                      "the parent chain of " + Quote(ds.Entities[e].Id) + " loops back to " + Quote(ds.Entities[parent].Id) + " (the parent is ignored)");
                ds.Entities[e].Parent = -1;
                break;
            }
            e = (size_t)parent;
        }
        for (size_t p : path)
            state[p] = 2;
    }
}

// Rewrites observation columns from slots to record indices; false when nothing had to change
// (the usual case: records come before observations, so slot i is record i).
bool RemapObservationSlots(Handler& h)
{
    IdColumns columns;
    ObservationIdColumns(h.Building->Observations, &columns);
    bool changed = false;
    for (int t = 0; t < Table_COUNT; t++)
    {
        if (!columns[t])
            continue;
        bool identity = true;
        for (size_t s = 0; s < h.SlotDef[t].size() && identity; s++)
            identity = h.SlotDef[t][s] == (int32_t)s;
        if (identity)
            continue;
        changed = true;
        for (uint16_t& slot : *columns[t])
            if (slot != kNoSlot)
                slot = (uint16_t)h.SlotDef[t][slot];
    }
    return changed;
}

//-----------------------------------------------------------------------------
// [SECTION] Finishing: problem list, indexes, all-or-nothing move
//-----------------------------------------------------------------------------

Problem MakeProblem(const RawProblem& raw)
{
    Problem p;
    p.Pointer = raw.Pointer;
    p.Message = raw.Message;
    p.Severity = raw.Severity;
    p.Kind = raw.Kind;
    p.Line = (int)raw.Pos.Line;
    p.Column = (int)raw.Pos.Column;
    return p;
}

void FillProblems(Handler& h, LoadResult* result)
{
    // By place in the text (line, column: the order of the offsets), those without a place last.
    auto key = [](const RawProblem& p) { return p.Pos.Line == 0 ? UINT64_MAX : ((uint64_t)p.Pos.Line << 32) | p.Pos.Column; };
    auto by_place = [&](const RawProblem& a, const RawProblem& b) { return key(a) < key(b); };
    StableSortBy(h.Errors, by_place);     // the shared sort (stable_sort.h): a few problems, no
    StableSortBy(h.Warnings, by_place);   // std::stable_sort instance of its own (~2.8 KB of wasm)
    const size_t limit = h.Options.MaxProblems;
    size_t shown_errors = 0, shown_warnings = 0;
    for (const RawProblem& raw : h.Errors)
        if (result->Problems.size() < limit)
            result->Problems.push_back(MakeProblem(raw)), shown_errors++;
    for (const RawProblem& raw : h.Warnings)
        if (result->Problems.size() < limit)
            result->Problems.push_back(MakeProblem(raw)), shown_warnings++;
    result->ErrorCount = h.ErrorCount;
    result->WarningCount = h.WarningCount;
    size_t hidden_errors = h.ErrorCount - shown_errors, hidden_warnings = h.WarningCount - shown_warnings;
    if (hidden_errors + hidden_warnings > 0)
    {
        Problem p;
        p.Severity = hidden_errors > 0 ? ProblemSeverity_Error : ProblemSeverity_Warning;
        p.Kind = ProblemKind_Summary;
        size_t hidden = hidden_errors + hidden_warnings;
        p.Message = Thousands(hidden) + (hidden == 1 ? " more problem" : " more problems") + " not shown (" + Thousands(hidden_errors) +
                    (hidden_errors == 1 ? " error, " : " errors, ") + Thousands(hidden_warnings) + (hidden_warnings == 1 ? " warning)" : " warnings)");
        result->Problems.push_back(p);
    }
}

} // namespace

namespace loader_detail
{

//-----------------------------------------------------------------------------
// [SECTION] Finishing: the rows read again, the checks, the problem list, the move
//-----------------------------------------------------------------------------

void Handler::ReplayDeferredRows()
{
    if (!DeferredRowsFound || DeferredRowsEnd <= DeferredRowsBegin || !ColumnsSeen || !ColumnsValid ||
        DeferredRowsText.size() != DeferredRowsEnd - DeferredRowsBegin)
        return;
    // Rebuild the frames as they were inside { "observations": { "rows": ... } } and read the rows again.
    Frames[1] = Frame();
    Frames[1].Kind = Frame_Object;
    Frames[1].Object = ObjectKind_Top;
    Frames[1].Key = FieldOfType(ObjectKind_Top, FieldType::Observations);
    Frames[1].KeySpec = &SpecOf(ObjectKind_Top, Frames[1].Key);
    Frames[2] = Frame();
    Frames[2].Kind = Frame_Object;
    Frames[2].Object = ObjectKind_Table;
    Frames[2].Key = FieldOfType(ObjectKind_Table, FieldType::Rows);
    Frames[2].KeySpec = &SpecOf(ObjectKind_Table, Frames[2].Key);
    Depth = 2;
    Containers = 2;
    // A second reader over the kept text, counting lines and columns from where the rows began.
    JsonReader<Handler> reader(this);
    reader.SetMaxStringBytes(Options.MaxStringBytes);
    reader.Begin(DeferredRowsMark, false);
    const JsonReader<Handler>* outer = Reader;
    Reader = &reader;
    reader.Feed(DeferredRowsText.data(), DeferredRowsText.size());
    reader.Finish();
    Reader = outer;
    std::string().swap(DeferredRowsText);
    Depth = 0;
    Containers = 0;
}

LoadResult FinishLoad(Handler& h, const JsonReader<Handler>& reader, bool parsed, size_t text_size, Dataset* building, Dataset* out)
{
    LoadResult result;
    Column<uint32_t> sorted_rows;
    if (!h.WrongFormat && h.SyntaxError)
    {
        SyntaxMessage m = DescribeSyntaxError(h.Syntax, AroundError{ reader.ErrorText(), text_size }, reader.SolidEnd());
        // Reading a field name, the reader is between members: the object is the place to point at.
        bool at_key = h.Syntax.Context == JsonContext_ObjectKey || h.Syntax.Context == JsonContext_ObjectSeparator;
        h.Add(ProblemSeverity_Error, ProblemKind_Syntax, at_key ? h.SyntaxObjectPointer : h.SyntaxPointer,
              m.Offset == SIZE_MAX ? reader.SolidEnd() : reader.ErrorPos(m.Offset), m.Message);
    }
    if (parsed && !h.Aborted && h.TopBegun)
    {
        h.ReplayDeferredRows();
        if (!h.Aborted && !h.SyntaxError)
        {
            CheckTopLevel(h);
            CheckReferences(h, &h.ObsBad);
            ResolveRecordLinks(h);
            sorted_rows = CheckDuplicates(h);
        }
    }
    if (h.WrongFormat)
    {
        // Another version or another kind of file: its other "problems" would only be noise.
        h.Errors.assign(1, h.FormatProblem);
        h.Warnings.clear();
        h.ErrorCount = 1;
        h.WarningCount = 0;
    }
    FillProblems(h, &result);
    if (!parsed || h.Aborted || h.ErrorCount > 0)
        return result;

    // Slots equal record indices unless records came after their first use; then re-sort in index space.
    if (RemapObservationSlots(h) || sorted_rows.size() != building->ObservationCount())
        sorted_rows = SortObservationRows(building->Observations, building->Metrics.size(), building->Entities.size(), building->Regions.size());
    building->Observations.ShrinkToFit();
    building->NotePool.ShrinkToFit();
    building->NotePool.DropLookup();
    BuildIndexes(building, std::move(sorted_rows));
    *out = std::move(*building);
    result.Ok = true;
    return result;
}

} // namespace loader_detail
} // namespace ls
