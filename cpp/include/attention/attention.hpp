// Attention Workshop core: the whole public API. Includes only.
#pragma once

#include "attention/additive_attention.hpp"
#include "attention/build_info.hpp"
#include "attention/config.hpp"
#include "attention/errors.hpp"
#include "attention/flash_attention.hpp"
#include "attention/hard_attention.hpp"
#include "attention/masks.hpp"
#include "attention/memory_stats.hpp"
#include "attention/multi_head_attention.hpp"
#include "attention/positional.hpp"
#include "attention/result.hpp"
#include "attention/scaled_dot_product_attention.hpp"
#include "attention/scores.hpp"
#include "attention/softmax.hpp"
#include "attention/tensor.hpp"
