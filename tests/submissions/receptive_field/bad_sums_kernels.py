# expect: failed: not 3 + 3
def receptive_field(layers):
    return sum(k for k, s, d in layers) or 1
