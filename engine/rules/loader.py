"""Loads a rule directory into a Rulebook: safe YAML → rule-file schemas → references, types and citations checked."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from engine.errors import RuleFileError
from engine.rules.rulebook import CriterionRule, Provision, Rulebook, value_at
from engine.rules.typecheck import TypeProblem, check_amount, check_condition, fields_of, params_used, scores_used
from engine.rules.schema_problems import BROKEN, schema_problem, spare_broken_criteria, without_floats
from engine.rules.locate import locate
from engine.rules.suggest import hint
from engine.rules.yamlsafe import load_yaml
from schemas.rulefile import (
    Compare, Const, CriterionUse, DefinitionsFile, PackFile, Parameter, ProvisionFile, Tier, Window,
)

REVIEW_PREFIX = "review."

M = TypeVar("M", bound=BaseModel)
MAX_PLAN_BYTES = 1024 * 1024
DEFAULT_RULES = Path(__file__).resolve().parents[2] / "rules"


class Problems:
    """Where rule-file problems go: the loader raises the first error, the linter collects them all."""

    def __init__(self, collect: bool = False, root: Path | None = None) -> None:
        self.collect = collect
        self.root = root  # where the files are, to locate each problem (line, column, place)
        self.items: list[RuleFileError] = []

    def add(self, path: str, key: str, msg: str, severity: str = "error", **fields: Any) -> None:
        """Record (or raise) one problem; `msg` is its key in the message catalogue, `fields` fill it in."""
        self.put(RuleFileError.of(path, key, msg, severity=severity, **fields))

    def put(self, problem: RuleFileError) -> None:
        if self.root is not None:
            locate(self.root, problem)
        if problem.severity == "error" and not self.collect:
            raise problem
        self.items.append(problem)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.items if p.severity == "error")


def _validate(model: type[M], data: Any, display: str, problems: Problems) -> M | None:
    """The file as its schema; every schema problem reported, and broken criteria set aside so the rest is checked."""
    if data is None:
        return None  # the file could not be read as YAML: that problem is reported already
    data = without_floats(data, display, problems)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # A misspelt key also makes the right one "missing": report unknown keys first.
        for err in sorted(errors, key=lambda e: e["type"] != "extra_forbidden"):
            problems.put(schema_problem(err, display))
        spared = spare_broken_criteria(data, errors)
        if spared is None:
            return None
        try:
            return model.model_validate(spared)
        except ValidationError:
            return None


def load_rulebook(directory: str | Path = DEFAULT_RULES) -> Rulebook:
    """Load and check every file of a rule directory; raises RuleFileError naming the file and key."""
    book = load_with(Path(directory), Problems())
    assert book is not None  # without collecting, any error has raised
    return book


def load_with(root: Path, problems: Problems) -> Rulebook | None:
    """The rulebook; None when the pack or the definitions could not be read (problems collected)."""
    problems.root = root
    if not (root / "pack.yaml").is_file():
        raise RuleFileError.of(str(root), "", "lint.not_rule_dir")
    digest = hashlib.sha256()

    def read(name: str) -> Any:
        try:
            data, raw = load_yaml(root / name, f"{root.name}/{name}")
        except RuleFileError as exc:
            problems.put(exc)  # raised again unless problems are collected
            return None
        digest.update(name.encode() + b"\0" + raw + b"\0")
        return data

    pack_display = f"{root.name}/pack.yaml"
    pack = _validate(PackFile, read("pack.yaml"), pack_display, problems)
    if pack is None:
        return None
    plan_path = root / pack.plan_text
    if not plan_path.is_file() or plan_path.stat().st_size > MAX_PLAN_BYTES:
        problems.add(pack_display, "plan_text", "lint.plan_missing", name=pack.plan_text)
        return None
    plan_raw = plan_path.read_bytes()
    digest.update(pack.plan_text.encode() + b"\0" + plan_raw + b"\0")
    plan_text = plan_raw.decode("utf-8")
    definitions_display = f"{root.name}/definitions.yaml"
    definitions = _validate(DefinitionsFile, read("definitions.yaml"), definitions_display, problems)
    if definitions is None:  # the provisions cannot be resolved, but their own syntax and shape can be checked
        for pid in pack.provisions:
            if (root / f"{pid}.yaml").is_file():
                _validate(ProvisionFile, read(f"{pid}.yaml"), f"{root.name}/{pid}.yaml", problems)
        return None
    for cid, shared in definitions.criteria.items():
        try:  # shared criteria may use shared parameters only, so they are checked once, in their own file
            check_condition(shared.when, definitions.parameters, f"criteria.{cid}.when")
        except TypeProblem as exc:
            problems.add(definitions_display, exc.key, exc.msg, **exc.fields)

    present = _pack_listing(root, pack, problems)

    provisions = []
    for pid in pack.provisions:
        display = f"{root.name}/{pid}.yaml"
        if not (root / f"{pid}.yaml").is_file():
            problems.add(display, "", "lint.file_missing", hint=hint(pid, present))
            continue
        spec = _validate(ProvisionFile, read(f"{pid}.yaml"), display, problems)
        if spec is not None:
            provision = _resolve(spec, definitions, plan_text, display, pid, problems)
            if provision is not None:
                provisions.append(provision)
    # When problems are collected (the linter), the rulebook holds the provisions that did load.
    return Rulebook(
        pack=pack.pack, version=pack.version, title=pack.title, document=pack.document,
        digest=digest.hexdigest(), directory=str(root.resolve()), provisions=tuple(provisions), plan_text=plan_text,
    )


def _pack_listing(root: Path, pack: PackFile, problems: Problems) -> list[str]:
    """Files not listed in the pack, provisions listed twice; the provision files present (for "did you mean")."""
    known = {"pack.yaml", "definitions.yaml", *(f"{pid}.yaml" for pid in pack.provisions)}
    for stray in sorted(p.name for p in root.glob("*.yaml") if p.name not in known):
        problems.add(f"{root.name}/{stray}", "", "lint.stray_file")
    if len(set(pack.provisions)) != len(pack.provisions):
        problems.add(f"{root.name}/pack.yaml", "provisions", "lint.listed_twice")
    return [p.stem for p in root.glob("*.yaml") if p.name not in ("pack.yaml", "definitions.yaml")]


def _resolve(
    spec: ProvisionFile, definitions: DefinitionsFile, plan_text: str, display: str, pid: str, problems: Problems
) -> Provision | None:
    before = problems.errors
    if spec.id != pid:
        problems.add(display, "id", "lint.id_mismatch", id=repr(spec.id), pid=repr(pid))
    if spec.citation.text not in plan_text:
        problems.add(display, "citation.text", "lint.citation_not_found")
    if isinstance(spec.effective, Window):
        window = spec.effective
    elif spec.effective in definitions.windows:
        window = definitions.windows[spec.effective]
    else:
        problems.add(display, "effective", "lint.no_window", name=repr(spec.effective),
                     hint=hint(spec.effective, definitions.windows))
        return None
    for name in sorted(set(spec.parameters) & set(definitions.parameters)):
        problems.add(display, f"parameters.{name}", "lint.param_shadowed")
    params = {**definitions.parameters, **spec.parameters}

    criteria = _criteria(spec, definitions, params, display, problems)
    used = params_used(tuple(c.when for c in criteria)) | _check_scores(spec, params, display, problems)
    used |= _check_amount(spec, params, display, problems)
    for name in sorted(used):
        if name in params and value_at(params[name], window.from_) is None:
            problems.add(display, f"parameters.{name}", "lint.no_value_at_start", day=window.from_)
    for name in sorted(set(spec.parameters) - used if problems.errors == before else ()):  # a misspelt use is the cause
        problems.add(display, f"parameters.{name}", "lint.param_unused", "warning")
    if problems.errors > before:
        return None
    # The provision keeps only the parameters it uses, so unrelated versions do not split its epochs.
    return Provision(
        id=spec.id, title=spec.title, citation=spec.citation, departments=spec.departments, window=window,
        parameters={n: params[n] for n in sorted(used)}, criteria=tuple(criteria), amount=spec.amount, scores=spec.scores,
        benefit=spec.benefit, assumptions=tuple(spec.assumptions), source=display,
    )


def _criteria(spec: ProvisionFile, definitions: DefinitionsFile, params: dict[str, Parameter], display: str,
              problems: Problems) -> list[CriterionRule]:
    criteria: list[CriterionRule] = []
    for i, item in enumerate(spec.criteria):
        key = f"criteria.{i}"
        if isinstance(item, CriterionUse):
            if item.use == BROKEN:
                continue  # its schema problem is reported; the other criteria are still checked
            shared = definitions.criteria.get(item.use)
            if shared is None:
                problems.add(display, f"{key}.use", "lint.no_shared_criterion", name=repr(item.use),
                             hint=hint(item.use, definitions.criteria))
                continue
            rule = CriterionRule(item.use, shared.label, shared.when, shared.subject, shared.review)
        else:
            rule = CriterionRule(item.id, item.label, item.when, item.subject, item.review)
            _typed(check_condition, item.when, params, f"{key}.when", display, problems)
        reads_review = any(f.startswith(REVIEW_PREFIX) for f in fields_of(rule.when))
        if rule.review and not reads_review:
            problems.add(display, key, "lint.review_needs_field")
        if reads_review and not rule.review:
            problems.add(display, key, "lint.review_unmarked")
        for name in scores_used(rule.when):
            if name not in spec.scores:
                problems.add(display, f"{key}.when", "lint.unknown_score", name=repr(name), hint=hint(name, spec.scores))
        criteria.append(replace(rule, scored=bool(scores_used(rule.when))))
    ids = [c.id for c in criteria]
    for dupe in sorted({c for c in ids if ids.count(c) > 1}):
        problems.add(display, "criteria", "lint.criterion_twice", id=repr(dupe))
    return criteria


def _typed(check: Callable[[Any, dict[str, Parameter], str], None], node: Any, params: dict[str, Parameter],
           key: str, display: str, problems: Problems) -> None:
    """Runs one type check; a problem is recorded with its key so that every problem of a file shows at once."""
    try:
        check(node, params, key)
    except TypeProblem as exc:
        problems.add(display, exc.key, exc.msg, **exc.fields)


def _check_scores(spec: ProvisionFile, params: dict[str, Parameter], display: str, problems: Problems) -> set[str]:
    """Scores refer only to scores defined before them; tiers over one subject go from the highest threshold down."""
    used: set[str] = set()
    seen: list[str] = []
    for name, score in spec.scores.items():
        key = f"scores.{name}"
        for part in (score.greater_of or score.sum or []):
            if part not in seen:
                problems.add(display, key, "lint.score_order", name=repr(part), hint=hint(part, seen))
        for i, tier in enumerate(score.tiers or []):
            if tier.when is not None:
                _typed(check_condition, tier.when, params, f"{key}.tiers.{i}.when", display, problems)
                used |= params_used(tier.when)
        if tier_order_problem(score.tiers or []):
            problems.add(display, f"{key}.tiers", "lint.tier_order")
        seen.append(name)
    return used


def tier_order_problem(tiers: list[Tier]) -> str | None:
    """Tiers with a lower bound on the same subject must go from the highest bound down, or a later one is unreachable."""
    bounds: dict[Any, list[Any]] = {}
    for tier in tiers:
        w = tier.when
        if isinstance(w, Compare) and w.op in ("gte", "gt") and isinstance(w.object, Const):
            bounds.setdefault(w.subject, []).append(w.object.value)
    for values in bounds.values():
        if any(a <= b for a, b in zip(values, values[1:])):
            return "tiers over the same value must go from the highest threshold down without repeats (first match wins)"
    return None


def _check_amount(spec: ProvisionFile, params: dict[str, Parameter], display: str, problems: Problems) -> set[str]:
    used: set[str] = set()
    if spec.amount is None:
        return used
    a = spec.amount
    terms = [(part, getattr(a, part)) for part in ("formula", "cap", "cumulative_cap", "received")]
    for i, case in enumerate(a.cases or []):
        terms.append((f"cases.{i}.formula", case.formula))
        if case.when is not None:
            _typed(check_condition, case.when, params, f"amount.cases.{i}.when", display, problems)
            used |= params_used(case.when)
    for part, term in terms:
        if term is not None:
            _typed(check_amount, term, params, f"amount.{part}", display, problems)
            used |= params_used(term)
    return used


def amount_fields(provision: Provision) -> list[str]:
    """Input fields the amount formula reads: missing ones make the provision undetermined."""
    if provision.amount is None:
        return []
    a = provision.amount
    cases = tuple(x for c in a.cases or [] for x in (c.when, c.formula) if x is not None)
    return fields_of(tuple(t for t in (a.formula, a.cap, a.cumulative_cap, a.received) if t is not None) + cases)
