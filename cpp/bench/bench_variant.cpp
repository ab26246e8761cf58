#include "bench_variant.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include "attention/build_info.hpp"
#include "attention/detail/shapes.hpp"
#include "attention/flash_attention.hpp"
#include "attention/memory_stats.hpp"
#include "attention/scaled_dot_product_attention.hpp"

namespace aw_bench {
namespace AW_VARIANT {  // declared (non-inline) in bench_variant.hpp

attention::build_info info() { return attention::simd_build_info(); }

measurement run(algorithm which, const attention::tensor& q, const attention::tensor& k, const attention::tensor& v,
                int repetitions, bool return_weights, std::size_t block_q, std::size_t block_k)
{
    using clock = std::chrono::steady_clock;
    std::vector<double> times;
    measurement result{0, 0, 0, 0};
    for (int r = 0; r < repetitions; ++r) {
        attention::reset_scratch_memory_peak();
        const std::size_t before = attention::scratch_memory().current_bytes;
        const auto start = clock::now();
        attention::tensor output, weights;
        if (which == algorithm::naive) {
            attention::sdpa_options options;
            options.return_weights = return_weights;
            auto out = attention::scaled_dot_product_attention(q, k, v, options);
            output = std::move(out.output);
            weights = std::move(out.weights);
        } else {
            attention::flash_options options;
            options.block_q = block_q;
            options.block_k = block_k;
            output = attention::flash_attention(q, k, v, options);
        }
        times.push_back(std::chrono::duration<double>(clock::now() - start).count());
        result.scratch_peak_bytes = attention::scratch_memory().peak_bytes - before;
        result.result_bytes = (output.size() + (weights.dimension() != 0 ? weights.size() : 0)) * sizeof(float);
        result.checksum = 0;
        for (float x : output) result.checksum += x;
    }
    // The fastest repetition: the machine is shared, and interference only ever adds time.
    result.seconds_per_call = *std::min_element(times.begin(), times.end());
    return result;
}

double seconds_to_check_inputs(const attention::tensor& q, const attention::tensor& k, const attention::tensor& v,
                               int repetitions)
{
    using clock = std::chrono::steady_clock;
    double fastest = 1e30;
    for (int r = 0; r < repetitions; ++r) {
        const auto start = clock::now();
        for (const attention::tensor* t : {&q, &k, &v}) attention::detail::require_finite("bench", "x", *t);
        fastest = std::min(fastest, std::chrono::duration<double>(clock::now() - start).count());
    }
    return fastest;
}

}  // namespace AW_VARIANT
}  // namespace aw_bench
