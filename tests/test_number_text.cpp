// wasm/platform/number_text.h: the wasm's strtod (strtod_js.cpp) finds where a number ends with
// it, and callers such as the loader's LooksNumeric decide by that end; it must be the end the C
// library's strtod finds, for any text. Checked here against this machine's strtod on edge cases
// and on random texts over the characters the grammar cares about.
#include <doctest/doctest.h>

#include "platform/number_text.h"

#include <cmath>
#include <cstdlib>
#include <random>
#include <string>

namespace {

// The scanner's end and kind agree with strtod's end and value class for `text`.
void CheckAgainstLibc(const std::string& text)
{
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    const ls::NumberText t = ls::ScanNumberText(text.c_str());
    INFO("text: \"" << text << "\"");
    CHECK(t.End == (size_t)(end - text.c_str()));
    if (t.Kind == ls::NumberTextKind::NaN)
        CHECK(std::isnan(value));
    if (t.Kind == ls::NumberTextKind::Infinity)
        CHECK(std::isinf(value));
    if (t.Kind == ls::NumberTextKind::None)
        CHECK(value == 0.0);
    if (t.Kind != ls::NumberTextKind::None && !std::isnan(value))
        CHECK(std::signbit(value) == t.Negative);
}

} // namespace

TEST_CASE("number text: where strtod's number ends, for edge cases")
{
    for (const char* text : { "", " ", "-", "+", ".", "-.", "1", "-1", "+1", "  \t\n12x", "1.", ".5", "1.5e", "1.5e+",
                              "1.5e-3", "1e+x", "1ex", "1E5", "00012", "0", "-0", "0.0e0", "12,5", "1..2", "1e5.5",
                              "inf", "INF", "-Inf", "infinity", "infinit", "INFINITYx", "nan", "NaN", "-nan", "nan(",
                              "nan()", "nan(abc_12)", "nan(a-b)", "0x", "0x.", "0X1", "0x1.8p1", "0x.8", "0x1p", "0x1p+",
                              "0x1P-3z", "0xg", "-0x1A", "0xp1", "1e400", "1e-400", "4.9e-324",
                              "123456789012345678901234567890", "\v\f\r+.5e-0x" })
        CheckAgainstLibc(text);
}

TEST_CASE("number text: where strtod's number ends, for random texts")
{
    const std::string alphabet = "0123456789.eE+-xXpPaAfFiInNtTyY() _";
    std::mt19937 random(14);
    for (int n = 0; n < 20000; n++)
    {
        std::string text;
        const int length = (int)(random() % 12);
        for (int i = 0; i < length; i++)
            text += alphabet[random() % alphabet.size()];
        CheckAgainstLibc(text);
    }
}
