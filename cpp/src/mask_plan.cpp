// Validated masks applied to raw score blocks (detail/mask_plan.hpp).
#include "attention/detail/mask_plan.hpp"

#include <limits>

#include "attention/detail/shapes.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

namespace {
constexpr float negative_infinity = -std::numeric_limits<float>::infinity();
}

mask_plan::mask_plan(const char* function, const std::optional<attention_mask>& mask, bool causal,
                     const shape_type& scores_leading, std::size_t lq, std::size_t lk)
    : causal_(causal), lq_(lq), lk_(lk)
{
    if (!mask) return;
    const tensor& values = mask->values;
    const shape_type scores_shape = concat_shape(scores_leading, {lq, lk});
    // Right-aligned numpy broadcast that must not enlarge the scores.
    bool fits = values.dimension() <= scores_shape.size();
    const std::size_t offset = fits ? scores_shape.size() - values.dimension() : 0;
    for (std::size_t axis = 0; fits && axis < values.dimension(); ++axis) {
        const std::size_t extent = values.shape()[axis];
        fits = extent == 1 || extent == scores_shape[offset + axis];
    }
    if (!fits)
        throw_shape_error(function,
                          "mask must broadcast to the scores [..., Lq, Lk] (aligned from the right, each dimension 1 "
                          "or equal, no extra dimensions)",
                          shape_to_string(scores_shape) + " or a shape broadcastable to it", values.shape());

    // A boolean mask is 0 / non-zero; only an additive mask may hide a key with −∞.
    require_finite(function, "mask", values,
                   mask->kind == mask_kind::additive ? infinities::negative_means_hidden : infinities::refused);

    // View the mask as [leading..., mq, mk] with mq, mk ∈ {1, Lq/Lk}.
    shape_type padded(scores_shape.size() - values.dimension(), 1);
    for (auto extent : values.shape()) padded.push_back(extent);
    const std::size_t mq = padded[padded.size() - 2], mk = padded[padded.size() - 1];
    col_stride_ = mk == 1 ? 0 : 1;
    row_stride_ = mq == 1 ? 0 : mk;
    const shape_type mask_leading = leading_shape(padded, 2);
    offsets_ = broadcast_matrix_indices(mask_leading, scores_leading);
    for (auto& index : offsets_) index *= mq * mk;
    values_ = values.data();
    kind_ = mask->kind;
}

void mask_plan::apply(std::size_t matrix, float* s, std::size_t lds, std::size_t row0, std::size_t rows,
                      std::size_t col0, std::size_t cols) const
{
    if (values_ != nullptr) {
        const float* slice = values_ + offsets_[matrix];
        for (std::size_t r = 0; r < rows; ++r) {
            const float* m = slice + (row0 + r) * row_stride_ + col0 * col_stride_;
            float* row = s + r * lds;
            if (kind_ == mask_kind::boolean) {
                for (std::size_t j = 0; j < cols; ++j)
                    if (m[j * col_stride_] == 0.f) row[j] = negative_infinity;
            } else {
                for (std::size_t j = 0; j < cols; ++j) row[j] += m[j * col_stride_];
            }
        }
    }
    if (causal_) {
        // Query i may see keys j <= i + (lk − lq); with lq > lk the first rows see nothing.
        for (std::size_t r = 0; r < rows; ++r) {
            const std::ptrdiff_t last_visible = static_cast<std::ptrdiff_t>(row0 + r + lk_) - static_cast<std::ptrdiff_t>(lq_);
            const std::ptrdiff_t first_hidden_in_block = last_visible + 1 - static_cast<std::ptrdiff_t>(col0);
            const std::size_t start = first_hidden_in_block <= 0 ? 0 : static_cast<std::size_t>(first_hidden_in_block);
            float* row = s + r * lds;
            for (std::size_t j = start; j < cols; ++j) row[j] = negative_infinity;
        }
    }
}

bool mask_plan::causal_hides_from(std::size_t row0, std::size_t rows, std::size_t col0) const
{
    if (!causal_ || rows == 0) return false;
    // The last row of the block sees the most keys: j <= row0 + rows − 1 + lk − lq.
    const std::ptrdiff_t last_visible = static_cast<std::ptrdiff_t>(row0 + rows - 1 + lk_) - static_cast<std::ptrdiff_t>(lq_);
    return static_cast<std::ptrdiff_t>(col0) > last_visible;
}

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
