"""Reference solution for receptive_field."""


def receptive_field(layers):
    r, jump = 1, 1  # one input pixel; neighbouring units are one pixel apart
    for k, s, d in layers:
        # A k-tap kernel with dilation d reaches d(k-1) units further, and units of the
        # previous layer are `jump` input pixels apart.
        r += d * (k - 1) * jump
        jump *= s  # the stride only spaces out the units of THIS layer's output
    return r
