"""Test data of the grassroots congress season: a season over the members tests' tree,
records made through congress.services.season as an officer makes them, and the files.

The tree (tests.members.factories.make_tree) has five grassroots unions existing today:
the school and the builder under the ward, the clinic and the garment factory under the
commune, the power company directly under the province; the cooperative was dissolved
last year and takes no part.
"""

from datetime import date, timedelta

from congress.models import Congress, Position, Season
from congress.services import season as services
from tests.files import pdf_bytes, upload
from tests.members.factories import today

CHAIR = "Lò Văn Thắng"
VICE_CHAIR = "Quàng Thị Xuân"
INSPECTION_CHAIR = "Cà Văn Dũng"


def season_data(unit, **fields) -> Season:
    """The coming term's season, open since three months, with three months to go."""
    year = today().year
    fields.setdefault("name", f"Đại hội công đoàn cơ sở nhiệm kỳ {year}–{year + 5}")
    fields.setdefault("term_start", year)
    fields.setdefault("term_end", year + 5)
    fields.setdefault("starts_on", today() - timedelta(days=90))
    fields.setdefault("deadline", today() + timedelta(days=90))
    return Season(unit=unit, **fields)


def make_season(unit, *, pilots=(), **fields) -> Season:
    season = season_data(unit, **fields)
    season.full_clean()
    season.save()
    season.pilots.set(pilots)
    return season


def term_slug(season: Season) -> str:
    return f"{season.term_start}-{season.term_end}"


def minutes_file(name: str = "Biên bản đại hội.pdf"):
    return upload(name, pdf_bytes("Bien ban dai hoi cong doan co so"))


def resolution_file(name: str = "Nghị quyết đại hội.pdf"):
    return upload(name, pdf_bytes("Nghi quyet dai hoi cong doan co so"))


def leadership() -> list[services.PositionRow]:
    return [
        services.PositionRow(role=Position.Role.CHAIR, full_name=CHAIR),
        services.PositionRow(role=Position.Role.VICE_CHAIR, full_name=VICE_CHAIR),
        services.PositionRow(role=Position.Role.INSPECTION_CHAIR, full_name=INSPECTION_CHAIR),
    ]


def plan(season: Season, unit, officer, *, on: date | None = None, **fields) -> Congress:
    """A union's congress planned for `on` (a month ahead unless given)."""
    congress = services.new_record(season, unit)
    congress.starts_on = on or today() + timedelta(days=30)
    congress.venue = fields.pop("venue", "Hội trường đơn vị")
    for name, value in fields.items():
        setattr(congress, name, value)
    return services.save_record(congress=congress, user=officer)


def held(season: Season, unit, officer, *, days_ago: int = 10, files=True, positions=True):
    """A congress held `days_ago` days ago, recorded with its files and leadership."""
    congress = plan(season, unit, officer, on=today() - timedelta(days=days_ago))
    congress.official_delegates = 40
    congress.results = "Bầu Ban Chấp hành 7 đồng chí; thông qua nghị quyết nhiệm kỳ mới."
    return services.save_record(
        congress=congress,
        user=officer,
        positions=leadership() if positions else None,
        uploads={"minutes": minutes_file(), "resolution": resolution_file()} if files else None,
    )


def submitted(season: Season, unit, officer, **kwargs) -> Congress:
    congress = held(season, unit, officer, **kwargs)
    return services.submit_record(congress=congress, user=officer)
