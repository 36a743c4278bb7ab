"""`subsidy verify`: replaying saved decisions."""

MESSAGES: dict[str, tuple[str, str]] = {
    "verify.reproduced": ("✓ {id}(第 {line} 行):完全复现{note}", "✓ {id} (line {line}): reproduced exactly{note}"),
    "verify.rules_changed_note": ("(规则已改变,结论未变)", " (the rules changed since, the decision did not)"),
    "verify.not_reproduced": ("✗ {id}(第 {line} 行):{problem}", "✗ {id} (line {line}): {problem}"),
    "verify.does_not_reproduce": ("未能复现", "does not reproduce"),
    "verify.input_edited": ("保存的输入与其 input_sha256 不符(作出决定后被修改过)",
                            "the saved input does not match its input_sha256 (edited after the decision)"),
    "verify.rules_changed": ("作出决定后规则已改变(规则摘要不同)",
                             "the rules changed since the decision (rules digest differs)"),
    "verify.difference": ("{provision} {what}:保存时 {saved},现在 {now}", "{provision} {what}: saved {saved}, now {now}"),
    "verify.criterion": ("判定条件 {id}", "criterion {id}"),
    "verify.tally": ("{total} 个决定中 {good} 个完全复现", "{good} of {total} decision(s) reproduced"),
    "verify.skipped": ("跳过 {skipped} 条错误记录:该行从未评估,没有可复核的决定",
                       "{skipped} error record(s) skipped: the row was never evaluated, so there is no decision to replay"),
    "verify.summary_needs_input": ("这是 --detail summary 记录:请用 --input 给出筛查时的输入文件再复核",
                                   "a --detail summary record: pass the screened input with --input to replay it"),
    "verify.record_unreplayable": ("保存的记录无法复核:{detail}", "the saved record cannot be replayed: {detail}"),
    "verify.line_unreadable": ("此行无法读取:{detail}", "the line cannot be read: {detail}"),
    "verify.no_audit": ("没有包含输入的审计信息(audit)", "no audit block with the input"),
    "verify.input_unreplayable": ("保存的输入无法复核:{detail}", "the saved input cannot be replayed: {detail}"),
}
