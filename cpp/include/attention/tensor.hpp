// The tensor type of the attention core: a dense, row-major, float32 n-dimensional array.
#pragma once

#include <cstddef>
#include <string>

#include <xtensor/xarray.hpp>

namespace attention {

/// Every input and output of the core: float32, row-major, any number of dimensions.
using tensor = xt::xarray<float>;

/// Shape of a tensor (xtensor's small vector of std::size_t).
using shape_type = tensor::shape_type;

/// Formats a shape as "[2, 10, 32]" (scalars as "[]"), the notation used in every error message.
template <class Shape>
std::string shape_to_string(const Shape& shape)
{
    std::string text = "[";
    bool first = true;
    for (auto extent : shape) {
        if (!first) text += ", ";
        text += std::to_string(extent);
        first = false;
    }
    return text + "]";
}

}  // namespace attention
