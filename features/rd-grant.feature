@rd-grant
Feature: R&D investment grant (研发投入补助), plan 二(四)1
  "鼓励机器人企业加大研发投入,对符合条件的企业给予年度最高500万元补助。"
  10% of the year-on-year increase in R&D expense (rd.expense − rd.expense_prev), at most
  5,000,000 yuan a year, rounded down to the yuan. The expense assessed is that of the fiscal
  year before the assessment year, as filed for the super deduction, and R&D intensity
  (expense ÷ operating revenue) must be at least 3%. Rate and threshold are assumptions.

  Background:
    Given an application:
      | field                       | value                    |
      | application_id              | RD-1                     |
      | review.green_threshold | true |
      | as_of                       | 2027-03-31               |
      | applicant.name              | 济南某智能机器人有限公司 |
      | applicant.uscc              | 91370000MA3D3M001X       |
      | applicant.kind              | enterprise               |
      | applicant.city_code         | 370100                   |
      | applicant.industry_code     | C3491                    |
      | applicant.employees         | 420                      |
      | applicant.dishonest_listed  | false                    |
      | applicant.major_accident_3y | false                    |
      | rd.fiscal_year              | 2026                     |
      | rd.expense                  | 38600000                 |
      | rd.expense_prev             | 29400000                 |
      | rd.revenue                  | 412000000                |
      | rd.super_deduction_filed    | true                     |

  Scenario: A Jinan robot maker whose R&D expense grew by 9,200,000 gets 920,000
    When it is assessed
    Then "rd-grant" is eligible
    And the amount of "rd-grant" is 920000 yuan
    And the maximum amount of "rd-grant" is 5000000 yuan
    And the total amount is 920000 yuan
    And the en explanation of criterion "rd-intensity" of "rd-grant" contains "R&D intensity ≈9.36% ≥ 3%"

  # --- R&D intensity: expense ÷ revenue ≥ 3% ---------------------------------------------------

  Scenario: R&D intensity of exactly 3% is enough
    Given the application also has:
      | field           | value     |
      | rd.expense      | 3000000   |
      | rd.expense_prev | 1000000   |
      | rd.revenue      | 100000000 |
    When it is assessed
    Then criterion "rd-intensity" of "rd-grant" is pass
    And "rd-grant" is eligible
    # Revenue below 200,000,000 yuan: a smaller firm, paid 10% of its total R&D (3,000,000), not of the increase.
    And the amount of "rd-grant" is 300000 yuan

  Scenario: R&D intensity one yuan short of 3% makes the grant ineligible
    Given the application also has:
      | field           | value     |
      | rd.expense      | 2999999   |
      | rd.expense_prev | 1000000   |
      | rd.revenue      | 100000000 |
    When it is assessed
    Then criterion "rd-intensity" of "rd-grant" is fail
    And "rd-grant" is ineligible
    And "rd-grant" has no amount
    And the zh explanation of criterion "rd-intensity" of "rd-grant" contains "< 3%"

  Scenario Outline: R&D expense of <expense> on revenue of <revenue> makes the intensity <result>
    Given the application also has:
      | field           | value     |
      | rd.expense      | <expense> |
      | rd.expense_prev | 10000000  |
      | rd.revenue      | <revenue> |
    When it is assessed
    Then criterion "rd-intensity" of "rd-grant" is <result>
    And "rd-grant" is <status>

    Examples:
      | expense  | revenue    | result | status     |
      | 12360000 | 412000000  | pass   | eligible   |
      | 12359999 | 412000000  | fail   | ineligible |
      | 12360001 | 412000000  | pass   | eligible   |
      | 30000000 | 1000000000 | pass   | eligible   |
      | 29999999 | 1000000000 | fail   | ineligible |

  Scenario: Operating revenue of 0 makes the intensity fail, not undetermined
    Given the application also has:
      | field      | value |
      | rd.revenue | 0     |
    When it is assessed
    Then criterion "rd-intensity" of "rd-grant" is fail
    And "rd-grant" is ineligible
    And "rd-grant" has no amount
    And the en explanation of criterion "rd-intensity" of "rd-grant" contains "cannot be computed"

  Scenario: Operating revenue of 0 makes the intensity fail even without the R&D expense
    Given "rd.expense" is not provided
    And the application also has:
      | field      | value |
      | rd.revenue | 0     |
    When it is assessed
    Then criterion "rd-intensity" of "rd-grant" is fail
    And "rd-grant" is ineligible

  # --- R&D expense must have grown ----------------------------------------------------------------

  Scenario: R&D expense equal to the year before has not grown, so the grant is ineligible
    Given the application also has:
      | field           | value    |
      | rd.expense      | 29400000 |
      | rd.expense_prev | 29400000 |
    When it is assessed
    Then criterion "expense-grew" of "rd-grant" is fail
    And "rd-grant" is ineligible
    And "rd-grant" has no amount

  Scenario: R&D expense below the year before makes the grant ineligible
    Given the application also has:
      | field           | value    |
      | rd.expense      | 27100000 |
      | rd.expense_prev | 29400000 |
    When it is assessed
    Then criterion "expense-grew" of "rd-grant" is fail
    And "rd-grant" is ineligible

  # --- the fiscal year must be the year before the assessment year ------------------------------

  Scenario Outline: Fiscal year <year> assessed on <day> makes fiscal-year-is-previous <result>
    Given the application also has:
      | field          | value  |
      | rd.fiscal_year | <year> |
    When it is assessed on <day>
    Then criterion "fiscal-year-is-previous" of "rd-grant" is <result>
    And "rd-grant" is <status>

    Examples:
      | year | day        | result | status     |
      | 2026 | 2027-01-01 | pass   | eligible   |
      | 2026 | 2027-12-31 | pass   | eligible   |
      | 2025 | 2027-03-31 | fail   | ineligible |
      | 2027 | 2027-03-31 | fail   | ineligible |
      | 2026 | 2028-01-02 | fail   | ineligible |
      | 2025 | 2026-06-30 | pass   | eligible   |

  # --- amount: 10% of the increase, rounded down, capped at 5,000,000 ---------------------------

  Scenario Outline: An increase of <increase> yuan gives <amount> yuan
    Given the application also has:
      | field           | value     |
      | rd.expense      | <expense> |
      | rd.expense_prev | 10000000  |
      | rd.revenue      | 300000000 |
    When it is assessed
    Then "rd-grant" is eligible
    And the amount of "rd-grant" is <amount> yuan

    Examples: rounding down and the cap
      | increase   | expense  | amount  |
      | 1,234,567  | 11234567 | 123456  |
      | 1,234,569  | 11234569 | 123456  |
      | 49,999,999 | 59999999 | 4999999 |
      | 50,000,000 | 60000000 | 5000000 |
      | 50,000,010 | 60000010 | 5000000 |
      | 60,000,000 | 70000000 | 5000000 |
      | 10         | 10000010 | 1       |
      | 9          | 10000009 | 0       |

  Scenario: An increase of 1 yuan leaves the grant eligible with amount 0
    Given the application also has:
      | field           | value     |
      | rd.expense      | 10000001  |
      | rd.expense_prev | 10000000  |
      | rd.revenue      | 300000000 |
    When it is assessed
    Then "rd-grant" is eligible
    And the amount of "rd-grant" is 0 yuan
    And the total amount is 0 yuan

  Scenario: A 5,000,000 grant exactly at the cap is paid in full
    Given the application also has:
      | field           | value      |
      | rd.expense      | 80000000   |
      | rd.expense_prev | 30000000   |
      | rd.revenue      | 1600000000 |
    When it is assessed
    Then the amount of "rd-grant" is 5000000 yuan
    And the total amount is 5000000 yuan

  Scenario: An increase of 120,000,000 is capped at 5,000,000
    Given the application also has:
      | field           | value      |
      | rd.expense      | 150000000  |
      | rd.expense_prev | 30000000   |
      | rd.revenue      | 2500000000 |
    When it is assessed
    Then "rd-grant" is eligible
    And the amount of "rd-grant" is 5000000 yuan
    And the maximum amount of "rd-grant" is 5000000 yuan

  # --- where the firm is registered --------------------------------------------------------------

  Scenario Outline: Registered at <code> (<place>), in-shandong is <result>
    Given the application also has:
      | field               | value  |
      | applicant.city_code | <code> |
    When it is assessed
    Then criterion "in-shandong" of "rd-grant" is <result>
    And "rd-grant" is <status>

    Examples:
      | code   | place                      | result | status     |
      | 370102 | Jinan, Lixia district      | pass   | eligible   |
      | 370211 | Qingdao, Huangdao district | pass   | eligible   |
      | 370800 | Jining                     | pass   | eligible   |
      | 110108 | Beijing, Haidian district  | fail   | ineligible |
      | 320100 | Nanjing                    | fail   | ineligible |

  Scenario: A credit code issued in Shenzhen does not matter; registration in Jinan does
    Given the application also has:
      | field               | value              |
      | applicant.uscc      | 914403001922038216 |
      | applicant.city_code | 370102             |
    When it is assessed
    Then criterion "in-shandong" of "rd-grant" is pass
    And "rd-grant" is eligible

  Scenario: A Shandong credit code does not help a firm registered in Nanjing
    Given the application also has:
      | field               | value              |
      | applicant.uscc      | 91370200264574251E |
      | applicant.city_code | 320100             |
    When it is assessed
    Then criterion "in-shandong" of "rd-grant" is fail
    And "rd-grant" is ineligible

  # --- the robot industry ---------------------------------------------------------------------------

  Scenario Outline: Industry class <code> makes robot-industry <result>
    Given the application also has:
      | field                   | value  |
      | applicant.industry_code | <code> |
    When it is assessed
    Then criterion "robot-industry" of "rd-grant" is <result>
    And "rd-grant" is <status>

    Examples:
      | code  | result | status     |
      | 3491  | pass   | eligible   |
      | C3491 | pass   | eligible   |
      | 3492  | pass   | eligible   |
      | C3492 | pass   | eligible   |
      | 3964  | pass   | eligible   |
      | C3964 | pass   | eligible   |
      | 3499  | fail   | ineligible |
      | C3813 | unknown | undetermined |
      | 6511  | unknown | undetermined |

  # --- every other criterion can fail ----------------------------------------------------------

  Scenario Outline: <field> = <value> makes <criterion> fail and the grant ineligible
    Given the application also has:
      | field   | value   |
      | <field> | <value> |
    When it is assessed
    Then criterion "<criterion>" of "rd-grant" is fail
    And "rd-grant" is ineligible
    And "rd-grant" has no amount

    Examples:
      | criterion             | field                       | value              |
      | is-enterprise         | applicant.kind              | university         |
      | is-enterprise         | applicant.kind              | research_institute |
      | is-enterprise         | applicant.kind              | park_operator      |
      | super-deduction-filed | rd.super_deduction_filed    | false              |
      | not-dishonest-listed  | applicant.dishonest_listed  | true               |
      | no-major-accident     | applicant.major_accident_3y | true               |

  # --- missing data ------------------------------------------------------------------------------

  Scenario Outline: Without <field> the grant is undetermined, missing exactly that field
    Given "<field>" is not provided
    When it is assessed
    Then criterion "<criterion>" of "rd-grant" is unknown
    And "rd-grant" is undetermined
    And "rd-grant" is missing "<field>"
    And "rd-grant" has no amount
    And the maximum amount of "rd-grant" is 5000000 yuan

    Examples:
      | criterion               | field                       |
      | is-enterprise           | applicant.kind              |
      | in-shandong             | applicant.city_code         |
      | fiscal-year-is-previous | rd.fiscal_year              |
      | expense-grew            | rd.expense_prev             |
      | super-deduction-filed   | rd.super_deduction_filed    |
      | rd-intensity            | rd.revenue                  |
      | not-dishonest-listed    | applicant.dishonest_listed  |
      | no-major-accident       | applicant.major_accident_3y |

  Scenario: Without the R&D expense, growth and intensity are both unknown
    Given "rd.expense" is not provided
    When it is assessed
    Then criterion "expense-grew" of "rd-grant" is unknown
    And criterion "rd-intensity" of "rd-grant" is unknown
    And "rd-grant" is undetermined
    And "rd-grant" is missing "rd.expense"

  Scenario: Without revenue and expense, both are listed as missing
    Given "rd.revenue" is not provided
    And "rd.expense" is not provided
    When it is assessed
    Then "rd-grant" is undetermined
    And "rd-grant" is missing "rd.revenue, rd.expense"

  Scenario: An application with no R&D data at all is missing all five R&D fields
    Given "rd.fiscal_year" is not provided
    And "rd.expense" is not provided
    And "rd.expense_prev" is not provided
    And "rd.revenue" is not provided
    And "rd.super_deduction_filed" is not provided
    When it is assessed
    Then "rd-grant" is undetermined
    And "rd-grant" is missing "rd.fiscal_year, rd.expense, rd.expense_prev, rd.revenue, rd.super_deduction_filed"
    And criterion "in-shandong" of "rd-grant" is pass

  Scenario: Fields the grant does not use are not needed (employees, name, credit code)
    Given "applicant.employees" is not provided
    And "applicant.name" is not provided
    And "applicant.uscc" is not provided
    When it is assessed
    Then "rd-grant" is eligible
    And the amount of "rd-grant" is 920000 yuan

  # --- a fail outranks an unknown ----------------------------------------------------------------

  Scenario: A dishonesty listing makes the grant ineligible even though revenue is missing
    Given "rd.revenue" is not provided
    And the application also has:
      | field                      | value |
      | applicant.dishonest_listed | true  |
    When it is assessed
    Then "rd-grant" is ineligible
    And criterion "rd-intensity" of "rd-grant" is unknown
    And criterion "not-dishonest-listed" of "rd-grant" is fail
    And "rd-grant" has no amount

  Scenario: Flat R&D expense makes the grant ineligible even though the fiscal year is missing
    Given "rd.fiscal_year" is not provided
    And the application also has:
      | field           | value    |
      | rd.expense      | 29400000 |
      | rd.expense_prev | 29400000 |
    When it is assessed
    Then "rd-grant" is ineligible
    And criterion "fiscal-year-is-previous" of "rd-grant" is unknown
    And criterion "expense-grew" of "rd-grant" is fail

  Scenario: Without the industry class, the robot-business statement may decide too
    Given "applicant.industry_code" is not provided
    When it is assessed
    Then criterion "robot-industry" of "rd-grant" is unknown
    And "rd-grant" is undetermined
    And "rd-grant" is missing "applicant.industry_code, applicant.robot_business"

  Scenario: A servo-motor maker (a chain class) is in the robot industry when its main business is robots
    Given the application also has:
      | field                    | value |
      | applicant.industry_code  | 3813  |
      | applicant.robot_business | true  |
    When it is assessed
    Then criterion "robot-industry" of "rd-grant" is pass

  Scenario: A gear maker whose main business is not robots is not in the robot industry
    Given the application also has:
      | field                    | value |
      | applicant.industry_code  | 3453  |
      | applicant.robot_business | false |
    When it is assessed
    Then criterion "robot-industry" of "rd-grant" is fail
    And "rd-grant" is ineligible

  Scenario: Until the green threshold is reviewed, the grant may be applied for, pending review, with its estimate
    Given "review.green_threshold" is not provided
    When it is assessed
    Then criterion "green-threshold" of "rd-grant" is unknown
    And "rd-grant" is review
    And the amount of "rd-grant" is 920000 yuan
    And the total amount is 0 yuan

  Scenario: A firm that fails the green threshold gets no grant
    Given the application also has:
      | field                  | value |
      | review.green_threshold | false |
    When it is assessed
    Then criterion "green-threshold" of "rd-grant" is fail
    And "rd-grant" is ineligible
