# expect: failed: earlier strides
def receptive_field(layers):
    r, jump = 1, 1
    for k, s, d in layers:
        jump *= s  # updated before use: multiplies by the layer's own stride
        r += d * (k - 1) * jump
    return r
