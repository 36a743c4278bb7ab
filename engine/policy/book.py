"""The policy reference book (`subsidy rules doc`): every provision of a pack, in words, for people who apply or review.

One view of the pack (language resolved, values as of one date) feeds two renderings: Markdown, written here,
and HTML, through the shared autoescaping Jinja2 environment. The Markdown carries no timestamp, so the
books in docs/ can be committed and a test can insist they are regenerated when a rule changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from engine.evaluate.explain import field_label, fill, show
from engine.messages import catalogue
from engine.policy.describe import condition_text, term_text
from engine.render.templating import render
from engine.rules.operators import ARITH, joined
from engine.rules.rulebook import Provision, Rulebook, value_at
from engine.rules.typecheck import params_used
from schemas.rulefile import Amount, Arith, Const, FieldRef, ParamRef, Score

Lang = Literal["zh", "en"]
Pair = tuple[str, str]

# The plan's instruments the pack deliberately leaves out, in the book's order; names and reasons are in the
# catalogue (book.not_modelled.<id>.name / .reason), so the book says what is missing and why.
_NOT_MODELLED_IDS = ("luke_guarantee", "luke_invest", "equipment", "gongfu_listing", "talent")
_WORD_KEYS = (
    "book", "facts", "item", "value", "document", "pack", "version", "digest", "as_of", "note", "contents", "section",
    "quote", "lead", "responsible", "window", "to", "criteria", "review", "formal", "scores", "condition", "points",
    "otherwise", "greater_of", "sum", "parameters", "name", "unit", "versions", "basis", "source", "assumption",
    "in_force", "none", "amount", "benefit", "cases", "if", "else", "cap", "cumulative", "less", "rounding",
    "estimate", "estimate_text", "notes", "not_modelled", "instrument", "reason", "sep", "colon",
)
_UNIT_KEYS = ("yuan", "ratio", "count", "year", "date", "text", "codes")


def _raw(key: str) -> Pair:
    """A catalogue entry unfilled: the book fills note's {as_of} and estimate_text's {names} itself."""
    return catalogue()[key]


NOT_MODELLED: tuple[tuple[Pair, Pair], ...] = tuple(
    (_raw(f"book.not_modelled.{i}.name"), _raw(f"book.not_modelled.{i}.reason")) for i in _NOT_MODELLED_IDS)
WORDS: dict[str, dict[str, str]] = {
    lang: {k: _raw(f"book.{k}")[n] for k in _WORD_KEYS} for n, lang in enumerate(("zh", "en"))}
UNITS: dict[str, Pair] = {u: _raw(f"book.unit.{u}") for u in _UNIT_KEYS}


@dataclass(frozen=True)
class CriterionView:
    id: str
    text: str
    formal: str
    review: bool


@dataclass(frozen=True)
class ScoreView:
    name: str
    label: str
    rows: tuple[tuple[str, int], ...]  # tiers: formal condition (or "otherwise") → points
    combine: str  # greater_of / sum: the words; "" for tiers
    parts: tuple[str, ...]


@dataclass(frozen=True)
class ParameterView:
    name: str
    unit: str
    description: str
    versions: tuple[tuple[str, str, bool], ...]  # (from, value, in force on as_of)
    basis_kind: str  # "source", "assumption" or ""
    basis: str


@dataclass(frozen=True)
class AmountLine:
    lead: str  # "=", "if", "cap", ... in the book's language
    when: str  # a case's formal condition; "" otherwise
    text: str  # the formula in words
    formal: str  # the formula as written in the rule file
    nested: bool = False  # one of the cases


@dataclass(frozen=True)
class ProvisionView:
    id: str
    title: str
    section: str
    quote: str
    lead: str
    responsible: str
    window: tuple[str, str]
    criteria: tuple[CriterionView, ...]
    scores: tuple[ScoreView, ...]
    parameters: tuple[ParameterView, ...]
    amount: tuple[AmountLine, ...]  # empty for a benefit
    estimate: tuple[str, ...]  # the assumption parameters the amount uses: it is an estimate (测算)
    benefit: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class BookView:
    lang: str
    w: dict[str, str]
    title: str
    document: str
    pack: str
    version: str
    digest: str
    as_of: str
    provisions: tuple[ProvisionView, ...]
    not_modelled: tuple[Pair, ...]


def _pick(pair: Pair, lang: Lang) -> str:
    return pair[0] if lang == "zh" else pair[1]


def _in_force(p: Provision, as_of: dt.date) -> dict[str, Any]:
    """Values in force; a parameter not yet in force is left out, so its label keeps the {placeholder}."""
    values = {name: value_at(param, as_of) for name, param in p.parameters.items()}
    return {name: v for name, v in values.items() if v is not None}


def _shown(value: Any, unit: str, lang: Lang) -> str:
    return "—" if value is None else _pick(show(value, unit), lang)


def term_words(term: Any, p: Provision, as_of: dt.date, lang: Lang) -> str:
    """A formula as read aloud: field labels, parameters with their value in force, the operators' own signs."""
    if isinstance(term, FieldRef):
        return _pick(field_label(term.path), lang)
    if isinstance(term, ParamRef):
        param = p.parameters[term.name]
        return f"{term.name}({_shown(value_at(param, as_of), param.unit, lang)})"
    if isinstance(term, Const):
        return _shown(term.value, "", lang)
    if isinstance(term, Arith):
        # A nested infix operation keeps its brackets: rate × (expense − previous expense).
        parts = [term_words(a, p, as_of, lang) for a in term.args]
        parts = [f"({t})" if isinstance(a, Arith) and ARITH[a.op].separator else t for a, t in zip(term.args, parts)]
        return _pick(joined(term.op, [(t, t) for t in parts]), lang)
    return term_text(term)


