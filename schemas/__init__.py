"""Data contracts: the application, the result and the rule files (docs/architecture.md)."""
