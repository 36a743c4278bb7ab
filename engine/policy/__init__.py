"""Policy-staff tooling: lint, Gherkin scenarios and coverage, the diff of a rule change, provision descriptions."""
