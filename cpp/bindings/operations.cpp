#include "operations.hpp"

#include <malloc.h>

#include <chrono>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "attention/attention.hpp"
#include "error_capture.hpp"

namespace attention_bindings {
namespace {

std::optional<float> optional_scale(float scale)
{
    if (std::isnan(scale)) return std::nullopt;
    return scale;
}

// Runs the core and moves its result to the heap; handle 0 when it threw.
template <class Body>
handle tensor_call(Body&& body)
{
    return call_capturing_errors<handle>(0, [&] { return release(body()); });
}

}  // namespace

handle softmax(handle x, float temperature)
{
    return tensor_call([&] { return attention::softmax(input(x, "x"), temperature); });
}

handle log_softmax(handle x, float temperature)
{
    return tensor_call([&] { return attention::log_softmax(input(x, "x"), temperature); });
}

handle scaled_dot_product_attention(handle q, handle k, handle v, float scale, bool causal, handle mask,
                                    bool additive_mask, bool return_weights)
{
    return tensor_call([&] {
        attention::sdpa_options options;
        options.scale = optional_scale(scale);
        options.causal = causal;
        options.mask = optional_mask(mask, additive_mask);
        options.return_weights = return_weights;
        return attention::scaled_dot_product_attention(input(q, "q"), input(k, "k"), input(v, "v"), options);
    });
}

handle additive_attention(handle q, handle k, handle v, handle Wq, handle Wk, handle w, handle mask,
                          bool additive_mask)
{
    return tensor_call([&] {
        attention::additive_options options;
        options.mask = optional_mask(mask, additive_mask);
        return attention::additive_attention(input(q, "q"), input(k, "k"), input(v, "v"), input(Wq, "Wq"),
                                             input(Wk, "Wk"), input(w, "w"), options);
    });
}

handle hard_attention(handle q, handle k, handle v, std::size_t top_k, float scale, handle mask,
                      bool additive_mask)
{
    return tensor_call([&] {
        attention::hard_options options;
        options.top_k = top_k;
        options.scale = optional_scale(scale);
        options.mask = optional_mask(mask, additive_mask);
        return attention::hard_attention(input(q, "q"), input(k, "k"), input(v, "v"), options);
    });
}

handle multi_head_attention(handle query, handle key, handle value, std::size_t num_heads,
                            std::size_t num_kv_heads, handle Wq, handle Wk, handle Wv, handle Wo, handle bq,
                            handle bk, handle bv, handle bo, bool causal, handle mask, bool additive_mask,
                            bool return_weights)
{
    return tensor_call([&] {
        // The weight tensors are moved out of their handles: JavaScript frees them right after the
        // call, so moving saves a copy of every projection matrix.
        attention::mha_weights weights{num_heads, num_kv_heads,
                                       std::move(input(Wq, "Wq")), std::move(input(Wk, "Wk")),
                                       std::move(input(Wv, "Wv")), std::move(input(Wo, "Wo")),
                                       optional_tensor(bq, "bq"), optional_tensor(bk, "bk"),
                                       optional_tensor(bv, "bv"), optional_tensor(bo, "bo")};
        attention::mha_options options;
        options.causal = causal;
        options.mask = optional_mask(mask, additive_mask);
        options.return_weights = return_weights;
        return attention::multi_head_attention(input(query, "query"), input(key, "key"), input(value, "value"),
                                               weights, options);
    });
}

handle flash_attention(handle q, handle k, handle v, float scale, bool causal, handle mask, bool additive_mask,
                       std::size_t block_q, std::size_t block_k)
{
    return tensor_call([&] {
        attention::flash_options options;
        options.scale = optional_scale(scale);
        options.causal = causal;
        options.mask = optional_mask(mask, additive_mask);
        options.block_q = block_q;
        options.block_k = block_k;
        return attention::flash_attention(input(q, "q"), input(k, "k"), input(v, "v"), options);
    });
}

handle dot_scores(handle q, handle k)
{
    return tensor_call([&] { return attention::dot_scores(input(q, "q"), input(k, "k")); });
}

handle scaled_dot_scores(handle q, handle k, float scale)
{
    return tensor_call(
        [&] { return attention::scaled_dot_scores(input(q, "q"), input(k, "k"), optional_scale(scale)); });
}

handle additive_scores(handle q, handle k, handle Wq, handle Wk, handle w)
{
    return tensor_call([&] {
        return attention::additive_scores(input(q, "q"), input(k, "k"), input(Wq, "Wq"), input(Wk, "Wk"),
                                          input(w, "w"));
    });
}

handle bilinear_scores(handle q, handle k, handle W)
{
    return tensor_call([&] { return attention::bilinear_scores(input(q, "q"), input(k, "k"), input(W, "W")); });
}

handle causal_mask(std::size_t lq, std::size_t lk)
{
    return tensor_call([&] { return attention::causal_mask(lq, lk); });
}

handle padding_mask(const emscripten::val& lengths, std::size_t lk)
{
    return tensor_call([&] { return attention::padding_mask(emscripten::vecFromJSArray<std::size_t>(lengths), lk); });
}

handle sliding_window_mask(std::size_t n, std::size_t window, bool causal)
{
    return tensor_call([&] { return attention::sliding_window_mask(n, window, causal); });
}

handle sinusoidal_encoding(std::size_t n, std::size_t d)
{
    return tensor_call([&] { return attention::sinusoidal_encoding(n, d); });
}

handle rope(handle x, float base, std::size_t position_offset)
{
    return tensor_call([&] { return attention::rope(input(x, "x"), base, position_offset); });
}

emscripten::val build_info()
{
    const attention::build_info info = attention::simd_build_info();
    emscripten::val result = emscripten::val::object();
    result.set("version", std::string(AW_VERSION_STRING));
    result.set("arch", std::string(info.arch));
    result.set("simd", info.simd);
    result.set("lanes", static_cast<double>(info.lanes));
    return result;
}

emscripten::val scratch_memory(bool reset_peak)
{
    const attention::scratch_memory_stats stats = attention::scratch_memory();
    if (reset_peak) attention::reset_scratch_memory_peak();
    emscripten::val result = emscripten::val::object();
    result.set("currentBytes", static_cast<double>(stats.current_bytes));
    result.set("peakBytes", static_cast<double>(stats.peak_bytes));
    return result;
}

double heap_bytes_in_use() { return static_cast<double>(mallinfo().uordblks); }

double time_scaled_dot_product_attention(handle q, handle k, handle v, unsigned iterations, bool return_weights)
{
    return call_capturing_errors<double>(-1.0, [&] {
        const auto& query = input(q, "q");
        const auto& keys = input(k, "k");
        const auto& values = input(v, "v");
        attention::sdpa_options options;
        options.return_weights = return_weights;
        const auto start = std::chrono::steady_clock::now();
        float checksum = 0.f;
        for (unsigned i = 0; i < iterations; ++i) {
            // Each call allocates and frees its result, as the JavaScript call does.
            const attention::attention_result result = attention::scaled_dot_product_attention(query, keys, values, options);
            checksum += result.output.data()[0];
        }
        const auto stop = std::chrono::steady_clock::now();
        // Keeps the calls observable so they cannot be optimised away.
        if (std::isnan(checksum)) captured_message() = "NaN";
        return std::chrono::duration<double, std::milli>(stop - start).count() / (iterations ? iterations : 1);
    });
}

}  // namespace attention_bindings
