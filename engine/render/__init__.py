"""Rendering of evaluations for people and machines: text, Markdown, JSON, HTML."""
