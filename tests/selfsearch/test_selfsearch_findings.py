"""Findings: stored as dated `selfsearch` records, suggesting answers, due again at a re-check."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from exposure_check.core.model import DeclaredFacts, Pack
from exposure_check.core.selfsearch import (
    RECORD_KIND,
    Finding,
    Plan,
    build_plan,
    describe_age,
    due_queries,
    latest_findings,
    load_findings,
    new_finding,
    query_status,
    record_finding,
    suggest_answers,
)

T0 = datetime(2026, 8, 25, 9, 30, tzinfo=UTC)


class MemoryStore:
    """The vault's record interface, in memory (the real vault is tested in test_selfsearch_vault)."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, str], dict[str, Any]] = {}

    def put_record(self, kind: str, record_id: str, payload: dict[str, Any]) -> None:
        self.records[(kind, record_id)] = payload

    def list_records(self, kind: str) -> list[tuple[str, dict[str, Any]]]:
        return [(rid, p) for (k, rid), p in self.records.items() if k == kind]


@pytest.fixture
def plan(pack: Pack, facts: DeclaredFacts) -> Plan:
    return build_plan(pack, facts, "en")


def _query(plan: Plan, engine: str, label: str | None = None) -> Any:
    for g in plan.groups:
        if label is None or g.label == label:
            for q in g.queries:
                if q.engine_id == engine:
                    return q
    raise AssertionError(engine)


def test_finding_on_linkedin_suggests_its_items(pack: Pack, plan: Plan) -> None:
    store = MemoryStore()
    q = _query(plan, "linkedin")
    record_finding(store, new_finding(q, "found", ["title", "employer"], note="old headline", at=T0))
    (kind, rid), payload = next(iter(store.records.items()))
    assert kind == RECORD_KIND and len(rid) == 32 and "Wei" not in rid  # no personal data in IDs
    assert payload["note"] == "old headline" and payload["searched_at"] == "2026-08-25T09:30:00+00:00"
    sugg = suggest_answers(pack, load_findings(store))
    assert [(s.item_id, s.option_id, s.kinds) for s in sugg] == [
        ("affiliation.linkedin.employer-visible", "public", ("employer",)),
        ("position.linkedin.title-detail", "public", ("title",)),
    ]
    assert sugg[0].query_keys == (q.key,)


def test_platforms_and_kinds_map_to_existing_items_only(pack: Pack, plan: Plan) -> None:
    store = MemoryStore()
    record_finding(store, new_finding(_query(plan, "github-commits"), "found", ["email"], at=T0))
    record_finding(store, new_finding(_query(plan, "people-search-google"), "found",
                                      ["address", "phone"], at=T0))
    # a photo found on a general engine: the fixture pack has no photo item, so nothing is invented
    record_finding(store, new_finding(_query(plan, "google"), "found", ["photo"], at=T0))
    # found on Google, but the user says it was their Weibo profile showing the phone
    record_finding(store, new_finding(_query(plan, "bing"), "found", ["phone"], platform="weibo", at=T0))
    ids = {s.item_id for s in suggest_answers(pack, load_findings(store))}
    assert ids == {"work-contact.github.commit-email", "people-search.general.broker-listing",
                   "personal-contact.general.personal-phone-public"}
    assert ids <= set(pack.item_map())
    only = suggest_answers(pack, load_findings(store), applicable={"people-search.general.broker-listing"})
    assert [s.item_id for s in only] == ["people-search.general.broker-listing"]


def test_employer_on_a_general_engine_suggests_platformless_items(pack: Pack, plan: Plan) -> None:
    f = new_finding(_query(plan, "google"), "found", ["employer"], at=T0)
    assert f.platform == ""
    assert [s.item_id for s in suggest_answers(pack, [f])] == ["affiliation.general.bio"]


def test_nothing_found_suggests_nothing_and_a_later_search_replaces_an_earlier_one(
        pack: Pack, plan: Plan) -> None:
    q = _query(plan, "linkedin")
    first = new_finding(q, "found", ["employer"], at=T0)
    later = new_finding(q, "nothing", at=T0 + timedelta(days=100))
    assert suggest_answers(pack, [first])
    assert suggest_answers(pack, [later, first]) == []
    assert latest_findings([later, first])[q.key] is later


def test_due_at_the_next_recheck(plan: Plan) -> None:
    store = MemoryStore()
    q = _query(plan, "google")
    assert query_status(q, {}, T0).due and describe_age(None) == "never searched"
    record_finding(store, new_finding(q, "nothing", at=T0))
    latest = latest_findings(load_findings(store))
    soon = query_status(q, latest, T0 + timedelta(days=30), 90)
    assert (soon.days_ago, soon.due) == (30, False)
    later = query_status(q, latest, T0 + timedelta(days=94, hours=3), 90)
    assert (later.days_ago, later.due) == (94, True)
    assert describe_age(later.days_ago) == "last searched 94 days ago"
    due_now = due_queries(plan, load_findings(store), T0 + timedelta(days=1), 90)
    assert q.key not in {d[0].key for d in due_now}
    assert len(due_now) == len(plan.queries()) - 1
    due_later = due_queries(plan, load_findings(store), T0 + timedelta(days=94), 90)
    assert q.key in {d[0].key for d in due_later}


def test_malformed_records_are_skipped_and_bad_findings_refused(plan: Plan) -> None:
    store = MemoryStore()
    store.put_record(RECORD_KIND, "x", {"garbage": True})
    store.put_record(RECORD_KIND, "y", {"query_key": "k", "result": "maybe", "searched_at": "2026-01-01"})
    record_finding(store, new_finding(_query(plan, "google"), "nothing", at=T0))
    assert len(load_findings(store)) == 1
    q = _query(plan, "google")
    with pytest.raises(ValueError, match="unknown kind"):
        new_finding(q, "found", ["shoe size"])
    with pytest.raises(ValueError, match="nothing found"):
        Finding(q.key, q.engine_id, q.text, "nothing", T0, kinds=("email",))
    with pytest.raises(ValueError, match="time zone"):
        Finding(q.key, q.engine_id, q.text, "nothing", datetime(2026, 1, 1))
