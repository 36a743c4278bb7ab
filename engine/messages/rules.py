"""The wording of the rule language (engine/rules): one key per comparison operator, `rules.op.<name>`, with
`{label}` (what is compared), `{s}` (its value) and `{o}` (the other side); score lines; formula functions.
Adding an operator to engine/rules/operators.py means adding its `rules.op.<name>` here."""

MESSAGES: dict[str, tuple[str, str]] = {
    # when the comparison holds (a failed one is worded by its negation)
    "rules.op.eq": ("{label} {s} = {o}", "{label} {s} = {o}"),
    "rules.op.ne": ("{label} {s} ≠ {o}", "{label} {s} ≠ {o}"),
    "rules.op.gt": ("{label} {s} > {o}", "{label} {s} > {o}"),
    "rules.op.gte": ("{label} {s} ≥ {o}", "{label} {s} ≥ {o}"),
    "rules.op.lt": ("{label} {s} < {o}", "{label} {s} < {o}"),
    "rules.op.lte": ("{label} {s} ≤ {o}", "{label} {s} ≤ {o}"),
    "rules.op.in": ("{label} {s} 属于 {o}", "{label} {s} is one of {o}"),
    "rules.op.not_in": ("{label} {s} 不属于 {o}", "{label} {s} is not one of {o}"),
    "rules.op.has": ("{label}({s})包含 {o}", "{label} ({s}) includes {o}"),
    "rules.op.lacks": ("{label}({s})不包含 {o}", "{label} ({s}) does not include {o}"),
    "rules.op.starts_with": ("{label} {s} 以 {o} 开头", "{label} {s} starts with {o}"),
    "rules.op.not_starts_with": ("{label} {s} 不以 {o} 开头", "{label} {s} does not start with {o}"),
    "rules.op.between": ("{label} {s},在 {lo} 至 {hi} 之间", "{label} {s}, within {lo} to {hi}"),
    "rules.op.not_between": ("{label} {s},不在 {lo} 至 {hi} 之间", "{label} {s}, outside {lo} to {hi}"),
    # eq and ne against a constant: a statement of the value; failed, what it should (not) be
    "rules.op.stated": ("{label}:{s}", "{label}: {s}"),
    "rules.op.eq.should": ("{label}:{s}(应为 {o})", "{label}: {s} (should be {o})"),
    "rules.op.ne.should": ("{label}:{s}(不应为 {o})", "{label}: {s} (should not be {o})"),
    # formula functions (the infix operators are symbols: / − + ×)
    "rules.arith.min": ("取小({args})", "min({args})"),
    "rules.arith.max": ("取大({args})", "max({args})"),
    "rules.arith.args_sep": (",", ", "),
    # a score's line
    "rules.score.open": ("{label}:可能为 {range} 分,取决于未提供的 {fields}",
                         "{label}: {range} points, depending on {fields} (not provided)"),
    "rules.score.tier": ("{label}:{score} 分(第 {tier} 档)", "{label}: {score} points (tier {tier})"),
    "rules.score.points": ("{label}:{score} 分", "{label}: {score} points"),
    "rules.sep.list": ("、", ", "),
}
