"""A message kept as its English words and its values, read in English or in the reader's
language.

Why not a translated string: a file's refusal reason is written in English where English
is a contract (``import --json``, logs, the indexing process's messages to the window) and
shown translated where a person reads it. The template and values travel (``to_json``)
so the window translates a reason made in another process, whatever that one speaks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from app.core.i18n import language, tr

Value: TypeAlias = "str | int | float | Wording"


@dataclass(frozen=True)
class Wording:
    """``template`` (English, marked with ``tr_noop`` where written) filled with ``values``."""

    template: str
    values: Mapping[str, Value] = field(default_factory=dict)

    @classmethod
    def literal(cls, text: str) -> Wording:
        """Words with no translation (an OS message): shown as they are, braces and all."""
        return cls("{text}", {"text": text})

    def english(self) -> str:
        return self.template.format(**{k: _english(v) for k, v in self.values.items()})

    def shown(self) -> str:
        """In the language being spoken (numbers grouped its way)."""
        return tr(self.template).format(**{k: _shown(v) for k, v in self.values.items()})

    def to_json(self) -> dict[str, Any]:
        values = {k: v.to_json() if isinstance(v, Wording) else v for k, v in self.values.items()}
        return {"text": self.template, "values": values}

    @classmethod
    def from_json(cls, data: object) -> Wording:
        """The wording ``to_json`` wrote; TypeError for anything else."""
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise TypeError("a wording is an object with a text")
        raw = data.get("values", {})
        if not isinstance(raw, dict):
            raise TypeError("a wording's values are an object")
        values: dict[str, Value] = {}
        for key, value in raw.items():
            if isinstance(value, dict):
                values[key] = cls.from_json(value)
            elif isinstance(value, str | int | float) and not isinstance(value, bool):
                values[key] = value
            else:
                raise TypeError(f"a wording's value is text or a number, not {value!r}")
        return cls(data["text"], values)


def _english(value: Value) -> str:
    if isinstance(value, Wording):
        return value.english()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}".removesuffix(".0")
    return value


def _shown(value: Value) -> str:
    if isinstance(value, Wording):
        return value.shown()
    if isinstance(value, int | float):
        from babel.numbers import format_decimal  # noqa: PLC0415 - locale data on first use

        return str(format_decimal(value, format="#,##0.#", locale=language()))
    return value
