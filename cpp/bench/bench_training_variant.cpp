// One training benchmark per variant of the core (compiled twice, like bench_variant.cpp): the
// lab's default tiny Transformer on the reverse task.
#include "bench_training.hpp"

#include <chrono>
#include <random>
#include <vector>

#include "attention/build_info.hpp"
#include "attention/transformer.hpp"

namespace aw_bench_training {
inline namespace AW_VARIANT {

namespace {

/// d₁ … d₆ SEP d₆ … d₁ as next-token prediction over 12 positions; loss on the reversed half.
void reverse_batch(std::mt19937& random, std::size_t batch, std::vector<std::int32_t>& inputs,
                   std::vector<std::int32_t>& targets, std::vector<float>& mask)
{
    constexpr std::size_t digits = 6, length = 12;
    inputs.resize(batch * length);
    targets.resize(batch * length);
    mask.resize(batch * length);
    for (std::size_t b = 0; b < batch; ++b) {
        std::int32_t sequence[2 * digits + 1];
        for (std::size_t i = 0; i < digits; ++i) sequence[i] = static_cast<std::int32_t>(random() % 10);
        sequence[digits] = 10;
        for (std::size_t i = 0; i < digits; ++i) sequence[digits + 1 + i] = sequence[digits - 1 - i];
        for (std::size_t t = 0; t < length; ++t) {
            inputs[b * length + t] = sequence[t];
            targets[b * length + t] = sequence[t + 1];
            mask[b * length + t] = t >= digits ? 1.f : 0.f;
        }
    }
}

}  // namespace

const char* arch() { return attention::simd_build_info().arch; }

result run(int timed_steps, int max_steps)
{
    using clock = std::chrono::steady_clock;
    result r{};
    attention::transformer_config config;  // vocab 16, L 12, d_model 32, 4 heads, 2 layers, MLP 4×
    config.seed = 1;
    std::vector<std::int32_t> inputs, targets;
    std::vector<float> mask;
    constexpr std::size_t batch = 32, length = 12;

    {  // Steady-state time per step: same batch, after a few warm-up steps.
        attention::transformer model(config);
        std::mt19937 random(7);
        reverse_batch(random, batch, inputs, targets, mask);
        for (int i = 0; i < 5; ++i) model.train_step_raw(inputs.data(), targets.data(), mask.data(), batch, length, {});
        double best = 1e30;
        for (int round = 0; round < 3; ++round) {
            const auto start = clock::now();
            for (int i = 0; i < timed_steps; ++i)
                model.train_step_raw(inputs.data(), targets.data(), mask.data(), batch, length, {});
            best = std::min(best, std::chrono::duration<double, std::milli>(clock::now() - start).count() / timed_steps);
        }
        r.milliseconds_per_step = best;
    }
    {  // Wall time until a held-out batch is ≥ 99 % right (checked every 25 steps, checks included).
        attention::transformer model(config);
        std::mt19937 random(2024);
        std::vector<std::int32_t> held_inputs, held_targets;
        std::vector<float> held_mask;
        std::mt19937 held_out(99);
        reverse_batch(held_out, 256, held_inputs, held_targets, held_mask);
        const auto start = clock::now();
        for (int step = 1; step <= max_steps; ++step) {
            reverse_batch(random, batch, inputs, targets, mask);
            model.train_step_raw(inputs.data(), targets.data(), mask.data(), batch, length, {});
            if (step % 25 == 0) {
                double accuracy = 0;
                model.loss_raw(held_inputs.data(), held_targets.data(), held_mask.data(), 256, length, &accuracy);
                if (accuracy >= 0.99) {
                    r.steps_to_99 = step;
                    r.seconds_to_99 = std::chrono::duration<double>(clock::now() - start).count();
                    r.accuracy = accuracy;
                    break;
                }
                r.accuracy = accuracy;
            }
        }
    }
    return r;
}

}  // namespace AW_VARIANT
}  // namespace aw_bench_training
