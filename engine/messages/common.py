"""Words every area shares: error heads, yes/no."""

MESSAGES: dict[str, tuple[str, str]] = {
    "common.error": ("错误", "Error"),
    "common.warning": ("警告", "Warning"),
    "common.input_errors": ("{source} 有 {count} 处输入错误", "{source} has {count} input error(s)"),
    "common.input_shown": ("(输入值 {value})", "(input {value})"),
    "common.yes": ("是", "yes"),
    "common.no": ("否", "no"),
}
