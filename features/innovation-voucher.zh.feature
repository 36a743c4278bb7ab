# language: zh-CN
@innovation-voucher
功能: 创新券,计划 二(四)1
  “发挥好“算力券”“创新券”作用” — 面向科技型中小企业;计划未规定金额,只给出待遇说明。

  背景:
    假如 申请信息如下:
      | 字段                       | 值                         |
      | application_id             | IV-1                       |
      | as_of                      | 2027-03-31                 |
      | applicant.kind             | enterprise                 |
      | applicant.city_code        | 370303                     |
      | applicant.designations     | tech_sme;srdi              |
      | applicant.dishonest_listed | 否                         |

  场景: 淄博的科技型中小企业可申领创新券,没有金额
    当 评估该申请
    那么 "innovation-voucher" 的结论为 "符合"
    而且 "innovation-voucher" 没有金额
    而且 总金额为 0 元

  场景大纲: <字段> 为 <值> 时条件 "<条件>" 不通过
    假如 申请信息另有:
      | 字段   | 值   |
      | <字段> | <值> |
    当 评估该申请
    那么 "innovation-voucher" 的条件 "<条件>" 为 "不通过"
    而且 "innovation-voucher" 的结论为 "不符合"

    例子:
      | 条件                 | 字段                       | 值                   |
      | is-enterprise        | applicant.kind             | university           |
      | in-shandong          | applicant.city_code        | 320100               |
      | tech-sme             | applicant.designations     | high_tech_enterprise |
      | not-dishonest-listed | applicant.dishonest_listed | 是                   |

  场景大纲: 未提供 <字段> 时结论待定
    假如 "<字段>" 未提供
    当 评估该申请
    那么 "innovation-voucher" 的条件 "<条件>" 为 "未知"
    而且 "innovation-voucher" 的结论为 "待定"
    而且 "innovation-voucher" 缺少 "<字段>"

    例子:
      | 条件                 | 字段                       |
      | is-enterprise        | applicant.kind             |
      | in-shandong          | applicant.city_code        |
      | tech-sme             | applicant.designations     |
      | not-dishonest-listed | applicant.dishonest_listed |
