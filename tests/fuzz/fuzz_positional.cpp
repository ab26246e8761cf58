// libFuzzer target: the positional family of the attention core (invariants in fuzz_families.cpp).
#include "fuzz_families.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return fuzz_family(family::positional, data, size);
}
