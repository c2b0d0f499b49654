"""A tiny, safe condition language for adaptive items. Parsed and checked at load; never eval'd.

Grammar (see docs/pack-format.md):

    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | primary
    primary    := "(" expr ")" | "true" | "false"
                | "uses" "(" STRING ("," STRING)* ")"     # any of these platforms is used
                | STRING "in" IDENT                       # a multi-choice answer contains
                | IDENT "in" "[" STRING ("," STRING)* "]" # a choice answer is one of
                | IDENT OP STRING                         # OP: == != >= <= > <  (order = option order)
                | IDENT                                   # a yes/no profile answer
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .model import Profile, ProfileQuestion

MAX_LENGTH = 2000
MAX_DEPTH = 32


class ConditionError(ValueError):
    """A syntax or reference error in a condition, with a message fit for `file:line: id: …`."""


_TOKEN = re.compile(
    r"""\s*(?:(?P<str>"[^"\\]*"|'[^'\\]*')|(?P<op>==|!=|>=|<=|>|<|\(|\)|\[|\]|,)"""
    r"""|(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*))"""
)


def _tokenize(src: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    src = src.rstrip()
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if not m or m.end() == pos:
            raise ConditionError(f"unexpected character {src[pos:pos + 1]!r} at column {pos + 1}")
        pos = m.end()
        if m.group("str") is not None:
            tokens.append(("str", m.group("str")[1:-1]))
        elif m.group("op") is not None:
            tokens.append(("op", m.group("op")))
        else:
            tokens.append(("name", m.group("name")))
    return tokens


Evaluator = Callable[[Profile], bool]


@dataclass(frozen=True)
class Condition:
    source: str
    names: frozenset[str]  # profile question IDs it reads
    platforms: frozenset[str]  # platform IDs it names
    _fn: Evaluator

    def evaluate(self, profile: Profile) -> bool:
        return self._fn(profile)


class _Parser:
    def __init__(self, src: str, questions: Mapping[str, ProfileQuestion],
                 platforms: frozenset[str]) -> None:
        self.tokens = _tokenize(src)
        self.i = 0
        self.questions = questions
        self.platform_ids = platforms
        self.names: set[str] = set()
        self.platforms: set[str] = set()

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise ConditionError("unexpected end of condition")
        self.i += 1
        return tok

    def expect(self, kind: str, value: str | None = None) -> str:
        tok = self.take()
        if tok[0] != kind or (value is not None and tok[1] != value):
            want = value or kind
            raise ConditionError(f"expected {want!r}, found {tok[1]!r}")
        return tok[1]

    def at(self, kind: str, value: str) -> bool:
        tok = self.peek()
        return tok is not None and tok == (kind, value)

    def parse(self) -> Evaluator:
        if not self.tokens:
            raise ConditionError("empty condition")
        fn = self.expr(0)
        if self.peek() is not None:
            raise ConditionError(f"unexpected {self.peek()[1]!r} after the end of the condition")  # type: ignore[index]
        return fn

    def expr(self, depth: int) -> Evaluator:
        if depth > MAX_DEPTH:
            raise ConditionError(f"condition nested deeper than {MAX_DEPTH}")
        parts = [self.and_expr(depth)]
        while self.at("name", "or"):
            self.take()
            parts.append(self.and_expr(depth))
        if len(parts) == 1:
            return parts[0]
        return lambda p: any(f(p) for f in parts)

    def and_expr(self, depth: int) -> Evaluator:
        parts = [self.not_expr(depth)]
        while self.at("name", "and"):
            self.take()
            parts.append(self.not_expr(depth))
        if len(parts) == 1:
            return parts[0]
        return lambda p: all(f(p) for f in parts)

    def not_expr(self, depth: int) -> Evaluator:
        if self.at("name", "not"):
            self.take()
            if depth + 1 > MAX_DEPTH:
                raise ConditionError(f"condition nested deeper than {MAX_DEPTH}")
            inner = self.not_expr(depth + 1)
            return lambda p: not inner(p)
        return self.primary(depth)

    def strings(self, close: str) -> list[str]:
        values = [self.expect("str")]
        while self.at("op", ","):
            self.take()
            values.append(self.expect("str"))
        self.expect("op", close)
        return values

    def question(self, name: str) -> ProfileQuestion:
        q = self.questions.get(name)
        if q is None:
            raise ConditionError(f"unknown profile question {name!r}")
        self.names.add(name)
        return q

    def check_option(self, q: ProfileQuestion, value: str) -> None:
        if q.kind == "platforms":
            if value not in self.platform_ids:
                raise ConditionError(f"unknown platform {value!r}")
            self.platforms.add(value)
        elif q.kind in ("choice", "multi") and q.rank(value) < 0:
            raise ConditionError(f"{value!r} is not an option of {q.id!r}")

    def primary(self, depth: int) -> Evaluator:
        tok = self.take()
        kind, value = tok
        if tok == ("op", "("):
            inner = self.expr(depth + 1)
            self.expect("op", ")")
            return inner
        if tok == ("name", "true"):
            return lambda p: True
        if tok == ("name", "false"):
            return lambda p: False
        if tok == ("name", "uses"):
            self.expect("op", "(")
            wanted = self.strings(")")
            for w in wanted:
                if w not in self.platform_ids:
                    raise ConditionError(f"unknown platform {w!r}")
                self.platforms.add(w)
            self.names.add("platforms")
            wanted_set = frozenset(wanted)
            return lambda p: bool(wanted_set.intersection(p.platforms))
        if kind == "str":
            self.expect("name", "in")
            q = self.question(self.expect("name"))
            if q.kind not in ("multi", "platforms"):
                raise ConditionError(f"'\"x\" in {q.id}' needs a multi-choice question")
            self.check_option(q, value)
            return lambda p: _contains(p.get(q.id), value)
        if kind != "name" or value in ("and", "or", "not", "in"):
            raise ConditionError(f"unexpected {value!r}")
        q = self.question(value)
        nxt = self.peek()
        if nxt is not None and nxt == ("name", "in"):
            self.take()
            self.expect("op", "[")
            options = self.strings("]")
            if q.kind != "choice":
                raise ConditionError(f"'{q.id} in [...]' needs a single-choice question")
            for o in options:
                self.check_option(q, o)
            allowed = frozenset(options)
            return lambda p: p.get(q.id) in allowed
        if nxt is not None and nxt[0] == "op" and nxt[1] in ("==", "!=", ">=", "<=", ">", "<"):
            op = self.take()[1]
            target = self.expect("str")
            if q.kind != "choice":
                raise ConditionError(f"{q.id!r} is not a single-choice question")
            self.check_option(q, target)
            return _compare(q, op, target)
        if q.kind != "bool":
            raise ConditionError(f"{q.id!r} is not a yes/no question; compare it with a value")
        return lambda p: p.get(q.id) is True


def _contains(value: object, wanted: str) -> bool:
    return isinstance(value, tuple | list) and wanted in value


def _compare(q: ProfileQuestion, op: str, target: str) -> Evaluator:
    target_rank = q.rank(target)

    def fn(p: Profile) -> bool:
        value = p.get(q.id)
        if op == "!=":
            return value != target
        if not isinstance(value, str):
            return False
        rank = q.rank(value)
        if rank < 0:
            return False
        return {
            "==": rank == target_rank,
            ">=": rank >= target_rank,
            "<=": rank <= target_rank,
            ">": rank > target_rank,
            "<": rank < target_rank,
        }[op]

    return fn


def compile_condition(src: str, questions: Mapping[str, ProfileQuestion],
                      platforms: frozenset[str] | set[str]) -> Condition:
    """Parse and check `src` against the pack's profile questions and platforms."""
    if len(src) > MAX_LENGTH:
        raise ConditionError(f"condition longer than {MAX_LENGTH} characters")
    parser = _Parser(src, questions, frozenset(platforms))
    fn = parser.parse()
    return Condition(src, frozenset(parser.names), frozenset(parser.platforms), fn)
