# language: zh-CN
@scenario-award
功能: 机器人应用场景奖补(工赋百景),计划 二(三)1
  “将具有先进技术、创新模式和应用成效的机器人应用场景纳入“工赋百景”数字化转型揭榜挂帅项目推广范围,按规定给予最高200万元奖补。”
  按场景投资额的 20% 奖补,最高 200 万元,向下取整到元。

  背景:
    假如 申请信息如下:
      | 字段                               | 值          |
      | application_id                     | SA-1        |
      | as_of                              | 2027-03-31  |
      | applicant.kind                     | enterprise  |
      | applicant.city_code                | 370102      |
      | applicant.dishonest_listed         | 否          |
      | applicant.major_accident_3y        | 否          |
      | applicant.abnormal_operations_listed | 否        |
      | scenario.listed_in_gongfu_baijing  | 是          |
      | scenario.listed_year               | 2026        |
      | scenario.sector                    | automotive  |
      | scenario.accepted                  | 是          |
      | scenario.investment                | 7450000     |
      | scenario.other_provincial_funding  | 否          |

  场景: 投资 745 万元的汽车焊装场景获奖补 149 万元
    当 评估该申请
    那么 "scenario-award" 的结论为 "符合"
    而且 "scenario-award" 的金额为 1490000 元
    而且 "scenario-award" 的最高金额为 2000000 元
    而且 "scenario-award" 的条件 "in-shandong" 的中文说明包含 "370102 以 37 开头"

  场景大纲: 投资 <投资> 元,奖补 <金额> 元
    假如 申请信息另有:
      | 字段                | 值     |
      | scenario.investment | <投资> |
    当 评估该申请
    那么 "scenario-award" 的金额为 <金额> 元

    例子:
      | 投资     | 金额    |
      | 10000000 | 2000000 |
      | 10000005 | 2000000 |
      | 9999999  | 1999999 |
      | 1234567  | 246913  |
      | 0        | 0       |

  场景大纲: 入选年度 <年度>、按 <日期> 评估,条件 "<条件>" 为 "<结果>"
    假如 申请信息另有:
      | 字段                 | 值     |
      | scenario.listed_year | <年度> |
    当 按 <日期> 评估该申请
    那么 "scenario-award" 的条件 "<条件>" 为 "<结果>"

    例子:
      | 年度 | 日期       | 条件                        | 结果   |
      | 2025 | 2027-03-31 | listed-year-in-plan         | 不通过 |
      | 2029 | 2028-12-31 | listed-year-in-plan         | 不通过 |
      | 2028 | 2027-03-31 | listed-year-not-after-as-of | 不通过 |
      | 2028 | 2028-01-01 | listed-year-not-after-as-of | 通过   |

  场景大纲: <字段> 为 <值> 时条件 "<条件>" 不通过
    假如 申请信息另有:
      | 字段   | 值   |
      | <字段> | <值> |
    当 评估该申请
    那么 "scenario-award" 的条件 "<条件>" 为 "不通过"
    而且 "scenario-award" 的结论为 "不符合"
    而且 "scenario-award" 没有金额

    例子:
      | 条件                        | 字段                                 | 值         |
      | is-enterprise               | applicant.kind                       | university |
      | in-shandong                 | applicant.city_code                  | 110108     |
      | listed-in-gongfu-baijing    | scenario.listed_in_gongfu_baijing    | 否         |
      | accepted                    | scenario.accepted                    | 否         |
      | no-other-provincial-funding | scenario.other_provincial_funding    | 是         |
      | not-dishonest-listed        | applicant.dishonest_listed           | 是         |
      | not-abnormal-listed         | applicant.abnormal_operations_listed | 是         |
      | no-major-accident           | applicant.major_accident_3y          | 是         |

  场景大纲: 未提供 <字段> 时结论待定
    假如 "<字段>" 未提供
    当 评估该申请
    那么 "scenario-award" 的条件 "<条件>" 为 "未知"
    而且 "scenario-award" 的结论为 "待定"
    而且 "scenario-award" 缺少 "<字段>"

    例子:
      | 条件                        | 字段                                 |
      | is-enterprise               | applicant.kind                       |
      | in-shandong                 | applicant.city_code                  |
      | listed-in-gongfu-baijing    | scenario.listed_in_gongfu_baijing    |
      | listed-year-in-plan         | scenario.listed_year                 |
      | accepted                    | scenario.accepted                    |
      | no-other-provincial-funding | scenario.other_provincial_funding    |
      | not-dishonest-listed        | applicant.dishonest_listed           |
      | not-abnormal-listed         | applicant.abnormal_operations_listed |
      | no-major-accident           | applicant.major_accident_3y          |

  场景: 未提供投资额时,条件全部通过但金额无法计算,结论待定
    假如 "scenario.investment" 未提供
    当 评估该申请
    那么 "scenario-award" 的结论为 "待定"
    而且 "scenario-award" 缺少 "scenario.investment"
    而且 "scenario-award" 没有金额
