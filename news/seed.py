"""Demo news of the Điện Biên federation: categories, tags, articles with pictures, readers.

The content is data beside this loader: news/demo/categories.yaml, tags.yaml and
stories.yaml. Every row goes through the news services where there is one (save_article,
save_photo, publish_article, submit_article, rate_article) and is remembered as demo
content. Rows are looked up by their natural keys (slugs, article and number, article and
voter), so running the step again changes nothing that is already in place. Pictures are
drawn by news/demo/pictures.py from a fixed seed, and only for rows that do not have one yet.
"""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape

from federation.demo import (
    DemoDataError,
    build_spec,
    demo_list,
    entry_name,
    is_demo,
    read_demo_data,
    remember,
    shown_path,
)
from federation.text import format_number, slugify_vi
from members.figures import register_size
from members.models import Sector
from news import services
from news.demo.pictures import PALETTES, PHOTO_SIZE, SCENE_ALT, draw_picture
from news.models import Article, Category, Comment, Photo, Rating, Tag

DATA = Path(__file__).resolve().parent / "demo"


@dataclass(frozen=True)
class CategorySpec:
    name: str
    description: str
    order: int
    parent: str | None = None
    show_on_home: bool = False


@dataclass(frozen=True)
class PhotoSpec:
    scene: str
    alt: str
    caption: str


@dataclass(frozen=True)
class CommentSpec:
    name: str
    text: str
    approved: bool = True


@dataclass(frozen=True)
class Story:
    """One demo article. `days` before today (negative: scheduled ahead); None: unpublished."""

    title: str
    category: str
    summary: str
    body: tuple[str, ...]
    byline: str
    days: int | None
    at: str = "08:00"
    status: str = Article.Status.PUBLISHED
    source: str = ""
    tags: tuple[str, ...] = ()
    extra_categories: tuple[str, ...] = ()
    featured: bool = False
    views: int = 0
    scene: str | None = None
    cover_caption: str = ""
    photos: tuple[PhotoSpec, ...] = ()
    ratings: tuple[int, ...] = ()
    comments: tuple[CommentSpec, ...] = ()
    # A union whose figures the text states: "{members}", "{unions}", "{public}",
    # "{non_state}", "{admitted}" and "{founded}" in the summary and body are read from the
    # register as of the story's day when the demo is loaded (the register step runs before
    # this one), never typed.
    about_unit: str = ""


# ---------------------------------------------------------------------------------------
# Reading the data files.

# Body blocks: the same small set of HTML the editor offers.
BLOCKS = {
    "p": lambda text: f"<p>{escape(text)}</p>",
    "h2": lambda text: f"<h2>{escape(text)}</h2>",
    "h3": lambda text: f"<h3>{escape(text)}</h3>",
    "quote": lambda text: f"<blockquote><p>{escape(text)}</p></blockquote>",
    "ul": lambda items: "<ul>" + "".join(f"<li><p>{escape(i)}</p></li>" for i in items) + "</ul>",
    "table": lambda rows: _table(rows),
    # A paragraph the article page replaces with photo `number` (news.rendering).
    "photo": lambda number: f"<p>[ảnh {number}]</p>",
}


def _table(rows) -> str:
    """The first row is the heading."""
    cells = ("th", *("td" for _row in rows[1:]))
    rows = (
        "<tr>" + "".join(f"<{cell}><p>{escape(text)}</p></{cell}>" for text in row) + "</tr>"
        for cell, row in zip(cells, rows, strict=True)
    )
    return "<table><tbody>" + "".join(rows) + "</tbody></table>"


def load_categories(path: Path = DATA / "categories.yaml") -> tuple[CategorySpec, ...]:
    entries = demo_list(read_demo_data(path), "categories", path)
    return tuple(
        build_spec(CategorySpec, entry, f"{shown_path(path)}, category {entry_name(n, entry)}")
        for n, entry in enumerate(entries, start=1)
    )


def load_tags(path: Path = DATA / "tags.yaml") -> tuple[str, ...]:
    return tuple(str(tag) for tag in demo_list(read_demo_data(path), "tags", path))


