# expect: passed
def receptive_field(layers):
    lo, hi = 0, 0  # the input span of output unit 0, tracked down through the layers
    for k, s, d in reversed(layers):
        lo, hi = lo * s, hi * s + d * (k - 1)
    return hi - lo + 1
