"""The words of evaluation: criterion explanations, amount working, provision summaries, matcher failures
(engine/evaluate). Fragments joined by code keep the language's punctuation here too (`evaluate.sep.*`)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # separators: a list of names, and clauses of one explanation
    "evaluate.sep.list": ("、", ", "),
    "evaluate.sep.clause": (";", "; "),
    # values and labels as a person reads them
    "evaluate.yuan": ("{amount} 元", "{amount} yuan"),
    "evaluate.points": ("{score} 分", "{score} points"),
    "evaluate.none": ("无", "none"),
    "evaluate.field.as_of": ("评估日期", "assessment date"),
    "evaluate.field_with_path": ("{label}({path})", "{label} ({path})"),
    "evaluate.year.before": ("{label}的上一年", "the year before the {label}"),
    "evaluate.year.plus": ("{label}年份{plus}", "year of {label} {plus}"),
    "evaluate.year.of": ("{label}年份", "year of {label}"),
    # a criterion's explanation
    "evaluate.explain.not": ("并非:{text}", "not: {text}"),
    "evaluate.explain.does_not_apply": ("不适用({text})", "does not apply ({text})"),
    "evaluate.explain.score_open": ("{label}可能为 {score} 分,尚不能确定", "{label} may be {score}, not yet settled"),
    "evaluate.explain.zero_fails": ("{label}:{fields} 为 0,无论其余数值多少都不满足",
                                    "{label}: {fields} is 0, which fails whatever the rest is"),
    "evaluate.explain.undefined": ("{label}无法计算:{fields}为 0", "{label} cannot be computed: {fields} is 0"),
    "evaluate.explain.pending_review": ("待审核:{fields}", "pending review: {fields}"),
    "evaluate.explain.not_provided": ("未提供:{fields}", "not provided: {fields}"),
    # an amount's working
    "evaluate.amount.cap": ("上限 {cap}", "cap {cap}"),
    "evaluate.amount.cumulative": ("累计上限 {total},已获 {received},尚余 {headroom}",
                                   "cumulative cap {total}, received {received}, headroom {headroom}"),
    "evaluate.amount.estimate": ("测算 {amount}(向下取整到元;含假设参数,为估算)",
                                 "estimate {amount} (rounded down to the yuan; uses assumptions)"),
    "evaluate.amount.approved": ("核定 {amount}(向下取整到元)", "amount {amount} (rounded down to the yuan)"),
    # a provision's one-line summary
    "evaluate.summary.review": ("可申报,待审核:{fields}", "may apply, pending review: {fields}"),
    "evaluate.summary.review_amount": (",金额 {amount}(待审核后确定)", "; amount {amount} once reviewed"),
    "evaluate.summary.eligible": ("符合全部 {n} 项条件", "meets all {n} criteria"),
    "evaluate.summary.eligible_amount": ("符合全部 {n} 项条件,金额 {amount}", "meets all {n} criteria; amount {amount}"),
    "evaluate.summary.ineligible": ("不符合:{failed}", "not met: {failed}"),
    "evaluate.summary.missing": ("尚缺信息:{fields}", "missing: {fields}"),
    "evaluate.summary.not_in_effect": ("评估日期 {day} 不在本条款有效期 {start} 至 {end} 内",
                                       "the assessment date {day} is outside this provision's window {start} to {end}"),
    # failures (EngineFailure and CompileError carry both languages)
    "evaluate.unknown_matcher": ("未知的匹配器 {engine},可选:{choices}", "unknown matcher {engine}; choose one of: {choices}"),
    "evaluate.failure.inconsistent": ("{matcher} 对相同的数值给出了不同的结果({provision})",
                                      "{matcher} gave different outcomes for the same values ({provision})"),
    "evaluate.failure.unknown_rule": ("durable_rules 触发了未知规则 {name}", "durable_rules fired an unknown rule {name}"),
    "evaluate.failure.both_polarities": ("durable_rules 对条件 {key} 同时触发了成立与不成立",
                                         "durable_rules fired both polarities of criterion {key}"),
    "evaluate.failure.too_many": ("本进程中 durable_rules 出错过多,请重新启动",
                                  "too many durable_rules errors in this process; restart it"),
    "evaluate.failure.durable": ("durable_rules 无法评估该申请:{error}", "durable_rules could not evaluate the application: {error}"),
    "evaluate.compile.prefix": ("starts_with 的前缀只能由字母或数字组成,而不是 {prefix}",
                                "starts_with needs prefixes of letters or digits, got {prefix}"),
    "evaluate.compile.threshold": ("阈值 {threshold} 超过 9 位小数或过大,无法精确比较",
                                   "threshold {threshold} has more than 9 decimals or is too large to compare exactly"),
    "evaluate.compile.too_many": ("{groups} 组(每组 {size} 项条件)超过了 durable_rules 一次可匹配的 {most} 个条件",
                                  "{groups} groups of {size} criteria exceed the {most} conditions durable_rules can match at once"),
}
