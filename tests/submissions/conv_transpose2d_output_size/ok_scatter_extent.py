# expect: passed
def conv_transpose2d_output_size(h, w, kernel_size, stride=1, padding=0, output_padding=0,
                                 dilation=1):
    def at(v, axis):
        return v if isinstance(v, int) else v[axis]

    out = []
    for axis, size in enumerate((h, w)):
        k, s, p = at(kernel_size, axis), at(stride, axis), at(padding, axis)
        op, d = at(output_padding, axis), at(dilation, axis)
        if not op < max(s, d):
            raise ValueError("output_padding must be smaller than max(stride, dilation)")
        # input pixel i scatters its kernel into positions i*s + j*d; the last one written is
        # (size-1)*s + (k-1)*d; then crop p from both borders and add output_padding at the end
        last = (size - 1) * s + (k - 1) * d
        out.append(last + 1 - 2 * p + op)
    return tuple(out)
