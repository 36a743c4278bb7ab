"""Renders an Evaluation for people (text, Markdown) or machines (JSON)."""

from __future__ import annotations

import json
from typing import Literal

from engine.evaluate.explain import field_label, yuan
from engine.messages import catalogue, text
from engine.render.advice import render_advice_markdown, render_advice_text
from engine.render.columns import pad
from schemas.result import Evaluation, ProvisionResult

Lang = Literal["zh", "en"]
# (zh, en) words from the catalogue (engine/messages/render.py), looked up once.
STATUS = {s: catalogue()["render.status." + s] for s in ("eligible", "ineligible", "undetermined", "review", "not_in_effect")}
MARK = {"pass": "✓", "fail": "✗", "unknown": "?"}
_WORDS = {w: catalogue()["render.word." + w] for w in (
    "application", "as_of", "rules", "warning", "missing", "amount", "cap", "basis", "benefit", "total", "status",
    "provision", "criteria", "why", "estimate", "assumptions", "pending", "scores", "lead", "max")}


def totals_line(evaluation: Evaluation, lang: Lang) -> str:
    """One line that keeps certain, provisional and possible money apart."""
    sure, pending, possible = (_money(v, lang) for v in (
        evaluation.total_amount, evaluation.total_pending_review, evaluation.total_max_undetermined))
    return text("render.totals", lang, sure=sure, pending=pending, possible=possible)


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key][0 if lang == "zh" else 1]


def _money(amount: int | None, lang: Lang) -> str:
    return "—" if amount is None else yuan(amount)[0 if lang == "zh" else 1]


def render_json(evaluation: Evaluation) -> str:
    return json.dumps(evaluation.to_json_dict(), ensure_ascii=False, indent=2)


def _headline(r: ProvisionResult, lang: Lang) -> str:
    i = 0 if lang == "zh" else 1
    title = r.title.zh if lang == "zh" else r.title.en
    line = f"[{STATUS[r.status][i]}] {title} ({r.provision})"
    if r.amount is not None:
        line += f" — {_money(r.amount, lang)}" + (text("render.headline.estimate", lang, estimate=_w("estimate", lang))
                                                  if r.estimate else "")
    if r.max_amount is not None and r.status == "undetermined":
        line += f" ({_w('max', lang)} {_money(r.max_amount, lang)})"
    elif r.max_amount is not None:
        line += f" ({_w('cap', lang)} {_money(r.max_amount, lang)})"
    return line


