// A validated mask (and/or causal rule), ready to be applied tile by tile to raw score blocks.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "attention/config.hpp"
#include "attention/masks.hpp"
#include "attention/tensor.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

class mask_plan {
public:
    /// Validates `mask` against the scores [leading..., lq, lk] (right-aligned numpy broadcast,
    /// never enlarging the scores); throws shape_error naming `function`'s mask argument.
    mask_plan(const char* function, const std::optional<attention_mask>& mask, bool causal,
              const shape_type& scores_leading, std::size_t lq, std::size_t lk);

    /// Whether anything is hidden or added at all.
    bool active() const { return values_ != nullptr || causal_; }

    /// Applies the mask to a block of raw scores s (row stride lds) covering query rows
    /// [row0, row0 + rows) and keys [col0, col0 + cols) of the matrix with leading index `matrix`:
    /// hidden entries become −∞, additive values are added, causal hides j > i + (lk − lq).
    void apply(std::size_t matrix, float* s, std::size_t lds, std::size_t row0, std::size_t rows, std::size_t col0,
               std::size_t cols) const;

    /// True when the causal rule hides keys [col0, …) for every query row in [row0, row0 + rows):
    /// the tiled kernel then skips that key block and all later ones.
    bool causal_hides_from(std::size_t row0, std::size_t rows, std::size_t col0) const;

private:
    const float* values_ = nullptr;
    mask_kind kind_ = mask_kind::boolean;
    bool causal_ = false;
    std::size_t lq_ = 0, lk_ = 0;
    std::size_t row_stride_ = 0, col_stride_ = 0;  // 0 where the mask broadcasts
    std::vector<std::size_t> offsets_;             // element offset of the mask slice for each leading index
};

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
