@allocation
Feature: Allocation under a programme's budget or places (rules/programmes/)
  A fund that is oversubscribed decides who is funded, in what order and how much. The candidates are the
  applications whose provision is eligible, or awaiting review (then funded provisionally). Ranked and
  first-come programmes go down one order — the score or the date, then the programme's tie fields, then
  the application id — and stop at the first application that does not get a place or cannot be paid from
  what is left: the marginal application. A pro-rata programme scales every award by budget ÷ demand and
  rounds down to the yuan, so the total never exceeds the budget.

  Scenario: S&T-plan projects: the highest scores are funded with 20% of the project budget
    Given the candidates of "st-plan-projects":
      | application_id | status   | review.project_score | project.budget |
      | P-1            | eligible | 91                   | 10000000       |
      | P-2            | eligible | 85                   | 5000000        |
      | P-3            | review   | 88                   | 8000003        |
      | P-4            | eligible | 70                   | 4000000        |
    When they are allocated with 3 places
    Then "P-1" is funded with 2000000 yuan
    And "P-3" is funded provisionally with 1600000 yuan
    And "P-2" is funded with 1000000 yuan
    And "P-4" is not funded
    And the marginal application is "P-4"
    And the cut-off is "85"
    And 3 applications are funded and 4600000 yuan is paid

  Scenario: A tie on the score goes to the smaller project budget, then to the application id
    Given the candidates of "st-plan-projects":
      | application_id | status   | review.project_score | project.budget |
      | P-9            | eligible | 80                   | 6000000        |
      | P-2            | eligible | 80                   | 6000000        |
      | P-5            | eligible | 80                   | 3000000        |
    When they are allocated with 2 places
    Then "P-5" ranks 1
    And "P-2" ranks 2
    And "P-9" ranks 3
    And "P-9" is not funded
    And the marginal application is "P-9"

  Scenario: A project without an expert score is not ranked
    Given the candidates of "st-plan-projects":
      | application_id | status   | review.project_score | project.budget |
      | P-1            | eligible |                      | 9000000        |
      | P-2            | eligible | 60                   | 1000000        |
    When they are allocated
    Then "P-1" is not funded
    And "P-2" is funded with 200000 yuan

  Scenario: An award exactly equal to the budget left is paid; the next one ends the allocation
    Given the candidates of "st-plan-projects":
      | application_id | status   | review.project_score | project.budget |
      | P-1            | eligible | 95                   | 10000000       |
      | P-2            | eligible | 90                   | 5000000        |
      | P-3            | eligible | 85                   | 500000         |
    When they are allocated with a budget of 3000000 yuan
    Then "P-1" is funded with 2000000 yuan
    And "P-2" is funded with 1000000 yuan
    And "P-3" is not funded
    And the marginal application is "P-3"
    And 2 applications are funded and 3000000 yuan is paid

  Scenario: No lower-ranked project overtakes the marginal one, even when it would fit
    Given the candidates of "st-plan-projects":
      | application_id | status   | review.project_score | project.budget |
      | P-1            | eligible | 95                   | 10000000       |
      | P-2            | eligible | 90                   | 10000000       |
      | P-3            | eligible | 85                   | 500000         |
    When they are allocated with a budget of 3000000 yuan
    Then "P-1" is funded with 2000000 yuan
    And "P-2" is not funded
    And "P-3" is not funded
    And the marginal application is "P-2"

  Scenario: Compute vouchers within the fund are paid in full
    Given the candidates of "compute-voucher-fund":
      | application_id | status   | amount  |
      | C-1            | eligible | 160000  |
      | C-2            | review   | 250000  |
    When they are allocated
    Then "C-1" is funded with 160000 yuan
    And "C-2" is funded provisionally with 250000 yuan
    And the cut-off is "100%"

  Scenario: Oversubscribed vouchers are scaled alike and rounded down; the total never exceeds the fund
    Given the candidates of "compute-voucher-fund":
      | application_id | status   | amount |
      | C-1            | eligible | 100    |
      | C-2            | eligible | 100    |
      | C-3            | eligible | 100    |
    When they are allocated with a budget of 200 yuan
    Then "C-1" is funded with 66 yuan
    And "C-2" is funded with 66 yuan
    And "C-3" is funded with 66 yuan
    And 3 applications are funded and 198 yuan is paid
    And the total paid never exceeds the budget and falls short of it by less than one yuan per award
    And the cut-off is "66.6666%"

  Scenario: Demand exactly equal to the fund is paid in full
    Given the candidates of "compute-voucher-fund":
      | application_id | status   | amount  |
      | C-1            | eligible | 1000000 |
      | C-2            | eligible | 2000000 |
    When they are allocated with a budget of 3000000 yuan
    Then "C-1" is funded with 1000000 yuan
    And "C-2" is funded with 2000000 yuan
    And the cut-off is "100%"

  Scenario: 工赋百景 places go by acceptance date; on the same day the larger investment first
    Given the candidates of "gongfu-baijing-places":
      | application_id | status   | amount  | scenario.accepted_on | scenario.investment |
      | S-1            | eligible | 2000000 | 2026-11-02           | 12000000            |
      | S-2            | eligible | 1000000 | 2026-05-10           | 5000000             |
      | S-3            | review   | 2000000 | 2026-05-10           | 10000000            |
    When they are allocated with 2 places
    Then "S-3" ranks 1
    And "S-3" is funded provisionally with 2000000 yuan
    And "S-2" is funded with 1000000 yuan
    And "S-1" is not funded
    And the cut-off is "2026-05-10"
