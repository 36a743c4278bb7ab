"""Deterministic generator of realistic synthetic applications (documents of schemas/application.py) for demos and benchmarks."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from engine.errors import InputError, Issue
from schemas.application import FIELDS
from schemas.codes import (SHANDONG_CITIES, USCC_CHARSET, organisation_check_character, prefecture,
                           uscc_check_character)

# Relative weights; the plan names 济南、青岛、淄博、济宁 as priority robot cities, so they weigh more.
CITY_WEIGHTS = {"370100": 16, "370200": 16, "370300": 9, "370800": 9, "370600": 6, "370700": 6, "370400": 3,
                "370500": 3, "370900": 3, "371000": 3, "371100": 2, "371300": 4, "371400": 3, "371500": 2,
                "371600": 2, "371700": 3}
DISTRICTS = ["370102", "370112", "370211", "370212", "370303", "370811"]
ELSEWHERE = {"110108": "北京", "310115": "上海", "320100": "南京", "440300": "深圳"}
CITY_NAMES = {code: zh for code, (zh, _) in SHANDONG_CITIES.items()} | ELSEWHERE
OUTSIDE_SHARE, DISTRICT_SHARE = 0.05, 0.20
ROBOT = {"3491": "机器人科技", "3492": "特种机器人", "3964": "智能机器人"}
# The robot-chain classes of the pack (component, software and integration firms), with a trade word for names.
COMPONENTS = {"3813": "微电机", "3812": "电机", "3453": "精密传动", "3459": "传动科技", "3983": "传感技术",
              "4011": "自动化控制", "3914": "工控技术", "3824": "电力电子", "6511": "软件", "6513": "信息技术",
              "6531": "智能系统集成"}
ROBOT_BUSINESS_SHARE = 0.85  # chain-class firms whose main business is robots (the rest make motors for pumps…)
KIND_WEIGHTS = {"enterprise": 80, "university": 5, "research_institute": 6, "park_operator": 9}
# Non-enterprises get the class they really register under: 8341 普通高等教育, 7320 工程技术研究, 7221 园区管理服务.
KIND_INDUSTRY = {"university": "8341", "research_institute": "7320", "park_operator": "7221"}
SECTION_LETTER = {"65": "I", "83": "P", "73": "M", "72": "L"}
RECIPIENTS = {"university": 45, "nonprofit_research_institute": 35, "government_science_fund": 10, "other": 10}
REVIEW_FIELDS = ["green_threshold", "compute_effective", "core_ip", "hitech_field", "innovation_score"]
# Fields the generator gives only to some applicants by design (not asked of them, or a reviewer's to fill):
# `_drop_fields` never removes these, so that a dropped field is always one a complete document would have.
# Facts asked of firms (enterprises and park operators) only: universities and institutes never have them.
FIRM_ONLY = frozenset(f"applicant.{name}" for name in ("kerongxin_passed", "registered_on", "tech_staff", "total_assets",
                                                       "direct_qualification", "restricted_products",
                                                       "deemed_profit_taxpayer"))
SOMETIMES = frozenset({"applicant.robot_business", "applicant.hte_valid_until", "applicant.hitech_revenue",
                       "scenario.accepted_on", "review.project_score",  # accepted scenarios, scored projects
                       *(f"review.{name}" for name in REVIEW_FIELDS)})  # GB/T 4754 sections; everything else here is C
DESIGNATIONS = {"high_tech_enterprise": 0.45, "tech_sme": 0.55, "srdi": 0.25, "little_giant": 0.06,
                "single_champion": 0.02}
SECTORS = ["3c", "automotive", "home_appliance", "marine_engineering", "other_industry"]
PLATFORMS = ["key_laboratory", "technology_innovation_center", "industry_innovation_center",
             "manufacturing_innovation_center"]
_TRADE_1, _TRADE_2 = "智博华瑞天创海恒鼎泰卓联宏领远鲁齐岱", "元越川信航锐拓森源驰维诺凯明岳峰"


def _yuan(r: random.Random, median: int, spread: float, edges: tuple[int, ...] = ()) -> int:
    """A log-normal amount in whole yuan, rounded to 1,000; now and then exactly a threshold the rules test."""
    if edges and r.random() < 0.04:
        return r.choice(edges)
    # The float is only the random draw; the amount itself is an int from here on.
    return int(median * r.lognormvariate(0, spread)) // 1000 * 1000


def _uscc(r: random.Random, kind: str, authority: str) -> str:
    prefix = "12" if kind in ("university", "research_institute") else "91"
    if prefix == "91" and r.random() < 0.6:  # codes issued since 2015 carry an "MA" body; older ones the old digits
        body = "MA" + "".join(r.choice(USCC_CHARSET) for _ in range(6))
    else:
        body = "".join(r.choice("0123456789") for _ in range(8))
    first17 = prefix + authority + body + organisation_check_character(body)
    return first17 + uscc_check_character(first17)


def _name(r: random.Random, kind: str, city: str, industry: str) -> str:
    place, trade = CITY_NAMES[city if city in ELSEWHERE else prefecture(city)], r.choice(_TRADE_1) + r.choice(_TRADE_2)
    if kind == "university":
        return f"{place}{trade}{r.choice(['理工学院', '工程学院', '职业技术学院', '科技大学'])}"
    if kind == "research_institute":
        return f"{place}{trade}{r.choice(['机器人研究院', '智能制造研究院', '先进技术研究院'])}"
    if kind == "park_operator":
        return f"{place}{trade}{r.choice(['未来产业', '机器人产业', '智能制造'])}园运营管理有限公司"
    business = ROBOT.get(industry[-4:]) or COMPONENTS.get(industry[-4:], "科技")
    return f"{place}{trade}{business}{'股份有限公司' if r.random() < 0.1 else '有限公司'}"


def _applicant(r: random.Random, kind: str, year: int) -> dict[str, Any]:
    roll = r.random()
    if roll < OUTSIDE_SHARE:
        city = r.choice(list(ELSEWHERE))
    elif roll < OUTSIDE_SHARE + DISTRICT_SHARE:
        city = r.choice(DISTRICTS)
    else:
        city = r.choices(list(CITY_WEIGHTS), weights=list(CITY_WEIGHTS.values()))[0]
    industry = KIND_INDUSTRY.get(kind) or r.choice(list(ROBOT) if r.random() < 0.6 else list(COMPONENTS))
    if r.random() < 0.15:  # forms often write the class with its section letter (C3491)
        industry = SECTION_LETTER.get(industry[:2], "C") + industry
    # A firm that moved keeps its code: the code's authority is sometimes not the city of registration.
    authority = r.choice(list(CITY_WEIGHTS)) if city.startswith("37") and r.random() < 0.05 else city
    if kind == "university" and city.startswith("37"):
        authority = "370000"  # provincial universities register with the province's 事业单位 registry
    median_staff = {"enterprise": 90, "university": 2500, "research_institute": 200, "park_operator": 35}[kind]
    employees = int(median_staff * r.lognormvariate(0, 1.0 if kind == "enterprise" else 0.5))
    designations: list[str] = []
    if kind in ("enterprise", "park_operator"):
        designations = [d for d, p in DESIGNATIONS.items() if r.random() < p and
                        (d != "tech_sme" or employees <= 500)]  # 科技型中小企业 caps staff at 500
        if "little_giant" in designations and "srdi" not in designations:
            designations.insert(2 if "tech_sme" in designations else 1, "srdi")  # 小巨人 are drawn from SRDI firms
    applicant = {"name": _name(r, kind, city, industry), "uscc": _uscc(r, kind, authority), "kind": kind,
                 "city_code": city, "industry_code": industry, "designations": designations, "employees": employees}
    if kind in ("enterprise", "park_operator"):
        applicant |= _firm_facts(r, industry[-4:], designations, employees, year)
    accident_3y = r.random() < 0.02
    # Consistent by construction: an accident in the last year is one in the last three.
    applicant |= {"dishonest_listed": r.random() < 0.02, "major_accident_3y": accident_3y,
                  "major_accident_1y": accident_3y and r.random() < 0.4, "abnormal_operations_listed": r.random() < 0.03}
    return applicant


def _day(r: random.Random, first_year: int, last_year: int) -> str:
    return f"{r.randint(first_year, last_year)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"


def _firm_facts(r: random.Random, industry: str, designations: list[str], employees: int,
                year: int) -> dict[str, Any]:
    """The pack-2026.2 facts of a firm: chain business, credit, age, staff, assets, tax regime, certificate."""
    facts: dict[str, Any] = {}
    if industry in COMPONENTS:  # asked only of chain-class firms; a core-class firm is a robot firm anyway
        facts["robot_business"] = r.random() < ROBOT_BUSINESS_SHARE
    facts |= {"kerongxin_passed": r.random() < 0.4,
              # About one firm in twenty is under a year old: the high-tech check wants one full year.
              "registered_on": _day(r, year - 1, year - 1) if r.random() < 0.05 else _day(r, 1995, year - 2),
              "tech_staff": int(employees * r.triangular(0.03, 0.6, 0.18)),
              "total_assets": _yuan(r, max(employees, 3) * 1_000_000, 0.8, (200_000_000,)),  # the tech-SME cap
              "direct_qualification": r.random() < 0.08, "restricted_products": r.random() < 0.01}
    if "high_tech_enterprise" in designations:
        # Certificates last three years; about one in seven has lapsed by the assessment date.
        facts["hte_valid_until"] = _day(r, year - 1, year - 1) if r.random() < 0.15 else _day(r, year, year + 2)
    facts["deemed_profit_taxpayer"] = r.random() < 0.06
    return facts


def _rd(r: random.Random, year: int, employees: int) -> dict[str, Any]:
    # Revenue follows head count (about 800,000 yuan per employee); a few start-ups have none yet.
    revenue = 0 if r.random() < 0.01 else _yuan(r, max(employees, 3) * 800_000, 0.6)
    basis_points = 300 if r.random() < 0.08 else int(r.triangular(80, 800, 250))  # 3.00% is the rd-grant threshold
    expense = revenue * basis_points // 10_000 if revenue else _yuan(r, 2_000_000, 0.8)
    growth_pct = r.randint(101, 160) if r.random() < 0.8 else r.randint(80, 100)  # 100: flat, not growth
    # Three years together: about 2.5 times the last one (firms grow); costs near revenue (thin margins).
    expense_3y = expense * r.randint(230, 290) // 100
    return {"fiscal_year": year - 1 if r.random() < 0.9 else year - 2, "expense": expense,
            "expense_prev": expense * 100 // growth_pct, "revenue": revenue,
            "total_cost": revenue * r.randint(80, 105) // 100 if revenue else expense + _yuan(r, 1_000_000, 0.5),
            "expense_3y": expense_3y, "revenue_3y": revenue * r.randint(240, 290) // 100,
            # Mostly in China; a few spend more than 40% abroad (the high-tech 60% test fails).
            "domestic_expense_3y": expense_3y * (r.randint(30, 59) if r.random() < 0.05 else r.randint(60, 100)) // 100,
            "super_deduction_filed": r.random() < 0.85}


def _ip(r: random.Random) -> dict[str, int]:
    # Four firms in ten hold no invention patent and live on utility models and software copyrights.
    class1 = 0 if r.random() < 0.4 else min(int(r.expovariate(1 / 6)) + 1, 200)
    return {"class1_count": class1, "class2_count": r.choice([0, 1, 2, 3, 4]) if r.random() < 0.3 else r.randint(5, 60)}


def _finance(r: random.Random, doc: dict[str, Any]) -> None:
    """The 鲁科贷, 鲁科保, 技改专项贷 and basic-research sections, each held by a minority of firms."""
    if r.random() < 0.2:
        doc["loan"] = {"luke_filed": r.random() < 0.8,
                       "interest_paid": _yuan(r, 300_000, 0.8, (1_250_000,)),  # 40% of 1,250,000 = the cap
                       "repaid_on_time": r.random() < 0.92, "subsidy_received_before": r.random() < 0.15}
    if r.random() < 0.15:
        doc["insurance"] = {"luke_product": r.random() < 0.85,
                            "premium_paid": _yuan(r, 200_000, 0.9, (600_000, 1_000_000)),  # caps at 50% and 30%
                            "first_year": r.random() < 0.5}
    if r.random() < 0.12:
        years = r.choice([0, 0, 1, 2, 3])
        doc["techloan"] = {"in_catalogue": r.random() < 0.75, "loan_amount": _yuan(r, 30_000_000, 0.8),
                           "years_subsidised": years,
                           "received_to_date": 0 if years == 0 else _yuan(r, 400_000 * years, 0.6, (20_000_000,)),
                           "other_project_this_year": r.random() < 0.05}
    if r.random() < 0.06:
        doc["basic_research"] = {"contribution": _yuan(r, 500_000, 1.0),
                                 "recipient": r.choices(list(RECIPIENTS), weights=list(RECIPIENTS.values()))[0]}


def _review(r: random.Random) -> dict[str, bool] | None:
    """Reviewers' decisions: most applications are not reviewed yet (None); the rest have one to three."""
    if r.random() >= 0.12:
        return None
    return {name: r.random() < 0.85 for name in sorted(r.sample(REVIEW_FIELDS, r.randint(1, 3)), key=REVIEW_FIELDS.index)}


