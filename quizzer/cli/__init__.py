"""The `quizzer` command. Subcommands live in their own modules and are imported on demand,
so `quizzer --help` and the TUI start without loading what they do not use."""

from __future__ import annotations

import importlib

import click

from quizzer import __version__

# name -> "module:attribute". Add a line here for each new subcommand.
COMMANDS: dict[str, str] = {
    "list": "quizzer.cli.bank:list_questions",
    "check": "quizzer.cli.bank:check",
    "show": "quizzer.cli.show:show",
    "grade": "quizzer.cli.grade:grade",
    "init": "quizzer.cli.workspace:init",
    "solution": "quizzer.cli.workspace:solution",
    "watch": "quizzer.cli.watch:watch",
    "review": "quizzer.cli.progress:review",
    "stats": "quizzer.cli.progress:stats",
    "export": "quizzer.cli.progress:export_command",
    "import": "quizzer.cli.progress:import_command",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return command


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name="quizzer")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Language of prompts and explanations (remembered).")
@click.pass_context
def main(ctx: click.Context, lang: str | None) -> None:
    """Drill deep-learning and computer-vision interview questions.

    With no command, opens the interactive quiz (TUI).
    """
    if ctx.invoked_subcommand is None:
        from quizzer.ui import run_tui

        run_tui(lang=lang)
