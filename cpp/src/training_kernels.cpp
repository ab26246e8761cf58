// Training kernels: backward GEMMs, attention backward, layer norm, GELU, cross-entropy, AdamW
// (detail/training_kernels.hpp), written against detail::vec where the work is per element.
#include "attention/detail/training_kernels.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "attention/detail/kernels.hpp"
#include "attention/detail/shapes.hpp"
#include "attention/detail/simd.hpp"
#include "attention/detail/tuning.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

// ---------------------------------------------------------------------------------------------
// GEMMs
// ---------------------------------------------------------------------------------------------

std::size_t gemm_scratch_floats(std::size_t m, std::size_t k, std::size_t n)
{
    // B packed (either orientation) plus, for gemm_tn, Aᵀ packed into micro-kernel slivers.
    return packed_size(k, n) + packed_a_size(m, k);
}

void gemm_nn(const float* a, std::size_t lda, const float* b, std::size_t ldb, float* c, std::size_t ldc,
             std::size_t m, std::size_t k, std::size_t n, float alpha, bool accumulate, float* packed)
{
    pack_rows(b, ldb, k, n, packed);
    gemm_packed(a, lda, m, k, packed, n, c, ldc, alpha, accumulate);
}

void gemm_nt(const float* a, std::size_t lda, const float* b, std::size_t ldb, float* c, std::size_t ldc,
             std::size_t m, std::size_t k, std::size_t n, float alpha, bool accumulate, float* packed)
{
    pack_transposed(b, ldb, n, k, packed);
    gemm_packed(a, lda, m, k, packed, n, c, ldc, alpha, accumulate);
}

namespace {

/// Packs Aᵀ (m × k, A given as k × m with row stride lda) into the slivers gemm_prepacked reads
/// (pack_a's layout). Sliver s at depth kk holds Aᵀ[s·kernel_rows + r][kk] = A[kk][s·kernel_rows + r]
/// for r < kernel_rows: kernel_rows consecutive floats of one row of A, so packing the transpose is
/// a run of short contiguous copies — cheaper than packing A itself.
void pack_a_transposed(const float* a, std::size_t lda, std::size_t m, std::size_t k, float* packed)
{
    for (std::size_t i0 = 0; i0 < m; i0 += kernel_rows, packed += kernel_rows * k) {
        const std::size_t height = std::min(kernel_rows, m - i0);
        if (height == kernel_rows) {
            for (std::size_t kk = 0; kk < k; ++kk)
                for (std::size_t r = 0; r < kernel_rows; ++r) packed[kk * kernel_rows + r] = a[kk * lda + i0 + r];
            continue;
        }
        for (std::size_t kk = 0; kk < k; ++kk)
            for (std::size_t r = 0; r < kernel_rows; ++r)
                packed[kk * kernel_rows + r] = r < height ? a[kk * lda + i0 + r] : 0.f;
    }
}

}  // namespace

void gemm_tn(const float* a, std::size_t lda, const float* b, std::size_t ldb, float* c, std::size_t ldc,
             std::size_t m, std::size_t k, std::size_t n, float alpha, bool accumulate, float* packed)
{
    // The weight gradient Xᵀ·dY: depth k is the token axis. Both operands are packed once, A straight
    // from its transposed layout, and the product runs on the prepacked path.
    float* packed_a = packed + packed_size(k, n);
    pack_a_transposed(a, lda, m, k, packed_a);
    pack_rows(b, ldb, k, n, packed);
    gemm_prepacked(packed_a, m, k, packed, k * panel_width, n, c, ldc, alpha, accumulate);
}

void add_column_sums(const float* x, std::size_t ldx, std::size_t rows, std::size_t cols, float* column_sums)
{
    for (std::size_t i = 0; i < rows; ++i) {
        const float* row = x + i * ldx;
        std::size_t j = 0;
        for (; j + lanes <= cols; j += lanes) store(column_sums + j, load(column_sums + j) + load(row + j));
        for (; j < cols; ++j) column_sums[j] += row[j];
    }
}

void add_bias(float* y, std::size_t ld, std::size_t rows, std::size_t cols, const float* bias)
{
    for (std::size_t i = 0; i < rows; ++i) {
        float* row = y + i * ld;
        std::size_t j = 0;
        for (; j + lanes <= cols; j += lanes) store(row + j, load(row + j) + load(bias + j));
        for (; j < cols; ++j) row[j] += bias[j];
    }
}

// ---------------------------------------------------------------------------------------------
// Softmax and attention backward
// ---------------------------------------------------------------------------------------------

namespace {

/// Σ_j x[j]·y[j]
float dot(const float* x, const float* y, std::size_t n)
{
    vec sum = broadcast(0.f);
    std::size_t j = 0;
    for (; j + lanes <= n; j += lanes) sum = multiply_add(load(x + j), load(y + j), sum);
    float total = reduce_add(sum);
    for (; j < n; ++j) total += x[j] * y[j];
    return total;
}

}  // namespace

