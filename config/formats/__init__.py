"""Date formats, one module per locale (settings.FORMAT_MODULE_PATH): one date format and one
date-time format per language, and the short variants set to the same, so that every page,
e-mail, PDF and admin screen writes a date the same way. Templates and code name these formats
(``|date:"DATE_FORMAT"``, ``date_format(value, "DATETIME_FORMAT")``) instead of spelling one
out (tests/config/test_date_formats.py checks). Input formats stay Django's.
"""
