// Column<T>: a growable array of plain values kept in fixed-size blocks instead of one
// contiguous buffer. The observation table (dataset.h) and the loader's per-row bookkeeping use it.
//
//   ls::Column<double> values;
//   values.push_back(2.5);
//   values[0] += 1;          // like std::vector: size(), [], back(), range-for
//   values.shrink_to_fit();  // the last block cut to the rows it holds
//
// Why not std::vector: a vector grows by doubling, so while it grows the old and the new buffer
// are alive together (1.5x the column), it ends up to 2x the rows it holds, and shrinking it to
// fit copies it once more. In WebAssembly the heap never shrinks and a freed buffer is a hole
// that only a smaller allocation can reuse, so every one of those copies stays in the page's
// memory for good. Blocks are never copied when the column grows; every block but a trimmed
// last one has the same size in bytes, whatever the column's type (32 KiB: 32,768 bytes, 4,096
// doubles), so any block a replaced dataset frees fits any block the next load asks for. With a
// block size per type (16 KiB of bytes, 128 KiB of doubles, as before), emmalloc (which tries the
// first free region of a size class) cut big holes for small blocks, until a 64 KiB block found
// no hole and the wasm memory grew by a step every few loads of the same file (a trace of 20
// loads of 1M replayed through emmalloc: 72.7 -> 76.4 MB). Reading a row costs one more indexed
// load than a vector (the block table is a few hundred bytes at a million rows).
#pragma once

#include "core/force_inline.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>


namespace ls
{

template <typename T>
class Column
{
    static_assert(std::is_trivially_copyable_v<T>, "columns hold plain values (blocks are copied with memcpy)");
    static_assert(sizeof(T) <= 4096 && (sizeof(T) & (sizeof(T) - 1)) == 0, "a block holds a power of two of rows");
    static constexpr int Log2(size_t n) { return n <= 1 ? 0 : 1 + Log2(n >> 1); }

public:
    using value_type = T;
    static constexpr size_t kBlockBytes = (size_t)32 << 10;                    // every column's blocks: see above
    static constexpr int kBlockShift = Log2(kBlockBytes) - Log2(sizeof(T));     // 32,768 rows of bytes, 4,096 doubles
    static constexpr size_t kBlockRows = (size_t)1 << kBlockShift;
    static constexpr size_t kRowMask = kBlockRows - 1;

    Column() = default;
    Column(const Column& other) { *this = other; }
    Column(Column&& other) noexcept { swap(other); }
    ~Column() { Release(); }
    Column& operator=(const Column& other)
    {
        if (this != &other)
        {
            clear();
            reserve(other.Count);
            for (size_t b = 0; b < Blocks.size() && b * kBlockRows < other.Count; b++)
                memcpy(Blocks[b], other.Blocks[b], RowsInBlock(b, other.Count) * sizeof(T));
            Count = other.Count;
        }
        return *this;
    }
    Column& operator=(Column&& other) noexcept
    {
        if (this != &other)
        {
            Release();
            swap(other);
        }
        return *this;
    }
    void swap(Column& other) noexcept
    {
        Blocks.swap(other.Blocks);
        std::swap(Count, other.Count);
        std::swap(LastRows, other.LastRows);
        std::swap(Capacity, other.Capacity);
    }

    size_t size() const { return Count; }
    bool empty() const { return Count == 0; }
    size_t capacity() const { return Capacity; }
    T& operator[](size_t i) { return Blocks[i >> kBlockShift][i & kRowMask]; }
    const T& operator[](size_t i) const { return Blocks[i >> kBlockShift][i & kRowMask]; }
    // The loader stores each cell into the last row (always inline: -Oz would call out per cell).
    LS_ALWAYS_INLINE T& back() { return Blocks[(Count - 1) >> kBlockShift][(Count - 1) & kRowMask]; }
    const T& back() const { return (*this)[Count - 1]; }

