// A tiny decoder-only Transformer that trains in milliseconds per step: the workshop's way of
// showing what attention heads learn.
//
// Architecture (GPT-2 style, pre-LN; Radford et al. 2019), with N = batch·L token rows:
//   x₀ = token_embedding[ids] + position_embedding[0 … L−1]                       [N, D]
//   per layer:  x ← x + MHSA(LN₁(x))     causal multi-head self-attention, fused Wqkv [D, 3D] + bqkv,
//                                         head h uses columns h·D/H … of Q, K and V; Wo [D, D] + bo
//               x ← x + W₂·GELU(W₁·LN₂(x) + b₁) + b₂     W₁ [D, r·D], W₂ [r·D, D], r = mlp_ratio (4)
//   logits = LN_f(x)·W_out + b_out                                                  [N, V]
// GELU is the tanh form; layer norms use eps = 1e-5. Training minimises the mean cross-entropy of
// the next-token targets over the positions the loss mask keeps, with AdamW.
//
// Memory: parameters, gradients and the two Adam moments are allocated when the model is made;
// activation buffers when a batch·L larger than any before is first seen, and then reused — a
// training step allocates nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "attention/config.hpp"
#include "attention/layers.hpp"
#include "attention/tensor.hpp"

namespace attention {

struct transformer_config {
    std::size_t vocab_size = 16;
    std::size_t max_length = 12;
    std::size_t d_model = 32;
    std::size_t num_heads = 4;
    std::size_t num_layers = 2;
    std::size_t mlp_ratio = 4;  ///< hidden width of the MLP = mlp_ratio · d_model
    std::uint32_t seed = 0;     ///< initialisation (std::mt19937 + Box–Muller: the same on every platform)
};

/// AdamW settings of one training step. weight_decay 0 = Adam.
struct train_options {
    float learning_rate = 3e-3f;
    float beta1 = 0.9f;
    float beta2 = 0.98f;
    float epsilon = 1e-8f;
    float weight_decay = 0.f;
};

struct train_result {
    float loss;      ///< mean cross-entropy (nats) over the kept positions, before the update
    float accuracy;  ///< fraction of kept positions whose arg-max logit is the target, before the update
};

struct transformer_output {
    tensor logits;     ///< [batch, L, vocab]
    tensor attention;  ///< [num_layers, batch, num_heads, L, L], each row sums to 1 over keys ≤ its query
};

inline namespace AW_VARIANT {

class transformer {
public:
    /// Validates the configuration (argument_error naming the field) and initialises the weights.
    explicit transformer(const transformer_config& config);

    const transformer_config& config() const { return config_; }
    std::size_t parameter_count() const { return parameters_.size(); }
    /// Training steps taken since construction or the last load().
    std::uint64_t steps() const { return step_; }

    /// One training step: forward, loss, backward, AdamW update. inputs, targets: [batch, L] with
    /// 1 ≤ L ≤ max_length and ids in [0, vocab); loss_mask: [batch, L] weights (1 keep, 0 skip) or
    /// nullptr for all. Throws argument_error / shape_error before changing anything.
    train_result train_step(const token_tensor& inputs, const token_tensor& targets, const tensor* loss_mask,
                            const train_options& options = {});

    /// Inference: logits and the attention weights of every layer and head.
    transformer_output forward(const token_tensor& inputs);

    /// Same as train_step / forward on raw row-major buffers already validated by the caller
    /// (validate_tokens); used by the bindings and the benchmark to skip copies.
    train_result train_step_raw(const std::int32_t* inputs, const std::int32_t* targets, const float* loss_mask,
                                std::size_t batch, std::size_t length, const train_options& options);
    void forward_raw(const std::int32_t* inputs, std::size_t batch, std::size_t length, float* logits,
                     float* attention);

    /// Throws argument_error / shape_error unless tokens is [batch, L] with L ≤ max_length and ids < vocab.
    void validate_tokens(const char* function, const char* argument, const token_tensor& tokens) const;

    /// Compact binary: "AWTF", format version, the configuration, the step count, then the parameters
    /// as little-endian float32. Adam's moments are not saved (load() restarts them at zero).
    std::vector<std::uint8_t> save() const;
    /// Loads what save() wrote; throws argument_error (and changes nothing) when the bytes are not a
    /// saved model or were saved from a different configuration.
    void load(const std::uint8_t* bytes, std::size_t size);

    /// Flat views of the parameters and of their gradients from the last train_step (same layout),
    /// for tests that compare against finite differences.
    std::vector<float>& parameters() { return parameters_; }
    const std::vector<float>& gradients() const { return gradients_; }
    /// Loss of a forward pass without any update (for finite differences); accuracy via the pointer.
    double loss_raw(const std::int32_t* inputs, const std::int32_t* targets, const float* loss_mask, std::size_t batch,
                    std::size_t length, double* accuracy = nullptr);
    /// Forward and backward without the update: fills gradients(); returns the loss.
    double compute_gradients_raw(const std::int32_t* inputs, const std::int32_t* targets, const float* loss_mask,
                                 std::size_t batch, std::size_t length, double* accuracy = nullptr);

private:
    struct layer_offsets {
        std::size_t ln1_gamma, ln1_beta, w_qkv, b_qkv, w_out, b_out, ln2_gamma, ln2_beta, w1, b1, w2, b2;
    };

    void initialise();
    void reserve_rows(std::size_t batch, std::size_t length);
    void forward_pass(const std::int32_t* inputs, std::size_t batch, std::size_t length);
    void backward_pass(const std::int32_t* inputs, std::size_t batch, std::size_t length);

    transformer_config config_;
    std::size_t head_dim_ = 0, hidden_ = 0;
    std::uint64_t step_ = 0;

    // Parameter layout (offsets into parameters_, gradients_ and the moments).
    std::size_t token_embedding_ = 0, position_embedding_ = 0;
    std::vector<layer_offsets> layers_;
    std::size_t final_gamma_ = 0, final_beta_ = 0, w_logits_ = 0, b_logits_ = 0;

    std::vector<float> parameters_, gradients_, first_moment_, second_moment_;

    // Activations, sized for capacity_rows_ = batch·L rows (and capacity_batch_ for the attention
    // weights); per layer where the backward pass needs them.
    std::size_t capacity_rows_ = 0, capacity_attention_ = 0, capacity_length_ = 0;
    std::vector<float> residual_, ln1_, ln1_stats_, qkv_, weights_, heads_, middle_, ln2_, ln2_stats_, hidden_pre_,
        hidden_act_, final_ln_, final_stats_, logits_;
    // Backward temporaries and GEMM packing scratch.
    std::vector<float> grad_x_, grad_ln_, grad_hidden_, grad_qkv_, grad_heads_, grad_logits_, scratch_;
    std::vector<float> loss_weights_;
};

}  // namespace AW_VARIANT
}  // namespace attention
