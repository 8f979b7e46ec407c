# expect: failed: sees k pixels
def receptive_field(layers):
    r, jump = 0, 1
    for k, s, d in layers:
        r += d * (k - 1) * jump
        jump *= s
    return r
