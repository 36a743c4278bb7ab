@accelerator-park
Feature: Future-industry accelerator park grant (未来产业加速园建设支持), plan 三(一)
  "支持未来产业加速园建设,按规定给予最高600万元经费支持。"
  30% of the eligible construction investment, at most 6,000,000 yuan, rounded down.

  Background:
    Given an application:
      | field                         | value         |
      | application_id                | PARK-1        |
      | as_of                         | 2027-03-31    |
      | applicant.kind                | park_operator |
      | applicant.city_code           | 370211        |
      | applicant.dishonest_listed    | false         |
      | park.recognized_accelerator   | true          |
      | park.robotics_focus           | true          |
      | park.incubated_firms          | 23            |
      | park.construction_investment  | 18500000      |

  Scenario: A Qingdao park with 18,500,000 of construction gets 5,550,000
    When it is assessed
    Then "accelerator-park" is eligible
    And the amount of "accelerator-park" is 5550000 yuan
    And the total amount is 5550000 yuan

  Scenario Outline: Construction of <investment> gives <amount>
    Given the application also has:
      | field                        | value        |
      | park.construction_investment | <investment> |
    When it is assessed
    Then the amount of "accelerator-park" is <amount> yuan

    Examples:
      | investment | amount  |
      | 20000000   | 6000000 |
      | 25000000   | 6000000 |
      | 1234567    | 370370  |
      | 0          | 0       |

  Scenario Outline: Incubated firms <firms> make the criterion <result>
    Given the application also has:
      | field                | value   |
      | park.incubated_firms | <firms> |
    When it is assessed
    Then criterion "enough-incubated-firms" of "accelerator-park" is <result>

    Examples:
      | firms | result |
      | 10    | pass   |
      | 9     | fail   |

  Scenario: An enterprise may run the park too
    Given the application also has:
      | field          | value      |
      | applicant.kind | enterprise |
    When it is assessed
    Then "accelerator-park" is eligible

  Scenario Outline: <criterion> fails when <field> is <value>
    Given the application also has:
      | field   | value   |
      | <field> | <value> |
    When it is assessed
    Then criterion "<criterion>" of "accelerator-park" is fail
    And "accelerator-park" is ineligible

    Examples:
      | criterion              | field                       | value      |
      | eligible-kind          | applicant.kind              | university |
      | in-shandong            | applicant.city_code         | 440300     |
      | recognized-accelerator | park.recognized_accelerator | false      |
      | robotics-focus         | park.robotics_focus         | false      |
      | not-dishonest-listed   | applicant.dishonest_listed  | true       |

  Scenario Outline: Without <field> the grant is undetermined
    Given "<field>" is not provided
    When it is assessed
    Then criterion "<criterion>" of "accelerator-park" is unknown
    And "accelerator-park" is undetermined
    And "accelerator-park" is missing "<field>"
    And the maximum amount of "accelerator-park" is 6000000 yuan

    Examples:
      | criterion              | field                       |
      | eligible-kind          | applicant.kind              |
      | in-shandong            | applicant.city_code         |
      | recognized-accelerator | park.recognized_accelerator |
      | robotics-focus         | park.robotics_focus         |
      | enough-incubated-firms | park.incubated_firms        |
      | not-dishonest-listed   | applicant.dishonest_listed  |

  Scenario: Without the construction investment the amount, and so the grant, is undetermined
    Given "park.construction_investment" is not provided
    When it is assessed
    Then "accelerator-park" is undetermined
    And "accelerator-park" is missing "park.construction_investment"
