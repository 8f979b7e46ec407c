# expect: passed
def _axis(size, k, s, p, d, ceil_mode):
    if p > k / 2:
        raise ValueError("padding should be at most half the kernel size")
    room = size + 2 * p - d * (k - 1) - 1
    n = room // s + 1
    # ceil mode adds one more window when the last stride does not land exactly, unless that
    # window would start in the right padding
    if ceil_mode and room % s and n * s < size + p:
        n += 1
    return n


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    k = (kernel_size,) * 2 if isinstance(kernel_size, int) else tuple(kernel_size)
    s = k if stride is None else ((stride,) * 2 if isinstance(stride, int) else tuple(stride))
    p = (padding,) * 2 if isinstance(padding, int) else tuple(padding)
    d = (dilation,) * 2 if isinstance(dilation, int) else tuple(dilation)
    return (_axis(h, k[0], s[0], p[0], d[0], ceil_mode),
            _axis(w, k[1], s[1], p[1], d[1], ceil_mode))
