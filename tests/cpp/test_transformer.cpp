#include "attention/transformer.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_exception.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "attention/errors.hpp"

using attention::token_tensor;
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::MessageMatches;

namespace {

attention::transformer_config small_config()
{
    attention::transformer_config c;
    c.vocab_size = 7;
    c.max_length = 5;
    c.d_model = 8;
    c.num_heads = 2;
    c.num_layers = 2;
    c.mlp_ratio = 2;
    c.seed = 3;
    return c;
}

/// The reverse task of the JS test: d₁ … d₆ SEP d₆ … d₁, next-token targets, loss on the reversed half.
void reverse_batch(std::mt19937& random, std::size_t batch, token_tensor& inputs, token_tensor& targets,
                   attention::tensor& mask)
{
    constexpr std::size_t digits = 6, length = 12;
    inputs = token_tensor::from_shape({batch, length});
    targets = token_tensor::from_shape({batch, length});
    mask = attention::tensor::from_shape({batch, length});
    for (std::size_t b = 0; b < batch; ++b) {
        std::int32_t sequence[2 * digits + 1];
        for (std::size_t i = 0; i < digits; ++i) sequence[i] = static_cast<std::int32_t>(random() % 10);
        sequence[digits] = 10;
        for (std::size_t i = 0; i < digits; ++i) sequence[digits + 1 + i] = sequence[digits - 1 - i];
        for (std::size_t t = 0; t < length; ++t) {
            inputs(b, t) = sequence[t];
            targets(b, t) = sequence[t + 1];
            mask(b, t) = t >= digits ? 1.f : 0.f;
        }
    }
}

}  // namespace

TEST_CASE("the transformer's gradient of every parameter kind equals central finite differences of its loss",
          "[transformer]")
{
    attention::transformer model(small_config());
    const token_tensor inputs = {{1, 2, 3, 4, 5}, {6, 0, 6, 2, 1}};
    const token_tensor targets = {{2, 3, 4, 5, 6}, {0, 6, 2, 1, 3}};
    const std::vector<float> mask = {1, 1, 0, 1, 1, 0, 1, 1, 1, 0.5f};
    model.compute_gradients_raw(inputs.data(), targets.data(), mask.data(), 2, 5);
    const std::vector<float> analytic = model.gradients();
    std::vector<float>& p = model.parameters();
    // Every 7th parameter (covers embeddings, layer norms, Wqkv, Wo, MLP, output): float32 forward,
    // so a step of 1e-2 and a tolerance for its rounding.
    std::size_t checked = 0, worst_index = 0;
    double worst = 0;
    for (std::size_t i = 0; i < p.size(); i += 7, ++checked) {
        const float saved = p[i];
        const double h = 1e-2;
        p[i] = saved + float(h);
        const double up = model.loss_raw(inputs.data(), targets.data(), mask.data(), 2, 5);
        p[i] = saved - float(h);
        const double down = model.loss_raw(inputs.data(), targets.data(), mask.data(), 2, 5);
        p[i] = saved;
        const double numeric = (up - down) / (2 * h);
        const double error = std::abs(analytic[i] - numeric) / (1e-3 + 2e-2 * std::abs(numeric));
        if (error > worst) {
            worst = error;
            worst_index = i;
        }
    }
    INFO("checked " << checked << " parameters; worst at " << worst_index);
    CHECK(worst <= 1.0);
}

TEST_CASE("the transformer is causal: a later token changes no earlier logit or attention row", "[transformer]")
{
    attention::transformer model(small_config());
    const auto a = model.forward(token_tensor{{1, 2, 3, 4}});
    const auto b = model.forward(token_tensor{{1, 2, 5, 4}});
    for (std::size_t t = 0; t < 2; ++t)
        for (std::size_t j = 0; j < 7; ++j) CHECK(a.logits(0, t, j) == b.logits(0, t, j));
    CHECK(a.logits(0, 2, 0) != b.logits(0, 2, 0));
    CHECK(a.attention.shape() == attention::shape_type{2, 1, 2, 4, 4});
    for (std::size_t l = 0; l < 2; ++l)
        for (std::size_t h = 0; h < 2; ++h)
            for (std::size_t i = 0; i < 4; ++i) {
                float sum = 0;
                for (std::size_t j = 0; j < 4; ++j) {
                    if (j > i) CHECK(a.attention(l, 0, h, i, j) == 0.f);
                    sum += a.attention(l, 0, h, i, j);
                }
                CHECK(std::abs(sum - 1.f) < 1e-5f);
            }
}

