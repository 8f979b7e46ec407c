# expect: error: forbidden call
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    layer = torch.nn.Conv2d(x.shape[1], weight.shape[0], weight.shape[2:], stride, padding,
                            dilation, groups, bias=bias is not None, dtype=x.dtype)
    with torch.no_grad():
        layer.weight.copy_(weight)
        if bias is not None:
            layer.bias.copy_(bias)
        return layer(x)
