#include "tensor_handles.hpp"

#include <utility>

namespace attention_bindings {
namespace {

std::uint32_t shape_buffer[1 + max_rank];

attention::tensor& tensor_at(handle tensor) { return *reinterpret_cast<attention::tensor*>(tensor); }

attention::attention_result& result_at(handle result)
{
    return *reinterpret_cast<attention::attention_result*>(result);
}

}  // namespace

std::uintptr_t shape_buffer_address() { return reinterpret_cast<std::uintptr_t>(shape_buffer); }

handle create_tensor() noexcept
{
    const std::size_t rank = shape_buffer[0] <= max_rank ? shape_buffer[0] : max_rank;
    attention::shape_type shape(shape_buffer + 1, shape_buffer + 1 + rank);
    try {
        return reinterpret_cast<handle>(new attention::tensor(attention::tensor::from_shape(shape)));
    } catch (...) {  // std::bad_alloc, or std::length_error for absurd sizes
        return 0;
    }
}

std::uintptr_t describe_tensor(handle tensor)
{
    const auto& value = tensor_at(tensor);
    const auto& shape = value.shape();
    shape_buffer[0] = static_cast<std::uint32_t>(shape.size());
    for (std::size_t axis = 0; axis < shape.size() && axis < max_rank; ++axis)
        shape_buffer[1 + axis] = static_cast<std::uint32_t>(shape[axis]);
    return reinterpret_cast<std::uintptr_t>(value.data());
}

void free_tensor(handle tensor) noexcept { delete reinterpret_cast<attention::tensor*>(tensor); }

handle result_output(handle result) { return reinterpret_cast<handle>(&result_at(result).output); }
handle result_weights(handle result) { return reinterpret_cast<handle>(&result_at(result).weights); }
void free_result(handle result) noexcept { delete reinterpret_cast<attention::attention_result*>(result); }

handle release(attention::tensor&& value)
{
    return reinterpret_cast<handle>(new attention::tensor(std::move(value)));
}

handle release(attention::attention_result&& value)
{
    return reinterpret_cast<handle>(new attention::attention_result(std::move(value)));
}

// The argument's name is not needed here any more: the core checks the values it is given and names
// the argument itself (attention::detail::require_finite).
attention::tensor& input(handle tensor, const char* /*argument*/) { return tensor_at(tensor); }

std::optional<attention::attention_mask> optional_mask(handle mask, bool additive)
{
    if (mask == 0) return std::nullopt;
    auto& values = input(mask, "mask");
    return attention::attention_mask{std::move(values),
                                     additive ? attention::mask_kind::additive : attention::mask_kind::boolean};
}

attention::tensor optional_tensor(handle tensor, const char* argument)
{
    // The core's "no bias" is a tensor with no elements; a default-constructed xarray is a 0-d
    // tensor holding one element.
    if (tensor == 0) return attention::tensor::from_shape({0});
    return std::move(input(tensor, argument));
}

}  // namespace attention_bindings
