// Naive, tiled (online-softmax) and top-k attention kernels (detail/attention_kernels.hpp).
#include "attention/detail/attention_kernels.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdint>
#include <numeric>

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

attention_problem describe_attention(const char* function, const tensor& q, const tensor& k, const tensor& v,
                                     std::optional<float> scale, shape_type& leading)
{
    require_rank_at_least(function, "q", q, 2, "[..., Lq, d]");
    require_rank_at_least(function, "k", k, 2, "[..., Lk, d]");
    require_rank_at_least(function, "v", v, 2, "[..., Lk, dv]");
    attention_problem problem;
    problem.d = q.shape().back();
    problem.lq = q.shape()[q.dimension() - 2];
    problem.lk = k.shape()[k.dimension() - 2];
    problem.dv = v.shape().back();
    const std::string d = std::to_string(problem.d), lk = std::to_string(problem.lk);
    if (k.shape().back() != problem.d)
        throw_shape_error(function, "k must have the same last dimension as q (d = " + d + ")",
                          trailing_pattern({"Lk", d}), k.shape());
    if (v.shape()[v.dimension() - 2] != problem.lk)
        throw_shape_error(function, "v must have one row per key, as many as k (Lk = " + lk + ")",
                          trailing_pattern({lk, "dv"}), v.shape());
    const shape_type q_leading = leading_shape(q.shape(), 2), k_leading = leading_shape(k.shape(), 2),
                     v_leading = leading_shape(v.shape(), 2);
    leading = broadcast_leading(function, {{"q", &q.shape()}, {"k", &k.shape()}, {"v", &v.shape()}});
    problem.scale = resolve_scale(function, scale, problem.d);
    problem.batches = element_count(leading);
    problem.q_index = broadcast_matrix_indices(q_leading, leading);
    problem.k_index = broadcast_matrix_indices(k_leading, leading);
    problem.v_index = broadcast_matrix_indices(v_leading, leading);
    problem.q = q.data();
    problem.k = k.data();
    problem.v = v.data();
    return problem;
}

