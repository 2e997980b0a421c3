// StringPool (see string_pool.h).
#include "core/string_pool.h"

#include <cstring>

namespace ls
{

uint32_t StringPool::Hash(std::string_view s)
{
    // FNV-1a: ids are short (a dozen bytes), so a simple byte loop is as fast as anything fancier.
    uint32_t h = 2166136261u;
    for (unsigned char c : s)
        h = (h ^ c) * 16777619u;
    return h;
}

void StringPool::Rehash(size_t capacity)
{
    Table.assign(capacity, 0);
    const size_t mask = capacity - 1;
    for (uint32_t i = 0; i < Size(); i++)
    {
        size_t slot = Hash(Get(i)) & mask;
        while (Table[slot] != 0)
            slot = (slot + 1) & mask;
        Table[slot] = i + 1;
    }
}

int64_t StringPool::Find(std::string_view s) const
{
    if (Table.empty())
    {
        // Lookup was dropped: a linear scan keeps Find correct (callers that need speed keep the table).
        for (uint32_t i = 0; i < Size(); i++)
            if (Get(i) == s)
                return i;
        return -1;
    }
    const size_t mask = Table.size() - 1;
    size_t slot = Hash(s) & mask;
    while (uint32_t entry = Table[slot])
    {
        uint32_t begin = Offsets[entry - 1], end = Offsets[entry];
        if (end - begin == s.size() && memcmp(Chars.data() + begin, s.data(), s.size()) == 0)
            return entry - 1;
        slot = (slot + 1) & mask;
    }
    return -1;
}

uint32_t StringPool::Intern(std::string_view s, bool* inserted)
{
    if (Table.empty())
    {
        size_t capacity = 16;
        while (capacity < (size_t)Size() * 2 + 2)
            capacity *= 2;
        Rehash(capacity);
    }
    const size_t mask = Table.size() - 1;
    size_t slot = Hash(s) & mask;
    while (uint32_t entry = Table[slot])
    {
        uint32_t begin = Offsets[entry - 1], end = Offsets[entry];
        if (end - begin == s.size() && memcmp(Chars.data() + begin, s.data(), s.size()) == 0)
        {
            if (inserted)
                *inserted = false;
            return entry - 1;
        }
        slot = (slot + 1) & mask;
    }
    uint32_t index = Size();
    Chars.append(s.data(), s.size());
    Offsets.push_back((uint32_t)Chars.size());
    Table[slot] = index + 1;
    if (Size() * 2 > Table.size()) // keep the load factor under one half: probes stay short
        Rehash(Table.size() * 2);
    if (inserted)
        *inserted = true;
    return index;
}

std::string_view StringPool::Get(uint32_t index) const
{
    if (index >= Size())
        return std::string_view();
    return std::string_view(Chars.data() + Offsets[index], Offsets[index + 1] - Offsets[index]);
}

size_t StringPool::ResidentBytes() const
{
    size_t chars = Chars.capacity() > 15 ? Chars.capacity() + 1 : 0; // short strings live inside the object
    return chars + Offsets.capacity() * sizeof(uint32_t) + Table.capacity() * sizeof(uint32_t);
}

void StringPool::Clear()
{
    std::string().swap(Chars);
    std::vector<uint32_t>{ 0 }.swap(Offsets);
    std::vector<uint32_t>().swap(Table);
}

void StringPool::ShrinkToFit()
{
    Chars.shrink_to_fit();
    Offsets.shrink_to_fit();
}

void StringPool::DropLookup() { std::vector<uint32_t>().swap(Table); }

} // namespace ls
