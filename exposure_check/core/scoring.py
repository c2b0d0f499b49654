"""Deterministic, explainable exposure score. The model is documented in docs/scoring.md.

    max_points(item)   = severity_weight × item.weight × linkability
    points(item)       = max_points × visibility(answer, progress)
    total              = 100 × Σ points / Σ max_points     (over applicable, non-n/a items)

0 means nothing found exposed; 100 means every applicable item is fully public.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from .conditions import Condition, compile_condition
from .model import Item, ItemProgress, Pack, Profile

SEVERITY_WEIGHT: Mapping[str, float] = {"low": 1.0, "medium": 2.0, "high": 3.0, "critical": 5.0}
UNANSWERED_VISIBILITY = 0.5  # a skipped question counts like "not sure": partly exposed
DEFAULT_RECHECK_DAYS = 90


@dataclass(frozen=True)
class Contribution:
    """One item's part in the score: what was answered, and how many points it adds."""

    item_id: str
    category: str
    option_id: str | None  # None: not answered (skipped)
    state: str  # the progress state: todo, done, stale, na, accepted
    severity_weight: float
    weight: float
    linkability: float
    visibility: float
    max_points: float
    points: float
    share: float  # points of the 0–100 total this item adds


@dataclass(frozen=True)
class CategoryScore:
    category: str
    score: float  # 0–100 within the category
    points: float
    max_points: float
    items: int


@dataclass(frozen=True)
class Score:
    total: float
    categories: Mapping[str, CategoryScore]
    contributions: tuple[Contribution, ...]
    answered: int
    unsure: int
    skipped: int
    not_applicable: int

    def contribution(self, item_id: str) -> Contribution | None:
        for c in self.contributions:
            if c.item_id == item_id:
                return c
        return None


@lru_cache(maxsize=4096)
def _condition(pack: Pack, src: str) -> Condition:
    questions = {q.id: q for q in pack.profile}
    return compile_condition(src, questions, {p.id for p in pack.platforms})


def prepare(pack: Pack) -> None:
    """Compile every item's condition now (the UI does it on the worker that loads the pack, so
    the first score on the GUI thread does not)."""
    for it in pack.items:
        _condition(pack, it.applies_when)


def applies(pack: Pack, item: Item, profile: Profile) -> bool:
    return _condition(pack, item.applies_when).evaluate(profile)


def applicable_items(pack: Pack, profile: Profile) -> list[Item]:
    """The items this person is asked, in pack order."""
    return [it for it in pack.items if applies(pack, it, profile)]


def is_stale(progress: ItemProgress, now: datetime, recheck_days: int) -> bool:
    """A 'done' older than the re-check interval has lost its credit until re-verified."""
    return progress.state == "done" and now - progress.at > timedelta(days=recheck_days)


def item_state(progress: Mapping[str, ItemProgress], item_id: str, now: datetime | None,
               recheck_days: int) -> str:
    p = progress.get(item_id)
    if p is None:
        return "todo"
    if now is not None and is_stale(p, now, recheck_days):
        return "stale"
    return p.state


def score(pack: Pack, profile: Profile, answers: Mapping[str, str],
          progress: Mapping[str, ItemProgress] | None = None, *, now: datetime | None = None,
          recheck_days: int = DEFAULT_RECHECK_DAYS) -> Score:
    """Score an audit's answers, with plan progress applied (done → not exposed, unless stale)."""
    progress = progress or {}
    contributions: list[Contribution] = []
    answered = unsure = skipped = na = 0
    for item in applicable_items(pack, profile):
        option_id = answers.get(item.id)
        option = item.option(option_id) if option_id else None
        state = item_state(progress, item.id, now, recheck_days)
        if option is None:
            skipped += 1
            visibility = UNANSWERED_VISIBILITY
            option_id = None
        else:
            answered += 1
            if option.kind == "unsure":
                unsure += 1
            visibility = option.visibility
        if (option is not None and option.kind == "na") or state == "na":
            na += 1
            continue
        if state == "done":
            visibility = 0.0
        sev = SEVERITY_WEIGHT[item.severity]
        max_points = sev * item.weight * item.linkability
        contributions.append(Contribution(
            item.id, item.category, option_id, state, sev, item.weight, item.linkability,
            visibility, max_points, max_points * visibility, 0.0))
    total_max = sum(c.max_points for c in contributions)
    total_points = sum(c.points for c in contributions)
    total = 100.0 * total_points / total_max if total_max > 0 else 0.0
    contributions = [
        Contribution(**{**c.__dict__, "share": 100.0 * c.points / total_max if total_max else 0.0})
        for c in contributions
    ]
    cats: dict[str, CategoryScore] = {}
    for cat in pack.categories:
        mine = [c for c in contributions if c.category == cat.id]
        if not mine:
            continue
        mx = sum(c.max_points for c in mine)
        pts = sum(c.points for c in mine)
        cats[cat.id] = CategoryScore(cat.id, 100.0 * pts / mx if mx else 0.0, pts, mx, len(mine))
    return Score(total, cats, tuple(contributions), answered, unsure, skipped, na)
