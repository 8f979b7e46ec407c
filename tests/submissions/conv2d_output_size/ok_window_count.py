# expect: passed
def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    def pair(v):
        return (v, v) if isinstance(v, int) else v

    result = []
    for axis, size in enumerate((h, w)):
        k, s = pair(kernel_size)[axis], pair(stride)[axis]
        p, d = pair(padding)[axis], pair(dilation)[axis]
        span = d * (k - 1) + 1
        count, start = 0, 0
        while start + span <= size + 2 * p:  # slide the window over the padded axis
            count += 1
            start += s
        if count == 0:
            raise ValueError(f"no window fits axis {axis}")
        result.append(count)
    return tuple(result)
