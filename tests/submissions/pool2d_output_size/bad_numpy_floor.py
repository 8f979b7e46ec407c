# expect: failed: should be a Python int, got float
import numpy as np


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    k = np.broadcast_to(kernel_size, 2)
    s = k if stride is None else np.broadcast_to(stride, 2)
    p, d = np.broadcast_to(padding, 2), np.broadcast_to(dilation, 2)
    size = np.array([h, w])
    exact = (size + 2 * p - d * (k - 1) - 1) / s
    n = (np.ceil(exact) if ceil_mode else np.floor(exact)) + 1
    if ceil_mode:
        n = np.where((n - 1) * s >= size + p, n - 1, n)
    return n[0], n[1]
