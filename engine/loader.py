"""Loads a rule directory into a Rulebook: safe YAML → rule-file schemas → references, types and citations checked."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from engine.errors import RuleFileError
from engine.rulebook import CriterionRule, Provision, Rulebook, value_at
from engine.typecheck import TypeProblem, check_amount, check_condition, fields_of, params_used
from engine.yamlsafe import load_yaml
from schemas.rulefile import (
    DEFINE_TAG, USE_TAG, CriterionUse, DefinitionsFile, PackFile, ProvisionFile, Window,
)

M = TypeVar("M", bound=BaseModel)
MAX_PLAN_BYTES = 1024 * 1024
DEFAULT_RULES = Path(__file__).resolve().parent.parent / "rules"


def _validate(model: type[M], data: Any, display: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # A misspelt key also makes the right one "missing": report the unknown key first.
        err = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")[0]
        key = ".".join(str(p) for p in err["loc"] if p not in (USE_TAG, DEFINE_TAG))
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "unknown key (check its spelling and the rule file format in README.md)"
        raise RuleFileError(display, key, message) from None


def load_rulebook(directory: str | Path = DEFAULT_RULES) -> Rulebook:
    """Load and check every file of a rule directory; raises RuleFileError naming the file and key."""
    root = Path(directory)
    if not (root / "pack.yaml").is_file():
        raise RuleFileError(str(root), "", "not a rule directory: pack.yaml is missing")
    digest = hashlib.sha256()

    def read(name: str) -> Any:
        data, raw = load_yaml(root / name, f"{root.name}/{name}")
        digest.update(name.encode() + b"\0" + raw + b"\0")
        return data

    pack = _validate(PackFile, read("pack.yaml"), f"{root.name}/pack.yaml")
    plan_path = root / pack.plan_text
    if not plan_path.is_file() or plan_path.stat().st_size > MAX_PLAN_BYTES:
        raise RuleFileError(f"{root.name}/pack.yaml", "plan_text", f"{pack.plan_text} is missing or too large")
    plan_raw = plan_path.read_bytes()
    digest.update(pack.plan_text.encode() + b"\0" + plan_raw + b"\0")
    plan_text = plan_raw.decode("utf-8")
    definitions = _validate(DefinitionsFile, read("definitions.yaml"), f"{root.name}/definitions.yaml")
    for cid, shared in definitions.criteria.items():
        try:  # shared criteria may use shared parameters only, so they are checked once, in their own file
            check_condition(shared.when, definitions.parameters, f"criteria.{cid}.when")
        except TypeProblem as exc:
            raise RuleFileError(f"{root.name}/definitions.yaml", exc.key, exc.message) from None

    known = {"pack.yaml", "definitions.yaml", *(f"{pid}.yaml" for pid in pack.provisions)}
    strays = sorted(p.name for p in root.glob("*.yaml") if p.name not in known)
    if strays:
        raise RuleFileError(f"{root.name}/{strays[0]}", "", "not listed under provisions in pack.yaml")
    if len(set(pack.provisions)) != len(pack.provisions):
        raise RuleFileError(f"{root.name}/pack.yaml", "provisions", "a provision is listed twice")

    provisions = []
    for pid in pack.provisions:
        display = f"{root.name}/{pid}.yaml"
        if not (root / f"{pid}.yaml").is_file():
            raise RuleFileError(display, "", "listed in pack.yaml but the file is missing")
        spec = _validate(ProvisionFile, read(f"{pid}.yaml"), display)
        provisions.append(_resolve(spec, definitions, plan_text, display, pid))

    return Rulebook(
        pack=pack.pack, version=pack.version, title=pack.title, document=pack.document,
        digest=digest.hexdigest(), directory=str(root.resolve()), provisions=tuple(provisions), plan_text=plan_text,
    )


def _resolve(spec: ProvisionFile, definitions: DefinitionsFile, plan_text: str, display: str, pid: str) -> Provision:
    if spec.id != pid:
        raise RuleFileError(display, "id", f"is {spec.id!r} but the file is named for {pid!r}")
    if spec.citation.text not in plan_text:
        raise RuleFileError(display, "citation.text", "not found verbatim in the plan text; quote the plan exactly")
    if isinstance(spec.effective, Window):
        window = spec.effective
    elif spec.effective in definitions.windows:
        window = definitions.windows[spec.effective]
    else:
        raise RuleFileError(display, "effective", f"no window {spec.effective!r} in definitions.yaml")
    shadowed = sorted(set(spec.parameters) & set(definitions.parameters))
    if shadowed:
        raise RuleFileError(display, f"parameters.{shadowed[0]}", "already defined in definitions.yaml; use that one")
    params = {**definitions.parameters, **spec.parameters}

    criteria: list[CriterionRule] = []
    for i, item in enumerate(spec.criteria):
        key = f"criteria.{i}"
        if isinstance(item, CriterionUse):
            shared = definitions.criteria.get(item.use)
            if shared is None:
                raise RuleFileError(display, f"{key}.use", f"no criterion {item.use!r} in definitions.yaml")
            criteria.append(CriterionRule(item.use, shared.label, shared.when, shared.subject))
        else:
            criteria.append(CriterionRule(item.id, item.label, item.when, item.subject))
        try:
            check_condition(criteria[-1].when, params, f"{key}.when")
        except TypeProblem as exc:
            raise RuleFileError(display, exc.key, exc.message) from None
    ids = [c.id for c in criteria]
    dupes = sorted({c for c in ids if ids.count(c) > 1})
    if dupes:
        raise RuleFileError(display, "criteria", f"criterion {dupes[0]!r} appears twice")

    used = params_used(tuple(c.when for c in criteria))
    if spec.amount is not None:
        for part in ("formula", "cap", "cumulative_cap", "received"):
            term = getattr(spec.amount, part)
            if term is not None:
                try:
                    check_amount(term, params, f"amount.{part}")
                except TypeProblem as exc:
                    raise RuleFileError(display, exc.key, exc.message) from None
                used |= params_used(term)
    for name in sorted(used):
        if value_at(params[name], window.from_) is None:
            raise RuleFileError(display, f"parameters.{name}",
                                f"has no value in force on {window.from_}, when the provision takes effect")
    # The provision keeps only the parameters it uses, so unrelated versions do not split its epochs.
    return Provision(
        id=spec.id, title=spec.title, citation=spec.citation, departments=spec.departments, window=window,
        parameters={n: params[n] for n in sorted(used)}, criteria=tuple(criteria), amount=spec.amount,
        benefit=spec.benefit, assumptions=tuple(spec.assumptions), source=display,
    )


def amount_fields(provision: Provision) -> list[str]:
    """Input fields the amount formula reads (SPEC §2: missing ones make the provision undetermined)."""
    if provision.amount is None:
        return []
    a = provision.amount
    return fields_of(tuple(t for t in (a.formula, a.cap, a.cumulative_cap, a.received) if t is not None))
