# expect: error: TypeError
def conv_transpose2d_output_size(h, w, kernel_size, stride=1, padding=0, output_padding=0,
                                 dilation=1):
    grow = dilation * (kernel_size - 1) + output_padding + 1 - 2 * padding
    return (h - 1) * stride + grow, (w - 1) * stride + grow
