# language: zh-CN
@innovation-voucher
功能: 创新券,计划 二(四)1
  “支持企业用好设备购置补贴、技改专项贷和股权投资政策,发挥好“算力券”“创新券”作用,强化企业发展动能、提升企业发展能级。”
  计划没有规定金额:结论只给出待遇说明(按创新券管理办法申领),金额为空,不计入总金额。
  条件:企业;注册地在山东;已入库科技型中小企业(资质含 tech_sme);未列入严重失信主体名单。

  背景:
    假如 申请信息如下:
      | 字段                       | 值                       |
      | application_id             | IV-1                     |
      | as_of                      | 2027-03-31               |
      | applicant.name             | 淄博某协作机器人有限公司 |
      | applicant.kind             | enterprise               |
      | applicant.city_code        | 370303                   |
      | applicant.designations     | tech_sme;srdi            |
      | applicant.employees        | 86                       |
      | applicant.dishonest_listed | 否                       |

  场景: 淄博的科技型中小企业可申领创新券,没有金额
    当 评估该申请
    那么 "innovation-voucher" 的结论为 "符合"
    而且 "innovation-voucher" 没有金额
    而且 总金额为 0 元

  # —— 科技型中小企业 ——

  场景大纲: 资质为 <资质> 时,条件 "tech-sme" 为 "<结果>"
    假如 申请信息另有:
      | 字段                   | 值     |
      | applicant.designations | <资质> |
    当 评估该申请
    那么 "innovation-voucher" 的条件 "tech-sme" 为 "<结果>"
    而且 "innovation-voucher" 的结论为 "<结论>"

    例子:
      | 资质                              | 结果   | 结论   |
      | tech_sme                          | 通过   | 符合   |
      | high_tech_enterprise;tech_sme     | 通过   | 符合   |
      | tech_sme;srdi;little_giant        | 通过   | 符合   |
      | high_tech_enterprise              | 不通过 | 不符合 |
      | srdi;little_giant;single_champion | 不通过 | 不符合 |

  场景: 只有高新技术企业资质、没有科技型中小企业资质,不能申领创新券
    假如 申请信息另有:
      | 字段                   | 值                   |
      | applicant.designations | high_tech_enterprise |
    当 评估该申请
    那么 "innovation-voucher" 的结论为 "不符合"
    而且 "innovation-voucher" 的条件 "tech-sme" 的中文说明包含 "科技型中小企业"

  # —— 申请单位类型和注册地 ——

  场景大纲: 申请单位类型为 <类型> 时,条件 "is-enterprise" 不通过
    假如 申请信息另有:
      | 字段           | 值     |
      | applicant.kind | <类型> |
    当 评估该申请
    那么 "innovation-voucher" 的条件 "is-enterprise" 为 "不通过"
    而且 "innovation-voucher" 的结论为 "不符合"

    例子:
      | 类型               |
      | university         |
      | research_institute |
      | park_operator      |

  场景大纲: 注册地代码 <代码>(<地区>),条件 "in-shandong" 为 "<结果>"
    假如 申请信息另有:
      | 字段                | 值     |
      | applicant.city_code | <代码> |
    当 评估该申请
    那么 "innovation-voucher" 的条件 "in-shandong" 为 "<结果>"
    而且 "innovation-voucher" 的结论为 "<结论>"

    例子:
      | 代码   | 地区         | 结果   | 结论   |
      | 370300 | 淄博市       | 通过   | 符合   |
      | 370102 | 济南市历下区 | 通过   | 符合   |
      | 370211 | 青岛市黄岛区 | 通过   | 符合   |
      | 110108 | 北京市海淀区 | 不通过 | 不符合 |
      | 320100 | 江苏省南京市 | 不通过 | 不符合 |

  场景: 信用代码由深圳发放但注册在济宁,仍算山东企业
    假如 申请信息另有:
      | 字段                | 值                 |
      | applicant.uscc      | 914403001922038216 |
      | applicant.city_code | 370800             |
    当 评估该申请
    那么 "innovation-voucher" 的条件 "in-shandong" 为 "通过"
    而且 "innovation-voucher" 的结论为 "符合"

  场景: 列入严重失信主体名单的企业不能申领创新券
    假如 申请信息另有:
      | 字段                       | 值 |
      | applicant.dishonest_listed | 是 |
    当 评估该申请
    那么 "innovation-voucher" 的条件 "not-dishonest-listed" 为 "不通过"
    而且 "innovation-voucher" 的结论为 "不符合"
    而且 "innovation-voucher" 没有金额

  # —— 缺少数据 ——

  场景大纲: 未提供 <字段> 时条件 "<条件>" 未知,结论待定,只缺这一项
    假如 "<字段>" 未提供
    当 评估该申请
    那么 "innovation-voucher" 的条件 "<条件>" 为 "未知"
    而且 "innovation-voucher" 的结论为 "待定"
    而且 "innovation-voucher" 缺少 "<字段>"
    而且 "innovation-voucher" 没有金额

    例子:
      | 条件                 | 字段                       |
      | is-enterprise        | applicant.kind             |
      | in-shandong          | applicant.city_code        |
      | tech-sme             | applicant.designations     |
      | not-dishonest-listed | applicant.dishonest_listed |

  场景: 未提供资质和失信情况时,两项都列为缺少
    假如 "applicant.designations" 未提供
    并且 "applicant.dishonest_listed" 未提供
    当 评估该申请
    那么 "innovation-voucher" 的结论为 "待定"
    而且 "innovation-voucher" 缺少 "applicant.designations, applicant.dishonest_listed"

  场景: 员工人数不是条件,未提供也不影响结论
    假如 "applicant.employees" 未提供
    当 评估该申请
    那么 "innovation-voucher" 的结论为 "符合"

  # —— 不通过优先于未知 ——

  场景: 注册在北京的企业,即使未提供资质,结论也是不符合
    假如 "applicant.designations" 未提供
    而且 申请信息另有:
      | 字段                | 值     |
      | applicant.city_code | 110108 |
    当 评估该申请
    那么 "innovation-voucher" 的结论为 "不符合"
    而且 "innovation-voucher" 的条件 "tech-sme" 为 "未知"
    而且 "innovation-voucher" 的条件 "in-shandong" 为 "不通过"

  场景: 高校申请,即使未提供失信情况,结论也是不符合
    假如 "applicant.dishonest_listed" 未提供
    而且 申请信息另有:
      | 字段           | 值         |
      | applicant.kind | university |
    当 评估该申请
    那么 "innovation-voucher" 的结论为 "不符合"
    而且 "innovation-voucher" 的条件 "not-dishonest-listed" 为 "未知"
