// Counted scratch buffers: every temporary the kernels allocate goes through here, so that peak
// extra memory can be reported (memory_stats.hpp).
#pragma once

#include <cstddef>
#include <memory>

#include "attention/config.hpp"

namespace attention {
inline namespace AW_VARIANT {
namespace detail {

void count_scratch_allocation(std::size_t bytes);
void count_scratch_release(std::size_t bytes);

/// An uninitialised float buffer whose size is added to the scratch counters while it lives.
class scratch_buffer {
public:
    scratch_buffer() = default;
    explicit scratch_buffer(std::size_t count) { resize(count); }
    scratch_buffer(const scratch_buffer&) = delete;
    scratch_buffer& operator=(const scratch_buffer&) = delete;
    ~scratch_buffer() { release(); }

    /// Reallocates (contents are lost) when count differs from the current size.
    void resize(std::size_t count)
    {
        if (count == size_) return;
        release();
        if (count == 0) return;
        data_.reset(new float[count]);
        size_ = count;
        count_scratch_allocation(size_ * sizeof(float));
    }

    float* data() { return data_.get(); }
    const float* data() const { return data_.get(); }
    std::size_t size() const { return size_; }
    float& operator[](std::size_t i) { return data_[i]; }

private:
    void release()
    {
        if (size_ != 0) count_scratch_release(size_ * sizeof(float));
        data_.reset();
        size_ = 0;
    }

    std::unique_ptr<float[]> data_;
    std::size_t size_ = 0;
};

}  // namespace detail
}  // namespace AW_VARIANT
}  // namespace attention
