#include "training.hpp"

#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <emscripten/bind.h>

#include "attention/gradients.hpp"
#include "attention/transformer.hpp"
#include "error_capture.hpp"

namespace attention_bindings {
namespace {

using tensor_list = std::vector<attention::tensor>;

handle release_list(tensor_list&& list) { return reinterpret_cast<handle>(new tensor_list(std::move(list))); }

attention::transformer& model_at(handle model) { return *reinterpret_cast<attention::transformer*>(model); }

/// Whole-number float tensor → int32 tokens (JavaScript checks first; this guards the boundary).
attention::token_tensor tokens(handle t, const char* argument)
{
    const attention::tensor& values = input(t, argument);
    attention::token_tensor ids = attention::token_tensor::from_shape(values.shape());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const float value = values.data()[i];
        if (!(value == std::floor(value)) || std::abs(value) > 2147483647.f)
            throw attention::argument_error(std::string(argument) + " must hold integer token ids; got " +
                                            std::to_string(value) + " at flat index " + std::to_string(i));
        ids.data()[i] = static_cast<std::int32_t>(value);
    }
    return ids;
}

std::optional<float> optional_scale(float scale)
{
    if (std::isnan(scale)) return std::nullopt;
    return scale;
}

}  // namespace

handle tensor_list_item(handle list, std::size_t index)
{
    return reinterpret_cast<handle>(&(*reinterpret_cast<tensor_list*>(list))[index]);
}

void free_tensor_list(handle list) noexcept { delete reinterpret_cast<tensor_list*>(list); }

handle softmax_backward(handle x, handle grad_output, float temperature)
{
    return call_capturing_errors<handle>(0, [&] {
        return release(attention::softmax_backward(input(x, "x"), input(grad_output, "gradOutput"), temperature));
    });
}

handle log_softmax_backward(handle x, handle grad_output, float temperature)
{
    return call_capturing_errors<handle>(0, [&] {
        return release(attention::log_softmax_backward(input(x, "x"), input(grad_output, "gradOutput"), temperature));
    });
}

handle scaled_dot_product_attention_backward(handle q, handle k, handle v, handle grad_output, float scale,
                                             bool causal, handle mask, bool additive_mask)
{
    return call_capturing_errors<handle>(0, [&] {
        attention::sdpa_options options;
        options.scale = optional_scale(scale);
        options.causal = causal;
        options.mask = optional_mask(mask, additive_mask);
        auto g = attention::scaled_dot_product_attention_backward(input(q, "q"), input(k, "k"), input(v, "v"),
                                                                  input(grad_output, "gradOutput"), options);
        return release_list({std::move(g.q), std::move(g.k), std::move(g.v)});
    });
}

handle create_transformer(std::size_t vocab_size, std::size_t max_length, std::size_t d_model, std::size_t num_heads,
                          std::size_t num_layers, std::size_t mlp_ratio, std::uint32_t seed)
{
    return call_capturing_errors<handle>(0, [&] {
        attention::transformer_config config;
        config.vocab_size = vocab_size;
        config.max_length = max_length;
        config.d_model = d_model;
        config.num_heads = num_heads;
        config.num_layers = num_layers;
        config.mlp_ratio = mlp_ratio;
        config.seed = seed;
        return reinterpret_cast<handle>(new attention::transformer(config));
    });
}

void free_transformer(handle model) noexcept { delete reinterpret_cast<attention::transformer*>(model); }

double transformer_parameter_count(handle model) { return static_cast<double>(model_at(model).parameter_count()); }

emscripten::val transformer_train_step(handle model, handle inputs, handle targets, handle loss_mask,
                                       float learning_rate, float beta1, float beta2, float epsilon,
                                       float weight_decay)
{
    const auto result = call_capturing_errors<std::optional<attention::train_result>>(std::nullopt, [&] {
        attention::train_options options;
        options.learning_rate = learning_rate;
        options.beta1 = beta1;
        options.beta2 = beta2;
        options.epsilon = epsilon;
        options.weight_decay = weight_decay;
        const attention::tensor* mask = loss_mask == 0 ? nullptr : &input(loss_mask, "lossMask");
        return std::optional<attention::train_result>(
            model_at(model).train_step(tokens(inputs, "inputs"), tokens(targets, "targets"), mask, options));
    });
    if (!result) return emscripten::val::null();
    emscripten::val out = emscripten::val::object();
    out.set("loss", result->loss);
    out.set("accuracy", result->accuracy);
    return out;
}

handle transformer_forward(handle model, handle inputs)
{
    return call_capturing_errors<handle>(0, [&] {
        auto out = model_at(model).forward(tokens(inputs, "inputs"));
        return release_list({std::move(out.logits), std::move(out.attention)});
    });
}

emscripten::val transformer_save(handle model)
{
    static std::vector<std::uint8_t> saved;
    const bool ok = call_capturing_errors<bool>(false, [&] {
        saved = model_at(model).save();
        return true;
    });
    if (!ok) return emscripten::val::null();
    return emscripten::val(emscripten::typed_memory_view(saved.size(), saved.data()));
}

bool transformer_load(handle model, const emscripten::val& bytes)
{
    return call_capturing_errors<bool>(false, [&] {
        const std::vector<std::uint8_t> data = emscripten::convertJSArrayToNumberVector<std::uint8_t>(bytes);
        model_at(model).load(data.data(), data.size());
        return true;
    });
}

double time_transformer_train_step(handle model, handle inputs, handle targets, handle loss_mask, unsigned steps)
{
    return call_capturing_errors<double>(-1.0, [&] {
        const attention::token_tensor in = tokens(inputs, "inputs"), out = tokens(targets, "targets");
        auto& m = model_at(model);
        m.validate_tokens("time_transformer_train_step", "inputs", in);
        m.validate_tokens("time_transformer_train_step", "targets", out);
        const attention::tensor* mask = loss_mask == 0 ? nullptr : &input(loss_mask, "lossMask");
        const auto start = std::chrono::steady_clock::now();
        for (unsigned i = 0; i < steps; ++i)
            m.train_step_raw(in.data(), out.data(), mask ? mask->data() : nullptr, in.shape()[0], in.shape()[1], {});
        const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
        return elapsed.count() / std::max(1u, steps);
    });
}

}  // namespace attention_bindings
