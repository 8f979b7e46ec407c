"""The keys, per screen (`?` anywhere)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

KEYS = """\
# Keys

**Everywhere:** `?` or `F1` this help · `q` quit (answers given so far are kept) · `Esc` back

**Home:** `Enter` on an action runs it; the first is a quick quiz (10 questions, 15 minutes) ·
`s` set up a quiz · `c` code tasks · `r` review · `t` statistics · `l` language ·
`Tab` to the topics, `Enter` on a topic sets up a quiz on it

**Quiz set-up:** `Tab` between lists and fields · `Space` ticks · `Enter` starts

**Quiz:**

| Key | Does |
|---|---|
| `1`–`9`, a letter, arrows + `Enter` | choose an option |
| `Space` / number, then `Enter` | tick options, then answer (select all that apply) |
| `Enter` | answer a number or formula; next question once answered |
| `Ctrl+R` | reveal a short answer's model / grade code |
| `1`–`4` | rate yourself after a reveal (Again, Hard, Good, Easy) |
| `Ctrl+O` | edit code in `$EDITOR` (every save of the workspace file regrades) |
| `Ctrl+N` / `Ctrl+B` | next / back |
| `Ctrl+S` / `Ctrl+T` | skip for later / flag |
| `Esc` | finish the quiz (from the code editor: the first `Esc` leaves it) |

**Results and review:** arrows, `Enter` opens a question beside its explanation ·
`s` shows a code task's reference solution · `p` (review) practises the list
"""


class HelpScreen(ModalScreen[None]):
    """A scrollable key list; any of Esc, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "app.pop_screen", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(KEYS)

    def on_mount(self) -> None:
        self.query_one("#help").focus()
