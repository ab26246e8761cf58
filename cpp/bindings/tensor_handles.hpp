// Tensors that live in WebAssembly memory, addressed from JavaScript by integer handles.
//
// The JavaScript side creates an input tensor with its final shape, writes the caller's data straight
// into the tensor's buffer (the one copy in), passes the handle to an operation, copies the result
// out of the result's buffer into a fresh Float32Array (the one copy out) and frees every handle in a
// `finally` block. Handles are plain addresses, not Embind class objects, so nothing is left for a
// garbage collector or a forgotten .delete() to leak.
//
// Shapes cross the boundary through one small uint32 buffer in wasm memory: [rank, extent0, …].
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "attention/masks.hpp"
#include "attention/result.hpp"
#include "attention/tensor.hpp"

namespace attention_bindings {

/// Address of a heap-allocated attention::tensor (or attention_result); 0 means "none".
using handle = std::uintptr_t;

/// Highest rank the shape buffer holds: inputs have at most 8 dimensions (checked in JavaScript), and
/// a result may have one more (multi-head weights add the head axis), so there is room to spare.
constexpr std::size_t max_rank = 16;

/// Address of the shape buffer: uint32 [rank, extent0, …, extent{max_rank−1}].
std::uintptr_t shape_buffer_address();

/// Allocates a tensor whose shape is in the shape buffer; returns 0 (never throws) when it does not
/// fit in memory, so JavaScript can report which argument was too large.
handle create_tensor() noexcept;

/// Writes the tensor's shape to the shape buffer and returns the address of its float data.
std::uintptr_t describe_tensor(handle tensor);

void free_tensor(handle tensor) noexcept;

/// The output and weights of a result; owned by the result (free the result, not these).
handle result_output(handle result);
handle result_weights(handle result);
void free_result(handle result) noexcept;

/// Moves a computed tensor / result to the heap and returns its handle.
handle release(attention::tensor&& value);
handle release(attention::attention_result&& value);

/// The tensor behind a handle. Its shape and values (NaN, infinities) are checked by the core, whose
/// messages name the argument and the first bad index.
attention::tensor& input(handle tensor, const char* argument);

/// The mask behind an optional handle (0 → no mask). The tensor is moved out of the handle's
/// storage (the handle is freed by JavaScript right after the call), so no extra copy is made.
std::optional<attention::attention_mask> optional_mask(handle mask, bool additive);

/// The tensor behind an optional handle (0 → a tensor of shape [0], the core's "no bias"), moved out.
attention::tensor optional_tensor(handle tensor, const char* argument);

}  // namespace attention_bindings
