@advice
Feature: Advice — the nearest way to eligibility
  For a provision that is ineligible, the engine finds the least changes to facts the applicant
  controls (R&D expense, filing the super deduction, paying a contract) that make it eligible, and
  the amount it would then give. It solves the rule itself: a threshold exactly, to the yuan; a flag
  by naming it. Facts of record (place, industry, past accidents) are never changed: a criterion on
  them that fails is reported as blocking. Every plan is re-evaluated before it is promised, and the
  steps below re-evaluate the advised application once more.

  Background:
    Given an application:
      | field                       | value                    |
      | application_id              | ADV-1                    |
      | as_of                       | 2027-03-31               |
      | applicant.kind              | enterprise               |
      | applicant.city_code         | 370100                   |
      | applicant.industry_code     | 3491                     |
      | applicant.dishonest_listed  | false                    |
      | applicant.major_accident_3y | false                    |
      | rd.fiscal_year              | 2026                     |
      | rd.expense                  | 3200000                  |
      | rd.expense_prev             | 2900000                  |
      | rd.revenue                  | 123076923                |
      | rd.super_deduction_filed    | false                    |
      | review.green_threshold      | true                     |

  @rd-grant
  Scenario: R&D intensity 2.6% without the super deduction needs two changes, then about 369,230 yuan
    When advice is asked for
    Then "rd-grant" is ineligible
    And the advice for "rd-grant" makes 2 change(s)
    And the advice for "rd-grant" changes "rd.expense" to 3692308
    And the advice for "rd-grant" changes "rd.super_deduction_filed" to true
    And after the advice "rd-grant" is eligible
    And after the advice the amount of "rd-grant" is 369230 yuan

  @rd-grant
  Scenario: With the super deduction filed, R&D of 3,692,308 yuan alone is enough
    Given the application also has:
      | field                    | value |
      | rd.super_deduction_filed | true  |
    When advice is asked for
    Then the advice for "rd-grant" makes 1 change(s)
    And the advice for "rd-grant" changes "rd.expense" to 3692308
    And after the advice the amount of "rd-grant" is 369230 yuan

  @rd-grant
  Scenario: A firm registered in Beijing gets no advice: the place of registration is blocking
    Given the application also has:
      | field               | value  |
      | applicant.city_code | 110105 |
    When advice is asked for
    Then "rd-grant" is ineligible
    And the advice for "rd-grant" is blocked by "in-shandong"

  @rd-grant
  Scenario: A major accident in the last three years cannot be advised away
    Given the application also has:
      | field                       | value |
      | applicant.major_accident_3y | true  |
      | rd.super_deduction_filed    | true  |
      | rd.expense                  | 3692308 |
    When advice is asked for
    Then "rd-grant" is ineligible
    And the advice for "rd-grant" is blocked by "no-major-accident"

  @rd-grant
  Scenario: Without the revenue, filing the super deduction is advised and the revenue is still to supply
    Given "rd.revenue" is not provided
    When advice is asked for
    Then "rd-grant" is ineligible
    And the advice for "rd-grant" makes 1 change(s)
    And the advice for "rd-grant" changes "rd.super_deduction_filed" to true
    And after the advice "rd-grant" is undetermined
    And the advice for "rd-grant" asks to supply "rd.revenue"

  @rd-grant
  Scenario: An undetermined provision's advice is the facts to supply
    Given "rd.revenue" is not provided
    And the application also has:
      | field                    | value |
      | rd.super_deduction_filed | true  |
    When advice is asked for
    Then "rd-grant" is undetermined
    And the advice for "rd-grant" asks to supply "rd.revenue"
