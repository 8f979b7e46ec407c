"""Reference solution for pool2d_output_size."""


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    kernel = _pair(kernel_size)
    strides = kernel if stride is None else _pair(stride)  # pooling's stride defaults to its kernel
    out = []
    for size, k, s, p, d in zip((h, w), kernel, strides, _pair(padding), _pair(dilation),
                                strict=True):
        if 2 * p > k:  # torch's rule: padding at most half the kernel
            raise ValueError(f"padding {p} is more than half of kernel size {k}")
        room = size + 2 * p - d * (k - 1) - 1
        n = -(-room // s) + 1 if ceil_mode else room // s + 1  # -(-a // b) is ceil(a / b)
        # ceil_mode may add a window; PyTorch drops it if it would start inside the right padding.
        if ceil_mode and (n - 1) * s >= size + p:
            n -= 1
        if n <= 0:
            raise ValueError("the pooling window does not fit the input")
        out.append(n)
    return tuple(out)
