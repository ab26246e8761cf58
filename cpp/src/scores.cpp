// Score functions (scores.hpp).
#include "attention/scores.hpp"

#include <string>

#include "attention/detail/kernels.hpp"
#include "attention/detail/scratch.hpp"
#include "attention/detail/scores_internal.hpp"
#include "attention/detail/shapes.hpp"

namespace attention {
inline namespace AW_VARIANT {

namespace detail {

tensor project_last_axis(const tensor& x, const tensor& W)
{
    const std::size_t rows_in = W.shape()[0], cols = W.shape()[1];
    shape_type shape = x.shape();
    shape.back() = cols;
    tensor y = tensor::from_shape(shape);
    const std::size_t rows = rows_in == 0 ? x.size() / std::max<std::size_t>(x.shape().back(), 1) : x.size() / rows_in;
    if (rows_in == 0) {
        std::fill(y.begin(), y.end(), 0.f);
        return y;
    }
    matmul(x.data(), rows_in, rows, rows_in, W.data(), cols, cols, y.data(), cols);
    return y;
}

void require_matrix(const char* function, const char* argument, const tensor& W, std::size_t rows,
                    const std::string& rows_name, const std::string& cols_name)
{
    if (W.dimension() != 2 || W.shape()[0] != rows)
        throw_shape_error(function,
                          std::string(argument) + " must be a matrix with one row per " + rows_name + " (" +
                              std::to_string(rows) + ")",
                          "[" + std::to_string(rows) + ", " + cols_name + "]", W.shape());
}

tensor dot_product_scores(const char* function, const tensor& q, const tensor& k, std::optional<float> scale,
                          bool scaled, bool check_values)
{
    require_rank_at_least(function, "q", q, 2, "[..., Lq, d]");
    require_rank_at_least(function, "k", k, 2, "[..., Lk, d]");
    const std::size_t d = q.shape().back(), lq = q.shape()[q.dimension() - 2], lk = k.shape()[k.dimension() - 2];
    if (k.shape().back() != d)
        throw_shape_error(function, "k must have the same last dimension as q (d = " + std::to_string(d) + ")",
                          trailing_pattern({"Lk", std::to_string(d)}), k.shape());
    const float alpha = scaled ? resolve_scale(function, scale, d) : 1.f;
    if (check_values) {
        require_finite(function, "q", q);
        require_finite(function, "k", k);
    }
    const shape_type q_leading = leading_shape(q.shape(), 2), k_leading = leading_shape(k.shape(), 2);
    const shape_type leading = broadcast_leading(function, {{"q", &q.shape()}, {"k", &k.shape()}});
    const auto q_index = broadcast_matrix_indices(q_leading, leading);
    const auto k_index = broadcast_matrix_indices(k_leading, leading);
    tensor scores = tensor::from_shape(concat_shape(leading, {lq, lk}));
    scratch_buffer packed_k(packed_size(d, lk));
    for (std::size_t b = 0; b < q_index.size(); ++b) {
        pack_transposed(k.data() + k_index[b] * lk * d, d, lk, d, packed_k.data());
        gemm_packed(q.data() + q_index[b] * lq * d, d, lq, d, packed_k.data(), lk, scores.data() + b * lq * lk, lk,
                    alpha, false);
    }
    return scores;
}

void validate_additive(const char* function, const tensor& q, const tensor& k, const tensor& Wq, const tensor& Wk,
                       const tensor& w)
{
    require_rank_at_least(function, "q", q, 2, "[..., Lq, dq]");
    require_rank_at_least(function, "k", k, 2, "[..., Lk, dk]");
    if (w.dimension() != 1)
        throw_shape_error(function, "w must be a vector with one weight per hidden unit", "[h]", w.shape());
    const std::size_t hidden = w.shape()[0];
    const std::string h = std::to_string(hidden);
    require_matrix(function, "Wq", Wq, q.shape().back(), "query feature", h);
    require_matrix(function, "Wk", Wk, k.shape().back(), "key feature", h);
    if (Wq.shape()[1] != hidden)
        throw_shape_error(function, "Wq must have one column per hidden unit of w (h = " + h + ")",
                          "[" + std::to_string(q.shape().back()) + ", " + h + "]", Wq.shape());
    if (Wk.shape()[1] != hidden)
        throw_shape_error(function, "Wk must have one column per hidden unit of w (h = " + h + ")",
                          "[" + std::to_string(k.shape().back()) + ", " + h + "]", Wk.shape());
    require_finite(function, "q", q);
    require_finite(function, "k", k);
    require_finite(function, "Wq", Wq);
    require_finite(function, "Wk", Wk);
    require_finite(function, "w", w);
}

void additive_score_batches(const tensor& q_projected, const tensor& k_projected, const tensor& w,
                            const shape_type& leading, float* scores)
{
    const std::size_t hidden = w.size();
    const std::size_t lq = q_projected.shape()[q_projected.dimension() - 2];
    const std::size_t lk = k_projected.shape()[k_projected.dimension() - 2];
    const auto q_index = broadcast_matrix_indices(leading_shape(q_projected.shape(), 2), leading);
    const auto k_index = broadcast_matrix_indices(leading_shape(k_projected.shape(), 2), leading);
    for (std::size_t b = 0; b < q_index.size(); ++b) {
        const float* qp = q_projected.data() + q_index[b] * lq * hidden;
        const float* kp = k_projected.data() + k_index[b] * lk * hidden;
        float* s = scores + b * lq * lk;
        for (std::size_t i = 0; i < lq; ++i)
            for (std::size_t j = 0; j < lk; ++j) s[i * lk + j] = tanh_dot(qp + i * hidden, kp + j * hidden, w.data(), hidden);
    }
}

}  // namespace detail

tensor dot_scores(const tensor& q, const tensor& k) { return detail::dot_product_scores("dot_scores", q, k, {}, false, true); }

tensor scaled_dot_scores(const tensor& q, const tensor& k, std::optional<float> scale)
{
    return detail::dot_product_scores("scaled_dot_scores", q, k, scale, true, true);
}

tensor additive_scores(const tensor& q, const tensor& k, const tensor& Wq, const tensor& Wk, const tensor& w)
{
    constexpr const char* function = "additive_scores";
    detail::validate_additive(function, q, k, Wq, Wk, w);
    const shape_type q_leading = detail::leading_shape(q.shape(), 2), k_leading = detail::leading_shape(k.shape(), 2);
    const shape_type leading = detail::broadcast_leading(function, {{"q", &q.shape()}, {"k", &k.shape()}});
    const tensor q_projected = detail::project_last_axis(q, Wq), k_projected = detail::project_last_axis(k, Wk);
    tensor scores = tensor::from_shape(
        detail::concat_shape(leading, {q.shape()[q.dimension() - 2], k.shape()[k.dimension() - 2]}));
    detail::additive_score_batches(q_projected, k_projected, w, leading, scores.data());
    return scores;
}

tensor bilinear_scores(const tensor& q, const tensor& k, const tensor& W)
{
    constexpr const char* function = "bilinear_scores";
    detail::require_rank_at_least(function, "q", q, 2, "[..., Lq, dq]");
    detail::require_rank_at_least(function, "k", k, 2, "[..., Lk, dk]");
    const std::size_t dq = q.shape().back(), dk = k.shape().back();
    if (W.dimension() != 2 || W.shape()[0] != dq || W.shape()[1] != dk)
        detail::throw_shape_error(function,
                                  "W must be [dq, dk], matching the last dimensions of q (dq = " + std::to_string(dq) +
                                      ") and k (dk = " + std::to_string(dk) + ")",
                                  "[" + std::to_string(dq) + ", " + std::to_string(dk) + "]", W.shape());
    const shape_type q_leading = detail::leading_shape(q.shape(), 2), k_leading = detail::leading_shape(k.shape(), 2);
    detail::broadcast_leading(function, {{"q", &q.shape()}, {"k", &k.shape()}});  // validate before computing
    detail::require_finite(function, "q", q);
    detail::require_finite(function, "k", k);
    detail::require_finite(function, "W", W);
    // s = (q·W)·kᵀ (q·W is not checked again: its values follow from q and W)
    return detail::dot_product_scores(function, detail::project_last_axis(q, W), k, {}, false, false);
}

}  // namespace AW_VARIANT
}  // namespace attention
