@plan-window
Feature: The plan's window (计划期 2026-01-01 … 2028-12-31)
  Every provision of the pack is in effect from 2026-01-01 to 2028-12-31 inclusive.

  Background:
    Given an application:
      | field                      | value      |
      | application_id             | W-1        |
      | applicant.kind             | enterprise |
      | applicant.city_code        | 370100     |
      | applicant.designations     | tech_sme   |
      | applicant.dishonest_listed | false      |

  Scenario Outline: Assessed on <day>, the innovation voucher is <status>
    When it is assessed on <day>
    Then "innovation-voucher" is <status>
    And "rd-grant" is <window>
    And "rd-super-deduction" is <window>

    Examples:
      | day        | status        | window        |
      | 2025-12-31 | not_in_effect | not_in_effect |
      | 2026-01-01 | eligible      | undetermined  |
      | 2028-12-31 | eligible      | undetermined  |
      | 2029-01-01 | not_in_effect | not_in_effect |

  Scenario: Outside the window nothing is paid
    When it is assessed on 2029-01-01
    Then the total amount is 0 yuan
    And "scenario-award" is not_in_effect
    And "scenario-award" has no amount
