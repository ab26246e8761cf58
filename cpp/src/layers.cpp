// Linear, layer norm, GELU, embedding, cross-entropy and AdamW, forward and backward (layers.hpp).
#include "attention/layers.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "attention/detail/kernels.hpp"
#include "attention/detail/shapes.hpp"
#include "attention/detail/training_kernels.hpp"

namespace attention {
inline namespace AW_VARIANT {

namespace {

void require_vector(const char* function, const char* argument, const tensor& t, std::size_t n, const char* why)
{
    detail::require_shape(function, argument, t, {n}, why);
}

void require_ids(const char* function, const char* argument, const token_tensor& ids, std::size_t limit,
                 const char* limit_name)
{
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (ids.data()[i] < 0 || static_cast<std::size_t>(ids.data()[i]) >= limit)
            detail::throw_argument_error(function,
                                         std::string(argument) + " must be integers in [0, " + limit_name + ") = [0, " +
                                             std::to_string(limit) + ")",
                                         std::to_string(ids.data()[i]) + " at flat index " + std::to_string(i));
}

/// The leading shape of x [..., n] followed by m.
shape_type with_last(const shape_type& shape, std::size_t m)
{
    shape_type result = shape;
    result.back() = m;
    return result;
}

}  // namespace

tensor linear(const tensor& x, const tensor& W, const tensor& b)
{
    constexpr const char* function = "linear";
    detail::require_rank_at_least(function, "x", x, 1, "[..., d_in]");
    const std::size_t din = x.shape().back();
    if (W.dimension() != 2 || W.shape()[0] != din)
        detail::throw_shape_error(function, "W must be [d_in, d_out] with d_in = the last dimension of x",
                                  "[" + std::to_string(din) + ", d_out]", W.shape());
    const std::size_t dout = W.shape()[1];
    // A default-constructed (0-d) tensor or one with no elements means "no bias", as in multi-head attention.
    const bool has_bias = b.dimension() != 0 && b.size() != 0;
    if (has_bias) require_vector(function, "b", b, dout, "must have one entry per output column (or be empty)");
    tensor y = tensor::from_shape(with_last(x.shape(), dout));
    const std::size_t rows = din == 0 ? 0 : x.size() / din;
    std::vector<float> packed(detail::gemm_scratch_floats(rows, din, dout));
    detail::gemm_nn(x.data(), din, W.data(), dout, y.data(), dout, rows, din, dout, 1.f, false, packed.data());
    if (has_bias) detail::add_bias(y.data(), dout, rows, dout, b.data());
    return y;
}

linear_gradients linear_backward(const tensor& x, const tensor& W, const tensor& grad_output, bool has_bias)
{
    constexpr const char* function = "linear_backward";
    detail::require_rank_at_least(function, "x", x, 1, "[..., d_in]");
    const std::size_t din = x.shape().back();
    if (W.dimension() != 2 || W.shape()[0] != din)
        detail::throw_shape_error(function, "W must be [d_in, d_out] with d_in = the last dimension of x",
                                  "[" + std::to_string(din) + ", d_out]", W.shape());
    const std::size_t dout = W.shape()[1];
    detail::require_shape(function, "grad_output", grad_output, with_last(x.shape(), dout),
                          "must have the shape of the output [..., d_out]");
    const std::size_t rows = din == 0 ? 0 : x.size() / din;
    linear_gradients g{tensor::from_shape(x.shape()), tensor::from_shape(W.shape()),
                       has_bias ? tensor(xt::zeros<float>({dout})) : tensor::from_shape({0})};
    std::vector<float> packed(std::max(detail::gemm_scratch_floats(rows, dout, din),
                                       detail::gemm_scratch_floats(din, rows, dout)));
    detail::gemm_nt(grad_output.data(), dout, W.data(), dout, g.x.data(), din, rows, dout, din, 1.f, false,
                    packed.data());
    detail::gemm_tn(x.data(), din, grad_output.data(), dout, g.W.data(), dout, din, rows, dout, 1.f, false,
                    packed.data());
    if (has_bias) detail::add_column_sums(grad_output.data(), dout, rows, dout, g.b.data());
    return g;
}

namespace {

std::size_t validate_layer_norm(const char* function, const tensor& x, const tensor& gamma, float eps)
{
    detail::require_rank_at_least(function, "x", x, 1, "[..., n]");
    const std::size_t n = x.shape().back();
    require_vector(function, "gamma", gamma, n, "must have one entry per feature of x");
    if (!(std::isfinite(eps) && eps > 0.f))
        detail::throw_argument_error(function, "eps must be a finite number > 0", std::to_string(eps));
    return n;
}

}  // namespace

tensor layer_norm(const tensor& x, const tensor& gamma, const tensor& beta, float eps)
{
    const std::size_t n = validate_layer_norm("layer_norm", x, gamma, eps);
    require_vector("layer_norm", "beta", beta, n, "must have one entry per feature of x");
    tensor y = tensor::from_shape(x.shape());
    if (n > 0) detail::layer_norm_rows(x.data(), x.size() / n, n, gamma.data(), beta.data(), eps, y.data(), nullptr, nullptr);
    return y;
}

layer_norm_gradients layer_norm_backward(const tensor& x, const tensor& gamma, const tensor& grad_output, float eps)
{
    constexpr const char* function = "layer_norm_backward";
    const std::size_t n = validate_layer_norm(function, x, gamma, eps);
    detail::require_shape(function, "grad_output", grad_output, x.shape(), "must have the shape of x");
    layer_norm_gradients g{tensor::from_shape(x.shape()), xt::zeros<float>({n}), xt::zeros<float>({n})};
    if (n == 0) return g;
    const std::size_t rows = x.size() / n;
    std::vector<float> y(x.size()), mean(rows), rstd(rows);
    detail::layer_norm_rows(x.data(), rows, n, gamma.data(), g.beta.data() /* zeros: β does not matter */, eps,
                            y.data(), mean.data(), rstd.data());
    detail::layer_norm_backward_rows(x.data(), grad_output.data(), rows, n, gamma.data(), mean.data(), rstd.data(),
                                     g.x.data(), false, g.gamma.data(), g.beta.data());
    return g;
}

tensor gelu(const tensor& x)
{
    tensor y = tensor::from_shape(x.shape());
    detail::gelu(x.data(), x.size(), y.data());
    return y;
}

tensor gelu_backward(const tensor& x, const tensor& grad_output)
{
    detail::require_shape("gelu_backward", "grad_output", grad_output, x.shape(), "must have the shape of x");
    tensor dx = tensor::from_shape(x.shape());
    detail::gelu_backward(x.data(), grad_output.data(), x.size(), dx.data());
    return dx;
}

tensor embedding(const tensor& table, const token_tensor& ids)
{
    constexpr const char* function = "embedding";
    if (table.dimension() != 2)
        detail::throw_shape_error(function, "table must be [vocab_size, D]", "[V, D]", table.shape());
    const std::size_t vocab = table.shape()[0], d = table.shape()[1];
    require_ids(function, "ids", ids, vocab, "vocab_size");
    shape_type shape(ids.shape().begin(), ids.shape().end());
    shape.push_back(d);
    tensor y = tensor::from_shape(shape);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const float* row = table.data() + static_cast<std::size_t>(ids.data()[i]) * d;
        std::copy(row, row + d, y.data() + i * d);
    }
    return y;
}

tensor embedding_backward(const token_tensor& ids, const tensor& grad_output, std::size_t vocab_size)
{
    constexpr const char* function = "embedding_backward";
    require_ids(function, "ids", ids, vocab_size, "vocab_size");
    detail::require_rank_at_least(function, "grad_output", grad_output, 1, "[..., D]");
    const std::size_t d = grad_output.shape().back();
    shape_type expected(ids.shape().begin(), ids.shape().end());
    expected.push_back(d);
    detail::require_shape(function, "grad_output", grad_output, expected, "must be [...ids shape, D]");
    tensor table = xt::zeros<float>({vocab_size, d});
    for (std::size_t i = 0; i < ids.size(); ++i) {
        float* row = table.data() + static_cast<std::size_t>(ids.data()[i]) * d;
        const float* g = grad_output.data() + i * d;
        for (std::size_t j = 0; j < d; ++j) row[j] += g[j];
    }
    return table;
}

cross_entropy_result cross_entropy(const tensor& logits, const token_tensor& targets, const tensor* loss_mask)
{
    constexpr const char* function = "cross_entropy";
    detail::require_rank_at_least(function, "logits", logits, 1, "[..., C]");
    const std::size_t classes = logits.shape().back();
    shape_type expected(targets.shape().begin(), targets.shape().end());
    expected.push_back(classes);
    if (classes == 0 || logits.shape() != expected)
        detail::throw_shape_error(function, "logits must be [...targets shape, C] with C ≥ 1",
                                  shape_to_string(expected), logits.shape());
    require_ids(function, "targets", targets, classes, "C");
    if (loss_mask != nullptr) {
        detail::require_shape(function, "loss_mask", *loss_mask, shape_type(targets.shape().begin(), targets.shape().end()),
                              "must have the shape of targets");
        for (std::size_t i = 0; i < loss_mask->size(); ++i)
            if (!(std::isfinite(loss_mask->data()[i]) && loss_mask->data()[i] >= 0.f))
                detail::throw_argument_error(function, "loss_mask values must be finite and ≥ 0",
                                             std::to_string(loss_mask->data()[i]) + " at flat index " + std::to_string(i));
    }
    cross_entropy_result result{0.f, 0.f, tensor::from_shape(logits.shape())};
    double accuracy = 0.0;
    result.loss = static_cast<float>(detail::cross_entropy_rows(logits.data(), targets.size(), classes, targets.data(),
                                                                loss_mask ? loss_mask->data() : nullptr,
                                                                result.grad_logits.data(), &accuracy));
    result.accuracy = static_cast<float>(accuracy);
    return result;
}

void adamw_step(tensor& parameters, const tensor& gradients, adam_state& state, const adamw_options& options)
{
    constexpr const char* function = "adamw_step";
    detail::require_shape(function, "gradients", gradients, parameters.shape(), "must have the shape of parameters");
    detail::require_adam_hyperparameters(function, {options.learning_rate, options.beta1, options.beta2, options.epsilon,
                                                    options.weight_decay});
    if (state.first_moment.shape() != parameters.shape()) {
        state.first_moment = xt::zeros<float>(parameters.shape());
        state.second_moment = xt::zeros<float>(parameters.shape());
        state.step = 0;
    }
    detail::adam_hyperparameters h;
    h.learning_rate = options.learning_rate;
    h.beta1 = options.beta1;
    h.beta2 = options.beta2;
    h.epsilon = options.epsilon;
    h.weight_decay = options.weight_decay;
    ++state.step;
    detail::adamw_update(parameters.data(), gradients.data(), state.first_moment.data(), state.second_moment.data(),
                         parameters.size(), state.step, h);
}

}  // namespace AW_VARIANT
}  // namespace attention
