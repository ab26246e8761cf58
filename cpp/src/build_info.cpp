#include "attention/build_info.hpp"

#include "attention/detail/simd.hpp"

namespace attention {
inline namespace AW_VARIANT {

build_info simd_build_info() { return {detail::arch_name, detail::is_simd, detail::lanes}; }

}  // namespace AW_VARIANT
}  // namespace attention
