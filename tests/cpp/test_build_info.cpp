#include "attention/build_info.hpp"

#include <catch2/catch_test_macros.hpp>

#include <string>

TEST_CASE("build info describes the variant this test binary links", "[build_info]")
{
    const attention::build_info info = attention::simd_build_info();
    REQUIRE(info.arch != nullptr);
#if AW_SCALAR
    CHECK(std::string(info.arch) == "scalar");
    CHECK_FALSE(info.simd);
    CHECK(info.lanes == 1);
#else
    CHECK(info.simd);
    CHECK(info.lanes >= 4);
    CHECK(std::string(info.arch) != "scalar");
#endif
}
