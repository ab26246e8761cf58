// The scalar and SIMD builds of the core compute the same results (up to float rounding from a
// different summation order), checked side by side in one binary.
#include <catch2/catch_test_macros.hpp>

#include "test_helpers.hpp"
#include "variant_probe.hpp"

TEST_CASE("the scalar and SIMD builds give the same results", "[variants]")
{
    const auto simd = probe::simd::run_everything();
    const auto scalar = probe::scalar::run_everything();
    REQUIRE(simd.size() == scalar.size());
    for (std::size_t i = 0; i < simd.size(); ++i) {
        INFO(simd[i].first);
        CHECK_THAT(simd[i].second, testing::close_to(scalar[i].second, 2e-5, 2e-5));
    }
}