def load_stories(
    path: Path = DATA / "stories.yaml", *, categories=None, tags=None
) -> tuple[Story, ...]:
    """The stories of the file, checked against the categories, tags and pictures."""
    slugs = {slugify_vi(spec.name) for spec in categories or load_categories()}
    known_tags = set(tags or load_tags())
    stories = []
    for number, entry in enumerate(demo_list(read_demo_data(path), "stories", path), start=1):
        where = f"{shown_path(path)}, story {entry_name(number, entry, 'title')}"
        story = build_spec(Story, _story_fields(entry, where), where)
        _check_story(story, where, slugs, known_tags)
        stories.append(story)
    return tuple(stories)


def _story_fields(entry, where: str):
    if not isinstance(entry, dict):
        return entry
    fields = dict(entry)
    if "body" in fields:
        fields["body"] = [_block(block, where) for block in fields["body"] or ()]
    fields["photos"] = [
        build_spec(PhotoSpec, photo, f"{where}, photo {n}")
        for n, photo in enumerate(fields.get("photos", ()), start=1)
    ]
    fields["comments"] = [
        build_spec(CommentSpec, comment, f"{where}, comment {n}")
        for n, comment in enumerate(fields.get("comments", ()), start=1)
    ]
    return fields


def _block(block, where: str) -> str:
    if not (isinstance(block, dict) and len(block) == 1 and next(iter(block)) in BLOCKS):
        raise DemoDataError(
            f"{where}: a body block is one of {', '.join(BLOCKS)} with its text, not {block!r}."
        )
    [(kind, content)] = block.items()
    return BLOCKS[kind](content)


def _check_story(story: Story, where: str, slugs: set[str], tags: set[str]) -> None:
    for slug in (story.category, *story.extra_categories):
        if slug not in slugs:
            raise DemoDataError(f"{where}: unknown category “{slug}”.")
    for tag in story.tags:
        if tag not in tags:
            raise DemoDataError(f"{where}: unknown tag “{tag}”.")
    for scene in (story.scene, *(photo.scene for photo in story.photos)):
        if scene is not None and scene not in SCENE_ALT:
            raise DemoDataError(f"{where}: unknown scene “{scene}”.")
    if story.status not in Article.Status.values:
        raise DemoDataError(f"{where}: unknown status “{story.status}”.")
    if (story.days is None) != (story.status != Article.Status.PUBLISHED):
        raise DemoDataError(f"{where}: a published story has days, one in the workflow none.")
    hour, _colon, minute = str(story.at).partition(":")
    if not (hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60):
        raise DemoDataError(f"{where}: “at” is a time written in quotes, as '08:15'.")


CATEGORIES = load_categories()
TAGS = load_tags()
STORIES = load_stories(categories=CATEGORIES, tags=TAGS)

# ---------------------------------------------------------------------------------------
# Loading.

ADMINISTRATOR, EDITOR = "quantri", "bientap"


def seed_news(stdout, *, logins: bool = True, **options) -> None:
    acting = _acting_user(logins)
    author = _demo_user(EDITOR) if logins else None
    moderator = _demo_user(ADMINISTRATOR) if logins else None
    categories = _seed_categories()
    tags = _seed_tags()
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    created = 0
    for story in STORIES:
        created += _seed_story(
            story,
            categories,
            tags,
            acting=acting,
            author=author,
            moderator=moderator,
            today=today,
        )

    articles = Article.objects.filter(slug__in=[slugify_vi(story.title) for story in STORIES])
    published = articles.published().count()
    scheduled = articles.filter(status=Article.Status.PUBLISHED).count() - published
    unpublished = articles.exclude(status=Article.Status.PUBLISHED).count()
    stdout.write(
        f"News: {len(categories)} categories, {len(tags)} tags, {articles.count()} articles "
        f"({created} new; {published} published, {scheduled} scheduled, {unpublished} in "
        "the workflow), "
        f"{Photo.objects.filter(article__in=articles).count()} photos, "
        f"{Rating.objects.filter(article__in=articles).count()} ratings, "
        f"{Comment.objects.filter(article__in=articles).count()} comments."
    )


