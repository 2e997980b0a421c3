// Complex scripts (Arabic and Hebrew joined right to left, Devanagari and Bengali conjuncts and
// vowel signs, Thai, ...): Dear ImGui draws one glyph per code point, left to right, which breaks
// them. Such text is shaped and rasterised by the browser (whole runs through Canvas 2D) and
// drawn from the atlas as one stand-in glyph per run, at the size of the font drawing it, so a
// name never mixes glyph sizes. Where no browser shapes for us (native build, tests), the text is
// drawn as it is: unshaped, never a crash.
//
// A run is a maximal stretch of characters of such scripts plus the spaces, digits, marks and
// punctuation between them; Latin and CJK text around a run stays as it is. A long run (a note)
// is cut at spaces into pieces of at most MaxRunCodepoints, so wrapped text still wraps; the
// pieces of a right-to-left run are placed right to left. Stand-ins are private-use code points
// (U+E000..U+F8FF) that the data itself does not use.
//
// Usage: every string from the data goes through ShapedText() before ImGui sees it (labels,
// tooltips, chart text). Measuring (ImGui::CalcTextSize) works on the shaped string too.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct ImFont;

namespace ls {

// The text with each run that needs shaping replaced by its stand-in (when the browser has
// shaped it; until then the original characters). The pointer stays valid until the data, the
// fonts or (past a few thousand distinct texts) the frame changes.
const char* ShapedText(std::string_view utf8);
// The inverse, for reports (layout(), the mirror): stand-ins back to the text they stand for.
std::string UnshapedText(std::string_view shaped);

// Whether shaped text holds a stand-in (a run drawn as one glyph: it cannot be cut inside).
bool HasStandIns(std::string_view shaped);
// Shaped text cut to max_w with an ellipsis, for text with stand-ins (ellipsis helpers call it
// first): the data's text is cut at a space (else at a character) and shaped again, so the
// browser shapes the shortened run with its ellipsis where the script puts it. Cuts are few
// per text (words), each one more run for the atlas.
std::string EllipsizeShaped(ImFont* font, float size, std::string_view shaped, float max_w, const char* dots = "\xE2\x80\xA6");

//-----------------------------------------------------------------------------
// The app's side (App owns the data and the fonts; these keep the runs between them).
//-----------------------------------------------------------------------------

constexpr int MaxRunCodepoints = 32;   // longer runs are cut at spaces
constexpr int MaxRuns = 2000;          // distinct runs shaped per data file; the rest stay unshaped

bool NeedsShaping(uint32_t cp);         // a character of a script ImGui cannot lay out
bool IsRightToLeft(uint32_t cp);

// New data: forgets every run and stand-in, then registers the runs of the data's texts
// (ShapingAddText for each) so that the browser shapes them before the first frame.
// data_chars: every character of the data, so that no stand-in collides with one of them.
void ShapingReset(const std::u32string& data_chars);
void ShapingAddText(std::string_view utf8);

// The runs the browser has not been asked for yet, as JSON items {"cp","text","rtl"} appended
// to out (comma-separated); marks them asked. Again = ask for every run (a new density).
void ShapingTakeRequests(std::string* out_items, bool again = false);
bool ShapingHasRequests();              // runs found since the last ShapingTakeRequests()
// Appends one request item {"cp","rtl","text"} (comma-separated from what is there).
void AppendGlyphRequest(std::string* out, uint32_t cp, std::string_view text, bool rtl);
// Whether cp is a stand-in, and its text.
bool ShapingIsStandIn(uint32_t cp);
// The fonts were rebuilt with these stand-ins drawable (each in every font): ShapedText() uses them from now on.
void ShapingSetDrawable(const std::u32string& stand_ins);
void ShapingBeginFrame();               // bounds the cache of shaped texts
// Changes whenever ShapedText() may answer differently for a text (new data, runs made drawable):
// a view keeping shaped or measured text between frames keys it by this.
uint32_t ShapingGeneration();
int  ShapingRunCount();

} // namespace ls
