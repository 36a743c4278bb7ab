"""Command-line interface: parses options, calls engine/, prints. No eligibility logic lives here."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from typing import NoReturn

import click

from engine import DEFAULT_RULES, Evaluator, InputError, SubsidyError, load_rulebook, parse_application, read_json
from engine.errors import BatchError, EngineFailure, RuleFileError
from engine.messages import text
from engine.render.report import render_json, render_markdown, render_summary, render_text
from schemas.application import Application

rules_option = click.option(
    "--rules", "rules_dir", type=click.Path(file_okay=False), envvar="SUBSIDY_RULES", default=str(DEFAULT_RULES),
    show_default="rules/ of this checkout, or $SUBSIDY_RULES", help="Rule directory to evaluate against.",
)
lang_option = click.option("--lang", type=click.Choice(["zh", "en"]), envvar="SUBSIDY_LANG", default="zh",
                           show_default="zh, or $SUBSIDY_LANG", help="Language of the report and of error messages.")


def _fail(exc: SubsidyError, lang: str) -> NoReturn:
    """The one place errors are shown: one line per problem, never a traceback for a user's mistake."""
    if isinstance(exc, InputError):
        head = text("common.input_errors", lang, source=exc.source, count=len(exc.issues))
        click.echo(f"{text('common.error', lang)}: {head}", err=True)
        width = max(len(i.loc) for i in exc.issues)
        for issue in exc.issues:
            shown = "  " + text("common.input_shown", lang, value=repr(issue.input)) \
                if issue.input is not None and issue.loc != "(file)" else ""
            click.echo(f"  {issue.loc.ljust(width)}  {issue.zh if lang == 'zh' else issue.en}{shown}", err=True)
    elif isinstance(exc, RuleFileError):
        from engine.policy.lint_report import render_problem

        click.echo(f"{text('common.error', lang)}: " + "\n".join(render_problem(exc, lang, severity=False)), err=True)
    elif isinstance(exc, (BatchError, EngineFailure)):
        click.echo(f"{text('common.error', lang)}: {exc.zh if lang == 'zh' else exc.en}", err=True)
    else:
        click.echo(f"{text('common.error', lang)}: {exc}", err=True)
    sys.exit(exc.exit_code)


def _as_of(value: str | None, lang: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else _bad_date(value, lang)
    except ValueError:
        _bad_date(value, lang)


def _bad_date(value: str, lang: str) -> NoReturn:
    raise click.BadParameter(text("options.bad_date", lang, value=value), param_hint="'--as-of'")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="subsidy-engine")
def main() -> None:
    """Subsidy-eligibility engine for Shandong's Robot Industry Action Plan (2026-2028).

    Example: subsidy check examples/jinan-robot-maker.json
    """


@main.command()
@click.argument("file", type=str)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@lang_option
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Assessment date; overrides the file's as_of.")
@rules_option
@click.option("--engine", "engine_name", type=click.Choice(["durable", "reference"]), default="durable",
              show_default=True, help="Matcher: durable_rules, or the plain-Python reference.")
@click.option("--advice", is_flag=True,
              help="Also say how to qualify: for each ineligible or undetermined provision the least changes to "
                   "facts the applicant controls (re-evaluated before they are shown), the facts to supply, or the "
                   "criteria nothing can change. JSON gains an `advice` block.")
def check(file: str, fmt: str, lang: str, as_of: str | None, rules_dir: str, engine_name: str, advice: bool) -> None:
    """Evaluate one application (a JSON file, or - for stdin) against every provision.

    Exit 0 when evaluated, whatever the outcome; 2 for invalid input.

    Example: subsidy check examples/jinan-robot-maker.json --lang en --format markdown --advice
    """
    from engine.advise.advice import with_advice

    day = _as_of(as_of, lang)
    try:
        book = load_rulebook(rules_dir)
        application = parse_application(read_json(file), source=file)
        evaluator = Evaluator(book, engine_name)  # type: ignore[arg-type]
        evaluation = with_advice(evaluator, application, day) if advice else evaluator.evaluate(application, day)
    except SubsidyError as exc:
        _fail(exc, lang)
    if fmt == "json":
        click.echo(render_json(evaluation))
    elif fmt == "markdown":
        click.echo(render_markdown(evaluation, lang))  # type: ignore[arg-type]
    else:
        click.echo(render_text(evaluation, lang))  # type: ignore[arg-type]


