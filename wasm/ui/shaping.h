// Complex scripts (Arabic and Hebrew joined right to left, Devanagari and Bengali conjuncts and
// vowel signs, Thai, ...): Dear ImGui draws one glyph per code point, left to right, which breaks
// them. Such text is shaped and rasterised by the browser (whole runs through Canvas 2D) and
// drawn from the atlas as one stand-in glyph per run, at the size of the font drawing it, so a
// name never mixes glyph sizes. Where no browser shapes for us (native build, tests), the text is
// drawn as it is: unshaped, never a crash.
//
// Usage: every string from the data goes through ShapedText() before ImGui sees it (labels,
// tooltips, chart text). Measuring (ImGui::CalcTextSize) works on the shaped string too.
#pragma once

#include <string>
#include <string_view>

namespace ls {

// The text with each run that needs shaping replaced by its stand-in (when the browser has
// shaped it; until then the original characters). The pointer stays valid until the data changes.
const char* ShapedText(std::string_view utf8);
// The inverse, for reports (layout(), the mirror): stand-ins back to the text they stand for.
std::string UnshapedText(std::string_view shaped);

} // namespace ls
