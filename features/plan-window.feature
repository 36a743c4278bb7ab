@plan-window
Feature: The plan's window (计划期 2026-01-01 … 2028-12-31)
  Every provision of the pack is in effect from 2026-01-01 to 2028-12-31 inclusive.
  Outside it every provision is not_in_effect, whatever the application says, and nothing is paid.
  The Background is a Jinan robot maker that qualifies for all eight provisions, so that inside
  the window every status and the total are known:
  scenario-award 1,000,000 + rd-grant 1,200,000 (revenue below 200,000,000: 10% of the total R&D)
  + platform-upgrade 10,000,000 + accelerator-park 3,000,000 + compute-voucher 100,000 = 15,300,000 yuan.

  Background:
    Given an application:
      | field                                | value                         |
      | application_id                       | W-1                           |
      | review.green_threshold | true |
      | as_of                                | 2027-03-31                    |
      | applicant.name                       | 济南某机器人科技有限公司      |
      | applicant.uscc                       | 91370000MA3D3M001X            |
      | applicant.kind                       | enterprise                    |
      | applicant.city_code                  | 370102                        |
      | applicant.industry_code              | C3491                         |
      | applicant.designations               | tech_sme;high_tech_enterprise |
      | applicant.dishonest_listed           | false                         |
      | applicant.major_accident_3y          | false                         |
      | applicant.abnormal_operations_listed | false                         |
      | rd.fiscal_year                       | 2026                          |
      | rd.expense                           | 12000000                      |
      | rd.expense_prev                      | 10000000                      |
      | rd.revenue                           | 150000000                     |
      | rd.super_deduction_filed             | true                          |
      | scenario.listed_in_gongfu_baijing    | true                          |
      | scenario.robot_application           | true                          |
      | compute.ai_compute                   | true                          |
      | review.compute_effective             | true                          |
      | applicant.deemed_profit_taxpayer     | false                         |
      | applicant.hte_valid_until            | 2028-12-31                    |
      | scenario.listed_year                 | 2026                          |
      | scenario.sector                      | 3c                            |
      | scenario.accepted                    | true                          |
      | scenario.investment                  | 5000000                       |
      | scenario.other_provincial_funding    | false                         |
      | platform.type                        | technology_innovation_center  |
      | platform.robotics_field              | true                          |
      | platform.previous_level              | provincial                    |
      | platform.level                       | national                      |
      | platform.upgraded_on                 | 2026-01-01                    |
      | platform.national_matching_required  | false                         |
      | park.recognized_accelerator          | true                          |
      | park.robotics_focus                  | true                          |
      | park.incubated_firms                 | 12                            |
      | park.construction_investment         | 10000000                      |
      | compute.contract_amount              | 2000000                       |
      | compute.provider_in_shandong         | true                          |
      | compute.paid                         | true                          |
      | compute.related_party                | false                         |
      | compute.received_to_date             | 0                             |

  Scenario: Inside the window the Jinan robot maker qualifies for all eight provisions
    When it is assessed
    Then "scenario-award" is eligible
    And "rd-grant" is eligible
    And "platform-upgrade" is eligible
    And "accelerator-park" is eligible
    And "innovation-voucher" is eligible
    And "compute-voucher" is eligible
    And "high-tech-tax" is eligible
    And "rd-super-deduction" is eligible
    And the total amount is 15300000 yuan

  Scenario Outline: Assessed on <day>, every provision is <status> and the total is <total>
    Given the application also has:
      | field          | value  |
      | as_of          | <day>  |
      | rd.fiscal_year | <year> |
    When it is assessed
    Then "scenario-award" is <status>
    And "rd-grant" is <status>
    And "platform-upgrade" is <status>
    And "accelerator-park" is <status>
    And "innovation-voucher" is <status>
    And "compute-voucher" is <status>
    And "high-tech-tax" is <status>
    And "rd-super-deduction" is <status>
    And the total amount is <total> yuan

    Examples:
      | day        | year | status        | total    |
      | 2025-12-31 | 2024 | not_in_effect | 0        |
      | 2026-01-01 | 2025 | eligible      | 15300000 |
      | 2028-12-31 | 2027 | eligible      | 15300000 |
      | 2029-01-01 | 2028 | not_in_effect | 0        |

  Scenario Outline: Assessed on <day> (overriding the as_of row), the R&D grant is <status>
    Given the application also has:
      | field          | value  |
      | rd.fiscal_year | <year> |
    When it is assessed on <day>
    Then "rd-grant" is <status>
    And "platform-upgrade" is <status>

    Examples:
      | day        | year | status        |
      | 2025-12-31 | 2024 | not_in_effect |
      | 2026-01-01 | 2025 | eligible      |
      | 2028-12-31 | 2027 | eligible      |
      | 2029-01-01 | 2028 | not_in_effect |

  Scenario: On the day before the plan starts nothing is paid and no provision has an amount
    When it is assessed on 2025-12-31
    Then "scenario-award" has no amount
    And "rd-grant" has no amount
    And "platform-upgrade" has no amount
    And "accelerator-park" has no amount
    And "compute-voucher" has no amount
    And the total amount is 0 yuan

  Scenario: On the day after the plan ends nothing is paid and no provision has an amount
    When it is assessed on 2029-01-01
    Then "scenario-award" has no amount
    And "rd-grant" has no amount
    And "platform-upgrade" has no amount
    And "accelerator-park" has no amount
    And "compute-voucher" has no amount
    And the total amount is 0 yuan

  Scenario: Outside the window a failing criterion does not make a provision ineligible
    Given the application also has:
      | field                      | value      |
      | as_of                      | 2029-01-01 |
      | applicant.dishonest_listed | true       |
      | applicant.city_code        | 110108     |
    When it is assessed
    Then "scenario-award" is not_in_effect
    And "rd-grant" is not_in_effect
    And "innovation-voucher" is not_in_effect
    And "high-tech-tax" is not_in_effect

  Scenario: Outside the window missing data does not make a provision undetermined
    Given an application:
      | field          | value      |
      | application_id | W-2        |
      | as_of          | 2025-12-31 |
    When it is assessed
    Then "scenario-award" is not_in_effect
    And "rd-grant" is not_in_effect
    And "platform-upgrade" is not_in_effect
    And "accelerator-park" is not_in_effect
    And "innovation-voucher" is not_in_effect
    And "compute-voucher" is not_in_effect
    And "high-tech-tax" is not_in_effect
    And "rd-super-deduction" is not_in_effect

  Scenario: Inside the window the same empty application is undetermined
    Given an application:
      | field          | value      |
      | application_id | W-2        |
      | as_of          | 2026-01-01 |
    When it is assessed
    Then "scenario-award" is undetermined
    And "rd-super-deduction" is undetermined
    And "rd-super-deduction" is missing "applicant.kind, applicant.industry_code, applicant.deemed_profit_taxpayer, rd.expense"
    And the total amount is 0 yuan
