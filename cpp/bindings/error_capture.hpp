// Turning C++ exceptions into JavaScript Errors without leaking anything.
//
// No exception ever crosses the wasm ↔ JavaScript boundary, in either form:
// - a C++ exception escaping a bound function reaches JavaScript as a bare number (a pointer to an
//   exception object that is never freed);
// - a JavaScript exception thrown from inside a bound function (EM_JS, val::throw_()) unwinds the
//   wasm frames without running their epilogues, so the shadow-stack pointer is never restored:
//   each failing call leaks its frames' stack space, and after some ten thousand failures the stack
//   runs into static data and the heap (seen here: memory corruption after ~16,000 failing calls).
// So every entry point runs its body through call_capturing_errors(): the exception is caught and
// fully released in C++, the message is kept, and the entry point returns normally with a failure
// value (handle 0). The JavaScript layer (js/wasm-boundary.js) sees the failure value, reads
// lastErrorMessage() and throws an Error naming the API function.
#pragma once

#include <exception>
#include <new>
#include <string>

#include "attention/errors.hpp"

namespace attention_bindings {

/// The message of the last captured exception (one buffer reserved at start-up, reused).
std::string& captured_message();

/// Copy of captured_message(), for JavaScript.
std::string last_error_message();

/// Whether the last captured exception was the core's attention::error: invalid input, which
/// JavaScript reports as a RangeError (bad size or value), rather than out-of-memory or an
/// unexpected failure (a plain Error).
bool& captured_invalid_input();

/// Copy of captured_invalid_input(), for JavaScript.
bool last_error_is_invalid_input();

/// Runs body() and returns its result, or `failure` if it threw (the message is then in
/// captured_message()). Catches everything, so no exception ever reaches JavaScript.
template <class Result, class Body>
Result call_capturing_errors(Result failure, Body&& body) noexcept
{
    captured_invalid_input() = false;
    try {
        return body();
    } catch (const attention::error& e) {
        captured_message() = e.what();
        captured_invalid_input() = true;
    } catch (const std::bad_alloc&) {
        captured_message() =
            "out of memory: the inputs, result and temporaries of this call do not fit in WebAssembly "
            "memory (at most 2048 MiB); use smaller inputs (for long sequences: returnWeights: false "
            "or flashAttention)";
    } catch (const std::exception& e) {
        captured_message() = e.what();
    } catch (...) {
        captured_message() = "unexpected C++ exception";
    }
    return failure;
}

}  // namespace attention_bindings
