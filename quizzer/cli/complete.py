"""Shell completion for the click commands: task names, question ids and topics.

Enable it with `eval "$(_QUIZZER_COMPLETE=bash_source quizzer)"` (zsh: `zsh_source`, fish:
`fish_source`); click calls these functions with what has been typed so far.
"""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem

from quizzer.core.catalog import TASK_NAMES


def _items(names: list[str], incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(name) for name in names if name.startswith(incomplete)]


def tasks(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The code tasks the grader offers."""
    return _items(list(TASK_NAMES), incomplete)


def topics(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The topics of the bank."""
    from quizzer.bank import load_bank

    return _items(list(load_bank().topics()), incomplete)


def grade_targets(ctx: click.Context, param: click.Parameter,
                  incomplete: str) -> list[CompletionItem]:
    """What `quizzer grade` takes: a code task, or the id of a derivation question."""
    from quizzer.bank import load_bank

    ids = sorted(q.id for q in load_bank().questions if q.type == "derivation")
    return _items([*TASK_NAMES, *ids], incomplete)


def question_ids(ctx: click.Context, param: click.Parameter,
                 incomplete: str) -> list[CompletionItem]:
    """The ids of the questions in the bank."""
    from quizzer.bank import load_bank

    return _items(sorted(q.id for q in load_bank().questions), incomplete)
