// Embind registration of the attention core: the raw module that js/ wraps.
//
// Only registration lives here (the adapters are in operations.cpp and tensor_handles.cpp). The
// names are the JavaScript ones; js/ is the only intended caller, so the raw layer stays minimal:
// integer handles and numbers in, handles out; handle 0 on invalid input, with the reason in
// lastErrorMessage() and its kind in lastErrorIsInvalidInput() (see error_capture.hpp for why nothing is thrown across the boundary).
#include <emscripten/bind.h>

#include "error_capture.hpp"
#include "operations.hpp"
#include "tensor_handles.hpp"
#include "training.hpp"

EMSCRIPTEN_BINDINGS(attention_workshop)
{
    namespace b = attention_bindings;
    using emscripten::function;

    // Tensor storage and the shape buffer.
    function("shapeBufferAddress", &b::shape_buffer_address);
    function("createTensor", &b::create_tensor);
    function("describeTensor", &b::describe_tensor);
    function("freeTensor", &b::free_tensor);
    function("resultOutput", &b::result_output);
    function("resultWeights", &b::result_weights);
    function("freeResult", &b::free_result);
    function("lastErrorMessage", &b::last_error_message);
    function("lastErrorIsInvalidInput", &b::last_error_is_invalid_input);

    // Operations.
    function("softmax", &b::softmax);
    function("logSoftmax", &b::log_softmax);
    function("scaledDotProductAttention", &b::scaled_dot_product_attention);
    function("additiveAttention", &b::additive_attention);
    function("hardAttention", &b::hard_attention);
    function("multiHeadAttention", &b::multi_head_attention);
    function("flashAttention", &b::flash_attention);
    function("dotScores", &b::dot_scores);
    function("scaledDotScores", &b::scaled_dot_scores);
    function("additiveScores", &b::additive_scores);
    function("bilinearScores", &b::bilinear_scores);
    function("causalMask", &b::causal_mask);
    function("paddingMask", &b::padding_mask);
    function("slidingWindowMask", &b::sliding_window_mask);
    function("sinusoidalEncoding", &b::sinusoidal_encoding);
    function("rope", &b::rope);

    // Training (issue 10): gradients and the tiny Transformer.
    function("tensorListItem", &b::tensor_list_item);
    function("freeTensorList", &b::free_tensor_list);
    function("softmaxBackward", &b::softmax_backward);
    function("logSoftmaxBackward", &b::log_softmax_backward);
    function("scaledDotProductAttentionBackward", &b::scaled_dot_product_attention_backward);
    function("createTransformer", &b::create_transformer);
    function("freeTransformer", &b::free_transformer);
    function("transformerParameterCount", &b::transformer_parameter_count);
    function("transformerTrainStep", &b::transformer_train_step);
    function("transformerForward", &b::transformer_forward);
    function("transformerSave", &b::transformer_save);
    function("transformerLoad", &b::transformer_load);
    function("timeTransformerTrainStep", &b::time_transformer_train_step);

    // Introspection and benchmarking.
    function("buildInfo", &b::build_info);
    function("scratchMemory", &b::scratch_memory);
    function("heapBytes", &b::heap_bytes_in_use);
    function("timeScaledDotProductAttention", &b::time_scaled_dot_product_attention);
}
