// Scratch-memory accounting: how much temporary memory the kernels hold.
//
// Every temporary buffer a kernel allocates (packed K/V panels, score tiles, running statistics)
// goes through one counting allocator, so the benchmark and the tests can show that tiled
// attention needs O(block·d) extra memory while naive attention needs O(Lq·Lk). Result tensors are
// not counted, nor the GEMM's fixed 64 KiB buffer for packing A (a thread_local array whose size
// never depends on the arguments). Counters are per variant and per thread: they count the scratch
// of the calling thread's calls (the core may be called from several threads at once; see README).
#pragma once

#include <cstddef>

#include "attention/config.hpp"

namespace attention {

struct scratch_memory_stats {
    std::size_t current_bytes;  ///< scratch bytes allocated right now
    std::size_t peak_bytes;     ///< high-water mark since the last reset
};

inline namespace AW_VARIANT {

/// Current and peak scratch bytes of this variant's calls on the calling thread.
scratch_memory_stats scratch_memory();

/// Sets the calling thread's peak to its current value, so the next call's peak can be measured.
void reset_scratch_memory_peak();

}  // namespace AW_VARIANT
}  // namespace attention
