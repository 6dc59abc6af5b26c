# "6 December 2026" and "6 December 2026, 09:00": day-month-year and the 24-hour clock, as
# written in Rwanda (and on the certificates), not the US "Dec. 6, 2026, 9 a.m.".
DATE_FORMAT = SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
