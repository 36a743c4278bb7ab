# language: zh-CN
@lukedai-interest
功能: 鲁科贷贴息,计划 三(三)
  “用好“鲁科贷”“鲁科担”“鲁科保”“鲁科投”“鲁科融”等金融产品,推动中小企业发展壮大。”
  按已备案科技成果转化贷款实付利息(loan.interest_paid)的 40% 贴息,每家企业最高 50 万元、限享受一次,
  向下取整到元(鲁科字〔2023〕154号)。
  条件:企业;注册地在山东;已入库科技型中小企业或通过“科融信”评价;贷款已在鲁科贷风险补偿备案;
  按期还本付息;此前未获鲁科贷贴息;未列入严重失信主体名单;通过财政涉企资金“绿色门槛”审核(审核人填写)。

  背景:
    假如 申请信息如下:
      | 字段                          | 值                       |
      | application_id                | LD-1                     |
      | as_of                         | 2027-03-31               |
      | applicant.name                | 潍坊某伺服电机有限公司   |
      | applicant.kind                | enterprise               |
      | applicant.city_code           | 370700                   |
      | applicant.designations        | 科技型中小企业           |
      | applicant.kerongxin_passed    | 否                       |
      | applicant.dishonest_listed    | 否                       |
      | loan.luke_filed               | 是                       |
      | loan.repaid_on_time           | 是                       |
      | loan.subsidy_received_before  | 否                       |
      | loan.interest_paid            | 860000                   |
      | review.green_threshold        | 是                       |

  场景: 已付利息 86 万元,贴息 40% 即 34.4 万元
    当 评估该申请
    那么 "lukedai-interest" 的结论为 "符合"
    而且 "lukedai-interest" 的金额为 344000 元
    而且 "lukedai-interest" 的最高金额为 500000 元
    而且 总金额为 344000 元

  # —— 金额:40%,向下取整,每家企业最高 50 万元 ——

  场景大纲: 已付利息 <利息> 元,贴息 <金额> 元
    假如 申请信息另有:
      | 字段               | 值     |
      | loan.interest_paid | <利息> |
    当 评估该申请
    那么 "lukedai-interest" 的结论为 "符合"
    而且 "lukedai-interest" 的金额为 <金额> 元
    而且 总金额为 <金额> 元

    例子: 上限 50 万元
      | 利息    | 金额   |
      | 1249999 | 499999 |
      | 1250000 | 500000 |
      | 1250001 | 500000 |
      | 3000000 | 500000 |

    例子: 向下取整
      | 利息    | 金额   |
      | 1234567 | 493826 |
      | 3       | 1      |
      | 2       | 0      |
      | 0       | 0      |

  场景: 贴息恰好达到 50 万元上限时全额给予
    假如 申请信息另有:
      | 字段               | 值       |
      | loan.interest_paid | 125万    |
    当 评估该申请
    那么 "lukedai-interest" 的金额为 500000 元
    而且 "lukedai-interest" 的最高金额为 500000 元

  # —— 每家企业限一次 ——

  场景: 此前已获鲁科贷贴息的企业不能再享受(每家企业限一次)
    假如 申请信息另有:
      | 字段                         | 值 |
      | loan.subsidy_received_before | 是 |
    当 评估该申请
    那么 "lukedai-interest" 的条件 "first-subsidy" 为 "不通过"
    而且 "lukedai-interest" 的结论为 "不符合"
    而且 "lukedai-interest" 没有金额
    而且 总金额为 0 元

  场景: 未说明此前是否获得过贴息,结论待定,金额不确定
    假如 "loan.subsidy_received_before" 未提供
    当 评估该申请
    那么 "lukedai-interest" 的条件 "first-subsidy" 为 "未知"
    而且 "lukedai-interest" 的结论为 "待定"
    而且 "lukedai-interest" 缺少 "loan.subsidy_received_before"
    而且 "lukedai-interest" 没有金额
    而且 "lukedai-interest" 的最高金额为 500000 元

  # —— 科技型中小企业或“科融信” ——

  场景大纲: 资质为 <资质>、科融信为 <科融信> 时,条件 "tech-sme-or-kerongxin" 为 "<结果>"
    假如 申请信息另有:
      | 字段                       | 值       |
      | applicant.designations     | <资质>   |
      | applicant.kerongxin_passed | <科融信> |
    当 评估该申请
    那么 "lukedai-interest" 的条件 "tech-sme-or-kerongxin" 为 "<结果>"
    而且 "lukedai-interest" 的结论为 "<结论>"

    例子:
      | 资质                      | 科融信 | 结果   | 结论   |
      | 科技型中小企业            | 否     | 通过   | 符合   |
      | 科技型中小企业            | 是     | 通过   | 符合   |
      | 高新技术企业              | 是     | 通过   | 符合   |
      | 高新技术企业              | 否     | 不通过 | 不符合 |
      | 专精特新                  | 否     | 不通过 | 不符合 |
      | 专精特新、科技型中小企业  | 否     | 通过   | 符合   |

  场景: 未提供资质、但未通过科融信评价时,条件未知,结论待定
    假如 "applicant.designations" 未提供
    当 评估该申请
    那么 "lukedai-interest" 的条件 "tech-sme-or-kerongxin" 为 "未知"
    而且 "lukedai-interest" 的结论为 "待定"
    而且 "lukedai-interest" 缺少 "applicant.designations"

  场景: 未提供资质、但已通过科融信评价时,条件通过
    假如 "applicant.designations" 未提供
    而且 申请信息另有:
      | 字段                       | 值 |
      | applicant.kerongxin_passed | 是 |
    当 评估该申请
    那么 "lukedai-interest" 的条件 "tech-sme-or-kerongxin" 为 "通过"
    而且 "lukedai-interest" 的结论为 "符合"
    而且 "lukedai-interest" 的金额为 344000 元

  场景: 已是科技型中小企业时,是否通过科融信评价无关紧要
    假如 "applicant.kerongxin_passed" 未提供
    当 评估该申请
    那么 "lukedai-interest" 的条件 "tech-sme-or-kerongxin" 为 "通过"
    而且 "lukedai-interest" 的结论为 "符合"

  # —— 绿色门槛审核 ——

  场景: 绿色门槛尚未审核,结论为待审核,金额暂不计入总金额
    假如 "review.green_threshold" 未提供
    当 评估该申请
    那么 "lukedai-interest" 的结论为 "待审核"
    而且 "lukedai-interest" 的条件 "green-threshold" 为 "未知"
    而且 "lukedai-interest" 的条件 "green-threshold" 的中文说明包含 "待审核"
    而且 "lukedai-interest" 的金额为 344000 元
    而且 总金额为 0 元

  场景: 绿色门槛审核未通过,结论为不符合
    假如 申请信息另有:
      | 字段                   | 值 |
      | review.green_threshold | 否 |
    当 评估该申请
    那么 "lukedai-interest" 的条件 "green-threshold" 为 "不通过"
    而且 "lukedai-interest" 的结论为 "不符合"
    而且 "lukedai-interest" 没有金额

  场景: 绿色门槛尚未审核、又未提供已付利息时,结论待定,只缺利息
    假如 "review.green_threshold" 未提供
    而且 "loan.interest_paid" 未提供
    当 评估该申请
    那么 "lukedai-interest" 的结论为 "待定"
    而且 "lukedai-interest" 缺少 "loan.interest_paid"

  # —— 其余每项条件都可能不通过 ——

  场景大纲: <字段> 为 <值> 时条件 "<条件>" 不通过,结论为不符合
    假如 申请信息另有:
      | 字段   | 值   |
      | <字段> | <值> |
    当 评估该申请
    那么 "lukedai-interest" 的条件 "<条件>" 为 "不通过"
    而且 "lukedai-interest" 的结论为 "不符合"
    而且 "lukedai-interest" 没有金额

    例子:
      | 条件                 | 字段                       | 值                 |
      | is-enterprise        | applicant.kind             | university         |
      | is-enterprise        | applicant.kind             | research_institute |
      | in-shandong          | applicant.city_code        | 110108             |
      | loan-filed           | loan.luke_filed            | 否                 |
      | repaid-on-time       | loan.repaid_on_time        | 否                 |
      | not-dishonest-listed | applicant.dishonest_listed | 是                 |

  # —— 缺少数据 ——

  场景大纲: 未提供 <字段> 时条件 "<条件>" 未知,结论待定,只缺这一项
    假如 "<字段>" 未提供
    当 评估该申请
    那么 "lukedai-interest" 的条件 "<条件>" 为 "未知"
    而且 "lukedai-interest" 的结论为 "待定"
    而且 "lukedai-interest" 缺少 "<字段>"
    而且 "lukedai-interest" 没有金额

    例子:
      | 条件                 | 字段                       |
      | is-enterprise        | applicant.kind             |
      | in-shandong          | applicant.city_code        |
      | loan-filed           | loan.luke_filed            |
      | repaid-on-time       | loan.repaid_on_time        |
      | not-dishonest-listed | applicant.dishonest_listed |

  场景: 未提供已付利息时,条件全部通过但金额无法计算,结论待定
    假如 "loan.interest_paid" 未提供
    当 评估该申请
    那么 "lukedai-interest" 的结论为 "待定"
    而且 "lukedai-interest" 缺少 "loan.interest_paid"
    而且 "lukedai-interest" 没有金额
    而且 "lukedai-interest" 的最高金额为 500000 元

  场景: 未按期还款,即使未提供已付利息,结论也是不符合
    假如 "loan.interest_paid" 未提供
    而且 申请信息另有:
      | 字段                | 值 |
      | loan.repaid_on_time | 否 |
    当 评估该申请
    那么 "lukedai-interest" 的结论为 "不符合"
    而且 "lukedai-interest" 没有金额
