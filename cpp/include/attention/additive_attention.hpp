// Additive (Bahdanau) attention.
#pragma once

#include <optional>

#include "attention/config.hpp"
#include "attention/masks.hpp"
#include "attention/result.hpp"
#include "attention/tensor.hpp"

namespace attention {

struct additive_options {
    std::optional<attention_mask> mask;  ///< broadcast to [..., Lq, Lk]
};

inline namespace AW_VARIANT {

/// Additive attention (Bahdanau, Cho & Bengio 2014).
///   q: [..., Lq, dq], k: [..., Lk, dk], v: [..., Lk, dv], Wq: [dq, h], Wk: [dk, h], w: [h]
///   → output [..., Lq, dv], weights [..., Lq, Lk]
///   s_ij = wᵀ · tanh(q_i·Wq + k_j·Wk),   P = softmax(s) row-wise,   O = P·V
/// No scaling factor. Fully masked rows give zero weights and output.
attention_result additive_attention(const tensor& q, const tensor& k, const tensor& v, const tensor& Wq,
                                    const tensor& Wk, const tensor& w, const additive_options& options = {});

}  // namespace AW_VARIANT
}  // namespace attention
