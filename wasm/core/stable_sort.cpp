// StableSortIndices (see stable_sort.h): the one std::stable_sort instance behind StableSortBy.
#include "core/stable_sort.h"

#include <algorithm>

namespace ls
{

namespace
{
struct IndexCompare
{
    IndexLess Less;
    const void* Context;
    bool operator()(uint32_t a, uint32_t b) const { return Less(Context, a, b); }
};
} // namespace

void StableSortIndices(uint32_t* first, uint32_t* last, IndexLess less, const void* context)
{
    std::stable_sort(first, last, IndexCompare{ less, context });
}

} // namespace ls