TEST_CASE("the same seed gives the same model; save and load round-trip exactly", "[transformer]")
{
    attention::transformer a(small_config()), b(small_config());
    CHECK(a.parameters() == b.parameters());
    auto other = small_config();
    other.seed = 4;
    attention::transformer c(other);
    CHECK(a.parameters() != c.parameters());
    const token_tensor x = {{1, 2, 3}};
    a.train_step(x, x, nullptr);
    const auto bytes = a.save();
    CHECK(bytes.size() == 44 + 4 * a.parameter_count());
    c.load(bytes.data(), bytes.size());
    CHECK(c.parameters() == a.parameters());
    auto corrupt = bytes;
    corrupt[0] = 'X';
    CHECK_THROWS_AS(c.load(corrupt.data(), corrupt.size()), attention::argument_error);
    auto wider = small_config();
    wider.d_model = 16;
    attention::transformer d(wider);
    CHECK_THROWS_MATCHES(d.load(bytes.data(), bytes.size()), attention::argument_error,
                         MessageMatches(ContainsSubstring("different configuration: d_model is 16 in this model; got 8")));
}

TEST_CASE("bad configurations and tokens are errors that change nothing", "[transformer][errors]")
{
    auto bad = small_config();
    bad.num_heads = 3;
    CHECK_THROWS_MATCHES(attention::transformer(bad), attention::argument_error,
                         MessageMatches(ContainsSubstring("d_model must be a multiple of num_heads")));
    bad = small_config();
    bad.vocab_size = 1;
    CHECK_THROWS_AS(attention::transformer(bad), attention::argument_error);
    attention::transformer model(small_config());
    const auto before = model.parameters();
    CHECK_THROWS_MATCHES(model.train_step(token_tensor{{1, 7}}, token_tensor{{1, 2}}, nullptr), attention::argument_error,
                         MessageMatches(ContainsSubstring("inputs token ids must be in [0, vocab_size) = [0, 7); got 7 at [0, 1]")));
    CHECK_THROWS_AS(model.train_step(token_tensor{{1, 2, 3, 4, 5, 6}}, token_tensor{{1, 2, 3, 4, 5, 6}}, nullptr),
                    attention::shape_error);
    CHECK_THROWS_AS(model.forward(token_tensor{1, 2}), attention::shape_error);
    attention::train_options nan_rate;
    nan_rate.learning_rate = NAN;
    CHECK_THROWS_AS(model.train_step(token_tensor{{1, 2}}, token_tensor{{2, 3}}, nullptr, nan_rate), attention::argument_error);
    CHECK(model.parameters() == before);
    CHECK(model.steps() == 0);
}

TEST_CASE("the default model learns the reverse task to ≥ 99 % token accuracy", "[transformer][training]")
{
    attention::transformer_config config;  // the lab's default: vocab 16, L 12, d 32, 4 heads, 2 layers
    config.seed = 1;
    attention::transformer model(config);
    CHECK(model.parameter_count() == 26896);
    std::mt19937 random(2024);
    token_tensor inputs, targets;
    attention::tensor mask;
    double accuracy = 0;
    for (int step = 0; step < 600 && accuracy < 0.99; ++step) {
        reverse_batch(random, 32, inputs, targets, mask);
        model.train_step(inputs, targets, &mask);
        if (step % 50 == 49) {
            std::mt19937 held_out(99);
            reverse_batch(held_out, 256, inputs, targets, mask);
            model.loss_raw(inputs.data(), targets.data(), mask.data(), 256, 12, &accuracy);
        }
    }
    INFO("accuracy " << accuracy << " after " << model.steps() << " steps");
    CHECK(accuracy >= 0.99);
}
