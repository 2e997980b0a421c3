// A counting global operator new/delete for the memory tests (issue #14): the live and peak bytes
// allocated inside a Counting scope (a count of bytes, not a timing). It replaces the binary's
// operator new, so include it in exactly ONE translation unit of a test binary (the core runner's
// test_load_memory.cpp, the memory runner's memory_test_loads.cpp). Each block carries its size
// in front of it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace counting
{
constexpr size_t kHeader = alignof(std::max_align_t);
bool g_Counting = false;
size_t g_Live = 0, g_Peak = 0;
size_t g_Largest = 0; // the largest block one operator new asked for (ImGui's own MemAlloc aside)

struct Counting
{
    Counting() { g_Live = g_Peak = 0, g_Counting = true; }
    ~Counting() { g_Counting = false; }
    size_t Peak() const { return g_Peak; }
    size_t Live() const { return g_Live; }
    size_t Largest() const { return g_Largest; }
    void ResetPeak() { g_Peak = g_Live, g_Largest = 0; } // the next peak (and largest block), from now
};

// Every plain and nothrow form goes through here: a block from another allocator (the sanitizer's
// own nothrow new, which std::stable_sort's temporary buffer uses) must never reach the delete
// below, which reads the size in front of the block.
inline void* CountedNew(size_t n) noexcept
{
    void* p = malloc(n + kHeader);
    if (!p)
        return nullptr;
    *(size_t*)p = g_Counting ? n : SIZE_MAX; // blocks from before the count are not subtracted
    if (g_Counting)
    {
        g_Live += n;
        g_Peak = std::max(g_Peak, g_Live);
    }
    return (char*)p + kHeader;
}
inline void CountedDelete(void* p) noexcept
{
    if (!p)
        return;
    void* block = (char*)p - kHeader;
    size_t n = *(size_t*)block;
    if (g_Counting && n != SIZE_MAX)
        g_Live -= n;
    free(block);
}
} // namespace counting
using counting::Counting;

void* operator new(size_t n)
{
    if (counting::g_Counting)
        counting::g_Largest = std::max(counting::g_Largest, n);
    void* p = counting::CountedNew(n);
    if (!p)
        throw std::bad_alloc();
    return p;
}
void* operator new[](size_t n) { return operator new(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept
{
    if (counting::g_Counting)
        counting::g_Largest = std::max(counting::g_Largest, n);
    return counting::CountedNew(n);
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept { return counting::CountedNew(n); }
void operator delete(void* p) noexcept { counting::CountedDelete(p); }
void operator delete[](void* p) noexcept { counting::CountedDelete(p); }
void operator delete(void* p, size_t) noexcept { counting::CountedDelete(p); }
void operator delete[](void* p, size_t) noexcept { counting::CountedDelete(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { counting::CountedDelete(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { counting::CountedDelete(p); }
