// Training benchmark of the tiny Transformer, per variant of the core (bench_training_variant.cpp is
// compiled twice, once with AW_SCALAR=1), so SIMD and scalar are timed side by side in one process.
#pragma once

#include "attention/config.hpp"

namespace aw_bench_training {

struct result {
    double milliseconds_per_step;  ///< fastest of 3 rounds, same batch, after warm-up
    int steps_to_99;               ///< steps until a held-out batch is ≥ 99 % right (0: not reached)
    double seconds_to_99;          ///< wall time of those steps (including the held-out checks)
    double accuracy;               ///< held-out accuracy at the end
};

inline namespace AW_VARIANT {
/// xsimd architecture name of this variant.
const char* arch();
/// Times `timed_steps` steps of the default model, then trains a fresh one to 99 % (at most max_steps).
result run(int timed_steps, int max_steps);
}  // namespace AW_VARIANT

}  // namespace aw_bench_training
