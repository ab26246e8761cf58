// Internal attention kernels on validated raw buffers: the naive (materialised scores) and the
// tiled (online softmax) algorithms, shared by scaled_dot_product_attention, flash_attention,
// hard_attention and multi_head_attention. They never throw.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "attention/config.hpp"
#include "attention/detail/mask_plan.hpp"
#include "attention/tensor.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

/// One batched attention problem: `batches` independent (Q, K, V) triples of contiguous row-major
/// matrices Q [lq, d], K [lk, d], V [lk, dv]; q_index[b] etc. say which matrix of each operand
/// batch b uses (broadcasting repeats indices). Outputs are dense [batches, lq, dv] (and
/// [batches, lq, lk] for weights).
struct attention_problem {
    const float* q = nullptr;
    const float* k = nullptr;
    const float* v = nullptr;
    std::size_t batches = 0, lq = 0, lk = 0, d = 0, dv = 0;
    std::vector<std::size_t> q_index, k_index, v_index;
    float scale = 1.f;
    /// Matrix index of the mask plan for batch b is b / mask_group (multi-head attention shares
    /// one mask across the H heads of a batch entry).
    std::size_t mask_group = 1;
};

/// Validates q [..., Lq, d], k [..., Lk, d], v [..., Lk, dv] (broadcasting leading dimensions)
/// and describes the problem; `leading` receives the broadcast leading shape.
attention_problem describe_attention(const char* function, const tensor& q, const tensor& k, const tensor& v,
                                     std::optional<float> scale, shape_type& leading);

/// Naive attention: per batch, S = scale·Q·Kᵀ (masked) → softmax → O = S·V.
/// weights: where to keep S ([batches, lq, lk]) or nullptr to use one [lq, lk] scratch matrix.
void naive_attention(const attention_problem& problem, const mask_plan& mask, float* output, float* weights);

/// Tiled attention with online softmax; block sizes ≥ 1.
void tiled_attention(const attention_problem& problem, const mask_plan& mask, std::size_t block_q,
                     std::size_t block_k, float* output);

/// Top-k attention: per batch, S = scale·Q·Kᵀ (masked), keep the top_k allowed scores of each row,
/// softmax over them, O = W·V. weights [batches, lq, lk] is required.
void top_k_attention(const attention_problem& problem, const mask_plan& mask, std::size_t top_k, float* output,
                     float* weights);

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
