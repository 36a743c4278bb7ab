"""Exceptions of the engine, each with the exit code the CLI uses (click's ClickException/UsageError shape)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.messages import LANGS, text


class SubsidyError(Exception):
    """Base class; `exit_code` is what the CLI exits with."""

    exit_code = 1


@dataclass(frozen=True)
class Issue:
    """One problem with one field of one input, pydantic-style: a stable `type` slug and a dotted `loc`."""

    loc: str
    type: str
    en: str
    zh: str
    input: Any = None
    row: int | None = None
    severity: str = "error"

    @classmethod
    def of(cls, loc: str, type: str, key: str, *, input: Any = None, row: int | None = None,
           severity: str = "error", **fields: Any) -> Issue:
        """An Issue worded by the catalogue's message `key`; a field given as {"zh": …, "en": …} fills each language."""
        zh, en = (text(key, lang, **{name: value[lang] if isinstance(value, dict) else value
                                     for name, value in fields.items()}) for lang in LANGS)
        return cls(loc, type, en, zh, input, row, severity)

    def to_dict(self) -> dict[str, Any]:
        out = {"loc": self.loc, "type": self.type, "msg": {"en": self.en, "zh": self.zh}, "severity": self.severity}
        if self.row is not None:
            out["row"] = self.row
        if self.input is not None:
            out["input"] = self.input if isinstance(self.input, (str, int, bool)) else repr(self.input)[:80]
        return out


class InputError(SubsidyError):
    """The application cannot be evaluated: one Issue per field. Exit 2: the user must fix the input."""

    exit_code = 2

    def __init__(self, source: str, issues: list[Issue]) -> None:
        self.source = source
        self.issues = issues
        head = text("common.input_errors", "en", source=source, count=len(issues))
        super().__init__(f"{head}: " + "; ".join(f"{i.loc}: {i.en}" for i in issues))


@dataclass(frozen=True)
class Word:
    """A field of a message that is itself a catalogue message (a type's name, a "did you mean"), worded per language."""

    key: str
    fields: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return text(self.key, lang, **{k: v.text(lang) if isinstance(v, Word) else v for k, v in self.fields.items()})


@dataclass
class RuleFileError(SubsidyError):
    """A rule file is malformed; names the file and the key path. Exit 2: fix the rule file.

    `message` is the English sentence (as before); `zh` the Chinese one. `key` keeps the dotted
    0-based path (`criteria.7.when`); `place_zh`/`place_en` say the same for a person, 1-based and with
    the criterion's id (第 8 条判定条件 (enough-employees)). `column` and `source` (the offending line)
    are filled in where they are known, so a report can show the line with a caret.
    """

    path: str
    key: str
    message: str
    line: int | None = None
    severity: str = "error"  # or "warning" (the linter reports those without failing)
    exit_code: int = field(default=2, init=False)
    column: int | None = None
    zh: str = ""
    place_zh: str = ""
    place_en: str = ""
    source: str = ""

    @classmethod
    def of(cls, path: str, key: str, msg: str, *, line: int | None = None, column: int | None = None,
           severity: str = "error", **fields: Any) -> RuleFileError:
        """One problem worded by the message catalogue (`msg` is its key), in both languages."""
        words = Word(msg, fields)
        return cls(path, key, words.text("en"), line=line, severity=severity, column=column, zh=words.text("zh"))

    def __post_init__(self) -> None:
        super().__init__(str(self))

    @property
    def en(self) -> str:
        return self.message

    def text(self, lang: str) -> str:
        """The sentence in `lang` (a problem made without a Chinese wording shows the English one)."""
        return (self.zh or self.message) if lang == "zh" else self.message

    def place(self, lang: str) -> str:
        """Where in the file, for a person: the 1-based position if known, else the key path."""
        return (self.place_zh if lang == "zh" else self.place_en) or self.key

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class BatchError(SubsidyError):
    """A batch cannot start or go on (an interrupted run's journal, a full disk); names the file. Exit 2."""

    exit_code = 2

    def __init__(self, path: str, en: str, zh: str) -> None:
        self.path, self.en, self.zh = path, en, zh
        super().__init__(en)


class EngineFailure(SubsidyError):
    """The matcher failed: durable_rules reported an error for one application (which gets no result), or the
    rule set cannot be run by it safely (CompileError). Said in both languages, like every message."""

    exit_code = 1

    def __init__(self, key: str, **fields: Any) -> None:
        self.key, self.zh, self.en = key, text(key, "zh", **fields), text(key, "en", **fields)
        super().__init__(self.en)
