"""What the self-check API answers, without HTTP: check, next question, interview step, provisions, fields.

engine/selfcheck/app.py puts these behind HTTP. Invalid input raises InputError (one Issue per field path).
"""

from __future__ import annotations

import threading
from typing import Any

from pydantic import ValidationError

from engine.advise.advice import with_advice
from engine.errors import InputError, Issue
from engine.evaluate.evaluator import Evaluator
from engine.evaluate.explain import CHOICES
from engine.messages import LANGS, both
from engine.selfcheck import form
from engine.intake.documents import issues_from, parse_application
from engine.rules.loader import load_rulebook
from engine.selfcheck.interview import Question, answer, evaluate_partial, next_question, partial_application
from schemas.api import InterviewStep
from schemas.application import FIELDS
from schemas.codes import ROBOT_INDUSTRY_CLASSES, SHANDONG_CITIES
from schemas.result import Evaluation


class Service:
    """One evaluator per process, used under a lock (the durable_rules C core is not thread-safe)."""

    def __init__(self, rules_dir: str) -> None:
        self.rulebook = load_rulebook(rules_dir)
        self.evaluator = Evaluator(self.rulebook)
        self.lock = threading.Lock()

    def provisions(self) -> list[dict[str, Any]]:
        return [{"id": p.id, "title": {"zh": p.title.zh, "en": p.title.en},
                 "citation": {"section": p.citation.section, "text": p.citation.text},
                 "effective": {"from": p.window.from_.isoformat(), "to": p.window.to.isoformat()}}
                for p in self.rulebook.provisions]

    def check(self, doc: Any, advice: bool = False) -> Evaluation:
        """The evaluation; with `advice`, also how to qualify for what is not yet eligible."""
        app = parse_application(doc, source="request")
        with self.lock:
            return with_advice(self.evaluator, app) if advice else self.evaluator.evaluate(app)

    def next(self, doc: Any) -> dict[str, Any]:
        """The next question for a partial application (plus `_skipped`); the request document is left as it was."""
        if not isinstance(doc, dict):
            raise InputError("request", [Issue.of("(application)", "model_type", "selfcheck.request_object")])
        skipped = doc.get("_skipped") or []
        if not isinstance(skipped, list) or not all(isinstance(s, str) for s in skipped):
            raise InputError("request", [Issue.of("_skipped", "list_type", "selfcheck.skipped_list")])
        application = {k: v for k, v in doc.items() if k != "_skipped"}  # a copy: the caller's dict stays whole
        with self.lock:
            q = next_question(self.evaluator, application, frozenset(skipped))
            if q is None:
                return {"question": None, "result": evaluate_partial(self.evaluator, application).to_json_dict()}
        return {"question": _question(q), "result": None}

    def interview(self, body: Any) -> dict[str, Any]:
        """One step of the web page's interview: apply the answer, then the next question or the result."""
        step = _step(body)
        doc = step.application
        if step.answer is not None:
            doc = answer(doc, step.answer.field, step.answer.text)
        with self.lock:
            q = None if step.finish else (
                Question(step.ask, FIELDS[step.ask], ()) if step.ask in FIELDS
                else next_question(self.evaluator, doc, frozenset(step.skipped)))
            # The page's result says how to qualify for what is not yet eligible (the advice block).
            result = None if q else with_advice(self.evaluator, partial_application(doc)).to_json_dict()
        answered = [{"field": path, "label": {"zh": spec.zh, "en": spec.en},
                     "shown": {lang: form.shown(path, value, lang) for lang in LANGS}}
                    for path, spec in FIELDS.items()
                    if "." in path and (value := _get(doc, path)) is not None]  # answers, not the as_of date
        return {"application": doc, "answered": answered, "question": _question(q) if q else None, "result": result}


def _step(body: Any) -> InterviewStep:
    try:
        return InterviewStep.model_validate(body)
    except ValidationError as exc:
        raise InputError("request", issues_from(exc)) from None


def _get(doc: dict[str, Any], path: str) -> Any:
    section, _, name = path.partition(".")
    holder = doc.get(section)
    return holder.get(name) if isinstance(holder, dict) else None


def _options(pairs: dict[str, tuple[str, str]]) -> list[dict[str, str]]:
    return [{"value": value, "zh": zh, "en": en} for value, (zh, en) in pairs.items()]


# Values a person may pick for free-text code fields (anything else may still be typed).
SUGGESTIONS = {"applicant.city_code": _options(SHANDONG_CITIES),
               "applicant.industry_code": _options(ROBOT_INDUSTRY_CLASSES)}


def describe_field(path: str) -> dict[str, Any]:
    """What a form needs to ask for one field: its kind, labels, choices and suggestions."""
    spec = FIELDS[path]
    return {"field": path, "kind": spec.kind, "label": {"zh": spec.zh, "en": spec.en}, "choices": list(spec.choices),
            "choice_labels": _options({c: CHOICES.get(c, (c, c)) for c in spec.choices}),
            "suggestions": SUGGESTIONS.get(path, [])}


def describe_fields() -> list[dict[str, Any]]:
    return [describe_field(path) for path in FIELDS]


def _question(q: Question) -> dict[str, Any]:
    """The question as the page shows it: the field, its section of the form, what to type, what it serves."""
    serves = [{"provision": n.provision, "title": {"zh": n.title.zh, "en": n.title.en}, "section": n.section,
               "criteria": [{"zh": c.zh, "en": c.en} for c in n.criteria]} for n in q.needs]
    return {**describe_field(q.field), "needed_by": list(q.provisions),
            "section": {"id": q.section, **both(f"selfcheck.section.{q.section}")},
            "hint": {lang: form.hint(q.spec, lang) for lang in LANGS}, "serves": serves}