    void push_back(T value)
    {
        if (Count == Capacity)
            Grow();
        (*this)[Count++] = value;
    }
    void reserve(size_t rows) // whole blocks up to `rows`
    {
        while (capacity() < rows)
            Grow();
    }
    // Whole blocks up to `rows`, and that many rows whose values are whatever the blocks hold:
    // for a scratch column every row of which is written before it is read (RadixSortRows).
    void resize_for_overwrite(size_t rows)
    {
        reserve(rows);
        Count = rows;
    }
    void clear() { Count = 0; } // blocks kept for reuse, as std::vector keeps its capacity
    void shrink_to_fit() // frees the blocks past the rows and cuts the last one to its rows (a copy of at most one block)
    {
        size_t keep = (Count + kRowMask) >> kBlockShift;
        while (Blocks.size() > keep)
        {
            ::operator delete(Blocks.back());
            Blocks.pop_back();
            LastRows = kBlockRows;
        }
        size_t rows = Blocks.empty() ? 0 : RowsInBlock(Blocks.size() - 1, Count);
        if (rows < LastRows && rows > 0)
            Resize(&Blocks.back(), rows, rows);
        Blocks.shrink_to_fit();
        Capacity = Blocks.empty() ? 0 : (Blocks.size() - 1) * kBlockRows + LastRows;
    }
    friend bool operator==(const Column& a, const Column& b)
    {
        if (a.Count != b.Count)
            return false;
        for (size_t i = 0; i < a.Count; i++)
            if (!(a[i] == b[i]))
                return false;
        return true;
    }
    friend bool operator!=(const Column& a, const Column& b) { return !(a == b); }
    size_t ResidentBytes() const { return capacity() * sizeof(T) + Blocks.capacity() * sizeof(T*); } // heap bytes held

    template <typename Ref, typename Owner>
    class Iter
    {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = std::remove_reference_t<Ref>*;
        using reference = Ref;
        Iter() = default;
        Iter(Owner* c, size_t i) : C(c), I(i) {}
        Ref operator*() const { return (*C)[I]; }
        Ref operator[](difference_type d) const { return (*C)[I + d]; }
        Iter& operator++() { ++I; return *this; }
        Iter operator++(int) { Iter t = *this; ++I; return t; }
        Iter& operator--() { --I; return *this; }
        Iter operator--(int) { Iter t = *this; --I; return t; }
        Iter& operator+=(difference_type d) { I += d; return *this; }
        Iter& operator-=(difference_type d) { I -= d; return *this; }
        friend Iter operator+(Iter a, difference_type d) { return a += d; }
        friend Iter operator+(difference_type d, Iter a) { return a += d; }
        friend Iter operator-(Iter a, difference_type d) { return a -= d; }
        friend difference_type operator-(Iter a, Iter b) { return (difference_type)a.I - (difference_type)b.I; }
        friend bool operator==(Iter a, Iter b) { return a.I == b.I; }
        friend bool operator!=(Iter a, Iter b) { return a.I != b.I; }
        friend bool operator<(Iter a, Iter b) { return a.I < b.I; }
        friend bool operator>(Iter a, Iter b) { return a.I > b.I; }
        friend bool operator<=(Iter a, Iter b) { return a.I <= b.I; }
        friend bool operator>=(Iter a, Iter b) { return a.I >= b.I; }

    private:
        Owner* C = nullptr;
        size_t I = 0;
    };
    using iterator = Iter<T&, Column>;
    using const_iterator = Iter<const T&, const Column>;
    iterator begin() { return iterator(this, 0); }
    iterator end() { return iterator(this, Count); }
    const_iterator begin() const { return const_iterator(this, 0); }
    const_iterator end() const { return const_iterator(this, Count); }

private:
    static size_t RowsInBlock(size_t block, size_t count)
    {
        size_t first = block * kBlockRows;
        return count <= first ? 0 : (count - first < kBlockRows ? count - first : kBlockRows);
    }
    void Grow()
    {
        if (!Blocks.empty() && LastRows < kBlockRows)
            Resize(&Blocks.back(), LastRows, kBlockRows); // a cut last block takes its full size again
        else
        {
            Blocks.reserve(Blocks.size() + 1); // nothing leaks if the table cannot grow
            Blocks.push_back(static_cast<T*>(::operator new(kBlockRows * sizeof(T))));
        }
        LastRows = kBlockRows;
        Capacity = Blocks.size() * kBlockRows;
    }
    void Resize(T** block, size_t keep_rows, size_t rows)
    {
        T* p = static_cast<T*>(::operator new(rows * sizeof(T)));
        memcpy(p, *block, keep_rows * sizeof(T));
        ::operator delete(*block);
        *block = p;
        LastRows = rows;
    }
    void Release()
    {
        for (T* b : Blocks)
            ::operator delete(b);
        std::vector<T*>().swap(Blocks);
        Count = 0;
        LastRows = kBlockRows;
        Capacity = 0;
    }

