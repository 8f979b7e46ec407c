# expect: failed: expected ValueError
import math


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    def two(v):
        return [v, v] if isinstance(v, int) else list(v)

    ks = two(kernel_size)
    ss = ks if stride is None else two(stride)
    out = []
    for i, size in enumerate((h, w)):
        p, d = two(padding)[i], two(dilation)[i]
        exact = (size + 2 * p - d * (ks[i] - 1) - 1) / ss[i]
        n = (math.ceil(exact) if ceil_mode else math.floor(exact)) + 1
        if ceil_mode and (n - 1) * ss[i] >= size + p:
            n -= 1
        out.append(n)
    return out[0], out[1]
