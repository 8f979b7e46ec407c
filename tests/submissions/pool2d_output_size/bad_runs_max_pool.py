# expect: error: forbidden call
import torch
import torch.nn.functional as F


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    out = F.max_pool2d(torch.zeros(1, 1, h, w), kernel_size, stride, padding, dilation, ceil_mode)
    return int(out.shape[-2]), int(out.shape[-1])
