# expect: failed: should be a Python int, got float
def receptive_field(layers):
    r, jump = 1.0, 1.0
    for k, s, d in layers:
        r += d * (k - 1) * jump
        jump *= s
    return r
