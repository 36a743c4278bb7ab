# language: zh-CN
@platform-upgrade
功能: 国家级创新平台升级支持,计划 三(一)
  “对新升级为国家级且国家没有配套资金要求的创新平台,按规定给予1000万元经费支持。”
  固定支持 1000 万元(不是上限,也不按投资比例计算,因此没有取整和封顶问题)。
  条件:申请单位为企业、高校或科研院所;注册地在山东;平台属于机器人领域;由省级升级为国家级;
  升级日期在 2026-01-01 至 2028-12-31 之间且不晚于评估日期;国家没有配套资金要求;未列入严重失信主体名单。

  背景:
    假如 申请信息如下:
      | 字段                                | 值             |
      | application_id                      | PU-1           |
      | review.green_threshold | 是 |
      | as_of                               | 2027-03-31     |
      | applicant.name                      | 济南某大学     |
      | applicant.kind                      | university     |
      | applicant.city_code                 | 370100         |
      | applicant.dishonest_listed          | 否             |
      | platform.type                       | key_laboratory |
      | platform.robotics_field             | 是             |
      | platform.previous_level             | provincial     |
      | platform.level                      | national       |
      | platform.upgraded_on                | 2026-09-18     |
      | platform.national_matching_required | 否             |

  场景: 高校的机器人省重点实验室 2026 年升级为国家级,获 1000 万元
    当 评估该申请
    那么 "platform-upgrade" 的结论为 "符合"
    而且 "platform-upgrade" 的金额为 10000000 元
    而且 "platform-upgrade" 的最高金额为 10000000 元
    而且 总金额为 10000000 元

  场景大纲: <类型> 升级为国家级,同样获 1000 万元
    假如 申请信息另有:
      | 字段          | 值     |
      | platform.type | <类型> |
    当 评估该申请
    那么 "platform-upgrade" 的结论为 "符合"
    而且 "platform-upgrade" 的金额为 10000000 元

    例子:
      | 类型                            |
      | technology_innovation_center    |
      | industry_innovation_center      |
      | manufacturing_innovation_center |

  场景: 平台类型不是条件,未提供也不影响结论和金额
    假如 "platform.type" 未提供
    当 评估该申请
    那么 "platform-upgrade" 的结论为 "符合"
    而且 "platform-upgrade" 的金额为 10000000 元

  # —— 申请单位类型 ——

  场景大纲: 申请单位类型为 <类型> 时,条件 "eligible-kind" 为 "<结果>"
    假如 申请信息另有:
      | 字段           | 值     |
      | applicant.kind | <类型> |
    当 评估该申请
    那么 "platform-upgrade" 的条件 "eligible-kind" 为 "<结果>"
    而且 "platform-upgrade" 的结论为 "<结论>"

    例子:
      | 类型               | 结果   | 结论   |
      | university         | 通过   | 符合   |
      | research_institute | 通过   | 符合   |
      | enterprise         | 通过   | 符合   |
      | park_operator      | 不通过 | 不符合 |

  # —— 由省级升级为国家级 ——

  场景大纲: 原级别 <原级别>、现级别 <现级别>,条件 "upgraded-to-national" 为 "<结果>"
    假如 申请信息另有:
      | 字段                    | 值       |
      | platform.previous_level | <原级别> |
      | platform.level          | <现级别> |
    当 评估该申请
    那么 "platform-upgrade" 的条件 "upgraded-to-national" 为 "<结果>"
    而且 "platform-upgrade" 的结论为 "<结论>"

    例子:
      | 原级别     | 现级别     | 结果   | 结论   |
      | provincial | national   | 通过   | 符合   |
      | none       | national   | 不通过 | 不符合 |
      | provincial | provincial | 不通过 | 不符合 |
      | none       | provincial | 不通过 | 不符合 |

  # —— 升级日期:计划期内,且不晚于评估日期 ——

  场景大纲: <日期> 升级、按 <评估日> 评估,结论为“<结论>”
    假如 申请信息另有:
      | 字段                 | 值     |
      | platform.upgraded_on | <日期> |
    当 按 <评估日> 评估该申请
    那么 "platform-upgrade" 的条件 "upgraded-in-plan" 为 "<计划期内>"
    而且 "platform-upgrade" 的条件 "upgraded-not-after-as-of" 为 "<不晚于评估日>"
    而且 "platform-upgrade" 的结论为 "<结论>"

    例子:
      | 日期       | 评估日     | 计划期内 | 不晚于评估日 | 结论   |
      | 2025-12-31 | 2027-03-31 | 不通过   | 通过         | 不符合 |
      | 2026-01-01 | 2026-01-01 | 通过     | 通过         | 符合   |
      | 2026-01-01 | 2027-03-31 | 通过     | 通过         | 符合   |
      | 2027-03-31 | 2027-03-31 | 通过     | 通过         | 符合   |
      | 2027-04-01 | 2027-03-31 | 通过     | 不通过       | 不符合 |
      | 2028-12-31 | 2028-12-31 | 通过     | 通过         | 符合   |
      | 2029-01-01 | 2028-12-31 | 不通过   | 不通过       | 不符合 |

  # —— 注册地 ——

  场景大纲: 注册地代码 <代码>(<地区>),条件 "in-shandong" 为 "<结果>"
    假如 申请信息另有:
      | 字段                | 值     |
      | applicant.city_code | <代码> |
    当 评估该申请
    那么 "platform-upgrade" 的条件 "in-shandong" 为 "<结果>"
    而且 "platform-upgrade" 的结论为 "<结论>"

    例子:
      | 代码   | 地区         | 结果   | 结论   |
      | 370102 | 济南市历下区 | 通过   | 符合   |
      | 370211 | 青岛市黄岛区 | 通过   | 符合   |
      | 370800 | 济宁市       | 通过   | 符合   |
      | 110108 | 北京市海淀区 | 不通过 | 不符合 |
      | 320100 | 江苏省南京市 | 不通过 | 不符合 |

  # —— 其余每项条件都可能不通过 ——

  场景大纲: <字段> 为 <值> 时条件 "<条件>" 不通过,结论为不符合
    假如 申请信息另有:
      | 字段   | 值   |
      | <字段> | <值> |
    当 评估该申请
    那么 "platform-upgrade" 的条件 "<条件>" 为 "不通过"
    而且 "platform-upgrade" 的结论为 "不符合"
    而且 "platform-upgrade" 没有金额

    例子:
      | 条件                 | 字段                                | 值 |
      | robotics-field       | platform.robotics_field             | 否 |
      | no-national-matching | platform.national_matching_required | 是 |
      | not-dishonest-listed | applicant.dishonest_listed          | 是 |

  场景: 国家要求省级配套资金的平台不在本条支持范围内
    假如 申请信息另有:
      | 字段                                | 值   |
      | platform.national_matching_required | true |
    当 评估该申请
    那么 "platform-upgrade" 的结论为 "不符合"
    而且 "platform-upgrade" 的条件 "no-national-matching" 的中文说明包含 "国家要求配套资金:是"

  # —— 缺少数据 ——

  场景大纲: 未提供 <字段> 时条件 "<条件>" 未知,结论待定,只缺这一项
    假如 "<字段>" 未提供
    当 评估该申请
    那么 "platform-upgrade" 的条件 "<条件>" 为 "未知"
    而且 "platform-upgrade" 的结论为 "待定"
    而且 "platform-upgrade" 缺少 "<字段>"
    而且 "platform-upgrade" 没有金额
    而且 "platform-upgrade" 的最高金额为 10000000 元

    例子:
      | 条件                 | 字段                                |
      | eligible-kind        | applicant.kind                      |
      | in-shandong          | applicant.city_code                 |
      | robotics-field       | platform.robotics_field             |
      | upgraded-to-national | platform.previous_level             |
      | upgraded-to-national | platform.level                      |
      | no-national-matching | platform.national_matching_required |
      | not-dishonest-listed | applicant.dishonest_listed          |

  场景: 未提供升级日期时,两项日期条件均为未知
    假如 "platform.upgraded_on" 未提供
    当 评估该申请
    那么 "platform-upgrade" 的条件 "upgraded-in-plan" 为 "未知"
    而且 "platform-upgrade" 的条件 "upgraded-not-after-as-of" 为 "未知"
    而且 "platform-upgrade" 的结论为 "待定"
    而且 "platform-upgrade" 缺少 "platform.upgraded_on"

  场景: 未提供原级别和现级别时,两项都列为缺少
    假如 "platform.previous_level" 未提供
    并且 "platform.level" 未提供
    当 评估该申请
    那么 "platform-upgrade" 的条件 "upgraded-to-national" 为 "未知"
    而且 "platform-upgrade" 缺少 "platform.previous_level, platform.level"

  # —— 不通过优先于未知 ——

  场景: 国家要求配套资金,即使未提供升级日期,结论也是不符合
    假如 "platform.upgraded_on" 未提供
    而且 申请信息另有:
      | 字段                                | 值 |
      | platform.national_matching_required | 是 |
    当 评估该申请
    那么 "platform-upgrade" 的结论为 "不符合"
    而且 "platform-upgrade" 的条件 "upgraded-in-plan" 为 "未知"
    而且 "platform-upgrade" 的条件 "no-national-matching" 为 "不通过"
    而且 "platform-upgrade" 没有金额

  场景: 原为“无级别”的平台不是“升级”,即使未提供现级别,结论也是不符合
    假如 "platform.level" 未提供
    而且 申请信息另有:
      | 字段                    | 值   |
      | platform.previous_level | none |
    当 评估该申请
    那么 "platform-upgrade" 的条件 "upgraded-to-national" 为 "不通过"
    而且 "platform-upgrade" 的结论为 "不符合"

  场景: 企业的绿色门槛尚未审核时,可申报、待审核
    假如 申请信息另有:
      | 字段           | 值         |
      | applicant.kind | enterprise |
    而且 "review.green_threshold" 未提供
    当 评估该申请
    那么 "platform-upgrade" 的条件 "green-threshold" 为 "unknown"
    而且 "platform-upgrade" 的结论为 "待审核"
    而且 "platform-upgrade" 的金额为 10000000 元
    而且 总金额为 0 元

  场景: 高校不适用绿色门槛,无须审核
    假如 申请信息另有:
      | 字段           | 值         |
      | applicant.kind | university |
    而且 "review.green_threshold" 未提供
    当 评估该申请
    那么 "platform-upgrade" 的条件 "green-threshold" 为 "pass"
    而且 "platform-upgrade" 的结论为 "符合"

  场景: 企业未通过绿色门槛审核的,不予支持
    假如 申请信息另有:
      | 字段                   | 值         |
      | applicant.kind         | enterprise |
      | review.green_threshold | 否         |
    当 评估该申请
    那么 "platform-upgrade" 的条件 "green-threshold" 为 "fail"
    而且 "platform-upgrade" 的结论为 "不符合"
