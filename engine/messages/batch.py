"""Screening output for reviewers: status words, column labels, flags, the `screen` and `template` commands.

Under --lang en a cell holds the machine word (the status code, `error`), so the English output is what
scripts read; under --lang zh it holds the Chinese word.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # What a status cell says.
    "batch.status.eligible": ("符合", "eligible"),
    "batch.status.ineligible": ("不符合", "ineligible"),
    "batch.status.undetermined": ("待定", "undetermined"),
    "batch.status.review": ("待审核", "review"),
    "batch.status.not_in_effect": ("未生效", "not_in_effect"),
    "batch.status.evaluated": ("已评估", "evaluated"),
    "batch.status.error": ("错误", "error"),
    "batch.estimate": ("测算", "estimate"),
    # Column labels: the header row under --header labels, the second header row under --header both.
    "batch.col.row": ("行号", "Row"),
    "batch.col.status": ("结果", "Result"),
    "batch.col.provision_status": ("{title}·结论", "{title}: status"),
    "batch.col.provision_amount": ("{title}·金额(元)", "{title}: amount (yuan)"),
    "batch.col.provision_estimate": ("{title}·测算", "{title}: estimate"),
    "batch.col.total_amount": ("合计金额(元)", "Total amount (yuan)"),
    "batch.col.missing": ("缺少的信息", "Missing"),
    "batch.col.errors": ("错误", "Errors"),
    "batch.col.flags": ("重复提示", "Duplicates"),
    "batch.col.total_pending_review": ("待审核金额(元)", "Pending review (yuan)"),
    "batch.col.pending_review": ("待审核事项", "Pending review"),
    "batch.col.field": ("字段", "Field"),
    "batch.col.type": ("错误类型", "Error type"),
    "batch.col.message_en": ("说明(英文)", "Message (English)"),
    "batch.col.message_zh": ("说明(中文)", "Message (Chinese)"),
    "batch.col.input": ("输入值", "Input"),
    # The flags column.
    "batch.flag.duplicate_application_id": ("申请编号重复:第 {rows} 行", "duplicate_application_id: rows {rows}"),
    "batch.flag.duplicate_claim": ("同一信用代码重复申报({provisions}):第 {rows} 行",
                                   "duplicate_claim ({provisions}): rows {rows}"),
    "batch.error_cell": ("{field}:{msg}", "{field}: {msg}"),
    "batch.output_format": ("输出文件须以 .jsonl、.csv 或 .xlsx 结尾", "the output must end in .jsonl, .csv or .xlsx"),
    # The `screen` and `template` commands.
    "batch.progress": ("筛查中", "screening"),
    "batch.resume_and_restart": ("--resume 与 --restart 不能同时使用:要么继续日志,要么丢弃日志",
                                 "--resume and --restart exclude each other: continue the journal, or discard it"),
    "batch.file_error": ("{path}:{reason}", "{path}: {reason}"),
    "batch.template_format": ("模板文件须以 .csv 或 .xlsx 结尾", "the template must end in .csv or .xlsx"),
    "batch.template_written": ("已写入模板 {path}:第 1 行为字段路径,第 2 行为中英文名称(筛查时自动跳过)",
                               "template written to {path}: field paths in row 1, Chinese/English labels in row 2 "
                               "(skipped when screening)"),
    "batch.template_row2": ("第 2 行为说明行,筛查时自动跳过;空单元格表示未提供。",
                            "Row 2 holds labels and is skipped when screening; an empty cell means not provided."),
    # A batch that cannot start or go on (engine/batch/journal.py, screen.py), and one row's failure.
    "batch.interrupted": ("此输出有一次未完成的筛查,日志 {journal} 中已记录 {rows:,} 行;"
                          "使用 --resume 继续,或使用 --restart 丢弃该日志并重新开始",
                          "an interrupted screening of this output has {rows:,} row(s) journalled in {journal}; "
                          "continue it with --resume, or discard it and start again with --restart"),
    "batch.journal_mismatch": ("对应的输入、规则或选项不同;请使用 --restart 重新运行",
                               "was written for another input, rule set or options; run again with --restart"),
    "batch.disk_full": ("{path}:磁盘空间已满({reason});已完成的行都保存在日志中:请释放空间后使用 --resume 继续",
                        "{path}: no space left on the device ({reason}); every finished row is kept in the journal: "
                        "free some space, then run again with --resume"),
    "batch.engine_failure": ("规则引擎出错:{error}", "{error}"),
    "batch.worker_crash": ("评估此行时工作进程两次异常退出({cause})", "{cause} twice while evaluating this row"),
    # A programming error (a writer built with a header or lang no command offers); read in a traceback.
    "batch.writer_layout": ("header 须为 {headers} 之一,lang 须为 zh 或 en,而不是 {header!r}、{language!r}",
                            "header must be one of {headers} and lang zh or en, not {header!r}, {language!r}"),
}
