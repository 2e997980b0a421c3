// Memory of a load (issue #14): the peak of live heap bytes while a generated file loads, per
// observation, counted by replacing the global operator new/delete of this test binary (a count
// of bytes, not a timing). In WebAssembly the heap never shrinks, so the page keeps the peak of a
// load for good, not what the dataset holds afterwards. Also: Column and PlaceColumn (column.h),
// the row sort of a file out of order, and no heap left behind by repeated loads.
#include "test_loader_helpers.h"

#include "counting_allocator.h"
#include "generated_data.h"

#include "core/column.h"
#include "core/json_reader.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <numeric>
#include <random>
#include <vector>

namespace
{

using test_data::Generate;
using test_data::Order;

// Peak live heap bytes per observation while `text` loads into a fresh dataset (the text itself
// is not counted: a streamed load never holds it), fed in pieces of `piece` bytes.
double PeakPerObservation(const std::string& text, size_t piece, size_t* observations)
{
    Dataset* ds = new Dataset();
    double per_row = 0;
    {
        Counting count;
        StreamLoader loader;
        for (size_t at = 0; at < text.size(); at += piece)
            loader.Feed(std::string_view(text).substr(at, piece));
        LoadResult r = loader.Finish(ds);
        REQUIRE_MESSAGE(r.Ok, Describe(r));
        *observations = ds->ObservationCount();
        per_row = (double)count.Peak() / (double)*observations;
    }
    delete ds;
    return per_row;
}

} // namespace

// The bound, for 200,000 rows: what the loaded dataset keeps is 26 bytes a row in its columns
// (three uint16 ids, a period, a double, a uint16 source, two bytes of enums, a uint32 note)
// and 4 in the sorted index = 30. While loading, a row also has its error flag (1 byte) and its
// place for problems found after the parse (1-2 bytes); each of the 9 columns has a block being
// filled (a block is 32 KiB whatever the type: 9 x 32 KiB = 1.5 bytes a row at 200k); a file out of order needs one scratch
// array of row numbers for the sort (4). That is 36-40; nothing else may grow with the rows (no
// copy of a column, no key array, no doubling). The bench's 1M file measures the same path.
TEST_CASE("a load's peak heap: at most 36 bytes an observation in order, 40 out of order (200,000 rows, text aside)")
{
    const size_t n = 200000;
    size_t rows = 0;
    const std::string sorted = Generate(n, Order::Sorted);
    double whole = PeakPerObservation(sorted, sorted.size(), &rows);
    CHECK(rows == n);
    MESSAGE("in order, one piece: " << whole << " B/obs");
    CHECK(whole <= 36.0);
    double pieces = PeakPerObservation(sorted, 64 * 1024, &rows);
    MESSAGE("in order, 64 KiB pieces: " << pieces << " B/obs");
    CHECK(pieces <= 36.0);

    const std::string objects = Generate(n, Order::Sorted, false);
    double object_form = PeakPerObservation(objects, 64 * 1024, &rows);
    MESSAGE("object form, 64 KiB pieces: " << object_form << " B/obs");
    CHECK(rows == n);
    CHECK(object_form <= 36.0);

    const std::string shuffled = Generate(n, Order::Shuffled);
    double out_of_order = PeakPerObservation(shuffled, 64 * 1024, &rows);
    MESSAGE("out of order, 64 KiB pieces: " << out_of_order << " B/obs");
    CHECK(rows == n);
    CHECK(out_of_order <= 40.0);
}

TEST_CASE("loading the same file again and again leaves no more live heap than loading it twice")
{
    const std::string text = Generate(50000, Order::Shuffled);
    Dataset ds;
    std::vector<size_t> live;
    {
        Counting count;
        for (int i = 0; i < 6; i++)
        {
            LoadResult r = LoadDataset(text, &ds);
            REQUIRE(r.Ok);
            live.push_back(count.Live());
        }
    }
    // Nothing that grows with the rows is left behind: a byte a row would be 50,000 bytes.
    for (size_t i = 2; i < live.size(); i++)
        CHECK(live[i] <= live[1] + 1024);
}

