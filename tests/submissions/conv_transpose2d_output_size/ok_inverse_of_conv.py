# expect: passed
def _axis(size, k, s, p, op, d):
    # the smallest input a conv with these settings maps to `size`, plus output_padding
    if op >= max(s, d):
        raise ValueError("output_padding must be smaller than stride or dilation")
    span = d * (k - 1) + 1
    return s * (size - 1) + span - 2 * p + op


def conv_transpose2d_output_size(h, w, kernel_size, stride=1, padding=0, output_padding=0,
                                 dilation=1):
    args = (kernel_size, stride, padding, output_padding, dilation)
    rows = [a if isinstance(a, int) else a[0] for a in args]
    cols = [a if isinstance(a, int) else a[1] for a in args]
    return _axis(h, *rows), _axis(w, *cols)
