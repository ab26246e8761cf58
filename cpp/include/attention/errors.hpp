// Typed errors of the attention core.
//
// Every public function validates its arguments before any computation starts and throws one of
// these; the kernels themselves never throw (exceptions that cross hot loops are costly in
// WebAssembly). Messages name the function and the argument and give the expected and actual
// shape or value, for example:
//   scaled_dot_product_attention: k must have the same last dimension as q (d = 64);
//   expected [..., Lk, 64], got [2, 10, 32]
// Values are checked too: NaN and +∞ are refused in every tensor argument, −∞ everywhere except in
// softmax / log_softmax inputs and additive masks, where it means "hidden" (argument_error naming
// the first bad index, e.g. "softmax: x must hold finite numbers or -Infinity …; got NaN at index
// [1, 0] (shape [2, 2])").
#pragma once

#include <stdexcept>
#include <string>

namespace attention {

/// Base class of every error raised by the core for invalid input.
class error : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// A tensor argument has the wrong rank or extents.
class shape_error : public error {
public:
    using error::error;
};

/// A scalar argument (temperature, block size, head count, ...) is out of range.
class argument_error : public error {
public:
    using error::error;
};

}  // namespace attention
