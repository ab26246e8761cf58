// Scaled dot-product attention (Vaswani et al. 2017), the naive algorithm that materialises the
// score matrix. See flash_attention.hpp for the tiled algorithm with the same result.
#pragma once

#include <optional>

#include "attention/config.hpp"
#include "attention/masks.hpp"
#include "attention/result.hpp"
#include "attention/tensor.hpp"

namespace attention {

struct sdpa_options {
    std::optional<float> scale;           ///< default 1/√d
    bool causal = false;                  ///< hide keys j > i + (Lk − Lq)
    std::optional<attention_mask> mask;   ///< broadcast to [..., Lq, Lk]; combined with causal
    bool return_weights = true;           ///< false: weights stay empty (saves Lq·Lk floats per head)
};

inline namespace AW_VARIANT {

/// Scaled dot-product attention.
///   q: [..., Lq, d], k: [..., Lk, d], v: [..., Lk, dv] → output [..., Lq, dv], weights [..., Lq, Lk]
///   S = scale · Q·Kᵀ (+ additive mask, −∞ where hidden),   P = softmax(S) row-wise,   O = P·V
/// Leading dimensions of q, k and v broadcast numpy-style (e.g. k, v [B, 1, Lk, d] serve every
/// head of q [B, H, Lq, d]). A query row with no allowed key gets zero weights and a zero output.
/// Memory: the scores of one [Lq, Lk] matrix at a time (or all of them when weights are returned).
/// Throws shape_error / argument_error (naming the argument, expected and actual shape) before
/// computing anything.
attention_result scaled_dot_product_attention(const tensor& q, const tensor& k, const tensor& v,
                                              const sdpa_options& options = {});

}  // namespace AW_VARIANT
}  // namespace attention
