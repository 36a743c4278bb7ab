"""A native shortcut in front of a Python validator: pydantic-core settles the usual value without calling Python.

Calling a Python validator costs thousands of instructions per value; a screened line has several such values
(dates, codes), and together they cost about as much as all of pydantic-core's own work on the line.
`Shortcut` adds, in front of a Python check, a native schema for the usual value, tried first in a union
(left to right): a value the native schema takes is one the check would return unchanged (each native
schema is a narrower pattern than its check; tests/test_shortcuts.py proves it value by value). Any other
value goes to the check as before, and a value that fails it is refused with the check's own error: the
union replaces the errors of its two branches by exactly the one the check raises (same type, message,
location and input). The JSON schema and the serializer are those of the field without the shortcut.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

# Where the field's own schema sits in what Shortcut builds (read back for the JSON schema).
_INNER = "shortcut_inner"


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity (its schema is a dict), as typing needs
class Shortcut:
    """Annotated metadata: `check` (a Python validator) with `fast`, a native schema for the usual value.

    `before`: the check runs before the field's own schema (as BeforeValidator), else after it (AfterValidator).
    `error`: (type, message) of the one PydanticCustomError the check raises; None when it raises none.
    `serializer`: the field's serializer type ('str', 'date', 'list'), so that output is written as before.
    """

    fast: CoreSchema
    check: Callable[[Any], Any]
    error: tuple[str, str] | None
    serializer: str
    before: bool = False
    with_info: bool = False  # the check takes (value, ValidationInfo): it reads fields validated before

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        inner = handler(source)
        errors: dict[str, Any] = {}
        if self.error:
            errors = {"custom_error_type": self.error[0], "custom_error_message": self.error[1]}
        serialization = core_schema.simple_ser_schema(self.serializer)  # type: ignore[arg-type]
        metadata = {_INNER: inner}
        if self.before:  # the usual raw value, parsed natively by the field's schema; else the check, then it
            fast = core_schema.chain_schema([self.fast, inner])
            slow = core_schema.no_info_before_validator_function(self.check, inner)
            return core_schema.union_schema([fast, slow], mode="left_to_right", serialization=serialization,
                                            metadata=metadata, **errors)
        # After: the field's schema first (its errors stay its own), then the usual value or else the check.
        check = (core_schema.with_info_plain_validator_function if self.with_info
                 else core_schema.no_info_plain_validator_function)(self.check)
        shortcut = core_schema.union_schema([self.fast, check], mode="left_to_right", **errors)
        return core_schema.chain_schema([inner, shortcut], serialization=serialization, metadata=metadata)

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return handler(schema["metadata"][_INNER])  # what the field's schema says, as without the shortcut
