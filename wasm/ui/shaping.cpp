// Complex-script shaping (see shaping.h). First version: text is drawn as it is.
#include "ui/shaping.h"

#include <unordered_set>

namespace ls {

const char* ShapedText(std::string_view utf8)
{
    // Interned, so the pointer outlives the caller's temporary.
    static std::unordered_set<std::string> interned;
    return interned.emplace(utf8).first->c_str();
}

std::string UnshapedText(std::string_view shaped) { return std::string(shaped); }

} // namespace ls
