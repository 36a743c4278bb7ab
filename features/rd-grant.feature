@rd-grant
Feature: R&D investment grant (研发投入补助), plan 二(四)1
  "鼓励机器人企业加大研发投入,对符合条件的企业给予年度最高500万元补助。"
  10% of the year-on-year increase in R&D expense, at most 5,000,000 yuan a year, rounded down.

  Background:
    Given an application:
      | field                              | value      |
      | application_id                     | RD-1       |
      | as_of                              | 2027-03-31 |
      | applicant.kind                     | enterprise |
      | applicant.city_code                | 370112     |
      | applicant.industry_code            | C3491      |
      | applicant.dishonest_listed         | false      |
      | applicant.major_accident_3y        | false      |
      | rd.fiscal_year                     | 2026       |
      | rd.expense                         | 38600000   |
      | rd.expense_prev                    | 29400000   |
      | rd.revenue                         | 412000000  |
      | rd.super_deduction_filed           | true       |

  Scenario: A Jinan robot maker whose R&D grew by 9,200,000 gets 920,000
    When it is assessed
    Then "rd-grant" is eligible
    And the amount of "rd-grant" is 920000 yuan
    And the maximum amount of "rd-grant" is 5000000 yuan
    And the en explanation of criterion "rd-intensity" of "rd-grant" contains "R&D intensity ≈9.36% ≥ 3%"

  Scenario Outline: R&D intensity of <expense> on 100,000,000 revenue is <result>
    Given the application also has:
      | field           | value     |
      | rd.expense      | <expense> |
      | rd.expense_prev | 1000000   |
      | rd.revenue      | 100000000 |
    When it is assessed
    Then criterion "rd-intensity" of "rd-grant" is <result>
    And "rd-grant" is <status>

    Examples:
      | expense | result | status     |
      | 3000000 | pass   | eligible   |
      | 2999999 | fail   | ineligible |
      | 3000001 | pass   | eligible   |

  Scenario: Revenue of zero makes the intensity fail, not undetermined
    Given the application also has:
      | field      | value |
      | rd.revenue | 0     |
    When it is assessed
    Then criterion "rd-intensity" of "rd-grant" is fail
    And "rd-grant" is ineligible
    And the en explanation of criterion "rd-intensity" of "rd-grant" contains "cannot be computed"

  Scenario Outline: <criterion> fails when <field> is <value>
    Given the application also has:
      | field   | value   |
      | <field> | <value> |
    When it is assessed
    Then criterion "<criterion>" of "rd-grant" is fail
    And "rd-grant" is ineligible
    And "rd-grant" has no amount

    Examples:
      | criterion               | field                       | value      |
      | is-enterprise           | applicant.kind              | university |
      | in-shandong             | applicant.city_code         | 320100     |
      | robot-industry          | applicant.industry_code     | 3813       |
      | fiscal-year-is-previous | rd.fiscal_year              | 2025       |
      | expense-grew            | rd.expense                  | 29400000   |
      | super-deduction-filed   | rd.super_deduction_filed    | false      |
      | not-dishonest-listed    | applicant.dishonest_listed  | true       |
      | no-major-accident       | applicant.major_accident_3y | true       |

  Scenario Outline: Without <field> the grant is undetermined
    Given "<field>" is not provided
    When it is assessed
    Then criterion "<criterion>" of "rd-grant" is unknown
    And "rd-grant" is undetermined
    And "rd-grant" is missing "<field>"
    And "rd-grant" has no amount

    Examples:
      | criterion               | field                       |
      | is-enterprise           | applicant.kind              |
      | in-shandong             | applicant.city_code         |
      | robot-industry          | applicant.industry_code     |
      | fiscal-year-is-previous | rd.fiscal_year              |
      | super-deduction-filed   | rd.super_deduction_filed    |
      | rd-intensity            | rd.revenue                  |
      | not-dishonest-listed    | applicant.dishonest_listed  |
      | no-major-accident       | applicant.major_accident_3y |

  Scenario: Without last year's expense, growth and the amount are both unknown
    Given "rd.expense_prev" is not provided
    When it is assessed
    Then criterion "expense-grew" of "rd-grant" is unknown
    And "rd-grant" is missing "rd.expense_prev"

  Scenario: A failing criterion outranks a missing one
    Given "rd.revenue" is not provided
    And the application also has:
      | field                      | value |
      | applicant.dishonest_listed | true  |
    When it is assessed
    Then "rd-grant" is ineligible
    And criterion "rd-intensity" of "rd-grant" is unknown

  Scenario Outline: An increase of <increase> gives <amount> (10%, rounded down, capped)
    Given the application also has:
      | field           | value       |
      | rd.expense      | <expense>   |
      | rd.expense_prev | 10000000    |
      | rd.revenue      | 300000000   |
    When it is assessed
    Then the amount of "rd-grant" is <amount> yuan

    Examples:
      | increase   | expense   | amount  |
      | 1,234,567  | 11234567  | 123456  |
      | 50,000,000 | 60000000  | 5000000 |
      | 60,000,000 | 70000000  | 5000000 |
      | 49,999,999 | 59999999  | 4999999 |
