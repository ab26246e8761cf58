// Additive (Bahdanau) attention (additive_attention.hpp).
#include "attention/additive_attention.hpp"

#include <string>

#include "attention/detail/kernels.hpp"
#include "attention/detail/mask_plan.hpp"
#include "attention/detail/scores_internal.hpp"
#include "attention/detail/scratch.hpp"
#include "attention/detail/shapes.hpp"

namespace attention {
inline namespace AW_VARIANT {

attention_result additive_attention(const tensor& q, const tensor& k, const tensor& v, const tensor& Wq,
                                    const tensor& Wk, const tensor& w, const additive_options& options)
{
    constexpr const char* function = "additive_attention";
    detail::validate_additive(function, q, k, Wq, Wk, w);
    detail::require_rank_at_least(function, "v", v, 2, "[..., Lk, dv]");
    const std::size_t lq = q.shape()[q.dimension() - 2], lk = k.shape()[k.dimension() - 2], dv = v.shape().back();
    if (v.shape()[v.dimension() - 2] != lk)
        detail::throw_shape_error(function, "v must have one row per key, as many as k (Lk = " + std::to_string(lk) + ")",
                                  detail::trailing_pattern({std::to_string(lk), "dv"}), v.shape());
    const shape_type q_leading = detail::leading_shape(q.shape(), 2), k_leading = detail::leading_shape(k.shape(), 2),
                     v_leading = detail::leading_shape(v.shape(), 2);
    const shape_type leading =
        detail::broadcast_leading(function, {{"q", &q.shape()}, {"k", &k.shape()}, {"v", &v.shape()}});
    detail::require_finite(function, "v", v);
    const detail::mask_plan mask(function, options.mask, false, leading, lq, lk);

    attention_result result;
    result.weights = tensor::from_shape(detail::concat_shape(leading, {lq, lk}));
    result.output = tensor::from_shape(detail::concat_shape(leading, {lq, dv}));
    const tensor q_projected = detail::project_last_axis(q, Wq), k_projected = detail::project_last_axis(k, Wk);
    detail::additive_score_batches(q_projected, k_projected, w, leading, result.weights.data());

    const auto v_index = detail::broadcast_matrix_indices(v_leading, leading);
    detail::scratch_buffer packed_v(detail::packed_size(lk, dv));
    for (std::size_t b = 0; b < v_index.size(); ++b) {
        float* weights = result.weights.data() + b * lq * lk;
        if (mask.active()) mask.apply(b, weights, lk, 0, lq, 0, lk);
        for (std::size_t i = 0; i < lq; ++i) detail::softmax_row(weights + i * lk, lk, 1.f);
        detail::pack_rows(v.data() + v_index[b] * lk * dv, dv, lk, dv, packed_v.data());
        detail::gemm_packed(weights, lk, lq, lk, packed_v.data(), dv, result.output.data() + b * lq * dv, dv, 1.f,
                            false);
    }
    return result;
}

}  // namespace AW_VARIANT
}  // namespace attention
