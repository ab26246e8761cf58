// Scaled dot-product attention (scaled_dot_product_attention.hpp).
#include "attention/scaled_dot_product_attention.hpp"

#include "attention/detail/attention_kernels.hpp"
#include "attention/detail/shapes.hpp"

namespace attention {
inline namespace AW_VARIANT {

attention_result scaled_dot_product_attention(const tensor& q, const tensor& k, const tensor& v,
                                              const sdpa_options& options)
{
    constexpr const char* function = "scaled_dot_product_attention";
    shape_type leading;
    const auto problem = detail::describe_attention(function, q, k, v, options.scale, leading);
    const detail::mask_plan mask(function, options.mask, options.causal, leading, problem.lq, problem.lk);

    attention_result result;
    result.output = tensor::from_shape(detail::concat_shape(leading, {problem.lq, problem.dv}));
    if (options.return_weights) result.weights = tensor::from_shape(detail::concat_shape(leading, {problem.lq, problem.lk}));
    else result.weights = tensor::from_shape({0});
    detail::naive_attention(problem, mask, result.output.data(),
                            options.return_weights ? result.weights.data() : nullptr);
    return result;
}

}  // namespace AW_VARIANT
}  // namespace attention
