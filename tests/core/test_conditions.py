from __future__ import annotations

import pytest

from exposure_check.core.conditions import ConditionError, compile_condition
from exposure_check.core.model import Profile, ProfileOption, ProfileQuestion

Q = {
    "role": ProfileQuestion("role", "choice", {"en": "Role"}, {},
                            (ProfileOption("a", {"en": "A"}), ProfileOption("b", {"en": "B"}))),
    "sensitivity": ProfileQuestion("sensitivity", "choice", {"en": "S"}, {}, tuple(
        ProfileOption(x, {"en": x}) for x in ("low", "medium", "high"))),
    "langs": ProfileQuestion("langs", "multi", {"en": "L"}, {},
                             (ProfileOption("en", {"en": "en"}), ProfileOption("zh", {"en": "zh"}))),
    "platforms": ProfileQuestion("platforms", "platforms", {"en": "P"}, {}),
    "travels": ProfileQuestion("travels", "bool", {"en": "T"}, {}),
}
PLATFORMS = {"linkedin", "wechat"}


def ev(src: str, **answers: object) -> bool:
    return compile_condition(src, Q, PLATFORMS).evaluate(Profile(answers))  # type: ignore[arg-type]


@pytest.mark.parametrize(("src", "answers", "expected"), [
    ("true", {}, True),
    ("false", {}, False),
    ("travels", {"travels": True}, True),
    ("travels", {}, False),
    ("not travels", {}, True),
    ('uses("linkedin")', {"platforms": ("linkedin",)}, True),
    ('uses("linkedin", "wechat")', {"platforms": ("wechat",)}, True),
    ('uses("linkedin")', {"platforms": ()}, False),
    ('sensitivity >= "medium"', {"sensitivity": "high"}, True),
    ('sensitivity >= "medium"', {"sensitivity": "low"}, False),
    ('sensitivity > "high"', {"sensitivity": "high"}, False),
    ('sensitivity < "high"', {}, False),
    ('role == "a"', {"role": "a"}, True),
    ('role != "a"', {}, True),
    ('role in ["a", "b"]', {"role": "b"}, True),
    ('"zh" in langs', {"langs": ("en", "zh")}, True),
    ('travels and (role == "a" or uses("wechat"))', {"travels": True, "platforms": ("wechat",)}, True),
    ("not not travels", {"travels": True}, True),
    ('travels or role == "b" and false', {"travels": True}, True),
])
def test_evaluate(src: str, answers: dict[str, object], expected: bool) -> None:
    assert ev(src, **answers) is expected


@pytest.mark.parametrize(("src", "message"), [
    ("", "empty"),
    ("nosuch", "unknown profile question 'nosuch'"),
    ('uses("myspace")', "unknown platform 'myspace'"),
    ('role == "zzz"', "'zzz' is not an option of 'role'"),
    ("role", "not a yes/no question"),
    ('travels == "a"', "not a single-choice question"),
    ("travels and", "unexpected end"),
    ("(travels", "unexpected end"),
    ("(travels or", "unexpected end"),
    ("(travels]", "expected ')'"),
    ("travels travels", "unexpected 'travels'"),
    ("__import__('os')", "unknown profile question '__import__'"),
    ("travels; rm -rf /", "unexpected character ';'"),
    ("(" * 40 + "travels" + ")" * 40, "nested deeper than 32"),
    ("not " * 40 + "travels", "nested deeper than 32"),
    ("travels or " * 600 + "travels", "longer than"),
])
def test_errors(src: str, message: str) -> None:
    with pytest.raises(ConditionError, match=None) as exc:
        compile_condition(src, Q, PLATFORMS)
    assert message in str(exc.value)


def test_condition_records_what_it_reads() -> None:
    c = compile_condition('travels and uses("wechat")', Q, PLATFORMS)
    assert c.names == {"travels", "platforms"}
    assert c.platforms == {"wechat"}
