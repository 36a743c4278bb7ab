"""Data contracts: the application (SPEC §1), the result (SPEC §4) and the rule files."""