def _demo_user(username: str):
    """A demo login of the federation step, never a real account that has the name."""
    user = get_user_model().objects.filter(username=username).first()
    return user if user is not None and is_demo(user) else None


def _acting_user(logins: bool):
    """Who the news rules see making the changes.

    The demo administrator when there are demo logins; otherwise a superuser that exists
    in memory only, so that loading without logins adds no account to the database.
    """
    administrator = _demo_user(ADMINISTRATOR) if logins else None
    if administrator is not None:
        return administrator
    return get_user_model()(username="noi-dung-mau", is_active=True, is_superuser=True)


def _seed_categories() -> dict[str, Category]:
    found = {}
    for spec in CATEGORIES:
        slug = slugify_vi(spec.name)
        category = Category.objects.filter(slug=slug).first() or Category(slug=slug)
        wanted = {
            "name": spec.name,
            "description": spec.description,
            "order": spec.order,
            "parent": found[spec.parent] if spec.parent else None,
            "show_in_menu": True,
            "show_on_home": spec.show_on_home,
        }
        if _assign(category, wanted):
            category.full_clean()
            category.save()
        found[slug] = remember(category)
    return found


def _seed_tags() -> dict[str, Tag]:
    found = {}
    for name in TAGS:
        slug = slugify_vi(name)
        tag = Tag.objects.filter(slug=slug).first() or Tag.objects.filter(name=name).first()
        tag = tag or Tag()
        if _assign(tag, {"name": name, "slug": slug}):
            tag.full_clean()
            tag.save()
        found[name] = remember(tag)
    return found


def _assign(instance, values: dict) -> bool:
    """Set the values on the instance; True when any of them differed (or it is new)."""
    changed = instance.pk is None
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.is_relation:
            # Compare keys: reading an unset relation of a new row raises.
            current, value_key = getattr(instance, field.attname), value and value.pk
        else:
            current, value_key = getattr(instance, name), value
        if current != value_key:
            setattr(instance, name, value)
            changed = True
    return changed


def _publication_time(story: Story, today):
    hour, minute = (int(part) for part in story.at.split(":"))
    return today - timedelta(days=story.days) + timedelta(hours=hour, minutes=minute)


def _with_register_figures(story: Story, *texts: str) -> tuple[str, ...]:
    """The texts with the figures of the union the story is about, as the register has them."""
    if not story.about_unit:
        return texts
    day = timezone.localdate() - timedelta(days=story.days or 0)
    size = register_size(story.about_unit, on=day)
    figures = {
        "{admitted}": size["admitted"],
        "{founded}": size["founded"],
        "{members}": size["members"],
        "{unions}": size["unions"],
        "{public}": size["unions_by_sector"][Sector.PUBLIC],
        "{non_state}": size["unions_by_sector"][Sector.NON_STATE],
    }
    filled = []
    for text in texts:
        for placeholder, value in figures.items():
            text = text.replace(placeholder, format_number(value))
        filled.append(text)
    return tuple(filled)


