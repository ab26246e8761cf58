// Bindings of the training part of the core (issue 10): gradients and the tiny Transformer.
//
// Same rules as operations.hpp: handles and numbers in, a handle (or a JavaScript value) out, and
// the failure value (handle 0, null, false) with the reason in lastErrorMessage() when the core
// threw — nothing is thrown across the boundary (error_capture.hpp).
#pragma once

#include <cstddef>
#include <cstdint>

#include <emscripten/val.h>

#include "tensor_handles.hpp"

namespace attention_bindings {

/// A list of tensors returned by one call (the gradients of several inputs, logits + attention).
/// Items are owned by the list: free the list, not the items.
handle tensor_list_item(handle list, std::size_t index);
void free_tensor_list(handle list) noexcept;

handle softmax_backward(handle x, handle grad_output, float temperature);
handle log_softmax_backward(handle x, handle grad_output, float temperature);
/// → list [dq, dk, dv]
handle scaled_dot_product_attention_backward(handle q, handle k, handle v, handle grad_output, float scale,
                                             bool causal, handle mask, bool additive_mask);

/// Handle of a heap-allocated attention::transformer; 0 for an invalid configuration.
handle create_transformer(std::size_t vocab_size, std::size_t max_length, std::size_t d_model, std::size_t num_heads,
                          std::size_t num_layers, std::size_t mlp_ratio, std::uint32_t seed);
void free_transformer(handle model) noexcept;
double transformer_parameter_count(handle model);
/// inputs, targets: tensors of whole numbers [batch, L]; loss_mask: handle 0 for all positions.
/// → { loss, accuracy } or null.
emscripten::val transformer_train_step(handle model, handle inputs, handle targets, handle loss_mask,
                                       float learning_rate, float beta1, float beta2, float epsilon,
                                       float weight_decay);
/// → list [logits [batch, L, vocab], attention [layers, batch, heads, L, L]], or 0.
handle transformer_forward(handle model, handle inputs);
/// → a Uint8Array view of the saved bytes (valid until the next save; copy it at once), or null.
emscripten::val transformer_save(handle model);
/// bytes: a JavaScript Uint8Array; false (message in lastErrorMessage()) when they do not fit the model.
bool transformer_load(handle model, const emscripten::val& bytes);
/// Runs `steps` training steps on the same batch and returns the mean milliseconds per step, timed
/// inside C++ (scripts/bench-training.mjs); −1 on error.
double time_transformer_train_step(handle model, handle inputs, handle targets, handle loss_mask, unsigned steps);

}  // namespace attention_bindings
