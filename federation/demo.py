"""Demo content: steps that apps register, and the bookkeeping that keeps real data safe.

Every row a step creates is recorded with `remember()`. A database holding rows of the
watched models that were not recorded holds real content, and seed_demo leaves it alone.
"""

import dataclasses
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from federation.models import DemoRecord


@dataclass(frozen=True)
class DemoStep:
    """One app's part of the demo: a function taking the command's output stream."""

    name: str
    run: Callable[..., None]
    order: int = 100


_STEPS: dict[str, DemoStep] = {}
_WATCHED: list[type[models.Model]] = []


def register_demo_step(step: DemoStep) -> None:
    _STEPS[step.name] = step


def watch_for_real_content(model: type[models.Model]) -> None:
    """Rows of this model that seed_demo did not create count as real content."""
    if model not in _WATCHED:
        _WATCHED.append(model)


def demo_steps() -> list[DemoStep]:
    return sorted(_STEPS.values(), key=lambda step: (step.order, step.name))


def remember(instance: models.Model) -> models.Model:
    DemoRecord.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
    )
    return instance


def remember_all(model: type[models.Model], pks) -> int:
    """Record many rows of `model` at once (a seed that bulk-creates them); returns how many.

    Rows already recorded are left as they are, so it is safe to call again.
    """
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    records = [DemoRecord(content_type=content_type, object_id=str(pk)) for pk in pks]
    DemoRecord.objects.bulk_create(records, batch_size=500, ignore_conflicts=True)
    return len(records)


def is_demo(instance: models.Model) -> bool:
    return DemoRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
    ).exists()


def real_content() -> list[str]:
    """Names of the watched models holding rows that are not demo rows."""
    found = []
    for model in _WATCHED:
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        demo_ids = DemoRecord.objects.filter(content_type=content_type).values_list(
            "object_id", flat=True
        )
        rows = model._default_manager.exclude(pk__in=[_cast(model, pk) for pk in demo_ids])
        if rows.exists():
            found.append(str(model._meta.verbose_name_plural))
    return found


def _cast(model, value: str):
    return model._meta.pk.to_python(value)


# ---------------------------------------------------------------------------------------
# Demo data files: each app keeps its demo content as YAML beside a short loader.


class DemoDataError(ValueError):
    """A demo data file that cannot be loaded; the message names the file and the entry."""


def read_demo_data(path: Path) -> dict:
    """The mapping a demo data file holds."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as error:
        raise DemoDataError(f"{shown_path(path)}: cannot be read ({error.strerror}).") from error
    except yaml.YAMLError as error:
        raise DemoDataError(f"{shown_path(path)}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise DemoDataError(f"{shown_path(path)}: expected a mapping at the top of the file.")
    return data


def demo_list(data: dict, key: str, path: Path) -> list:
    """The list under `key` of a data file."""
    entries = data.get(key)
    if not isinstance(entries, list):
        raise DemoDataError(f"{shown_path(path)}: expected a list under “{key}”.")
    return entries


def build_spec(spec_class, entry, where: str):
    """A spec dataclass from one entry of a data file; lists become tuples (specs are hashable).

    `where` names the file and the entry ("news/demo/stories.yaml, story 3 “…”") in the
    error raised for an entry that is not a mapping, has an unknown field, or lacks (or
    leaves empty) a field without a default.
    """
    if not isinstance(entry, dict):
        raise DemoDataError(f"{where}: expected a mapping of fields, found {entry!r}.")
    fields = {field.name: field for field in dataclasses.fields(spec_class)}
    unknown = sorted(set(entry) - set(fields))
    if unknown:
        raise DemoDataError(f"{where}: unknown field {', '.join(unknown)}.")
    required = (
        name
        for name, field in fields.items()
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    )
    missing = [
        name
        for name in required
        if name not in entry
        or entry[name] == ""
        or (entry[name] is None and not _may_be_none(fields[name]))
    ]
    if missing:
        raise DemoDataError(f"{where}: missing {', '.join(missing)}.")
    return spec_class(**{name: _frozen(value) for name, value in entry.items()})


def entry_name(number: int, entry, key: str = "name") -> str:
    """“story 3 “Title”” for error messages: the entry's place and, if it has one, its name."""
    name = entry.get(key) if isinstance(entry, dict) else None
    return f"{number} “{name}”" if name else str(number)


def shown_path(path: Path) -> str:
    try:
        return str(path.relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)


def _may_be_none(field) -> bool:
    if isinstance(field.type, str):
        return "None" in field.type
    return type(None) in typing.get_args(field.type)


def _frozen(value):
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
