// Argument validation and numpy-style broadcasting of leading (batch/head) dimensions.
// Everything here runs before a kernel starts; the kernels themselves never throw.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "attention/config.hpp"
#include "attention/errors.hpp"
#include "attention/tensor.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

/// Throws shape_error "<function>: <requirement>; expected <expected>, got <actual shape>".
[[noreturn]] void throw_shape_error(const char* function, const std::string& requirement, const std::string& expected,
                                    const shape_type& actual);

/// Throws argument_error "<function>: <requirement>; got <actual>".
[[noreturn]] void throw_argument_error(const char* function, const std::string& requirement, const std::string& actual);

/// Requires at least `rank` dimensions; `pattern` names them, e.g. "[..., Lq, d]".
void require_rank_at_least(const char* function, const char* argument, const tensor& t, std::size_t rank,
                           const char* pattern);

/// Requires exactly `expected` as shape.
void require_shape(const char* function, const char* argument, const tensor& t, const shape_type& expected,
                   const std::string& why);

/// "[..., a, b]" for the message of a shape constraint on trailing dimensions.
std::string trailing_pattern(std::initializer_list<std::string> dims);

/// The first rank − core_rank dimensions.
shape_type leading_shape(const shape_type& shape, std::size_t core_rank);

/// Product of the extents (1 for an empty shape).
std::size_t element_count(const shape_type& shape);

/// numpy broadcast of the leading shapes (all but the last two dimensions) of several named
/// arguments, given by their full shapes (rank ≥ 2, checked by the caller); throws shape_error
/// naming both arguments when two extents differ and neither is 1.
shape_type broadcast_leading(const char* function,
                             std::initializer_list<std::pair<const char*, const shape_type*>> shapes);

/// For each index (row-major) of `target`, the index of the matrix of an operand whose leading shape
/// `operand` broadcasts to `target` (right-aligned; extents of 1 repeat).
std::vector<std::size_t> broadcast_matrix_indices(const shape_type& operand, const shape_type& target);

/// `leading` followed by `trailing`.
shape_type concat_shape(const shape_type& leading, std::initializer_list<std::size_t> trailing);

/// Which infinities a tensor argument may hold. NaN is never accepted, nor +∞; −∞ only where it
/// means "hidden": softmax / log-softmax inputs and additive masks (exp(−∞) = 0 is the intended
/// weight). q, k, v, projection weights, biases and boolean masks must be finite.
enum class infinities { refused, negative_means_hidden };

/// Throws argument_error "<function>: <argument> must hold finite numbers …; got NaN at index
/// [i, j] (shape […])" naming the first value the rule refuses. O(size), vectorised; runs before
/// any kernel, so the kernels may assume their inputs are valid.
void require_finite(const char* function, const char* argument, const tensor& t,
                    infinities rule = infinities::refused);

/// Requires a finite scale, returns it or 1/√d.
float resolve_scale(const char* function, const std::optional<float>& scale, std::size_t d);

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
