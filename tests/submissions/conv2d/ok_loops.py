# expect: passed
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
    n, c, h, w = x.shape
    o, cg, kh, kw = weight.shape
    padded = torch.zeros(n, c, h + 2 * ph, w + 2 * pw, dtype=x.dtype)
    padded[:, :, ph:ph + h, pw:pw + w] = x
    oh = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    ow = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    out = torch.zeros(n, o, oh, ow, dtype=x.dtype)
    per_group = o // groups
    for oc in range(o):
        first = (oc // per_group) * cg
        kernel = weight[oc]
        for i in range(oh):
            for j in range(ow):
                window = padded[:, first:first + cg,
                                i * sh:i * sh + dh * (kh - 1) + 1:dh,
                                j * sw:j * sw + dw * (kw - 1) + 1:dw]
                out[:, oc, i, j] = (window * kernel).sum(dim=(1, 2, 3))
        if bias is not None:
            out[:, oc] += bias[oc]
    return out
