// Backward passes (gradients) of softmax, log-softmax, scaled dot-product attention and multi-head
// attention: given the inputs of the forward call and the gradient of a loss with respect to its
// output, the gradients with respect to each input (vector–Jacobian products).
#pragma once

#include "attention/config.hpp"
#include "attention/multi_head_attention.hpp"
#include "attention/scaled_dot_product_attention.hpp"
#include "attention/tensor.hpp"

namespace attention {

/// Gradients of scaled dot-product attention, each with the shape of its input.
struct sdpa_gradients {
    tensor q, k, v;
};

/// Gradients of multi-head attention: inputs and projections, each with the shape of its argument
/// (an absent bias gets an empty tensor of shape [0]).
struct mha_gradients {
    tensor query, key, value;
    tensor Wq, Wk, Wv, Wo;
    tensor bq, bk, bv, bo;
};

inline namespace AW_VARIANT {

/// Softmax backward along the last axis, T the temperature of the forward call.
///   x, grad_output: [..., n] → dx [..., n];  y = softmax(x / T),  dx = y ∘ (dy − Σ_j y_j dy_j) / T
/// Entries of −∞ (and rows of all −∞) get gradient 0. Throws like softmax(), and shape_error when
/// grad_output's shape differs from x's.
tensor softmax_backward(const tensor& x, const tensor& grad_output, float temperature = 1.f);

/// Log-softmax backward along the last axis.
///   y = log_softmax(x / T),  dx = (dy − softmax(x / T) · Σ_j dy_j) / T
tensor log_softmax_backward(const tensor& x, const tensor& grad_output, float temperature = 1.f);

/// Scaled dot-product attention backward, with the options of the forward call.
///   q [..., Lq, d], k [..., Lk, d], v [..., Lk, dv], grad_output [..., Lq, dv] (the broadcast
///   leading shape) → dq, dk, dv with the shapes of q, k, v:
///   P = softmax(scale·QKᵀ + mask),  dV = Pᵀ·dO,  dP = dO·Vᵀ,  dS = P ∘ (dP − rowsum(P ∘ dP)),
///   dQ = scale·dS·K,  dK = scale·dSᵀ·Q.
/// An operand broadcast over leading dimensions gets the sum over them (so grouped-query attention
/// written with a K/V head axis of 1 gets the sum over its query heads). Hidden keys get no
/// gradient; a fully masked query row gives zero gradients, never NaN. The weights are recomputed
/// (one [Lq, Lk] matrix per leading index is kept).
sdpa_gradients scaled_dot_product_attention_backward(const tensor& q, const tensor& k, const tensor& v,
                                                     const tensor& grad_output, const sdpa_options& options = {});

/// Multi-head attention backward (same arguments as multi_head_attention, plus grad_output
/// [..., Lq, d_out]). With self-attention (query = key = value) the gradient of the shared input is
/// the sum of the three input gradients. Grouped-query heads sharing a K/V head add their gradients.
mha_gradients multi_head_attention_backward(const tensor& query, const tensor& key, const tensor& value,
                                            const mha_weights& weights, const tensor& grad_output,
                                            const mha_options& options = {});

}  // namespace AW_VARIANT
}  // namespace attention
