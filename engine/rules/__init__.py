"""The rule language: safe YAML loading, the rulebook, the condition tree and its operators, type checks."""
