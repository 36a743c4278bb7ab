"""The advice section ("how to qualify") of a report, in text or Markdown: plans first, then facts to supply, then blocks."""

from __future__ import annotations

from typing import Literal

from engine.messages import text
from schemas.result import ProvisionAdvice, Text

Lang = Literal["zh", "en"]
_ORDER = {"plan": 0, "none": 1, "supply": 2, "blocked": 3}
_STATUS = {"ineligible": "advice.now.ineligible", "undetermined": "advice.now.undetermined"}


def ordered(advice: tuple[ProvisionAdvice, ...]) -> list[ProvisionAdvice]:
    """Plans first (what can be done), then what to supply, then what cannot be met; pack order within each."""
    return sorted(advice, key=lambda a: _ORDER[a.kind])


def _t(words: Text, lang: Lang) -> str:
    return words.zh if lang == "zh" else words.en


def lines(a: ProvisionAdvice, lang: Lang) -> list[str]:
    """The lines under one provision's heading: the changes, score steps, blocking criteria, the check made."""
    out = [_t(c.explanation, lang) for c in a.changes]
    for s in a.score_changes:
        delta = f"{(s.after or 0) - (s.before or 0):+d}" if s.before is not None and s.after is not None else "?"
        out.append(text("advice.score", lang, label=_t(s.label, lang), before="?" if s.before is None else s.before,
                        after="?" if s.after is None else s.after, delta=delta))
    for b in a.blocking:
        out.append(text("advice.blocking_item", lang, label=_t(b.label, lang), why=_t(b.explanation, lang)))
    if a.verified_by:
        out.append(text("advice.verified", lang, matcher=a.verified_by))
    return out


def heading(a: ProvisionAdvice, lang: Lang) -> str:
    return f"[{text(_STATUS[a.status], lang)}] {_t(a.title, lang)} ({a.provision}): {_t(a.explanation, lang)}"


def render_advice_text(advice: tuple[ProvisionAdvice, ...], lang: Lang) -> list[str]:
    out = ["", text("advice.heading", lang)]
    if not advice:
        return out + [f"  {text('advice.none_needed', lang)}"]
    for a in ordered(advice):
        out.append(heading(a, lang))
        out += [f"  → {line}" for line in lines(a, lang)]
    return out


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def render_advice_markdown(advice: tuple[ProvisionAdvice, ...], lang: Lang) -> list[str]:
    out = ["", f"## {text('advice.heading', lang)}", ""]
    if not advice:
        return out + [text("advice.none_needed", lang)]
    for a in ordered(advice):
        out += ["", f"### {_cell(_t(a.title, lang))} (`{a.provision}`) — {text(_STATUS[a.status], lang)}", "",
                _cell(_t(a.explanation, lang))]
        out += [f"- {_cell(line)}" for line in lines(a, lang)]
    return out
