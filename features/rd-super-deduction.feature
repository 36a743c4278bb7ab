@rd-super-deduction
Feature: R&D super deduction (研发费用加计扣除), plan 三(四)
  "落实机器人企业投入基础研究、研发费用加计扣除、高新技术企业所得税等税收优惠政策。"
  A tax benefit: no amount is computed.

  Background:
    Given an application:
      | field          | value      |
      | application_id | SD-1       |
      | as_of          | 2027-03-31 |
      | applicant.kind | enterprise |
      | rd.expense     | 5200000    |

  Scenario: An enterprise with R&D expense gets the deduction, with no amount
    When it is assessed
    Then "rd-super-deduction" is eligible
    And "rd-super-deduction" has no amount

  Scenario Outline: <criterion> fails when <field> is <value>
    Given the application also has:
      | field   | value   |
      | <field> | <value> |
    When it is assessed
    Then criterion "<criterion>" of "rd-super-deduction" is fail
    And "rd-super-deduction" is ineligible

    Examples:
      | criterion           | field          | value         |
      | is-enterprise       | applicant.kind | park_operator |
      | rd-expense-positive | rd.expense     | 0             |

  Scenario Outline: Without <field> the deduction is undetermined
    Given "<field>" is not provided
    When it is assessed
    Then criterion "<criterion>" of "rd-super-deduction" is unknown
    And "rd-super-deduction" is missing "<field>"

    Examples:
      | criterion           | field          |
      | is-enterprise       | applicant.kind |
      | rd-expense-positive | rd.expense     |
