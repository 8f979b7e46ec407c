# expect: failed: earlier strides
import math


def receptive_field(layers):
    total_stride = math.prod(s for _, s, _ in layers)
    return 1 + sum(d * (k - 1) for k, _, d in layers) * total_stride
