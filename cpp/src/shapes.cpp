// Argument validation and broadcasting helpers (detail/shapes.hpp).
#include "attention/detail/shapes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <sstream>

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

void throw_shape_error(const char* function, const std::string& requirement, const std::string& expected,
                       const shape_type& actual)
{
    throw shape_error(std::string(function) + ": " + requirement + "; expected " + expected + ", got " +
                      shape_to_string(actual));
}

void throw_argument_error(const char* function, const std::string& requirement, const std::string& actual)
{
    throw argument_error(std::string(function) + ": " + requirement + "; got " + actual);
}

void require_rank_at_least(const char* function, const char* argument, const tensor& t, std::size_t rank,
                           const char* pattern)
{
    if (t.dimension() < rank)
        throw_shape_error(function,
                          std::string(argument) + " must have at least " + std::to_string(rank) + " dimension" +
                              (rank == 1 ? "" : "s"),
                          pattern, t.shape());
}

void require_shape(const char* function, const char* argument, const tensor& t, const shape_type& expected,
                   const std::string& why)
{
    if (t.shape() != expected)
        throw_shape_error(function, std::string(argument) + " " + why, shape_to_string(expected), t.shape());
}

std::string trailing_pattern(std::initializer_list<std::string> dims)
{
    std::string text = "[...";
    for (const auto& dim : dims) text += ", " + dim;
    return text + "]";
}

shape_type leading_shape(const shape_type& shape, std::size_t core_rank)
{
    return shape_type(shape.begin(), shape.end() - static_cast<std::ptrdiff_t>(core_rank));
}

std::size_t element_count(const shape_type& shape)
{
    std::size_t count = 1;
    for (auto extent : shape) count *= extent;
    return count;
}

shape_type broadcast_leading(const char* function,
                             std::initializer_list<std::pair<const char*, const shape_type*>> shapes)
{
    constexpr std::size_t core_rank = 2;  // the trailing [rows, columns] of every operand
    std::size_t rank = 0;
    for (const auto& named : shapes) rank = std::max(rank, named.second->size() - core_rank);
    shape_type result(rank, 1);
    std::vector<const char*> owner(rank, nullptr);  // which argument fixed each extent, for the message
    for (const auto& [name, shape] : shapes) {
        const std::size_t leading_rank = shape->size() - core_rank;
        const std::size_t offset = rank - leading_rank;
        for (std::size_t axis = 0; axis < leading_rank; ++axis) {
            const std::size_t extent = (*shape)[axis];
            std::size_t& merged = result[offset + axis];
            if (extent == merged || extent == 1) continue;
            if (merged == 1) {
                merged = extent;
                owner[offset + axis] = name;
                continue;
            }
            std::ostringstream requirement;
            requirement << "the leading (batch/head) dimensions of " << name << " and " << owner[offset + axis]
                        << " must broadcast (equal, or 1), but axis " << axis << " of " << name << " is " << extent
                        << " where " << owner[offset + axis] << " has " << merged;
            throw_shape_error(function, requirement.str(),
                              "leading dimensions broadcastable to " + shape_to_string(result), *shape);
        }
    }
    return result;
}

std::vector<std::size_t> broadcast_matrix_indices(const shape_type& operand, const shape_type& target)
{
    const std::size_t rank = target.size();
    const std::size_t offset = rank - operand.size();
    // Stride (in matrices) of each target axis within the operand; 0 where the operand repeats.
    std::vector<std::size_t> strides(rank, 0);
    std::size_t stride = 1;
    for (std::size_t axis = operand.size(); axis-- > 0;) {
        if (operand[axis] != 1) strides[offset + axis] = stride;
        stride *= operand[axis];
    }
    const std::size_t count = element_count(target);
    std::vector<std::size_t> indices(count, 0);
    std::vector<std::size_t> position(rank, 0);
    std::size_t current = 0;
    for (std::size_t i = 0; i < count; ++i) {
        indices[i] = current;
        // odometer increment over the target shape
        for (std::size_t axis = rank; axis-- > 0;) {
            if (++position[axis] < target[axis]) {
                current += strides[axis];
                break;
            }
            current -= strides[axis] * (target[axis] - 1);
            position[axis] = 0;
        }
    }
    return indices;
}

