// The comparison matcher every other test relies on (testing::close_to), tested by what it rejects
// and by right answers written differently.
#include <catch2/catch_test_macros.hpp>

#include <limits>

#include "test_helpers.hpp"

using attention::tensor;

namespace {
constexpr float inf = std::numeric_limits<float>::infinity();
const float not_a_number = std::numeric_limits<float>::quiet_NaN();
}  // namespace

TEST_CASE("close_to rejects wrong answers", "[helpers]")
{
    const testing::close_to near_one_two_three(tensor{1.f, 2.f, 3.f}, 1e-5, 1e-6);
    CHECK_FALSE(near_one_two_three.match(tensor{1.f, 2.f, 3.1f}));           // a wrong last element
    CHECK_FALSE(near_one_two_three.match(tensor{1.f, not_a_number, 3.f}));   // NaN for a number
    CHECK_FALSE(near_one_two_three.match(tensor{1.f, 2.f, inf}));            // an infinity for a number
    CHECK_FALSE(near_one_two_three.match(tensor{{1.f, 2.f, 3.f}}));          // the same values, another shape
    CHECK_FALSE(near_one_two_three.match(tensor{1.f, 2.f + 3e-5f, 3.f}));    // just beyond abs + rel·|e|
    // a wrong value after a pair of equal infinities is still found
    CHECK_FALSE(testing::close_to(tensor{-inf, 1.f, 0.f}, 1e-5, 1e-6).match(tensor{-inf, 5.f, 0.f}));
    CHECK_FALSE(testing::close_to(tensor{-inf}, 1e-5, 1e-6).match(tensor{inf}));
    CHECK_FALSE(testing::close_to(tensor{not_a_number}, 1e-5, 1e-6).match(tensor{1.f}));
}

TEST_CASE("close_to accepts right answers written differently", "[helpers]")
{
    CHECK(testing::close_to(tensor{1.f, 2.f, 3.f}, 1e-5, 1e-6).match(tensor{1.f + 1e-6f, 2.f - 1e-5f, 3.f}));
    CHECK(testing::close_to(tensor{0.f, -inf, inf}, 0, 0).match(tensor{-0.f, -inf, inf}));
    CHECK(testing::close_to(tensor{0.f}, 1e-5, 1e-6).match(tensor{5e-7f}));
}
