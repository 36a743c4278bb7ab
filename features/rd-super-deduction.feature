@rd-super-deduction
Feature: R&D super deduction (研发费用加计扣除), plan 三(四)
  "落实机器人企业投入基础研究、研发费用加计扣除、高新技术企业所得税等税收优惠政策。"
  A national tax preference: an extra deduction of 100% of R&D expense. The plan states no
  amount, so none is computed (amount is none; the result carries a benefit note instead).
  Criteria: the applicant is an enterprise and has R&D expense (rd.expense > 0).
  No Shandong criterion applies: the preference is national law.

  Background:
    Given an application:
      | field               | value                      |
      | application_id      | SD-1                       |
      | applicant.industry_code | 3491 |
      | applicant.deemed_profit_taxpayer | false |
      | as_of               | 2027-03-31                 |
      | applicant.name      | 青岛某机器人减速机有限公司 |
      | applicant.uscc      | 91370200264574251E         |
      | applicant.kind      | enterprise                 |
      | applicant.city_code | 370211                     |
      | rd.fiscal_year      | 2026                       |
      | rd.expense          | 5200000                    |

  Scenario: An enterprise with 5,200,000 of R&D expense gets the deduction, with no amount
    When it is assessed
    Then "rd-super-deduction" is eligible
    And "rd-super-deduction" has no amount
    And the total amount is 0 yuan

  Scenario Outline: R&D expense of <expense> makes rd-expense-positive <result>
    Given the application also has:
      | field      | value     |
      | rd.expense | <expense> |
    When it is assessed
    Then criterion "rd-expense-positive" of "rd-super-deduction" is <result>
    And "rd-super-deduction" is <status>
    And "rd-super-deduction" has no amount

    Examples:
      | expense   | result | status     |
      | 1         | pass   | eligible   |
      | 950000000 | pass   | eligible   |
      | 0         | fail   | ineligible |

  Scenario Outline: An applicant of kind <kind> is not an enterprise, so the deduction is ineligible
    Given the application also has:
      | field          | value  |
      | applicant.kind | <kind> |
    When it is assessed
    Then criterion "is-enterprise" of "rd-super-deduction" is fail
    And "rd-super-deduction" is ineligible

    Examples:
      | kind               |
      | university         |
      | research_institute |
      | park_operator      |

  Scenario Outline: A firm registered at <code> (<place>) is eligible wherever it is registered
    Given the application also has:
      | field               | value  |
      | applicant.city_code | <code> |
    When it is assessed
    Then "rd-super-deduction" is eligible

    Examples:
      | code   | place                     |
      | 370102 | Jinan, Lixia district     |
      | 110108 | Beijing, Haidian district |
      | 320100 | Nanjing                   |

  Scenario: Only the R&D expense is needed, not the rest of the R&D data or the place of registration
    Given "rd.fiscal_year" is not provided
    And "applicant.city_code" is not provided
    When it is assessed
    Then "rd-super-deduction" is eligible

  Scenario Outline: Without <field> the deduction is undetermined, missing exactly that field
    Given "<field>" is not provided
    When it is assessed
    Then criterion "<criterion>" of "rd-super-deduction" is unknown
    And "rd-super-deduction" is undetermined
    And "rd-super-deduction" is missing "<field>"
    And "rd-super-deduction" has no amount

    Examples:
      | criterion           | field          |
      | is-enterprise       | applicant.kind |
      | rd-expense-positive | rd.expense     |

  Scenario: Without the kind and the expense, both are missing
    Given "applicant.kind" is not provided
    And "rd.expense" is not provided
    When it is assessed
    Then "rd-super-deduction" is undetermined
    And "rd-super-deduction" is missing "applicant.kind, rd.expense"

  Scenario: A research institute is ineligible even though its R&D expense is missing
    Given "rd.expense" is not provided
    And the application also has:
      | field          | value              |
      | applicant.kind | research_institute |
    When it is assessed
    Then "rd-super-deduction" is ineligible
    And criterion "rd-expense-positive" of "rd-super-deduction" is unknown
    And criterion "is-enterprise" of "rd-super-deduction" is fail

  Scenario: No R&D expense is ineligible even though the kind of applicant is missing
    Given "applicant.kind" is not provided
    And the application also has:
      | field      | value |
      | rd.expense | 0     |
    When it is assessed
    Then "rd-super-deduction" is ineligible
    And criterion "is-enterprise" of "rd-super-deduction" is unknown

  Scenario Outline: Industries on the negative list get no super deduction (<code>)
    Given the application also has:
      | field                   | value  |
      | applicant.industry_code | <code> |
    When it is assessed
    Then criterion "not-negative-list" of "rd-super-deduction" is <result>
    And "rd-super-deduction" is <status>

    Examples:
      | code | result | status     |
      | 1610 | fail   | ineligible |
      | 5191 | fail   | ineligible |
      | 6110 | fail   | ineligible |
      | 7010 | fail   | ineligible |
      | 7211 | fail   | ineligible |
      | 9011 | fail   | ineligible |
      | 6513 | pass   | eligible   |
      | 3491 | pass   | eligible   |

  Scenario: A deemed-profit taxpayer gets no super deduction
    Given the application also has:
      | field                            | value |
      | applicant.deemed_profit_taxpayer | true  |
    When it is assessed
    Then criterion "not-deemed-profit" of "rd-super-deduction" is fail
    And "rd-super-deduction" is ineligible
