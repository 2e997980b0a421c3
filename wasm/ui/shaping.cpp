// Complex-script shaping (see shaping.h): finding runs, their stand-ins, the shaped-text cache.
// The browser does the shaping itself (web/widget/glyphs.js); the fonts place its bitmaps.
#include "ui/shaping.h"

#include "imgui.h"
#include "ui/fonts.h"   // EncodeUtf8

#include <algorithm>
#include <iterator>
#include <memory>
#include <cstdio>
#include <unordered_map>
#include <vector>

namespace ls {

namespace {

constexpr uint32_t FirstStandIn = 0xE000, LastStandIn = 0xF8FF;   // the BMP's private use area (ImWchar is 16-bit)
// Distinct shaped texts kept between frames; past this the cache starts again at the next frame
// (values and periods formatted into labels would otherwise grow it for ever).
constexpr size_t MaxCachedTexts = 4096;

struct Run
{
    std::string Text;
    uint32_t StandIn = 0;
    bool Rtl = false;
    bool Asked = false;      // handed to the browser
    bool Needed = false;     // a frame drew it (not drawable), not asked for yet
    bool Drawable = false;   // in the atlas, in every font
};

struct Shaper
{
    std::vector<Run> Runs;
    std::unordered_map<std::string, int> ByText;
    std::vector<bool> UsedByData = std::vector<bool>(LastStandIn - FirstStandIn + 1);
    uint32_t Next = FirstStandIn;
    bool NewRequests = false;
    // Text -> shaped text. Keyed by views of the stored text (nodes do not move), so a lookup
    // with the caller's string_view allocates nothing: views look their labels up every frame.
    // Needs: what the text lacks to be drawn as the browser would draw it, noted each time it is
    // drawn until asked for (the cache is cleared when requests are taken and when the fonts change).
    struct Cached { std::string Text, Shaped; std::vector<int> RunNeeds; std::u32string CharNeeds; };
    std::unordered_map<std::string_view, std::unique_ptr<Cached>> Cache;
    std::u32string Missing;       // sorted: characters the atlas lacks that the browser may make (BMP)
    std::u32string AskedChars;    // sorted: asked for, made or not
    std::u32string NeededChars;   // drawn since the last requests, not asked for yet
};

uint32_t Generation = 0;   // ShapingGeneration(): outlives the Shaper that ShapingReset() replaces

Shaper& S()
{
    static Shaper shaper;
    return shaper;
}

// One UTF-8 sequence at s[i]: its code point and length (invalid bytes: U+FFFD, length 1).
uint32_t Decode(std::string_view s, size_t i, size_t* length)
{
    unsigned char c = (unsigned char)s[i];
    int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    uint32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1Fu) : extra == 2 ? (c & 0x0Fu) : (c & 0x07u);
    if (extra < 0 || i + (size_t)extra >= s.size() + (extra == 0 ? 1 : 0))
    {
        *length = 1;
        return extra == 0 ? c : 0xFFFD;
    }
    for (int k = 1; k <= extra; k++)
    {
        unsigned char cc = (unsigned char)s[i + (size_t)k];
        if ((cc & 0xC0) != 0x80) { *length = 1; return 0xFFFD; }
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    *length = 1 + (size_t)extra;
    return cp;
}

void AppendUtf8(uint32_t cp, std::string* out)
{
    if (cp < 0x80) *out += (char)cp;
    else if (cp < 0x800) { *out += (char)(0xC0 | (cp >> 6)); *out += (char)(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { *out += (char)(0xE0 | (cp >> 12)); *out += (char)(0x80 | ((cp >> 6) & 0x3F)); *out += (char)(0x80 | (cp & 0x3F)); }
    else { *out += (char)(0xF0 | (cp >> 18)); *out += (char)(0x80 | ((cp >> 12) & 0x3F)); *out += (char)(0x80 | ((cp >> 6) & 0x3F)); *out += (char)(0x80 | (cp & 0x3F)); }
}

// Between two characters of a run these belong to it (the browser lays them out with the run's
// direction): spaces, digits, punctuation, combining marks, joiners and direction marks.
bool JoinsRun(uint32_t c)
{
    if (c == ' ' || c == 0xA0 || c == 0xB7 || (c >= '0' && c <= '9'))
        return true;
    if (c < 0x80)
        return c > 0x20 && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    return (c >= 0x300 && c <= 0x36F) || (c >= 0x2000 && c <= 0x206F);
}

// Whether the text may contain a run at all: every character that needs shaping is U+0590 or
// above, whose UTF-8 starts with a byte of 0xD6 or more. Most texts are answered here.
bool MayNeedShaping(std::string_view s)
{
    for (char c : s)
        if ((unsigned char)c >= 0xD6)
            return true;
    return false;
}

// Calls piece(begin, end, is_run, rtl) for consecutive pieces covering s: runs and the rest.
template <typename F>
void ForEachPiece(std::string_view s, F piece)
{
    // A text of one script (with its digits and punctuation) is one run whole: the browser then
    // places "(2024)" or a leading number as a reader of that script expects. In mixed texts
    // the run stops at its last letter, and what follows keeps the surrounding (Latin) order.
    bool whole = true, any = false;
    for (size_t i = 0; i < s.size() && whole;)
    {
        size_t length = 1;
        uint32_t cp = Decode(s, i, &length);
        bool shaping = NeedsShaping(cp);
        any = any || shaping;
        whole = shaping || JoinsRun(cp);
        i += length;
    }
    if (whole && any)
    {
        size_t first = 0;
        while (first < s.size())
        {
            size_t length = 1;
            if (NeedsShaping(Decode(s, first, &length))) break;
            first += length;
        }
        size_t length = 1;
        piece(0, s.size(), true, IsRightToLeft(Decode(s, first, &length)));
        return;
    }
    size_t plain = 0, run = std::string_view::npos, run_end = 0, i = 0;
    bool rtl = false;
    while (i < s.size())
    {
        size_t length = 1;
        uint32_t cp = Decode(s, i, &length);
        if (NeedsShaping(cp))
        {
            if (run == std::string_view::npos)
            {
                run = i;
                rtl = IsRightToLeft(cp);
            }
            run_end = i + length;
        }
        else if (run != std::string_view::npos && !JoinsRun(cp))
        {
            if (plain < run) piece(plain, run, false, false);
            piece(run, run_end, true, rtl);
            plain = run_end;
            run = std::string_view::npos;
        }
        i += length;
    }
    if (run != std::string_view::npos)
    {
        if (plain < run) piece(plain, run, false, false);
        piece(run, run_end, true, rtl);
        plain = run_end;
    }
    if (plain < s.size())
        piece(plain, s.size(), false, false);
}

// A run cut at spaces into pieces of at most MaxRunCodepoints (a longer word stays whole): words
// are packed greedily, the spaces between pieces stay spaces.
std::vector<std::string_view> CutRun(std::string_view run)
{
    std::vector<std::string_view> pieces;
    size_t start = 0, i = 0;
    int count = 0;                                   // code points of the piece so far
    size_t word_start = 0;
    int count_at_word = 0;                           // ... before the current word's space
    while (i <= run.size())
    {
        size_t length = 1;
        uint32_t cp = i < run.size() ? Decode(run, i, &length) : ' ';
        if (cp == ' ')
        {
            // The word that ends here overflows the piece: the piece ends before it.
            if (count > MaxRunCodepoints && word_start > start)
            {
                pieces.push_back(run.substr(start, word_start - 1 - start));
                start = word_start;
                count -= count_at_word + 1;
            }
            word_start = i + 1;
            count_at_word = count;
        }
        count++;
        i += length;
    }
    pieces.push_back(run.substr(start));
    return pieces;
}

// The run for a text, registered (and to be asked for) when new; null past MaxRuns or when the
// private use area is used up.
Run* FindOrAddRun(std::string_view text, bool rtl)
{
    Shaper& s = S();
    auto it = s.ByText.find(std::string(text));
    if (it != s.ByText.end())
        return &s.Runs[(size_t)it->second];
    if ((int)s.Runs.size() >= MaxRuns)
        return nullptr;
    while (s.Next <= LastStandIn && s.UsedByData[s.Next - FirstStandIn])
        s.Next++;
    if (s.Next > LastStandIn)
        return nullptr;
    Run r;
    r.Text = std::string(text);
    r.StandIn = s.Next++;
    r.Rtl = rtl;
    s.ByText.emplace(r.Text, (int)s.Runs.size());
    s.Runs.push_back(std::move(r));
    return &s.Runs.back();
}

Run* RunOfStandIn(uint32_t cp)
{
    Shaper& s = S();
    if (cp < FirstStandIn || cp >= s.Next)
        return nullptr;
    // Stand-ins are handed out in order, skipping those the data uses: a binary search by code point.
    auto it = std::lower_bound(s.Runs.begin(), s.Runs.end(), cp, [](const Run& r, uint32_t c) { return r.StandIn < c; });
    return it != s.Runs.end() && it->StandIn == cp ? &*it : nullptr;
}

bool Contains(const std::u32string& sorted, char32_t cp) { return std::binary_search(sorted.begin(), sorted.end(), cp); }

// The characters of text the atlas lacks (and the browser may make), into needs.
void NoteMissingChars(std::string_view text, std::u32string* needs)
{
    const Shaper& s = S();
    if (s.Missing.empty())
        return;
    for (size_t i = 0; i < text.size();)
    {
        size_t length = 1;
        uint32_t cp = (unsigned char)text[i] < 0x80 ? (unsigned char)text[i] : Decode(text, i, &length);
        if (cp >= 0x80 && Contains(s.Missing, cp) && needs->find((char32_t)cp) == std::u32string::npos)
            needs->push_back((char32_t)cp);
        i += length;
    }
}

std::string Shape(std::string_view text, Shaper::Cached* needs)
{
    std::string out;
    out.reserve(text.size());
    ForEachPiece(text, [&](size_t begin, size_t end, bool is_run, bool rtl) {
        std::string_view part = text.substr(begin, end - begin);
        if (!is_run)
        {
            NoteMissingChars(part, &needs->CharNeeds);
            out += part;
            return;
        }
        std::vector<std::string_view> pieces = CutRun(part);
        std::vector<const Run*> runs;
        for (std::string_view p : pieces)
        {
            Run* r = FindOrAddRun(p, rtl);
            if (r && r->Drawable)
                runs.push_back(r);
            else if (r && !r->Asked)
                needs->RunNeeds.push_back((int)(r - S().Runs.data()));   // the run, not its letters
            else
                NoteMissingChars(p, &needs->CharNeeds);   // refused, or past MaxRuns: drawn unshaped
        }
        if (runs.size() != pieces.size())
        {
            out += part;   // not shaped (yet): the characters as they are, in their logical order
            return;
        }
        if (rtl)
            std::reverse(runs.begin(), runs.end());   // right to left: the first piece is drawn rightmost
        for (size_t k = 0; k < runs.size(); k++)
        {
            if (k > 0) out += ' ';
            AppendUtf8(runs[k]->StandIn, &out);
        }
    });
    return out;
}

void AppendJsonString(std::string_view s, std::string* out)
{
    *out += '"';
    for (char c : s)
    {
        if (c == '"' || c == '\\') { *out += '\\'; *out += c; }
        else if ((unsigned char)c < 0x20) { char buf[8]; std::snprintf(buf, sizeof(buf), "\\u%04x", (unsigned)(unsigned char)c); *out += buf; }
        else *out += c;
    }
    *out += '"';
}

} // namespace

bool NeedsShaping(uint32_t c)
{
    return (c >= 0x0590 && c <= 0x08FF)      // Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic
        || (c >= 0x0900 && c <= 0x0DFF)      // Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala
        || (c >= 0x0E00 && c <= 0x0FFF)      // Thai, Lao, Tibetan
        || (c >= 0x1000 && c <= 0x109F)      // Myanmar
        || (c >= 0x1700 && c <= 0x18AF)      // Philippine scripts, Khmer, Mongolian
        || (c >= 0x1900 && c <= 0x1AAF)      // Limbu, Tai Le, New Tai Lue, Buginese, Tai Tham
        || (c >= 0x1B00 && c <= 0x1C4F)      // Balinese, Sundanese, Batak, Lepcha
        || (c >= 0xA800 && c <= 0xA82F) || (c >= 0xA840 && c <= 0xAAFF) || (c >= 0xABC0 && c <= 0xABFF)
        || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE)   // presentation forms
        || (c >= 0x10800 && c <= 0x11FFF) || (c >= 0x1E800 && c <= 0x1EFFF);
}

bool IsRightToLeft(uint32_t c)
{
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE) ||
           (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF);
}

const char* ShapedText(std::string_view utf8)
{
    Shaper& s = S();
    auto it = s.Cache.find(utf8);
    if (it == s.Cache.end())
    {
        auto cached = std::make_unique<Shaper::Cached>();
        cached->Text = std::string(utf8);
        if (MayNeedShaping(utf8))
            cached->Shaped = Shape(utf8, cached.get());
        else
        {
            cached->Shaped = cached->Text;
            NoteMissingChars(utf8, &cached->CharNeeds);
        }
        std::string_view key = cached->Text;
        it = s.Cache.emplace(key, std::move(cached)).first;
    }
    const Shaper::Cached& c = *it->second;
    // What this frame draws without its glyphs (a few texts, the first time they are drawn).
    for (int run : c.RunNeeds)
        if (!s.Runs[(size_t)run].Asked && !s.Runs[(size_t)run].Needed)
            s.Runs[(size_t)run].Needed = s.NewRequests = true;
    for (char32_t cp : c.CharNeeds)
        if (!Contains(s.AskedChars, cp) && s.NeededChars.find(cp) == std::u32string::npos)
        {
            s.NeededChars.push_back(cp);
            s.NewRequests = true;
        }
    return c.Shaped.c_str();   // the Cached object stays put while the map grows
}

std::string UnshapedText(std::string_view shaped)
{
    bool any = false;
    for (char c : shaped)
        any = any || (unsigned char)c == 0xEE || (unsigned char)c == 0xEF;   // U+E000..U+F8FF start so
    if (!any || S().Runs.empty())
        return std::string(shaped);
    // Tokens: literal text or a run; a right-to-left run's pieces were placed in reverse order.
    struct Token { std::string_view Literal; const Run* R; };
    std::vector<Token> tokens;
    size_t i = 0, literal = 0;
    while (i < shaped.size())
    {
        size_t length = 1;
        const Run* r = RunOfStandIn(Decode(shaped, i, &length));
        if (r)
        {
            if (literal < i) tokens.push_back({ shaped.substr(literal, i - literal), nullptr });
            tokens.push_back({ {}, r });
            literal = i + length;
        }
        i += length;
    }
    if (literal < shaped.size()) tokens.push_back({ shaped.substr(literal), nullptr });
    std::string out;
    for (size_t t = 0; t < tokens.size();)
    {
        if (!tokens[t].R || !tokens[t].R->Rtl)
        {
            out += tokens[t].R ? std::string_view(tokens[t].R->Text) : tokens[t].Literal;
            t++;
            continue;
        }
        // Right-to-left pieces separated by single spaces: back to their logical order.
        size_t end = t + 1;
        while (end + 1 < tokens.size() && !tokens[end].R && tokens[end].Literal == " " && tokens[end + 1].R && tokens[end + 1].R->Rtl)
            end += 2;
        for (size_t k = end; k-- > t;)
            out += tokens[k].R ? std::string_view(tokens[k].R->Text) : tokens[k].Literal;
        t = end;
    }
    return out;
}

bool HasStandIns(std::string_view shaped)
{
    for (size_t i = 0; i + 2 < shaped.size(); i++)
        if (((unsigned char)shaped[i] == 0xEE || (unsigned char)shaped[i] == 0xEF) && !S().Runs.empty())
        {
            size_t length = 1;
            if (RunOfStandIn(Decode(shaped, i, &length)))
                return true;
        }
    return false;
}

std::string EllipsizeShaped(ImFont* font, float size, std::string_view shaped, float max_w, const char* dots)
{
    auto width = [&](const char* s) { return font->CalcTextSizeA(size, FLT_MAX, 0.0f, s).x; };
    std::string whole(shaped);
    if (width(whole.c_str()) <= max_w)
        return whole;
    const std::string plain = UnshapedText(shaped);
    // Cut points, longest first: before each space, then (a single long word) code point by code point.
    std::vector<size_t> cuts;
    for (size_t i = plain.size(); i-- > 1;)
        if (plain[i] == ' ' && plain[i - 1] != ' ')
            cuts.push_back(i);
    if (cuts.empty())
        for (size_t i = plain.size(); i-- > 1;)
            if (((unsigned char)plain[i] & 0xC0) != 0x80 && !JoinsRun((unsigned char)plain[i]))
                cuts.push_back(i);
    for (size_t cut : cuts)
    {
        const char* candidate = ShapedText(plain.substr(0, cut) + dots);
        if (width(candidate) <= max_w)
            return candidate;
    }
    return dots;
}

void ShapingReset(const std::u32string& data_chars)
{
    Shaper& s = S();
    s = Shaper();
    Generation++;
    for (char32_t cp : data_chars)
        if (cp >= FirstStandIn && cp <= LastStandIn)
            s.UsedByData[cp - FirstStandIn] = true;
}

void ShapingAddText(std::string_view utf8)
{
    if (!MayNeedShaping(utf8))
        return;
    ForEachPiece(utf8, [&](size_t begin, size_t end, bool is_run, bool rtl) {
        if (is_run)
            for (std::string_view p : CutRun(utf8.substr(begin, end - begin)))
                FindOrAddRun(p, rtl);
    });
}

void ShapingTakeRequests(std::string* out, bool again)
{
    Shaper& s = S();
    std::sort(s.NeededChars.begin(), s.NeededChars.end());
    for (char32_t cp : s.NeededChars)
        AppendGlyphRequest(out, cp, EncodeUtf8(std::u32string(1, cp)), false);
    std::u32string asked;
    std::merge(s.AskedChars.begin(), s.AskedChars.end(), s.NeededChars.begin(), s.NeededChars.end(), std::back_inserter(asked));
    s.AskedChars = std::move(asked);
    s.NeededChars.clear();
    for (Run& r : s.Runs)
    {
        if (!(r.Needed || again))
            continue;
        r.Asked = true;
        r.Needed = false;
        AppendGlyphRequest(out, r.StandIn, r.Text, r.Rtl);
    }
    s.NewRequests = false;
    // Texts noted what they lacked against the old asks: one the browser then refuses is drawn
    // from its letters, which are asked for when it is next drawn.
    s.Cache.clear();
    Generation++;
}

void ShapingSetMissing(const std::u32string& missing)
{
    Shaper& s = S();
    s.Missing.clear();
    for (char32_t cp : missing)
        if (cp <= 0xFFFF)   // ImWchar is 16-bit: the atlas holds the BMP only
            s.Missing.push_back(cp);
    std::sort(s.Missing.begin(), s.Missing.end());
    s.Cache.clear();
    Generation++;
}

std::u32string ShapingAskedChars() { return S().AskedChars; }

void AppendGlyphRequest(std::string* out, uint32_t cp, std::string_view text, bool rtl)
{
    if (!out->empty()) *out += ',';
    *out += "{\"cp\":" + std::to_string(cp) + ",\"rtl\":" + (rtl ? "true" : "false") + ",\"text\":";
    AppendJsonString(text, out);
    *out += '}';
}

bool ShapingHasRequests() { return S().NewRequests; }
bool ShapingIsStandIn(uint32_t cp) { return RunOfStandIn(cp) != nullptr; }
int ShapingRunCount() { return (int)S().Runs.size(); }

void ShapingSetDrawable(const std::u32string& stand_ins)
{
    Shaper& s = S();
    for (Run& r : s.Runs)
        r.Drawable = false;
    for (char32_t cp : stand_ins)
        if (Run* r = RunOfStandIn(cp))
            r->Drawable = true;
    s.Cache.clear();   // texts shaped before now may have runs that can be drawn now
    Generation++;
}

uint32_t ShapingGeneration() { return Generation; }

void ShapingBeginFrame()
{
    Shaper& s = S();
    if (s.Cache.size() > MaxCachedTexts)
        s.Cache.clear();
}

} // namespace ls
