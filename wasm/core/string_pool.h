// StringPool: interned strings stored back to back in one buffer, found again through an
// open-addressing hash table. Used for the loader's id tables (no std::string per reference) and
// for observation notes (a note column holds 4-byte indices into the pool).
//
//   ls::StringPool pool;
//   uint32_t a = pool.Intern("apac");  // 0
//   uint32_t b = pool.Intern("apac");  // 0 again, nothing stored twice
//   pool.Get(a);                       // "apac" (valid until the next Intern)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ls
{

class StringPool
{
public:
    uint32_t Intern(std::string_view s, bool* inserted = nullptr); // index of s, adding it when new
    int64_t Find(std::string_view s) const;                        // index of s, or -1
    std::string_view Get(uint32_t index) const;                    // the string; the view dies on the next Intern
    uint32_t Size() const { return (uint32_t)Offsets.size() - 1; } // number of distinct strings
    size_t ResidentBytes() const;                                  // heap bytes held (capacity-based)
    void Clear();                                                  // back to empty, memory released
    void ShrinkToFit();                                            // release spare capacity once the pool is complete
    void DropLookup();                                             // free the hash table; Get still works, Find/Intern rebuild it

private:
    void Rehash(size_t capacity);
    static uint32_t Hash(std::string_view s);

    std::string Chars;                        // all strings, back to back
    std::vector<uint32_t> Offsets = { 0 };    // string i is Chars[Offsets[i], Offsets[i+1])
    std::vector<uint32_t> Table;              // 0 = empty, else index + 1; size is a power of two
};

} // namespace ls
