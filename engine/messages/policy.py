"""Policy staff's reports: `subsidy test`, `subsidy coverage` and `subsidy diff`."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- shared words ---
    "policy.sep": ("、", ", "),
    "policy.or": (" 或 ", " or "),
    "policy.status.eligible": ("符合", "eligible"),
    "policy.status.ineligible": ("不符合", "ineligible"),
    "policy.status.undetermined": ("待定", "undetermined"),
    "policy.status.review": ("可申报待审核", "review"),
    "policy.status.not_in_effect": ("未生效", "not_in_effect"),
    "policy.status.absent": ("无此条款", "absent"),
    "policy.result.pass": ("通过", "pass"),
    "policy.result.fail": ("不通过", "fail"),
    "policy.result.unknown": ("未知", "unknown"),
    "policy.result.absent": ("无此条件", "absent"),
    # --- subsidy test ---
    "policy.test.rules": ("规则:{rules}", "rules: {rules}"),
    "policy.test.tally": ("通过 {passed} 个,失败 {failed} 个", "{passed} passed, {failed} failed"),
    "policy.test.failed": ("✗ {feature} / {scenario}({file}:{line})", "✗ {feature} / {scenario}  ({file}:{line})"),
    "policy.test.step": ("  第 {line} 行的步骤:{step}", "  step {line}: {step}"),
    "policy.test.could_not_run": ("场景无法运行:", "the scenarios could not run:"),
    # --- subsidy coverage ---
    "policy.cov.head": ("判定条件覆盖率:{percent}%({covered}/{total} 个条件达到了它可能的每种结果)",
                        "criterion coverage: {percent}% ({covered}/{total} criteria reach every result they can)"),
    "policy.cov.uncovered": ("  {provision} / {criterion}:没有场景使它{results}",
                             "  {provision} / {criterion}: no scenario makes it {results}"),
    "policy.cov.statuses": ("各条款达到的结论:", "provision statuses reached:"),
    "policy.cov.status_line": ("  {provision}:{seen}{lacking}{cap}", "  {provision}: {seen}{lacking}{cap}"),
    "policy.cov.never": ("(从未出现:{statuses})", " (never {statuses})"),
    "policy.cov.cap_reached": (";达到过上限", "; cap reached"),
    "policy.cov.cap_never": (";从未达到上限", "; cap never reached"),
    "policy.cov.versions": ("运行过的参数版本:{ran}/{total}", "parameter versions run: {ran}/{total}"),
    "policy.cov.version_unrun": ("  {provision} / {name} 自 {day} 起的版本:没有场景在此版本下运行",
                                 "  {provision} / {name} version {day}: no scenario runs under it"),
    "policy.cov.failed": ("({count} 个场景失败;运行 `subsidy test` 查看原因)",
                          "({count} scenario(s) failed; run `subsidy test` for why)"),
}
