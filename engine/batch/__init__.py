"""Batch screening: worker processes, the resumable journal, duplicate tracking, output writers."""