void softmax_backward_row(const float* y, const float* dy, std::size_t n, float factor, float* dx)
{
    // Jacobian-vector product of softmax: J = diag(y) − y·yᵀ, so dx = y ∘ (dy − ⟨y, dy⟩), times the
    // inverse temperature by the chain rule. Entries with y = 0 (masked, or underflowed) get 0.
    const float inner = dot(y, dy, n);  // before the loop: dx may alias dy
    const vec inner_v = broadcast(inner), factor_v = broadcast(factor);
    std::size_t j = 0;
    for (; j + lanes <= n; j += lanes) store(dx + j, factor_v * load(y + j) * (load(dy + j) - inner_v));
    for (; j < n; ++j) dx[j] = factor * y[j] * (dy[j] - inner);
}

void log_softmax_backward_row(const float* y, const float* dy, std::size_t n, float factor, float* dx)
{
    // y = x − logsumexp(x): dx = dy − softmax(x)·Σ dy, softmax(x) = e^y (0 where y = −∞).
    float sum = 0.f;
    for (std::size_t j = 0; j < n; ++j) sum += dy[j];
    for (std::size_t j = 0; j < n; ++j) dx[j] = factor * (dy[j] - std::exp(y[j]) * sum);
}

std::size_t attention_backward_scratch_floats(std::size_t lq, std::size_t lk, std::size_t d, std::size_t dv)
{
    // dP/dS [lq × lk] + the largest GEMM's packing scratch
    const std::size_t largest =
        std::max({gemm_scratch_floats(lq, dv, lk), gemm_scratch_floats(lk, lq, dv), gemm_scratch_floats(lq, lk, d),
                  gemm_scratch_floats(lk, lq, d)});
    return lq * lk + largest;
}

void attention_backward_matrix(attention_matrix_view q, attention_matrix_view k, attention_matrix_view v,
                               const float* weights, attention_matrix_view grad_output, std::size_t lq,
                               std::size_t lk, std::size_t d, std::size_t dv, float scale, float* dq,
                               std::size_t lddq, float* dk, std::size_t lddk, float* grad_v, std::size_t lddv,
                               float* scratch)
{
    float* ds = scratch;  // dP, then dS in place   [lq × lk]
    float* packed = scratch + lq * lk;
    // dV += Pᵀ·dO   [lk × dv]
    gemm_tn(weights, lk, grad_output.data, grad_output.ld, grad_v, lddv, lk, lq, dv, 1.f, true, packed);
    // dP = dO·Vᵀ   [lq × lk]
    gemm_nt(grad_output.data, grad_output.ld, v.data, v.ld, ds, lk, lq, dv, lk, 1.f, false, packed);
    // dS = P ∘ (dP − rowsum(P ∘ dP)): the softmax backward of each row (the scale is applied below).
    for (std::size_t i = 0; i < lq; ++i) softmax_backward_row(weights + i * lk, ds + i * lk, lk, 1.f, ds + i * lk);
    // dQ += scale · dS·K   [lq × d];   dK += scale · dSᵀ·Q   [lk × d]
    gemm_nn(ds, lk, k.data, k.ld, dq, lddq, lq, lk, d, scale, true, packed);
    gemm_tn(ds, lk, q.data, q.ld, dk, lddk, lk, lq, d, scale, true, packed);
}

// ---------------------------------------------------------------------------------------------
// Layer norm
// ---------------------------------------------------------------------------------------------

// Vector loops with scalar tails: without -ffast-math the compiler may not reorder float sums, so
// it leaves reductions like these scalar unless they are written with vectors.

void layer_norm_rows(const float* x, std::size_t rows, std::size_t n, const float* gamma, const float* beta, float eps,
                     float* y, float* mean, float* rstd)
{
    const float inverse_n = 1.f / static_cast<float>(n);
    for (std::size_t i = 0; i < rows; ++i) {
        const float* in = x + i * n;
        float* out = y + i * n;
        // Two passes (mean, then the variance of the centred values): exact for rows with a large
        // common offset, where E[x²] − E[x]² would cancel.
        vec sum_v = broadcast(0.f);
        std::size_t j = 0;
        for (; j + lanes <= n; j += lanes) sum_v = sum_v + load(in + j);
        float sum = reduce_add(sum_v);
        for (; j < n; ++j) sum += in[j];
        const float mu = sum * inverse_n;
        const vec mu_v = broadcast(mu);
        vec squares_v = broadcast(0.f);
        for (j = 0; j + lanes <= n; j += lanes) {
            const vec centred = load(in + j) - mu_v;
            squares_v = multiply_add(centred, centred, squares_v);
        }
        float squares = reduce_add(squares_v);
        for (; j < n; ++j) squares += (in[j] - mu) * (in[j] - mu);
        const float r = 1.f / std::sqrt(squares * inverse_n + eps);
        const vec r_v = broadcast(r);
        for (j = 0; j + lanes <= n; j += lanes)
            store(out + j, multiply_add((load(in + j) - mu_v) * r_v, load(gamma + j), load(beta + j)));
        for (; j < n; ++j) out[j] = (in[j] - mu) * r * gamma[j] + beta[j];
        if (mean != nullptr) mean[i] = mu;
        if (rstd != nullptr) rstd[i] = r;
    }
}