@main.command()
@click.argument("input_path", metavar="INPUT")
@click.option("-o", "--output", required=True, help="Records out: .jsonl (full results), .csv or .xlsx (one row each).")
@click.option("--input-format", type=click.Choice(["csv", "xlsx", "jsonl"]), help="Default: from INPUT's extension.")
@click.option("--encoding", help="CSV text encoding; default: UTF-8 (with or without BOM), else GB18030.")
@click.option("--errors", "errors_path", help="Also write the rows with errors here (.csv, .xlsx or .jsonl).")
@click.option("--strict", is_flag=True, help="Exit 1 when any row had an error.")
@click.option("--workers", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default="all cores")
@click.option("--resume", is_flag=True, help="Continue an interrupted screening of the same input.")
@click.option("--restart", is_flag=True,
              help="Discard an interrupted screening's journal and start again (without it or --resume, "
                   "a screening refuses to start over a journal).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--report", "report_path", help="Also write a self-contained HTML report.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Assessment date for every row; overrides the rows' as_of.")
@click.option("--detail", type=click.Choice(["full", "summary"]), default="full", show_default=True,
              help="JSONL output: full results, or their summary (statuses, amounts, missing, reasons, audit digest).")
@click.option("--output-lang", type=click.Choice(["both", "zh", "en"]), default="both", show_default=True,
              help="JSONL full results: the words in both languages, or in one.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the rows are evaluated: worker processes here, or a Dask cluster (pip install '.[dask]').")
@click.option("--scheduler", metavar="ADDRESS", help="With --executor dask: the scheduler to use "
              "(default: a local cluster of --workers processes).")
@click.option("--header", type=click.Choice(["paths", "labels", "both"]), default="both", show_default=True,
              help="CSV/XLSX header: the machine names (paths), labels in --lang, or both rows as the template has.")
@rules_option
@lang_option
def screen(input_path: str, output: str, input_format: str | None, encoding: str | None, errors_path: str | None,
           strict: bool, workers: int, resume: bool, restart: bool, quiet: bool, report_path: str | None,
           as_of: str | None, detail: str, output_lang: str, executor: str, scheduler: str | None, header: str,
           rules_dir: str, lang: str) -> None:
    """Screen a batch of applications (CSV, XLSX or JSONL): one output record per input row, in order.

    Exit 0 when every row was processed (rows with errors are counted), 1 with --strict if any row
    had an error, 2 when the input cannot be used at all. CSV/XLSX cells say statuses in --lang:
    符合/不符合/待定/待审核/未生效/错误 under zh, the status codes under en.

    Example: subsidy screen apps.csv -o results.xlsx --errors errors.csv --report report.html
    """
    from engine.batch.screen import ScreenOptions, screen as run_screen
    from engine.intake.tables import count_rows, input_format as detect_format

    options = ScreenOptions(input=input_path, output=output, rules_dir=rules_dir, input_format=input_format,
                            encoding=encoding, errors_path=errors_path, workers=workers, resume=resume,
                            restart=restart, as_of=_as_of(as_of, lang), report_path=report_path, lang=lang, header=header,
                            detail=detail, output_lang=output_lang, executor=executor, scheduler=scheduler)
    if resume and restart:
        raise click.UsageError(text("batch.resume_and_restart", lang))
    show = not quiet and sys.stderr.isatty()
    try:
        total = count_rows(input_path, detect_format(input_path, input_format)) if show else None
        started = time.monotonic()
        with click.progressbar(length=total or 0, file=sys.stderr, show_pos=True, show_eta=bool(total),
                               label=text("batch.progress", lang), hidden=not show,
                               item_show_func=lambda done: done and f"{done / (time.monotonic() - started):,.0f} rows/s",
                               ) as bar:
            summary = run_screen(options, progress=(lambda n: bar.update(n, bar.pos + n)) if show else None).to_dict()
    except SubsidyError as exc:
        _fail(exc, lang)
    except OSError as exc:
        reason = text("batch.file_error", lang, path=exc.filename or "", reason=exc.strerror)
        click.echo(f"{text('common.error', lang)}: {reason}", err=True)
        sys.exit(2)
    click.echo(render_summary(summary, lang))  # type: ignore[arg-type]
    if strict and summary["errors"]:
        sys.exit(1)


