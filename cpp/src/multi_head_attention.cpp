// Multi-head attention with grouped-query / multi-query variants (multi_head_attention.hpp).
#include "attention/multi_head_attention.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "attention/detail/attention_kernels.hpp"
#include "attention/detail/kernels.hpp"
#include "attention/detail/mask_plan.hpp"
#include "attention/detail/scores_internal.hpp"
#include "attention/detail/shapes.hpp"

namespace attention {
inline namespace AW_VARIANT {

namespace {

constexpr const char* function = "multi_head_attention";

/// A default-constructed tensor (0-d) or one with no elements means "no bias".
bool has_bias(const tensor& bias) { return bias.dimension() != 0 && bias.size() != 0; }

void require_bias(const char* argument, const tensor& bias, std::size_t columns, const char* of)
{
    if (!has_bias(bias)) return;
    if (bias.dimension() != 1 || bias.shape()[0] != columns)
        detail::throw_shape_error(function,
                                  std::string(argument) + " must be empty (no bias) or a vector with one entry per column of " +
                                      of + " (" + std::to_string(columns) + ")",
                                  "[" + std::to_string(columns) + "]", bias.shape());
}

/// x·W + b for x [rows, n] (flattened leading dims).
tensor project(const tensor& x, const tensor& W, const tensor& bias)
{
    tensor y = detail::project_last_axis(x, W);
    if (has_bias(bias)) {
        const std::size_t cols = bias.size();
        for (std::size_t offset = 0; offset < y.size(); offset += cols)
            for (std::size_t j = 0; j < cols; ++j) y.data()[offset + j] += bias.data()[j];
    }
    return y;
}

/// [batch, L, heads·width] → [batch, heads, L, width] (or back with `inverse`).
void split_heads(const float* in, float* out, std::size_t batch, std::size_t length, std::size_t heads,
                 std::size_t width, bool inverse)
{
    for (std::size_t b = 0; b < batch; ++b)
        for (std::size_t h = 0; h < heads; ++h)
            for (std::size_t i = 0; i < length; ++i) {
                const std::size_t packed = ((b * length + i) * heads + h) * width;  // [b, i, h, :]
                const std::size_t split = ((b * heads + h) * length + i) * width;   // [b, h, i, :]
                if (inverse) std::copy(in + split, in + split + width, out + packed);
                else std::copy(in + packed, in + packed + width, out + split);
            }
}

}  // namespace

attention_result multi_head_attention(const tensor& query, const tensor& key, const tensor& value,
                                      const mha_weights& weights, const mha_options& options)
{
    // --- validation, before any computation ---
    detail::require_rank_at_least(function, "query", query, 2, "[..., Lq, d_model]");
    detail::require_rank_at_least(function, "key", key, 2, "[..., Lk, d_model]");
    detail::require_rank_at_least(function, "value", value, 2, "[..., Lk, d_model]");
    const shape_type leading = detail::leading_shape(query.shape(), 2);
    const std::size_t lq = query.shape()[query.dimension() - 2], lk = key.shape()[key.dimension() - 2];
    if (detail::leading_shape(key.shape(), 2) != leading)
        detail::throw_shape_error(function, "key must have the same leading (batch) dimensions as query",
                                  shape_to_string(detail::concat_shape(leading, {lk, key.shape().back()})),
                                  key.shape());
    if (detail::leading_shape(value.shape(), 2) != leading || value.shape()[value.dimension() - 2] != lk)
        detail::throw_shape_error(function,
                                  "value must have the leading dimensions of query and one row per key (Lk = " +
                                      std::to_string(lk) + ")",
                                  shape_to_string(detail::concat_shape(leading, {lk, value.shape().back()})),
                                  value.shape());
    const std::size_t heads = weights.num_heads;
    const std::size_t kv_heads = weights.num_kv_heads == 0 ? heads : weights.num_kv_heads;
    if (heads == 0) detail::throw_argument_error(function, "num_heads must be at least 1", "0");
    if (kv_heads > heads || heads % kv_heads != 0)
        detail::throw_argument_error(function,
                                     "num_kv_heads must divide num_heads (" + std::to_string(heads) +
                                         "); each K/V head serves num_heads / num_kv_heads query heads",
                                     std::to_string(kv_heads));
    detail::require_matrix(function, "Wq", weights.Wq, query.shape().back(), "query feature", "num_heads·d_head");
    if (weights.Wq.shape()[1] % heads != 0 || weights.Wq.shape()[1] == 0)
        detail::throw_shape_error(function,
                                  "Wq must have num_heads·d_head columns, a positive multiple of num_heads (" +
                                      std::to_string(heads) + ")",
                                  "[" + std::to_string(query.shape().back()) + ", " + std::to_string(heads) + "·d_head]",
                                  weights.Wq.shape());
    const std::size_t d_head = weights.Wq.shape()[1] / heads;
    const std::string kv_cols = std::to_string(kv_heads * d_head);
    detail::require_matrix(function, "Wk", weights.Wk, key.shape().back(), "key feature", kv_cols);
    if (weights.Wk.shape()[1] != kv_heads * d_head)
        detail::throw_shape_error(function,
                                  "Wk must have num_kv_heads·d_head = " + std::to_string(kv_heads) + "·" +
                                      std::to_string(d_head) + " columns",
                                  "[" + std::to_string(key.shape().back()) + ", " + kv_cols + "]", weights.Wk.shape());
    detail::require_matrix(function, "Wv", weights.Wv, value.shape().back(), "value feature", "num_kv_heads·d_v");
    if (weights.Wv.shape()[1] % kv_heads != 0 || weights.Wv.shape()[1] == 0)
        detail::throw_shape_error(function,
                                  "Wv must have num_kv_heads·d_v columns, a positive multiple of num_kv_heads (" +
                                      std::to_string(kv_heads) + ")",
                                  "[" + std::to_string(value.shape().back()) + ", " + std::to_string(kv_heads) + "·d_v]",
                                  weights.Wv.shape());
    const std::size_t d_v = weights.Wv.shape()[1] / kv_heads;
    detail::require_matrix(function, "Wo", weights.Wo, heads * d_v, "concatenated head feature (num_heads·d_v)",
                           "d_out");
    require_bias("bq", weights.bq, heads * d_head, "Wq");
    require_bias("bk", weights.bk, kv_heads * d_head, "Wk");
    require_bias("bv", weights.bv, kv_heads * d_v, "Wv");
    require_bias("bo", weights.bo, weights.Wo.shape()[1], "Wo");
    for (const auto& [argument, values] :
         {std::pair<const char*, const tensor*>{"query", &query}, {"key", &key}, {"value", &value},
          {"Wq", &weights.Wq}, {"Wk", &weights.Wk}, {"Wv", &weights.Wv}, {"Wo", &weights.Wo}})
        detail::require_finite(function, argument, *values);
    for (const auto& [argument, bias] : {std::pair<const char*, const tensor*>{"bq", &weights.bq}, {"bk", &weights.bk},
                                         {"bv", &weights.bv}, {"bo", &weights.bo}})
        if (has_bias(*bias)) detail::require_finite(function, argument, *bias);
    // The mask refers to [..., Lq, Lk]; every head shares it.
    const detail::mask_plan mask(function, options.mask, options.causal, leading, lq, lk);

    // --- projections: Q = query·Wq + bq etc. ---
    const std::size_t batch = detail::element_count(leading);
    const tensor q_all = project(query, weights.Wq, weights.bq);
    const tensor k_all = project(key, weights.Wk, weights.bk);
    const tensor v_all = project(value, weights.Wv, weights.bv);
    tensor q_heads = tensor::from_shape({batch, heads, lq, d_head});
    tensor k_heads = tensor::from_shape({batch, kv_heads, lk, d_head});
    tensor v_heads = tensor::from_shape({batch, kv_heads, lk, d_v});
    split_heads(q_all.data(), q_heads.data(), batch, lq, heads, d_head, false);
    split_heads(k_all.data(), k_heads.data(), batch, lk, kv_heads, d_head, false);
    split_heads(v_all.data(), v_heads.data(), batch, lk, kv_heads, d_v, false);

    // --- attention per head; query head h reads K/V head h / group ---
    detail::attention_problem problem;
    problem.q = q_heads.data();
    problem.k = k_heads.data();
    problem.v = v_heads.data();
    problem.batches = batch * heads;
    problem.lq = lq;
    problem.lk = lk;
    problem.d = d_head;
    problem.dv = d_v;
    problem.scale = detail::resolve_scale(function, {}, d_head);
    problem.mask_group = heads;
    const std::size_t group = heads / kv_heads;
    for (std::size_t b = 0; b < batch; ++b)
        for (std::size_t h = 0; h < heads; ++h) {
            problem.q_index.push_back(b * heads + h);
            problem.k_index.push_back(b * kv_heads + h / group);
            problem.v_index.push_back(b * kv_heads + h / group);
        }
    attention_result result;
    shape_type weights_shape = leading;
    weights_shape.push_back(heads);
    weights_shape.push_back(lq);
    weights_shape.push_back(lk);
    result.weights = options.return_weights ? tensor::from_shape(weights_shape) : tensor::from_shape({0});
    tensor head_outputs = tensor::from_shape({batch, heads, lq, d_v});
    detail::naive_attention(problem, mask, head_outputs.data(), options.return_weights ? result.weights.data() : nullptr);

    // --- concatenate heads and project: output = concat(head_h)·Wo + bo ---
    shape_type concat_shape = query.shape();
    concat_shape.back() = heads * d_v;
    tensor concatenated = tensor::from_shape(concat_shape);
    split_heads(head_outputs.data(), concatenated.data(), batch, lq, heads, d_v, true);
    result.output = project(concatenated, weights.Wo, weights.bo);
    return result;
}

}  // namespace AW_VARIANT
}  // namespace attention
