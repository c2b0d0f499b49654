"""The shared queue of work done ahead on the GUI thread (exposure_check.ui.idle)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject

from exposure_check.ui import idle
from exposure_check.ui.scripted import wait_until


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """A fake perf_counter for idle.py: time moves only when a step says it worked."""
    now = [1000.0]
    monkeypatch.setattr(idle.time, "perf_counter", lambda: now[0])

    def work(seconds: float) -> None:
        now[0] += seconds

    return work


def test_steps_run_in_turns_until_done_within_the_budget(qtbot, clock) -> None:
    owner = QObject()
    ran: list[str] = []

    def step(name: str, parts: list[int]) -> Callable[[float], bool]:
        def run(deadline: float) -> bool:
            assert deadline == pytest.approx(idle.time.perf_counter() + idle.BUDGET_S
                                             - spent_this_turn[0])
            ran.append(f"{name}{parts.pop(0)}")
            clock(idle.BUDGET_S * 0.6)  # each part costs 60% of a turn's budget
            spent_this_turn[0] += idle.BUDGET_S * 0.6
            return bool(parts)
        return run

    spent_this_turn = [0.0]
    idle.later(owner, step("a", [1, 2, 3]))
    idle.later(owner, step("b", [1, 2]))
    queue = idle._the_queue()
    turns = []
    while idle.pending():  # turn by turn, as the event loop would run them
        spent_this_turn[0] = 0.0
        ran.clear()
        queue.turn()
        turns.append(list(ran))
    # Two parts use up a turn's budget; the first job finishes before the next starts.
    assert turns == [["a1", "a2"], ["a3", "b1"], ["b2"]]


def test_first_goes_before_queued_work(qtbot, clock) -> None:
    owner = QObject()
    order: list[str] = []

    def one(name: str) -> Callable[[float], bool]:
        return lambda _deadline: bool(order.append(name))

    idle.later(owner, one("ahead"))
    idle.later(owner, one("shown page"), first=True)
    wait_until(lambda: idle.pending() == 0, what="the queue to drain")
    assert order == ["shown page", "ahead"]


def test_a_deleted_owner_drops_its_steps(qtbot, clock) -> None:
    from shiboken6 import delete

    gone, kept = QObject(), QObject()
    ran: list[str] = []
    idle.later(gone, lambda _d: bool(ran.append("gone")))
    idle.later(kept, lambda _d: bool(ran.append("kept")))
    delete(gone)
    wait_until(lambda: idle.pending() == 0, what="the queue to drain")
    assert ran == ["kept"]


def test_a_step_that_raises_is_dropped_and_the_rest_still_run(qtbot, clock) -> None:
    owner = QObject()
    calls: list[str] = []

    def broken(_deadline: float) -> bool:
        calls.append("broken")
        raise RuntimeError("a broken part")

    with qtbot.capture_exceptions() as raised:
        idle.later(owner, broken)
        idle.later(owner, lambda _d: bool(calls.append("next")))
        wait_until(lambda: idle.pending() == 0 and "next" in calls, what="the queue to drain")
    assert calls == ["broken", "next"]  # called once, not again and again
    assert [str(exc) for _, exc, _ in raised] == ["a broken part"]  # reported, not swallowed


def test_stop_drops_the_steps_of_an_object_and_everything_under_it_now_and_later(qtbot, clock) -> None:
    window, other = QObject(), QObject()
    view = QObject(window)
    part = QObject(view)
    ran: list[str] = []
    for owner, name in ((window, "window"), (view, "view"), (part, "part"), (other, "other")):
        idle.later(owner, lambda _d, name=name: bool(ran.append(name)))
    assert idle.stop(window) == 3
    idle.later(part, lambda _d: bool(ran.append("part, later")))  # a save reported after closing
    idle.later(other, lambda _d: bool(ran.append("other, later")))
    wait_until(lambda: idle.pending() == 0, what="the queue to drain")
    assert ran == ["other", "other, later"]