@main.command()
@click.option("-o", "--output", required=True, help="apps.xlsx or apps.csv")
@lang_option
def template(output: str, lang: str) -> None:
    """Write an empty input template: field paths in row 1, Chinese/English labels in row 2.

    Example: subsidy template -o apps.xlsx
    """
    from engine.intake.template import write_template

    try:
        write_template(output)
    except SubsidyError as exc:
        _fail(exc, lang)
    click.echo(text("batch.template_written", lang, path=output))


@main.command()
@click.option("--n", "count", type=click.IntRange(1, 10_000_000), default=1000, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--invalid-share", type=click.FloatRange(0, 1), default=0.03, show_default=True,
              help="Share of rows made invalid on purpose.")
@click.option("-o", "--output", required=True, help="apps.jsonl, apps.csv or apps.xlsx")
@lang_option
def sample(count: int, seed: int, invalid_share: float, output: str, lang: str) -> None:
    """Generate realistic synthetic applications for demos and benchmarks.

    Example: subsidy sample --n 10000 --seed 7 -o apps.csv
    """
    from engine.intake.sample import write_sample

    try:
        write_sample(output, count, seed, invalid_share)
    except SubsidyError as exc:
        _fail(exc, lang)


@main.command()
@click.argument("results")
@click.option("--programme", "programme_id", required=True, metavar="ID",
              help="Programme of rules/programmes/: st-plan-projects, compute-voucher-fund, gongfu-baijing-places.")
@click.option("--budget", "budgets", metavar="N[,N…]",
              help="Budget in yuan instead of the programme's; several, comma-separated, print a what-if table.")
@click.option("--places", type=click.IntRange(0, 10_000_000), help="Number of places instead of the programme's.")
@click.option("-o", "--output", help="Write the table here (.csv or .xlsx): one row per candidate, or per budget.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
              help="Date whose budget and places apply; default the latest assessment date of the results.")
@rules_option
@lang_option
def allocate(results: str, programme_id: str, budgets: str | None, places: int | None, output: str | None,
             as_of: str | None, rules_dir: str, lang: str) -> None:
    """Who is funded under a programme's budget or places, in what order, and how much.

    RESULTS is the .jsonl of `subsidy screen`: applications whose provision is eligible are candidates,
    those awaiting review are funded provisionally and marked so.

    Example: subsidy allocate results.jsonl --programme compute-voucher-fund --budget 20000000,30000000,40000000
    """
    from engine.allocate.report import summary_lines, whatif_table
    from engine.allocate.run import AllocateOptions, parse_budgets, run

    try:
        options = AllocateOptions(results=results, programme=programme_id, rules_dir=rules_dir,
                                  budgets=parse_budgets(budgets), places=places, as_of=_as_of(as_of, lang),
                                  output=output, lang=lang)
        allocations = run(options)
    except SubsidyError as exc:
        _fail(exc, lang)
    if len(allocations) > 1:
        click.echo(whatif_table(allocations, lang))
    else:
        click.echo("\n".join(summary_lines(allocations[0], lang)))


