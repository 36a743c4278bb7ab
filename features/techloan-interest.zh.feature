# language: zh-CN
@techloan-interest
功能: 技改专项贷贴息,计划 二(四)1
  “支持企业用好设备购置补贴、技改专项贷和股权投资政策,发挥好“算力券”“创新券”作用,强化企业发展动能、提升企业发展能级。”
  按贷款余额(techloan.loan_amount)× 一年期 LPR(3.00%)× 35% 贴息,按全年计息测算(建模假设),
  即贷款余额的 1.05%,向下取整到元。同一项目最多贴息 3 年,累计贴息不超过 2000 万元:
  本次金额不超过 2000 万元减去累计已获贴息(techloan.received_to_date)。
  条件:企业;注册地在山东;项目已入省级技改导向目录项目库;已贴息年数少于 3 年;同一法人本年度无其他项目
  享受省级技改专项贷贴息;累计贴息未达 2000 万元;未列入严重失信主体名单;通过“绿色门槛”审核(审核人填写)。

  背景:
    假如 申请信息如下:
      | 字段                              | 值                       |
      | application_id                    | TL-1                     |
      | as_of                             | 2027-03-31               |
      | applicant.name                    | 烟台某机器人系统集成有限公司 |
      | applicant.kind                    | 企业                     |
      | applicant.city_code               | 370600                   |
      | applicant.dishonest_listed        | 否                       |
      | techloan.in_catalogue             | 是                       |
      | techloan.loan_amount              | 300000000                |
      | techloan.years_subsidised         | 1                        |
      | techloan.received_to_date         | 5000000                  |
      | techloan.other_project_this_year  | 否                       |
      | review.green_threshold            | 是                       |

  场景: 贷款余额 3 亿元,贴息 1.05% 即 315 万元
    当 评估该申请
    那么 "techloan-interest" 的结论为 "符合"
    而且 "techloan-interest" 的金额为 3150000 元
    而且 "techloan-interest" 的最高金额为 20000000 元
    而且 总金额为 3150000 元

  # —— 金额:余额 × 3.00% × 35%,向下取整 ——

  场景大纲: 贷款余额 <余额> 元、此前未获贴息,贴息 <金额> 元
    假如 申请信息另有:
      | 字段                      | 值     |
      | techloan.loan_amount      | <余额> |
      | techloan.received_to_date | 0      |
      | techloan.years_subsidised | 0      |
    当 评估该申请
    那么 "techloan-interest" 的结论为 "符合"
    而且 "techloan-interest" 的金额为 <金额> 元

    例子: 向下取整
      | 余额      | 金额    |
      | 123456789 | 1296296 |
      | 100       | 1       |
      | 95        | 0       |
      | 0         | 0       |

    例子: 累计上限 2000 万元
      | 余额       | 金额     |
      | 1904761904 | 19999999 |
      | 1904761905 | 20000000 |
      | 3000000000 | 20000000 |

  # —— 累计上限:已获贴息接近 2000 万元 ——

  场景大纲: 累计已获贴息 <已获> 元,本次贴息 <金额> 元
    假如 申请信息另有:
      | 字段                      | 值     |
      | techloan.received_to_date | <已获> |
    当 评估该申请
    那么 "techloan-interest" 的条件 "cumulative-headroom" 为 "通过"
    而且 "techloan-interest" 的结论为 "符合"
    而且 "techloan-interest" 的金额为 <金额> 元
    而且 总金额为 <金额> 元

    例子:
      | 已获     | 金额    |
      | 0        | 3150000 |
      | 16850000 | 3150000 |
      | 16850001 | 3149999 |
      | 18000000 | 2000000 |
      | 19999999 | 1       |

  场景: 累计已获 1000 万元、贷款 10 亿元时,本次按剩余额度 1000 万元封顶
    假如 申请信息另有:
      | 字段                      | 值         |
      | techloan.loan_amount      | 1000000000 |
      | techloan.received_to_date | 10000000   |
    当 评估该申请
    那么 "techloan-interest" 的金额为 10000000 元
    而且 "techloan-interest" 的最高金额为 20000000 元

  场景大纲: 累计已获贴息 <已获> 元已达上限,结论为不符合
    假如 申请信息另有:
      | 字段                      | 值     |
      | techloan.received_to_date | <已获> |
    当 评估该申请
    那么 "techloan-interest" 的条件 "cumulative-headroom" 为 "不通过"
    而且 "techloan-interest" 的结论为 "不符合"
    而且 "techloan-interest" 没有金额

    例子:
      | 已获     |
      | 20000000 |
      | 25000000 |

  场景: 未提供累计已获贴息时,结论待定,金额无法计算
    假如 "techloan.received_to_date" 未提供
    当 评估该申请
    那么 "techloan-interest" 的条件 "cumulative-headroom" 为 "未知"
    而且 "techloan-interest" 的结论为 "待定"
    而且 "techloan-interest" 缺少 "techloan.received_to_date"
    而且 "techloan-interest" 没有金额
    而且 "techloan-interest" 的最高金额为 20000000 元

  # —— 最多贴息 3 年 ——

  场景大纲: 已贴息 <年数> 年,条件 "within-years" 为 "<结果>"
    假如 申请信息另有:
      | 字段                      | 值     |
      | techloan.years_subsidised | <年数> |
    当 评估该申请
    那么 "techloan-interest" 的条件 "within-years" 为 "<结果>"
    而且 "techloan-interest" 的结论为 "<结论>"

    例子:
      | 年数 | 结果   | 结论   |
      | 0    | 通过   | 符合   |
      | 2    | 通过   | 符合   |
      | 3    | 不通过 | 不符合 |
      | 4    | 不通过 | 不符合 |

  场景: 已贴息 2 年时仍可享受第三年贴息,金额不变
    假如 申请信息另有:
      | 字段                      | 值 |
      | techloan.years_subsidised | 2  |
    当 评估该申请
    那么 "techloan-interest" 的金额为 3150000 元

  # —— 绿色门槛审核 ——

  场景: 绿色门槛尚未审核,结论为待审核,金额暂不计入总金额
    假如 "review.green_threshold" 未提供
    当 评估该申请
    那么 "techloan-interest" 的结论为 "待审核"
    而且 "techloan-interest" 的条件 "green-threshold" 为 "未知"
    而且 "techloan-interest" 的条件 "green-threshold" 的中文说明包含 "待审核"
    而且 "techloan-interest" 的金额为 3150000 元
    而且 总金额为 0 元

  场景: 绿色门槛审核未通过,结论为不符合
    假如 申请信息另有:
      | 字段                   | 值 |
      | review.green_threshold | 否 |
    当 评估该申请
    那么 "techloan-interest" 的条件 "green-threshold" 为 "不通过"
    而且 "techloan-interest" 的结论为 "不符合"
    而且 "techloan-interest" 没有金额
    而且 总金额为 0 元

  # —— 其余每项条件都可能不通过 ——

  场景大纲: <字段> 为 <值> 时条件 "<条件>" 不通过,结论为不符合
    假如 申请信息另有:
      | 字段   | 值   |
      | <字段> | <值> |
    当 评估该申请
    那么 "techloan-interest" 的条件 "<条件>" 为 "不通过"
    而且 "techloan-interest" 的结论为 "不符合"
    而且 "techloan-interest" 没有金额

    例子:
      | 条件                 | 字段                             | 值            |
      | is-enterprise        | applicant.kind                   | park_operator |
      | in-shandong          | applicant.city_code              | 320100        |
      | in-catalogue         | techloan.in_catalogue            | 否            |
      | one-project-a-year   | techloan.other_project_this_year | 是            |
      | not-dishonest-listed | applicant.dishonest_listed       | 是            |

  # —— 缺少数据 ——

  场景大纲: 未提供 <字段> 时条件 "<条件>" 未知,结论待定,只缺这一项
    假如 "<字段>" 未提供
    当 评估该申请
    那么 "techloan-interest" 的条件 "<条件>" 为 "未知"
    而且 "techloan-interest" 的结论为 "待定"
    而且 "techloan-interest" 缺少 "<字段>"
    而且 "techloan-interest" 没有金额

    例子:
      | 条件                 | 字段                             |
      | is-enterprise        | applicant.kind                   |
      | in-shandong          | applicant.city_code              |
      | in-catalogue         | techloan.in_catalogue            |
      | within-years         | techloan.years_subsidised        |
      | one-project-a-year   | techloan.other_project_this_year |
      | not-dishonest-listed | applicant.dishonest_listed       |

  场景: 未提供贷款余额时,条件全部通过但金额无法计算,结论待定
    假如 "techloan.loan_amount" 未提供
    当 评估该申请
    那么 "techloan-interest" 的结论为 "待定"
    而且 "techloan-interest" 缺少 "techloan.loan_amount"
    而且 "techloan-interest" 没有金额
    # 最高金额是累计上限尚余的部分:2000 万元减去已获的 500 万元
    而且 "techloan-interest" 的最高金额为 15000000 元

  场景: 已贴息满 3 年,即使未提供贷款余额,结论也是不符合
    假如 "techloan.loan_amount" 未提供
    而且 申请信息另有:
      | 字段                      | 值 |
      | techloan.years_subsidised | 3  |
    当 评估该申请
    那么 "techloan-interest" 的结论为 "不符合"
    而且 "techloan-interest" 没有金额
