@basic-research-deduction
Feature: Tax preference for contributions to basic research (基础研究投入税收优惠), plan 三(四)
  "落实机器人企业投入基础研究、研发费用加计扣除、高新技术企业所得税等税收优惠政策。"
  Tax treatment (财政部 税务总局公告2022年第32号): money an enterprise gives to basic research is deducted
  in full and a further 100% of it. National tax law: no amount is computed, and it adds nothing to the total.
  Conditions: an enterprise; a contribution in the year above 0; the recipient is a non-profit research
  institute, a university or a government science fund; income tax levied on accounts (not on deemed profit).
  There is no Shandong registration condition and no green threshold (it is not a cash award).

  Background:
    Given an application:
      | field                            | value                      |
      | application_id                   | BR-1                       |
      | as_of                            | 2027-03-31                 |
      | applicant.name                   | 烟台某协作机器人有限公司   |
      | applicant.kind                   | enterprise                 |
      | applicant.city_code              | 370600                     |
      | applicant.deemed_profit_taxpayer | false                      |
      | basic_research.contribution      | 2000000                    |
      | basic_research.recipient         | university                 |

  Scenario: A robot firm that gives 2,000,000 to a university's basic research may deduct it, with no amount
    When it is assessed
    Then "basic-research-deduction" is eligible
    And "basic-research-deduction" has no amount
    And the total amount is 0 yuan

  # --- the recipient ---------------------------------------------------------------------------------

  Scenario Outline: A contribution to <recipient> makes eligible-recipient <result>
    Given the application also has:
      | field                    | value       |
      | basic_research.recipient | <recipient> |
    When it is assessed
    Then criterion "eligible-recipient" of "basic-research-deduction" is <result>
    And "basic-research-deduction" is <status>

    Examples:
      | recipient                    | result | status     |
      | nonprofit_research_institute | pass   | eligible   |
      | university                   | pass   | eligible   |
      | government_science_fund      | pass   | eligible   |
      | 非营利性科研机构             | pass   | eligible   |
      | 高等学校                     | pass   | eligible   |
      | 自然科学基金                 | pass   | eligible   |
      | other                        | fail   | ineligible |
      | 其他                         | fail   | ineligible |

  # --- the contribution --------------------------------------------------------------------------------

  Scenario Outline: A contribution of <contribution> makes contributed <result>
    Given the application also has:
      | field                       | value          |
      | basic_research.contribution | <contribution> |
    When it is assessed
    Then criterion "contributed" of "basic-research-deduction" is <result>
    And "basic-research-deduction" is <status>

    Examples:
      | contribution | result | status     |
      | 1            | pass   | eligible   |
      | 50万         | pass   | eligible   |
      | 0            | fail   | ineligible |

  # --- deemed-profit taxpayers ------------------------------------------------------------------------

  Scenario: A firm taxed on deemed profit cannot deduct its contribution
    Given the application also has:
      | field                            | value |
      | applicant.deemed_profit_taxpayer | true  |
    When it is assessed
    Then criterion "not-deemed-profit" of "basic-research-deduction" is fail
    And "basic-research-deduction" is ineligible
    And "basic-research-deduction" has no amount

  Scenario: A deemed-profit taxpayer is ineligible even though the recipient is not stated
    Given "basic_research.recipient" is not provided
    And the application also has:
      | field                            | value |
      | applicant.deemed_profit_taxpayer | true  |
    When it is assessed
    Then criterion "eligible-recipient" of "basic-research-deduction" is unknown
    And "basic-research-deduction" is ineligible

  # --- other applicants --------------------------------------------------------------------------------

  Scenario Outline: A <kind> is not an enterprise, so the preference is ineligible
    Given the application also has:
      | field          | value  |
      | applicant.kind | <kind> |
    When it is assessed
    Then criterion "is-enterprise" of "basic-research-deduction" is fail
    And "basic-research-deduction" is ineligible

    Examples:
      | kind               |
      | university         |
      | research_institute |
      | park_operator      |

  Scenario: A firm registered outside Shandong may still use the national preference
    Given the application also has:
      | field               | value  |
      | applicant.city_code | 440300 |
    When it is assessed
    Then "basic-research-deduction" is eligible

  Scenario: The green threshold is not a condition of a tax preference
    Given the application also has:
      | field                  | value |
      | review.green_threshold | false |
    When it is assessed
    Then "basic-research-deduction" is eligible

  # --- missing data --------------------------------------------------------------------------------------

  Scenario Outline: Without <field> the preference is undetermined, missing exactly that field
    Given "<field>" is not provided
    When it is assessed
    Then criterion "<criterion>" of "basic-research-deduction" is unknown
    And "basic-research-deduction" is undetermined
    And "basic-research-deduction" is missing "<field>"
    And "basic-research-deduction" has no amount

    Examples:
      | criterion          | field                            |
      | is-enterprise      | applicant.kind                   |
      | contributed        | basic_research.contribution      |
      | eligible-recipient | basic_research.recipient         |
      | not-deemed-profit  | applicant.deemed_profit_taxpayer |

  Scenario: No contribution at all: both basic-research fields are missing
    Given "basic_research.contribution" is not provided
    And "basic_research.recipient" is not provided
    When it is assessed
    Then "basic-research-deduction" is undetermined
    And "basic-research-deduction" is missing "basic_research.contribution, basic_research.recipient"
