// The tiny decoder-only Transformer (transformer.hpp): forward, backward and AdamW on flat buffers
// with the GEMM micro-kernels; nothing is allocated per step.
#include "attention/transformer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "attention/detail/kernels.hpp"
#include "attention/detail/shapes.hpp"
#include "attention/detail/training_kernels.hpp"

namespace attention {
inline namespace AW_VARIANT {

namespace {

constexpr float layer_norm_eps = 1e-5f;
constexpr char file_magic[4] = {'A', 'W', 'T', 'F'};
constexpr std::uint32_t file_version = 1;
/// Generous limits that keep every buffer far below the 2 GiB of wasm memory for any sane batch.
constexpr std::size_t max_vocab = 65536, max_sequence = 1024, max_width = 1024, max_layer_count = 24;

void require_in_range(const char* field, std::size_t value, std::size_t low, std::size_t high)
{
    if (value < low || value > high)
        detail::throw_argument_error("transformer", std::string(field) + " must be an integer from " +
                                                        std::to_string(low) + " to " + std::to_string(high),
                                     std::to_string(value));
}

}  // namespace

transformer::transformer(const transformer_config& config) : config_(config)
{
    require_in_range("vocab_size", config.vocab_size, 2, max_vocab);
    require_in_range("max_length", config.max_length, 1, max_sequence);
    require_in_range("d_model", config.d_model, 1, max_width);
    require_in_range("num_heads", config.num_heads, 1, config.d_model);
    require_in_range("num_layers", config.num_layers, 1, max_layer_count);
    require_in_range("mlp_ratio", config.mlp_ratio, 1, 16);
    if (config.d_model % config.num_heads != 0)
        detail::throw_argument_error("transformer",
                                     "d_model must be a multiple of num_heads (each head gets d_model / num_heads "
                                     "columns); num_heads = " + std::to_string(config.num_heads),
                                     "d_model = " + std::to_string(config.d_model));
    const std::size_t d = config.d_model;
    head_dim_ = d / config.num_heads;
    hidden_ = config.mlp_ratio * d;

    std::size_t size = 0;
    auto take = [&size](std::size_t count) {
        const std::size_t offset = size;
        size += count;
        return offset;
    };
    token_embedding_ = take(config.vocab_size * d);
    position_embedding_ = take(config.max_length * d);
    for (std::size_t l = 0; l < config.num_layers; ++l) {
        layer_offsets o;
        o.ln1_gamma = take(d);
        o.ln1_beta = take(d);
        o.w_qkv = take(d * 3 * d);
        o.b_qkv = take(3 * d);
        o.w_out = take(d * d);
        o.b_out = take(d);
        o.ln2_gamma = take(d);
        o.ln2_beta = take(d);
        o.w1 = take(d * hidden_);
        o.b1 = take(hidden_);
        o.w2 = take(hidden_ * d);
        o.b2 = take(d);
        layers_.push_back(o);
    }
    final_gamma_ = take(d);
    final_beta_ = take(d);
    w_logits_ = take(d * config.vocab_size);
    b_logits_ = take(config.vocab_size);

    parameters_.assign(size, 0.f);
    gradients_.assign(size, 0.f);
    first_moment_.assign(size, 0.f);
    second_moment_.assign(size, 0.f);
    initialise();
}

void transformer::initialise()
{
    // Weights ~ N(0, 1/fan_in) (variance-preserving); the two projections that write into the
    // residual stream are scaled down by √(2·layers) (GPT-2), embeddings N(0, 1), biases 0, layer
    // norm γ = 1. Box–Muller on std::mt19937, which the standard specifies bit for bit.
    std::mt19937 generator(config_.seed);
    auto normal = [&generator]() {
        const double u1 = (generator() + 1.0) / 4294967297.0, u2 = generator() / 4294967296.0;
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    };
    auto fill_normal = [&](std::size_t offset, std::size_t count, double stddev) {
        for (std::size_t i = 0; i < count; ++i) parameters_[offset + i] = static_cast<float>(stddev * normal());
    };
    auto fill_value = [&](std::size_t offset, std::size_t count, float value) {
        std::fill(parameters_.begin() + offset, parameters_.begin() + offset + count, value);
    };
    const std::size_t d = config_.d_model;
    const double residual_scale = 1.0 / std::sqrt(2.0 * config_.num_layers);
    fill_normal(token_embedding_, config_.vocab_size * d, 1.0);
    fill_normal(position_embedding_, config_.max_length * d, 1.0);
    for (const auto& o : layers_) {
        fill_value(o.ln1_gamma, d, 1.f);
        fill_value(o.ln2_gamma, d, 1.f);
        fill_normal(o.w_qkv, d * 3 * d, 1.0 / std::sqrt(double(d)));
        fill_normal(o.w_out, d * d, residual_scale / std::sqrt(double(d)));
        fill_normal(o.w1, d * hidden_, 1.0 / std::sqrt(double(d)));
        fill_normal(o.w2, hidden_ * d, residual_scale / std::sqrt(double(hidden_)));
    }
    fill_value(final_gamma_, d, 1.f);
    fill_normal(w_logits_, d * config_.vocab_size, 1.0 / std::sqrt(double(d)));
}

void transformer::reserve_rows(std::size_t batch, std::size_t length)
{
    const std::size_t rows = batch * length;
    const std::size_t attention_floats = config_.num_layers * batch * config_.num_heads * length * length;
    if (rows <= capacity_rows_ && attention_floats <= capacity_attention_ && length <= capacity_length_) return;
    // Grow to the new size (never shrink): later steps of the same or smaller shape allocate nothing.
    capacity_rows_ = std::max(capacity_rows_, rows);
    capacity_length_ = std::max(capacity_length_, length);
    capacity_attention_ = std::max(capacity_attention_, attention_floats);
    const std::size_t n = capacity_rows_, d = config_.d_model, layers = config_.num_layers, v = config_.vocab_size;
    residual_.resize((layers + 1) * n * d);
    ln1_.resize(layers * n * d);
    ln1_stats_.resize(layers * 2 * n);
    qkv_.resize(layers * n * 3 * d);
    weights_.resize(capacity_attention_);
    heads_.resize(layers * n * d);
    middle_.resize(layers * n * d);
    ln2_.resize(layers * n * d);
    ln2_stats_.resize(layers * 2 * n);
    hidden_pre_.resize(layers * n * hidden_);
    hidden_act_.resize(layers * n * hidden_);
    final_ln_.resize(n * d);
    final_stats_.resize(2 * n);
    logits_.resize(n * v);
    grad_x_.resize(n * d);
    grad_ln_.resize(n * d);
    grad_hidden_.resize(n * hidden_);
    grad_qkv_.resize(n * 3 * d);
    grad_heads_.resize(n * d);
    grad_logits_.resize(n * v);
    loss_weights_.resize(n);
    // Packing scratch for the largest product of either pass (the widest is 3D or hidden; the
    // deepest is the N-row weight gradients) and the attention backward of one head.
    const std::size_t wide = std::max({3 * d, hidden_, v});
    const std::size_t gemm = std::max({detail::gemm_scratch_floats(n, wide, d), detail::gemm_scratch_floats(n, d, wide),
                                       detail::gemm_scratch_floats(wide, n, d), detail::gemm_scratch_floats(d, n, wide)});
    const std::size_t longest = capacity_length_;
    const std::size_t per_head = detail::attention_backward_scratch_floats(longest, longest, head_dim_, head_dim_) +
                                 detail::gemm_scratch_floats(longest, head_dim_, longest) +
                                 detail::gemm_scratch_floats(longest, longest, head_dim_);
    scratch_.resize(std::max({scratch_.size(), gemm, per_head}));
}

void transformer::validate_tokens(const char* function, const char* argument, const token_tensor& tokens) const
{
    if (tokens.dimension() != 2)
        detail::throw_shape_error(function, std::string(argument) + " must be integer tokens [batch, L]", "[batch, L]",
                                  tokens.shape());
    const std::size_t length = tokens.shape()[1];
    if (tokens.shape()[0] == 0 || length == 0 || length > config_.max_length)
        detail::throw_shape_error(function,
                                  std::string(argument) + " must have 1 to max_length = " +
                                      std::to_string(config_.max_length) + " positions and at least one row",
                                  "[batch, L ≤ " + std::to_string(config_.max_length) + "]", tokens.shape());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::int32_t id = tokens.data()[i];
        if (id < 0 || static_cast<std::size_t>(id) >= config_.vocab_size)
            detail::throw_argument_error(function,
                                         std::string(argument) + " token ids must be in [0, vocab_size) = [0, " +
                                             std::to_string(config_.vocab_size) + ")",
                                         std::to_string(id) + " at [" + std::to_string(i / length) + ", " +
                                             std::to_string(i % length) + "]");
    }
}

// ---------------------------------------------------------------------------------------------
// Forward
// ---------------------------------------------------------------------------------------------

void transformer::forward_pass(const std::int32_t* inputs, std::size_t batch, std::size_t length)
{
    using namespace detail;
    const std::size_t n = batch * length, d = config_.d_model, heads = config_.num_heads, dh = head_dim_;
    const float* p = parameters_.data();
    float* scratch = scratch_.data();
    const float scale = 1.f / std::sqrt(static_cast<float>(dh));

    // x₀ = token embedding + position embedding
    for (std::size_t row = 0; row < n; ++row) {
        const float* token = p + token_embedding_ + static_cast<std::size_t>(inputs[row]) * d;
        const float* position = p + position_embedding_ + (row % length) * d;
        float* x = residual_.data() + row * d;
        for (std::size_t j = 0; j < d; ++j) x[j] = token[j] + position[j];
    }

    for (std::size_t l = 0; l < config_.num_layers; ++l) {
        const layer_offsets& o = layers_[l];
        const float* x = residual_.data() + l * n * d;
        float* ln1 = ln1_.data() + l * n * d;
        float* stats1 = ln1_stats_.data() + l * 2 * n;
        float* qkv = qkv_.data() + l * n * 3 * d;
        float* weights = weights_.data() + l * batch * heads * length * length;
        float* concat = heads_.data() + l * n * d;
        float* middle = middle_.data() + l * n * d;
        float* ln2 = ln2_.data() + l * n * d;
        float* stats2 = ln2_stats_.data() + l * 2 * n;
        float* pre = hidden_pre_.data() + l * n * hidden_;
        float* act = hidden_act_.data() + l * n * hidden_;
        float* next = residual_.data() + (l + 1) * n * d;

        // Attention block: x + (softmax(causal(QKᵀ/√dh)) V) Wo + bo, Q|K|V = LN₁(x) Wqkv + bqkv
        layer_norm_rows(x, n, d, p + o.ln1_gamma, p + o.ln1_beta, layer_norm_eps, ln1, stats1, stats1 + n);
        gemm_nn(ln1, d, p + o.w_qkv, 3 * d, qkv, 3 * d, n, d, 3 * d, 1.f, false, scratch);
        add_bias(qkv, 3 * d, n, 3 * d, p + o.b_qkv);
        for (std::size_t b = 0; b < batch; ++b) {
            const float* qkv_b = qkv + b * length * 3 * d;
            for (std::size_t h = 0; h < heads; ++h) {
                float* w = weights + (b * heads + h) * length * length;
                // S = scale · Q_h K_hᵀ; causal softmax: keys j > i get −∞, whose exp is exactly 0. Whole
                // rows of L keep the vector loops free of tails (L = 12 is three wasm vectors).
                gemm_nt(qkv_b + h * dh, 3 * d, qkv_b + d + h * dh, 3 * d, w, length, length, dh, length, scale, false,
                        scratch);
                for (std::size_t i = 0; i < length; ++i) {
                    float* row = w + i * length;
                    std::fill(row + i + 1, row + length, -std::numeric_limits<float>::infinity());
                    softmax_row(row, length, 1.f);
                }
                gemm_nn(w, length, qkv_b + 2 * d + h * dh, 3 * d, concat + b * length * d + h * dh, d, length, length,
                        dh, 1.f, false, scratch);
            }
        }
        std::copy(x, x + n * d, middle);
        gemm_nn(concat, d, p + o.w_out, d, middle, d, n, d, d, 1.f, true, scratch);
        add_bias(middle, d, n, d, p + o.b_out);

        // MLP block: middle + GELU(LN₂(middle) W₁ + b₁) W₂ + b₂
        layer_norm_rows(middle, n, d, p + o.ln2_gamma, p + o.ln2_beta, layer_norm_eps, ln2, stats2, stats2 + n);
        gemm_nn(ln2, d, p + o.w1, hidden_, pre, hidden_, n, d, hidden_, 1.f, false, scratch);
        add_bias(pre, hidden_, n, hidden_, p + o.b1);
        gelu(pre, n * hidden_, act);
        std::copy(middle, middle + n * d, next);
        gemm_nn(act, hidden_, p + o.w2, d, next, d, n, hidden_, d, 1.f, true, scratch);
        add_bias(next, d, n, d, p + o.b2);
    }

    const float* last = residual_.data() + config_.num_layers * n * d;
    layer_norm_rows(last, n, d, p + final_gamma_, p + final_beta_, layer_norm_eps, final_ln_.data(), final_stats_.data(),
                    final_stats_.data() + n);
    gemm_nn(final_ln_.data(), d, p + w_logits_, config_.vocab_size, logits_.data(), config_.vocab_size, n, d,
            config_.vocab_size, 1.f, false, scratch);
    add_bias(logits_.data(), config_.vocab_size, n, config_.vocab_size, p + b_logits_);
}

// ---------------------------------------------------------------------------------------------
// Backward: from grad_logits_ (set by the loss) to gradients_ (zeroed here first)
// ---------------------------------------------------------------------------------------------

void transformer::backward_pass(const std::int32_t* inputs, std::size_t batch, std::size_t length)
{
    using namespace detail;
    const std::size_t n = batch * length, d = config_.d_model, heads = config_.num_heads, dh = head_dim_,
                      v = config_.vocab_size;
    const float* p = parameters_.data();
    float* g = gradients_.data();
    float* scratch = scratch_.data();
    float* dx = grad_x_.data();
    float* dln = grad_ln_.data();
    const float scale = 1.f / std::sqrt(static_cast<float>(dh));
    std::fill(gradients_.begin(), gradients_.end(), 0.f);

    // logits = LN_f(x_L) W_out + b_out
    const float* dlogits = grad_logits_.data();
    gemm_tn(final_ln_.data(), d, dlogits, v, g + w_logits_, v, d, n, v, 1.f, true, scratch);
    add_column_sums(dlogits, v, n, v, g + b_logits_);
    gemm_nt(dlogits, v, p + w_logits_, v, dln, d, n, v, d, 1.f, false, scratch);
    layer_norm_backward_rows(residual_.data() + config_.num_layers * n * d, dln, n, d, p + final_gamma_,
                             final_stats_.data(), final_stats_.data() + n, dx, false, g + final_gamma_,
                             g + final_beta_);

    for (std::size_t l = config_.num_layers; l-- > 0;) {
        const layer_offsets& o = layers_[l];
        const float* x = residual_.data() + l * n * d;
        const float* ln1 = ln1_.data() + l * n * d;
        const float* stats1 = ln1_stats_.data() + l * 2 * n;
        const float* qkv = qkv_.data() + l * n * 3 * d;
        const float* weights = weights_.data() + l * batch * heads * length * length;
        const float* concat = heads_.data() + l * n * d;
        const float* middle = middle_.data() + l * n * d;
        const float* ln2 = ln2_.data() + l * n * d;
        const float* stats2 = ln2_stats_.data() + l * 2 * n;
        const float* pre = hidden_pre_.data() + l * n * hidden_;
        const float* act = hidden_act_.data() + l * n * hidden_;
        float* dhidden = grad_hidden_.data();
        float* dqkv = grad_qkv_.data();
        float* dconcat = grad_heads_.data();

        // MLP block (dx is the gradient of its output, and of `middle` through the residual)
        gemm_tn(act, hidden_, dx, d, g + o.w2, d, hidden_, n, d, 1.f, true, scratch);
        add_column_sums(dx, d, n, d, g + o.b2);
        gemm_nt(dx, d, p + o.w2, d, dhidden, hidden_, n, d, hidden_, 1.f, false, scratch);
        gelu_backward(pre, dhidden, n * hidden_, dhidden);
        gemm_tn(ln2, d, dhidden, hidden_, g + o.w1, hidden_, d, n, hidden_, 1.f, true, scratch);
        add_column_sums(dhidden, hidden_, n, hidden_, g + o.b1);
        gemm_nt(dhidden, hidden_, p + o.w1, hidden_, dln, d, n, hidden_, d, 1.f, false, scratch);
        layer_norm_backward_rows(middle, dln, n, d, p + o.ln2_gamma, stats2, stats2 + n, dx, true, g + o.ln2_gamma,
                                 g + o.ln2_beta);

        // Attention block (dx is now the gradient of `middle`, and of x through the residual)
        gemm_tn(concat, d, dx, d, g + o.w_out, d, d, n, d, 1.f, true, scratch);
        add_column_sums(dx, d, n, d, g + o.b_out);
        gemm_nt(dx, d, p + o.w_out, d, dconcat, d, n, d, d, 1.f, false, scratch);
        std::fill(dqkv, dqkv + n * 3 * d, 0.f);
        for (std::size_t b = 0; b < batch; ++b) {
            const float* qkv_b = qkv + b * length * 3 * d;
            float* dqkv_b = dqkv + b * length * 3 * d;
            for (std::size_t h = 0; h < heads; ++h) {
                const std::size_t column = h * dh;
                attention_backward_matrix({qkv_b + column, 3 * d}, {qkv_b + d + column, 3 * d},
                                          {qkv_b + 2 * d + column, 3 * d},
                                          weights + (b * heads + h) * length * length,
                                          {dconcat + b * length * d + column, d}, length, length, dh, dh, scale,
                                          dqkv_b + column, 3 * d, dqkv_b + d + column, 3 * d, dqkv_b + 2 * d + column,
                                          3 * d, scratch);
            }
        }
        gemm_tn(ln1, d, dqkv, 3 * d, g + o.w_qkv, 3 * d, d, n, 3 * d, 1.f, true, scratch);
        add_column_sums(dqkv, 3 * d, n, 3 * d, g + o.b_qkv);
        gemm_nt(dqkv, 3 * d, p + o.w_qkv, 3 * d, dln, d, n, 3 * d, d, 1.f, false, scratch);
        layer_norm_backward_rows(x, dln, n, d, p + o.ln1_gamma, stats1, stats1 + n, dx, true, g + o.ln1_gamma,
                                 g + o.ln1_beta);
    }

    // Embeddings: scatter-add each row's gradient into its token's and its position's row.
    for (std::size_t row = 0; row < n; ++row) {
        float* token = g + token_embedding_ + static_cast<std::size_t>(inputs[row]) * d;
        float* position = g + position_embedding_ + (row % length) * d;
        const float* grad = dx + row * d;
        for (std::size_t j = 0; j < d; ++j) {
            token[j] += grad[j];
            position[j] += grad[j];
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Public steps
// ---------------------------------------------------------------------------------------------

double transformer::loss_raw(const std::int32_t* inputs, const std::int32_t* targets, const float* loss_mask,
                             std::size_t batch, std::size_t length, double* accuracy)
{
    reserve_rows(batch, length);
    forward_pass(inputs, batch, length);
    return detail::cross_entropy_rows(logits_.data(), batch * length, config_.vocab_size, targets, loss_mask, nullptr,
                                      accuracy);
}

double transformer::compute_gradients_raw(const std::int32_t* inputs, const std::int32_t* targets,
                                          const float* loss_mask, std::size_t batch, std::size_t length,
                                          double* accuracy)
{
    reserve_rows(batch, length);
    forward_pass(inputs, batch, length);
    const double loss = detail::cross_entropy_rows(logits_.data(), batch * length, config_.vocab_size, targets,
                                                   loss_mask, grad_logits_.data(), accuracy);
    backward_pass(inputs, batch, length);
    return loss;
}

train_result transformer::train_step_raw(const std::int32_t* inputs, const std::int32_t* targets,
                                         const float* loss_mask, std::size_t batch, std::size_t length,
                                         const train_options& options)
{
    double accuracy = 0.0;
    const double loss = compute_gradients_raw(inputs, targets, loss_mask, batch, length, &accuracy);
    detail::adam_hyperparameters hyper;
    hyper.learning_rate = options.learning_rate;
    hyper.beta1 = options.beta1;
    hyper.beta2 = options.beta2;
    hyper.epsilon = options.epsilon;
    hyper.weight_decay = options.weight_decay;
    ++step_;
    detail::adamw_update(parameters_.data(), gradients_.data(), first_moment_.data(), second_moment_.data(),
                         parameters_.size(), step_, hyper);
    return {static_cast<float>(loss), static_cast<float>(accuracy)};
}

train_result transformer::train_step(const token_tensor& inputs, const token_tensor& targets, const tensor* loss_mask,
                                     const train_options& options)
{
    constexpr const char* function = "train_step";
    validate_tokens(function, "inputs", inputs);
    validate_tokens(function, "targets", targets);
    if (targets.shape() != inputs.shape())
        detail::throw_shape_error(function, "targets must have the shape of inputs", shape_to_string(inputs.shape()),
                                  targets.shape());
    if (loss_mask != nullptr) {
        detail::require_shape(function, "loss_mask", *loss_mask, inputs.shape(), "must have the shape of inputs");
        for (std::size_t i = 0; i < loss_mask->size(); ++i)
            if (!(std::isfinite(loss_mask->data()[i]) && loss_mask->data()[i] >= 0.f))
                detail::throw_argument_error(function, "loss_mask values must be finite and ≥ 0",
                                             std::to_string(loss_mask->data()[i]) + " at index " + std::to_string(i));
    }
    detail::require_adam_hyperparameters(function, {options.learning_rate, options.beta1, options.beta2, options.epsilon,
                                                    options.weight_decay});
    return train_step_raw(inputs.data(), targets.data(), loss_mask ? loss_mask->data() : nullptr, inputs.shape()[0],
                          inputs.shape()[1], options);
}

void transformer::forward_raw(const std::int32_t* inputs, std::size_t batch, std::size_t length, float* logits,
                              float* attention)
{
    reserve_rows(batch, length);
    forward_pass(inputs, batch, length);
    const std::size_t n = batch * length;
    std::copy(logits_.data(), logits_.data() + n * config_.vocab_size, logits);
    const std::size_t per_layer = batch * config_.num_heads * length * length;
    std::copy(weights_.data(), weights_.data() + config_.num_layers * per_layer, attention);
}

transformer_output transformer::forward(const token_tensor& inputs)
{
    validate_tokens("forward", "inputs", inputs);
    const std::size_t batch = inputs.shape()[0], length = inputs.shape()[1];
    transformer_output out;
    out.logits = tensor::from_shape({batch, length, config_.vocab_size});
    out.attention = tensor::from_shape({config_.num_layers, batch, config_.num_heads, length, length});
    forward_raw(inputs.data(), batch, length, out.logits.data(), out.attention.data());
    return out;
}

// ---------------------------------------------------------------------------------------------
// Save / load
// ---------------------------------------------------------------------------------------------

namespace {

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t value)
{
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

std::uint32_t get_u32(const std::uint8_t* p)
{
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}

constexpr std::size_t header_words = 10;  // version, 7 config fields, step (2 words)

}  // namespace

std::vector<std::uint8_t> transformer::save() const
{
    std::vector<std::uint8_t> out(file_magic, file_magic + 4);
    out.reserve(4 + 4 * header_words + 4 * parameters_.size());
    put_u32(out, file_version);
    for (std::size_t field : {config_.vocab_size, config_.max_length, config_.d_model, config_.num_heads,
                              config_.num_layers, config_.mlp_ratio})
        put_u32(out, static_cast<std::uint32_t>(field));
    put_u32(out, config_.seed);
    put_u32(out, static_cast<std::uint32_t>(step_));
    put_u32(out, static_cast<std::uint32_t>(step_ >> 32));
    for (float value : parameters_) {
        std::uint32_t bits;
        std::memcpy(&bits, &value, 4);
        put_u32(out, bits);
    }
    return out;
}

void transformer::load(const std::uint8_t* bytes, std::size_t size)
{
    constexpr const char* function = "load";
    const std::size_t expected = 4 + 4 * header_words + 4 * parameters_.size();
    if (size < 8 || std::memcmp(bytes, file_magic, 4) != 0)
        detail::throw_argument_error(function, "the bytes are not a saved model (they must start with \"AWTF\")",
                                     std::to_string(size) + " bytes");
    if (get_u32(bytes + 4) != file_version)
        detail::throw_argument_error(function, "unsupported format version (expected " + std::to_string(file_version) + ")",
                                     std::to_string(get_u32(bytes + 4)));
    if (size < 4 + 4 * header_words)
        detail::throw_argument_error(function, "the saved model is truncated", std::to_string(size) + " bytes");
    const char* names[] = {"vocab_size", "max_length", "d_model", "num_heads", "num_layers", "mlp_ratio"};
    const std::size_t mine[] = {config_.vocab_size, config_.max_length, config_.d_model, config_.num_heads,
                                config_.num_layers, config_.mlp_ratio};
    for (std::size_t i = 0; i < 6; ++i) {
        const std::uint32_t saved = get_u32(bytes + 8 + 4 * i);
        if (saved != mine[i])
            detail::throw_argument_error(function,
                                         std::string("the saved model has a different configuration: ") + names[i] +
                                             " is " + std::to_string(mine[i]) + " in this model",
                                         std::to_string(saved) + " in the saved one");
    }
    if (size != expected)
        detail::throw_argument_error(function, "the saved model must be " + std::to_string(expected) + " bytes",
                                     std::to_string(size));
    const std::uint8_t* data = bytes + 4 + 4 * header_words;
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
        const std::uint32_t bits = get_u32(data + 4 * i);
        std::memcpy(&parameters_[i], &bits, 4);
    }
    // Adam restarts (moments and bias correction): the saved step count is only informative.
    step_ = 0;
    std::fill(first_moment_.begin(), first_moment_.end(), 0.f);
    std::fill(second_moment_.begin(), second_moment_.end(), 0.f);
}

}  // namespace AW_VARIANT
}  // namespace attention