def _amount_params(a: Amount) -> set[str]:
    used = set().union(*(params_used(t) for t in (a.formula, a.cap, a.cumulative_cap, a.received) if t is not None))
    for case in a.cases or []:
        used |= params_used(case.formula) | (params_used(case.when) if case.when is not None else set())
    return used


def amount_lines(p: Provision, as_of: dt.date, lang: Lang) -> tuple[tuple[AmountLine, ...], tuple[str, ...]]:
    """The amount in words, line by line, and the assumption parameters that make it an estimate."""
    a, w = p.amount, WORDS[lang]
    if a is None:
        return (), ()
    lines: list[AmountLine] = []
    if a.formula is not None:
        lines.append(AmountLine("=", "", term_words(a.formula, p, as_of, lang), term_text(a.formula)))
    else:
        lines.append(AmountLine(w["cases"], "", "", ""))
        for case in a.cases or []:
            when = condition_text(case.when) if case.when is not None else ""
            lines.append(AmountLine(w["if"] if when else w["else"], when, term_words(case.formula, p, as_of, lang),
                                    term_text(case.formula), nested=True))
    if a.cap is not None:
        lines.append(AmountLine(w["cap"] + w["colon"], "", term_words(a.cap, p, as_of, lang), term_text(a.cap)))
    if a.cumulative_cap is not None:
        received = f" {w['less']} {term_words(a.received, p, as_of, lang)}" if a.received is not None else ""
        formal = term_text(a.cumulative_cap) + (f" - {term_text(a.received)}" if a.received is not None else "")
        lines.append(AmountLine(w["cumulative"] + w["colon"], "", term_words(a.cumulative_cap, p, as_of, lang) + received, formal))
    lines.append(AmountLine(w["rounding"], "", "", ""))
    return tuple(lines), tuple(sorted(n for n in _amount_params(a) if p.parameters[n].assumption is not None))


def _score_view(name: str, score: Score, lang: Lang) -> ScoreView:
    w = WORDS[lang]
    label = _pick((score.label.zh, score.label.en), lang)
    if score.greater_of is not None:
        return ScoreView(name, label, (), w["greater_of"], tuple(score.greater_of))
    if score.sum is not None:
        return ScoreView(name, label, (), w["sum"], tuple(score.sum))
    rows = tuple((condition_text(t.when) if t.when is not None else "", t.points) for t in score.tiers or [])
    return ScoreView(name, label, rows, "", ())


