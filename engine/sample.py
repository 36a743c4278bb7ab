"""Realistic synthetic applications for demos and benchmarks: fixed seed, Shandong's city and industry mix.

Weighted towards the plan's priority robot cities (济南、青岛、淄博、济宁), mostly robot-industry
enterprises, with R&D intensity around the 3% threshold, a share with fields left out, and (on
request) a share of rows made invalid in the ways reviewers meet.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from engine.errors import InputError, Issue
from schemas.application import FIELDS
from schemas.codes import USCC_CHARSET, organisation_check_character, uscc_check_character

CITIES = {"370100": 16, "370200": 16, "370300": 9, "370800": 9, "370600": 6, "370700": 6, "370400": 3,
          "370500": 3, "370900": 3, "371000": 3, "371100": 2, "371300": 4, "371400": 3, "371500": 2,
          "371600": 2, "371700": 3}
DISTRICTS = ["370102", "370112", "370211", "370212", "370303", "370811"]
ELSEWHERE = ["110108", "310115", "320100", "440300"]
ROBOT = ["3491", "3492", "3964", "C3491"]
OTHER_INDUSTRY = ["3813", "3812", "3453", "3459", "3983", "4011", "3914", "3824", "6511", "6513"]
KINDS = {"enterprise": 80, "university": 6, "research_institute": 6, "park_operator": 8}
DESIGNATIONS = {"high_tech_enterprise": 0.45, "tech_sme": 0.55, "srdi": 0.25, "little_giant": 0.06, "single_champion": 0.02}
_BODY = USCC_CHARSET.replace("I", "")


def _uscc(r: random.Random, kind: str, city: str) -> str:
    prefix = "12" if kind in ("university", "research_institute") else "91"
    body = "".join(r.choice(_BODY) for _ in range(8))
    first17 = prefix + city + body + organisation_check_character(body)
    return first17 + uscc_check_character(first17)


def _application(r: random.Random, i: int, as_of: str | None) -> dict[str, Any]:
    kind = r.choices(list(KINDS), weights=list(KINDS.values()))[0]
    roll = r.random()
    city = r.choice(ELSEWHERE) if roll < 0.05 else r.choice(DISTRICTS) if roll < 0.25 else \
        r.choices(list(CITIES), weights=list(CITIES.values()))[0]
    year = int(as_of[:4]) if as_of else 2027
    doc: dict[str, Any] = {"application_id": f"SD-{year}-{i:06d}"}
    if as_of:
        doc["as_of"] = as_of
    doc["applicant"] = {
        "name": f"山东测试{i}号{'机器人科技有限公司' if kind == 'enterprise' else '单位'}",
        "uscc": _uscc(r, kind, city), "kind": kind, "city_code": city,
        "industry_code": r.choice(ROBOT) if r.random() < 0.6 else r.choice(OTHER_INDUSTRY),
        "designations": [d for d, p in DESIGNATIONS.items() if r.random() < p],
        "employees": int(r.lognormvariate(4.5, 1.0)),
        "dishonest_listed": r.random() < 0.02, "major_accident_3y": r.random() < 0.02,
        "abnormal_operations_listed": r.random() < 0.03,
    }
    if kind in ("enterprise", "park_operator"):
        revenue = int(r.lognormvariate(18.5, 1.2))
        expense = int(revenue * r.choice([r.uniform(0.01, 0.08), 0.03]))
        doc["rd"] = {"fiscal_year": year - 1 if r.random() < 0.9 else year - 2, "expense": expense,
                     "expense_prev": int(expense / r.uniform(0.85, 1.5)), "revenue": revenue,
                     "super_deduction_filed": r.random() < 0.85}
    if kind == "enterprise" and r.random() < 0.3:
        doc["scenario"] = {"listed_in_gongfu_baijing": r.random() < 0.7, "listed_year": r.choice([2025, 2026, 2027]),
                           "sector": r.choice(["3c", "automotive", "home_appliance", "marine_engineering",
                                               "other_industry"]),
                           "accepted": r.random() < 0.6, "investment": int(r.lognormvariate(15.5, 0.8)),
                           "other_provincial_funding": r.random() < 0.1}
    if kind != "park_operator" and r.random() < (0.6 if kind != "enterprise" else 0.08):
        doc["platform"] = {"type": r.choice(["key_laboratory", "technology_innovation_center",
                                             "industry_innovation_center", "manufacturing_innovation_center"]),
                           "robotics_field": r.random() < 0.8, "previous_level": r.choice(["provincial", "none"]),
                           "level": r.choice(["national", "provincial"]),
                           "upgraded_on": f"{r.choice([2025, 2026, 2027])}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
                           "national_matching_required": r.random() < 0.3}
    if kind == "enterprise" and r.random() < 0.35:
        doc["compute"] = {"contract_amount": int(r.lognormvariate(14.5, 0.9)), "provider_in_shandong": r.random() < 0.8,
                          "paid": r.random() < 0.85, "related_party": r.random() < 0.08,
                          "received_to_date": r.choice([0, 0, 0, int(r.uniform(0, 5_200_000))])}
    if kind == "park_operator" or (kind == "enterprise" and r.random() < 0.03):
        doc["park"] = {"recognized_accelerator": r.random() < 0.7, "robotics_focus": r.random() < 0.6,
                       "incubated_firms": r.randint(0, 40), "construction_investment": int(r.lognormvariate(16.5, 0.7))}
    return doc


def _drop_fields(r: random.Random, doc: dict[str, Any]) -> None:
    sections = [s for s in doc if isinstance(doc[s], dict) and doc[s]]
    for _ in range(r.randint(1, 3)):
        section = r.choice(sections)
        if doc[section]:
            del doc[section][r.choice(list(doc[section]))]


def _wrong_check_character(doc: dict[str, Any]) -> None:
    code = doc["applicant"].get("uscc", "91370100MA3C5D2X7")
    doc["applicant"]["uscc"] = code[:17] + ("0" if code[17:] != "0" else "1")


_DEFECTS = [
    _wrong_check_character,
    lambda d: d.setdefault("rd", {}).update(expense=-1000),
    lambda d: d.setdefault("rd", {}).update(revenue="12万"),
    lambda d: d["applicant"].update(kind="company"),
    lambda d: d["applicant"].update(emploees=12),
    lambda d: d.update(application_id=""),
    lambda d: d.update(as_of="2027-13-01"),
]


def generate(n: int, seed: int = 0, *, missing_share: float = 0.1, invalid_share: float = 0.0,
             as_of: str | None = "2027-03-31") -> Iterator[dict[str, Any]]:
    """n applications (SPEC §1 documents), streamed; the same seed always gives the same ones."""
    r = random.Random(seed)
    for i in range(1, n + 1):
        doc = _application(r, i, as_of)
        if r.random() < missing_share:
            _drop_fields(r, doc)
        if r.random() < invalid_share:
            r.choice(_DEFECTS)(doc)
        yield doc


def to_cells(doc: dict[str, Any]) -> dict[str, str]:
    """A document as spreadsheet cells: dotted columns, lists `;`-joined, booleans true/false."""
    cells: dict[str, str] = {}
    for key, value in doc.items():
        for sub, v in (value.items() if isinstance(value, dict) else [(None, value)]):
            text = ";".join(v) if isinstance(v, list) else str(v).lower() if isinstance(v, bool) else str(v)
            cells[f"{key}.{sub}" if sub else key] = text
    return cells


def write_sample(path: str, n: int, seed: int, invalid_share: float) -> None:
    fmt = Path(path).suffix.lower()
    docs = generate(n, seed, invalid_share=invalid_share)
    if fmt in (".jsonl", ".json"):
        with open(path, "w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    elif fmt == ".csv":
        with open(path, "w", encoding="utf-8", newline="") as fh:
            # A misspelt key cannot be one row's defect in a CSV (it would be a column): that row comes out valid.
            writer = csv.DictWriter(fh, fieldnames=list(FIELDS), extrasaction="ignore")
            writer.writeheader()
            for doc in docs:
                writer.writerow(to_cells(doc))
    elif fmt == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("applications")
        columns = list(FIELDS)
        sheet.append(columns)
        for doc in docs:
            cells = to_cells(doc)
            sheet.append([cells.get(c, "") for c in columns])
        book.save(path)
    else:
        raise InputError(path, [Issue("(output)", "output_format", "the sample must end in .jsonl, .csv or .xlsx",
                                      "样本文件须以 .jsonl、.csv 或 .xlsx 结尾")])
