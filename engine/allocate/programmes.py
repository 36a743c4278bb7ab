"""Loads the programme files of rules/programmes/ and checks them against the rule pack.

A programme file is untrusted like a rule file: read through engine/rules/yamlsafe.py, parsed by
schemas/programme.py, then checked here: the file is named for its id, the citation is verbatim in the
plan, the provision exists, the budget and places name parameters of the right unit, and the score,
date, award and tie fields type-check against the application fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.errors import BatchError, RuleFileError
from engine.messages import text
from engine.rules.loader import load_rulebook
from engine.rules.rulebook import Rulebook, value_at
from engine.rules.typecheck import TypeProblem, check_amount, field_type, fields_of
from engine.rules.yamlsafe import load_yaml
from schemas.programme import ProgrammeFile

SUBDIR = "programmes"
MAX_PROGRAMMES = 64


@dataclass(frozen=True)
class Programme:
    """A checked programme file and where it came from."""

    spec: ProgrammeFile
    source: str  # e.g. "rules/programmes/st-plan-projects.yaml", for messages

    @property
    def id(self) -> str:
        return self.spec.id

    def param(self, name: str | None, day: dt.date) -> Any:
        """A parameter's version in force on `day`; None when the name is None or no version is in force yet."""
        if name is None:
            return None
        return value_at(self.spec.parameters[name], day)

    def params_at(self, day: dt.date) -> dict[str, Any]:
        return {n: value_at(p, day) for n, p in self.spec.parameters.items()}

    def fields(self) -> list[str]:
        """Application fields the programme reads: its score or date, award formula and tie fields."""
        m, a = self.spec.method, self.spec.award
        terms = tuple(t for t in (m.score, a.formula, a.cap) if t is not None)
        found = fields_of(terms) + ([m.date] if m.date else []) + [t.field for t in self.spec.ties]
        return list(dict.fromkeys(found))


def programme_files(rules_dir: str | Path) -> list[Path]:
    folder = Path(rules_dir) / SUBDIR
    return sorted(folder.glob("*.yaml"))[:MAX_PROGRAMMES] if folder.is_dir() else []


def _problem(display: str, key: str, message_key: str, **fields: Any) -> RuleFileError:
    # Rule-file problems are shown in English like the loader's (`subsidy rules validate`).
    return RuleFileError(display, key, text(message_key, "en", **fields))


def _check(spec: ProgrammeFile, book: Rulebook, display: str, stem: str) -> list[RuleFileError]:
    found: list[RuleFileError] = []
    if spec.id != stem:
        found.append(_problem(display, "id", "allocate.lint_id", id=spec.id, stem=stem))
    if spec.citation.text not in book.plan_text:
        found.append(_problem(display, "citation.text", "allocate.lint_citation"))
    provision = next((p for p in book.provisions if p.id == spec.provision), None)
    if provision is None:
        found.append(_problem(display, "provision", "allocate.lint_provision", provision=spec.provision))
    for part, unit in (("budget", "yuan"), ("places", "count")):
        name = getattr(spec, part)
        if name is None:
            continue
        parameter = spec.parameters.get(name)
        if parameter is None or parameter.unit != unit:
            found.append(_problem(display, part, "allocate.lint_limit", name=name, unit=unit))
        elif any(v <= 0 for v in parameter.values.values()):
            found.append(_problem(display, f"parameters.{name}", "allocate.lint_positive"))
    if spec.award.source == "provision" and provision is not None and provision.amount is None:
        found.append(_problem(display, "award.source", "allocate.lint_no_amount", provision=spec.provision))
    found += _types(spec, display)
    return found


def _types(spec: ProgrammeFile, display: str) -> list[RuleFileError]:
    found: list[RuleFileError] = []
    checks: list[tuple[str, Any]] = [("method.score", spec.method.score), ("award.formula", spec.award.formula),
                                     ("award.cap", spec.award.cap)]
    for key, term in checks:
        if term is None:
            continue
        try:
            check_amount(term, spec.parameters, key)
        except TypeProblem as exc:
            found.append(RuleFileError(display, exc.key, exc.message))
    dated = [("method.date", spec.method.date, ("date",))] if spec.method.date else []
    dated += [(f"ties.{i}.field", t.field, ("yuan", "count", "year", "date")) for i, t in enumerate(spec.ties)]
    for key, path, kinds in dated:
        try:
            kind = field_type(path, key).name
        except TypeProblem as exc:
            found.append(RuleFileError(display, exc.key, exc.message))
            continue
        if kind not in ("number", "date") or (kinds == ("date",) and kind != "date"):
            found.append(_problem(display, key, "allocate.lint_order_field", path=path))
    return found


def read_programme(path: Path, book: Rulebook, display: str) -> tuple[Programme | None, list[RuleFileError]]:
    """One programme file: the checked programme, or None and every problem found."""
    try:
        data, _ = load_yaml(path, display)
        spec = ProgrammeFile.model_validate(data)
    except RuleFileError as exc:
        return None, [exc]
    except ValidationError as exc:
        return None, [RuleFileError(display, ".".join(str(p) for p in e["loc"]), e["msg"]) for e in exc.errors()]
    problems = _check(spec, book, display, path.stem)
    return (None if problems else Programme(spec, display)), problems


def lint_programmes(rules_dir: str | Path, book: Rulebook | None) -> list[RuleFileError]:
    """Every problem of every programme file of a rule directory (none when it has no programmes/)."""
    if book is None:
        return []
    root = Path(rules_dir)
    found: list[RuleFileError] = []
    for path in programme_files(root):
        found += read_programme(path, book, f"{root.name}/{SUBDIR}/{path.name}")[1]
    return found


def load_programme(rules_dir: str | Path, programme_id: str, book: Rulebook | None = None) -> Programme:
    """The programme `programme_id` of a rule directory; RuleFileError when it is missing or has a problem."""
    root = Path(rules_dir)
    book = book or load_rulebook(root)
    known = {p.stem: p for p in programme_files(root)}
    if programme_id not in known:
        fields = {"id": programme_id, "known": ", ".join(known) or "-"}
        raise BatchError(f"{root.name}/{SUBDIR}", text("allocate.unknown_programme", "en", **fields),
                         text("allocate.unknown_programme", "zh", **fields))
    programme, problems = read_programme(known[programme_id], book, f"{root.name}/{SUBDIR}/{programme_id}.yaml")
    if programme is None:
        raise problems[0]
    return programme
