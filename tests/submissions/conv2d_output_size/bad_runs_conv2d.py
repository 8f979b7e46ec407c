# expect: error: forbidden call
import torch
import torch.nn.functional as F


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    k = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    out = F.conv2d(torch.zeros(1, 1, h, w), torch.zeros(1, 1, *k), None, stride, padding,
                   dilation)
    return tuple(out.shape[-2:])
