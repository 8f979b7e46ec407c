# expect: failed: expected ValueError
import math


def _axis(size, k, s, p, d):
    return math.floor((size + 2 * p - d * (k - 1) - 1) / s) + 1


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    args = [kernel_size, stride, padding, dilation]
    hs = [a if isinstance(a, int) else a[0] for a in args]
    ws = [a if isinstance(a, int) else a[1] for a in args]
    return _axis(h, *hs), _axis(w, *ws)
