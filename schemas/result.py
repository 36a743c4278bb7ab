"""The result of evaluating one application (the JSON of `subsidy check --format json` and the API).

Plain frozen dataclasses, built once per application on the hot path; pydantic serialises them and
gives their JSON Schema (`RESULT_ADAPTER`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import TypeAdapter

Status = Literal["eligible", "ineligible", "undetermined", "review", "not_in_effect"]
Outcome = Literal["pass", "fail", "unknown"]


@dataclass(frozen=True, slots=True)
class Text:
    zh: str
    en: str


class _MadeOnce:
    """Values made by `make` on first read, then kept; `make` is dropped so it lets go of what it read."""

    __slots__ = ()  # the subclasses hold _make and _made beside their dataclass's own slots

    def _defer(self, make: Callable[[], Any]) -> None:
        object.__setattr__(self, "_make", make)
        object.__setattr__(self, "_made", None)

    def _pair(self) -> Any:
        made = self._made  # type: ignore[attr-defined]
        if made is None:
            made = self._make()  # type: ignore[attr-defined]
            object.__setattr__(self, "_made", made)
            object.__setattr__(self, "_make", None)
        return made


class LazyText(_MadeOnce, Text):
    """A Text worded only when first read: most batch outputs show statuses and amounts, never the words.

    Equal to, hashed as and pickled as the plain Text it words; `make` must be a pure function.
    """

    __slots__ = ("_make", "_made")

    def __init__(self, make: Callable[[], tuple[str, str]]) -> None:  # noqa: D107 - no dataclass fields set
        self._defer(make)

    zh = property(lambda self: self._pair()[0])  # type: ignore[assignment]
    en = property(lambda self: self._pair()[1])  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.zh, self.en) == (other.zh, other.en)

    __hash__ = Text.__hash__

    def __reduce__(self) -> tuple[type[Text], tuple[str, str]]:
        return Text, (self.zh, self.en)

    def __repr__(self) -> str:
        return f"Text(zh={self.zh!r}, en={self.en!r})"


@dataclass(frozen=True, slots=True)
class CriterionResult:
    id: str
    label: Text
    result: Outcome
    explanation: Text
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CitationOut:
    section: str
    text: str


@dataclass(frozen=True, slots=True)
class ProvisionResult:
    provision: str
    title: Text
    status: Status
    amount: int | None
    max_amount: int | None
    criteria: tuple[CriterionResult, ...]
    missing: tuple[str, ...]
    citation: CitationOut
    explanation: Text
    amount_explanation: Text | None = None
    benefit: Text | None = None
    pending_review: tuple[str, ...] = ()  # review.* fields an official has still to decide
    scores: dict[str, int | None] = field(default_factory=dict)  # each score's value; None while it is a range
    score_explanations: dict[str, Text] = field(default_factory=dict)  # which tier applied, or the range and why
    estimate: bool = False  # the amount uses a modelling assumption: 测算, never 核定
    assumptions: tuple[Text, ...] = ()
    lead_department: str = ""  # where to apply: the plan's lead department(s)


class LazyProvisionResult(ProvisionResult):
    """A ProvisionResult whose fields are read off what decided it, and whose criteria and words are made when
    first read: a screening or a total reads only the decision.

    The base of the evaluator's results (engine/evaluate/provision_result.py), which give every field as a
    property over a few slots: one evaluation makes one per provision, and filling a frozen dataclass's
    twenty fields cost more than the decision itself. Equal to, and pickled as, the plain result it stands
    for; `dataclasses.replace` gives a plain one.
    """

    __slots__ = ()

    def __new__(cls, **fields: Any) -> ProvisionResult:  # type: ignore[misc]  # as dataclasses.replace calls it
        return ProvisionResult(**fields)

    def _plain(self) -> ProvisionResult:
        return ProvisionResult(**{name: getattr(self, name) for name in ProvisionResult.__dataclass_fields__})

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ProvisionResult):
            return NotImplemented
        return self._plain() == (other._plain() if isinstance(other, LazyProvisionResult) else other)

    __hash__ = None  # type: ignore[assignment]  # like ProvisionResult: it holds dicts

    def __reduce__(self) -> tuple[Any, ...]:
        return self._plain().__reduce__()

    def __repr__(self) -> str:
        return repr(self._plain())


@dataclass(frozen=True, slots=True)
class RulesInfo:
    pack: str
    version: str
    digest: str


@dataclass(frozen=True, slots=True)
class InputWarning:
    loc: str
    type: str
    msg: Text


@dataclass(frozen=True, slots=True)
class Audit:
    """What it takes to defend the decision later: which rules and engine, on what input, when."""

    rules_digest: str
    rules_version: str
    engine_version: str
    durable_rules_version: str
    matcher: str
    as_of: dt.date
    input_sha256: str  # sha256 of `input` as compact JSON in schema field order (engine/evaluate/audit.py)
    evaluated_at: str  # UTC, ISO 8601
    input: dict[str, Any]  # the validated application, for `subsidy verify`


class LazyAudit(_MadeOnce, Audit):
    """An Audit whose input copy and its hash are made only when first read: a CSV screening never reads them.

    Equal to, and pickled as, the plain Audit it stands for; `make` must be a pure function.
    """

    __slots__ = ("_make", "_made")

    def __init__(self, make: Callable[[], tuple[str, str]], **eager: Any) -> None:  # noqa: D107
        for name, value in eager.items():  # the other fields, through Audit's own slots
            object.__setattr__(self, name, value)
        self._defer(make)

    # `make` gives the hash and the input as compact JSON: the API writes that text as it is, and
    # the dict is read back from it only when asked for.
    input_sha256 = property(lambda self: self._pair()[0])  # type: ignore[assignment]
    input_json = property(lambda self: self._pair()[1])

    @property  # type: ignore[override]
    def input(self) -> dict[str, Any]:  # type: ignore[override]
        made = self._pair()
        if len(made) == 2:
            made = (*made, json.loads(made[1]))
            object.__setattr__(self, "_made", made)
        return made[2]

    def _plain(self) -> Audit:
        return Audit(**{name: getattr(self, name) for name in Audit.__dataclass_fields__})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Audit) and self._plain() == (other._plain() if isinstance(other, LazyAudit) else other)

    __hash__ = None  # type: ignore[assignment]  # like Audit: it holds a dict

    def __reduce__(self) -> tuple[Any, ...]:
        return self._plain().__reduce__()

    def __repr__(self) -> str:
        return repr(self._plain())


@dataclass(frozen=True, slots=True)
class Change:
    """One change to a controllable fact: `before` → `after` (for numbers the least change that is enough)."""

    field: str
    label: Text
    before: Any
    after: Any
    direction: Literal["at_least", "at_most", "set"]  # "at least 3,692,308 yuan", or a value to set
    delta: int | None  # after − before, for numbers
    explanation: Text


@dataclass(frozen=True, slots=True)
class Blocking:
    """A failed criterion that no change to controllable facts can make pass (city, industry, a past accident)."""

    criterion: str
    label: Text
    explanation: Text
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScoreChange:
    score: str
    label: Text
    before: int | None
    after: int | None


@dataclass(frozen=True, slots=True)
class ProvisionAdvice:
    """The nearest way to a provision: `plan` (changes, re-evaluated), `supply` (facts to give first),
    `blocked` (a criterion no controllable change can meet) or `none` (no plan passed re-evaluation)."""

    provision: str
    title: Text
    status: Status  # now: ineligible or undetermined
    kind: Literal["plan", "supply", "blocked", "none"]
    changes: tuple[Change, ...]
    supply: tuple[str, ...]  # facts to provide (missing now, or still missing after the changes)
    blocking: tuple[Blocking, ...]
    meets: tuple[str, ...]  # the failed criteria the changes make pass
    then_status: Status | None  # what re-evaluating the advised application gives (None unless kind is plan)
    then_amount: int | None
    estimate: bool
    score_changes: tuple[ScoreChange, ...]
    verified_by: str | None  # the matcher that re-evaluated the advised application
    explanation: Text


@dataclass(frozen=True, slots=True)
class Evaluation:
    application_id: str
    as_of: dt.date
    rules: RulesInfo
    results: tuple[ProvisionResult, ...]
    total_amount: int
    evaluator: str
    total_pending_review: int = 0  # the amounts of provisions awaiting review (provisional)
    total_max_undetermined: int = 0  # the most the undetermined provisions could add once the data is complete
    warnings: tuple[InputWarning, ...] = field(default=())
    audit: Audit | None = None
    # Only when asked for (`subsidy check --advice`): without it the JSON has no `advice` key at all.
    advice: tuple[ProvisionAdvice, ...] | None = None

    def to_json_dict(self) -> dict[str, Any]:
        return RESULT_ADAPTER.dump_python(self, mode="json", exclude=NO_ADVICE if self.advice is None else None)

    def result(self, provision: str) -> ProvisionResult:
        for r in self.results:
            if r.provision == provision:
                return r
        raise KeyError(provision)


RESULT_ADAPTER: TypeAdapter[Evaluation] = TypeAdapter(Evaluation)
NO_ADVICE = {"advice"}  # dump with exclude=NO_ADVICE when `advice` is None: results without advice keep their keys
