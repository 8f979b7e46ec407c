# expect: failed: dilation d spreads
def receptive_field(layers):
    r, jump = 1, 1
    for k, s, _ in layers:
        r += (k - 1) * jump
        jump *= s
    return r
