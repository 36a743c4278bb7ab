"""How the choice codes of the application read in Chinese and English, and the words people type for them.

JSON takes codes only (the machine contract); CSV/XLSX cells, Gherkin tables and the interview also take the
Chinese label or a synonym listed here (engine/intake/words.py resolves them, field by field, so that one word
may mean different codes in different fields: 其他 is `other_industry` for a sector, `other` for a recipient).
"""

from __future__ import annotations

# code: (zh label, en label, other words a clerk types for it). The zh label is what forms and reports show.
CHOICE_WORDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # applicant.kind
    "enterprise": ("企业", "enterprise", ("公司", "企业法人", "有限公司")),
    "university": ("高校", "university", ("大学", "高等学校", "高等院校", "学院")),
    "research_institute": ("科研院所", "research institute", ("研究院", "研究所", "科研机构", "新型研发机构")),
    "park_operator": ("园区运营方", "park operator", ("园区", "园区运营单位", "园区运营机构", "园区运营主体")),
    # applicant.designations
    "high_tech_enterprise": ("高新技术企业", "high-tech enterprise", ("高企", "国家高新技术企业", "高新企业")),
    "tech_sme": ("科技型中小企业", "tech-based SME", ("科技型中小", "科小", "科技中小企业", "科技型中小企业入库")),
    "srdi": ("专精特新中小企业", "SRDI SME", ("专精特新", "专精特新企业", "省级专精特新")),
    "little_giant": ("专精特新“小巨人”企业", "SRDI little giant", ("小巨人", "专精特新小巨人", "专精特新小巨人企业")),
    "single_champion": ("制造业单项冠军企业", "manufacturing single champion", ("单项冠军", "制造业单项冠军")),
    # scenario.sector
    "3c": ("3C", "3C electronics", ("3C电子", "电子信息", "消费电子")),
    "automotive": ("汽车", "automotive", ("汽车制造", "汽车及零部件")),
    "home_appliance": ("家电", "home appliances", ("家用电器",)),
    "marine_engineering": ("海工", "marine engineering", ("海洋工程", "海洋工程装备", "海工装备")),
    "other_industry": ("其他工业", "other industry", ("其他", "其它", "其他行业")),
    # platform.type, .previous_level, .level
    "key_laboratory": ("重点实验室", "key laboratory", ("实验室",)),
    "technology_innovation_center": ("技术创新中心", "technology innovation centre", ("技创中心",)),
    "industry_innovation_center": ("产业创新中心", "industry innovation centre", ()),
    "manufacturing_innovation_center": ("制造业创新中心", "manufacturing innovation centre", ()),
    "none": ("无", "none", ("没有", "无级别")),
    "provincial": ("省级", "provincial", ("省",)),
    "national": ("国家级", "national", ("国家", "国家级平台")),
    # basic_research.recipient (财政部 税务总局公告2022年第32号)
    "nonprofit_research_institute": ("非营利性科研机构", "non-profit research institute",
                                     ("非营利性科学技术研究开发机构", "科研机构", "科研院所", "研究院", "研究所")),
    "government_science_fund": ("政府性自然科学基金", "government science fund",
                                ("自然科学基金", "科学基金", "政府性科学基金")),
    "other": ("其他", "other", ("其它", "其他单位")),
}


def choice_label(code: str) -> tuple[str, str]:
    """(zh, en) of a choice code; the code itself for a code without a label."""
    zh, en, _ = CHOICE_WORDS.get(code, (code, code, ()))
    return zh, en


def choice_words(code: str) -> tuple[str, ...]:
    """Everything that names the code in a typed cell: the code, both labels and the synonyms."""
    zh, en, more = CHOICE_WORDS.get(code, (code, code, ()))
    return (code, zh, en, *more)
