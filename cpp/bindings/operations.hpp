// The operations JavaScript calls: thin adapters from handles and numbers to the core's functions.
//
// Each takes tensor handles (see tensor_handles.hpp) and plain numbers, calls the core, and returns
// a handle to a new tensor or result, or 0 when the core threw (see error_capture.hpp). Optional
// tensors are passed as handle 0; an optional scale is passed as NaN ("use the default 1/√d").
// Argument validation beyond NaN checks is the core's: its messages name the argument and the
// expected and actual shape.
#pragma once

#include <cstddef>
#include <string>

#include <emscripten/val.h>

#include "tensor_handles.hpp"

namespace attention_bindings {

handle softmax(handle x, float temperature);
handle log_softmax(handle x, float temperature);

handle scaled_dot_product_attention(handle q, handle k, handle v, float scale, bool causal, handle mask,
                                    bool additive_mask, bool return_weights);
handle additive_attention(handle q, handle k, handle v, handle Wq, handle Wk, handle w, handle mask,
                          bool additive_mask);
handle hard_attention(handle q, handle k, handle v, std::size_t top_k, float scale, handle mask,
                      bool additive_mask);
handle multi_head_attention(handle query, handle key, handle value, std::size_t num_heads,
                            std::size_t num_kv_heads, handle Wq, handle Wk, handle Wv, handle Wo, handle bq,
                            handle bk, handle bv, handle bo, bool causal, handle mask, bool additive_mask,
                            bool return_weights);
handle flash_attention(handle q, handle k, handle v, float scale, bool causal, handle mask, bool additive_mask,
                       std::size_t block_q, std::size_t block_k);

handle dot_scores(handle q, handle k);
handle scaled_dot_scores(handle q, handle k, float scale);
handle additive_scores(handle q, handle k, handle Wq, handle Wk, handle w);
handle bilinear_scores(handle q, handle k, handle W);

handle causal_mask(std::size_t lq, std::size_t lk);
/// lengths: a JavaScript array of whole numbers (validated in JavaScript). Passed as numbers, not as
/// a float32 tensor, so that every length up to 2³¹ − 1 arrives exactly (float32 is exact only to 2²⁴).
handle padding_mask(const emscripten::val& lengths, std::size_t lk);
handle sliding_window_mask(std::size_t n, std::size_t window, bool causal);

handle sinusoidal_encoding(std::size_t n, std::size_t d);
handle rope(handle x, float base, std::size_t position_offset);

/// { version, arch, simd, lanes } of the linked core variant.
emscripten::val build_info();
/// { currentBytes, peakBytes } of the core's scratch memory; resets the peak when asked.
emscripten::val scratch_memory(bool reset_peak);

/// Bytes currently allocated by malloc in this module (inputs, results, the core's buffers): the
/// number the leak tests watch, finer than the size of the wasm memory, which only ever grows.
double heap_bytes_in_use();

/// Runs scaled_dot_product_attention(q, k, v) `iterations` times on tensors already in wasm memory
/// and returns the mean milliseconds per call, timed inside C++ (for scripts/bench-api.mjs); −1 on error.
double time_scaled_dot_product_attention(handle q, handle k, handle v, unsigned iterations, bool return_weights);

}  // namespace attention_bindings
