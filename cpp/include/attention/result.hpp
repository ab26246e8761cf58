// Result of an attention call.
#pragma once

#include "attention/tensor.hpp"

namespace attention {

/// output: [..., Lq, dv]; weights: [..., Lq, Lk] (per head: [..., H, Lq, Lk]), or an empty tensor
/// (shape [0]) when the caller did not ask for them.
struct attention_result {
    tensor output;
    tensor weights;
};

}  // namespace attention
