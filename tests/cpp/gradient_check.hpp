// Central finite differences in double for the gradient tests: a loss L(x) = Σ g ∘ f(x) evaluated in
// double by a reference forward written in the test, and its numerical gradient compared with the
// core's float gradient.
#pragma once

#include <cmath>
#include <functional>
#include <vector>

#include "attention/tensor.hpp"

namespace testing {

/// ∂L/∂x_i ≈ (L(x + h e_i) − L(x − h e_i)) / 2h for every i, in double.
inline std::vector<double> numerical_gradient(const std::function<double(const std::vector<double>&)>& loss,
                                              std::vector<double> x, double h = 1e-6)
{
    std::vector<double> gradient(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double saved = x[i];
        x[i] = saved + h;
        const double up = loss(x);
        x[i] = saved - h;
        const double down = loss(x);
        x[i] = saved;
        gradient[i] = (up - down) / (2 * h);
    }
    return gradient;
}

inline std::vector<double> to_doubles(const attention::tensor& t) { return std::vector<double>(t.begin(), t.end()); }

/// Largest |a − n| / (abs + rel·|n|) over the elements: ≤ 1 means within tolerance.
inline double worst_ratio(const attention::tensor& analytic, const std::vector<double>& numeric, double rel = 2e-3,
                          double abs = 2e-4)
{
    if (analytic.size() != numeric.size()) return INFINITY;  // before reading: a wrong size must not read past the end
    double worst = 0;
    for (std::size_t i = 0; i < numeric.size(); ++i)
        worst = std::max(worst, std::abs(analytic.data()[i] - numeric[i]) / (abs + rel * std::abs(numeric[i])));
    return worst;
}

}  // namespace testing