def _parameter_views(p: Provision, as_of: dt.date, lang: Lang) -> tuple[ParameterView, ...]:
    out = []
    for name, param in sorted(p.parameters.items()):
        current = max((d for d in param.values if d <= as_of), default=None)
        versions = tuple((d.isoformat(), _shown(v, param.unit, lang), d == current) for d, v in sorted(param.values.items()))
        if param.assumption is not None:
            kind, basis = "assumption", _pick((param.assumption.zh, param.assumption.en), lang)
        else:
            kind, basis = ("source", param.source) if param.source else ("", "")
        description = _pick((param.description.zh, param.description.en), lang) if param.description else ""
        out.append(ParameterView(name, _pick(UNITS[param.unit], lang), description, versions, kind, basis))
    return tuple(out)


def provision_view(p: Provision, as_of: dt.date, lang: Lang) -> ProvisionView:
    params, units = _in_force(p, as_of), {n: q.unit for n, q in p.parameters.items()}
    criteria = tuple(CriterionView(c.id, _pick(fill((c.label.zh, c.label.en), params, units), lang),
                                   condition_text(c.when), c.review) for c in p.criteria)
    lines, estimate = amount_lines(p, as_of, lang)
    sep = WORDS[lang]["sep"]
    return ProvisionView(
        id=p.id, title=_pick((p.title.zh, p.title.en), lang), section=p.citation.section, quote=p.citation.text,
        lead=sep.join(p.departments.lead), responsible=sep.join(p.departments.responsible),
        window=(p.window.from_.isoformat(), p.window.to.isoformat()), criteria=criteria,
        scores=tuple(_score_view(n, s, lang) for n, s in p.scores.items()),
        parameters=_parameter_views(p, as_of, lang), amount=lines, estimate=estimate,
        benefit=_pick((p.benefit.zh, p.benefit.en), lang) if p.benefit is not None else "", notes=tuple(_pick((a.zh, a.en), lang) for a in p.assumptions),
    )


def book_view(book: Rulebook, as_of: dt.date, lang: Lang = "zh") -> BookView:
    return BookView(
        lang=lang, w=WORDS[lang], title=_pick((book.title.zh, book.title.en), lang), document=book.document,
        pack=book.pack, version=book.version, digest=book.digest, as_of=as_of.isoformat(),
        provisions=tuple(provision_view(p, as_of, lang) for p in book.provisions),
        not_modelled=tuple((_pick(name, lang), _pick(reason, lang)) for name, reason in NOT_MODELLED),
    )


# --- Markdown -------------------------------------------------------------------------------------------------

def md(text: str) -> str:
    """Rule-file prose in Markdown: inline HTML would pass through a renderer, so angle brackets become entities.

    A bare & stays: it only starts an entity when followed by a name and ";", and "S&T" reads better raw.
    """
    return " ".join(text.replace("<", "&lt;").replace(">", "&gt;").split())


def cell(text: str) -> str:
    return md(text).replace("|", "\\|")


def code(text: str) -> str:
    """A code span that survives backticks inside it (CommonMark: a longer fence)."""
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def _md_head(v: BookView) -> list[str]:
    w = v.w
    rows = [(w["document"], md(v.document)), (w["pack"], code(v.pack)), (w["version"], md(v.version)),
            (w["digest"], code(v.digest)), (w["as_of"], v.as_of)]
    out = [f"# {md(v.title)} — {w['book']}", "", w["note"].format(as_of=v.as_of), "", f"## {w['facts']}", "",
           f"| {w['item']} | {w['value']} |", "| --- | --- |"]
    out += [f"| {k} | {val} |" for k, val in rows]
    out += ["", f"## {w['contents']}", ""]
    out += [f"{i}. {md(p.title)} ({code(p.id)})" for i, p in enumerate(v.provisions, 1)]
    return out + [""]


def _md_criteria(p: ProvisionView, w: dict[str, str]) -> list[str]:
    out = [f"### {w['criteria']}", ""]
    for i, c in enumerate(p.criteria, 1):
        flag = f" **[{w['review']}]**" if c.review else ""
        out.append(f"{i}. {md(c.text)}{flag} — {code(c.id)}{w['colon']}{code(c.formal)}")
    return out + [""]


