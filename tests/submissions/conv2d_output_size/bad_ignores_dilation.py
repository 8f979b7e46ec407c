# expect: failed: dilation
def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    return (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
