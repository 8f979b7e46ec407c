# expect: error: TypeError
def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    span = dilation * (kernel_size - 1) + 1
    out_h = (h + 2 * padding - span) // stride + 1
    out_w = (w + 2 * padding - span) // stride + 1
    return out_h, out_w
