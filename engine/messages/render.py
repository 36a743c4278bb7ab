"""The screening summary printed by `subsidy screen` (engine/render/report.py render_summary)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "render.summary.rows": ("共 {rows} 行,其中错误 {errors} 行", "rows {rows}, errors {errors}"),
    "render.summary.resumed": ("(其中 {resumed_rows} 行来自上次中断的运行)", " ({resumed_rows} from the interrupted run)"),
    "render.summary.provision": ("条款", "provision"),
    "render.summary.pending": ("待审核金额(暂定):{amount}", "pending review (provisional): {amount}"),
    "render.summary.missing": ("最常缺少的信息:{fields}", "most often missing: {fields}"),
    "render.summary.missing_item": ("{label}({count} 行)", "{label} ({count})"),
    "render.summary.duplicates": ("申请编号重复 {duplicate_application_ids} 行;同一信用代码重复申报 {duplicate_claims} 行",
                                  "rows with a duplicate application_id: {duplicate_application_ids}; "
                                  "rows where one USCC claims a provision twice: {duplicate_claims}"),
}

# A result for people (engine/render/report.py render_text, render_markdown): statuses, headings, the totals line.
MESSAGES.update({
    "render.status.eligible": ("符合", "eligible"),
    "render.status.ineligible": ("不符合", "ineligible"),
    "render.status.undetermined": ("待定", "undetermined"),
    "render.status.review": ("可申报,待审核", "review"),
    "render.status.not_in_effect": ("未生效", "not in effect"),
    "render.word.application": ("申请", "Application"),
    "render.word.as_of": ("评估日期", "assessed on"),
    "render.word.rules": ("规则", "rules"),
    "render.word.warning": ("警告", "Warning"),
    "render.word.missing": ("缺少", "Missing"),
    "render.word.amount": ("金额", "Amount"),
    "render.word.cap": ("上限", "cap"),
    "render.word.basis": ("依据", "Plan"),
    "render.word.benefit": ("待遇", "Benefit"),
    "render.word.total": ("合计金额", "Total amount"),
    "render.word.status": ("结论", "Status"),
    "render.word.provision": ("条款", "Provision"),
    "render.word.criteria": ("条件", "Criteria"),
    "render.word.why": ("说明", "Why"),
    "render.word.estimate": ("测算", "estimate"),
    "render.word.assumptions": ("测算假设", "Assumptions"),
    "render.word.pending": ("待审核", "Pending review"),
    "render.word.scores": ("得分", "Scores"),
    "render.word.lead": ("受理部门", "Apply to"),
    "render.word.max": ("最多", "up to"),
    "render.headline.estimate": ("({estimate})", " ({estimate})"),
    "render.totals": ("合计:确定 {sure};待审核 {pending};信息补全后最多另有 {possible}",
                      "Totals: certain {sure}; pending review {pending}; up to {possible} more once the data is complete"),
    "render.sep.list": ("、", ", "),
})
