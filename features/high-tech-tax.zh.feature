# language: zh-CN
@high-tech-tax
功能: 高新技术企业所得税优惠,计划 三(四)
  “落实机器人企业投入基础研究、研发费用加计扣除、高新技术企业所得税等税收优惠政策。”
  税收待遇:企业所得税减按 15% 征收(一般税率 25%)。计划没有规定金额,金额为空,不计入总金额。
  条件只有两项:企业;已认定为高新技术企业(资质含 high_tech_enterprise)。
  这是国家税收政策,没有“注册地在山东”的条件。

  背景:
    假如 申请信息如下:
      | 字段                   | 值                            |
      | application_id         | HT-1                          |
      | applicant.hte_valid_until | 2028-12-31 |
      | applicant.deemed_profit_taxpayer | 否 |
      | as_of                  | 2027-03-31                    |
      | applicant.name         | 青岛某工业机器人有限公司      |
      | applicant.uscc         | 91370200264574251E            |
      | applicant.kind         | enterprise                    |
      | applicant.city_code    | 370211                        |
      | applicant.designations | high_tech_enterprise;tech_sme |

  场景: 高新技术企业享受 15% 税率,没有金额
    当 评估该申请
    那么 "high-tech-tax" 的结论为 "符合"
    而且 "high-tech-tax" 没有金额
    而且 总金额为 0 元
    而且 "high-tech-tax" 的条件 "high-tech-enterprise" 的中文说明包含 "包含 高新技术企业"

  场景大纲: 资质为 <资质> 时,条件 "high-tech-enterprise" 为 "<结果>"
    假如 申请信息另有:
      | 字段                   | 值     |
      | applicant.designations | <资质> |
    当 评估该申请
    那么 "high-tech-tax" 的条件 "high-tech-enterprise" 为 "<结果>"
    而且 "high-tech-tax" 的结论为 "<结论>"
    而且 "high-tech-tax" 没有金额

    例子:
      | 资质                                   | 结果   | 结论   |
      | high_tech_enterprise                   | 通过   | 符合   |
      | srdi;little_giant;high_tech_enterprise | 通过   | 符合   |
      | tech_sme                               | 不通过 | 不符合 |
      | tech_sme;srdi                          | 不通过 | 不符合 |
      | single_champion                        | 不通过 | 不符合 |

  场景大纲: 申请单位类型为 <类型> 时,条件 "is-enterprise" 不通过
    假如 申请信息另有:
      | 字段           | 值     |
      | applicant.kind | <类型> |
    当 评估该申请
    那么 "high-tech-tax" 的条件 "is-enterprise" 为 "不通过"
    而且 "high-tech-tax" 的结论为 "不符合"

    例子:
      | 类型               |
      | university         |
      | research_institute |
      | park_operator      |

  场景大纲: 注册在 <地区>(<代码>)的高新技术企业同样符合:本条没有地域条件
    假如 申请信息另有:
      | 字段                | 值     |
      | applicant.city_code | <代码> |
    当 评估该申请
    那么 "high-tech-tax" 的结论为 "符合"

    例子:
      | 代码   | 地区         |
      | 370102 | 济南市历下区 |
      | 110108 | 北京市海淀区 |
      | 320100 | 江苏省南京市 |

  场景: 只需要单位类型和资质,未提供注册地也不影响结论
    假如 "applicant.city_code" 未提供
    当 评估该申请
    那么 "high-tech-tax" 的结论为 "符合"

  场景大纲: 未提供 <字段> 时条件 "<条件>" 未知,结论待定,只缺这一项
    假如 "<字段>" 未提供
    当 评估该申请
    那么 "high-tech-tax" 的条件 "<条件>" 为 "未知"
    而且 "high-tech-tax" 的结论为 "待定"
    而且 "high-tech-tax" 缺少 "<字段>"
    而且 "high-tech-tax" 没有金额

    例子:
      | 条件                 | 字段                   |
      | is-enterprise        | applicant.kind         |
      | high-tech-enterprise | applicant.designations |

  场景: 单位类型和资质都未提供时,两项都列为缺少
    假如 "applicant.kind" 未提供
    并且 "applicant.designations" 未提供
    当 评估该申请
    那么 "high-tech-tax" 的结论为 "待定"
    而且 "high-tech-tax" 缺少 "applicant.kind, applicant.designations"

  场景: 科研院所申请,即使未提供资质,结论也是不符合
    假如 "applicant.designations" 未提供
    而且 申请信息另有:
      | 字段           | 值                 |
      | applicant.kind | research_institute |
    当 评估该申请
    那么 "high-tech-tax" 的结论为 "不符合"
    而且 "high-tech-tax" 的条件 "high-tech-enterprise" 为 "未知"
    而且 "high-tech-tax" 的条件 "is-enterprise" 为 "不通过"

  场景: 没有高新技术企业资质,即使未提供单位类型,结论也是不符合
    假如 "applicant.kind" 未提供
    而且 申请信息另有:
      | 字段                   | 值       |
      | applicant.designations | tech_sme |
    当 评估该申请
    那么 "high-tech-tax" 的结论为 "不符合"
    而且 "high-tech-tax" 的条件 "is-enterprise" 为 "未知"
