// One benchmark step per variant of the core. bench_variant.cpp is compiled twice (once with
// AW_SCALAR=1), so the SIMD and scalar builds are timed side by side in one process.
#pragma once

#include <cstddef>

#include "attention/build_info.hpp"
#include "attention/tensor.hpp"

namespace aw_bench {

struct measurement {
    double seconds_per_call;       ///< fastest of the timed repetitions
    std::size_t scratch_peak_bytes;  ///< peak scratch memory of one call (memory_stats.hpp)
    std::size_t result_bytes;        ///< bytes of the returned tensors
    float checksum;                  ///< sum of the output, so the work cannot be optimised away
};

/// Which algorithm to time.
enum class algorithm { naive, tiled };

#define AW_BENCH_DECLARE_VARIANT(variant)                                                                    \
    namespace variant {                                                                                      \
    attention::build_info info();                                                                            \
    /* Calls the algorithm `repetitions` times on q, k, v [h, L, d] and reports the fastest call; block sizes 0 = default. */                \
    measurement run(algorithm which, const attention::tensor& q, const attention::tensor& k,                 \
                    const attention::tensor& v, int repetitions, bool return_weights,                        \
                    std::size_t block_q, std::size_t block_k);                                               \
    /* Fastest of `repetitions` passes of the input check every call makes (NaN / infinities in q, k, v). */ \
    double seconds_to_check_inputs(const attention::tensor& q, const attention::tensor& k,                   \
                                   const attention::tensor& v, int repetitions);                             \
    }

AW_BENCH_DECLARE_VARIANT(simd)
AW_BENCH_DECLARE_VARIANT(scalar)

#undef AW_BENCH_DECLARE_VARIANT

}  // namespace aw_bench
