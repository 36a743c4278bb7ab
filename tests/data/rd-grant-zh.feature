# language: zh-CN
@rd-grant
功能: 研发投入补助(草案测试用)
  场景: 研发投入增长 4,000,000 元,按 10% 补助 400,000 元
    假如 申请信息如下:
      | 字段 | 值 |
      | application_id | D-2 |
      | review.green_threshold | 是 |
      | as_of | 2027-03-31 |
      | applicant.kind | enterprise |
      | applicant.city_code | 370102 |
      | applicant.industry_code | C3491 |
      | applicant.dishonest_listed | 否 |
      | applicant.major_accident_3y | 否 |
      | rd.fiscal_year | 2026 |
      | rd.expense | 12000000 |
      | rd.expense_prev | 8000000 |
      | rd.revenue | 200000000 |
      | rd.super_deduction_filed | 是 |
    当 评估该申请
    那么 "rd-grant" 的结论为 "符合"
    而且 "rd-grant" 的金额为 400000 元
