# expect: error: forbidden call
import torch
import torch.nn.functional as F


def conv_transpose2d_output_size(h, w, kernel_size, stride=1, padding=0, output_padding=0,
                                 dilation=1):
    k = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    y = F.conv_transpose2d(torch.zeros(1, 1, h, w), torch.zeros(1, 1, *k), None, stride, padding,
                           output_padding, 1, dilation)
    return int(y.shape[-2]), int(y.shape[-1])
