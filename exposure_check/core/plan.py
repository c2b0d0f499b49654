"""The remediation plan: what to fix first, ranked by risk reduction per minute of effort."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from .model import Item, ItemProgress, Pack, Profile, Step
from .scoring import DEFAULT_RECHECK_DAYS, Score, score


@dataclass(frozen=True)
class PlanEntry:
    item: Item
    reduction: float  # points off the 0–100 total if this item is fixed
    per_minute: float
    state: str  # todo, stale, done, na, accepted
    since: datetime | None
    steps: tuple[Step, ...]  # steps for the platforms this person uses (all if none match)

    @property
    def item_id(self) -> str:
        return self.item.id


@dataclass(frozen=True)
class Plan:
    todo: tuple[PlanEntry, ...]  # ranked; `todo[0]` is "do this first"
    done: tuple[PlanEntry, ...]
    accepted: tuple[PlanEntry, ...]
    not_applicable: tuple[PlanEntry, ...]
    score: Score

    @property
    def first(self) -> PlanEntry | None:
        return self.todo[0] if self.todo else None


def _steps_for(item: Item, profile: Profile) -> tuple[Step, ...]:
    used = set(profile.platforms)
    mine = tuple(s for s in item.steps if s.platform in used)
    return mine or item.steps


def rank(pack: Pack, profile: Profile, answers: Mapping[str, str],
         progress: Mapping[str, ItemProgress] | None = None, *, now: datetime | None = None,
         recheck_days: int = DEFAULT_RECHECK_DAYS) -> Plan:
    """Rank what to do: mandatory items first, then by reduction per minute, then reduction, ID."""
    progress = progress or {}
    current = score(pack, profile, answers, progress, now=now, recheck_days=recheck_days)
    items = pack.item_map()
    # What each item would add if it were not marked done: the reduction fixing it brings.
    baseline = score(pack, profile, answers, {k: v for k, v in progress.items()
                                               if v.state != "done"}, now=now,
                     recheck_days=recheck_days)
    todo: list[PlanEntry] = []
    done: list[PlanEntry] = []
    accepted: list[PlanEntry] = []
    na: list[PlanEntry] = []
    for c in current.contributions:
        item = items[c.item_id]
        base = baseline.contribution(c.item_id)
        reduction = base.share if base else 0.0
        p = progress.get(c.item_id)
        entry = PlanEntry(item, round(reduction, 4), round(reduction / item.effort_minutes, 6),
                          c.state, p.at if p else None, _steps_for(item, profile))
        if c.state == "done":
            done.append(entry)
        elif c.state == "accepted":
            accepted.append(entry)
        elif c.points > 0:
            todo.append(entry)
    for item_id, p in progress.items():
        if p.state == "na" and item_id in items:
            na.append(PlanEntry(items[item_id], 0.0, 0.0, "na", p.at, ()))
    todo.sort(key=lambda e: (not e.item.mandatory, -e.per_minute, -e.reduction, e.item.id))
    done.sort(key=lambda e: e.item.id)
    accepted.sort(key=lambda e: e.item.id)
    return Plan(tuple(todo), tuple(done), tuple(accepted), tuple(na), current)
