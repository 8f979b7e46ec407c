"""Reference solution for conv_transpose2d_output_size."""


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv_transpose2d_output_size(h, w, kernel_size, stride=1, padding=0, output_padding=0,
                                 dilation=1):
    out = []
    for size, k, s, p, op, d in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding),
                                    _pair(output_padding), _pair(dilation), strict=True):
        # The inverse of the conv size map: inputs are s apart, each spreads over d(k-1)+1
        # pixels; padding REMOVES p from each border; output_padding adds to one side only.
        if op >= max(s, d):  # torch: output_padding must be smaller than stride or dilation
            raise ValueError(f"output_padding {op} must be smaller than max(stride, dilation)")
        n = (size - 1) * s - 2 * p + d * (k - 1) + op + 1
        if n <= 0:
            raise ValueError("the output would be empty")
        out.append(n)
    return tuple(out)
