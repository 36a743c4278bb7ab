"""Command-line options that every command shares (cli.py): a date option that does not read as a date."""

MESSAGES: dict[str, tuple[str, str]] = {
    "options.bad_date": ("{value!r} 不是 YYYY-MM-DD 格式的日期,例如 2027-03-31",
                         "{value!r} is not a date written YYYY-MM-DD, such as 2027-03-31"),
}
