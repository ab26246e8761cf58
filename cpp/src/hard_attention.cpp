// Top-k hard attention (hard_attention.hpp); the kernel is in attention_kernels.cpp.
#include "attention/hard_attention.hpp"

#include <string>

#include "attention/detail/attention_kernels.hpp"
#include "attention/detail/shapes.hpp"

namespace attention {
inline namespace AW_VARIANT {

attention_result hard_attention(const tensor& q, const tensor& k, const tensor& v, const hard_options& options)
{
    constexpr const char* function = "hard_attention";
    shape_type leading;
    const auto problem = detail::describe_attention(function, q, k, v, options.scale, leading);
    if (options.top_k < 1 || options.top_k > problem.lk)
        detail::throw_argument_error(function,
                                     "top_k must be between 1 and the number of keys (Lk = " +
                                         std::to_string(problem.lk) + ")",
                                     std::to_string(options.top_k));
    const detail::mask_plan mask(function, options.mask, false, leading, problem.lq, problem.lk);

    attention_result result;
    result.output = tensor::from_shape(detail::concat_shape(leading, {problem.lq, problem.dv}));
    result.weights = tensor::from_shape(detail::concat_shape(leading, {problem.lq, problem.lk}));
    detail::top_k_attention(problem, mask, options.top_k, result.output.data(), result.weights.data());
    return result;
}

}  // namespace AW_VARIANT
}  // namespace attention
