// Internal training kernels on raw row-major float buffers: the GEMM shapes a backward pass needs
// (A·B, A·Bᵀ, Aᵀ·B on caller-owned packing scratch), the backward of one attention matrix, and the
// row-wise layer pieces (layer norm, GELU, cross-entropy, AdamW). Shared by the public gradient
// functions (gradients.hpp, layers.hpp) and the tiny Transformer (transformer.hpp), so the tests of
// the former test the code the latter trains with. They never throw and never allocate.
#pragma once

#include <cstddef>
#include <cstdint>

#include "attention/config.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

// ---------------------------------------------------------------------------------------------
// GEMMs on the register-blocked micro-kernels of kernels.hpp. `packed` must hold
// gemm_scratch_floats(...) floats; C = alpha · product (+ C when accumulate).
// ---------------------------------------------------------------------------------------------

/// Floats of packing scratch any of the products below needs for these sizes (A [m×k] or its
/// transpose, B [k×n] or its transpose).
std::size_t gemm_scratch_floats(std::size_t m, std::size_t k, std::size_t n);

/// C[m×n] = A[m×k] · B[k×n]
void gemm_nn(const float* a, std::size_t lda, const float* b, std::size_t ldb, float* c, std::size_t ldc,
             std::size_t m, std::size_t k, std::size_t n, float alpha, bool accumulate, float* packed);

/// C[m×n] = A[m×k] · Bᵀ, B given as [n×k]
void gemm_nt(const float* a, std::size_t lda, const float* b, std::size_t ldb, float* c, std::size_t ldc,
             std::size_t m, std::size_t k, std::size_t n, float alpha, bool accumulate, float* packed);

/// C[m×n] = Aᵀ · B[k×n], A given as [k×m] (the weight gradient Xᵀ·dY); packs Aᵀ straight into slivers.
void gemm_tn(const float* a, std::size_t lda, const float* b, std::size_t ldb, float* c, std::size_t ldc,
             std::size_t m, std::size_t k, std::size_t n, float alpha, bool accumulate, float* packed);

/// column_sums[j] (+)= Σ_i x[i·ldx + j] over i < rows, j < cols (a bias gradient).
void add_column_sums(const float* x, std::size_t ldx, std::size_t rows, std::size_t cols, float* column_sums);

/// y[i][j] = x[i][j] + bias[j] in place (rows × cols, row stride ld).
void add_bias(float* y, std::size_t ld, std::size_t rows, std::size_t cols, const float* bias);

// ---------------------------------------------------------------------------------------------
// Attention backward for one matrix triple, from the saved weights P [lq × lk] (softmax of the
// scaled, masked scores; fully masked rows all 0):
//   dV = Pᵀ·dO,  dP = dO·Vᵀ,  dS = P ∘ (dP − rowsum(P ∘ dP)),  dQ = scale·dS·K,  dK = scale·dSᵀ·Q
// Hidden entries have P = 0, so dS is 0 there, and a fully masked row gives zero gradients.
// dq, dk, dv are accumulated into (+=). scratch: attention_backward_scratch_floats(...) floats.
// ---------------------------------------------------------------------------------------------
struct attention_matrix_view {
    const float* data;
    std::size_t ld;  ///< row stride in floats
};

std::size_t attention_backward_scratch_floats(std::size_t lq, std::size_t lk, std::size_t d, std::size_t dv);

void attention_backward_matrix(attention_matrix_view q, attention_matrix_view k, attention_matrix_view v,
                               const float* weights, attention_matrix_view grad_output, std::size_t lq,
                               std::size_t lk, std::size_t d, std::size_t dv, float scale, float* dq,
                               std::size_t lddq, float* dk, std::size_t lddk, float* grad_v, std::size_t lddv,
                               float* scratch);

/// Softmax backward of one row, from its output y: dx = factor · y ∘ (dy − Σ_j y_j·dy_j).
void softmax_backward_row(const float* y, const float* dy, std::size_t n, float factor, float* dx);

/// Log-softmax backward of one row, from its output y = log softmax: dx = factor · (dy − e^y · Σ_j dy_j).
/// (A row of all −∞ has e^y = 0: dx = factor · dy.)
void log_softmax_backward_row(const float* y, const float* dy, std::size_t n, float factor, float* dx);

// ---------------------------------------------------------------------------------------------
// Layer norm over the last axis: y = (x − μ) · rstd · γ + β,  rstd = 1 / √(var + eps) (biased var).
// ---------------------------------------------------------------------------------------------

/// Normalises `rows` rows of n; saves μ and rstd per row for the backward (either may be nullptr).
void layer_norm_rows(const float* x, std::size_t rows, std::size_t n, const float* gamma, const float* beta, float eps,
                     float* y, float* mean, float* rstd);

/// Backward of layer_norm_rows: dx (+)= rstd · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ∘ x̂)) with dx̂ = dy ∘ γ;
/// dγ += Σ_rows dy ∘ x̂, dβ += Σ_rows dy. accumulate_dx adds into dx (a residual branch).
void layer_norm_backward_rows(const float* x, const float* dy, std::size_t rows, std::size_t n, const float* gamma,
                              const float* mean, const float* rstd, float* dx, bool accumulate_dx, float* dgamma,
                              float* dbeta);

// ---------------------------------------------------------------------------------------------
// GELU, tanh form (Hendrycks & Gimpel 2016; GPT-2; PyTorch approximate="tanh"):
//   gelu(x) = x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³)))
// ---------------------------------------------------------------------------------------------
void gelu(const float* x, std::size_t n, float* y);
/// dx = dy · gelu'(x)
void gelu_backward(const float* x, const float* dy, std::size_t n, float* dx);

// ---------------------------------------------------------------------------------------------
// Cross-entropy over rows of logits [rows × classes] with per-row weights (a loss mask).
//   loss = Σ_i w_i · (logsumexp(z_i) − z_i[t_i]) / Σ_i w_i     (0 when Σ w = 0)
//   dz_i = w_i / Σ w · (softmax(z_i) − onehot(t_i))
// correct (optional) receives Σ_i w_i · [argmax z_i = t_i] / Σ_i w_i. weights nullptr = all 1.
// grad_logits may be nullptr (loss only). Returns the loss.
// ---------------------------------------------------------------------------------------------
double cross_entropy_rows(const float* logits, std::size_t rows, std::size_t classes, const std::int32_t* targets,
                          const float* weights, float* grad_logits, double* accuracy);

// ---------------------------------------------------------------------------------------------
// AdamW (Loshchilov & Hutter 2019), one step t ≥ 1 over n parameters:
//   m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²,
//   p ← p − lr · (m / (1 − β1^t) / (√(v / (1 − β2^t)) + ε) + weight_decay · p)
// weight_decay = 0 is Adam.
// ---------------------------------------------------------------------------------------------
struct adam_hyperparameters {
    float learning_rate = 1e-3f;
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float epsilon = 1e-8f;
    float weight_decay = 0.f;
};

void adamw_update(float* parameters, const float* gradients, float* first_moment, float* second_moment,
                  std::size_t n, std::uint64_t step, const adam_hyperparameters& hyper);

/// Throws argument_error "<function>: <name> must be in [low, high)" for a hyper-parameter out of range
/// (learning rate in [0, 10), β1, β2, ε, weight decay in [0, 1)); shared by adamw_step and the Transformer.
void require_adam_hyperparameters(const char* function, const adam_hyperparameters& hyper);

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
