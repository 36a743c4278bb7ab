"""`subsidy interview` in a terminal: the form, section by section, with help, pick-lists and answers read back.

The prompts go through two callables (`ask`, `say`) so that the CLI uses click and a test types the answers.
The answers so far stay in `Session.doc`: when the person stops (Ctrl-C), the CLI can still save them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from engine.advise.advice import with_advice
from engine.errors import InputError
from engine.evaluate.evaluator import Evaluator
from engine.intake import words
from engine.messages import text
from engine.selfcheck import form
from engine.intake.documents import parse_application
from engine.selfcheck.interview import (PLACEHOLDER_ID, Question, answer, next_question, partial_application,
                                        value_at)
from schemas.application import FIELDS
from schemas.result import Evaluation


@dataclass
class Session:
    evaluator: Evaluator
    lang: str
    ask: Callable[[str], str]  # shows a prompt, returns what was typed ("" for Enter)
    say: Callable[[str], None]
    as_of: dt.date | None = None
    doc: dict[str, Any] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    answered: int = 0

    def run(self) -> Evaluation:
        """Ask until no answer can change a provision any more; the evaluation (with advice) of what was answered."""
        self.say(text("selfcheck.intro", self.lang))
        section = None
        while (q := next_question(self.evaluator, self.doc, frozenset(self.skipped), self.as_of)) is not None:
            if q.section != section:
                self.say("")
                self.say(form.heading(q.section, self.lang))
                section = q.section
            self._question(q)
        # The report of `subsidy check --advice`: it also says how to qualify for what is not yet eligible.
        return with_advice(self.evaluator, partial_application(self.doc), self.as_of)

    def _question(self, q: Question) -> None:
        """One question until it is answered or skipped: `?` explains, a bad answer is explained and asked again."""
        self.say(form.serves(q, self.lang))
        while True:
            typed = self.ask(form.prompt(q, self.lang)).strip()
            if words.normalise(typed) in words.HELP:
                for line in form.help_lines(q, self.lang):
                    self.say(line)
                continue
            if not typed:
                self.skipped.add(q.field)
                return
            chosen = self._choose(q.field, typed)
            if chosen is None:
                continue
            try:
                self.doc = answer(self.doc, q.field, chosen)
            except InputError as exc:
                for issue in exc.issues:
                    self.say("  " + (issue.en if self.lang == "en" else issue.zh))
                continue
            section, _, name = q.field.partition(".")
            if said := form.confirmation(q.field, typed, self.doc[section][name], self.lang):
                self.say(said)
            self.answered += 1
            return

    def _choose(self, field: str, typed: str) -> str | None:
        """A name meaning several places or classes: the person picks one by number (None: answer again)."""
        options = form.candidates(field, typed)
        if not options:
            return typed
        self.say(text("selfcheck.pick", self.lang, typed=typed))
        for number, (_, label) in enumerate(options, 1):
            self.say(text("selfcheck.pick_item", self.lang, number=number, label=label))
        while True:
            picked = self.ask(text("selfcheck.pick_prompt", self.lang)).strip()
            if not picked:
                return None
            if picked.isdigit() and 1 <= int(picked) <= len(options):
                return options[int(picked) - 1][0]
            self.say("  " + text("selfcheck.pick_bad", self.lang, count=len(options)))


def answers_in(data: Any, source: str) -> dict[str, Any]:
    """The answers of an application JSON (a --save file) to start an interview from; InputError if it is invalid."""
    parse_application(data, source=source)
    return {k: v for k, v in data.items() if k != "application_id"}


def count_answers(doc: dict[str, Any]) -> int:
    return sum(1 for path in FIELDS if "." in path and value_at(doc, path) is not None)


def save(path: str, doc: dict[str, Any], as_of: dt.date | None = None) -> None:
    """The answers as an application JSON that `subsidy check` reads (with the assessment date the interview used)."""
    day = as_of.isoformat() if as_of else doc.get("as_of")
    dated = {"as_of": day} if day else {}
    answers = {k: v for k, v in doc.items() if k != "as_of"}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"application_id": PLACEHOLDER_ID, **dated, **answers}, fh, ensure_ascii=False, indent=2,
                  default=str)
        fh.write("\n")