void layer_norm_backward_rows(const float* x, const float* dy, std::size_t rows, std::size_t n, const float* gamma,
                              const float* mean, const float* rstd, float* dx, bool accumulate_dx, float* dgamma,
                              float* dbeta)
{
    const float inverse_n = 1.f / static_cast<float>(n);
    for (std::size_t i = 0; i < rows; ++i) {
        const float* in = x + i * n;
        const float* g = dy + i * n;
        float* out = dx + i * n;
        const float mu = mean[i], r = rstd[i];
        const vec mu_v = broadcast(mu), r_v = broadcast(r);
        // Σ dx̂ and Σ dx̂·x̂ (dx̂ = dy ∘ γ), and the parameter gradients, in one pass.
        vec sum_v = broadcast(0.f), sum_xhat_v = broadcast(0.f);
        std::size_t j = 0;
        for (; j + lanes <= n; j += lanes) {
            const vec xhat = (load(in + j) - mu_v) * r_v;
            const vec gj = load(g + j);
            const vec dxhat = gj * load(gamma + j);
            sum_v = sum_v + dxhat;
            sum_xhat_v = multiply_add(dxhat, xhat, sum_xhat_v);
            store(dgamma + j, multiply_add(gj, xhat, load(dgamma + j)));
            store(dbeta + j, load(dbeta + j) + gj);
        }
        float sum_dxhat = reduce_add(sum_v), sum_dxhat_xhat = reduce_add(sum_xhat_v);
        for (std::size_t t = j; t < n; ++t) {
            const float xhat = (in[t] - mu) * r;
            const float dxhat = g[t] * gamma[t];
            sum_dxhat += dxhat;
            sum_dxhat_xhat += dxhat * xhat;
            dgamma[t] += g[t] * xhat;
            dbeta[t] += g[t];
        }
        const float mean_dxhat = sum_dxhat * inverse_n, mean_dxhat_xhat = sum_dxhat_xhat * inverse_n;
        const vec mean_v = broadcast(mean_dxhat), mean_xhat_v = broadcast(mean_dxhat_xhat);
        for (j = 0; j + lanes <= n; j += lanes) {
            const vec xhat = (load(in + j) - mu_v) * r_v;
            vec value = r_v * (load(g + j) * load(gamma + j) - mean_v - xhat * mean_xhat_v);
            if (accumulate_dx) value = value + load(out + j);
            store(out + j, value);
        }
        for (; j < n; ++j) {
            const float xhat = (in[j] - mu) * r;
            const float value = r * (g[j] * gamma[j] - mean_dxhat - xhat * mean_dxhat_xhat);
            out[j] = accumulate_dx ? out[j] + value : value;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// GELU (tanh form)
// ---------------------------------------------------------------------------------------------

namespace {

constexpr float gelu_c = 0.7978845608028654f;  // √(2/π)
constexpr float gelu_a = 0.044715f;

/// Applies op(x[, dy]) lane-wise; the tail goes through a zero-padded buffer with the same vector code.
template <class Op>
void map2(const float* x, const float* dy, std::size_t n, float* out, Op op)
{
    std::size_t j = 0;
    for (; j + lanes <= n; j += lanes) store(out + j, op(load(x + j), dy ? load(dy + j) : broadcast(0.f)));
    if (j < n) {
        float xt[lanes] = {}, gt[lanes] = {}, ot[lanes];
        std::copy(x + j, x + n, xt);
        if (dy) std::copy(dy + j, dy + n, gt);
        store(ot, op(load(xt), load(gt)));
        std::copy(ot, ot + (n - j), out + j);
    }
}

}  // namespace

void gelu(const float* x, std::size_t n, float* y)
{
    const vec c = broadcast(gelu_c), a = broadcast(gelu_a), half = broadcast(0.5f), one = broadcast(1.f);
    map2(x, nullptr, n, y, [&](vec v, vec) { return half * v * (one + tanh(c * (v + a * v * v * v))); });
}

void gelu_backward(const float* x, const float* dy, std::size_t n, float* dx)
{
    // d/dx [x/2 (1 + t)] = (1 + t)/2 + x/2 · (1 − t²) · c · (1 + 3a x²),  t = tanh(c (x + a x³))
    const vec c = broadcast(gelu_c), a = broadcast(gelu_a), three_a = broadcast(3.f * gelu_a), half = broadcast(0.5f),
              one = broadcast(1.f);
    map2(x, dy, n, dx, [&](vec v, vec g) {
        const vec v2 = v * v;
        const vec t = tanh(c * (v + a * v2 * v));
        const vec derivative = half * (one + t) + half * v * (one - t * t) * c * (one + three_a * v2);
        return g * derivative;
    });
}

// ---------------------------------------------------------------------------------------------
// Cross-entropy
// ---------------------------------------------------------------------------------------------

double cross_entropy_rows(const float* logits, std::size_t rows, std::size_t classes, const std::int32_t* targets,
                          const float* weights, float* grad_logits, double* accuracy)
{
    double weight_sum = 0.0;
    for (std::size_t i = 0; i < rows; ++i) weight_sum += weights ? weights[i] : 1.0;
    double loss = 0.0, correct = 0.0;
    const double inverse = weight_sum > 0.0 ? 1.0 / weight_sum : 0.0;
    for (std::size_t i = 0; i < rows; ++i) {
        const float* z = logits + i * classes;
        const float w = weights ? weights[i] : 1.f;
        const std::size_t t = static_cast<std::size_t>(targets[i]);
        std::size_t best = 0;
        for (std::size_t j = 1; j < classes; ++j)
            if (z[j] > z[best]) best = j;
        if (best == t) correct += w;
        if (grad_logits == nullptr) {  // loss only (finite differences, evaluation): in double
            double sum = 0.0;
            for (std::size_t j = 0; j < classes; ++j) sum += std::exp(static_cast<double>(z[j]) - z[best]);
            loss += w * (std::log(sum) + z[best] - z[t]);
            continue;
        }
        // Training: the vectorised exp of the softmax kernels (std::exp is a scalar call per element
        // in wasm). g ← exp(z − max), Σ; loss_i = log Σ + max − z_t; dz = w/W · (g/Σ − onehot(t)).
        float* g = grad_logits + i * classes;
        std::copy(z, z + classes, g);
        const float sum = exp_shifted_and_sum(g, classes, z[best], 1.f);
        loss += w * (std::log(static_cast<double>(sum)) + z[best] - z[t]);
        const float row_factor = static_cast<float>(w * inverse);
        scale_row(g, classes, row_factor / sum, g);
        g[t] -= row_factor;
    }
    if (accuracy != nullptr) *accuracy = correct * inverse;
    return loss * inverse;
}

// ---------------------------------------------------------------------------------------------
// AdamW
// ---------------------------------------------------------------------------------------------

void adamw_update(float* parameters, const float* gradients, float* first_moment, float* second_moment,
                  std::size_t n, std::uint64_t step, const adam_hyperparameters& h)
{
    // Bias corrections in double: β^t for large t underflows gracefully, and 1 − β2^t is tiny early.
    const double t = static_cast<double>(step);
    const float correction1 = static_cast<float>(1.0 / (1.0 - std::pow(static_cast<double>(h.beta1), t)));
    const float correction2 = static_cast<float>(1.0 / (1.0 - std::pow(static_cast<double>(h.beta2), t)));
    const float b1 = h.beta1, b2 = h.beta2, one_minus_b1 = 1.f - h.beta1, one_minus_b2 = 1.f - h.beta2;
    const float lr = h.learning_rate, decay = h.learning_rate * h.weight_decay, eps = h.epsilon;
    // A plain loop on purpose: the compiler vectorises it in the SIMD build (sqrt and division are
    // single vector instructions in wasm simd128 and AVX), and it runs once per parameter per step.
    for (std::size_t i = 0; i < n; ++i) {
        const float g = gradients[i];
        const float m = b1 * first_moment[i] + one_minus_b1 * g;
        const float v = b2 * second_moment[i] + one_minus_b2 * g * g;
        first_moment[i] = m;
        second_moment[i] = v;
        parameters[i] -= lr * (m * correction1) / (std::sqrt(v * correction2) + eps) + decay * parameters[i];
    }
}

void require_adam_hyperparameters(const char* function, const adam_hyperparameters& hyper)
{
    auto check = [&](const char* name, float value, float low, float high) {
        if (!(std::isfinite(value) && value >= low && value < high))
            throw_argument_error(function,
                                 std::string(name) + " must be in [" + std::to_string(low) + ", " + std::to_string(high) + ")",
                                 std::to_string(value));
    };
    check("learning_rate", hyper.learning_rate, 0.f, 10.f);
    check("beta1", hyper.beta1, 0.f, 1.f);
    check("beta2", hyper.beta2, 0.f, 1.f);
    check("epsilon", hyper.epsilon, 0.f, 1.f);
    check("weight_decay", hyper.weight_decay, 0.f, 1.f);
}

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
