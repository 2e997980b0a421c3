// The non-template parts of JsonReader (see json_reader.h): tables, UTF-8 output, the strtod fallback.
#include "core/json_reader.h"

#include <clocale>
#include <cstdlib>

namespace ls
{
namespace json_detail
{

#define LS_ROW_CONTROL 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
#define LS_ROW_PLAIN 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
#define LS_ROW_HIGH 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
const uint8_t kStringPlain[256] = {
    LS_ROW_CONTROL, LS_ROW_CONTROL,                                  // 0x00..0x1F: must be escaped
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,                  // 0x20..0x2F: '"' ends the string
    LS_ROW_PLAIN,                                                    // 0x30..0x3F
    LS_ROW_PLAIN,                                                    // 0x40..0x4F
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,                  // 0x50..0x5F: '\\' starts an escape
    LS_ROW_PLAIN, LS_ROW_PLAIN,                                      // 0x60..0x7F
    LS_ROW_HIGH, LS_ROW_HIGH, LS_ROW_HIGH, LS_ROW_HIGH,              // 0x80..0xFF: UTF-8, checked
    LS_ROW_HIGH, LS_ROW_HIGH, LS_ROW_HIGH, LS_ROW_HIGH,
};
#undef LS_ROW_CONTROL
#undef LS_ROW_PLAIN
#undef LS_ROW_HIGH

const double kPow10[23] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

double SlowNumber(const char* begin, const char* end)
{
    // strtod wants a NUL-terminated string and reads the locale's decimal point.
    const size_t length = (size_t)(end - begin);
    char small[64];
    std::string large;
    char* copy = small;
    if (length >= sizeof(small))
    {
        large.resize(length + 1);
        copy = &large[0];
    }
    memcpy(copy, begin, length);
    copy[length] = 0;
    const lconv* locale = localeconv();
    const char point = locale && locale->decimal_point && locale->decimal_point[0] ? locale->decimal_point[0] : '.';
    if (point != '.')
        for (size_t i = 0; i < length; i++)
            if (copy[i] == '.')
                copy[i] = point;
    return strtod(copy, nullptr);
}

void AppendUtf8(std::string* out, uint32_t c)
{
    if (c < 0x80)
        out->push_back((char)c);
    else if (c < 0x800)
    {
        out->push_back((char)(0xC0 | (c >> 6)));
        out->push_back((char)(0x80 | (c & 0x3F)));
    }
    else if (c < 0x10000)
    {
        out->push_back((char)(0xE0 | (c >> 12)));
        out->push_back((char)(0x80 | ((c >> 6) & 0x3F)));
        out->push_back((char)(0x80 | (c & 0x3F)));
    }
    else
    {
        out->push_back((char)(0xF0 | (c >> 18)));
        out->push_back((char)(0x80 | ((c >> 12) & 0x3F)));
        out->push_back((char)(0x80 | ((c >> 6) & 0x3F)));
        out->push_back((char)(0x80 | (c & 0x3F)));
    }
}

} // namespace json_detail
} // namespace ls
