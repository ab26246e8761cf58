// The entry-point families the fuzz targets exercise (tests/fuzz/fuzz_families.cpp).
#pragma once

#include <cstddef>
#include <cstdint>

enum class family { softmax, masks, sdpa, flash, mha, additive, hard, positional };

/// Decodes one fuzz input into a call of `which` and checks its invariants; aborts on a violation.
int fuzz_family(family which, const std::uint8_t* data, std::size_t size);
