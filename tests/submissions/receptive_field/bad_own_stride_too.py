# expect: failed: not of its own
def receptive_field(layers):
    r, jump = 1, 1
    for k, s, d in layers:
        r += d * (k - 1) * jump * s
        jump *= s
    return r
