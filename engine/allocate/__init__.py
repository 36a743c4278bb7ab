"""Allocation of an oversubscribed programme (rules/programmes/) among screened applications."""
