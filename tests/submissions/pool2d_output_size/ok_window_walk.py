# expect: passed
def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    def pick(v, axis):
        return v if isinstance(v, int) else v[axis]

    result = []
    for axis, size in enumerate((h, w)):
        k = pick(kernel_size, axis)
        s = k if stride is None else pick(stride, axis)
        p, d = pick(padding, axis), pick(dilation, axis)
        if p * 2 > k:
            raise ValueError(f"padding {p} too large for kernel {k}")
        span = d * (k - 1) + 1
        count, start = 0, 0
        # floor mode: the window must fit in the padded axis; ceil mode: it may run past the
        # end, as long as it starts before the right padding.
        while (start + span <= size + 2 * p) or (
                ceil_mode and start < size + p and start + span - s < size + 2 * p):
            count += 1
            start += s
        result.append(count)
    return tuple(result)