def _application(r: random.Random, i: int, as_of: str | None) -> dict[str, Any]:
    year = int(as_of[:4]) if as_of else 2027
    kind = r.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    doc: dict[str, Any] = {"application_id": f"SD-{year}-{i:06d}"}
    if as_of is not None:
        doc["as_of"] = as_of
    doc["applicant"] = applicant = _applicant(r, kind, year)
    if kind == "enterprise" or (kind == "park_operator" and r.random() < 0.4):
        doc["rd"] = _rd(r, year, applicant["employees"])
        if kind == "enterprise":
            # High-tech products: most of a robot firm's revenue, rarely all of it (the high-tech test asks 60%).
            applicant["hitech_revenue"] = doc["rd"]["revenue"] * r.randint(30, 100) // 100
            if r.random() < 0.7:
                doc["ip"] = _ip(r)
    if kind == "enterprise" and r.random() < 0.3:
        doc["scenario"] = {"listed_in_gongfu_baijing": r.random() < 0.7, "robot_application": r.random() < 0.8,
                           "listed_year": r.randint(year - 2, year),
                           "sector": r.choice(SECTORS), "accepted": r.random() < 0.6,
                           "investment": _yuan(r, 5_000_000, 0.8, (0, 10_000_000)),  # 20% of 10,000,000 = the cap
                           "other_provincial_funding": r.random() < 0.1}
    if r.random() < (0.6 if kind in ("university", "research_institute") else 0.06 if kind == "enterprise" else 0):
        upgrade = r.random() < 0.6  # provincial → national; otherwise a new provincial platform
        doc["platform"] = {"type": r.choice(PLATFORMS), "robotics_field": r.random() < 0.8,
                           "previous_level": "provincial" if upgrade else "none",
                           "level": "national" if upgrade else "provincial",
                           "upgraded_on": f"{r.randint(year - 2, year)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
                           "national_matching_required": r.random() < 0.3}
    if kind == "enterprise" and r.random() < 0.35:
        doc["compute"] = {"contract_amount": _yuan(r, 2_000_000, 0.9), "provider_in_shandong": r.random() < 0.8,
                          "paid": r.random() < 0.85, "related_party": r.random() < 0.08,
                          "received_to_date": 0 if r.random() < 0.7 else _yuan(r, 1_500_000, 0.9, (5_000_000,)),
                          "ai_compute": r.random() < 0.75}
    if kind == "park_operator" or (kind == "enterprise" and r.random() < 0.03):
        doc["park"] = {"recognized_accelerator": r.random() < 0.7, "robotics_focus": r.random() < 0.6,
                       "incubated_firms": r.randint(0, 40),
                       "construction_investment": _yuan(r, 15_000_000, 0.7, (20_000_000,))}  # 30% = the cap
    if kind == "enterprise":
        _finance(r, doc)
    if (review := _review(r)) is not None:
        doc["review"] = review
    return doc


