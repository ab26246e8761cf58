// Attention score (alignment) functions: how well each query matches each key.
//
// All take q: [..., Lq, dq] and k: [..., Lk, dk] and return scores [..., Lq, Lk]. Leading (batch,
// head) dimensions of q and k broadcast numpy-style; the result has the broadcast leading shape.
#pragma once

#include <optional>

#include "attention/config.hpp"
#include "attention/tensor.hpp"

namespace attention {
inline namespace AW_VARIANT {

/// Dot-product scores (Luong "dot").  q: [..., Lq, d], k: [..., Lk, d] → [..., Lq, Lk]
///   s_ij = q_i · k_j
tensor dot_scores(const tensor& q, const tensor& k);

/// Scaled dot-product scores (Vaswani et al. 2017).  q: [..., Lq, d], k: [..., Lk, d] → [..., Lq, Lk]
///   s_ij = scale · q_i · k_j,   scale defaults to 1/√d
/// Throws argument_error if scale is not finite.
tensor scaled_dot_scores(const tensor& q, const tensor& k, std::optional<float> scale = {});

/// Additive scores (Bahdanau et al. 2014; Luong's "concat").
///   q: [..., Lq, dq], k: [..., Lk, dk], Wq: [dq, h], Wk: [dk, h], w: [h] → [..., Lq, Lk]
///   s_ij = wᵀ · tanh(q_i·Wq + k_j·Wk)
/// A one-hidden-layer network with h units; no scaling; q and k may have different sizes.
tensor additive_scores(const tensor& q, const tensor& k, const tensor& Wq, const tensor& Wk, const tensor& w);

/// Bilinear scores (Luong's "general").  q: [..., Lq, dq], k: [..., Lk, dk], W: [dq, dk] → [..., Lq, Lk]
///   s_ij = q_i · W · k_jᵀ
tensor bilinear_scores(const tensor& q, const tensor& k, const tensor& W);

}  // namespace AW_VARIANT
}  // namespace attention
