# language: zh-CN
@scenario-award
功能: 机器人应用场景奖补(工赋百景),计划 二(三)1
  “将具有先进技术、创新模式和应用成效的机器人应用场景纳入“工赋百景”数字化转型揭榜挂帅项目推广范围,按规定给予最高200万元奖补。”
  按场景投资额(scenario.investment)的 20% 奖补,最高 200 万元,向下取整到元(20% 为建模假设)。
  条件:企业;注册地在山东;入选“工赋百景”推广名单;入选年度在 2026—2028 年且不晚于评估年度;
  项目已通过验收;同一项目未获其他省级资金;未列入严重失信主体名单和经营异常名录;近三年无重大事故。

  背景:
    假如 申请信息如下:
      | 字段                                 | 值                       |
      | application_id                       | SA-1                     |
      | scenario.robot_application | 是 |
      | review.green_threshold | 是 |
      | as_of                                | 2027-03-31               |
      | applicant.name                       | 青岛某汽车零部件有限公司 |
      | applicant.uscc                       | 91370200264574251E       |
      | applicant.kind                       | enterprise               |
      | applicant.city_code                  | 370200                   |
      | applicant.dishonest_listed           | 否                       |
      | applicant.major_accident_3y          | 否                       |
      | applicant.abnormal_operations_listed | 否                       |
      | scenario.listed_in_gongfu_baijing    | 是                       |
      | scenario.listed_year                 | 2026                     |
      | scenario.sector                      | automotive               |
      | scenario.accepted                    | 是                       |
      | scenario.investment                  | 7450000                  |
      | scenario.other_provincial_funding    | 否                       |

  场景: 投资 745 万元的汽车焊装场景获奖补 149 万元
    当 评估该申请
    那么 "scenario-award" 的结论为 "符合"
    而且 "scenario-award" 的金额为 1490000 元
    而且 "scenario-award" 的最高金额为 2000000 元
    而且 总金额为 1490000 元

  # —— 金额:20%,向下取整,最高 200 万元 ——

  场景大纲: 投资 <投资> 元,奖补 <金额> 元
    假如 申请信息另有:
      | 字段                | 值     |
      | scenario.investment | <投资> |
    当 评估该申请
    那么 "scenario-award" 的结论为 "符合"
    而且 "scenario-award" 的金额为 <金额> 元
    而且 总金额为 <金额> 元

    例子: 上限
      | 投资     | 金额    |
      | 9999999  | 1999999 |
      | 10000000 | 2000000 |
      | 10000005 | 2000000 |
      | 25000000 | 2000000 |

    例子: 向下取整
      | 投资    | 金额   |
      | 1234567 | 246913 |
      | 1234569 | 246913 |
      | 4       | 0      |
      | 5       | 1      |

  场景: 奖补恰好达到 200 万元上限时全额给予
    假如 申请信息另有:
      | 字段                | 值       |
      | scenario.investment | 10000000 |
    当 评估该申请
    那么 "scenario-award" 的金额为 2000000 元

  场景: 投资 3000 万元超过上限,奖补按 200 万元封顶
    假如 申请信息另有:
      | 字段                | 值       |
      | scenario.investment | 30000000 |
    当 评估该申请
    那么 "scenario-award" 的结论为 "符合"
    而且 "scenario-award" 的金额为 2000000 元
    而且 "scenario-award" 的最高金额为 2000000 元

  场景: 20% × 1,234,567 = 246,913.4,向下取整为 246,913 元
    假如 申请信息另有:
      | 字段                | 值      |
      | scenario.investment | 1234567 |
    当 评估该申请
    那么 "scenario-award" 的金额为 246913 元

  场景: 投资额为 0 时仍然符合,金额为 0 元
    假如 申请信息另有:
      | 字段                | 值 |
      | scenario.investment | 0  |
    当 评估该申请
    那么 "scenario-award" 的结论为 "符合"
    而且 "scenario-award" 的金额为 0 元
    而且 总金额为 0 元

  # —— 入选年度:2026—2028 年内,且不晚于评估年度 ——

  场景大纲: <年度> 年入选、按 <评估日> 评估,结论为“<结论>”
    假如 申请信息另有:
      | 字段                 | 值     |
      | scenario.listed_year | <年度> |
    当 按 <评估日> 评估该申请
    那么 "scenario-award" 的条件 "listed-year-in-plan" 为 "<计划期内>"
    而且 "scenario-award" 的条件 "listed-year-not-after-as-of" 为 "<不晚于评估年度>"
    而且 "scenario-award" 的结论为 "<结论>"

    例子:
      | 年度 | 评估日     | 计划期内 | 不晚于评估年度 | 结论   |
      | 2025 | 2027-03-31 | 不通过   | 通过           | 不符合 |
      | 2026 | 2026-01-01 | 通过     | 通过           | 符合   |
      | 2026 | 2027-03-31 | 通过     | 通过           | 符合   |
      | 2028 | 2027-03-31 | 通过     | 不通过         | 不符合 |
      | 2028 | 2027-12-31 | 通过     | 不通过         | 不符合 |
      | 2028 | 2028-01-01 | 通过     | 通过           | 符合   |
      | 2028 | 2028-12-31 | 通过     | 通过           | 符合   |
      | 2029 | 2028-12-31 | 不通过   | 不通过         | 不符合 |

  # —— 注册地 ——

  场景大纲: 注册地代码 <代码>(<地区>),条件 "in-shandong" 为 "<结果>"
    假如 申请信息另有:
      | 字段                | 值     |
      | applicant.city_code | <代码> |
    当 评估该申请
    那么 "scenario-award" 的条件 "in-shandong" 为 "<结果>"
    而且 "scenario-award" 的结论为 "<结论>"

    例子:
      | 代码   | 地区         | 结果   | 结论   |
      | 370102 | 济南市历下区 | 通过   | 符合   |
      | 370211 | 青岛市黄岛区 | 通过   | 符合   |
      | 370800 | 济宁市       | 通过   | 符合   |
      | 110108 | 北京市海淀区 | 不通过 | 不符合 |
      | 320100 | 江苏省南京市 | 不通过 | 不符合 |

  场景: 注册地看行政区划代码而非信用代码:深圳发放的信用代码、注册在历下区,仍算山东
    假如 申请信息另有:
      | 字段                | 值                 |
      | applicant.uscc      | 914403001922038216 |
      | applicant.city_code | 370102             |
    当 评估该申请
    那么 "scenario-award" 的条件 "in-shandong" 为 "通过"
    而且 "scenario-award" 的结论为 "符合"
    而且 "scenario-award" 的条件 "in-shandong" 的中文说明包含 "370102 以 37 开头"

  # —— 其余每项条件都可能不通过 ——

  场景大纲: <字段> 为 <值> 时条件 "<条件>" 不通过,结论为不符合
    假如 申请信息另有:
      | 字段   | 值   |
      | <字段> | <值> |
    当 评估该申请
    那么 "scenario-award" 的条件 "<条件>" 为 "不通过"
    而且 "scenario-award" 的结论为 "不符合"
    而且 "scenario-award" 没有金额

    例子:
      | 条件                        | 字段                                 | 值                 |
      | is-enterprise               | applicant.kind                       | university         |
      | is-enterprise               | applicant.kind                       | research_institute |
      | is-enterprise               | applicant.kind                       | park_operator      |
      | listed-in-gongfu-baijing    | scenario.listed_in_gongfu_baijing    | 否                 |
      | accepted                    | scenario.accepted                    | 否                 |
      | no-other-provincial-funding | scenario.other_provincial_funding    | 是                 |
      | not-dishonest-listed        | applicant.dishonest_listed           | 是                 |
      | not-abnormal-listed         | applicant.abnormal_operations_listed | 是                 |
      | no-major-accident           | applicant.major_accident_3y          | 是                 |

  场景: 项目尚未验收,奖补不符合(奖补在项目完成验收后给予)
    假如 申请信息另有:
      | 字段              | 值    |
      | scenario.accepted | false |
    当 评估该申请
    那么 "scenario-award" 的结论为 "不符合"
    而且 "scenario-award" 的条件 "accepted" 的英文说明包含 "(should be yes)"

  # —— 缺少数据 ——

  场景大纲: 未提供 <字段> 时条件 "<条件>" 未知,结论待定,只缺这一项
    假如 "<字段>" 未提供
    当 评估该申请
    那么 "scenario-award" 的条件 "<条件>" 为 "未知"
    而且 "scenario-award" 的结论为 "待定"
    而且 "scenario-award" 缺少 "<字段>"
    而且 "scenario-award" 没有金额
    而且 "scenario-award" 的最高金额为 2000000 元

    例子:
      | 条件                        | 字段                                 |
      | is-enterprise               | applicant.kind                       |
      | in-shandong                 | applicant.city_code                  |
      | listed-in-gongfu-baijing    | scenario.listed_in_gongfu_baijing    |
      | accepted                    | scenario.accepted                    |
      | no-other-provincial-funding | scenario.other_provincial_funding    |
      | not-dishonest-listed        | applicant.dishonest_listed           |
      | not-abnormal-listed         | applicant.abnormal_operations_listed |
      | no-major-accident           | applicant.major_accident_3y          |

  场景: 未提供入选年度时,两项年度条件均为未知
    假如 "scenario.listed_year" 未提供
    当 评估该申请
    那么 "scenario-award" 的条件 "listed-year-in-plan" 为 "未知"
    并且 "scenario-award" 的条件 "listed-year-not-after-as-of" 为 "未知"
    并且 "scenario-award" 的结论为 "待定"
    并且 "scenario-award" 缺少 "scenario.listed_year"

  场景: 未提供投资额时,条件全部通过但金额无法计算,结论待定
    假如 "scenario.investment" 未提供
    当 评估该申请
    那么 "scenario-award" 的结论为 "待定"
    而且 "scenario-award" 缺少 "scenario.investment"
    而且 "scenario-award" 的条件 "accepted" 为 "通过"
    而且 "scenario-award" 的条件 "listed-year-in-plan" 为 "通过"
    而且 "scenario-award" 没有金额
    而且 "scenario-award" 的最高金额为 2000000 元

  场景: 未提供验收情况和投资额时,两项都列为缺少
    假如 "scenario.accepted" 未提供
    而且 "scenario.investment" 未提供
    当 评估该申请
    那么 "scenario-award" 的结论为 "待定"
    而且 "scenario-award" 缺少 "scenario.accepted, scenario.investment"

  场景: 行业领域不是条件,未提供也不影响结论
    假如 "scenario.sector" 未提供
    当 评估该申请
    那么 "scenario-award" 的结论为 "符合"
    而且 "scenario-award" 的金额为 1490000 元

  # —— 不通过优先于未知 ——

  场景: 同一项目已获其他省级资金,即使未提供验收情况,结论也是不符合
    假如 "scenario.accepted" 未提供
    而且 申请信息另有:
      | 字段                              | 值 |
      | scenario.other_provincial_funding | 是 |
    当 评估该申请
    那么 "scenario-award" 的结论为 "不符合"
    而且 "scenario-award" 的条件 "accepted" 为 "未知"
    而且 "scenario-award" 的条件 "no-other-provincial-funding" 为 "不通过"
    而且 "scenario-award" 没有金额

  场景: 列入经营异常名录,即使未提供投资额,结论也是不符合
    假如 "scenario.investment" 未提供
    而且 申请信息另有:
      | 字段                                 | 值 |
      | applicant.abnormal_operations_listed | 是 |
    当 评估该申请
    那么 "scenario-award" 的结论为 "不符合"
    而且 "scenario-award" 没有金额

  场景: 入选场景不是机器人应用场景的,不予奖补
    假如 申请信息另有:
      | 字段                       | 值 |
      | scenario.robot_application | 否 |
    当 评估该申请
    那么 "scenario-award" 的条件 "robot-application" 为 "fail"
    而且 "scenario-award" 的结论为 "不符合"
    而且 "scenario-award" 没有金额

  场景: 未说明是否为机器人应用场景的,结论待定
    假如 "scenario.robot_application" 未提供
    当 评估该申请
    那么 "scenario-award" 的条件 "robot-application" 为 "unknown"
    而且 "scenario-award" 的结论为 "待定"
    而且 "scenario-award" 缺少 "scenario.robot_application"

  场景: 绿色门槛尚未审核的,可申报、待审核,金额为测算待定
    假如 "review.green_threshold" 未提供
    当 评估该申请
    那么 "scenario-award" 的条件 "green-threshold" 为 "unknown"
    而且 "scenario-award" 的结论为 "待审核"
    而且 "scenario-award" 的金额为 1490000 元
    而且 总金额为 0 元

  场景: 未通过绿色门槛审核的,不予奖补
    假如 申请信息另有:
      | 字段                   | 值 |
      | review.green_threshold | 否 |
    当 评估该申请
    那么 "scenario-award" 的条件 "green-threshold" 为 "fail"
    而且 "scenario-award" 的结论为 "不符合"
