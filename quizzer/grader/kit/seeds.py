"""Seeded generators: every random input depends on the task name, the seed and a stream."""

from __future__ import annotations

import random

import torch


def rng(task: str, seed: int, stream: str = "") -> random.Random:
    """A Python generator for `task` at `seed`; `stream` separates independent draws."""
    return random.Random(f"{task}:{seed}:{stream}" if stream else f"{task}:{seed}")


def torch_generator(task: str, seed: int, stream: str = "") -> torch.Generator:
    """A torch generator seeded from `rng(task, seed, stream)`."""
    return torch.Generator().manual_seed(rng(task, seed, stream).randrange(2**62))
