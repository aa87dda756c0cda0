"""Persian number and date formats: Django's own ``fa`` module groups no thousands and
writes Latin separators; Persian readers expect ٬ between thousands and ٫ before decimals.
Digits become Persian in ``core.digits`` (a format module cannot change them)."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "G:i"
DATETIME_FORMAT = "j F Y، ساعت G:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "Y/m/d"
SHORT_DATETIME_FORMAT = "Y/m/d،‏ G:i"
FIRST_DAY_OF_WEEK = 6
DECIMAL_SEPARATOR = "٫"
THOUSAND_SEPARATOR = "٬"
NUMBER_GROUPING = 3
