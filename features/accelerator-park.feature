@accelerator-park
Feature: Future-industry accelerator park grant (未来产业加速园建设支持), plan 三(一)
  "支持未来产业加速园建设,按规定给予最高600万元经费支持。"
  30% of the eligible construction investment, at most 6,000,000 yuan, rounded down to the yuan.
  The park operator (or an enterprise running the park) applies; the park must be a recognised
  provincial accelerator with robots as a main focus and at least 10 incubated firms.
  30% and 10 firms are assumptions.

  Background:
    Given an application:
      | field                        | value                            |
      | application_id               | PARK-1                           |
      | review.green_threshold | true |
      | as_of                        | 2027-03-31                       |
      | applicant.name               | 青岛某未来产业加速园运营有限公司 |
      | applicant.kind               | park_operator                    |
      | applicant.city_code          | 370200                           |
      | applicant.dishonest_listed   | false                            |
      | park.recognized_accelerator  | true                             |
      | park.robotics_focus          | true                             |
      | park.incubated_firms         | 23                               |
      | park.construction_investment | 18500000                         |

  Scenario: A Qingdao park with 18,500,000 of construction investment gets 5,550,000
    When it is assessed
    Then "accelerator-park" is eligible
    And the amount of "accelerator-park" is 5550000 yuan
    And the maximum amount of "accelerator-park" is 6000000 yuan
    And the total amount is 5550000 yuan

  # --- amount: 30%, rounded down, capped at 6,000,000 --------------------------------------------

  Scenario Outline: Construction investment of <investment> gives <amount>
    Given the application also has:
      | field                        | value        |
      | park.construction_investment | <investment> |
    When it is assessed
    Then "accelerator-park" is eligible
    And the amount of "accelerator-park" is <amount> yuan
    And the total amount is <amount> yuan

    Examples: the cap
      | investment | amount  |
      | 19999999   | 5999999 |
      | 20000000   | 6000000 |
      | 20000004   | 6000000 |
      | 35000000   | 6000000 |

    Examples: rounding down
      | investment | amount |
      | 1234567    | 370370 |
      | 1234569    | 370370 |
      | 3          | 0      |
      | 4          | 1      |

  Scenario: A grant of exactly 6,000,000 is paid in full at the cap
    Given the application also has:
      | field                        | value    |
      | park.construction_investment | 20000000 |
    When it is assessed
    Then the amount of "accelerator-park" is 6000000 yuan

  Scenario: Construction investment of 80,000,000 is capped at 6,000,000
    Given the application also has:
      | field                        | value    |
      | park.construction_investment | 80000000 |
    When it is assessed
    Then "accelerator-park" is eligible
    And the amount of "accelerator-park" is 6000000 yuan

  Scenario: No construction investment leaves the park eligible with amount 0
    Given the application also has:
      | field                        | value |
      | park.construction_investment | 0     |
    When it is assessed
    Then "accelerator-park" is eligible
    And the amount of "accelerator-park" is 0 yuan
    And the total amount is 0 yuan

  # --- incubated firms: at least 10 ----------------------------------------------------------------

  Scenario Outline: <firms> incubated firms make enough-incubated-firms <result>
    Given the application also has:
      | field                | value   |
      | park.incubated_firms | <firms> |
    When it is assessed
    Then criterion "enough-incubated-firms" of "accelerator-park" is <result>
    And "accelerator-park" is <status>

    Examples:
      | firms | result | status     |
      | 10    | pass   | eligible   |
      | 11    | pass   | eligible   |
      | 9     | fail   | ineligible |
      | 0     | fail   | ineligible |

  # --- who may apply ---------------------------------------------------------------------------------

  Scenario Outline: An applicant of kind <kind> makes eligible-kind <result>
    Given the application also has:
      | field          | value  |
      | applicant.kind | <kind> |
    When it is assessed
    Then criterion "eligible-kind" of "accelerator-park" is <result>
    And "accelerator-park" is <status>

    Examples:
      | kind               | result | status     |
      | park_operator      | pass   | eligible   |
      | enterprise         | pass   | eligible   |
      | university         | fail   | ineligible |
      | research_institute | fail   | ineligible |

  Scenario Outline: A park registered at <code> (<place>) makes in-shandong <result>
    Given the application also has:
      | field               | value  |
      | applicant.city_code | <code> |
    When it is assessed
    Then criterion "in-shandong" of "accelerator-park" is <result>
    And "accelerator-park" is <status>

    Examples:
      | code   | place                      | result | status     |
      | 370211 | Qingdao, Huangdao district | pass   | eligible   |
      | 370102 | Jinan, Lixia district      | pass   | eligible   |
      | 110108 | Beijing, Haidian district  | fail   | ineligible |
      | 440300 | Shenzhen                   | fail   | ineligible |

  # --- every other criterion can fail ------------------------------------------------------------

  Scenario Outline: <field> = <value> makes <criterion> fail and the grant ineligible
    Given the application also has:
      | field   | value   |
      | <field> | <value> |
    When it is assessed
    Then criterion "<criterion>" of "accelerator-park" is fail
    And "accelerator-park" is ineligible
    And "accelerator-park" has no amount

    Examples:
      | criterion              | field                       | value |
      | recognized-accelerator | park.recognized_accelerator | false |
      | robotics-focus         | park.robotics_focus         | false |
      | not-dishonest-listed   | applicant.dishonest_listed  | true  |

  # --- missing data ------------------------------------------------------------------------------

  Scenario Outline: Without <field> the grant is undetermined, missing exactly that field
    Given "<field>" is not provided
    When it is assessed
    Then criterion "<criterion>" of "accelerator-park" is unknown
    And "accelerator-park" is undetermined
    And "accelerator-park" is missing "<field>"
    And "accelerator-park" has no amount
    And the maximum amount of "accelerator-park" is 6000000 yuan

    Examples:
      | criterion              | field                       |
      | eligible-kind          | applicant.kind              |
      | in-shandong            | applicant.city_code         |
      | recognized-accelerator | park.recognized_accelerator |
      | robotics-focus         | park.robotics_focus         |
      | enough-incubated-firms | park.incubated_firms        |
      | not-dishonest-listed   | applicant.dishonest_listed  |

  Scenario: Without the construction investment every criterion passes but the grant is undetermined
    Given "park.construction_investment" is not provided
    When it is assessed
    Then "accelerator-park" is undetermined
    And "accelerator-park" is missing "park.construction_investment"
    And criterion "enough-incubated-firms" of "accelerator-park" is pass
    And criterion "recognized-accelerator" of "accelerator-park" is pass
    And "accelerator-park" has no amount
    And the maximum amount of "accelerator-park" is 6000000 yuan

  Scenario: Without any park data, all four park fields are missing
    Given "park.recognized_accelerator" is not provided
    And "park.robotics_focus" is not provided
    And "park.incubated_firms" is not provided
    And "park.construction_investment" is not provided
    When it is assessed
    Then "accelerator-park" is undetermined
    And "accelerator-park" is missing "park.recognized_accelerator, park.robotics_focus, park.incubated_firms, park.construction_investment"

  # --- a fail outranks an unknown ----------------------------------------------------------------

  Scenario: A park not recognised as an accelerator is ineligible even though its firm count is missing
    Given "park.incubated_firms" is not provided
    And the application also has:
      | field                       | value |
      | park.recognized_accelerator | false |
    When it is assessed
    Then "accelerator-park" is ineligible
    And criterion "enough-incubated-firms" of "accelerator-park" is unknown
    And criterion "recognized-accelerator" of "accelerator-park" is fail
    And "accelerator-park" has no amount

  Scenario: A university applicant is ineligible even though the construction investment is missing
    Given "park.construction_investment" is not provided
    And the application also has:
      | field          | value      |
      | applicant.kind | university |
    When it is assessed
    Then "accelerator-park" is ineligible
    And "accelerator-park" has no amount

  Scenario: Until the green threshold is reviewed, the park grant may be applied for, pending review
    Given "review.green_threshold" is not provided
    When it is assessed
    Then criterion "green-threshold" of "accelerator-park" is unknown
    And "accelerator-park" is review
    And the total amount is 0 yuan

  Scenario: A park operator that fails the green threshold gets no grant
    Given the application also has:
      | field                  | value |
      | review.green_threshold | false |
    When it is assessed
    Then criterion "green-threshold" of "accelerator-park" is fail
    And "accelerator-park" is ineligible
