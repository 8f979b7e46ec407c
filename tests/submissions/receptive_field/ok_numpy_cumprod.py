# expect: passed
import numpy as np


def receptive_field(layers):
    if not layers:
        return 1
    k, s, d = np.array(layers, dtype=np.int64).T
    jumps = np.concatenate([[1], np.cumprod(s)[:-1]])  # unit spacing before each layer
    return int(1 + np.sum(d * (k - 1) * jumps))
