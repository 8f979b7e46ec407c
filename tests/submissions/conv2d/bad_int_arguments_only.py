# expect: error: TypeError
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    # stride, padding and dilation are assumed to be ints
    n, c, h, w = x.shape
    o, cg, kh, kw = weight.shape
    oh = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    ow = (w + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    cols = F.unfold(x, (kh, kw), dilation=dilation, padding=padding, stride=stride)
    cols = cols.view(n, groups, cg * kh * kw, oh * ow)
    wg = weight.view(groups, o // groups, cg * kh * kw)
    out = torch.einsum("gok,ngkp->ngop", wg, cols).reshape(n, o, oh, ow)
    if bias is not None:
        out = out + bias.view(1, -1, 1, 1)
    return out
