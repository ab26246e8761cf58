// What the linked variant of the core was compiled for.
#pragma once

#include <cstddef>

#include "attention/config.hpp"

namespace attention {

/// arch: xsimd's name of the instruction set ("wasm", "avx512bw", "avx2", ...) or "scalar";
/// simd: whether the kernels run on vector registers; lanes: float32 lanes per vector (1 for scalar).
struct build_info {
    const char* arch;
    bool simd;
    std::size_t lanes;
};

inline namespace AW_VARIANT {

/// The instruction set of this variant, e.g. {"wasm", true, 4}, {"avx512bw", true, 16}, {"scalar", false, 1}.
build_info simd_build_info();

}  // namespace AW_VARIANT
}  // namespace attention
