"""History over audit snapshots: the score trend, the diff between two audits, due dates, staleness.

Audits are immutable snapshots keyed on item IDs. Before anything is compared, every answer's
item ID is moved through `Pack.current_id()`, so an item that a content update renamed keeps its
history and a retired item drops out. Every function takes the clock (`now`) and the re-check
interval (`recheck_days`: the user's setting or the org policy, default
`scoring.DEFAULT_RECHECK_DAYS`) as parameters, so nothing here reads the wall clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Literal

from .model import Audit, ItemProgress, Pack
from .scoring import DEFAULT_RECHECK_DAYS, CategoryScore, Score, is_stale, score

ChangeKind = Literal["exposed", "fixed", "changed", "new", "removed"]


@lru_cache(maxsize=64)
def _item_ids(pack: Pack) -> frozenset[str]:
    return frozenset(it.id for it in pack.items)  # packs are immutable and hashed by identity


def current_answers(pack: Pack, answers: Mapping[str, str]) -> dict[str, str]:
    """An audit's answers keyed on today's item IDs: renamed IDs followed, retired ones dropped.

    When an old and a new ID both carry an answer, the answer given under the current ID wins.
    """
    ids = _item_ids(pack)
    if not any(item_id in pack.replaced for item_id in answers):  # the common case: no old IDs
        return {k: v for k, v in answers.items() if k in ids}
    out: dict[str, str] = {}
    for item_id in sorted(answers, key=lambda i: i in ids):  # current IDs last, so they win
        now_id = pack.current_id(item_id)
        if now_id is None or now_id not in ids:
            continue
        out[now_id] = answers[item_id]
    return out


def score_audit(pack: Pack, audit: Audit) -> Score:
    """An audit's score as the current pack computes it (answers alone, no plan progress).

    An audit taken with another pack version is scored over the items it answered only: an item
    it has no answer for may not have existed then, and must not count as skipped.
    """
    answers = current_answers(pack, audit.answers)
    full = score(pack, audit.profile, answers)
    if audit.pack_version == pack.version:
        return full
    return _restrict(pack, full, set(answers))


def _restrict(pack: Pack, full: Score, keep: set[str]) -> Score:
    mine = [c for c in full.contributions if c.item_id in keep]
    total_max = sum(c.max_points for c in mine)
    total = 100.0 * sum(c.points for c in mine) / total_max if total_max else 0.0
    contributions = tuple(replace(c, share=100.0 * c.points / total_max if total_max else 0.0)
                          for c in mine)
    cats: dict[str, CategoryScore] = {}
    for cat in pack.categories:
        in_cat = [c for c in contributions if c.category == cat.id]
        if in_cat:
            mx = sum(c.max_points for c in in_cat)
            pts = sum(c.points for c in in_cat)
            cats[cat.id] = CategoryScore(cat.id, 100.0 * pts / mx if mx else 0.0, pts, mx, len(in_cat))
    return Score(total, cats, contributions, full.answered, full.unsure, 0, full.not_applicable)


def prefill(pack: Pack, last: Audit | None) -> dict[str, str]:
    """The answers a re-check starts from: the last audit's, on today's IDs, still valid options."""
    if last is None:
        return {}
    items = pack.item_map()
    return {item_id: option_id for item_id, option_id in current_answers(pack, last.answers).items()
            if items[item_id].option(option_id) is not None}


# --- trend ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrendPoint:
    audit_id: str
    created: datetime
    total: float
    categories: Mapping[str, float]  # category ID -> 0–100; only categories with applicable items


def trend_point(pack: Pack, audit: Audit) -> TrendPoint:
    s = score_audit(pack, audit)
    return TrendPoint(audit.id, audit.created, s.total,
                      {cid: c.score for cid, c in s.categories.items()})


def trend(pack: Pack, audits: Iterable[Audit]) -> list[TrendPoint]:
    """Total and per-category scores over time, oldest first."""
    return sorted((trend_point(pack, a) for a in audits), key=lambda p: (p.created, p.audit_id))


# --- diff -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemChange:
    item_id: str
    category: str
    kind: ChangeKind
    before: str | None  # option ID in the earlier audit (None: not asked or not answered)
    after: str | None
    share_before: float  # points of the 0–100 total this item added
    share_after: float

    @property
    def delta(self) -> float:
        return self.share_after - self.share_before


@dataclass(frozen=True)
class AuditDiff:
    before_id: str
    after_id: str
    total_before: float
    total_after: float
    categories_before: Mapping[str, float]
    categories_after: Mapping[str, float]
    exposed: tuple[ItemChange, ...]  # newly exposed
    fixed: tuple[ItemChange, ...]
    changed: tuple[ItemChange, ...]  # another answer that is neither of the above
    new: tuple[ItemChange, ...]  # asked now but not before: a content update or a profile change
    removed: tuple[ItemChange, ...]  # asked before, not any more

    @property
    def total_delta(self) -> float:
        return self.total_after - self.total_before

    def changes(self) -> tuple[ItemChange, ...]:
        return self.exposed + self.fixed + self.changed + self.new + self.removed


def _kind_of(pack: Pack, item_id: str, option_id: str | None) -> str:
    if option_id is None:
        return "skipped"
    opt = pack.item(item_id).option(option_id)
    return opt.kind if opt is not None else "skipped"


def _classify(before_kind: str, after_kind: str) -> ChangeKind:
    if after_kind == "exposed" and before_kind != "exposed":
        return "exposed"
    if before_kind in ("exposed", "unsure", "skipped") and after_kind in ("safe", "na"):
        return "fixed"
    return "changed"


def diff(pack: Pack, before: Audit, after: Audit) -> AuditDiff:
    """What changed from `before` to `after`, both read through the current pack.

    - exposed: the later answer is an "exposed" option and the earlier one was not;
    - fixed: exposed, unsure or unanswered before, and "not exposed" or "n/a" now;
    - changed: any other different answer (e.g. public → connections only);
    - new: an item asked in the later audit only (added by a content update, or a profile change);
    - removed: an item asked in the earlier audit only.
    """
    sa, sb = score_audit(pack, before), score_audit(pack, after)
    answers_a = current_answers(pack, before.answers)
    answers_b = current_answers(pack, after.answers)
    contrib_a = {c.item_id: c for c in sa.contributions}
    contrib_b = {c.item_id: c for c in sb.contributions}
    # Asked: scored, or answered "n/a" (which scoring leaves out).
    asked_a = set(contrib_a) | {i for i in answers_a if _kind_of(pack, i, answers_a[i]) == "na"}
    asked_b = set(contrib_b) | {i for i in answers_b if _kind_of(pack, i, answers_b[i]) == "na"}
    buckets: dict[ChangeKind, list[ItemChange]] = {k: [] for k in
                                                   ("exposed", "fixed", "changed", "new", "removed")}
    order = {it.id: n for n, it in enumerate(pack.items)}
    for item_id in sorted(asked_a | asked_b, key=lambda i: order.get(i, len(order))):
        item = pack.item(item_id)
        opt_a = answers_a.get(item_id) if item_id in asked_a else None
        opt_b = answers_b.get(item_id) if item_id in asked_b else None
        share_a = contrib_a[item_id].share if item_id in contrib_a else 0.0
        share_b = contrib_b[item_id].share if item_id in contrib_b else 0.0
        if item_id not in asked_a:
            kind: ChangeKind = "new"
        elif item_id not in asked_b:
            kind = "removed"
        elif opt_a == opt_b:
            continue
        else:
            kind = _classify(_kind_of(pack, item_id, opt_a), _kind_of(pack, item_id, opt_b))
        buckets[kind].append(ItemChange(item_id, item.category, kind, opt_a, opt_b, share_a, share_b))
    return AuditDiff(
        before.id, after.id, sa.total, sb.total,
        {k: v.score for k, v in sa.categories.items()},
        {k: v.score for k, v in sb.categories.items()},
        tuple(buckets["exposed"]), tuple(buckets["fixed"]), tuple(buckets["changed"]),
        tuple(buckets["new"]), tuple(buckets["removed"]))


# --- due dates and staleness ------------------------------------------------------------------------

@dataclass(frozen=True)
class StaleItem:
    item_id: str
    done_at: datetime
    stale_since: datetime


@dataclass(frozen=True)
class RecheckStatus:
    """Whether a re-check is due, and why. `last_audit` None means no audit was ever completed."""

    due: bool
    last_audit: datetime | None
    due_at: datetime | None  # when the next re-check falls due (None: now, no audit yet)
    stale: tuple[StaleItem, ...]  # done items whose credit lapsed
    recheck_days: int

    def days_overdue(self, now: datetime) -> int:
        """Whole days past the due date (0 when not yet due or when no audit exists)."""
        if self.due_at is None or now < self.due_at:
            return 0
        return (now - self.due_at).days


def due_date(last_audit: datetime, recheck_days: int = DEFAULT_RECHECK_DAYS) -> datetime:
    return last_audit + timedelta(days=recheck_days)


def stale_items(pack: Pack | None, progress: Mapping[str, ItemProgress], now: datetime,
                recheck_days: int = DEFAULT_RECHECK_DAYS) -> tuple[StaleItem, ...]:
    """Items marked done longer ago than the interval and not re-verified since (scoring.is_stale).

    With a pack, IDs are followed through renames and retired items are left out.
    """
    out: list[StaleItem] = []
    for item_id, p in progress.items():
        if not is_stale(p, now, recheck_days):
            continue
        if pack is not None:
            current = pack.current_id(item_id)
            if current is None or current not in pack.item_map():
                continue
            item_id = current
        out.append(StaleItem(item_id, p.at, p.at + timedelta(days=recheck_days)))
    return tuple(sorted(out, key=lambda s: (s.stale_since, s.item_id)))


def recheck_status(audit_dates: Sequence[datetime], now: datetime,
                   recheck_days: int = DEFAULT_RECHECK_DAYS,
                   progress: Mapping[str, ItemProgress] | None = None,
                   pack: Pack | None = None) -> RecheckStatus:
    """A re-check is due when no audit exists, the last one is older than the interval, or any
    item marked done has gone stale."""
    if recheck_days < 1:
        raise ValueError("recheck_days must be at least 1")
    stale = stale_items(pack, progress or {}, now, recheck_days)
    if not audit_dates:
        return RecheckStatus(True, None, None, stale, recheck_days)
    last = max(audit_dates)
    at = due_date(last, recheck_days)
    return RecheckStatus(now >= at or bool(stale), last, at, stale, recheck_days)
