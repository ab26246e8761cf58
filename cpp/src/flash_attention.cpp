// Tiled attention with online softmax (flash_attention.hpp): the public function and its kernel,
// detail::tiled_attention (declared in detail/attention_kernels.hpp with the other attention kernels).
#include "attention/flash_attention.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "attention/detail/attention_kernels.hpp"
#include "attention/detail/kernels.hpp"
#include "attention/detail/scratch.hpp"
#include "attention/detail/shapes.hpp"
#include "attention/detail/tuning.hpp"

namespace attention {
inline namespace AW_VARIANT {

namespace detail {

namespace {
constexpr float negative_infinity = -std::numeric_limits<float>::infinity();
}

// -------------------------------------------------------------------------------------------------
// Tiled attention with online softmax.
//
// Softmax needs the maximum and the sum over a whole row of scores, but the row arrives block by
// block. Milakov & Gimelshein (2018, "Online normalizer calculation for softmax", arXiv 1805.02867)
// keep, for each query row, a running maximum m and a running sum l = Σ exp(s_j − m) over the keys
// seen so far, and correct them when the maximum grows. FlashAttention (Dao et al. 2022) applies
// the same correction to an unnormalised output accumulator o = Σ exp(s_j − m)·v_j. For one query
// row and one new block of scores s_B:
//   1. m_new = max(m, max_j s_B,j)                  the running maximum
//   2. c     = exp(m − m_new)                        how much the old terms shrink (0 on the first
//                                                    block, where m = −∞; 1 if the maximum stayed)
//   3. p_j   = exp(s_B,j − m_new)                    this block's unnormalised weights (−∞ → 0)
//   4. l     = c·l + Σ_j p_j                         the running sum, rescaled to the new maximum
//   5. o     = c·o + Σ_j p_j·v_j                     the output accumulator, rescaled likewise
//   6. m     = m_new
// After the last block, output = o / l. Every exponent is ≤ 0, so nothing overflows, and the
// result equals softmax(s)·V exactly in real arithmetic. Rows that have seen only −∞ so far
// (masked) keep m = −∞ and skip steps 2–5 (−∞ − (−∞) would be NaN); if a row never sees an allowed
// key, l stays 0 and its output is 0 instead of 0/0.
// -------------------------------------------------------------------------------------------------
void tiled_attention(const attention_problem& p, const mask_plan& mask, std::size_t block_q, std::size_t block_k,
                     float* output)
{
    block_q = std::min(block_q, std::max<std::size_t>(p.lq, 1));
    block_k = std::min(block_k, std::max<std::size_t>(p.lk, 1));
    // Scores are computed score_rows query rows at a time (a multiple of kernel_rows unless the
    // whole tile is smaller), so that S and P of those rows stay in cache between the two products.
    const std::size_t score_rows = std::min(block_q, flash_score_rows);
    scratch_buffer packed_q(packed_a_size(block_q, p.d));         // Q of one query tile, packed
    scratch_buffer packed_k(packed_size(p.d, block_k));           // Kᵀ of one key block, packed
    scratch_buffer packed_v(packed_size(block_k, p.dv));          // V of one key block, packed
    scratch_buffer scores(score_rows * block_k);                  // S, then P, of score_rows rows
    scratch_buffer packed_p(packed_a_size(score_rows, block_k));  // the same P, packed for P·V
    scratch_buffer accumulator(block_q * p.dv);                   // o for each row of the query tile
    scratch_buffer running_max(block_q), running_sum(block_q);

    for (std::size_t b = 0; b < p.batches; ++b) {
        const float* q = p.q + p.q_index[b] * p.lq * p.d;
        const float* k = p.k + p.k_index[b] * p.lk * p.d;
        const float* v = p.v + p.v_index[b] * p.lk * p.dv;
        float* out = output + b * p.lq * p.dv;
        for (std::size_t i0 = 0; i0 < p.lq; i0 += block_q) {
            const std::size_t rows = std::min(block_q, p.lq - i0);
            std::fill(running_max.data(), running_max.data() + rows, negative_infinity);
            std::fill(running_sum.data(), running_sum.data() + rows, 0.f);
            std::fill(accumulator.data(), accumulator.data() + rows * p.dv, 0.f);
            pack_a(q + i0 * p.d, p.d, rows, p.d, packed_q.data());  // once per tile, used by every key block

            for (std::size_t j0 = 0; j0 < p.lk; j0 += block_k) {
                // Causal: once a key block lies entirely in the future of every row of the tile, so
                // do all later blocks.
                if (mask.causal_hides_from(i0, rows, j0)) break;
                const std::size_t cols = std::min(block_k, p.lk - j0);
                pack_transposed(k + j0 * p.d, p.d, cols, p.d, packed_k.data());
                pack_rows(v + j0 * p.dv, p.dv, cols, p.dv, packed_v.data());

                for (std::size_t t0 = 0; t0 < rows; t0 += score_rows) {
                    const std::size_t t_rows = std::min(score_rows, rows - t0);
                    // Causal: these rows see none of the block (later rows of the tile may).
                    if (mask.causal_hides_from(i0 + t0, t_rows, j0)) continue;
                    // S = scale · Q_rows · K_blockᵀ   [t_rows, cols]; row t0 starts sliver t0 / kernel_rows
                    gemm_prepacked(packed_q.data() + t0 * p.d, t_rows, p.d, packed_k.data(), p.d * panel_width,
                                   cols, scores.data(), block_k, p.scale, false);
                    if (mask.active())
                        mask.apply(b / p.mask_group, scores.data(), block_k, i0 + t0, t_rows, j0, cols);

                    for (std::size_t r = 0; r < t_rows; ++r) {
                        float* s = scores.data() + r * block_k;
                        float& m = running_max[t0 + r];
                        float& l = running_sum[t0 + r];
                        const float m_new = std::max(m, row_max(s, cols));                   // step 1
                        if (m_new == negative_infinity) {  // nothing visible yet: p = 0, o and l stay 0
                            std::fill(s, s + cols, 0.f);
                            continue;
                        }
                        const float shrink = std::exp(m - m_new);                            // step 2
                        const float block_sum = exp_shifted_and_sum(s, cols, m_new, 1.f);    // step 3
                        l = shrink * l + block_sum;                                          // step 4
                        if (shrink != 1.f) {                                                 // step 5, c·o
                            float* o = accumulator.data() + (t0 + r) * p.dv;
                            scale_row(o, p.dv, shrink, o);
                        }
                        m = m_new;                                                           // step 6
                    }
                    // step 5, o += P·V_block   [t_rows, dv]
                    pack_a(scores.data(), block_k, t_rows, cols, packed_p.data());
                    gemm_prepacked(packed_p.data(), t_rows, cols, packed_v.data(), cols * panel_width, p.dv,
                                   accumulator.data() + t0 * p.dv, p.dv, 1.f, true);
                }
            }
            // output = o / l; l = 0 only for rows that never saw an allowed key: output 0.
            for (std::size_t r = 0; r < rows; ++r) {
                float* o = out + (i0 + r) * p.dv;
                if (running_sum[r] > 0.f)
                    scale_row(accumulator.data() + r * p.dv, p.dv, 1.f / running_sum[r], o);
                else
                    std::fill(o, o + p.dv, 0.f);
            }
        }
    }
}

}  // namespace detail

tensor flash_attention(const tensor& q, const tensor& k, const tensor& v, const flash_options& options)
{
    constexpr const char* function = "flash_attention";
    shape_type leading;
    const auto problem = detail::describe_attention(function, q, k, v, options.scale, leading);
    const detail::mask_plan mask(function, options.mask, options.causal, leading, problem.lq, problem.lk);
    const std::size_t block_q = options.block_q != 0 ? options.block_q : detail::default_flash_block_q;
    const std::size_t block_k = options.block_k != 0 ? options.block_k : detail::default_flash_block_k;

    tensor output = tensor::from_shape(detail::concat_shape(leading, {problem.lq, problem.dv}));
    detail::tiled_attention(problem, mask, block_q, block_k, output.data());
    return output;
}

}  // namespace AW_VARIANT
}  // namespace attention
