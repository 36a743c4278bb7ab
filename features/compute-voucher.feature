@compute-voucher
Feature: Compute voucher (算力券), plan 二(四)1
  "发挥好“算力券”“创新券”作用" — 5% of a compute contract bought inside Shandong,
  at most 5,000,000 yuan per firm in total (the 2025 provincial scheme's figures).

  Background:
    Given an application:
      | field                         | value      |
      | application_id                | CV-1       |
      | as_of                         | 2027-03-31 |
      | applicant.kind                | enterprise |
      | applicant.city_code           | 370800     |
      | applicant.industry_code       | 3964       |
      | applicant.dishonest_listed    | false      |
      | compute.contract_amount       | 3200000    |
      | compute.provider_in_shandong  | true       |
      | compute.paid                  | true       |
      | compute.related_party         | false      |
      | compute.received_to_date      | 0          |

  Scenario: A 3,200,000 contract earns a 160,000 voucher
    When it is assessed
    Then "compute-voucher" is eligible
    And the amount of "compute-voucher" is 160000 yuan

  Scenario Outline: Having received <received>, a <contract> contract gives <amount>
    Given the application also has:
      | field                    | value      |
      | compute.received_to_date | <received> |
      | compute.contract_amount  | <contract> |
    When it is assessed
    Then the amount of "compute-voucher" is <amount> yuan

    Examples:
      | received | contract  | amount  |
      | 4900000  | 10000000  | 100000  |
      | 0        | 200000000 | 5000000 |
      | 4999999  | 1000000   | 1       |
      | 0        | 1234567   | 61728   |

  Scenario: At the cumulative cap there is no headroom left
    Given the application also has:
      | field                    | value   |
      | compute.received_to_date | 5000000 |
    When it is assessed
    Then criterion "cumulative-headroom" of "compute-voucher" is fail
    And "compute-voucher" is ineligible

  Scenario Outline: <criterion> fails when <field> is <value>
    Given the application also has:
      | field   | value   |
      | <field> | <value> |
    When it is assessed
    Then criterion "<criterion>" of "compute-voucher" is fail
    And "compute-voucher" is ineligible

    Examples:
      | criterion            | field                        | value              |
      | is-enterprise        | applicant.kind               | research_institute |
      | in-shandong          | applicant.city_code          | 310115             |
      | robot-industry       | applicant.industry_code      | 6511               |
      | provider-in-shandong | compute.provider_in_shandong | false              |
      | contract-paid        | compute.paid                 | false              |
      | not-related-party    | compute.related_party        | true               |
      | not-dishonest-listed | applicant.dishonest_listed   | true               |

  Scenario Outline: Without <field> the voucher is undetermined
    Given "<field>" is not provided
    When it is assessed
    Then criterion "<criterion>" of "compute-voucher" is unknown
    And "compute-voucher" is undetermined
    And "compute-voucher" is missing "<field>"

    Examples:
      | criterion            | field                        |
      | is-enterprise        | applicant.kind               |
      | in-shandong          | applicant.city_code          |
      | robot-industry       | applicant.industry_code      |
      | provider-in-shandong | compute.provider_in_shandong |
      | contract-paid        | compute.paid                 |
      | not-related-party    | compute.related_party        |
      | cumulative-headroom  | compute.received_to_date     |
      | not-dishonest-listed | applicant.dishonest_listed   |
