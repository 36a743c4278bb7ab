@rd-grant
Feature: demo R&D grant
  Scenario: rd grant eligible
    Given an application:
      | field | value |
      | application_id | D-1 |
      | as_of | 2027-03-31 |
      | applicant.kind | enterprise |
      | applicant.city_code | 370102 |
      | applicant.industry_code | 3491 |
      | applicant.dishonest_listed | false |
      | applicant.major_accident_3y | false |
      | rd.fiscal_year | 2026 |
      | rd.expense | 12000000 |
      | rd.expense_prev | 8000000 |
      | rd.revenue | 200000000 |
      | rd.super_deduction_filed | true |
      | review.green_threshold | true |
    When it is assessed
    Then "rd-grant" is eligible
    And the amount of "rd-grant" is 400000 yuan
    And criterion "rd-intensity" of "rd-grant" is pass
