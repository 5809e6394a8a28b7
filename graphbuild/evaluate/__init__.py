"""Scoring against gold annotations."""
