"""Settings: the language of prompts and explanations (remembered in the progress store)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, RadioButton, RadioSet, Static

from quizzer.ui.context import Context
from quizzer.ui.events import LanguageChanged
from quizzer.ui.text import LANGUAGES


class SettingsScreen(Screen[None]):
    """Pick a language with the arrows and Enter (or Space); Esc goes back."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Language of prompts and explanations. Questions without a Chinese "
                     "version stay in English. Also `quizzer --lang zh`.", id="settings-help")
        with RadioSet(id="settings-lang"):
            for code, name in LANGUAGES.items():
                yield RadioButton(f"{name} ({code})", value=code == self.ctx.lang,
                                  id=f"lang-{code}")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#settings-lang").border_title = "Language"
        self.query_one(RadioSet).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        lang = str(event.pressed.id).removeprefix("lang-")
        if lang != self.ctx.lang:
            self.ctx.set_lang(lang)
            self.notify(f"Language: {LANGUAGES[lang]}", timeout=3)
            for screen in self.app.screen_stack:
                screen.post_message(LanguageChanged(lang))
