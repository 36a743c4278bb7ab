@st-plan-project
Feature: Robot innovation project of the provincial S&T plan, plan 三(三)
  "将机器人纳入科技攻关重点支持范围,依托省级科技计划,每年实施50项左右创新项目。" — about 50 projects a
  year, chosen by competitive selection. The provision is the gate (a university, institute or enterprise in
  Shandong, a robot project with a budget, not on the dishonesty list, green threshold for enterprises); it has
  no amount of its own: the programme st-plan-projects ranks the projects by the expert score and awards 20%
  of the project budget (features/allocation.feature).

  Background:
    Given an application:
      | field                      | value              |
      | application_id             | SP-1               |
      | as_of                      | 2027-03-31         |
      | applicant.name             | 济南某机器人有限公司 |
      | applicant.kind             | enterprise         |
      | applicant.city_code        | 370100             |
      | applicant.dishonest_listed | false              |
      | project.robotics           | true               |
      | project.budget             | 12000000           |
      | review.green_threshold     | true               |
      | review.project_score       | 88                 |

  Scenario: A Jinan robot maker's project with a budget passes the gate; the provision has no amount
    When it is assessed
    Then "st-plan-project" is eligible
    And "st-plan-project" has no amount
    And criterion "eligible-kind" of "st-plan-project" is pass
    And criterion "in-shandong" of "st-plan-project" is pass
    And criterion "robot-project" of "st-plan-project" is pass
    And criterion "budget-stated" of "st-plan-project" is pass
    And criterion "not-dishonest-listed" of "st-plan-project" is pass
    And criterion "green-threshold" of "st-plan-project" is pass

  Scenario Outline: <field> = <value> closes the gate (<criterion> fails)
    Given the application also has:
      | field   | value   |
      | <field> | <value> |
    When it is assessed
    Then "st-plan-project" is ineligible
    And criterion "<criterion>" of "st-plan-project" is fail

    Examples:
      | field                      | value         | criterion            |
      | applicant.kind             | park_operator | eligible-kind        |
      | applicant.city_code        | 110108        | in-shandong          |
      | project.robotics           | false         | robot-project        |
      | project.budget             | 0             | budget-stated        |
      | applicant.dishonest_listed | true          | not-dishonest-listed |
      | review.green_threshold     | false         | green-threshold      |

  Scenario Outline: Without <field> the gate is undetermined (<criterion> unknown)
    Given "<field>" is not provided
    When it is assessed
    Then "st-plan-project" is undetermined
    And criterion "<criterion>" of "st-plan-project" is unknown
    And "st-plan-project" is missing "<field>"

    Examples:
      | field                      | criterion            |
      | applicant.kind             | eligible-kind        |
      | applicant.city_code        | in-shandong          |
      | project.robotics           | robot-project        |
      | project.budget             | budget-stated        |
      | applicant.dishonest_listed | not-dishonest-listed |

  Scenario: Without the green-threshold decision the project awaits review, and a university needs none
    Given "review.green_threshold" is not provided
    When it is assessed
    Then "st-plan-project" is review
    And criterion "green-threshold" of "st-plan-project" is unknown

  Scenario: A university's project passes the gate without a green-threshold review
    Given "review.green_threshold" is not provided
    And the application also has:
      | field          | value      |
      | applicant.kind | university |
    When it is assessed
    Then "st-plan-project" is eligible