    std::vector<T*> Blocks;
    size_t Count = 0;
    size_t LastRows = kBlockRows; // rows the last block has room for (fewer once cut)
    size_t Capacity = 0;          // (blocks - 1) * kBlockRows + LastRows, kept for push_back
};

// PlaceColumn<Place>: the text place (Line, Column; both uint32) of each row, as the loader keeps
// it for problems that can only be found after the parse (duplicates). Stored as it is read, a
// place is 8 bytes a row, more than a third of the observation table; but rows follow each other,
// so a place is stored as its step from the row before in one to three bytes (a varint: a new
// column on the same line, the column on the next line, or lines down and a column), with a full
// place every kCheckpointRows rows to start decoding from. Reading a place decodes at most that
// many steps: places are read for the few problems listed, not on a hot path.
template <typename Place>
class PlaceColumn
{
public:
    static constexpr size_t kCheckpointRows = 128;

    size_t size() const { return Count; }
    void push_back(Place p)
    {
        if (Count % kCheckpointRows == 0)
            Checkpoints.push_back(Checkpoint{ (uint64_t)Bytes.size(), p });
        else if (p.Line == Last.Line && p.Column >= Last.Column)
            PutVarint((uint64_t)(p.Column - Last.Column) << 1);
        else if (p.Line == Last.Line + 1)
            PutVarint(((uint64_t)p.Column << 2) | 1);
        else
        {
            PutVarint(((uint64_t)(uint32_t)(p.Line - Last.Line) << 2) | 3); // a step back (not expected) wraps and unwraps alike
            PutVarint(p.Column);
        }
        Last = p;
        Count++;
    }
    Place operator[](size_t row) const
    {
        const Checkpoint& c = Checkpoints[row / kCheckpointRows];
        Place p = c.At;
        size_t at = (size_t)c.Byte;
        for (size_t r = row - row % kCheckpointRows; r < row; r++)
        {
            uint64_t v = GetVarint(&at);
            if ((v & 1) == 0)
                p.Column += (uint32_t)(v >> 1);
            else if ((v & 2) == 0)
                p.Line += 1, p.Column = (uint32_t)(v >> 2);
            else
                p.Line += (uint32_t)(v >> 2), p.Column = (uint32_t)GetVarint(&at);
        }
        return p;
    }
    size_t ResidentBytes() const { return Bytes.ResidentBytes() + Checkpoints.capacity() * sizeof(Checkpoint); }

private:
    struct Checkpoint
    {
        uint64_t Byte; // where the steps after this row start in Bytes
        Place At;
    };
    void PutVarint(uint64_t v)
    {
        while (v >= 0x80)
        {
            Bytes.push_back((uint8_t)(v | 0x80));
            v >>= 7;
        }
        Bytes.push_back((uint8_t)v);
    }
    uint64_t GetVarint(size_t* at) const
    {
        uint64_t v = 0;
        for (int shift = 0;; shift += 7)
        {
            uint8_t b = Bytes[(*at)++];
            v |= (uint64_t)(b & 0x7F) << shift;
            if (!(b & 0x80))
                return v;
        }
    }

    Column<uint8_t> Bytes;
    std::vector<Checkpoint> Checkpoints;
    Place Last{};
    size_t Count = 0;
};

} // namespace ls
