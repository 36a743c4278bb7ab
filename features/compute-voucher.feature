@compute-voucher
Feature: Compute voucher (算力券), plan 二(四)1
  "发挥好“算力券”“创新券”作用" — 5% of a compute-services contract bought from a provider inside
  Shandong, rounded down, and never more than the headroom left under the cumulative 5,000,000 yuan
  per firm: amount = min(5% × compute.contract_amount, 5,000,000 − compute.received_to_date).
  5% and 5,000,000 are the 2025 provincial scheme's figures; not-related-party is an assumption.

  Background:
    Given an application:
      | field                        | value                    |
      | application_id               | CV-1                     |
      | compute.ai_compute | true |
      | review.green_threshold | true |
      | review.compute_effective | true |
      | as_of                        | 2027-03-31               |
      | applicant.name               | 济宁某服务机器人有限公司 |
      | applicant.kind               | enterprise               |
      | applicant.city_code          | 370800                   |
      | applicant.industry_code      | 3964                     |
      | applicant.dishonest_listed   | false                    |
      | compute.contract_amount      | 3200000                  |
      | compute.provider_in_shandong | true                     |
      | compute.paid                 | true                     |
      | compute.related_party        | false                    |
      | compute.received_to_date     | 0                        |

  Scenario: A Jining service-robot maker with a 3,200,000 contract gets a 160,000 voucher
    When it is assessed
    Then "compute-voucher" is eligible
    And the amount of "compute-voucher" is 160000 yuan
    And the maximum amount of "compute-voucher" is 5000000 yuan
    And the total amount is 160000 yuan

  # --- the cumulative cap: the voucher never takes the firm past 5,000,000 ------------------------

  Scenario: With 4,900,000 already received, a 10,000,000 contract gets only the 100,000 left
    Given the application also has:
      | field                    | value    |
      | compute.received_to_date | 4900000  |
      | compute.contract_amount  | 10000000 |
    When it is assessed
    Then "compute-voucher" is eligible
    And criterion "cumulative-headroom" of "compute-voucher" is pass
    And the amount of "compute-voucher" is 100000 yuan
    And the total amount is 100000 yuan

  Scenario: With exactly 5,000,000 received there is no headroom and the voucher is ineligible
    Given the application also has:
      | field                    | value   |
      | compute.received_to_date | 5000000 |
    When it is assessed
    Then criterion "cumulative-headroom" of "compute-voucher" is fail
    And "compute-voucher" is ineligible
    And "compute-voucher" has no amount
    And the en explanation of criterion "cumulative-headroom" of "compute-voucher" contains "≥ 5,000,000 yuan"

  Scenario Outline: Having received <received> already, cumulative-headroom is <headroom>
    Given the application also has:
      | field                    | value      |
      | compute.received_to_date | <received> |
      | compute.contract_amount  | <contract> |
    When it is assessed
    Then criterion "cumulative-headroom" of "compute-voucher" is <headroom>
    And "compute-voucher" is <status>

    Examples:
      | received | contract | headroom | status     |
      | 4999999  | 1000000  | pass     | eligible   |
      | 5000000  | 1000000  | fail     | ineligible |
      | 5200000  | 1000000  | fail     | ineligible |

  Scenario Outline: Received <received> and a contract of <contract> give <amount> (5%, rounded down, within the headroom)
    Given the application also has:
      | field                    | value      |
      | compute.received_to_date | <received> |
      | compute.contract_amount  | <contract> |
    When it is assessed
    Then "compute-voucher" is eligible
    And the amount of "compute-voucher" is <amount> yuan

    Examples: the cumulative cap and the headroom
      | received | contract  | amount  |
      | 0        | 100000000 | 5000000 |
      | 0        | 100000020 | 5000000 |
      | 0        | 200000000 | 5000000 |
      | 3000000  | 40000000  | 2000000 |
      | 3000000  | 40000020  | 2000000 |
      | 3000000  | 39999999  | 1999999 |
      | 4900000  | 10000000  | 100000  |
      | 4999999  | 1000000   | 1       |

    Examples: rounding down
      | received | contract | amount |
      | 0        | 1234567  | 61728  |
      | 0        | 1234579  | 61728  |
      | 0        | 19       | 0      |
      | 0        | 20       | 1      |

  Scenario: A contract of 0 leaves the voucher eligible with amount 0
    Given the application also has:
      | field                   | value |
      | compute.contract_amount | 0     |
    When it is assessed
    Then "compute-voucher" is eligible
    And the amount of "compute-voucher" is 0 yuan
    And the total amount is 0 yuan

  # --- where the firm is registered, and what it makes ----------------------------------------------

  Scenario Outline: Registered at <code> (<place>), in-shandong is <result>
    Given the application also has:
      | field               | value  |
      | applicant.city_code | <code> |
    When it is assessed
    Then criterion "in-shandong" of "compute-voucher" is <result>
    And "compute-voucher" is <status>

    Examples:
      | code   | place                      | result | status     |
      | 370102 | Jinan, Lixia district      | pass   | eligible   |
      | 370211 | Qingdao, Huangdao district | pass   | eligible   |
      | 370100 | Jinan                      | pass   | eligible   |
      | 110108 | Beijing, Haidian district  | fail   | ineligible |
      | 320100 | Nanjing                    | fail   | ineligible |

  Scenario Outline: Industry class <code> makes robot-industry <result>
    Given the application also has:
      | field                   | value  |
      | applicant.industry_code | <code> |
    When it is assessed
    Then criterion "robot-industry" of "compute-voucher" is <result>
    And "compute-voucher" is <status>

    Examples:
      | code  | result | status     |
      | C3964 | pass   | eligible   |
      | 3491  | pass   | eligible   |
      | 3492  | pass   | eligible   |
      | 6511  | unknown | undetermined |
      | I6450 | fail   | ineligible |

  # --- every other criterion can fail ------------------------------------------------------------

  Scenario Outline: <field> = <value> makes <criterion> fail and the voucher ineligible
    Given the application also has:
      | field   | value   |
      | <field> | <value> |
    When it is assessed
    Then criterion "<criterion>" of "compute-voucher" is fail
    And "compute-voucher" is ineligible
    And "compute-voucher" has no amount

    Examples:
      | criterion            | field                        | value              |
      | is-enterprise        | applicant.kind               | research_institute |
      | is-enterprise        | applicant.kind               | university         |
      | provider-in-shandong | compute.provider_in_shandong | false              |
      | contract-paid        | compute.paid                 | false              |
      | not-related-party    | compute.related_party        | true               |
      | not-dishonest-listed | applicant.dishonest_listed   | true               |

  # --- missing data ------------------------------------------------------------------------------

  Scenario Outline: Without <field> the voucher is undetermined, missing exactly that field
    Given "<field>" is not provided
    When it is assessed
    Then criterion "<criterion>" of "compute-voucher" is unknown
    And "compute-voucher" is undetermined
    And "compute-voucher" is missing "<field>"
    And "compute-voucher" has no amount
    And the maximum amount of "compute-voucher" is 5000000 yuan

    Examples:
      | criterion            | field                        |
      | is-enterprise        | applicant.kind               |
      | in-shandong          | applicant.city_code          |
      | provider-in-shandong | compute.provider_in_shandong |
      | contract-paid        | compute.paid                 |
      | not-related-party    | compute.related_party        |
      | cumulative-headroom  | compute.received_to_date     |
      | not-dishonest-listed | applicant.dishonest_listed   |

  Scenario: Without the contract amount every criterion passes but the voucher is undetermined
    Given "compute.contract_amount" is not provided
    When it is assessed
    Then "compute-voucher" is undetermined
    And "compute-voucher" is missing "compute.contract_amount"
    And criterion "cumulative-headroom" of "compute-voucher" is pass
    And criterion "provider-in-shandong" of "compute-voucher" is pass
    And "compute-voucher" has no amount
    And the maximum amount of "compute-voucher" is 5000000 yuan

  Scenario: Without the contract amount and the amount received, both are missing
    Given "compute.contract_amount" is not provided
    And "compute.received_to_date" is not provided
    When it is assessed
    Then "compute-voucher" is undetermined
    And "compute-voucher" is missing "compute.contract_amount, compute.received_to_date"

  # --- a fail outranks an unknown ----------------------------------------------------------------

  Scenario: A related-party contract is ineligible even though the amount received is missing
    Given "compute.received_to_date" is not provided
    And the application also has:
      | field                 | value |
      | compute.related_party | true  |
    When it is assessed
    Then "compute-voucher" is ineligible
    And criterion "cumulative-headroom" of "compute-voucher" is unknown
    And criterion "not-related-party" of "compute-voucher" is fail
    And "compute-voucher" has no amount

  Scenario: Compute bought outside Shandong is ineligible even though the contract amount is missing
    Given "compute.contract_amount" is not provided
    And the application also has:
      | field                        | value |
      | compute.provider_in_shandong | false |
    When it is assessed
    Then "compute-voucher" is ineligible
    And "compute-voucher" has no amount

  Scenario: Without the industry class, the robot-business statement may decide too
    Given "applicant.industry_code" is not provided
    When it is assessed
    Then criterion "robot-industry" of "compute-voucher" is unknown
    And "compute-voucher" is undetermined
    And "compute-voucher" is missing "applicant.industry_code, applicant.robot_business"

  Scenario: A servo-motor maker (a chain class) is in the robot industry when its main business is robots
    Given the application also has:
      | field                    | value |
      | applicant.industry_code  | 3813  |
      | applicant.robot_business | true  |
    When it is assessed
    Then criterion "robot-industry" of "compute-voucher" is pass

  Scenario: A gear maker whose main business is not robots is not in the robot industry
    Given the application also has:
      | field                    | value |
      | applicant.industry_code  | 3453  |
      | applicant.robot_business | false |
    When it is assessed
    Then criterion "robot-industry" of "compute-voucher" is fail
    And "compute-voucher" is ineligible

  Scenario Outline: Compute that is not AI compute, or whose effect the reviewer finds not significant, gets no voucher
    Given the application also has:
      | field   | value   |
      | <field> | false   |
    When it is assessed
    Then criterion "<criterion>" of "compute-voucher" is fail
    And "compute-voucher" is ineligible
    And "compute-voucher" has no amount

    Examples:
      | criterion         | field                    |
      | ai-compute        | compute.ai_compute       |
      | compute-effective | review.compute_effective |
      | green-threshold   | review.green_threshold   |

  Scenario: Without AI compute being stated, the voucher is undetermined
    Given "compute.ai_compute" is not provided
    When it is assessed
    Then criterion "ai-compute" of "compute-voucher" is unknown
    And "compute-voucher" is undetermined
    And "compute-voucher" is missing "compute.ai_compute"

  Scenario: Until the reviewer decides on the compute effect, the voucher may be applied for, pending review
    Given "review.compute_effective" is not provided
    When it is assessed
    Then criterion "compute-effective" of "compute-voucher" is unknown
    And "compute-voucher" is review
    And the amount of "compute-voucher" is 160000 yuan
    And the total amount is 0 yuan
