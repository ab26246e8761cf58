// Naive and top-k attention kernels (detail/attention_kernels.hpp); the tiled kernel is in
// flash_attention.cpp, next to the function it serves.
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
    require_finite(function, "q", q);
    require_finite(function, "k", k);
    require_finite(function, "v", v);
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
