"""The interview's words in one language: a question as a form prints it, its help, an answer read back.

Everything here is worded from the catalogue (engine/messages/selfcheck.py), the field list and the rulebook's
own labels, so a new field or provision needs no new sentence here.
"""

from __future__ import annotations

from typing import Any

from engine.evaluate.explain import show, yuan
from engine.intake import words
from engine.messages import text
from engine.selfcheck.interview import Question
from schemas.application import FIELDS, FieldSpec
from schemas.choices import choice_label
from schemas.industries import CLASS_NAMES
from schemas.places import division_name

CITY, INDUSTRY = "applicant.city_code", "applicant.industry_code"
NAMED = 3  # provisions named beside a question; more are counted
_HINTED = ("bool", "yuan", "count", "year", "date")


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def heading(section: str, lang: str) -> str:
    return text(f"selfcheck.section.{section}", lang)


def hint(spec: FieldSpec, lang: str) -> str:
    """What the answer should look like: [是/否], the choices by their labels, the units an amount may use."""
    if spec.path in (CITY, INDUSTRY):
        return text("selfcheck.hint." + ("city" if spec.path == CITY else "industry"), lang)
    if spec.kind in ("enum", "set"):
        options = "/".join(_pick(choice_label(c), lang) for c in spec.choices)
        return text(f"selfcheck.hint.{spec.kind}", lang, options=options)
    return text(f"selfcheck.hint.{spec.kind}", lang) if spec.kind in _HINTED else ""


def prompt(q: Question, lang: str) -> str:
    return text("selfcheck.prompt", lang, label=_pick((q.spec.zh, q.spec.en), lang), hint=hint(q.spec, lang)).strip()


def serves(q: Question, lang: str) -> str:
    """Which provisions wait for the answer: the first few by name, the rest counted."""
    sep = text("intake.list_sep", lang)
    titles = [_pick((n.title.zh, n.title.en), lang) for n in q.needs]
    listed = sep.join(titles[:NAMED])
    if len(titles) > NAMED:
        listed = text("selfcheck.serves_more", lang, listed=listed, count=len(titles))
    return text("selfcheck.serves", lang, provisions=listed)


def help_lines(q: Question, lang: str) -> list[str]:
    """`?`: the term, what to type, and every provision and criterion the answer serves."""
    lines = [text("selfcheck.help_head", lang, label=_pick((q.spec.zh, q.spec.en), lang), field=q.field)]
    if answer_hint := hint(q.spec, lang):
        lines.append(text("selfcheck.help_kind", lang, hint=answer_hint))
    for need in q.needs:
        lines.append(text("selfcheck.help_provision", lang, title=_pick((need.title.zh, need.title.en), lang),
                          section=need.section))
        lines += [text("selfcheck.help_criterion", lang, label=_pick((c.zh, c.en), lang)) for c in need.criteria]
        if not need.criteria:
            lines.append(text("selfcheck.help_amount", lang))
    lines.append(text("selfcheck.help_skip", lang))
    return lines


def shown(field: str, value: Any, lang: str) -> str:
    """A stored answer as a person reads it: 3,200,000 元, 济南市(370100), 3491 工业机器人制造, 企业."""
    spec = FIELDS[field]
    if field == CITY:
        return f"{division_name(value)}({value})" if lang == "zh" else f"{division_name(value)} ({value})"
    if field == INDUSTRY:
        return f"{value} {CLASS_NAMES.get(value, '')}".strip()
    if spec.kind == "yuan":
        return _pick(yuan(value), lang)
    if spec.kind in ("enum", "set"):
        codes = value if isinstance(value, list) else [value]
        return text("intake.list_sep", lang).join(_pick(choice_label(c), lang) for c in codes) \
            or text("selfcheck.none", lang)
    return _pick(show(value, spec.kind), lang)


def confirmation(field: str, typed: str, value: Any, lang: str) -> str | None:
    """The answer read back when it was typed otherwise than stored (320万 → 3,200,000 元, 济南 → 济南市(370100))."""
    if FIELDS[field].kind in ("bool", "date", "text"):
        return None
    read = shown(field, value, lang)
    if typed.strip() in (read, str(value)):
        return None
    return text("selfcheck.confirm", lang, typed=typed.strip(), shown=read)


def candidates(field: str, typed: str) -> list[tuple[str, str]]:
    """(code, label) of each thing a place name or industry keyword may mean, when it means several; else []."""
    if field == CITY:
        codes = words.city_choices(typed)
        return [(c, f"{division_name(c)}({c})") for c in codes] if len(codes) > 1 else []
    if field == INDUSTRY:
        codes = words.industry_choices(typed)
        return [(c, f"{c} {CLASS_NAMES.get(c, '')}") for c in codes] if len(codes) > 1 else []
    return []
