#include "tensor_handles.hpp"

#include <cstring>
#include <string>
#include <utility>

#include "attention/errors.hpp"

namespace attention_bindings {
namespace {

std::uint32_t shape_buffer[1 + max_rank];

attention::tensor& tensor_at(handle tensor) { return *reinterpret_cast<attention::tensor*>(tensor); }

attention::attention_result& result_at(handle result)
{
    return *reinterpret_cast<attention::attention_result*>(result);
}

// A float is NaN when its exponent bits are all ones and its mantissa is not zero. Tested on the bits,
// so the check survives -ffast-math (which lets the compiler assume x == x).
bool is_nan_bits(float value)
{
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return (bits & 0x7fffffffu) > 0x7f800000u;
}

// Index of the first NaN in data[0, n), or n. Scans in blocks without an early exit inside a block,
// so the compiler vectorises the common (clean) case; only a block that holds a NaN is searched.
std::size_t first_nan(const float* data, std::size_t n)
{
    constexpr std::size_t block = 1024;
    for (std::size_t start = 0; start < n; start += block) {
        const std::size_t end = start + block < n ? start + block : n;
        bool found = false;
        for (std::size_t i = start; i < end; ++i) found |= is_nan_bits(data[i]);
        if (found) {
            for (std::size_t i = start; i < end; ++i)
                if (is_nan_bits(data[i])) return i;
        }
    }
    return n;
}

std::string multi_index(const attention::shape_type& shape, std::size_t flat)
{
    attention::shape_type index(shape.size());
    for (std::size_t axis = shape.size(); axis-- > 0;) {
        index[axis] = flat % shape[axis];
        flat /= shape[axis];
    }
    return attention::shape_to_string(index);
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

attention::tensor& input(handle tensor, const char* argument)
{
    auto& value = tensor_at(tensor);
    const std::size_t nan_at = first_nan(value.data(), value.size());
    if (nan_at != value.size()) {
        throw attention::argument_error(std::string(argument) + " contains NaN at index " +
                                        multi_index(value.shape(), nan_at) + " (shape " +
                                        attention::shape_to_string(value.shape()) + ")");
    }
    return value;
}

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
