#include "error_capture.hpp"

namespace attention_bindings {
namespace {

// Allocated when the module starts, with room for any message, so that storing a message does not
// allocate: the leak tests compare the heap before and after failing calls.
std::string make_message_buffer()
{
    std::string buffer;
    buffer.reserve(1024);
    return buffer;
}

std::string message_buffer = make_message_buffer();

}  // namespace

std::string& captured_message() { return message_buffer; }

std::string last_error_message() { return message_buffer; }

bool& captured_invalid_input()
{
    static bool invalid_input = false;
    return invalid_input;
}

bool last_error_is_invalid_input() { return captured_invalid_input(); }

}  // namespace attention_bindings
