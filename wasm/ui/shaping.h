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

// New data: forgets every run, stand-in and request. data_chars: every character of the data, so
// that no stand-in collides with one of them.
void ShapingReset(const std::u32string& data_chars);
// Registers the runs of a text without drawing it (stand-ins are handed out in the order runs
// are first seen). Nothing is asked for: that happens when a frame draws the text.
void ShapingAddText(std::string_view utf8);

// Glyphs are asked for only when a frame needs them (issue #14: the browser used to rasterise
// every character and run of the data before the first frame, though the map's first frame
// draws none of them). ShapedText() is where every data text meets the fonts: a text with a run
// not drawable yet, or with a character of `missing` (no compiled-in glyph, none rasterised
// yet), notes what it lacks for this frame. The frame that noted something new is incomplete
// (ShapingHasRequests()): the platform does not show it, the browser makes the glyphs, and the
// frame is drawn again (wasm/platform/web_api.cpp ls_frame, web/widget/frames.js).
// Each run and character is asked for once: one the browser cannot make is drawn as before
// (a run's letters unshaped, then asked for themselves; a character as the font's fallback).
// Characters are asked for in every font (body, title, small): which font a text ends up drawn
// in is not known where it is shaped (it is often measured in one and drawn in another), and a
// name must never mix sizes (fonts.h).
void ShapingSetMissing(const std::u32string& missing);
// What frames needed since the last call, as JSON items {"cp","text","rtl"} appended to out
// (comma-separated); marks them asked. Again: every run seen so far too (a new density).
void ShapingTakeRequests(std::string* out_items, bool again = false);
bool ShapingHasRequests();              // something needed since the last ShapingTakeRequests()
// The characters asked for so far (for this data): stats().missingGlyphs counts those still missing.
std::u32string ShapingAskedChars();
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
