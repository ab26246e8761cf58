// Backward passes of softmax, log-softmax, scaled dot-product and multi-head attention (gradients.hpp).
#include "attention/gradients.hpp"

#include <cmath>
#include <sstream>
#include <vector>

#include "attention/detail/attention_kernels.hpp"
#include "attention/detail/kernels.hpp"
#include "attention/detail/scratch.hpp"
#include "attention/detail/shapes.hpp"
#include "attention/detail/training_kernels.hpp"
#include "attention/softmax.hpp"

namespace attention {
inline namespace AW_VARIANT {

namespace {

float inverse_temperature(const char* function, const tensor& x, const tensor& grad_output, float temperature)
{
    detail::require_rank_at_least(function, "x", x, 1, "[..., n]");
    detail::require_shape(function, "grad_output", grad_output, x.shape(), "must have the shape of x");
    // The forward contract: −∞ in x means "hidden" (its weight and its gradient are 0); the gradient must be finite.
    detail::require_finite(function, "x", x, detail::infinities::negative_means_hidden);
    detail::require_finite(function, "grad_output", grad_output);
    if (!(std::isfinite(temperature) && temperature > 0.f)) {
        std::ostringstream actual;
        actual << temperature;
        detail::throw_argument_error(function, "temperature must be a finite number > 0", actual.str());
    }
    return 1.f / temperature;
}

}  // namespace

tensor softmax_backward(const tensor& x, const tensor& grad_output, float temperature)
{
    const float factor = inverse_temperature("softmax_backward", x, grad_output, temperature);
    tensor dx = softmax(x, temperature);  // y, then dx in place row by row
    const std::size_t n = x.shape().back();
    if (n == 0) return dx;
    for (std::size_t r = 0; r < x.size() / n; ++r)
        detail::softmax_backward_row(dx.data() + r * n, grad_output.data() + r * n, n, factor, dx.data() + r * n);
    return dx;
}

tensor log_softmax_backward(const tensor& x, const tensor& grad_output, float temperature)
{
    const float factor = inverse_temperature("log_softmax_backward", x, grad_output, temperature);
    tensor dx = log_softmax(x, temperature);
    const std::size_t n = x.shape().back();
    if (n == 0) return dx;
    for (std::size_t r = 0; r < x.size() / n; ++r)
        detail::log_softmax_backward_row(dx.data() + r * n, grad_output.data() + r * n, n, factor, dx.data() + r * n);
    return dx;
}

sdpa_gradients scaled_dot_product_attention_backward(const tensor& q, const tensor& k, const tensor& v,
                                                     const tensor& grad_output, const sdpa_options& options)
{
    constexpr const char* function = "scaled_dot_product_attention_backward";
    shape_type leading;
    const auto problem = detail::describe_attention(function, q, k, v, options.scale, leading);
    const detail::mask_plan mask(function, options.mask, options.causal, leading, problem.lq, problem.lk);
    detail::require_shape(function, "grad_output", grad_output, detail::concat_shape(leading, {problem.lq, problem.dv}),
                          "must have the shape of the output [..., Lq, dv]");
    detail::require_finite(function, "grad_output", grad_output);  // q, k, v and the mask: checked above

    // Recompute the weights P of every matrix (the output itself is not needed).
    detail::scratch_buffer weights(problem.batches * problem.lq * problem.lk);
    detail::scratch_buffer output(problem.batches * problem.lq * problem.dv);
    detail::naive_attention(problem, mask, output.data(), weights.data());

    sdpa_gradients grads{xt::zeros<float>(q.shape()), xt::zeros<float>(k.shape()), xt::zeros<float>(v.shape())};
    detail::scratch_buffer scratch(
        detail::attention_backward_scratch_floats(problem.lq, problem.lk, problem.d, problem.dv));
    const std::size_t q_size = problem.lq * problem.d, k_size = problem.lk * problem.d, v_size = problem.lk * problem.dv;
    for (std::size_t b = 0; b < problem.batches; ++b) {
        // Broadcast operands accumulate the gradients of every matrix that read them.
        detail::attention_backward_matrix(
            {problem.q + problem.q_index[b] * q_size, problem.d}, {problem.k + problem.k_index[b] * k_size, problem.d},
            {problem.v + problem.v_index[b] * v_size, problem.dv}, weights.data() + b * problem.lq * problem.lk,
            {grad_output.data() + b * problem.lq * problem.dv, problem.dv}, problem.lq, problem.lk, problem.d,
            problem.dv, problem.scale, grads.q.data() + problem.q_index[b] * q_size, problem.d,
            grads.k.data() + problem.k_index[b] * k_size, problem.d, grads.v.data() + problem.v_index[b] * v_size,
            problem.dv, scratch.data());
    }
    return grads;
}

mha_gradients multi_head_attention_backward(const tensor& query, const tensor& key, const tensor& value,
                                            const mha_weights& w, const tensor& grad_output,
                                            const mha_options& options)
{
    constexpr const char* function = "multi_head_attention_backward";
    // The forward call validates every argument and gives the weights P [..., H, Lq, Lk].
    mha_options forward_options = options;
    forward_options.return_weights = true;
    const attention_result forward = multi_head_attention(query, key, value, w, forward_options);
    detail::require_shape(function, "grad_output", grad_output, forward.output.shape(),
                          "must have the shape of the output [..., Lq, d_out]");
    detail::require_finite(function, "grad_output", grad_output);

    const std::size_t heads = w.num_heads, kv_heads = w.num_kv_heads == 0 ? w.num_heads : w.num_kv_heads;
    const std::size_t group = heads / kv_heads;
    const std::size_t lq = query.shape()[query.dimension() - 2], lk = key.shape()[key.dimension() - 2];
    const std::size_t d_query = query.shape().back(), d_key = key.shape().back(), d_value = value.shape().back();
    const std::size_t q_cols = w.Wq.shape()[1], k_cols = w.Wk.shape()[1], v_cols = w.Wv.shape()[1];
    const std::size_t d_out = w.Wo.shape()[1];
    const std::size_t dh = q_cols / heads, dv = v_cols / kv_heads;
    const std::size_t batches = query.size() / (lq * d_query);
    const std::size_t mq = batches * lq, mk = batches * lk;
    const float scale = detail::resolve_scale(function, {}, dh);
    // A default-constructed (0-d) tensor or one with no elements means "no bias" (as in the forward call).
    auto has_bias = [](const tensor& b) { return b.dimension() != 0 && b.size() != 0; };
    const bool has_bq = has_bias(w.bq), has_bk = has_bias(w.bk), has_bv = has_bias(w.bv), has_bo = has_bias(w.bo);

    std::vector<float> scratch(std::max({detail::gemm_scratch_floats(mq, d_query, q_cols),
                                         detail::gemm_scratch_floats(mk, std::max(d_key, d_value), std::max(k_cols, v_cols)),
                                         detail::gemm_scratch_floats(mq, heads * dv, d_out),
                                         detail::gemm_scratch_floats(mq, d_out, heads * dv),
                                         detail::gemm_scratch_floats(std::max({d_query, d_key, d_value, heads * dv}),
                                                                     std::max(mq, mk),
                                                                     std::max({q_cols, k_cols, v_cols, d_out})),
                                         detail::gemm_scratch_floats(std::max(mq, mk),
                                                                     std::max({q_cols, k_cols, v_cols}),
                                                                     std::max({d_query, d_key, d_value})),
                                         detail::attention_backward_scratch_floats(lq, lk, dh, dv) +
                                             detail::gemm_scratch_floats(lq, lk, dv)}));
    float* pack = scratch.data();
    auto project = [&](const tensor& x, std::size_t rows, std::size_t din, const tensor& W, const tensor& b,
                       std::size_t cols) {
        std::vector<float> y(rows * cols);
        detail::gemm_nn(x.data(), din, W.data(), cols, y.data(), cols, rows, din, cols, 1.f, false, pack);
        if (b.dimension() != 0 && b.size() != 0) detail::add_bias(y.data(), cols, rows, cols, b.data());
        return y;
    };
    const std::vector<float> Q = project(query, mq, d_query, w.Wq, w.bq, q_cols);
    const std::vector<float> K = project(key, mk, d_key, w.Wk, w.bk, k_cols);
    const std::vector<float> V = project(value, mk, d_value, w.Wv, w.bv, v_cols);
    // Concatenated head outputs O [mq, H·dv] = P_h · V_g(h), recomputed from the weights.
    std::vector<float> O(mq * heads * dv);
    const float* P = forward.weights.data();
    for (std::size_t b = 0; b < batches; ++b)
        for (std::size_t h = 0; h < heads; ++h)
            detail::gemm_nn(P + (b * heads + h) * lq * lk, lk, V.data() + b * lk * v_cols + (h / group) * dv, v_cols,
                            O.data() + b * lq * heads * dv + h * dv, heads * dv, lq, lk, dv, 1.f, false, pack);

    mha_gradients g;
    g.Wo = xt::zeros<float>(w.Wo.shape());
    g.bo = has_bo ? tensor(xt::zeros<float>(w.bo.shape())) : tensor::from_shape({0});
    // output = O·Wo + bo
    detail::gemm_tn(O.data(), heads * dv, grad_output.data(), d_out, g.Wo.data(), d_out, heads * dv, mq, d_out, 1.f,
                    false, pack);
    if (has_bo) detail::add_column_sums(grad_output.data(), d_out, mq, d_out, g.bo.data());
    std::vector<float> dO(mq * heads * dv);
    detail::gemm_nt(grad_output.data(), d_out, w.Wo.data(), d_out, dO.data(), heads * dv, mq, d_out, heads * dv, 1.f,
                    false, pack);

    // Per head: attention backward into dQ, dK, dV (heads of one group add into their K/V head).
    std::vector<float> dQ(mq * q_cols, 0.f), dK(mk * k_cols, 0.f), dV(mk * v_cols, 0.f);
    float* attention_scratch = scratch.data();
    for (std::size_t b = 0; b < batches; ++b)
        for (std::size_t h = 0; h < heads; ++h) {
            const std::size_t g_index = h / group;
            detail::attention_backward_matrix(
                {Q.data() + b * lq * q_cols + h * dh, q_cols}, {K.data() + b * lk * k_cols + g_index * dh, k_cols},
                {V.data() + b * lk * v_cols + g_index * dv, v_cols}, P + (b * heads + h) * lq * lk,
                {dO.data() + b * lq * heads * dv + h * dv, heads * dv}, lq, lk, dh, dv, scale,
                dQ.data() + b * lq * q_cols + h * dh, q_cols, dK.data() + b * lk * k_cols + g_index * dh, k_cols,
                dV.data() + b * lk * v_cols + g_index * dv, v_cols, attention_scratch);
        }

    // Projections: Y = X·W + b → dX = dY·Wᵀ, dW = Xᵀ·dY, db = Σ dY
    auto projection_backward = [&](const tensor& x, std::size_t rows, std::size_t din, const tensor& W, bool has_b,
                                   const std::vector<float>& dY, std::size_t cols, tensor& dx, tensor& dW, tensor& db) {
        dx = tensor::from_shape(x.shape());
        dW = tensor::from_shape(W.shape());
        db = has_b ? tensor(xt::zeros<float>({cols})) : tensor::from_shape({0});
        detail::gemm_nt(dY.data(), cols, W.data(), cols, dx.data(), din, rows, cols, din, 1.f, false, pack);
        detail::gemm_tn(x.data(), din, dY.data(), cols, dW.data(), cols, din, rows, cols, 1.f, false, pack);
        if (has_b) detail::add_column_sums(dY.data(), cols, rows, cols, db.data());
    };
    projection_backward(query, mq, d_query, w.Wq, has_bq, dQ, q_cols, g.query, g.Wq, g.bq);
    projection_backward(key, mk, d_key, w.Wk, has_bk, dK, k_cols, g.key, g.Wk, g.bk);
    projection_backward(value, mk, d_value, w.Wv, has_bv, dV, v_cols, g.value, g.Wv, g.bv);
    return g;
}

}  // namespace AW_VARIANT
}  // namespace attention
