@high-tech-check
Feature: High-tech enterprise recognition, self-check (高新技术企业认定(自测)), plan 三(四)
  "落实机器人企业投入基础研究、研发费用加计扣除、高新技术企业所得税等税收优惠政策。"
  A self-check against 高新技术企业认定管理办法 (国科发火〔2016〕32号) 第十一条; once recognised, income tax is
  levied at 15%. No amount is computed. Conditions: an enterprise; registered at least one year before the
  assessment date (29 February → 28 February of the year before); S&T staff at least 10% of the staff;
  three-year R&D at least 5% of three-year sales where last year's sales are up to 50,000,000 yuan, 4% up to
  200,000,000 yuan, 3% above; at least 60% of that R&D spent in China; high-tech revenue at least 60% of revenue;
  no major accident in the last year. Three judgements are left to reviewers (core IP, key high-tech field,
  innovation score of 70): a reviewer's yes passes, no fails, and while one is open the result is `review`.

  Background:
    Given an application:
      | field                         | value                    |
      | application_id                | HC-1                     |
      | as_of                         | 2027-03-31               |
      | applicant.name                | 济南某特种机器人有限公司 |
      | applicant.kind                | enterprise               |
      | applicant.city_code           | 370100                   |
      | applicant.registered_on       | 2019-06-18               |
      | applicant.employees           | 300                      |
      | applicant.tech_staff          | 60                       |
      | applicant.hitech_revenue      | 120000000                |
      | applicant.major_accident_3y   | false                    |
      | rd.revenue                    | 150000000                |
      | rd.expense_3y                 | 20000000                 |
      | rd.revenue_3y                 | 400000000                |
      | rd.domestic_expense_3y        | 18000000                 |
      | review.core_ip                | true                     |
      | review.hitech_field           | true                     |
      | review.innovation_score       | true                     |

  Scenario: A special-robot maker meeting every condition, with all three reviews passed, is eligible
    When it is assessed
    Then "high-tech-check" is eligible
    And "high-tech-check" has no amount
    And the total amount is 0 yuan

  # --- registered at least one year before the assessment date -------------------------------------

  Scenario Outline: Registered on <registered>, assessed on <day>: registered-a-year is <result>
    Given the application also has:
      | field                   | value        |
      | applicant.registered_on | <registered> |
    When it is assessed on <day>
    Then criterion "registered-a-year" of "high-tech-check" is <result>
    And "high-tech-check" is <status>

    Examples: exactly one year
      | registered | day        | result | status     |
      | 2026-03-31 | 2027-03-31 | pass   | eligible   |
      | 2026-04-01 | 2027-03-31 | fail   | ineligible |
      | 2026-03-30 | 2027-03-31 | pass   | eligible   |
      | 2027-01-15 | 2027-03-31 | fail   | ineligible |

    Examples: assessed on 29 February 2028, a year earlier is 28 February 2027
      | registered | day        | result | status     |
      | 2027-02-28 | 2028-02-29 | pass   | eligible   |
      | 2027-03-01 | 2028-02-29 | fail   | ineligible |
      | 2027-02-27 | 2028-02-29 | pass   | eligible   |

    Examples: registered on 29 February 2024
      | registered | day        | result | status     |
      | 2024-02-29 | 2026-01-01 | pass   | eligible   |
      | 2024-02-29 | 2028-02-28 | pass   | eligible   |

  # --- S&T staff at least 10% ---------------------------------------------------------------------

  Scenario Outline: <staff> S&T staff of 300 makes tech-staff-share <result>
    Given the application also has:
      | field                | value   |
      | applicant.tech_staff | <staff> |
    When it is assessed
    Then criterion "tech-staff-share" of "high-tech-check" is <result>
    And "high-tech-check" is <status>

    Examples:
      | staff | result | status     |
      | 30    | pass   | eligible   |
      | 29    | fail   | ineligible |
      | 300   | pass   | eligible   |
      | 0     | fail   | ineligible |

  Scenario: No employees at all makes the staff share fail, not undetermined
    Given the application also has:
      | field                | value |
      | applicant.employees  | 0     |
      | applicant.tech_staff | 0     |
    When it is assessed
    Then criterion "tech-staff-share" of "high-tech-check" is fail
    And "high-tech-check" is ineligible

  # --- three-year R&D intensity by size -----------------------------------------------------------

  Scenario Outline: Sales of <revenue> need <needed>: three-year R&D of <expense> on 100,000,000 is <result>
    Given the application also has:
      | field                    | value     |
      | rd.revenue               | <revenue> |
      | applicant.hitech_revenue | <revenue> |
      | rd.expense_3y            | <expense> |
      | rd.domestic_expense_3y   | <expense> |
      | rd.revenue_3y            | 100000000 |
    When it is assessed
    Then criterion "rd-intensity-3y" of "high-tech-check" is <result>
    And "high-tech-check" is <status>

    Examples: small firms, up to 50,000,000: 5%
      | revenue  | needed | expense | result | status     |
      | 30000000 | 5%     | 5000000 | pass   | eligible   |
      | 50000000 | 5%     | 5000000 | pass   | eligible   |
      | 50000000 | 5%     | 4999999 | fail   | ineligible |
      | 50000000 | 5%     | 4000000 | fail   | ineligible |

    Examples: medium firms, above 50,000,000 and up to 200,000,000: 4%
      | revenue   | needed | expense | result | status     |
      | 50000001  | 4%     | 4999999 | pass   | eligible   |
      | 50000001  | 4%     | 4000000 | pass   | eligible   |
      | 50000001  | 4%     | 3999999 | fail   | ineligible |
      | 200000000 | 4%     | 4000000 | pass   | eligible   |
      | 200000000 | 4%     | 3999999 | fail   | ineligible |
      | 200000000 | 4%     | 3000000 | fail   | ineligible |

    Examples: large firms, above 200,000,000: 3%
      | revenue   | needed | expense | result | status     |
      | 200000001 | 3%     | 3999999 | pass   | eligible   |
      | 200000001 | 3%     | 3000000 | pass   | eligible   |
      | 200000001 | 3%     | 2999999 | fail   | ineligible |
      | 900000000 | 3%     | 3000000 | pass   | eligible   |

  Scenario: Three-year sales of 0 make the intensity fail, not undetermined
    Given the application also has:
      | field         | value |
      | rd.revenue_3y | 0     |
    When it is assessed
    Then criterion "rd-intensity-3y" of "high-tech-check" is fail
    And "high-tech-check" is ineligible

  Scenario: Without last year's sales, an intensity of 5% meets every size threshold, so it passes
    Given "rd.revenue" is not provided
    When it is assessed
    Then criterion "rd-intensity-3y" of "high-tech-check" is pass
    And criterion "hitech-revenue-share" of "high-tech-check" is unknown
    And "high-tech-check" is undetermined
    And "high-tech-check" is missing "rd.revenue"

  Scenario: Without last year's sales, an intensity of 2% fails every size threshold, so it fails
    Given "rd.revenue" is not provided
    And the application also has:
      | field                  | value   |
      | rd.expense_3y          | 8000000 |
      | rd.domestic_expense_3y | 8000000 |
    When it is assessed
    Then criterion "rd-intensity-3y" of "high-tech-check" is fail
    And "high-tech-check" is ineligible

  Scenario: Without last year's sales, an intensity of 4.5% depends on the size, so it is unknown
    Given "rd.revenue" is not provided
    And the application also has:
      | field                  | value    |
      | rd.expense_3y          | 18000000 |
      | rd.domestic_expense_3y | 18000000 |
    When it is assessed
    Then criterion "rd-intensity-3y" of "high-tech-check" is unknown
    And "high-tech-check" is undetermined
    And "high-tech-check" is missing "rd.revenue"

  # --- R&D spent in China, high-tech revenue ------------------------------------------------------

  Scenario Outline: Domestic R&D of <domestic> of 20,000,000 makes domestic-rd-share <result>
    Given the application also has:
      | field                  | value      |
      | rd.domestic_expense_3y | <domestic> |
    When it is assessed
    Then criterion "domestic-rd-share" of "high-tech-check" is <result>
    And "high-tech-check" is <status>

    Examples:
      | domestic | result | status     |
      | 12000000 | pass   | eligible   |
      | 11999999 | fail   | ineligible |
      | 20000000 | pass   | eligible   |
      | 0        | fail   | ineligible |

  Scenario Outline: High-tech revenue of <hitech> of 150,000,000 makes hitech-revenue-share <result>
    Given the application also has:
      | field                    | value    |
      | applicant.hitech_revenue | <hitech> |
    When it is assessed
    Then criterion "hitech-revenue-share" of "high-tech-check" is <result>
    And "high-tech-check" is <status>

    Examples:
      | hitech    | result | status     |
      | 90000000  | pass   | eligible   |
      | 89999999  | fail   | ineligible |
      | 150000000 | pass   | eligible   |

  # --- accidents, kind -------------------------------------------------------------------------------

  Scenario: A major accident in the last year makes the self-check ineligible
    Given the application also has:
      | field                       | value |
      | applicant.major_accident_3y | true  |
      | applicant.major_accident_1y | true  |
    When it is assessed
    Then criterion "no-major-accident-1y" of "high-tech-check" is fail
    And "high-tech-check" is ineligible

  Scenario: An accident in the last three years, not said whether in the last year, leaves it undetermined
    Given the application also has:
      | field                       | value |
      | applicant.major_accident_3y | true  |
    When it is assessed
    Then criterion "no-major-accident-1y" of "high-tech-check" is unknown
    And "high-tech-check" is undetermined
    And "high-tech-check" is missing "applicant.major_accident_1y"

  Scenario: An accident more than a year ago does not matter
    Given the application also has:
      | field                       | value |
      | applicant.major_accident_3y | true  |
      | applicant.major_accident_1y | false |
    When it is assessed
    Then criterion "no-major-accident-1y" of "high-tech-check" is pass
    And "high-tech-check" is eligible

  Scenario: A research institute cannot be recognised as a high-tech enterprise
    Given the application also has:
      | field          | value              |
      | applicant.kind | research_institute |
    When it is assessed
    Then criterion "is-enterprise" of "high-tech-check" is fail
    And "high-tech-check" is ineligible

  # --- an expired certificate -----------------------------------------------------------------------

  Scenario: A firm whose high-tech certificate has expired may apply again; the 15% rate has lapsed meanwhile
    Given the application also has:
      | field                     | value                |
      | applicant.designations    | high_tech_enterprise |
      | applicant.hte_valid_until | 2026-12-31           |
      | applicant.deemed_profit_taxpayer | false         |
    When it is assessed
    Then "high-tech-check" is eligible
    And criterion "certificate-valid" of "high-tech-tax" is fail
    And "high-tech-tax" is ineligible

  Scenario: A certificate valid until the assessment date still counts for the tax rate
    Given the application also has:
      | field                     | value                |
      | applicant.designations    | high_tech_enterprise |
      | applicant.hte_valid_until | 2027-03-31           |
      | applicant.deemed_profit_taxpayer | false         |
    When it is assessed
    Then "high-tech-check" is eligible
    And criterion "certificate-valid" of "high-tech-tax" is pass

  # --- the three reviews -----------------------------------------------------------------------------

  Scenario Outline: Review <field> = <decision>: <criterion> is <result>, the self-check is <status>
    Given the application also has:
      | field   | value      |
      | <field> | <decision> |
    When it is assessed
    Then criterion "<criterion>" of "high-tech-check" is <result>
    And "high-tech-check" is <status>

    Examples:
      | criterion        | field                   | decision | result | status     |
      | core-ip          | review.core_ip          | true     | pass   | eligible   |
      | core-ip          | review.core_ip          | false    | fail   | ineligible |
      | hitech-field     | review.hitech_field     | true     | pass   | eligible   |
      | hitech-field     | review.hitech_field     | false    | fail   | ineligible |
      | innovation-score | review.innovation_score | true     | pass   | eligible   |
      | innovation-score | review.innovation_score | false    | fail   | ineligible |

  Scenario Outline: Review <field> not yet decided: review (待审核), nothing missing
    Given "<field>" is not provided
    When it is assessed
    Then criterion "<criterion>" of "high-tech-check" is unknown
    And "high-tech-check" is review
    And the en explanation of criterion "<criterion>" of "high-tech-check" contains "pending review"

    Examples:
      | criterion        | field                   |
      | core-ip          | review.core_ip          |
      | hitech-field     | review.hitech_field     |
      | innovation-score | review.innovation_score |

  Scenario: All three reviews open: review
    Given "review.core_ip" is not provided
    And "review.hitech_field" is not provided
    And "review.innovation_score" is not provided
    When it is assessed
    Then "high-tech-check" is review
    And the zh explanation of criterion "innovation-score" of "high-tech-check" contains "待审核"

  Scenario: A refused review decides, even while another review is open
    Given "review.core_ip" is not provided
    And the application also has:
      | field                   | value |
      | review.innovation_score | false |
    When it is assessed
    Then "high-tech-check" is ineligible
    And criterion "core-ip" of "high-tech-check" is unknown

  Scenario: A missing field and an open review: undetermined, only the field is missing
    Given "review.core_ip" is not provided
    And "rd.expense_3y" is not provided
    When it is assessed
    Then "high-tech-check" is undetermined
    And "high-tech-check" is missing "rd.expense_3y"
    And criterion "domestic-rd-share" of "high-tech-check" is unknown

  # --- missing data ------------------------------------------------------------------------------

  Scenario Outline: Without <field> the self-check is undetermined, missing exactly that field
    Given "<field>" is not provided
    When it is assessed
    Then criterion "<criterion>" of "high-tech-check" is unknown
    And "high-tech-check" is undetermined
    And "high-tech-check" is missing "<field>"

    Examples:
      | criterion            | field                    |
      | is-enterprise        | applicant.kind           |
      | registered-a-year    | applicant.registered_on  |
      | tech-staff-share     | applicant.tech_staff     |
      | tech-staff-share     | applicant.employees      |
      | rd-intensity-3y      | rd.revenue_3y            |
      | domestic-rd-share    | rd.domestic_expense_3y   |
      | hitech-revenue-share | applicant.hitech_revenue |

  Scenario: The self-check needs no Shandong registration and no green threshold
    Given the application also has:
      | field                  | value  |
      | applicant.city_code    | 320100 |
      | review.green_threshold | false  |
    When it is assessed
    Then "high-tech-check" is eligible
