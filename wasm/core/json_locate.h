// Where a record or one of its fields is in a landscape/1 text: its JSON pointer, line and column,
// for tools that found something in a loaded Dataset (lint) and must point the researcher at it.
//
//   std::vector<ls::RecordPlace> places = { { "observations", 1234, "value" }, { "sources", 3, "" } };
//   std::vector<ls::LocatedPlace> at = ls::LocateInJson(text, places);
//   // at[0]: "/observations/1234/value" 5123:17 (or "/observations/rows/1234/4" in the compact form)
//
// Records are found by position in their array (the Dataset keeps the file's order). The line and
// column are those of the field's name (object form), the cell (compact form) or the record's
// first character, counted as the loader counts them (1-based, columns in code points). One pass
// over the text whatever the number of places.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ls
{

struct RecordPlace
{
    std::string Array; // "regions", "observations" ...; "" = the file's own fields
    size_t Index = 0;  // the record's position in its array
    std::string Field; // "" = the record itself
};

struct LocatedPlace
{
    std::string Pointer; // RFC 6901
    int Line = 0;        // 0 = not found in the text
    int Column = 0;
};

std::vector<LocatedPlace> LocateInJson(std::string_view json, const std::vector<RecordPlace>& places);

// The offset just past the JSON value that starts at `start` (white space before it allowed), in a
// text known to be well-formed (one the loader took): strings, arrays and objects are skipped by
// their quotes and brackets alone, several times faster than reading them.
size_t SkipJsonValue(std::string_view json, size_t start);

} // namespace ls