def _allocation_facts(r: random.Random, doc: dict[str, Any], year: int) -> None:
    """S&T-plan projects and acceptance dates, which only the allocation programmes read (rules/programmes/).

    Drawn from a generator of their own (one per document), so adding them changed no other generated value.
    """
    applicant = doc.get("applicant") or {}
    share = {"enterprise": 0.05, "university": 0.3, "research_institute": 0.3}.get(applicant.get("kind"), 0)
    if r.random() < share:
        doc["project"] = {"robotics": r.random() < 0.85, "budget": _yuan(r, 6_000_000, 0.7, (5_000_000,))}
        if r.random() < 0.8:  # the expert panel has scored most projects; whole points, so ties are common
            doc.setdefault("review", {})["project_score"] = min(100, int(r.triangular(45, 100, 78)))
    scenario = doc.get("scenario")
    if scenario and scenario.get("accepted") is True and isinstance(scenario.get("listed_year"), int):
        first = scenario["listed_year"]
        scenario["accepted_on"] = _day(r, first, year - 1) if first < year else \
            f"{year}-{r.randint(1, 3):02d}-{r.randint(1, 28):02d}"  # before the assessment date (31 March)


def _drop_fields(r: random.Random, doc: dict[str, Any]) -> None:
    """Delete 1-3 individual fields (never a whole section, never the id), so provisions come out undetermined."""
    paths = [(s, k) for s, section in doc.items() if isinstance(section, dict) for k in section
             if f"{s}.{k}" not in SOMETIMES]
    for section, key in r.sample(paths, r.randint(1, 3)):
        del doc[section][key]


