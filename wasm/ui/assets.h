// Assets compiled into the binary: font subsets and the projected world map (see embed_assets.cmake).
#pragma once
#include <cstddef>

namespace ls {

struct Asset
{
    const char*          Name;   // file name, e.g. "inter.otf", "world.lsmap"
    const unsigned char* Data;
    size_t               Size;
};

const Asset* FindAsset(const char* name);   // nullptr when the build carries no such asset
const Asset* AllAssets();                   // table ending with a { nullptr, nullptr, 0 } entry

} // namespace ls