@main.command()
@click.argument("applications")
@click.option("--base", "base_dir", required=True, type=click.Path(file_okay=False), help="Rules in force.")
@click.option("--proposed", "proposed_dir", required=True, type=click.Path(file_okay=False), help="Draft rules.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "html"]), default="text",
              show_default=True)
@click.option("-o", "--output", help="Write the report here instead of stdout.")
@click.option("--input-format", type=click.Choice(["csv", "xlsx", "jsonl"]))
@click.option("--workers", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default="all cores")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Assessment date for every application.")
@click.option("--programme", "programmes", multiple=True, metavar="ID",
              help="Also compare who this programme funds (rules/programmes/ID.yaml); repeatable.")
@lang_option
def diff(applications: str, base_dir: str, proposed_dir: str, fmt: str, output: str | None,
         input_format: str | None, workers: int, as_of: str | None, programmes: tuple[str, ...], lang: str) -> None:
    """What a rule change would do: the same applications under two rule sets, compared.

    Example: subsidy diff --base rules --proposed examples/drafts/rd-rate-2027 examples/sample-batch.csv
    """
    from engine.policy import diff as impact

    try:
        result = impact.diff(base_dir, proposed_dir, applications, input_format, workers, _as_of(as_of, lang), programmes)
    except SubsidyError as exc:
        _fail(exc, lang)
    text = {"text": lambda: impact.render_text(result, lang=lang), "markdown": lambda: impact.render_markdown(result, lang=lang),
            "json": lambda: impact.render_json(result), "html": lambda: impact.render_html(result, lang=lang)}[fmt]()
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    else:
        click.echo(text)


