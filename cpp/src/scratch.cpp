// Scratch-memory counters (memory_stats.hpp, detail/scratch.hpp).
#include "attention/memory_stats.hpp"

#include <algorithm>

#include "attention/detail/scratch.hpp"

namespace attention {
inline namespace AW_VARIANT {

namespace {
// Per thread, like the GEMM's packing buffer (kernels): the core shares no mutable state between
// threads, so it may be called from several at once, and each thread sees its own calls' scratch.
thread_local scratch_memory_stats counters{0, 0};
}

namespace detail {

void count_scratch_allocation(std::size_t bytes)
{
    counters.current_bytes += bytes;
    counters.peak_bytes = std::max(counters.peak_bytes, counters.current_bytes);
}

void count_scratch_release(std::size_t bytes) { counters.current_bytes -= bytes; }

}  // namespace detail

scratch_memory_stats scratch_memory() { return counters; }

void reset_scratch_memory_peak() { counters.peak_bytes = counters.current_bytes; }

}  // namespace AW_VARIANT
}  // namespace attention
