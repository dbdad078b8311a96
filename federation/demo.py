"""Demo content: steps that apps register, and the bookkeeping that keeps real data safe.

Every row a step creates is recorded with `remember()`. A database holding rows of the
watched models that were not recorded holds real content, and seed_demo leaves it alone.
"""

from collections.abc import Callable
from dataclasses import dataclass

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
