# expect: failed: d(k-1)+1
def receptive_field(layers):
    r, jump = 1, 1
    for k, s, d in layers:
        span = d * k  # the dilated kernel's extent
        r += (span - 1) * jump
        jump *= s
    return r
