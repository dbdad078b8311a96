"""The register's background work: exports too large to build inside the request."""

from django_tasks import task

from members.services import exports


@task()
def prepare_export(export_id: int) -> str:
    """Build the workbook of one requested member export (members.services.exports)."""
    return exports.prepare_export(export_id)