def render_text(evaluation: Evaluation, lang: Lang = "zh") -> str:
    t = (lambda x: x.zh) if lang == "zh" else (lambda x: x.en)
    out = [
        f"{_w('application', lang)} {evaluation.application_id} · {_w('as_of', lang)} {evaluation.as_of} · "
        f"{_w('rules', lang)} {evaluation.rules.pack}@{evaluation.rules.version} ({evaluation.rules.digest[:12]})"
    ]
    for w in evaluation.warnings:
        out.append(f"{_w('warning', lang)}: {w.loc}: {t(w.msg)}")
    for r in evaluation.results:
        out += ["", _headline(r, lang), f"  {t(r.explanation)}"]
        for c in r.criteria:
            out.append(f"  {MARK[c.result]} {t(c.label)} — {t(c.explanation)}")
        if r.missing and r.status != "undetermined":  # an undetermined one's summary line already lists them
            out.append(f"  {_w('missing', lang)}: {', '.join(r.missing)}")
        if r.pending_review:
            out.append(f"  {_w('pending', lang)}: {', '.join(r.pending_review)}")
        for name, words in r.score_explanations.items():
            out.append(f"  {_w('scores', lang)} · {t(words)}")
        if r.amount_explanation is not None:
            out.append(f"  {_w('amount', lang)}: {t(r.amount_explanation)}")
        if r.estimate and r.amount is not None:
            out.append(f"  {_w('assumptions', lang)}: " + ";".join(t(a) for a in r.assumptions))
        if r.benefit is not None and r.status in ("eligible", "review"):
            out.append(f"  {_w('benefit', lang)}: {t(r.benefit)}")
        out.append(f"  {_w('basis', lang)} {r.citation.section}: {r.citation.text} · {_w('lead', lang)}: {r.lead_department}")
    out += ["", f"{_w('total', lang)}: {_money(evaluation.total_amount, lang)}", totals_line(evaluation, lang)]
    if evaluation.advice is not None:
        out += render_advice_text(evaluation.advice, lang)
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(evaluation: Evaluation, lang: Lang = "zh") -> str:
    t = (lambda x: x.zh) if lang == "zh" else (lambda x: x.en)
    i = 0 if lang == "zh" else 1
    out = [
        f"# {_w('application', lang)} {_cell(evaluation.application_id)}",
        "",
        f"{_w('as_of', lang)} {evaluation.as_of} · {_w('rules', lang)} `{evaluation.rules.pack}@{evaluation.rules.version}`"
        f" · `{evaluation.rules.digest[:12]}`",
        "",
        f"| {_w('provision', lang)} | {_w('status', lang)} | {_w('amount', lang)} | {_w('cap', lang)} | {_w('why', lang)} |",
        "|---|---|---:|---:|---|",
    ]
    for r in evaluation.results:
        money = _money(r.amount, lang) + (f" ({_w('estimate', lang)})" if r.estimate and r.amount is not None else "")
        out.append(f"| {_cell(t(r.title))} (`{r.provision}`) | {STATUS[r.status][i]} | {money} | "
                   f"{_money(r.max_amount, lang)} | {_cell(t(r.explanation))} |")
    out += ["", f"**{_w('total', lang)}: {_money(evaluation.total_amount, lang)}**", "", totals_line(evaluation, lang)]
    for w in evaluation.warnings:
        out += ["", f"> {_w('warning', lang)}: `{w.loc}` {_cell(t(w.msg))}"]
    for r in evaluation.results:
        out += ["", f"## {_cell(t(r.title))} — {STATUS[r.status][i]}", ""]
        for c in r.criteria:
            out.append(f"- {MARK[c.result]} **{_cell(t(c.label))}** — {_cell(t(c.explanation))}")
        if r.missing:
            out.append(f"- {_w('missing', lang)}: " + ", ".join(f"`{m}`" for m in r.missing))
        if r.pending_review:
            out.append(f"- {_w('pending', lang)}: " + ", ".join(f"`{m}`" for m in r.pending_review))
        for words in r.score_explanations.values():
            out.append(f"- {_w('scores', lang)}: {_cell(t(words))}")
        if r.amount_explanation is not None:
            out.append(f"- {_w('amount', lang)}: {_cell(t(r.amount_explanation))}")
        if r.estimate and r.amount is not None:
            out.append(f"- {_w('assumptions', lang)}: " + _cell(";".join(t(a) for a in r.assumptions)))
        out += ["", f"> {_w('basis', lang)} {r.citation.section}:{_cell(r.citation.text)}"]
    if evaluation.advice is not None:
        out += render_advice_markdown(evaluation.advice, lang)
    return "\n".join(out)


def _missing_label(path: str, lang: Lang) -> str:
    """A field as a reviewer knows it: its label (in the chosen language), not its path."""
    try:
        return field_label(path)[0 if lang == "zh" else 1]
    except KeyError:  # a field this schema does not know (a journal from another version)
        return path


def render_summary(summary: dict, lang: Lang = "zh") -> str:
    """The screening summary printed on stdout: counts by status per provision, money, what is missing."""
    i = 0 if lang == "zh" else 1
    out = [text("render.summary.rows", lang, **summary)]
    if summary["resumed_rows"]:
        out[0] += text("render.summary.resumed", lang, **summary)
    order = ["eligible", "review", "ineligible", "undetermined", "not_in_effect"]
    out.append(pad(text("render.summary.provision", lang), 26) + "".join(pad(STATUS[s][i], 15, right=True) for s in order)
               + pad(_w("amount", lang), 24, right=True) + pad(_w("pending", lang), 24, right=True))
    for pid, data in summary["provisions"].items():
        counts = "".join(pad(f"{data['statuses'].get(s, 0):,}", 15, right=True) for s in order)
        mark = f"({_w('estimate', lang)})" if data.get("estimate") else ""
        out.append(pad(pid, 26) + counts + pad(_money(data["amount"], lang) + mark, 24, right=True)
                   + pad(_money(data.get("pending_review", 0), lang) + mark, 24, right=True))
    out.append(f"{_w('total', lang)}: {_money(summary['total_amount'], lang)}")
    out.append(text("render.summary.pending", lang, amount=_money(summary.get("total_pending_review", 0), lang)))
    if summary["top_missing"]:
        items = [text("render.summary.missing_item", lang, label=_missing_label(f, lang), count=f"{n:,}")
                 for f, n in summary["top_missing"][:5]]
        out.append(text("render.summary.missing", lang, fields=text("render.sep.list", lang).join(items)))
    if summary["duplicate_application_ids"] or summary["duplicate_claims"]:
        out.append(text("render.summary.duplicates", lang, **summary))
    return "\n".join(out)
