// Internal pieces of the score functions shared with the attention functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "attention/config.hpp"
#include "attention/tensor.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

/// x [..., n] · W [n, m] → [..., m] (W validated by the caller).
tensor project_last_axis(const tensor& x, const tensor& W);

/// Requires W to be a matrix [rows, …]; names rows and columns in the message.
void require_matrix(const char* function, const char* argument, const tensor& W, std::size_t rows,
                    const std::string& rows_name, const std::string& cols_name);

/// alpha · q·kᵀ with broadcasting of leading dimensions (alpha = 1 unless scaled); with
/// check_values, q and k must be finite (off when q is an intermediate computed from checked inputs).
tensor dot_product_scores(const char* function, const tensor& q, const tensor& k, std::optional<float> scale,
                          bool scaled, bool check_values);

/// Validates the operands of additive scores: q [..., Lq, dq], k [..., Lk, dk], Wq [dq, h], Wk [dk, h], w [h].
void validate_additive(const char* function, const tensor& q, const tensor& k, const tensor& Wq, const tensor& Wk,
                       const tensor& w);

/// scores[b] = wᵀ tanh(q_projected[b]_i + k_projected[b]_j) for every index b of `leading`.
void additive_score_batches(const tensor& q_projected, const tensor& k_projected, const tensor& w,
                            const shape_type& leading, float* scores);

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
