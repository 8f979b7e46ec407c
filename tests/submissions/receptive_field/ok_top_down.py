# expect: passed
def receptive_field(layers):
    # walk from the output back to the input: r units of layer l need (r-1)*s + span units
    # of layer l-1
    r = 1
    for k, s, d in reversed(layers):
        r = (r - 1) * s + d * (k - 1) + 1
    return r