void naive_attention(const attention_problem& p, const mask_plan& mask, float* output, float* weights)
{
    // Rows per block: about naive_block_floats scores, a whole number of micro-kernel slivers.
    const std::size_t block_rows =
        std::max(kernel_rows, std::min(naive_block_max_rows, naive_block_floats / std::max<std::size_t>(p.lk, 1)) /
                                  kernel_rows * kernel_rows);
    scratch_buffer packed_k(packed_size(p.d, p.lk));
    scratch_buffer packed_v(packed_size(p.lk, p.dv));
    scratch_buffer scores_scratch(weights == nullptr ? p.lq * p.lk : 0);
    scratch_buffer packed_q(packed_a_size(std::min(block_rows, p.lq), p.d));
    scratch_buffer packed_p(packed_a_size(std::min(block_rows, p.lq), p.lk));
    scratch_buffer row_sums(weights == nullptr ? std::min(block_rows, p.lq) : 0);
    std::size_t packed_k_index = SIZE_MAX, packed_v_index = SIZE_MAX;  // skip repacking a broadcast K/V
    for (std::size_t b = 0; b < p.batches; ++b) {
        const float* q = p.q + p.q_index[b] * p.lq * p.d;
        float* scores = weights != nullptr ? weights + b * p.lq * p.lk : scores_scratch.data();
        float* out = output + b * p.lq * p.dv;
        if (p.k_index[b] != packed_k_index) {
            pack_transposed(p.k + p.k_index[b] * p.lk * p.d, p.d, p.lk, p.d, packed_k.data());
            packed_k_index = p.k_index[b];
        }
        if (p.v_index[b] != packed_v_index) {
            pack_rows(p.v + p.v_index[b] * p.lk * p.dv, p.dv, p.lk, p.dv, packed_v.data());
            packed_v_index = p.v_index[b];
        }
        for (std::size_t i0 = 0; i0 < p.lq; i0 += block_rows) {
            const std::size_t rows = std::min(block_rows, p.lq - i0);
            float* s = scores + i0 * p.lk;
            // S = scale · Q·Kᵀ for this row block   [rows, lk]
            pack_a(q + i0 * p.d, p.d, rows, p.d, packed_q.data());
            gemm_prepacked(packed_q.data(), rows, p.d, packed_k.data(), p.d * panel_width, p.lk, s, p.lk, p.scale,
                           false);
            if (mask.active()) mask.apply(b / p.mask_group, s, p.lk, i0, rows, 0, p.lk);
            for (std::size_t r = 0; r < rows; ++r) {
                float* row = s + r * p.lk;
                if (weights != nullptr) {  // P = softmax(S), the weights returned (fully masked rows → 0)
                    softmax_row(row, p.lk, 1.f);
                    continue;
                }
                // Without weights to return, normalise the output rows instead of the score rows (dv
                // instead of lk multiplications per row): O = (exp(S − m)·V) / rowsum.
                const float m = row_max(row, p.lk);
                if (m == negative_infinity) {  // fully masked row: zero weights
                    std::fill(row, row + p.lk, 0.f);
                    row_sums[r] = 0.f;
                } else {
                    row_sums[r] = exp_shifted_and_sum(row, p.lk, m, 1.f);
                }
            }
            // O = P·V for this row block   [rows, dv]
            pack_a(s, p.lk, rows, p.lk, packed_p.data());
            gemm_prepacked(packed_p.data(), rows, p.lk, packed_v.data(), p.lk * panel_width, p.dv, out + i0 * p.dv,
                           p.dv, 1.f, false);
            if (weights != nullptr) continue;
            for (std::size_t r = 0; r < rows; ++r) {
                float* o = out + (i0 + r) * p.dv;
                if (row_sums[r] > 0.f) scale_row(o, p.dv, 1.f / row_sums[r], o);
                else std::fill(o, o + p.dv, 0.f);
            }
        }
    }
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

void top_k_attention(const attention_problem& p, const mask_plan& mask, std::size_t top_k, float* output,
                     float* weights)
{
    scratch_buffer packed_k(packed_size(p.d, p.lk));
    scratch_buffer packed_v(packed_size(p.lk, p.dv));
    scratch_buffer row_scores(p.lk);
    std::vector<std::size_t> order(p.lk);
    for (std::size_t b = 0; b < p.batches; ++b) {
        float* scores = weights + b * p.lq * p.lk;
        pack_transposed(p.k + p.k_index[b] * p.lk * p.d, p.d, p.lk, p.d, packed_k.data());
        pack_rows(p.v + p.v_index[b] * p.lk * p.dv, p.dv, p.lk, p.dv, packed_v.data());
        gemm_packed(p.q + p.q_index[b] * p.lq * p.d, p.d, p.lq, p.d, packed_k.data(), p.lk, scores, p.lk, p.scale,
                    false);
        if (mask.active()) mask.apply(b / p.mask_group, scores, p.lk, 0, p.lq, 0, p.lk);
        for (std::size_t i = 0; i < p.lq; ++i) {
            float* s = scores + i * p.lk;
            std::copy(s, s + p.lk, row_scores.data());
            // Only allowed keys (score > −∞) compete; ties go to the lower key index.
            order.clear();
            for (std::size_t j = 0; j < p.lk; ++j)
                if (row_scores[j] > negative_infinity) order.push_back(j);
            const std::size_t kept = std::min(top_k, order.size());
            std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(),
                              [&](std::size_t a, std::size_t c) {
                                  return row_scores[a] > row_scores[c] || (row_scores[a] == row_scores[c] && a < c);
                              });
            std::fill(s, s + p.lk, 0.f);
            if (kept == 0) continue;
            // softmax over the kept scores; the first kept one is the maximum
            const float m = row_scores[order[0]];
            double sum = 0;
            for (std::size_t t = 0; t < kept; ++t) sum += std::exp(static_cast<double>(row_scores[order[t]] - m));
            for (std::size_t t = 0; t < kept; ++t)
                s[order[t]] = static_cast<float>(std::exp(static_cast<double>(row_scores[order[t]] - m)) / sum);
        }
        gemm_packed(scores, p.lk, p.lq, p.lk, packed_v.data(), p.dv, output + b * p.lq * p.dv, p.dv, 1.f, false);
    }
}

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