@main.command("test")
@click.argument("features", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@rules_option
@lang_option
def test_command(features: tuple[str, ...], rules_dir: str, lang: str) -> None:
    """Run the Gherkin scenarios against a rule directory (a draft, say) and report what failed and why.

    Example: subsidy test --rules examples/drafts/rd-rate-2027 features/rd-grant.feature
    """
    from engine.policy.scenarios import render_test_report, run_scenarios

    try:
        load_rulebook(rules_dir)  # a broken draft is named here, with its line, rather than by pytest
    except SubsidyError as exc:
        _fail(exc, lang)
    run = run_scenarios(rules_dir, list(features) or None)
    click.echo(render_test_report(run, rules_dir, lang))
    sys.exit(0 if run.exit_code == 0 and not run.failed else 1)


@main.command()
@click.argument("features", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@rules_option
@click.option("--min", "minimum", type=click.FloatRange(0, 100), help="Fail below this criterion coverage (%).")
@lang_option
def coverage(features: tuple[str, ...], rules_dir: str, minimum: float | None, lang: str) -> None:
    """Rule coverage by the scenarios: criteria results reached, statuses, caps, parameter versions.

    Example: subsidy coverage --min 100
    """
    from engine.policy.scenarios import coverage_for, render_coverage

    try:
        cov, run = coverage_for(rules_dir, list(features) or None)
    except SubsidyError as exc:
        _fail(exc, lang)
    click.echo(render_coverage(cov, lang))
    if run.failed:
        click.echo(text("policy.cov.failed", lang, count=len(run.failed)))
    sys.exit(1 if minimum is not None and cov.percent < minimum else 0)


@main.command()
@click.argument("result_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False),
              help="The screened input: replays `screen --detail summary` records (they carry its digest, not it).")
@rules_option
@lang_option
def verify(result_file: str, input_path: str | None, rules_dir: str, lang: str) -> None:
    """Re-evaluate saved decisions (a `check --format json` file or a `screen` JSONL) and compare them.

    Exit 0 when every decision reproduces exactly, 1 when one does not.

    Example: subsidy verify result.json --rules rules
    """
    from engine.evaluate.replay import ScreenedInput, render_tally, render_verdict, saved_results, verify as replay

    good = total = skipped = 0
    try:
        evaluator = Evaluator(load_rulebook(rules_dir))
        inputs = ScreenedInput(input_path) if input_path else None
        for line, doc in saved_results(result_file):  # streamed: a file of any size, in constant memory
            verdict = replay(doc, line, evaluator, inputs)
            if verdict is None:
                skipped += 1
                continue
            total += 1
            good += verdict.reproduced
            click.echo("\n".join(render_verdict(verdict, lang)))
    except SubsidyError as exc:
        _fail(exc, lang)
    click.echo("\n".join(render_tally(good, total, skipped, lang)))
    sys.exit(0 if good == total else 1)


@main.command()
@lang_option
@click.option("--save", "save_path", help="Write the application JSON here at the end (or on Ctrl-C).")
@click.option("--from", "from_path", metavar="FILE",
              help="Start from the answers in FILE (a --save file or any application JSON); ask only the rest.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Assessment date; default the file's, else today in China.")
@rules_option
def interview(lang: str, save_path: str | None, from_path: str | None, as_of: str | None, rules_dir: str) -> None:
    """Self-check by questions: a form, section by section, asking only what can still change a provision's status.

    Answers may be typed in Chinese (企业, 济南, 工业机器人, 320万, 是). Press Enter to skip a question you cannot
    answer, type ? for help on it. Ends with the report of `subsidy check --advice`. Ctrl-C stops: with --save the
    answers so far are saved (exit 130).

    Example: subsidy interview --lang zh --save my-application.json
    """
    from engine.selfcheck.terminal import Session, answers_in, count_answers

    day = _as_of(as_of, lang)
    try:
        evaluator = Evaluator(load_rulebook(rules_dir))
        doc = answers_in(read_json(from_path), from_path) if from_path else {}
    except SubsidyError as exc:
        _fail(exc, lang)
    session = Session(evaluator, lang, ask=lambda p: click.prompt(p, default="", show_default=False), say=click.echo,
                      as_of=day, doc=doc)
    if from_path:
        click.echo(text("selfcheck.resumed", lang, path=from_path, count=count_answers(doc)))
    try:
        evaluation = session.run()
    except click.Abort:  # Ctrl-C, or the answers piped in ran out
        click.echo("", err=True)
        if save_path:
            _save_answers(save_path, session.doc, day, lang)
            click.echo(text("selfcheck.interrupted_saved", lang, count=session.answered, path=save_path), err=True)
        else:
            click.echo(text("selfcheck.interrupted", lang), err=True)
        sys.exit(130)
    click.echo("")
    click.echo(render_text(evaluation, lang))  # type: ignore[arg-type]
    if save_path:
        _save_answers(save_path, session.doc, day, lang)
        click.echo(text("selfcheck.saved", lang, path=save_path))


def _save_answers(path: str, doc: dict, day: dt.date | None, lang: str) -> None:
    from engine.selfcheck.terminal import save

    try:
        save(path, doc, day)
    except OSError as exc:
        click.echo(text("selfcheck.save_failed", lang, path=path, reason=exc.strerror), err=True)
        sys.exit(2)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (one rulebook and evaluator each); about one per core.")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="ORIGIN",
              help="Let web pages from this origin (e.g. https://portal.example.gov.cn) call the API; repeatable. "
                   "Default: none, cross-origin requests are refused.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests whose Host header names NAME (e.g. the name behind a reverse proxy); "
                   "repeatable. Default: 127.0.0.1, localhost, ::1 and --host; others get 400 (DNS rebinding).")
@rules_option
@lang_option
def serve(host: str, port: int, workers: int, allow_origins: tuple[str, ...], allow_hosts: tuple[str, ...],
          rules_dir: str, lang: str) -> None:
    """Serve the self-check page (/) and JSON API (POST /api/v1/check, /api/v1/next-question; GET provisions, OpenAPI).

    Example: subsidy serve --port 8000 --workers 2
    """
    from engine.selfcheck.server import serve as run, settings_for

    try:
        run(settings_for(rules_dir, host, allow_hosts, allow_origins), host, port, workers, click.echo, lang)
    except SubsidyError as exc:
        _fail(exc, lang)
    except KeyboardInterrupt:
        pass


@main.group()
def rules() -> None:
    """Inspect the rule files.

    Example: subsidy rules list
    """


@rules.command("list")
@rules_option
@lang_option
def rules_list(rules_dir: str, lang: str) -> None:
    """One line per provision: id, plan section, window and title.

    Example: subsidy rules list --lang en
    """
    try:
        book = load_rulebook(rules_dir)
    except SubsidyError as exc:
        _fail(exc, lang)
    click.echo(f"{book.pack}@{book.version}  {book.document}  digest {book.digest[:12]}")
    for p in book.provisions:
        title = p.title.zh if lang == "zh" else p.title.en
        click.echo(f"{p.id:<20} {p.citation.section:<8} {p.window.from_}..{p.window.to}  {title}")


@rules.command("validate")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@rules_option
@lang_option
def rules_validate(directory: str | None, rules_dir: str, lang: str) -> None:
    """Check a rule directory: every error and warning with file, line, column and place, and the line itself.

    Exit 1 on any error, 0 with warnings only.

    Example: subsidy rules validate examples/drafts/rd-rate-2027 --lang en
    """
    from engine.policy.lint import lint_rules
    from engine.policy.lint_report import render_report

    target = directory or rules_dir
    try:
        problems = lint_rules(target)
    except SubsidyError as exc:
        _fail(exc, lang)
    click.echo(render_report(problems, target, lang))
    sys.exit(1 if any(p.severity == "error" for p in problems) else 0)


@rules.command("show")
@click.argument("provision_id")
@rules_option
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Show the parameter values in force on this date.")
@lang_option
def rules_show(provision_id: str, rules_dir: str, as_of: str | None, lang: str) -> None:
    """Show one provision: citation, window, parameters in force, criteria, amount.

    Example: subsidy rules show rd-grant --as-of 2027-03-31
    """
    from engine.policy.describe import describe_provision

    try:
        book = load_rulebook(rules_dir)
        provision = book.provision(provision_id)
    except SubsidyError as exc:
        _fail(exc, lang)
    except KeyError:
        known = ", ".join(p.id for p in book.provisions)
        raise click.UsageError(text("policy.show.no_provision", lang, id=repr(provision_id), known=known)) from None
    click.echo(describe_provision(provision, _as_of(as_of, lang), lang))


@rules.command("doc")
@rules_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True)
@click.option("-o", "--output", help="Write the book here instead of stdout.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Mark the parameter versions in force on this date; "
              "default today in China.")
def rules_doc(rules_dir: str, lang: str, fmt: str, output: str | None, as_of: str | None) -> None:
    """Write the policy reference book: every provision's citation, departments, criteria, parameters and amount.

    The Markdown has no timestamp: docs/policy.zh.md and docs/policy.en.md are this command's output.

    Example: subsidy rules doc --lang en --as-of 2027-01-01 -o docs/policy.en.md
    """
    from engine.evaluate.evaluator import today_in_china
    from engine.policy.book import policy_book

    day = _as_of(as_of, lang) or today_in_china()
    try:
        text = policy_book(load_rulebook(rules_dir), day, lang, fmt)  # type: ignore[arg-type]
    except SubsidyError as exc:
        _fail(exc, lang)
    if output:
        with open(output, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    else:
        click.echo(text, nl=False)


@main.command()
def schema() -> None:
    """Print the JSON Schema of an application (schemas/application.py).

    Example: subsidy schema > application.schema.json
    """
    click.echo(json.dumps(Application.model_json_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
