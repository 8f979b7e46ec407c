# expect: failed: out = (i-1)s
def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv_transpose2d_output_size(h, w, kernel_size, stride=1, padding=0, output_padding=0,
                                 dilation=1):
    # a transposed conv "undoes" a conv, so this runs the conv formula
    out = []
    for size, k, s, p, op, d in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding),
                                    _pair(output_padding), _pair(dilation), strict=True):
        out.append((size + 2 * p - d * (k - 1) - 1) // s + 1 + op)
    return tuple(out)