def _wrong_check_character(doc: dict[str, Any]) -> None:
    code = doc["applicant"].get("uscc") or "91370100MA3C5D2X7" + uscc_check_character("91370100MA3C5D2X7")
    right = uscc_check_character(code[:17])
    doc["applicant"]["uscc"] = code[:17] + USCC_CHARSET[(USCC_CHARSET.index(right) + 1) % len(USCC_CHARSET)]


# One realistic mistake each: the ways reviewers see forms go wrong.
_DEFECTS: list[Callable[[dict[str, Any]], None]] = [
    _wrong_check_character,
    lambda d: d.setdefault("rd", {}).update(expense=-1000),
    lambda d: d.setdefault("rd", {}).update(revenue="12万"),
    lambda d: d["applicant"].update(kind="company"),
    lambda d: d["applicant"].update(emploees=d["applicant"].pop("employees", 12)),
    lambda d: d.update(application_id=""),
    lambda d: d.update(as_of="2027-13-01"),
    lambda d: d["applicant"].update(major_accident_1y=True, major_accident_3y=False),  # contradictory flags
]


def generate(n: int, seed: int = 0, *, missing_share: float = 0.1, invalid_share: float = 0.0,
             as_of: str | None = "2027-03-31") -> Iterator[dict[str, Any]]:
    """n applications, streamed one at a time; the same arguments always give the same documents."""
    r = random.Random(seed)  # never the global generator: other code must not shift the sequence
    for i in range(1, n + 1):
        doc = _application(r, i, as_of)
        # Both rolls are drawn for every item, so one share does not change which items the other picks.
        drop, spoil = r.random() < missing_share, r.random() < invalid_share
        if drop:
            _drop_fields(r, doc)
        if spoil:
            r.choice(_DEFECTS)(doc)
        _allocation_facts(random.Random(f"{seed}:{i}"), doc, int(as_of[:4]) if as_of else 2027)
        yield doc


def to_cells(doc: dict[str, Any]) -> dict[str, str]:
    """A document as spreadsheet cells: dotted columns, lists `;`-joined (the empty list 无), booleans true/false."""
    cells: dict[str, str] = {}
    for key, value in doc.items():
        for sub, v in (value.items() if isinstance(value, dict) else [(None, value)]):
            text = (";".join(v) or "无") if isinstance(v, list) else str(v).lower() if isinstance(v, bool) else str(v)
            cells[f"{key}.{sub}" if sub else key] = text
    return cells


def write_sample(path: str, n: int, seed: int, invalid_share: float) -> None:
    """Write n generated applications as JSONL, CSV or XLSX, chosen by the file's suffix."""
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
        raise InputError(path, [Issue.of("(output)", "output_format", "intake.sample_format")])