TEST_CASE("rows out of order sort as a stable sort on (metric, entity, region, period) would")
{
    const std::string text = Generate(30000, Order::Shuffled);
    Dataset ds;
    REQUIRE(LoadDataset(text, &ds).Ok);
    const ObservationTable& o = ds.Observations;
    std::vector<uint32_t> expected(ds.ObservationCount());
    std::iota(expected.begin(), expected.end(), 0u);
    std::stable_sort(expected.begin(), expected.end(), [&o](uint32_t a, uint32_t b) {
        if (o.Metrics[a] != o.Metrics[b]) return o.Metrics[a] < o.Metrics[b];
        if (o.Entities[a] != o.Entities[b]) return o.Entities[a] < o.Entities[b];
        if (o.Regions[a] != o.Regions[b]) return o.Regions[a] < o.Regions[b];
        return o.Periods[a] < o.Periods[b];
    });
    CHECK(std::equal(ds.Index.SortedRows.begin(), ds.Index.SortedRows.end(), expected.begin(), expected.end()));
    CHECK(ds.Index.Series.size() == (30000 + 7) / 8 + 1); // series of 8 rows (the last one short), and the sentinel

    // Duplicates among shuffled rows name the first in file order, at its place.
    Dataset dup;
    const size_t rows_end = text.size() - 5; // the text ends "\n]}}\n"
    const size_t cut = text.rfind('\n', rows_end - 1);
    REQUIRE(cut != std::string::npos);
    const size_t first_row = text.find("[\n") + 2;
    const std::string last = text.substr(cut + 1, rows_end - cut - 1);
    std::string doubled = text.substr(0, first_row) + last + ",\n" + text.substr(first_row);
    LoadResult r = LoadDataset(doubled, &dup);
    REQUIRE(!r.Ok);
    REQUIRE(r.Problems.size() >= 1);
    CHECK(r.Problems[0].Message.find("duplicate observation") != std::string::npos);
    CHECK(r.Problems[0].Pointer == "/observations/rows/" + std::to_string(ds.ObservationCount())); // the copy at the end
    CHECK(r.Problems[0].Message.find("at /observations/rows/0 (line ") != std::string::npos);   // names the first, in file order
}

TEST_CASE("Column: grows in blocks, cuts its last block, copies, compares and iterates like a vector")
{
    Column<double> c;
    std::vector<double> v;
    const size_t n = 3 * Column<double>::kBlockRows + 17;
    for (size_t i = 0; i < n; i++)
    {
        c.push_back(i * 0.5);
        v.push_back(i * 0.5);
    }
    REQUIRE(c.size() == n);
    CHECK(c.capacity() == 4 * Column<double>::kBlockRows);
    CHECK(std::equal(c.begin(), c.end(), v.begin(), v.end()));
    c.shrink_to_fit();
    CHECK(c.capacity() == n);
    CHECK(c.back() == v.back());
    c.push_back(-1); // a cut block takes its full size again, its rows kept
    v.push_back(-1);
    CHECK(c.capacity() == 4 * Column<double>::kBlockRows);
    CHECK(std::equal(c.begin(), c.end(), v.begin(), v.end()));
    Column<double> copy = c;
    CHECK(copy == c);
    copy[5] = 99;
    CHECK(copy != c);
    CHECK(c[5] == 2.5);
    Column<double> moved = std::move(copy);
    CHECK(moved[5] == 99);
    CHECK(copy.size() == 0);
    c.clear();
    c.shrink_to_fit();
    CHECK(c.capacity() == 0);
    CHECK(c.ResidentBytes() == 0);
    Column<uint8_t> small;
    small.push_back(7);
    small.shrink_to_fit();
    CHECK(small.capacity() == 1);
    CHECK(small[0] == 7);
}

TEST_CASE("PlaceColumn: every place comes back, whatever the steps between rows")
{
    PlaceColumn<TextPos> places;
    std::vector<TextPos> expected;
    std::mt19937 rng(7);
    TextPos p{ 1, 1 };
    for (int i = 0; i < 5000; i++)
    {
        switch (rng() % 5)
        {
        case 0: p.Column += 1 + rng() % 60; break;           // the next row on the same line (a minified file)
        case 1: p.Line += 1, p.Column = 1 + rng() % 8; break; // the next line (one row a line)
        case 2: p.Line += 2 + rng() % 9, p.Column = 1 + rng() % 40; break;
        case 3: p.Column += 100000 + rng(); break;            // a long line
        default: p.Column = 1 + rng() % 3; break;             // back on the same line (never happens; must still come back)
        }
        places.push_back(p);
        expected.push_back(p);
    }
    REQUIRE(places.size() == expected.size());
    for (size_t i = 0; i < expected.size(); i++)
    {
        TextPos got = places[i];
        REQUIRE(got.Line == expected[i].Line);
        REQUIRE(got.Column == expected[i].Column);
    }
    CHECK(places.ResidentBytes() < expected.size() * sizeof(TextPos));
}
