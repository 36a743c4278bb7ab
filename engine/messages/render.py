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
