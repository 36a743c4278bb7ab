"""Advice: the nearest way to eligibility for each provision that is ineligible or undetermined (issue 16, part 1)."""
