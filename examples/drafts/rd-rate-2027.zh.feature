# language: zh-CN
@rd-grant
功能: 草案:2027 年起研发投入补助按增量的 12% 计算
  用 subsidy test --rules examples/drafts/rd-rate-2027 examples/drafts/rd-rate-2027.zh.feature 运行。
  对现行规则(rules/)运行时,2027 年的场景会失败,失败报告说明差别在哪里。

  背景:
    假如 申请信息如下:
      | 字段                        | 值         |
      | application_id              | DRAFT-1    |
      | applicant.kind              | enterprise |
      | applicant.city_code         | 370112     |
      | applicant.industry_code     | 3491       |
      | applicant.dishonest_listed  | 否         |
      | applicant.major_accident_3y | 否         |
      | rd.expense                  | 38600000   |
      | rd.expense_prev             | 29400000   |
      | rd.revenue                  | 412000000  |
      | rd.super_deduction_filed    | 是         |

  场景: 2026 年评估时仍按 10%:增量 920 万元补助 92 万元
    假如 申请信息另有:
      | 字段           | 值   |
      | rd.fiscal_year | 2025 |
    当 按 2026-06-30 评估该申请
    那么 "rd-grant" 的金额为 920000 元

  场景: 2027 年起按 12%:增量 920 万元补助 110.4 万元
    假如 申请信息另有:
      | 字段           | 值   |
      | rd.fiscal_year | 2026 |
    当 按 2027-03-31 评估该申请
    那么 "rd-grant" 的金额为 1104000 元

  场景: 12% 也不超过每年 500 万元上限
    假如 申请信息另有:
      | 字段            | 值         |
      | rd.fiscal_year  | 2026       |
      | rd.expense      | 80000000   |
      | rd.expense_prev | 30000000   |
      | rd.revenue      | 1000000000 |
    当 按 2027-03-31 评估该申请
    那么 "rd-grant" 的金额为 5000000 元
