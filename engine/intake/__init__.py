"""Intake: application documents (JSON) and spreadsheet cells (CSV/XLSX/JSONL) validated into an Application."""
