"""Reference solution for conv2d_output_size."""


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    out = []
    for size, k, s, p, d in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding),
                                _pair(dilation), strict=True):
        span = d * (k - 1) + 1  # a dilated kernel covers d(k-1)+1 pixels
        if span > size + 2 * p:  # torch refuses a kernel that does not fit the padded input
            raise ValueError(f"kernel spans {span} pixels but the padded input has {size + 2 * p}")
        # padding goes on both sides; // floors, so a window that runs off the end is dropped
        out.append((size + 2 * p - span) // s + 1)
    return tuple(out)
