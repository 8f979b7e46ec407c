# expect: passed
import numpy as np


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    size = np.array([h, w])
    k, s, p, d = (np.broadcast_to(np.asarray(v), 2) for v in (kernel_size, stride, padding,
                                                               dilation))
    if np.any(d * (k - 1) + 1 > size + 2 * p):
        raise ValueError("the kernel does not fit")
    out = (size + 2 * p - d * (k - 1) - 1) // s + 1
    return int(out[0]), int(out[1])
