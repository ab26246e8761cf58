// Runs the same computations through one variant of the core; variant_probe.cpp is compiled once
// per variant, so aw_tests_variants_agree can compare the scalar and SIMD builds in one binary.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "attention/tensor.hpp"

namespace probe {
namespace simd {
std::vector<std::pair<std::string, attention::tensor>> run_everything();
}
namespace scalar {
std::vector<std::pair<std::string, attention::tensor>> run_everything();
}
}  // namespace probe
