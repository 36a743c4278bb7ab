# language: zh-CN
@high-tech-tax
功能: 高新技术企业所得税优惠,计划 三(四)
  “落实机器人企业投入基础研究、研发费用加计扣除、高新技术企业所得税等税收优惠政策。”
  税收待遇:企业所得税减按 15% 征收;不计算金额。

  背景:
    假如 申请信息如下:
      | 字段                   | 值                            |
      | application_id         | HT-1                          |
      | as_of                  | 2027-03-31                    |
      | applicant.kind         | enterprise                    |
      | applicant.designations | high_tech_enterprise;tech_sme |

  场景: 高新技术企业享受 15% 税率,没有金额
    当 评估该申请
    那么 "high-tech-tax" 的结论为 "符合"
    而且 "high-tech-tax" 没有金额
    而且 "high-tech-tax" 的条件 "high-tech-enterprise" 的中文说明包含 "包含 高新技术企业"

  场景大纲: <字段> 为 <值> 时条件 "<条件>" 不通过
    假如 申请信息另有:
      | 字段   | 值   |
      | <字段> | <值> |
    当 评估该申请
    那么 "high-tech-tax" 的条件 "<条件>" 为 "不通过"
    而且 "high-tech-tax" 的结论为 "不符合"

    例子:
      | 条件                 | 字段                   | 值                 |
      | is-enterprise        | applicant.kind         | research_institute |
      | high-tech-enterprise | applicant.designations | tech_sme;srdi      |

  场景大纲: 未提供 <字段> 时结论待定
    假如 "<字段>" 未提供
    当 评估该申请
    那么 "high-tech-tax" 的条件 "<条件>" 为 "未知"
    而且 "high-tech-tax" 缺少 "<字段>"

    例子:
      | 条件                 | 字段                   |
      | is-enterprise        | applicant.kind         |
      | high-tech-enterprise | applicant.designations |
