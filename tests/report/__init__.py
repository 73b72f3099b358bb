"""Clinician report (issue 7.4)."""
