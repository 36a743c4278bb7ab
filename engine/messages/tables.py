"""Batch input tables (engine/intake/tables.py, template.py): what is wrong with a file or a row of a batch,
and the notes sheet of the input template.

Numbers with `{…:,}` are shown with thousands separators in both languages.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # The file as a whole: the batch cannot start.
    # zh names the file as en does: a catalogue entry has the same placeholders in both languages.
    "tables.unknown_format": ("无法判断 {name} 的文件格式;请使用 .csv、.xlsx、.jsonl 或 --input-format",
                              "cannot tell the format of {name}; use .csv, .xlsx or .jsonl, or --input-format"),
    "tables.no_header": ("第一行为空:应为列名", "the first row is empty: it must name the columns"),
    "tables.unknown_column_at": ("第 {i} 列不是申请字段(参见 subsidy template)",
                                 "column {i} is not a field of the application (see `subsidy template`)"),
    "tables.duplicate_column": ("第 {i} 列与 {path} 重复", "column {i} repeats {path}"),
    "tables.empty_file": ("文件为空", "the file is empty"),
    "tables.csv_line_too_long": ("第 {number} 行超过 {limit:,} 个字符(单元格过大?)",
                                 "line {number} is longer than {limit:,} characters (a huge cell?)"),
    "tables.csv_error": ("第 {number} 行:{error}", "line {number}: {error}"),
    "tables.xlsx_unreadable": ("不是可读取的 .xlsx 工作簿", "not a readable .xlsx workbook"),
    "tables.xlsx_too_large": ("工作簿解压后为 {total:,} 字节(上限 {limit:,},压缩比上限 {ratio}:1);请拆分或另存为 CSV",
                              "the workbook unpacks to {total:,} bytes (at most {limit:,}, compressed at most "
                              "{ratio}:1); split it, or save it as CSV"),
    "tables.no_such_file": ("文件不存在", "no such file"),
    # One row: an error record, the others go on.
    "tables.extra_cells": ("多出 {count} 个单元格", "has {count} cells beyond the header"),
    "tables.nul_character": ("包含 NUL 字符(\\x00)", "contains NUL characters (\\x00)"),
    "tables.encoding": ("含有不符合文件编码的字节(是否从其他编码的文件粘贴?);请修正此行或使用 --encoding",
                        "has bytes that are not text in the file's encoding (a row pasted from a file in another "
                        "encoding?); fix the row, or give --encoding"),
    "tables.json_invalid": ("不是有效的 JSON:{error}", "is not valid JSON: {error}"),
    # The reason inside json_invalid for an over-long JSONL line. It has always read in English in both
    # languages (it is the text of the ValueError that json_invalid quotes); kept so the output does not change.
    "tables.jsonl_line_too_long": ("longer than {limit:,} bytes", "longer than {limit:,} bytes"),
    # The input template (`subsidy template`): the notes sheet's name and header, and what each kind of field takes.
    "tables.template.notes_sheet": ("说明 notes", "说明 notes"),
    "tables.template.col.field": ("field", "field"),
    "tables.template.col.zh": ("中文名", "中文名"),
    "tables.template.col.en": ("English", "English"),
    "tables.template.col.type": ("类型 / type", "类型 / type"),
    "tables.template.col.values": ("取值 / values", "取值 / values"),
    "tables.template.kind.yuan": ("金额,单位元;可写 320万、3.2亿、3,200,000", "whole yuan; 320万, 3.2亿, 3,200,000 accepted"),
    "tables.template.kind.count": ("整数", "whole number"),
    "tables.template.kind.year": ("年份,如 2026", "year, e.g. 2026"),
    "tables.template.kind.bool": ("是/否(或 有/无、√/×、Y/N)", "yes/no (是/否, 有/无, √/×, Y/N, true/false)"),
    "tables.template.kind.date": ("日期,如 2026-03-31 或 2026年3月31日", "date, e.g. 2026-03-31"),
    "tables.template.kind.text": ("文本", "text"),
    "tables.template.kind.code": ("代码", "code"),
    "tables.template.kind.enum": ("取值之一(中文或代码)", "one of (Chinese or code)"),
    "tables.template.kind.set": ("以 ; 或 、 分隔(中文或代码)", "; separated (Chinese or codes)"),
    "tables.template.named.city_code": ("代码或山东省内地名,如 370102 或 济南市历下区", "code or a Shandong place name"),
    "tables.template.named.industry_code": ("代码或行业名称,如 3491 或 工业机器人", "class code or a name"),
}
