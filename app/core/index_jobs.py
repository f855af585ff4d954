"""The jobs the window gives the indexing process: on its command line, or one JSON line
each on the standard input of a long-lived one (``--serve``).

Starting Python and importing the indexing code costs the child about a second on this
kind of machine; a file saved in a watched folder must be searchable within one. So the
window keeps one child waiting for jobs, and each line it reads is one ``IndexJob``.
Wire format: ``{"bundled": false, "refresh": false, "rebuild": false, "paths": [],
"watched": ["/home/me/Articles"]}`` (missing keys take their defaults).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.core.index_messages import json_object


@dataclass(frozen=True)
class IndexJob:
    """What one run of the indexing process does, in this order, before updating the index."""

    bundled: bool = False  # bring the bundled corpus in (once per data directory)
    refresh: bool = False  # re-read every folder of the library
    rebuild: bool = False  # throw the index away and build it again
    paths: tuple[str, ...] = ()  # files and folders to import
    watched: tuple[str, ...] = ()  # folders the window saw change: only these are read


class MalformedJob(ValueError):
    """A line on the indexing process's input that is not a job."""


def encode_job(job: IndexJob) -> str:
    """The job as one JSON line (newline included)."""
    fields = {
        "bundled": job.bundled,
        "refresh": job.refresh,
        "rebuild": job.rebuild,
        "paths": list(job.paths),
        "watched": list(job.watched),
    }
    return json.dumps(fields, ensure_ascii=False) + "\n"


def decode_job(line: bytes | str) -> IndexJob:
    """The job one line carries; MalformedJob saying what is wrong otherwise."""
    data = json_object(line, MalformedJob)
    return IndexJob(
        bundled=_flag(data, "bundled"),
        refresh=_flag(data, "refresh"),
        rebuild=_flag(data, "rebuild"),
        paths=_texts(data, "paths"),
        watched=_texts(data, "watched"),
    )


def _flag(data: dict[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise MalformedJob(f"{key} is not true or false: {value!r}")
    return value


def _texts(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MalformedJob(f"{key} is not a list of text: {value!r}")
    return tuple(value)
