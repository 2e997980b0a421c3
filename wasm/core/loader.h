// Loading and validating a landscape/1 file (see docs/format.md).
//
//   ls::Dataset ds;
//   ls::LoadResult r = ls::LoadDataset(text, &ds);
//   for (const ls::Problem& p : r.Problems)
//       puts(ls::FormatProblem("landscape.json", p).c_str());  // landscape.json:5123:17: error: /observations/1234/region: ...
//   if (!r.Ok) { /* ds still holds whatever it held before */ }
//
// What it does:
// - Streams the text through JsonReader (json_reader.h: no DOM, plain strings are not copied; the
//   text may come in pieces, see StreamLoader) and
//   checks every rule of docs/format.md as it goes: required fields, types, id pattern and uniqueness, references, ISO alpha-2 shape, enums,
//   period grammar, finite values, duplicate observations, both observation forms, the limits.
// - All or nothing: the new dataset is built apart and moved into *out only when there is no error.
//   Warnings (unknown fields, an unknown word of an optional enum, a parent loop) do not stop a load.
// - Never throws and never aborts, whatever the bytes (fuzzed with libFuzzer + ASan/UBSan).
//
// Positions: Line and Column are 1-based and point at the start of the offending value (or key,
// or record). Column counts Unicode code points of UTF-8 text from the start of the line (a tab is
// one column), so it matches what editors show for non-ASCII names. A UTF-8 byte order mark at the
// start is accepted and not counted. Line 0 means "no position" (e.g. the problem summary).
//
// Leniencies, written down so nobody is surprised: `null` for an optional field means "absent" in
// both observation forms (docs/format.md says so for the compact form; exporters write null for None in
// the object form too); `"landscape/1.<n>"` loads with a warning (same major version).
#pragma once

#include "core/dataset.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ls
{

enum ProblemSeverity
{
    ProblemSeverity_Error,
    ProblemSeverity_Warning,
};

enum ProblemKind
{
    ProblemKind_Syntax,       // not well-formed JSON (also: empty input, an HTML page, truncated text)
    ProblemKind_Limit,        // a limit of the loader (depth, string or file size, observation count ...)
    ProblemKind_Format,       // "format" missing, another landscape version, or not a landscape file at all
    ProblemKind_Rule,         // a docs/format.md rule: required field, type, id pattern, enum, period, value ...
    ProblemKind_Reference,    // an id that does not resolve
    ProblemKind_Duplicate,    // a duplicate id, field or observation
    ProblemKind_UnknownField, // a field this reader does not know (warning)
    ProblemKind_UnknownValue, // a word of an optional enum this reader does not know (warning; the default is used)
    ProblemKind_Summary,      // "N more problems not shown"
};

struct Problem
{
    std::string Pointer; // JSON Pointer (RFC 6901: "~" -> "~0", "/" -> "~1"); "" = the whole document
    int Line = 0;        // 1-based; 0 = unknown
    int Column = 0;      // 1-based, in code points (see above); 0 = unknown
    std::string Message; // plain words a researcher can act on
    ProblemSeverity Severity = ProblemSeverity_Error;
    ProblemKind Kind = ProblemKind_Rule;
};

struct LoadResult
{
    bool Ok = false;               // true when the dataset was loaded (no errors; warnings allowed)
    std::vector<Problem> Problems; // errors first by position, then warnings, at most MaxProblems + 1 summary entry
    size_t ErrorCount = 0;         // all errors found, including those not listed
    size_t WarningCount = 0;       // all warnings found, including those not listed
};

struct LoadOptions
{
    size_t MaxProblems = 100;                     // problems listed; the rest are counted in one summary problem
    size_t MaxFileBytes = (size_t)256 << 20;      // docs/format.md: a file <= 256 MiB
    size_t MaxObservations = 5000000;             // docs/format.md: observations <= 5,000,000
    int MaxDepth = 64;                            // docs/format.md: nesting depth <= 64
    size_t MaxStringBytes = 64 * 1024;            // docs/format.md: a string <= 64 KiB (UTF-8 bytes after unescaping)
    bool WarnUnknownFields = true;                // docs/format.md: unknown fields are ignored with a warning
};

LoadResult LoadDataset(std::string_view text, Dataset* out, const LoadOptions& options = LoadOptions()); // parse + validate + index; *out replaced only on success

// Feeds a landscape/1 file to the loader in pieces of any size, split anywhere (inside a string,
// an escape, a number, a multi-byte UTF-8 sequence). Never holds the whole text: only the token a
// piece ends in (a string is at most 64 KiB) and, in the compact form, "rows" that come before
// "columns" (read again once the columns are known). The problems, lines, columns and pointers are
// the same whatever the pieces; LoadDataset(text) is one Feed + Finish.
//
//   ls::StreamLoader loader;
//   while (!loader.Failed() && (n = read(fd, buf, sizeof buf)) > 0)
//       loader.Feed(std::string_view(buf, n));
//   ls::LoadResult r = loader.Finish(&ds);
//
// Failed() turns true as soon as the load cannot succeed (a syntax error and the text its message
// quotes, a limit, another format, UTF-16, the size): stopping there gives the same problem, except
// that a NUL byte later in the text would have been reported instead (as a binary file).
class StreamLoader
{
public:
    explicit StreamLoader(const LoadOptions& options = LoadOptions());
    ~StreamLoader();
    StreamLoader(const StreamLoader&) = delete;
    StreamLoader& operator=(const StreamLoader&) = delete;
    void Feed(std::string_view bytes); // the next bytes; cheap to call after a fatal error (ignored)
    bool Failed() const;               // a fatal error is already known: the caller may stop reading
    size_t BytesFed() const;
    LoadResult Finish(Dataset* out);   // end of input: checks, indexes; *out replaced only on success (call once)

private:
    struct State;
    State* S;
};
std::string FormatProblem(std::string_view file_name, const Problem& p);   // "FILE:LINE:COL: error: /pointer: message" (compiler style)
const char* ProblemSeverityName(ProblemSeverity s);                        // "error" / "warning"
std::string EscapeJsonPointerToken(std::string_view token);                // RFC 6901: "a/b~c" -> "a~1b~0c"
size_t EditDistance(std::string_view a, std::string_view b, size_t limit); // Levenshtein distance, stops early above limit (returns limit + 1)
bool IsValidId(std::string_view id);                                       // ^[a-z0-9][a-z0-9._-]{0,63}$

// The fields the loader reads, straight from its tables (loader_tables.cpp), for the tests and
// docs that check data/schema.json and docs/format.md against them. One entry per kind of
// object, in this order: "file" (the top level), "region", "entity", "metric", "source",
// "event", "observation", "compact table", "as_of_limit" (the members of a metric's as_of_limit).
struct FormatField
{
    std::string_view Name;
    bool Required = false;
    std::vector<std::string_view> Words; // an enum's words, in order; empty for other fields
    std::string_view Default;            // an enum's default word; "" when there is none (or not an enum)
};
struct FormatObjectFields
{
    std::string_view Noun;
    std::vector<FormatField> Fields; // in the table's order
};
std::vector<FormatObjectFields> FormatFields();

} // namespace ls
