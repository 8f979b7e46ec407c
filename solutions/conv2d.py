"""Reference solution for conv2d."""

import torch
import torch.nn.functional as F


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    stride, padding, dilation = _pair(stride), _pair(padding), _pair(dilation)
    n, c_in, h, w = x.shape
    c_out, c_per_group, kh, kw = weight.shape
    # floor, not ceil: a window that would run past the padded edge is not computed.
    oh = (h + 2 * padding[0] - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (w + 2 * padding[1] - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    # im2col: one column per output position, holding the C_in*kh*kw values it sees.
    cols = F.unfold(x, (kh, kw), dilation=dilation, padding=padding, stride=stride)
    cols = cols.reshape(n, groups, c_per_group * kh * kw, oh * ow)
    # reshape, not view: the caller's weight may be any memory layout.
    # Group g pairs input channels g*C_in/g.. with output channels g*C_out/g..; no kernel flip:
    # PyTorch's "convolution" is cross-correlation.
    w = weight.reshape(groups, c_out // groups, c_per_group * kh * kw)
    out = torch.einsum("gok,ngkp->ngop", w, cols).reshape(n, c_out, oh, ow)
    if bias is not None:
        out = out + bias.reshape(1, -1, 1, 1)
    return out
