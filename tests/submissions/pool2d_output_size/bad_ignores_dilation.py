# expect: failed: dilation d
def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    # dilation is only a convolution thing, so it is left out here
    kernel = _pair(kernel_size)
    strides = kernel if stride is None else _pair(stride)
    out = []
    for size, k, s, p in zip((h, w), kernel, strides, _pair(padding), strict=True):
        room = size + 2 * p - k
        n = -(-room // s) + 1 if ceil_mode else room // s + 1
        if ceil_mode and (n - 1) * s >= size + p:
            n -= 1
        out.append(n)
    return tuple(out)
