"""The sections of an application (applicant, R&D, IP, …): one pydantic model each, every field optional."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, Strict, model_validator

from schemas.fieldtypes import (
    _DEDUPE_SHORTCUT,
    _DIVISION_SHORTCUT,
    _INDUSTRY_SHORTCUT,
    _NO_ACCIDENT_SHORTCUT,
    Count,
    Date,
    Designation,
    FieldKind,
    Flag,
    Kind,
    Points,
    Recipient,
    Section,
    Text,
    Year,
    Yuan,
    _act,
    _label,
    _uscc,
)

class Applicant(Section):
    name: Annotated[Text | None, _label("Legal name", "申请单位名称")]
    uscc: Annotated[
        Annotated[str, Strict(), AfterValidator(_uscc), FieldKind("code")] | None,
        _label("Unified social credit code", "统一社会信用代码"),
    ]
    kind: Annotated[Annotated[Kind, FieldKind("enum")] | None, _label("Kind of applicant", "申请单位类型")]
    city_code: Annotated[
        Annotated[str, Strict(), _DIVISION_SHORTCUT, FieldKind("code")] | None,
        _label("Division code of the place of registration", "注册地行政区划代码"),
    ]
    industry_code: Annotated[
        Annotated[str, Strict(), _INDUSTRY_SHORTCUT, FieldKind("code")] | None,
        _label("Industry class (GB/T 4754-2017)", "国民经济行业代码"),
    ]
    robot_business: Annotated[
        Flag | None,
        _label("Main business is robots, robot components, robot software or integration",
               "主营机器人整机、核心零部件、软件或系统集成"),
    ]
    designations: Annotated[
        Annotated[list[Designation], Field(max_length=5), _DEDUPE_SHORTCUT, FieldKind("set")] | None,
        _label("Designations", "企业资质"),
    ]
    kerongxin_passed: Annotated[Flag | None, _label("Passed the 科融信 credit evaluation", "通过“科融信”评价")]
    registered_on: Annotated[Date | None, _label("Date of establishment", "成立日期")]
    employees: Annotated[Count | None, _label("Employees", "从业人数")]
    tech_staff: Annotated[Count | None, _act("Science and technology staff", "科技人员数")]
    total_assets: Annotated[Yuan | None, _label("Total assets at the end of the fiscal year", "年末资产总额")]
    hitech_revenue: Annotated[
        Yuan | None, _act("Revenue from high-tech products and services", "高新技术产品(服务)收入")
    ]
    direct_qualification: Annotated[
        Flag | None,
        _label("Meets a tech-SME direct condition (award, provincial R&D institution, led a standard)",
               "符合科技型中小企业直接入库条件(科技奖励、省级以上研发机构或主导制定标准)"),
    ]
    restricted_products: Annotated[
        Flag | None, _label("Products in a prohibited, restricted or obsolete catalogue", "产品属于国家禁止、限制或淘汰类")
    ]
    hte_valid_until: Annotated[Date | None, _label("High-tech enterprise certificate valid until", "高新技术企业证书有效期至")]
    deemed_profit_taxpayer: Annotated[
        Flag | None, _label("Income tax levied on deemed profit", "企业所得税核定征收")
    ]
    dishonest_listed: Annotated[Flag | None, _label("On the serious dishonesty list", "列入严重失信主体名单")]
    major_accident_3y: Annotated[Flag | None, _label("Major accident in the last 3 years", "近三年发生重大事故")]
    # Declared after major_accident_3y so that its validator sees the 3-year flag already validated.
    major_accident_1y: Annotated[
        Annotated[Flag, _NO_ACCIDENT_SHORTCUT] | None, _label("Major accident in the last year", "近一年发生重大事故")
    ]
    abnormal_operations_listed: Annotated[
        Flag | None, _label("On the abnormal-operations list", "列入经营异常名录")
    ]

    @model_validator(mode="after")
    def _implied_accident_flags(self) -> Applicant:
        # The last year lies inside the last three: no accident in 3 years means none in 1, one in the last year
        # is one in the last 3. Strict flags: a validated True/False is one the input gave. After validation, as a
        # before-validator makes pydantic build the section as a dict even from JSON. An implied flag counts as given.
        one, three = self.major_accident_1y, self.major_accident_3y
        implied = ("major_accident_1y", False) if one is None and three is False else \
            ("major_accident_3y", True) if one is True and three is None else None
        if implied:
            object.__setattr__(self, *implied)  # frozen: set once, while the instance is being validated
            self.__pydantic_fields_set__.add(implied[0])
        return self



class RD(Section):
    fiscal_year: Annotated[Year | None, _label("Fiscal year assessed", "研发费用所属年度")]
    expense: Annotated[Yuan | None, _act("R&D expense", "研发费用")]
    expense_prev: Annotated[Yuan | None, _label("R&D expense of the year before", "上年研发费用")]
    revenue: Annotated[Yuan | None, _label("Operating revenue", "营业收入")]
    total_cost: Annotated[Yuan | None, _label("Total costs and expenses", "成本费用总额")]
    expense_3y: Annotated[Yuan | None, _act("R&D expense of the last three years", "近三年研发费用合计")]
    revenue_3y: Annotated[Yuan | None, _label("Sales revenue of the last three years", "近三年销售收入合计")]
    domestic_expense_3y: Annotated[
        Yuan | None, _act("R&D expense of the last three years spent in China", "近三年境内研发费用合计")
    ]
    super_deduction_filed: Annotated[Flag | None, _act("R&D super deduction filed", "已申报研发费用加计扣除")]


class IP(Section):
    class1_count: Annotated[
        Count | None, _act("Valid class-I IP (invention patents etc.)", "有效Ⅰ类知识产权数(发明专利等)")
    ]
    class2_count: Annotated[
        Count | None, _act("Valid class-II IP (utility models, designs, software copyrights)",
                           "有效Ⅱ类知识产权数(实用新型、外观设计、软件著作权)")
    ]


class Scenario(Section):
    listed_in_gongfu_baijing: Annotated[Flag | None, _label("Listed in 工赋百景", "入选“工赋百景”推广名单")]
    robot_application: Annotated[Flag | None, _label("Robot application scenario", "属于机器人应用场景")]
    listed_year: Annotated[Year | None, _label("Year of listing", "入选年度")]
    sector: Annotated[
        Annotated[
            Literal["3c", "automotive", "home_appliance", "marine_engineering", "other_industry"], FieldKind("enum")
        ]
        | None,
        _label("Sector", "应用领域"),
    ]
    accepted: Annotated[Flag | None, _label("Scenario project accepted", "场景项目已通过验收")]
    investment: Annotated[Yuan | None, _act("Eligible scenario investment", "场景项目投资额")]
    other_provincial_funding: Annotated[
        Flag | None, _label("Already has other provincial funding", "已获其他省级资金支持")
    ]
    # First-come order of the 工赋百景 places (rules/programmes/gongfu-baijing-places.yaml); no criterion reads it.
    accepted_on: Annotated[Date | None, _label("Date the scenario project passed acceptance", "场景项目验收日期")]


class Platform(Section):
    type: Annotated[
        Annotated[
            Literal[
                "key_laboratory",
                "technology_innovation_center",
                "industry_innovation_center",
                "manufacturing_innovation_center",
            ],
            FieldKind("enum"),
        ]
        | None,
        _label("Platform type", "平台类型"),
    ]
    robotics_field: Annotated[Flag | None, _label("Works in the robot field", "属于机器人领域")]
    previous_level: Annotated[
        Annotated[Literal["none", "provincial"], FieldKind("enum")] | None, _label("Level before", "原级别")
    ]
    level: Annotated[
        Annotated[Literal["provincial", "national"], FieldKind("enum")] | None, _label("Level now", "现级别")
    ]
    upgraded_on: Annotated[Date | None, _label("Date of the upgrade", "升级日期")]
    national_matching_required: Annotated[
        Flag | None, _label("National programme requires matching funds", "国家要求配套资金")
    ]


class Compute(Section):
    contract_amount: Annotated[Yuan | None, _act("Compute contract amount", "算力服务合同金额")]
    # Whom to buy from is the buyer's choice: a provider inside Shandong, not a related party.
    provider_in_shandong: Annotated[Flag | None, _act("Provider inside Shandong", "算力服务商在省内")]
    paid: Annotated[Flag | None, _act("Contract signed and paid", "合同已签订并付款")]
    related_party: Annotated[Flag | None, _act("Related-party contract", "买卖双方存在关联关系")]
    received_to_date: Annotated[Yuan | None, _label("Compute vouchers received to date", "已获算力券金额")]
    ai_compute: Annotated[Flag | None, _act("The compute bought is AI compute", "所购算力为智能算力")]


class Park(Section):
    recognized_accelerator: Annotated[
        Flag | None, _label("Recognised future-industry accelerator park", "认定为省未来产业加速园")
    ]
    robotics_focus: Annotated[Flag | None, _label("Robots are a main focus", "以机器人为主导产业")]
    incubated_firms: Annotated[Count | None, _label("Incubated firms", "在孵企业数")]
    construction_investment: Annotated[Yuan | None, _act("Eligible construction investment", "建设投资额")]


class Loan(Section):
    luke_filed: Annotated[Flag | None, _act("Loan filed for 鲁科贷 risk compensation", "贷款已纳入“鲁科贷”备案")]
    interest_paid: Annotated[Yuan | None, _act("Interest paid on the filed loan", "备案贷款已付利息")]
    # A record of past conduct, like an accident: a late repayment cannot be undone.
    repaid_on_time: Annotated[Flag | None, _label("Principal and interest repaid on time", "按期还本付息")]
    subsidy_received_before: Annotated[
        Flag | None, _label("Already received a 鲁科贷 interest subsidy", "已享受过“鲁科贷”贴息")
    ]


class Insurance(Section):
    luke_product: Annotated[Flag | None, _act("Bought a 鲁科保 insurance product", "已投保“鲁科保”科技保险产品")]
    premium_paid: Annotated[Yuan | None, _act("Premium paid in the year", "当年实缴保费")]
    first_year: Annotated[Flag | None, _label("First year of the cover", "首年投保")]


class TechLoan(Section):
    in_catalogue: Annotated[
        Flag | None, _label("Project in the provincial 技改 guidance catalogue pool", "项目列入省技改导向目录项目库")
    ]
    loan_amount: Annotated[Yuan | None, _act("技改专项贷 loan drawn and outstanding", "技改专项贷款余额")]
    years_subsidised: Annotated[Count | None, _label("Years of interest subsidy received", "已享受贴息年数")]
    received_to_date: Annotated[Yuan | None, _label("Interest subsidy received to date", "累计已获贴息金额")]
    other_project_this_year: Annotated[
        Flag | None, _label("Another project of the entity subsidised this year", "本年度另有项目享受省级技改专项贷贴息")
    ]


class BasicResearch(Section):
    contribution: Annotated[Yuan | None, _act("Money given for basic research in the year", "当年基础研究投入")]
    recipient: Annotated[
        Annotated[Recipient, FieldKind("enum")] | None, _act("Recipient of the contribution", "基础研究投入接收方")
    ]


class Project(Section):
    """A project proposed for the provincial S&T plan (plan 三(三)), which the st-plan-projects programme ranks."""

    robotics: Annotated[Flag | None, _label("A robot project of the S&T plan", "属于机器人领域科技攻关项目")]
    budget: Annotated[Yuan | None, _label("Total budget of the project", "项目总预算")]


class Review(Section):
    """Decisions a reviewer records (review criteria): absent means the review is still pending."""

    green_threshold: Annotated[Flag | None, _label("Passed the green threshold check (review)", "通过绿色门槛审核(审核人填写)")]
    compute_effective: Annotated[
        Flag | None, _label("Compute effect significant (review)", "算力赋能效益显著(审核人填写)")
    ]
    core_ip: Annotated[Flag | None, _label("Owns core IP of its main products (review)", "拥有主要产品核心知识产权(审核人填写)")]
    hitech_field: Annotated[
        Flag | None, _label("Main products in the state's key high-tech fields (review)", "主要产品属于国家重点支持的高新技术领域(审核人填写)")
    ]
    innovation_score: Annotated[
        Flag | None, _label("Innovation score of 70 or more (review)", "创新能力评价70分以上(审核人填写)")
    ]
    # Not a pass/fail decision: the expert score that ranks S&T-plan projects (rules/programmes/st-plan-projects.yaml).
    project_score: Annotated[
        Points | None, _label("Expert review score of the project, 0-100 (review)", "项目专家评审得分(0—100,审核人填写)")
    ]
