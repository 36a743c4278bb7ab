# language: zh-CN
@tech-sme-check
功能: 科技型中小企业评价(自测),计划 三(三)
  “用好“鲁科贷”“鲁科担”“鲁科保”“鲁科投”“鲁科融”等金融产品,推动中小企业发展壮大。”
  按《科技型中小企业评价办法》(国科发政〔2017〕115号)自测能否入库;入库后可申领创新券、申请鲁科贷。没有金额。
  条件:企业;职工总数不超过 500 人;年销售收入不超过 2 亿元;资产总额不超过 2 亿元;产品和服务不属于国家禁止、
  限制和淘汰类;近一年无重大事故;未列入经营异常名录和严重失信主体名单;评价总分不低于 60 分且科技人员指标
  得分大于 0,或符合直接入库条件(有效期内的高新技术企业,或 applicant.direct_qualification 为是)。
  评价总分 = 科技人员指标(科技人员占比 ≥30% 20 分,≥25% 16 分,≥20% 12 分,≥15% 8 分,≥10% 4 分,其余 0 分)
  + 研发投入指标(研发费用占销售收入 ≥6% 50 分、≥5% 40、≥4% 30、≥3% 20、≥2% 10;占成本费用 ≥30% 50 分、
  ≥25% 40、≥20% 30、≥15% 20、≥10% 10;取两者较高者)
  + 科技成果指标(Ⅰ类知识产权 ≥1 项 30 分;否则Ⅱ类 ≥4 项 24 分、3 项 18、2 项 12、1 项 6、0 项 0 分)。
  各档得分都是偶数,总分不可能是 59 分:恰好 60 分通过,最接近的不通过是 58 分。

  背景:
    假如 申请信息如下:
      | 字段                                 | 值                       |
      | application_id                       | TS-1                     |
      | as_of                                | 2027-03-31               |
      | applicant.name                       | 淄博某机器人传感器有限公司 |
      | applicant.kind                       | 企业                     |
      | applicant.city_code                  | 370300                   |
      | applicant.designations               | 专精特新                 |
      | applicant.direct_qualification       | 否                       |
      | applicant.employees                  | 200                      |
      | applicant.tech_staff                 | 50                       |
      | applicant.total_assets               | 80000000                 |
      | applicant.restricted_products        | 否                       |
      | applicant.major_accident_3y          | 否                       |
      | applicant.abnormal_operations_listed | 否                       |
      | applicant.dishonest_listed           | 否                       |
      | rd.expense                           | 6000000                  |
      | rd.revenue                           | 150000000                |
      | rd.total_cost                        | 140000000                |
      | ip.class1_count                      | 0                        |
      | ip.class2_count                      | 3                        |

  场景: 科技人员 25%(16 分)、研发占收入 4%(30 分)、Ⅱ类知识产权 3 项(18 分),总分 64 分,可入库
    当 评估该申请
    那么 "tech-sme-check" 的结论为 "符合"
    而且 "tech-sme-check" 没有金额
    而且 总金额为 0 元
    而且 "tech-sme-check" 的条件 "score-or-direct" 的中文说明包含 "评价总分 64 分 ≥ 60;科技人员指标 16 分 > 0"

  # —— 科技人员指标(研发 30 分 + 知识产权 18 分 = 48 分) ——

  场景大纲: 职工 200 人中科技人员 <人数> 人(<占比>),科技人员 <得分> 分,总分 <总分> 分
    假如 申请信息另有:
      | 字段                 | 值     |
      | applicant.tech_staff | <人数> |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "<结果>"
    而且 "tech-sme-check" 的结论为 "<结论>"
    而且 "tech-sme-check" 的条件 "score-or-direct" 的中文说明包含 "评价总分 <总分> 分"

    例子:
      | 人数 | 占比  | 得分 | 总分 | 结果   | 结论   |
      | 200  | 100%  | 20   | 68   | 通过   | 符合   |
      | 60   | 30%   | 20   | 68   | 通过   | 符合   |
      | 59   | 29.5% | 16   | 64   | 通过   | 符合   |
      | 50   | 25%   | 16   | 64   | 通过   | 符合   |
      | 49   | 24.5% | 12   | 60   | 通过   | 符合   |
      | 40   | 20%   | 12   | 60   | 通过   | 符合   |
      | 39   | 19.5% | 8    | 56   | 不通过 | 不符合 |
      | 30   | 15%   | 8    | 56   | 不通过 | 不符合 |
      | 29   | 14.5% | 4    | 52   | 不通过 | 不符合 |
      | 20   | 10%   | 4    | 52   | 不通过 | 不符合 |
      | 19   | 9.5%  | 0    | 48   | 不通过 | 不符合 |
      | 0    | 0%    | 0    | 48   | 不通过 | 不符合 |

  场景: 科技人员指标 0 分时,即使总分 80 分也不能入库
    假如 申请信息另有:
      | 字段                 | 值      |
      | applicant.tech_staff | 19      |
      | rd.expense           | 9000000 |
      | ip.class1_count      | 1       |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "不通过"
    而且 "tech-sme-check" 的结论为 "不符合"
    而且 "tech-sme-check" 的条件 "score-or-direct" 的中文说明包含 "科技人员指标 0 分 ≤ 0"

  场景: 同样的研发和知识产权,科技人员恰好 10%(4 分)时总分 84 分,可入库
    假如 申请信息另有:
      | 字段                 | 值      |
      | applicant.tech_staff | 20      |
      | rd.expense           | 9000000 |
      | ip.class1_count      | 1       |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "通过"
    而且 "tech-sme-check" 的条件 "score-or-direct" 的中文说明包含 "评价总分 84 分 ≥ 60;科技人员指标 4 分 > 0"

  # —— 总分恰好 60 分 ——

  场景: 总分恰好 60 分(12 + 30 + 18)通过
    假如 申请信息另有:
      | 字段                 | 值 |
      | applicant.tech_staff | 40 |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "通过"
    而且 "tech-sme-check" 的结论为 "符合"
    而且 "tech-sme-check" 的条件 "score-or-direct" 的中文说明包含 "评价总分 60 分 ≥ 60"

  场景: 总分恰好 60 分(20 + 40 + 0,没有知识产权)也通过
    假如 申请信息另有:
      | 字段                 | 值      |
      | applicant.tech_staff | 60      |
      | rd.expense           | 7500000 |
      | ip.class2_count      | 0       |
    当 评估该申请
    那么 "tech-sme-check" 的结论为 "符合"
    而且 "tech-sme-check" 的条件 "score-or-direct" 的中文说明包含 "评价总分 60 分 ≥ 60"

  场景: 总分 58 分(16 + 30 + 12,59 分不可能出现)不通过
    假如 申请信息另有:
      | 字段            | 值 |
      | ip.class2_count | 2  |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "不通过"
    而且 "tech-sme-check" 的结论为 "不符合"
    而且 "tech-sme-check" 的条件 "score-or-direct" 的中文说明包含 "评价总分 58 分 < 60"

  # —— 研发投入指标:占销售收入(收入 1.5 亿元,成本费用 1.4 亿元,占成本比例不足 10% 得 0 分) ——

  场景大纲: 研发费用 <研发> 元,占收入 <占比>,研发 <得分> 分,总分 <总分> 分
    假如 申请信息另有:
      | 字段       | 值     |
      | rd.expense | <研发> |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "<结果>"
    而且 "tech-sme-check" 的条件 "score-or-direct" 的中文说明包含 "评价总分 <总分> 分"

    例子:
      | 研发    | 占比  | 得分 | 总分 | 结果   |
      | 9000000 | 6%    | 50   | 84   | 通过   |
      | 8999999 | <6%   | 40   | 74   | 通过   |
      | 7500000 | 5%    | 40   | 74   | 通过   |
      | 7499999 | <5%   | 30   | 64   | 通过   |
      | 6000000 | 4%    | 30   | 64   | 通过   |
      | 5999999 | <4%   | 20   | 54   | 不通过 |
      | 4500000 | 3%    | 20   | 54   | 不通过 |
      | 4499999 | <3%   | 10   | 44   | 不通过 |
      | 3000000 | 2%    | 10   | 44   | 不通过 |
      | 2999999 | <2%   | 0    | 34   | 不通过 |

  # —— 研发投入指标:占成本费用(成本费用 2000 万元,收入 1.5 亿元;取两者较高者) ——

  场景大纲: 研发费用 <研发> 元,占成本 <占比>,研发 <得分> 分,总分 <总分> 分
    假如 申请信息另有:
      | 字段          | 值       |
      | rd.expense    | <研发>   |
      | rd.total_cost | 20000000 |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "<结果>"
    而且 "tech-sme-check" 的条件 "score-or-direct" 的中文说明包含 "评价总分 <总分> 分"

    例子:
      | 研发    | 占比  | 得分 | 总分 | 结果   |
      | 6000000 | 30%   | 50   | 84   | 通过   |
      | 5999999 | <30%  | 40   | 74   | 通过   |
      | 5000000 | 25%   | 40   | 74   | 通过   |
      | 4999999 | <25%  | 30   | 64   | 通过   |
      | 4000000 | 20%   | 30   | 64   | 通过   |
      | 3999999 | <20%  | 20   | 54   | 不通过 |
      | 3000000 | 15%   | 20   | 54   | 不通过 |
      | 2999999 | <15%  | 10   | 44   | 不通过 |
      | 2000000 | 10%   | 10   | 44   | 不通过 |
      | 1999999 | <10%  | 0    | 34   | 不通过 |

  场景: 未提供成本费用时,占收入比例已得 30 分,总分至少 64 分,仍可入库
    假如 "rd.total_cost" 未提供
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "通过"
    而且 "tech-sme-check" 的结论为 "符合"

  # —— 科技成果指标(科技人员 16 分 + 研发 30 分 = 46 分) ——

  场景大纲: Ⅰ类知识产权 <一类> 项、Ⅱ类 <二类> 项,成果 <得分> 分,总分 <总分> 分
    假如 申请信息另有:
      | 字段            | 值     |
      | ip.class1_count | <一类> |
      | ip.class2_count | <二类> |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "<结果>"
    而且 "tech-sme-check" 的结论为 "<结论>"
    而且 "tech-sme-check" 的条件 "score-or-direct" 的中文说明包含 "评价总分 <总分> 分"

    例子:
      | 一类 | 二类 | 得分 | 总分 | 结果   | 结论   |
      | 1    | 0    | 30   | 76   | 通过   | 符合   |
      | 3    | 5    | 30   | 76   | 通过   | 符合   |
      | 0    | 10   | 24   | 70   | 通过   | 符合   |
      | 0    | 4    | 24   | 70   | 通过   | 符合   |
      | 0    | 3    | 18   | 64   | 通过   | 符合   |
      | 0    | 2    | 12   | 58   | 不通过 | 不符合 |
      | 0    | 1    | 6    | 52   | 不通过 | 不符合 |
      | 0    | 0    | 0    | 46   | 不通过 | 不符合 |

  场景: 有 1 项Ⅰ类知识产权时,未提供Ⅱ类数量也无妨(总分 76 分)
    假如 "ip.class2_count" 未提供
    而且 申请信息另有:
      | 字段            | 值 |
      | ip.class1_count | 1  |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "通过"
    而且 "tech-sme-check" 的结论为 "符合"
    而且 "tech-sme-check" 的条件 "score-or-direct" 的中文说明包含 "评价总分 76 分"

  场景: 没有Ⅰ类知识产权又未提供Ⅱ类数量时,总分可能为 46—70 分,结论待定,只缺Ⅱ类数量
    假如 "ip.class2_count" 未提供
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "未知"
    而且 "tech-sme-check" 的结论为 "待定"
    而且 "tech-sme-check" 的条件 "score-or-direct" 的中文说明包含 "46–70"
    而且 "tech-sme-check" 缺少 "ip.class2_count"

  场景: 未提供Ⅱ类数量,但总分最低也有 70 分(20 + 50 + 0),仍可入库
    假如 "ip.class2_count" 未提供
    而且 申请信息另有:
      | 字段                 | 值      |
      | applicant.tech_staff | 60      |
      | rd.expense           | 9000000 |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "通过"
    而且 "tech-sme-check" 的结论为 "符合"

  场景: 未提供Ⅱ类数量,但总分最高只有 38 分(4 + 10 + 24),不能入库
    假如 "ip.class2_count" 未提供
    而且 申请信息另有:
      | 字段                 | 值      |
      | applicant.tech_staff | 20      |
      | rd.expense           | 3000000 |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "不通过"
    而且 "tech-sme-check" 的结论为 "不符合"

  场景: 未提供科技人员数时,总分可能为 48—68 分,结论待定
    假如 "applicant.tech_staff" 未提供
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "未知"
    而且 "tech-sme-check" 的结论为 "待定"
    而且 "tech-sme-check" 的条件 "score-or-direct" 的中文说明包含 "48–68"

  # —— 直接入库(科技人员 5%、无知识产权:总分 0 + 30 + 0 = 30 分) ——

  场景大纲: 资质 <资质>、证书有效期至 <有效期>、直接入库条件为 <直接>:条件 "score-or-direct" 为 "<结果>"
    假如 申请信息另有:
      | 字段                           | 值       |
      | applicant.tech_staff           | 10       |
      | ip.class2_count                | 0        |
      | applicant.designations         | <资质>   |
      | applicant.hte_valid_until      | <有效期> |
      | applicant.direct_qualification | <直接>   |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "<结果>"
    而且 "tech-sme-check" 的结论为 "<结论>"

    例子:
      | 资质                  | 有效期     | 直接 | 结果   | 结论   |
      | 高新技术企业          | 2028-06-30 | 否   | 通过   | 符合   |
      | 高新技术企业          | 2027-03-31 | 否   | 通过   | 符合   |
      | 高新技术企业          | 2027-03-30 | 否   | 不通过 | 不符合 |
      | 高新技术企业、专精特新 | 2026-12-31 | 否   | 不通过 | 不符合 |
      | 专精特新              | 2028-06-30 | 否   | 不通过 | 不符合 |
      | 专精特新              | 2028-06-30 | 是   | 通过   | 符合   |
      | 高新技术企业          | 2026-12-31 | 是   | 通过   | 符合   |

  场景: 高新技术企业证书已过期,但评价总分 64 分,仍可入库
    假如 申请信息另有:
      | 字段                      | 值           |
      | applicant.designations    | 高新技术企业 |
      | applicant.hte_valid_until | 2026-12-31   |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "通过"
    而且 "tech-sme-check" 的结论为 "符合"

  场景: 高新技术企业未提供证书有效期,且总分只有 30 分,结论待定,缺证书有效期
    假如 申请信息另有:
      | 字段                   | 值           |
      | applicant.tech_staff   | 10           |
      | ip.class2_count        | 0            |
      | applicant.designations | 高新技术企业 |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "未知"
    而且 "tech-sme-check" 的结论为 "待定"
    而且 "tech-sme-check" 缺少 "applicant.hte_valid_until"

  场景: 未说明是否符合直接入库条件,且总分只有 30 分,结论待定,只缺直接入库条件
    假如 "applicant.direct_qualification" 未提供
    而且 申请信息另有:
      | 字段                 | 值 |
      | applicant.tech_staff | 10 |
      | ip.class2_count      | 0  |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "score-or-direct" 为 "未知"
    而且 "tech-sme-check" 的结论为 "待定"
    而且 "tech-sme-check" 缺少 "applicant.direct_qualification"

  场景: 评价总分已达标时,是否符合直接入库条件无关紧要
    假如 "applicant.direct_qualification" 未提供
    当 评估该申请
    那么 "tech-sme-check" 的结论为 "符合"

  # —— 规模条件 ——

  场景大纲: 职工 <职工> 人(科技人员 150 人),条件 "employees-within-limit" 为 "<结果>"
    假如 申请信息另有:
      | 字段                 | 值     |
      | applicant.employees  | <职工> |
      | applicant.tech_staff | 150    |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "employees-within-limit" 为 "<结果>"
    而且 "tech-sme-check" 的结论为 "<结论>"

    例子:
      | 职工 | 结果   | 结论   |
      | 500  | 通过   | 符合   |
      | 501  | 不通过 | 不符合 |

  场景大纲: 销售收入 <收入> 元(研发费用 1200 万元),条件 "revenue-within-limit" 为 "<结果>"
    假如 申请信息另有:
      | 字段       | 值       |
      | rd.revenue | <收入>   |
      | rd.expense | 12000000 |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "revenue-within-limit" 为 "<结果>"
    而且 "tech-sme-check" 的结论为 "<结论>"

    例子:
      | 收入      | 结果   | 结论   |
      | 200000000 | 通过   | 符合   |
      | 200000001 | 不通过 | 不符合 |

  场景大纲: 资产总额 <资产> 元,条件 "assets-within-limit" 为 "<结果>"
    假如 申请信息另有:
      | 字段                   | 值     |
      | applicant.total_assets | <资产> |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "assets-within-limit" 为 "<结果>"
    而且 "tech-sme-check" 的结论为 "<结论>"

    例子:
      | 资产      | 结果   | 结论   |
      | 200000000 | 通过   | 符合   |
      | 200000001 | 不通过 | 不符合 |
      | 2亿       | 通过   | 符合   |

  # —— 其余每项条件都可能不通过 ——

  场景大纲: <字段> 为 <值> 时条件 "<条件>" 不通过,结论为不符合
    假如 申请信息另有:
      | 字段   | 值   |
      | <字段> | <值> |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "<条件>" 为 "不通过"
    而且 "tech-sme-check" 的结论为 "不符合"

    例子:
      | 条件                   | 字段                                 | 值         |
      | is-enterprise          | applicant.kind                       | university |
      | no-restricted-products | applicant.restricted_products        | 是         |
      | not-abnormal-listed    | applicant.abnormal_operations_listed | 是         |
      | not-dishonest-listed   | applicant.dishonest_listed           | 是         |

  场景: 近一年发生重大事故,不能入库
    假如 申请信息另有:
      | 字段                        | 值 |
      | applicant.major_accident_3y | 是 |
      | applicant.major_accident_1y | 是 |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "no-major-accident-1y" 为 "不通过"
    而且 "tech-sme-check" 的结论为 "不符合"

  场景: 近三年有事故、未说明是否在近一年内,结论待定
    假如 申请信息另有:
      | 字段                        | 值 |
      | applicant.major_accident_3y | 是 |
    当 评估该申请
    那么 "tech-sme-check" 的条件 "no-major-accident-1y" 为 "未知"
    而且 "tech-sme-check" 的结论为 "待定"
    而且 "tech-sme-check" 缺少 "applicant.major_accident_1y"

  场景: 评价不是现金奖补,没有“绿色门槛”,也不要求注册在山东
    假如 申请信息另有:
      | 字段                   | 值     |
      | applicant.city_code    | 440300 |
      | review.green_threshold | 否     |
    当 评估该申请
    那么 "tech-sme-check" 的结论为 "符合"

  # —— 缺少数据 ——

  场景大纲: 未提供 <字段> 时条件 "<条件>" 未知,结论待定,只缺这一项
    假如 "<字段>" 未提供
    当 评估该申请
    那么 "tech-sme-check" 的条件 "<条件>" 为 "未知"
    而且 "tech-sme-check" 的结论为 "待定"
    而且 "tech-sme-check" 缺少 "<字段>"

    例子:
      | 条件                   | 字段                                 |
      | is-enterprise          | applicant.kind                       |
      | assets-within-limit    | applicant.total_assets               |
      | no-restricted-products | applicant.restricted_products        |
      | not-abnormal-listed    | applicant.abnormal_operations_listed |
      | not-dishonest-listed   | applicant.dishonest_listed           |

  场景大纲: 未提供 <字段> 时条件 "<条件>" 和评价总分都未知,结论待定
    假如 "<字段>" 未提供
    当 评估该申请
    那么 "tech-sme-check" 的条件 "<条件>" 为 "未知"
    而且 "tech-sme-check" 的条件 "score-or-direct" 为 "未知"
    而且 "tech-sme-check" 的结论为 "待定"

    例子:
      | 条件                   | 字段                |
      | employees-within-limit | applicant.employees |
      | revenue-within-limit   | rd.revenue          |
