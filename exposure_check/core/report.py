"""Reports: a report model built from one audit, rendered to JSON, Markdown or self-contained HTML.

Two kinds (the JSON shape is published in docs/report-schema.json):

- **full**, for the person themselves: score, categories, the profile, every answer, the plan with
  its steps, and their progress notes;
- **redacted**, for a security officer: score, category scores, counts by state, dates and the
  pack version. The redacted builder never reads answers, profile values, declared facts or
  notes, so they cannot leak; tests plant canary strings to prove it.

Headings are translated here (en, zh_CN) because core code has no Qt; pack text comes from the
pack's own locales. The PDF is rendered from the HTML by `exposure_check.ui.pdf` (QtGui).
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from .history import current_answers, due_date, score_audit
from .model import Audit, ItemProgress, Pack, ProgressEvent, fold_progress, tr, tr_lines
from .plan import rank
from .scoring import DEFAULT_RECHECK_DAYS, Score, applicable_items, score

FORMAT_VERSION = 1
FORMATS = ("json", "md", "html", "pdf")
ANSWER_KINDS = ("exposed", "unsure", "safe", "na", "skipped")
PLAN_STATES = ("todo", "stale", "done", "accepted", "na")

_MESSAGES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "Exposure Check report", "title_redacted": "Exposure Check report (redacted)",
        "redacted_note": "Redacted for sharing: no answers, no profile, no declared facts and no "
                         "notes are included.",
        "generated": "Generated", "audit_date": "Audit date", "pack": "Question pack",
        "score": "Exposure score", "score_hint": "0 = nothing found exposed, 100 = everything "
                                                 "public",
        "categories": "Categories", "category": "Category", "items": "Items",
        "answers_by_kind": "Answers", "plan_by_state": "Plan progress",
        "exposed": "exposed", "unsure": "not sure", "safe": "not exposed", "na": "not applicable",
        "skipped": "not answered", "todo": "to do", "stale": "done, needs re-checking",
        "done": "done", "accepted": "risk accepted",
        "recheck": "Re-check", "interval": "Interval", "days": "days", "next_due": "Next re-check due",
        "history": "Score history", "date": "Date", "total": "Total",
        "profile": "Your profile", "question": "Question", "answer": "Answer",
        "your_answers": "Your answers", "share": "Points",
        "plan": "Your plan", "effort": "Effort", "minutes": "min", "reduction": "Score reduction",
        "state": "State", "notes": "Your notes", "note": "Note", "item": "Item",
        "unknown_answer": "unknown answer", "none": "none", "yes": "yes", "no": "no",
    },
    "zh_CN": {
        "title": "暴露自查报告", "title_redacted": "暴露自查报告（已脱敏）",
        "redacted_note": "已脱敏，可对外提供：不含任何作答、个人档案、自述信息或备注。",
        "generated": "生成时间", "audit_date": "自查日期", "pack": "题库",
        "score": "暴露分数", "score_hint": "0 = 未发现公开信息，100 = 全部公开",
        "categories": "类别", "category": "类别", "items": "条目",
        "answers_by_kind": "作答", "plan_by_state": "计划进度",
        "exposed": "已暴露", "unsure": "不确定", "safe": "未暴露", "na": "不适用",
        "skipped": "未作答", "todo": "待办", "stale": "已完成，需复查", "done": "已完成",
        "accepted": "接受风险",
        "recheck": "复查", "interval": "间隔", "days": "天", "next_due": "下次复查日期",
        "history": "分数历史", "date": "日期", "total": "总分",
        "profile": "个人档案", "question": "问题", "answer": "回答",
        "your_answers": "你的作答", "share": "分值",
        "plan": "你的计划", "effort": "耗时", "minutes": "分钟", "reduction": "可降低分数",
        "state": "状态", "notes": "你的备注", "note": "备注", "item": "条目",
        "unknown_answer": "未知回答", "none": "无", "yes": "是", "no": "否",
    },
}


def message(locale: str, key: str) -> str:
    return _MESSAGES.get(locale, _MESSAGES["en"]).get(key) or _MESSAGES["en"][key]


# --- the model --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CategoryLine:
    id: str
    name: str
    score: float
    items: int


@dataclass(frozen=True)
class HistoryLine:
    date: datetime
    total: float


@dataclass(frozen=True)
class ProfileLine:
    question: str
    answer: str


@dataclass(frozen=True)
class AnswerLine:
    item_id: str
    category: str
    question: str
    answer: str
    kind: str  # one of ANSWER_KINDS
    state: str  # one of PLAN_STATES
    points: float


@dataclass(frozen=True)
class StepBlock:
    platform: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class PlanLine:
    item_id: str
    question: str
    state: str
    reduction: float
    effort_minutes: int
    steps: tuple[StepBlock, ...]


@dataclass(frozen=True)
class NoteLine:
    item_id: str
    date: datetime
    text: str


@dataclass(frozen=True)
class Report:
    redacted: bool
    locale: str
    generated: datetime
    app_version: str
    pack_id: str
    pack_version: str
    pack_name: str
    audit_date: datetime
    total: float
    categories: tuple[CategoryLine, ...]
    answer_counts: Mapping[str, int]
    state_counts: Mapping[str, int]
    recheck_days: int
    next_due: datetime
    history: tuple[HistoryLine, ...]
    # Full reports only; always empty in a redacted one.
    audit_id: str = ""
    profile: tuple[ProfileLine, ...] = ()
    answers: tuple[AnswerLine, ...] = ()
    plan: tuple[PlanLine, ...] = ()
    notes: tuple[NoteLine, ...] = field(default_factory=tuple)


def _aggregate(pack: Pack, audit: Audit, progress: Mapping[str, ItemProgress], now: datetime,
               recheck_days: int) -> tuple[Score, Counter[str], Counter[str]]:
    answers = current_answers(pack, audit.answers)
    s = score(pack, audit.profile, answers, progress, now=now, recheck_days=recheck_days)
    kinds: Counter[str] = Counter({k: 0 for k in ANSWER_KINDS})
    for item in applicable_items(pack, audit.profile):
        opt_id = answers.get(item.id)
        opt = item.option(opt_id) if opt_id else None
        kinds[opt.kind if opt is not None else "skipped"] += 1
    states: Counter[str] = Counter({k: 0 for k in PLAN_STATES})
    for c in s.contributions:
        states[c.state if c.state in PLAN_STATES else "todo"] += 1
    states["na"] += s.not_applicable
    return s, kinds, states


def build_report(pack: Pack, audit: Audit, *, now: datetime, locale: str = "en",
                 redacted: bool = False, progress_events: Sequence[ProgressEvent] = (),
                 history: Iterable[Audit] = (), recheck_days: int = DEFAULT_RECHECK_DAYS,
                 app_version: str = "") -> Report:
    """The report of `audit` (usually the latest), with plan progress as of `now`.

    `history` holds the audits whose totals make up the score history (the audit itself is
    added if missing). A redacted report is built from aggregates only.
    """
    raw = fold_progress(list(progress_events))
    progress: dict[str, ItemProgress] = {}
    for item_id, p in raw.items():
        cur = pack.current_id(item_id)
        if cur is not None:
            progress[cur] = p
    s, kinds, states = _aggregate(pack, audit, progress, now, recheck_days)
    categories = tuple(CategoryLine(cid, tr(pack.category(cid).name, locale), c.score, c.items)
                       for cid, c in s.categories.items())
    past = {a.id: a for a in history}
    past[audit.id] = audit
    hist = tuple(sorted((HistoryLine(a.created, score_audit(pack, a).total) for a in past.values()
                         if a.created <= audit.created), key=lambda h: h.date))
    common: dict[str, Any] = dict(
        redacted=redacted, locale=locale, generated=now, app_version=app_version,
        pack_id=pack.id, pack_version=pack.version, pack_name=tr(pack.name, locale),
        audit_date=audit.created, total=s.total, categories=categories,
        answer_counts=dict(kinds), state_counts=dict(states), recheck_days=recheck_days,
        next_due=due_date(audit.created, recheck_days), history=hist)
    if redacted:
        return Report(**common)
    return Report(**common, audit_id=audit.id, profile=_profile_lines(pack, audit, locale),
                  answers=_answer_lines(pack, audit, s, locale), plan=_plan_lines(pack, audit,
                                                                                  progress, now,
                                                                                  recheck_days,
                                                                                  locale),
                  notes=tuple(NoteLine(pack.current_id(e.item_id) or e.item_id, e.at, e.note)
                              for e in sorted(progress_events, key=lambda e: e.at) if e.note))


def _profile_lines(pack: Pack, audit: Audit, locale: str) -> tuple[ProfileLine, ...]:
    out: list[ProfileLine] = []
    for q in pack.profile:
        value = audit.profile.get(q.id)
        if value is None:
            continue
        if isinstance(value, bool):
            text = message(locale, "yes" if value else "no")
        else:
            values = (value,) if isinstance(value, str) else tuple(value)
            names = []
            for v in values:
                if q.kind == "platforms":
                    try:
                        names.append(tr(pack.platform(v).name, locale))
                    except KeyError:
                        names.append(v)
                else:
                    opt = next((o for o in q.options if o.id == v), None)
                    names.append(tr(opt.label, locale) if opt else v)
            text = ", ".join(names) if names else message(locale, "none")
        out.append(ProfileLine(tr(q.label, locale), text))
    return tuple(out)


def _answer_lines(pack: Pack, audit: Audit, s: Score, locale: str) -> tuple[AnswerLine, ...]:
    answers = current_answers(pack, audit.answers)
    contrib = {c.item_id: c for c in s.contributions}
    out: list[AnswerLine] = []
    for item in applicable_items(pack, audit.profile):
        opt_id = answers.get(item.id)
        opt = item.option(opt_id) if opt_id else None
        kind: str
        if opt is not None:
            answer, kind = tr(opt.label, locale), opt.kind
        elif opt_id:
            answer, kind = f"{message(locale, 'unknown_answer')} {opt_id!r}", "skipped"
        else:
            answer, kind = message(locale, "skipped"), "skipped"
        c = contrib.get(item.id)
        state = "na" if c is None else (c.state if c.state in PLAN_STATES else "todo")
        out.append(AnswerLine(item.id, tr(pack.category(item.category).name, locale),
                              tr(item.question, locale), answer, kind, state,
                              c.share if c else 0.0))
    return tuple(out)


def _plan_lines(pack: Pack, audit: Audit, progress: Mapping[str, ItemProgress], now: datetime,
                recheck_days: int, locale: str) -> tuple[PlanLine, ...]:
    plan = rank(pack, audit.profile, current_answers(pack, audit.answers), progress, now=now,
                recheck_days=recheck_days)
    out: list[PlanLine] = []
    for e in plan.todo + plan.done + plan.accepted:
        steps = []
        for st in e.steps:
            try:
                platform = tr(pack.platform(st.platform).name, locale)
            except KeyError:
                platform = st.platform
            steps.append(StepBlock(platform, tuple(tr_lines(st.lines, locale))))
        out.append(PlanLine(e.item.id, tr(e.item.question, locale), e.state, e.reduction,
                            e.item.effort_minutes, tuple(steps)))
    return tuple(out)


# --- JSON -------------------------------------------------------------------------------------------

def _iso(d: datetime) -> str:
    return d.isoformat(timespec="seconds")


def to_dict(r: Report) -> dict[str, Any]:
    """The JSON report (docs/report-schema.json)."""
    out: dict[str, Any] = {
        "format": "exposure-check-report",
        "format_version": FORMAT_VERSION,
        "redacted": r.redacted,
        "generated": _iso(r.generated),
        "locale": r.locale,
        "app_version": r.app_version,
        "pack": {"id": r.pack_id, "version": r.pack_version, "name": r.pack_name},
        "audit": {"date": _iso(r.audit_date)},
        "score": {"total": round(r.total, 2),
                  "categories": [{"id": c.id, "name": c.name, "score": round(c.score, 2),
                                  "items": c.items} for c in r.categories]},
        "counts": {"answers": {k: r.answer_counts.get(k, 0) for k in ANSWER_KINDS},
                   "plan": {k: r.state_counts.get(k, 0) for k in PLAN_STATES}},
        "recheck": {"interval_days": r.recheck_days, "next_due": _iso(r.next_due)},
        "history": [{"date": _iso(h.date), "total": round(h.total, 2)} for h in r.history],
    }
    if r.redacted:
        return out
    out["audit"]["id"] = r.audit_id
    out["profile"] = [{"question": p.question, "answer": p.answer} for p in r.profile]
    out["answers"] = [{"item": a.item_id, "category": a.category, "question": a.question,
                       "answer": a.answer, "kind": a.kind, "state": a.state,
                       "points": round(a.points, 2)} for a in r.answers]
    out["plan"] = [{"item": p.item_id, "question": p.question, "state": p.state,
                    "reduction": round(p.reduction, 2), "effort_minutes": p.effort_minutes,
                    "steps": [{"platform": s.platform, "lines": list(s.lines)} for s in p.steps]}
                   for p in r.plan]
    out["notes"] = [{"item": n.item_id, "date": _iso(n.date), "text": n.text} for n in r.notes]
    return out


def to_json(r: Report) -> str:
    return json.dumps(to_dict(r), ensure_ascii=False, indent=2) + "\n"


# --- Markdown ---------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&])")


def md_escape(text: str) -> str:
    """Escape Markdown and inline-HTML syntax, and keep the text on one line (tables)."""
    text = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def _num(x: float) -> str:
    return f"{x:.1f}"


def _date(d: datetime) -> str:
    return d.date().isoformat()


def to_markdown(r: Report) -> str:
    m = partial(message, r.locale)
    e = md_escape
    out: list[str] = [f"# {e(m('title_redacted') if r.redacted else m('title'))}", ""]
    if r.redacted:
        out += [f"*{e(m('redacted_note'))}*", ""]
    out += [f"- {m('generated')}: {_date(r.generated)}",
            f"- {m('audit_date')}: {_date(r.audit_date)}",
            f"- {m('pack')}: {e(r.pack_name)} ({e(r.pack_id)} {e(r.pack_version)})", "",
            f"## {m('score')}: {_num(r.total)} / 100", "", f"{e(m('score_hint'))}", "",
            f"## {m('categories')}", "",
            f"| {m('category')} | {m('score')} | {m('items')} |", "|---|---:|---:|"]
    out += [f"| {e(c.name)} | {_num(c.score)} | {c.items} |" for c in r.categories]
    out += ["", f"## {m('answers_by_kind')}", ""]
    out += [f"- {m(k)}: {r.answer_counts.get(k, 0)}" for k in ANSWER_KINDS]
    out += ["", f"## {m('plan_by_state')}", ""]
    out += [f"- {m(k)}: {r.state_counts.get(k, 0)}" for k in PLAN_STATES]
    out += ["", f"## {m('recheck')}", "",
            f"- {m('interval')}: {r.recheck_days} {m('days')}",
            f"- {m('next_due')}: {_date(r.next_due)}", "",
            f"## {m('history')}", "", f"| {m('date')} | {m('total')} |", "|---|---:|"]
    out += [f"| {_date(h.date)} | {_num(h.total)} |" for h in r.history]
    if not r.redacted:
        out += ["", f"## {m('profile')}", "", f"| {m('question')} | {m('answer')} |", "|---|---|"]
        out += [f"| {e(p.question)} | {e(p.answer)} |" for p in r.profile]
        out += ["", f"## {m('your_answers')}", "",
                f"| {m('item')} | {m('category')} | {m('question')} | {m('answer')} | "
                f"{m('state')} | {m('share')} |", "|---|---|---|---|---|---:|"]
        out += [f"| {e(a.item_id)} | {e(a.category)} | {e(a.question)} | {e(a.answer)} | "
                f"{m(a.state)} | {_num(a.points)} |" for a in r.answers]
        out += ["", f"## {m('plan')}", ""]
        for n, p in enumerate(r.plan, 1):
            out += [f"### {n}\\. {e(p.question)}", "",
                    f"- {m('state')}: {m(p.state)}",
                    f"- {m('reduction')}: {_num(p.reduction)}",
                    f"- {m('effort')}: {p.effort_minutes} {m('minutes')}", ""]
            for s in p.steps:
                out += [f"**{e(s.platform)}**", ""]
                out += [f"{i}\\. {e(line)}" for i, line in enumerate(s.lines, 1)] + [""]
        if r.notes:
            out += [f"## {m('notes')}", ""]
            out += [f"- {_date(n.date)} {e(n.item_id)}: {e(n.text)}" for n in r.notes]
    return "\n".join(out).rstrip("\n") + "\n"


# --- HTML -------------------------------------------------------------------------------------------

_CSS = """body { font-family: sans-serif; color: #1a1a1a; margin: 2em; }
h1 { font-size: 20pt; } h2 { font-size: 14pt; margin-top: 1.2em; } h3 { font-size: 11pt; }
table { border-collapse: collapse; margin: 0.4em 0; }
th, td { border: 1px solid #999999; padding: 3px 8px; text-align: left; vertical-align: top; }
td.num { text-align: right; }
.score { font-size: 28pt; font-weight: bold; }
.note { color: #555555; font-style: italic; }"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], numeric: set[int], *,
           wide: bool = False) -> list[str]:
    out = ['<table width="100%">' if wide else "<table>",
           "<tr>" + "".join(f"<th>{_h(c)}</th>" for c in head) + "</tr>"]
    for row in rows:
        cells = "".join(f'<td class="num">{_h(c)}</td>' if i in numeric else f"<td>{_h(c)}</td>"
                        for i, c in enumerate(row))
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return out


def to_html(r: Report) -> str:
    """A self-contained page: inline style, no scripts, no remote resources (CSP forbids them)."""
    m = partial(message, r.locale)
    title = m("title_redacted") if r.redacted else m("title")
    lang = r.locale.replace("_", "-")
    out = ["<!DOCTYPE html>", f'<html lang="{_h(lang)}">', "<head>", '<meta charset="utf-8">',
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
           'style-src \'unsafe-inline\'">',
           f"<title>{_h(title)}</title>", f"<style>\n{_CSS}\n</style>", "</head>", "<body>",
           f"<h1>{_h(title)}</h1>"]
    if r.redacted:
        out.append(f'<p class="note">{_h(m("redacted_note"))}</p>')
    out += ["<p>" + "<br>".join([
        f"{_h(m('generated'))}: {_date(r.generated)}",
        f"{_h(m('audit_date'))}: {_date(r.audit_date)}",
        f"{_h(m('pack'))}: {_h(r.pack_name)} ({_h(r.pack_id)} {_h(r.pack_version)})"]) + "</p>",
        f"<h2>{_h(m('score'))}</h2>", f'<p class="score">{_num(r.total)} / 100</p>',
        f'<p class="note">{_h(m("score_hint"))}</p>', f"<h2>{_h(m('categories'))}</h2>"]
    out += _table([m("category"), m("score"), m("items")],
                  [(c.name, _num(c.score), str(c.items)) for c in r.categories], {1, 2})
    out.append(f"<h2>{_h(m('answers_by_kind'))}</h2>")
    out += _table([m("state"), m("items")],
                  [(m(k), str(r.answer_counts.get(k, 0))) for k in ANSWER_KINDS], {1})
    out.append(f"<h2>{_h(m('plan_by_state'))}</h2>")
    out += _table([m("state"), m("items")],
                  [(m(k), str(r.state_counts.get(k, 0))) for k in PLAN_STATES], {1})
    out += [f"<h2>{_h(m('recheck'))}</h2>",
            f"<p>{_h(m('interval'))}: {r.recheck_days} {_h(m('days'))}<br>"
            f"{_h(m('next_due'))}: {_date(r.next_due)}</p>", f"<h2>{_h(m('history'))}</h2>"]
    out += _table([m("date"), m("total")], [(_date(h.date), _num(h.total)) for h in r.history], {1})
    if not r.redacted:
        out.append(f"<h2>{_h(m('profile'))}</h2>")
        out += _table([m("question"), m("answer")], [(p.question, p.answer) for p in r.profile],
                      set())
        out.append(f"<h2>{_h(m('your_answers'))}</h2>")
        out += _table([m("item"), m("category"), m("question"), m("answer"), m("state"),
                       m("share")],
                      [(a.item_id, a.category, a.question, a.answer, m(a.state), _num(a.points))
                       for a in r.answers], {5}, wide=True)
        out.append(f"<h2>{_h(m('plan'))}</h2>")
        for n, p in enumerate(r.plan, 1):
            out += [f"<h3>{n}. {_h(p.question)}</h3>",
                    f"<p>{_h(m('state'))}: {_h(m(p.state))} · {_h(m('reduction'))}: "
                    f"{_num(p.reduction)} · {_h(m('effort'))}: {p.effort_minutes} "
                    f"{_h(m('minutes'))}</p>"]
            for s in p.steps:
                out += [f"<p><b>{_h(s.platform)}</b></p>", "<ol>"]
                out += [f"<li>{_h(line)}</li>" for line in s.lines] + ["</ol>"]
        if r.notes:
            out.append(f"<h2>{_h(m('notes'))}</h2>")
            out += _table([m("date"), m("item"), m("note")],
                          [(_date(n.date), n.item_id, n.text) for n in r.notes], set(), wide=True)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(r: Report, fmt: str) -> str:
    """JSON, Markdown or HTML text (PDF is rendered by exposure_check.ui.pdf)."""
    if fmt == "json":
        return to_json(r)
    if fmt == "md":
        return to_markdown(r)
    if fmt == "html":
        return to_html(r)
    raise ValueError(f"unknown text report format {fmt!r}")
