"""Exposure Check: a private, offline self-audit of what you reveal online about your work."""

__version__ = "0.1.0"
APP_NAME = "Exposure Check"
APP_ID = "exposure-check"
ORG_NAME = "Exposure Check"
