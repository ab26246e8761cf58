// Shared helpers of the Catch2 tests: deterministic inputs and tolerance comparisons.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_templated.hpp>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "attention/tensor.hpp"

namespace testing {

/// Normally distributed float32 tensor from a fixed seed (same numbers on every platform:
/// std::mt19937 is specified exactly; the normal transform is ours, Box–Muller).
inline attention::tensor random_normal(const attention::shape_type& shape, std::uint32_t seed, float stddev = 1.f)
{
    std::mt19937 generator(seed);
    attention::tensor t = attention::tensor::from_shape(shape);
    const double two_pi = 6.283185307179586;
    for (std::size_t i = 0; i < t.size(); i += 2) {
        const double u1 = (generator() + 1.0) / 4294967297.0, u2 = generator() / 4294967296.0;
        const double radius = std::sqrt(-2.0 * std::log(u1));
        t.data()[i] = static_cast<float>(stddev * radius * std::cos(two_pi * u2));
        if (i + 1 < t.size()) t.data()[i + 1] = static_cast<float>(stddev * radius * std::sin(two_pi * u2));
    }
    return t;
}

/// Matches when shapes are equal and |actual − expected| ≤ abs + rel·|expected| everywhere
/// (infinities must match exactly). Describes the worst element on failure.
class close_to : public Catch::Matchers::MatcherGenericBase {
public:
    close_to(attention::tensor expected, double rel, double abs) : expected_(std::move(expected)), rel_(rel), abs_(abs) {}

    bool match(const attention::tensor& actual) const
    {
        if (actual.shape() != expected_.shape()) {
            detail_ = "shape " + attention::shape_to_string(actual.shape());
            return false;
        }
        for (std::size_t i = 0; i < actual.size(); ++i) {
            const double a = actual.data()[i], e = expected_.data()[i];
            const bool ok = std::isinf(e) ? a == e : std::abs(a - e) <= abs_ + rel_ * std::abs(e);
            if (!ok) {
                std::ostringstream text;
                text << "element " << i << " = " << a << " vs expected " << e;
                detail_ = text.str();
                return false;
            }
        }
        return true;
    }

    std::string describe() const override
    {
        std::ostringstream text;
        text << "is within rel " << rel_ << " / abs " << abs_ << " of the expected "
             << attention::shape_to_string(expected_.shape()) << " tensor" << (detail_.empty() ? "" : " (first miss: ")
             << detail_ << (detail_.empty() ? "" : ")");
        return text.str();
    }

private:
    attention::tensor expected_;
    double rel_, abs_;
    mutable std::string detail_;
};

/// Tolerance for float32 results against the float64 reference on small inputs.
inline close_to matches_reference(const attention::tensor& expected) { return close_to(expected, 2e-5, 2e-6); }

}  // namespace testing
