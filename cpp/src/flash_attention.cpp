// Tiled attention with online softmax (flash_attention.hpp); the kernel is in attention_kernels.cpp.
#include "attention/flash_attention.hpp"

#include "attention/detail/attention_kernels.hpp"
#include "attention/detail/shapes.hpp"
#include "attention/detail/tuning.hpp"

namespace attention {
inline namespace AW_VARIANT {

tensor flash_attention(const tensor& q, const tensor& k, const tensor& v, const flash_options& options)
{
    constexpr const char* function = "flash_attention";
    shape_type leading;
    const auto problem = detail::describe_attention(function, q, k, v, options.scale, leading);
    const detail::mask_plan mask(function, options.mask, options.causal, leading, problem.lq, problem.lk);
    const std::size_t block_q = options.block_q != 0 ? options.block_q : detail::default_flash_block_q;
    const std::size_t block_k = options.block_k != 0 ? options.block_k : detail::default_flash_block_k;

    tensor output = tensor::from_shape(detail::concat_shape(leading, {problem.lq, problem.dv}));
    detail::tiled_attention(problem, mask, block_q, block_k, output.data());
    return output;
}

}  // namespace AW_VARIANT
}  // namespace attention
