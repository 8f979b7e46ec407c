# expect: failed: is a Tensor
import torch


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    def t(v):
        return torch.tensor(v if isinstance(v, int) else list(v)).expand(2)

    size = torch.tensor([h, w])
    out = torch.div(size + 2 * t(padding) - t(dilation) * (t(kernel_size) - 1) - 1, t(stride),
                    rounding_mode="floor") + 1
    return out[0], out[1]