shape_type concat_shape(const shape_type& leading, std::initializer_list<std::size_t> trailing)
{
    shape_type result(leading);
    for (auto extent : trailing) result.push_back(extent);
    return result;
}

namespace {

constexpr std::uint32_t positive_infinity_bits = 0x7f800000u;
constexpr std::uint32_t negative_infinity_bits = 0xff800000u;

/// Whether the rule refuses a value, decided on its bits so that the test survives -ffast-math
/// (which lets the compiler assume that no value is NaN or infinite).
inline bool refused_bits(std::uint32_t bits, bool allow_negative_infinity)
{
    const bool non_finite = (bits & 0x7fffffffu) >= positive_infinity_bits;
    return non_finite && !(allow_negative_infinity && bits == negative_infinity_bits);
}

/// Index of the first refused value in data[0, n), or n. Scans in blocks without an early exit
/// inside a block, so the compiler vectorises the common (clean) case; only a block holding a bad
/// value is searched element by element.
std::size_t first_refused(const float* data, std::size_t n, bool allow_negative_infinity)
{
    constexpr std::size_t block = 1024;
    for (std::size_t start = 0; start < n; start += block) {
        const std::size_t end = std::min(start + block, n);
        bool found = false;
        for (std::size_t i = start; i < end; ++i) {
            std::uint32_t bits;
            std::memcpy(&bits, data + i, sizeof bits);
            found |= refused_bits(bits, allow_negative_infinity);
        }
        if (!found) continue;
        for (std::size_t i = start; i < end; ++i) {
            std::uint32_t bits;
            std::memcpy(&bits, data + i, sizeof bits);
            if (refused_bits(bits, allow_negative_infinity)) return i;
        }
    }
    return n;
}

std::string multi_index(const shape_type& shape, std::size_t flat)
{
    shape_type index(shape.size());
    for (std::size_t axis = shape.size(); axis-- > 0;) {
        index[axis] = shape[axis] == 0 ? 0 : flat % shape[axis];
        flat = shape[axis] == 0 ? 0 : flat / shape[axis];
    }
    return shape_to_string(index);
}

/// "NaN", "Infinity" or "-Infinity": the names JavaScript prints, and unambiguous in C++ too.
const char* non_finite_name(float value)
{
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    if (bits == positive_infinity_bits) return "Infinity";
    if (bits == negative_infinity_bits) return "-Infinity";
    return "NaN";
}

}  // namespace

void require_finite(const char* function, const char* argument, const tensor& t, infinities rule)
{
    const bool allow_negative_infinity = rule == infinities::negative_means_hidden;
    const std::size_t at = first_refused(t.data(), t.size(), allow_negative_infinity);
    if (at == t.size()) return;
    const std::string requirement =
        std::string(argument) +
        (allow_negative_infinity ? " must hold finite numbers or -Infinity (which means \"hidden\"), not NaN or +Infinity"
                                 : " must hold finite numbers, not NaN or ±Infinity");
    throw_argument_error(function, requirement,
                         std::string(non_finite_name(t.data()[at])) + " at index " + multi_index(t.shape(), at) +
                             " (shape " + shape_to_string(t.shape()) + ")");
}

float resolve_scale(const char* function, const std::optional<float>& scale, std::size_t d)
{
    if (!scale) return d == 0 ? 1.f : static_cast<float>(1.0 / std::sqrt(static_cast<double>(d)));
    if (!std::isfinite(*scale)) {
        std::ostringstream actual;
        actual << *scale;
        throw_argument_error(function, "scale must be a finite number", actual.str());
    }
    return *scale;
}

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
