# language: zh-CN
@advice
功能: 建议——怎样才能符合条件
  对不符合的条款,引擎找出申请人可以改变的事项(科技人员、研发费用、算力合同等)的最小改动,
  并给出改动后的金额;得分条款说明要达到哪一档。注册地、行业、事故记录等不可改变的事项从不改动,
  这类条件不通过时列为“受阻”。每个方案在给出前都已重新评估核实,下面的步骤再重新评估一次。

  背景:
    假如 申请信息如下:
      | 字段                            | 值         |
      | application_id                  | ADV-ZH-1   |
      | as_of                           | 2027-05-20 |
      | applicant.kind                  | enterprise |
      | applicant.city_code             | 370212     |
      | applicant.industry_code         | 3964       |
      | applicant.designations          | 无         |
      | applicant.registered_on         | 2024-03-11 |
      | applicant.employees             | 40         |
      | applicant.tech_staff            | 7          |
      | applicant.total_assets          | 12000000   |
      | applicant.restricted_products   | false      |
      | applicant.major_accident_1y     | false      |
      | applicant.major_accident_3y     | false      |
      | applicant.dishonest_listed      | false      |
      | applicant.abnormal_operations_listed | false |
      | applicant.direct_qualification  | false      |
      | rd.revenue                      | 23000000   |
      | rd.total_cost                   | 26000000   |
      | rd.expense                      | 920000     |
      | ip.class1_count                 | 0          |
      | ip.class2_count                 | 3          |
      | compute.contract_amount         | 800000     |
      | compute.provider_in_shandong    | true       |
      | compute.paid                    | false      |
      | compute.related_party           | false      |
      | compute.received_to_date        | 0          |
      | compute.ai_compute              | false      |
      | review.green_threshold          | true       |
      | review.compute_effective        | true       |

  @tech-sme-check
  场景: 科技人员占比 17.5% 差一档,科技人员增至 8 人即达到 20% 档,总分 60 分
    当 询问如何满足条件
    那么 "tech-sme-check" 的结论为 "不符合"
    而且 "tech-sme-check" 的建议共改动 1 项
    而且 "tech-sme-check" 的建议将 "applicant.tech_staff" 改为 8
    而且 按建议改动后 "tech-sme-check" 的结论为 "符合"

  @compute-voucher
  场景: 算力券需要两项改动:购买人工智能算力,并签订合同付款,届时 40,000 元
    当 询问如何满足条件
    那么 "compute-voucher" 的结论为 "不符合"
    而且 "compute-voucher" 的建议共改动 2 项
    而且 "compute-voucher" 的建议将 "compute.ai_compute" 改为 true
    而且 "compute-voucher" 的建议将 "compute.paid" 改为 true
    而且 按建议改动后 "compute-voucher" 的结论为 "符合"
    而且 按建议改动后 "compute-voucher" 的金额为 40000 元

  @compute-voucher
  场景: 行业不属于机器人产业时没有可行建议,受阻条件为机器人产业
    假如 申请信息另有:
      | 字段                    | 值   |
      | applicant.industry_code | 3311 |
    当 询问如何满足条件
    那么 "compute-voucher" 的结论为 "不符合"
    而且 "compute-voucher" 无可行建议,受阻于条件 "robot-industry"

  @innovation-voucher
  场景: 尚未入库科技型中小企业时创新券受阻(资质由主管部门认定,不是申请人可直接改变的事项)
    当 询问如何满足条件
    那么 "innovation-voucher" 无可行建议,受阻于条件 "tech-sme"
