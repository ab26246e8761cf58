#include "attention/positional.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_floating_point.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <cmath>

#include "attention/errors.hpp"
#include "attention/scores.hpp"
#include "reference_data.hpp"
#include "test_helpers.hpp"

using attention::tensor;
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::MessageMatches;
using Catch::Matchers::WithinAbs;

TEST_CASE("sinusoidal encodings match the reference, even and odd widths", "[positional][reference]")
{
    for (const auto& c : reference::cases_for("sinusoidal_encoding")) {
        INFO(c.name);
        CHECK_THAT(attention::sinusoidal_encoding(static_cast<std::size_t>(c.number("n")), static_cast<std::size_t>(c.number("d"))),
                   testing::matches_reference(c.expected.at("encoding")));
    }
}

TEST_CASE("RoPE matches the reference, default base and with an offset and another base", "[positional][reference]")
{
    for (const auto& c : reference::cases_for("rope")) {
        INFO(c.name);
        CHECK_THAT(attention::rope(c.inputs.at("x"), static_cast<float>(c.number("base")),
                                   static_cast<std::size_t>(c.number("position_offset"))),
                   testing::close_to(c.expected.at("y"), 1e-5, 1e-5));
    }
}

TEST_CASE("RoPE preserves the norm of every pair", "[positional][property]")
{
    const tensor x = testing::random_normal({3, 10, 16}, 1);
    const tensor y = attention::rope(x);
    for (std::size_t b = 0; b < 3; ++b)
        for (std::size_t p = 0; p < 10; ++p)
            for (std::size_t i = 0; i < 8; ++i) {
                const double before = std::hypot(x(b, p, 2 * i), x(b, p, 2 * i + 1));
                const double after = std::hypot(y(b, p, 2 * i), y(b, p, 2 * i + 1));
                CHECK_THAT(after, WithinAbs(before, 1e-5));
            }
}

TEST_CASE("RoPE makes q·k depend only on the distance between positions", "[positional][property]")
{
    // the same q at position i and k at position j, then both shifted by 7: same score
    const tensor q = testing::random_normal({1, 16}, 2), k = testing::random_normal({1, 16}, 3);
    const float near_pair = attention::dot_scores(attention::rope(q, 10000.f, 5), attention::rope(k, 10000.f, 2))(0, 0);
    const float shifted = attention::dot_scores(attention::rope(q, 10000.f, 12), attention::rope(k, 10000.f, 9))(0, 0);
    CHECK_THAT(shifted, WithinAbs(near_pair, 1e-4));
}

TEST_CASE("position zero is left unrotated", "[positional]")
{
    const tensor x = testing::random_normal({1, 8}, 4);
    CHECK_THAT(attention::rope(x), testing::close_to(x, 0, 0));
}

TEST_CASE("rope rejects an odd last dimension, a vector and a bad base", "[positional][errors]")
{
    CHECK_THROWS_MATCHES(attention::rope(xt::zeros<float>({2, 4, 7})), attention::shape_error,
                         MessageMatches(ContainsSubstring("rope: the last dimension of x must be even") &&
                                        ContainsSubstring("expected [..., L, 8], got [2, 4, 7]")));
    CHECK_THROWS_MATCHES(attention::rope(xt::zeros<float>({8})), attention::shape_error,
                         MessageMatches(ContainsSubstring("rope: x must have at least 2 dimensions; expected [..., L, d], got [8]")));
    CHECK_THROWS_MATCHES(attention::rope(xt::zeros<float>({2, 8}), -1.f), attention::argument_error,
                         MessageMatches(ContainsSubstring("rope: base must be a finite number > 0; got -1")));
}