def _seed_story(story, categories, tags, *, acting, author, moderator, today) -> bool:
    """Load one article with its photos, ratings and comments; True when it is new."""
    slug = slugify_vi(story.title)
    category = categories[story.category]
    article = Article.objects.filter(slug=slug).first()
    is_new = article is None
    article = article or Article(slug=slug)
    sanitize = Article._meta.get_field("body").sanitize
    summary, body = _with_register_figures(story, story.summary, "".join(story.body))
    wanted = {
        "title": story.title,
        "summary": summary,
        "body": sanitize(body),
        "category": category,
        "byline": story.byline,
        "source": story.source,
        "featured": story.featured,
        "author": author,
    }
    if story.scene:
        wanted["cover_alt"] = (
            f"Hình minh họa: {SCENE_ALT[story.scene]}, kèm dòng chữ “{category.name}”"
        )
        wanted["cover_caption"] = story.cover_caption
    changed = _assign(article, wanted)
    if story.scene and not article.cover:
        # Drawn once: a rerun keeps the picture (and its renditions) already stored.
        picture = draw_picture(
            story.scene, PALETTES[story.category], seed=f"bia:{slug}", label=category.name
        )
        article.cover = ContentFile(picture, name=f"{slug[:80]}.jpg")
        changed = True
    if changed or (article.cover and not article.cover_small):
        if article.pk is None and acting.pk is None:
            # The acting superuser is not stored, so it cannot become the author: the row
            # is written in the shape save_article would give it, then saved through it.
            article.full_clean()
            article.save()
        services.save_article(article=article, user=acting)
        if article.author_id != (author.pk if author else None):
            # save_article credits new articles to the acting user; the demo credits the
            # editor, or nobody when the demo has no logins.
            Article.objects.filter(pk=article.pk).update(author=author)
            article.author = author
    remember(article)
    article.tags.set([tags[name] for name in story.tags])
    article.extra_categories.set([categories[slug] for slug in story.extra_categories])

    _set_status(article, story, acting=acting, today=today)
    if article.views != story.views:
        Article.objects.filter(pk=article.pk).update(views=story.views)
        article.views = story.views

    for number, spec in enumerate(story.photos, start=1):
        _seed_photo(article, number, spec, PALETTES[story.category])
    if article.is_public:
        _seed_ratings(article, story.ratings)
        _seed_comments(article, story.comments, moderator=moderator)
    return is_new


def _set_status(article, story, *, acting, today) -> None:
    Status = Article.Status
    if story.status == Status.PUBLISHED:
        at = _publication_time(story, today)
        if article.status != Status.PUBLISHED or article.published_at != at:
            services.publish_article(article=article, user=acting, at=at)
    elif story.status == Status.SUBMITTED:
        if article.status in (Status.DRAFT, Status.RETURNED):
            services.submit_article(article=article, user=acting)
        elif article.status != Status.SUBMITTED:
            Article.objects.filter(pk=article.pk).update(status=Status.SUBMITTED, published_at=None)
    elif article.status != Status.DRAFT:
        Article.objects.filter(pk=article.pk).update(status=Status.DRAFT, published_at=None)


def _seed_photo(article, number: int, spec: PhotoSpec, palette) -> None:
    photo = Photo.objects.filter(article=article, order=number).first()
    photo = photo or Photo(article=article, order=number)
    changed = _assign(photo, {"alt": spec.alt, "caption": spec.caption})
    if not photo.image:
        picture = draw_picture(
            spec.scene, palette, seed=f"anh:{article.slug}:{number}", size=PHOTO_SIZE
        )
        photo.image = ContentFile(picture, name=f"anh-{number}.jpg")
        changed = True
    if changed or not photo.small:
        services.save_photo(photo=photo)
    remember(photo)


def _seed_ratings(article, scores: tuple[int, ...]) -> None:
    voters = {f"demo-{number}": score for number, score in enumerate(scores, start=1)}
    stored = dict(
        Rating.objects.filter(article=article, voter__in=voters).values_list("voter", "score")
    )
    for voter, score in voters.items():
        if stored.get(voter) != score:
            services.rate_article(article=article, voter=voter, score=score)
    for rating in Rating.objects.filter(article=article, voter__in=voters):
        remember(rating)


def _seed_comments(article, comments: tuple[CommentSpec, ...], *, moderator) -> None:
    now = timezone.now()
    for index, spec in enumerate(comments):
        comment = Comment.objects.filter(article=article, name=spec.name, text=spec.text).first()
        if comment is None:
            if spec.approved:
                sent = article.published_at + timedelta(hours=2 + 5 * index, minutes=17 * index)
                sent = min(sent, now - timedelta(minutes=90 - 10 * index))
            else:
                sent = now - timedelta(hours=1 + 3 * index)
                sent = max(sent, article.published_at + timedelta(minutes=30))
            comment = Comment(
                article=article,
                name=spec.name,
                email=slugify_vi(spec.name).replace("-", ".") + "@example.com",
                text=spec.text,
                created_at=sent,
            )
            if spec.approved:
                comment.status = Comment.Status.APPROVED
                comment.moderated_at = min(sent + timedelta(hours=1), now)
                comment.moderated_by = moderator
            comment.full_clean()
            comment.save()
        remember(comment)
