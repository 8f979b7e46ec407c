# expect: passed
import numpy as np


def conv_transpose2d_output_size(h, w, kernel_size, stride=1, padding=0, output_padding=0,
                                 dilation=1):
    k, s, p, op, d = (np.broadcast_to(np.asarray(v), 2)
                      for v in (kernel_size, stride, padding, output_padding, dilation))
    if np.any(op >= np.maximum(s, d)):
        raise ValueError("output_padding too large")
    size = np.array([h, w])
    out = (size - 1) * s - 2 * p + d * (k - 1) + op + 1
    return tuple(int(v) for v in out)
