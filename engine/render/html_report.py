"""A self-contained HTML report of a screening (inline CSS and SVG; no script, no network), in Chinese and English."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from engine.evaluate.explain import fill, yuan
from engine.rules.loader import load_rulebook
from engine.render.report import STATUS
from engine.rules.rulebook import value_at
from schemas.codes import SHANDONG_CITIES
from schemas.result import Text

COLOURS = {"eligible": "#2e7d32", "ineligible": "#c62828", "undetermined": "#f9a825", "not_in_effect": "#9e9e9e"}
_CSS = """body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222;max-width:1100px}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}.legend span{display:inline-block;margin-right:1em}
.sw{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}svg text{font-size:12px}"""


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _bars(rows: list[tuple[str, list[tuple[int, str]]]], width: int = 640) -> str:
    """Horizontal stacked bars: rows of (label, [(value, colour)…]), scaled to the largest total."""
    biggest = max((sum(v for v, _ in parts) for _, parts in rows), default=0) or 1
    label_w, bar_h, gap = 230, 18, 8
    height = len(rows) * (bar_h + gap) + gap
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + width + 120}" height="{height}" role="img">']
    for i, (label, parts) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        out.append(f'<text x="0" y="{y + 13}">{_e(label)}</text>')
        x = float(label_w)
        for value, colour in parts:
            w = width * value / biggest
            if w > 0:
                out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}"/>')
            x += w
        total = sum(v for v, _ in parts)
        out.append(f'<text x="{x + 6:.1f}" y="{y + 13}">{total:,}</text>')
    out.append("</svg>")
    return "".join(out)


def render_report(summary: dict[str, Any], source: str, rules_dir: str) -> str:
    book = load_rulebook(rules_dir)
    titles = {p.id: p.title for p in book.provisions}
    labels = {}
    for p in book.provisions:
        # Parameters as in force on the report's date (kept inside the provision's window); a criterion is
        # named with its provision, since several provisions share criteria such as "applicant is an enterprise".
        day = min(max(dt.date.today(), p.window.from_), p.window.to)
        params = {name: value_at(param, day) for name, param in p.parameters.items()}
        units = {name: param.unit for name, param in p.parameters.items()}
        for c in p.criteria:
            zh, en = fill((c.label.zh, c.label.en), params, units)
            labels[f"{p.id}:{c.id}"] = Text(f"{p.title.zh}:{zh}", f"{p.title.en}: {en}")
    order = list(COLOURS)
    legend = "".join(f'<span><i class="sw" style="background:{COLOURS[s]}"></i>{_e(STATUS[s][0])} {_e(STATUS[s][1])}</span>'
                     for s in order)
    status_rows = [(f"{titles[p].zh} {p}", [(d["statuses"].get(s, 0), COLOURS[s]) for s in order])
                   for p, d in summary["provisions"].items()]
    city_rows = [(" ".join(SHANDONG_CITIES.get(code, (code, "")) ) or code, [(amount, "#1565c0")])
                 for code, amount in summary["amount_by_city"].items()]
    failed_rows = [(f"{labels[k].zh if k in labels else k}", [(n, "#c62828")]) for k, n in summary["top_failed"]]
    table = "".join(
        f"<tr><td>{_e(titles[p].zh)}<br><small>{_e(titles[p].en)} · {_e(p)}</small></td>"
        + "".join(f"<td>{d['statuses'].get(s, 0):,}</td>" for s in order)
        + f"<td>{_e(yuan(d['amount'])[0])}</td></tr>"
        for p, d in summary["provisions"].items()
    )
    heads = "".join(f"<th>{_e(STATUS[s][0])}<br>{_e(STATUS[s][1])}</th>" for s in order)
    failed_en = "".join(f"<li>{_e(labels[k].en if k in labels else k)} — {n:,}</li>" for k, n in summary["top_failed"])
    missing = "".join(f"<li><code>{_e(f)}</code> — {n:,}</li>" for f, n in summary["top_missing"])
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>筛查报告 Screening report</title><style>{_CSS}</style></head><body>
<h1>筛查报告 · Screening report</h1>
<p>{_e(book.title.zh)} / {_e(book.title.en)} · {_e(book.document)}<br>
输入 input: <code>{_e(source)}</code> · 规则 rules: <code>{_e(book.pack)}@{_e(book.version)}</code>
<code>{_e(book.digest[:12])}</code> · {_e(dt.date.today().isoformat())}</p>
<table><tr><td>行数 rows</td><td>{summary['rows']:,}</td></tr><tr><td>错误行 rows with errors</td><td>{summary['errors']:,}</td></tr>
<tr><td>合计金额 total amount</td><td>{_e(yuan(summary['total_amount'])[0])} / {_e(yuan(summary['total_amount'])[1])}</td></tr>
<tr><td>重复申请编号 duplicate ids</td><td>{summary['duplicate_application_ids']:,}</td></tr>
<tr><td>重复申报 duplicate claims</td><td>{summary['duplicate_claims']:,}</td></tr></table>
<h2>各条款结论 · Status per provision</h2><p class="legend">{legend}</p>{_bars(status_rows)}
<table><tr><th>条款 provision</th>{heads}<th>金额 amount</th></tr>{table}</table>
<h2>各市金额 · Amount by city</h2>{_bars(city_rows) if city_rows else "<p>—</p>"}
<h2>最常见的不符合原因 · Most frequent reasons for ineligibility</h2>{_bars(failed_rows) if failed_rows else "<p>—</p>"}
<ol>{failed_en}</ol>
<h2>最常缺少的字段 · Most often missing</h2><ol>{missing}</ol>
</body></html>
"""


def write_report(path: str, summary: dict[str, Any], source: str, rules_dir: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(render_report(summary, source, rules_dir))
