"""The Stats screen shows the figures `quizzer stats` computes, for every topic, at 80x24."""

from __future__ import annotations

from pathlib import Path

from test_ui_quiz import WALL, sync
from test_ui_screens import make_ctx

from quizzer.bank import Bank, load_bank
from quizzer.progress import Store, record_answer
from quizzer.ui.app import QuizzerApp
from quizzer.ui.stats import StatsScreen, bar

REPO = Path(__file__).resolve().parents[1]


def record_by_topic(bank: Bank, topics: int) -> None:
    """Topic i gets i % 5 right answers (at most all) out of 3 + i % 2: 0% to 100%."""
    by_topic: dict[str, list[str]] = {}
    for q in bank.questions:
        by_topic.setdefault(q.topic, []).append(q.id)
    chosen = sorted(by_topic)[:topics]
    with Store.open() as store:
        for i, topic in enumerate(chosen):
            total = 3 + i % 2
            right = min(i % 5, total)
            for n, qid in enumerate(by_topic[topic][:total]):
                verdict = "correct" if n < right else "wrong"
                record_answer(store, bank.by_id()[qid], verdict, at=WALL, answer="x")


def test_the_bar_is_proportional() -> None:
    assert bar(None) == ""
    assert bar(0.0, cells=4) == "░░░░"
    assert bar(0.5, cells=4) == "██░░"
    assert bar(1.0, cells=4) == "████"


@sync
async def test_every_topic_is_listed_with_the_cli_figures() -> None:
    bank = load_bank(REPO / "questions")
    record_by_topic(bank, topics=18)
    with Store.open() as store:
        expected = store.stats(WALL).by_topic
    assert len(expected) == 18
    app = QuizzerApp(context=make_ctx(bank))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        table = app.screen.query_one("#stats-topics")
        rows = [table.get_row_at(i) for i in range(table.row_count)]  # type: ignore[attr-defined]  # DataTable API
        assert [r[:4] for r in rows] == [
            [t, str(v.attempts), str(v.correct), f"{v.accuracy:.0%}"] for t, v in expected.items()]
        assert {r[4] for r in rows} >= {bar(0.0), bar(1.0)}
        last = list(expected)[-1]
        assert last not in app.export_screenshot()
        for _ in range(table.row_count):  # type: ignore[attr-defined]  # DataTable API
            await pilot.press("down")
        await pilot.pause()
        assert last in app.export_screenshot()
