@lukebao-premium
Feature: 鲁科保 (Luke insurance) premium subsidy (鲁科保保费补贴), plan 三(三)
  "用好“鲁科贷”“鲁科担”“鲁科保”“鲁科投”“鲁科融”等金融产品,推动中小企业发展壮大。"
  50% of the premium paid in the first year of cover, 30% in later years (鲁政办字〔2023〕155号; the
  ceilings are modelled as the rates), at most 300,000 yuan per firm a year, rounded down to the yuan.
  Conditions: an enterprise registered in Shandong; a tech-based SME or a high-tech enterprise (a modelling
  choice); a 鲁科保 product bought; not on the serious dishonesty list; the green threshold (a review).
  When it is not known whether this is the first year, the amount is still known if both rates reach the cap.

  Background:
    Given an application:
      | field                      | value                    |
      | application_id             | LB-1                     |
      | as_of                      | 2027-03-31               |
      | applicant.name             | 青岛某机器人减速器有限公司 |
      | applicant.kind             | enterprise               |
      | applicant.city_code        | 370200                   |
      | applicant.designations     | tech_sme                 |
      | applicant.dishonest_listed | false                    |
      | insurance.luke_product     | true                     |
      | insurance.first_year       | true                     |
      | insurance.premium_paid     | 180000                   |
      | review.green_threshold     | true                     |

  Scenario: A first-year premium of 180,000 is subsidised at 50%: 90,000
    When it is assessed
    Then "lukebao-premium" is eligible
    And the amount of "lukebao-premium" is 90000 yuan
    And the maximum amount of "lukebao-premium" is 300000 yuan
    And the total amount is 90000 yuan

  # --- first year 50%, later years 30%, cap 300,000, rounded down -------------------------------

  Scenario: The same premium in a later year is subsidised at 30%: 54,000
    Given the application also has:
      | field                | value |
      | insurance.first_year | false |
    When it is assessed
    Then "lukebao-premium" is eligible
    And the amount of "lukebao-premium" is 54000 yuan

  Scenario Outline: A premium of <premium> with first_year = <first> gives <amount>
    Given the application also has:
      | field                  | value     |
      | insurance.premium_paid | <premium> |
      | insurance.first_year   | <first>   |
    When it is assessed
    Then "lukebao-premium" is eligible
    And the amount of "lukebao-premium" is <amount> yuan

    Examples: first year, 50%, up to the cap
      | premium | first | amount |
      | 599999  | true  | 299999 |
      | 600000  | true  | 300000 |
      | 600001  | true  | 300000 |
      | 2000000 | true  | 300000 |
      | 12345   | true  | 6172   |
      | 1       | true  | 0      |
      | 0       | true  | 0      |

    Examples: later years, 30%, up to the cap
      | premium | first | amount |
      | 999999  | false | 299999 |
      | 1000000 | false | 300000 |
      | 1000001 | false | 300000 |
      | 600000  | false | 180000 |
      | 12345   | false | 3703   |
      | 3       | false | 0      |
      | 4       | false | 1      |

  # --- first year not stated: known only when both rates give the same amount -------------------

  Scenario Outline: Without first_year, a premium of <premium> gives <amount> all the same (both rates reach the cap)
    Given "insurance.first_year" is not provided
    And the application also has:
      | field                  | value     |
      | insurance.premium_paid | <premium> |
    When it is assessed
    Then "lukebao-premium" is eligible
    And the amount of "lukebao-premium" is <amount> yuan

    Examples:
      | premium | amount |
      | 1000000 | 300000 |
      | 5000000 | 300000 |
      | 0       | 0      |

  Scenario Outline: Without first_year, a premium of <premium> is undetermined (50% and 30% differ)
    Given "insurance.first_year" is not provided
    And the application also has:
      | field                  | value     |
      | insurance.premium_paid | <premium> |
    When it is assessed
    Then "lukebao-premium" is undetermined
    And "lukebao-premium" is missing "insurance.first_year"
    And "lukebao-premium" has no amount
    And the maximum amount of "lukebao-premium" is 300000 yuan

    Examples:
      | premium |
      | 180000  |
      | 600000  |
      | 999999  |

  Scenario: Without the premium the subsidy is undetermined, missing the premium
    Given "insurance.premium_paid" is not provided
    When it is assessed
    Then "lukebao-premium" is undetermined
    And "lukebao-premium" is missing "insurance.premium_paid"
    And "lukebao-premium" has no amount
    And the maximum amount of "lukebao-premium" is 300000 yuan

  # --- the designation -----------------------------------------------------------------------------

  Scenario Outline: Designations <designations> make tech-designation <result>
    Given the application also has:
      | field                  | value          |
      | applicant.designations | <designations> |
    When it is assessed
    Then criterion "tech-designation" of "lukebao-premium" is <result>
    And "lukebao-premium" is <status>

    Examples:
      | designations                  | result | status     |
      | tech_sme                      | pass   | eligible   |
      | high_tech_enterprise          | pass   | eligible   |
      | 高企                          | pass   | eligible   |
      | srdi;high_tech_enterprise     | pass   | eligible   |
      | srdi                          | fail   | ineligible |
      | little_giant;single_champion  | fail   | ineligible |

  # --- every other criterion can fail ------------------------------------------------------------

  Scenario Outline: <field> = <value> makes <criterion> fail and the subsidy ineligible
    Given the application also has:
      | field   | value   |
      | <field> | <value> |
    When it is assessed
    Then criterion "<criterion>" of "lukebao-premium" is fail
    And "lukebao-premium" is ineligible
    And "lukebao-premium" has no amount

    Examples:
      | criterion            | field                      | value              |
      | is-enterprise        | applicant.kind             | park_operator      |
      | in-shandong          | applicant.city_code        | 320100             |
      | luke-product         | insurance.luke_product     | false              |
      | not-dishonest-listed | applicant.dishonest_listed | true               |
      | green-threshold      | review.green_threshold     | false              |

  Scenario: A university passes the green threshold without review but is not an enterprise
    Given "review.green_threshold" is not provided
    And the application also has:
      | field          | value      |
      | applicant.kind | university |
    When it is assessed
    Then criterion "green-threshold" of "lukebao-premium" is pass
    And criterion "is-enterprise" of "lukebao-premium" is fail
    And "lukebao-premium" is ineligible

  # --- the green-threshold review ------------------------------------------------------------------

  Scenario: Green threshold not yet reviewed: review, with the amount provisional and not in the total
    Given "review.green_threshold" is not provided
    When it is assessed
    Then "lukebao-premium" is review
    And criterion "green-threshold" of "lukebao-premium" is unknown
    And the en explanation of criterion "green-threshold" of "lukebao-premium" contains "pending review"
    And the amount of "lukebao-premium" is 90000 yuan
    And the total amount is 0 yuan

  Scenario: Green threshold refused by the reviewer: ineligible
    Given the application also has:
      | field                  | value |
      | review.green_threshold | false |
    When it is assessed
    Then "lukebao-premium" is ineligible
    And "lukebao-premium" has no amount
    And the total amount is 0 yuan

  # --- missing data ------------------------------------------------------------------------------

  Scenario Outline: Without <field> the subsidy is undetermined, missing exactly that field
    Given "<field>" is not provided
    When it is assessed
    Then criterion "<criterion>" of "lukebao-premium" is unknown
    And "lukebao-premium" is undetermined
    And "lukebao-premium" is missing "<field>"
    And "lukebao-premium" has no amount

    Examples:
      | criterion            | field                      |
      | is-enterprise        | applicant.kind             |
      | in-shandong          | applicant.city_code        |
      | tech-designation     | applicant.designations     |
      | luke-product         | insurance.luke_product     |
      | not-dishonest-listed | applicant.dishonest_listed |

  Scenario: Without the kind, the reviewed green threshold still passes and only the kind is missing
    Given "applicant.kind" is not provided
    When it is assessed
    Then criterion "green-threshold" of "lukebao-premium" is pass
    And "lukebao-premium" is missing "applicant.kind"

  Scenario: No 鲁科保 product makes the subsidy ineligible even though the premium is missing
    Given "insurance.premium_paid" is not provided
    And the application also has:
      | field                  | value |
      | insurance.luke_product | false |
    When it is assessed
    Then "lukebao-premium" is ineligible
    And "lukebao-premium" has no amount
