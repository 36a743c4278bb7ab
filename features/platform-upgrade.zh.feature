# language: zh-CN
@platform-upgrade
功能: 国家级创新平台升级支持,计划 三(一)
  “对新升级为国家级且国家没有配套资金要求的创新平台,按规定给予1000万元经费支持。”
  固定支持 1000 万元。

  背景:
    假如 申请信息如下:
      | 字段                                | 值             |
      | application_id                      | PU-1           |
      | as_of                               | 2027-03-31     |
      | applicant.kind                      | university     |
      | applicant.city_code                 | 370102         |
      | applicant.dishonest_listed          | 否             |
      | platform.type                       | key_laboratory |
      | platform.robotics_field             | 是             |
      | platform.previous_level             | provincial     |
      | platform.level                      | national       |
      | platform.upgraded_on                | 2026-09-18     |
      | platform.national_matching_required | 否             |

  场景: 高校重点实验室 2026 年升级为国家级,获 1000 万元
    当 评估该申请
    那么 "platform-upgrade" 的结论为 "符合"
    而且 "platform-upgrade" 的金额为 10000000 元
    而且 总金额为 10000000 元

  场景大纲: 升级日期 <日期>、按 <评估日> 评估,条件 "<条件>" 为 "<结果>"
    假如 申请信息另有:
      | 字段                 | 值     |
      | platform.upgraded_on | <日期> |
    当 按 <评估日> 评估该申请
    那么 "platform-upgrade" 的条件 "<条件>" 为 "<结果>"

    例子:
      | 日期       | 评估日     | 条件                     | 结果   |
      | 2025-12-31 | 2027-03-31 | upgraded-in-plan         | 不通过 |
      | 2026-01-01 | 2027-03-31 | upgraded-in-plan         | 通过   |
      | 2027-04-01 | 2027-03-31 | upgraded-not-after-as-of | 不通过 |
      | 2027-03-31 | 2027-03-31 | upgraded-not-after-as-of | 通过   |

  场景大纲: <字段> 为 <值> 时条件 "<条件>" 不通过
    假如 申请信息另有:
      | 字段   | 值   |
      | <字段> | <值> |
    当 评估该申请
    那么 "platform-upgrade" 的条件 "<条件>" 为 "不通过"
    而且 "platform-upgrade" 的结论为 "不符合"

    例子:
      | 条件                 | 字段                                | 值            |
      | eligible-kind        | applicant.kind                      | park_operator |
      | in-shandong          | applicant.city_code                 | 110108        |
      | robotics-field       | platform.robotics_field             | 否            |
      | upgraded-to-national | platform.previous_level             | none          |
      | upgraded-to-national | platform.level                      | provincial    |
      | no-national-matching | platform.national_matching_required | 是            |
      | not-dishonest-listed | applicant.dishonest_listed          | 是            |

  场景: 原级别不是省级时,即使现级别未提供也不符合
    假如 "platform.level" 未提供
    而且 申请信息另有:
      | 字段                    | 值   |
      | platform.previous_level | none |
    当 评估该申请
    那么 "platform-upgrade" 的条件 "upgraded-to-national" 为 "不通过"

  场景大纲: 未提供 <字段> 时结论待定
    假如 "<字段>" 未提供
    当 评估该申请
    那么 "platform-upgrade" 的条件 "<条件>" 为 "未知"
    而且 "platform-upgrade" 的结论为 "待定"
    而且 "platform-upgrade" 缺少 "<字段>"
    而且 "platform-upgrade" 的最高金额为 10000000 元

    例子:
      | 条件                 | 字段                                |
      | eligible-kind        | applicant.kind                      |
      | in-shandong          | applicant.city_code                 |
      | robotics-field       | platform.robotics_field             |
      | upgraded-to-national | platform.level                      |
      | no-national-matching | platform.national_matching_required |
      | not-dishonest-listed | applicant.dishonest_listed          |

  场景: 未提供升级日期时,两项日期条件均为未知
    假如 "platform.upgraded_on" 未提供
    当 评估该申请
    那么 "platform-upgrade" 的条件 "upgraded-in-plan" 为 "未知"
    而且 "platform-upgrade" 的条件 "upgraded-not-after-as-of" 为 "未知"
    而且 "platform-upgrade" 缺少 "platform.upgraded_on"
