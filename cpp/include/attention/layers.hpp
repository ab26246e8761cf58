// The layers of a Transformer besides attention, forward and backward: linear, layer norm, GELU,
// token embedding, cross-entropy with a loss mask, and the AdamW optimiser. The tiny Transformer
// (transformer.hpp) trains with the same kernels.
#pragma once

#include <cstddef>
#include <cstdint>

#include <xtensor/xarray.hpp>

#include "attention/config.hpp"
#include "attention/tensor.hpp"

namespace attention {

/// Integer token ids (any shape; row-major).
using token_tensor = xt::xarray<std::int32_t>;

struct linear_gradients {
    tensor x, W, b;  ///< b: empty (shape [0]) when the layer has no bias
};

struct layer_norm_gradients {
    tensor x, gamma, beta;
};

struct cross_entropy_result {
    float loss;          ///< Σ_i w_i · (logsumexp(z_i) − z_i[t_i]) / Σ_i w_i (0 when every weight is 0)
    float accuracy;      ///< Σ_i w_i · [argmax z_i = t_i] / Σ_i w_i
    tensor grad_logits;  ///< d loss / d logits, shape of logits
};

/// AdamW hyper-parameters (Loshchilov & Hutter 2019); weight_decay 0 is Adam (Kingma & Ba 2015).
struct adamw_options {
    float learning_rate = 1e-3f;
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float epsilon = 1e-8f;
    float weight_decay = 0.f;
};

/// Adam's moments of one parameter tensor and the number of steps taken (start empty / 0).
struct adam_state {
    tensor first_moment, second_moment;
    std::uint64_t step = 0;
};

inline namespace AW_VARIANT {

/// Linear layer, row-vector convention: x [..., d_in], W [d_in, d_out], b [d_out] or empty (default-constructed
/// or no elements: no bias) → [..., d_out]
///   y = x·W + b
tensor linear(const tensor& x, const tensor& W, const tensor& b = tensor());

/// Backward of linear: dx = dy·Wᵀ [..., d_in], dW = Σ xᵀ·dy [d_in, d_out], db = Σ dy [d_out]
/// (summed over every leading index); has_bias = false leaves db empty.
linear_gradients linear_backward(const tensor& x, const tensor& W, const tensor& grad_output, bool has_bias = true);

/// Layer norm over the last axis (Ba et al. 2016): x [..., n], gamma, beta [n] → [..., n]
///   y = (x − μ) / √(σ² + eps) · γ + β,   μ, σ² the mean and (biased) variance of each row
tensor layer_norm(const tensor& x, const tensor& gamma, const tensor& beta, float eps = 1e-5f);

/// Backward of layer_norm (recomputes μ and σ from x): dx̂ = dy ∘ γ,
///   dx = (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ∘ x̂)) / √(σ² + eps),  dγ = Σ dy ∘ x̂,  dβ = Σ dy
layer_norm_gradients layer_norm_backward(const tensor& x, const tensor& gamma, const tensor& grad_output,
                                         float eps = 1e-5f);

/// GELU, tanh form (GPT-2; PyTorch's approximate="tanh"): x/2 · (1 + tanh(√(2/π)(x + 0.044715 x³)))
tensor gelu(const tensor& x);
/// dx = dy · gelu'(x)
tensor gelu_backward(const tensor& x, const tensor& grad_output);

/// Embedding lookup: table [V, D], ids [...] with 0 ≤ id < V → [..., D]
tensor embedding(const tensor& table, const token_tensor& ids);
/// Backward of embedding: d table [V, D], row v = Σ of grad_output rows whose id is v.
tensor embedding_backward(const token_tensor& ids, const tensor& grad_output, std::size_t vocab_size);

/// Cross-entropy of logits [..., C] against integer targets [...] (0 ≤ t < C), averaged over the
/// positions a loss mask keeps: loss_mask [...] of weights ≥ 0 (1 keep, 0 skip), or nullptr for all.
///   loss = Σ_i w_i (logsumexp(z_i) − z_i[t_i]) / Σ_i w_i,   dz_i = w_i / Σ w · (softmax(z_i) − onehot(t_i))
cross_entropy_result cross_entropy(const tensor& logits, const token_tensor& targets,
                                   const tensor* loss_mask = nullptr);

/// One AdamW step on `parameters` in place, given their gradients; state starts empty and is
/// sized on the first call. p ← p − lr · (m̂ / (√v̂ + ε) + weight_decay · p).
void adamw_step(tensor& parameters, const tensor& gradients, adam_state& state, const adamw_options& options = {});

}  // namespace AW_VARIANT
}  // namespace attention
