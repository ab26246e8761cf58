#include "attention/masks.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include "attention/errors.hpp"
#include "reference_data.hpp"
#include "test_helpers.hpp"

using attention::tensor;
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::MessageMatches;

TEST_CASE("causal masks match the reference, square and rectangular", "[masks][reference]")
{
    for (const auto& c : reference::cases_for("causal_mask")) {
        INFO(c.name);
        CHECK_THAT(attention::causal_mask(static_cast<std::size_t>(c.number("lq")), static_cast<std::size_t>(c.number("lk"))),
                   testing::close_to(c.expected.at("mask"), 0, 0));
    }
}

TEST_CASE("padding masks keep the first valid_length keys of each sequence", "[masks][reference]")
{
    for (const auto& c : reference::cases_for("padding_mask")) {
        CHECK_THAT(attention::padding_mask(c.sizes("valid_lengths"), static_cast<std::size_t>(c.number("lk"))),
                   testing::close_to(c.expected.at("mask"), 0, 0));
    }
}

TEST_CASE("sliding-window masks match the reference, causal and symmetric", "[masks][reference]")
{
    for (const auto& c : reference::cases_for("sliding_window_mask")) {
        INFO(c.name);
        CHECK_THAT(attention::sliding_window_mask(static_cast<std::size_t>(c.number("n")),
                                                  static_cast<std::size_t>(c.number("window")), c.flag("causal")),
                   testing::close_to(c.expected.at("mask"), 0, 0));
    }
}

TEST_CASE("a causal sliding window wider than the sequence equals the causal mask", "[masks][property]")
{
    CHECK_THAT(attention::sliding_window_mask(7, 7, true), testing::close_to(attention::causal_mask(7, 7), 0, 0));
}

TEST_CASE("a causal mask with more queries than keys hides every key from the first rows", "[masks]")
{
    const tensor mask = attention::causal_mask(4, 2);  // j <= i − 2
    CHECK(mask(0, 0) == 0.f);
    CHECK(mask(1, 0) == 0.f);
    CHECK(mask(2, 0) == 1.f);
    CHECK(mask(2, 1) == 0.f);
    CHECK(mask(3, 1) == 1.f);
}

TEST_CASE("padding_mask rejects a valid length longer than the sequence", "[masks][errors]")
{
    CHECK_THROWS_MATCHES(attention::padding_mask({3, 9}, 5), attention::argument_error,
                         MessageMatches(ContainsSubstring("padding_mask: valid_lengths[1] must be at most Lk = 5; got 9")));
}

TEST_CASE("sliding_window_mask rejects a window of zero", "[masks][errors]")
{
    CHECK_THROWS_MATCHES(attention::sliding_window_mask(4, 0), attention::argument_error,
                         MessageMatches(ContainsSubstring("sliding_window_mask: window must be at least 1")));
}