def _md_scores(p: ProvisionView, w: dict[str, str]) -> list[str]:
    if not p.scores:
        return []
    out = [f"### {w['scores']}", ""]
    for s in p.scores:
        if s.combine:
            out += [f"**{md(s.label)}** ({code(s.name)}){w['colon']}{s.combine} "
                    + w["sep"].join(code(x) for x in s.parts), ""]
            continue
        out += [f"**{md(s.label)}** ({code(s.name)})", "", f"| {w['condition']} | {w['points']} |", "| --- | ---: |"]
        out += [f"| {code(cond).replace('|', chr(92) + '|') if cond else w['otherwise']} | {pts} |" for cond, pts in s.rows]
        out.append("")
    return out


def _md_parameters(p: ProvisionView, w: dict[str, str]) -> list[str]:
    if not p.parameters:
        return []
    out = [f"### {w['parameters']}", "", f"| {w['name']} | {w['unit']} | {w['versions']} | {w['basis']} |",
           "| --- | --- | --- | --- |"]
    for q in p.parameters:
        versions = "; ".join(f"{d}: {cell(val)}" + (f" **({w['in_force']})**" if now else "") for d, val, now in q.versions)
        name = code(q.name) + (f" {cell(q.description)}" if q.description else "")
        basis = f"{w[q.basis_kind]}{w['colon']}{cell(q.basis)}" if q.basis_kind else w["none"]
        out.append(f"| {name} | {q.unit} | {versions} | {basis} |")
    return out + [""]


def _md_outcome(p: ProvisionView, w: dict[str, str]) -> list[str]:
    out: list[str] = []
    if p.amount:
        out += [f"### {w['amount']}", ""]
        for a in p.amount:
            head = f"{a.lead} {code(a.when)}" if a.when else a.lead
            sep = w["colon"] if a.nested else " " if a.lead == "=" else ""
            body = f"{sep}{md(a.text)}  {code(a.formal)}" if a.formal else ""
            out.append(f"{'    ' if a.nested else ''}- {head}{body}")
        if p.estimate:
            names = w["sep"].join(code(n) for n in p.estimate)
            out.append(f"- **{w['estimate']}**{w['colon']}{w['estimate_text'].format(names=names)}")
        out.append("")
    if p.benefit:
        out += [f"### {w['benefit']}", "", md(p.benefit), ""]
    if p.notes:
        out += [f"### {w['notes']}", ""] + [f"- {md(n)}" for n in p.notes] + [""]
    return out


def _md_provision(i: int, p: ProvisionView, w: dict[str, str]) -> list[str]:
    out = [f"## {i}. {md(p.title)} ({code(p.id)})", "",
           f"- **{w['section']}**{w['colon']}{md(p.section)}",
           f"- **{w['lead']}**{w['colon']}{md(p.lead)}"]
    if p.responsible:
        out.append(f"- **{w['responsible']}**{w['colon']}{md(p.responsible)}")
    out += [f"- **{w['window']}**{w['colon']}{p.window[0]} {w['to']} {p.window[1]}", "",
            f"**{w['quote']}**{w['colon']}", "", f"> {md(p.quote)}", ""]
    return out + _md_criteria(p, w) + _md_scores(p, w) + _md_parameters(p, w) + _md_outcome(p, w)


def render_markdown(v: BookView) -> str:
    w = v.w
    lines = _md_head(v)
    for i, p in enumerate(v.provisions, 1):
        lines += _md_provision(i, p, w)
    lines += [f"## {w['not_modelled']}", "", f"| {w['instrument']} | {w['reason']} |", "| --- | --- |"]
    lines += [f"| {cell(name)} | {cell(reason)} |" for name, reason in v.not_modelled]
    return "\n".join(lines) + "\n"


def render_html(v: BookView) -> str:
    return render("policy_book.html.j2", v=v)


def policy_book(book: Rulebook, as_of: dt.date, lang: Lang = "zh", fmt: Literal["markdown", "html"] = "markdown") -> str:
    """The whole book as one document; the same rules, date and language always give the same bytes."""
    view = book_view(book, as_of, lang)
    return render_markdown(view) if fmt == "markdown" else render_html(view)
