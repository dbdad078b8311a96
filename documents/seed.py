"""Demo documents of the Điện Biên federation: classifications, about forty documents, files.

The content is data beside this loader: documents/demo/classifications.yaml,
documents.yaml and texts.yaml. Documents are saved through documents.services.save_document
and their files filed through documents.services.attach_file, so they are checked as an
upload from a clerk's computer is. The files are made by documents/demo/files.py: a
one-page PDF scan and, for some documents, a Word file.

Rows are looked up by their natural keys (names; issuing body and number; document and
file name), so running the step again adds nothing. A demo document already in place is
left as it is, dates and counters included: only files or links it lacks are added back.
A document of the same number that staff filed is never touched.

Most dates are fixed (2019–2026); the newest documents, and the two not yet in force,
are dated from today so the demo keeps showing them as new and pending.
"""

import hashlib
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from documents import services
from documents.demo.files import Page, docx_bytes, pdf_bytes
from documents.models import (
    Document,
    DocumentFile,
    DocumentType,
    Field,
    Issuer,
    Signer,
    Status,
    number_key,
)
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

DATA = Path(__file__).resolve().parent / "demo"


@dataclass(frozen=True)
class TypeSpec:
    name: str
    abbreviation: str


@dataclass(frozen=True)
class IssuerSpec:
    name: str
    abbreviation: str
    header: tuple[str, str]  # the two lines at the top left of its documents
    place: str  # where its documents are dated
    party: bool = False  # Party documents carry the Party's name instead of the motto


@dataclass(frozen=True)
class SignerSpec:
    name: str
    position: str
    capacity: tuple[str, ...]  # the lines above the signature: "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"


@dataclass(frozen=True)
class Doc:
    """One demo document.

    `issued` is a date, or a number of days before today. `effective` is a number of
    days after the issue date (0: from the day it is signed) or None. `title` ends the
    name of its main file ("Chỉ thị 92-CT-UBND <title>.pdf"); `extras` are the names of
    further files (an appendix, a form), Word or PDF by their extension.
    """

    number: str
    type: str
    issuer: str
    issued: date | int
    summary: str
    title: str
    fields: tuple[str, ...]
    signer: str
    effective: int | None = 0
    expires: date | None = None
    extras: tuple[str, ...] = ()
    word: bool = False  # the main file is a Word file rather than a PDF scan
    replaces: tuple[str, ...] = ()  # numbers of older documents
    related: tuple[str, ...] = ()
    public: bool = True


# ---------------------------------------------------------------------------------------
# Reading the data files.


def _keyed(data: dict, key: str, spec_class, path: Path) -> dict:
    entries = data.get(key)
    if not isinstance(entries, dict):
        raise DemoDataError(f"{shown_path(path)}: expected a mapping under “{key}”.")
    if spec_class is None:
        return {name: str(value) for name, value in entries.items()}
    return {
        name: build_spec(spec_class, entry, f"{shown_path(path)}, {key} “{name}”")
        for name, entry in entries.items()
    }


def load_classifications(path: Path = DATA / "classifications.yaml"):
    data = read_demo_data(path)
    types = tuple(
        build_spec(TypeSpec, entry, f"{shown_path(path)}, type {entry_name(n, entry)}")
        for n, entry in enumerate(demo_list(data, "types", path), start=1)
    )
    return (
        {spec.abbreviation: spec.name for spec in types},
        _keyed(data, "issuers", IssuerSpec, path),
        _keyed(data, "fields", None, path),
        _keyed(data, "signers", SignerSpec, path),
    )


def load_documents(path: Path = DATA / "documents.yaml") -> tuple[Doc, ...]:
    """The documents of the file, checked against the classifications and each other."""
    entries = demo_list(read_demo_data(path), "documents", path)
    where = [
        f"{shown_path(path)}, document {entry_name(n, e, 'number')}"
        for n, e in enumerate(entries, start=1)
    ]
    docs = tuple(build_spec(Doc, e, w) for e, w in zip(entries, where, strict=True))
    numbers = {doc.number for doc in docs}
    for doc, place in zip(docs, where, strict=True):
        for kind, key, known in (
            ("type", doc.type, TYPES),
            ("issuer", doc.issuer, ISSUERS),
            ("signer", doc.signer, SIGNERS),
            *(("field", key, FIELDS) for key in doc.fields),
            *(("document", number, numbers) for number in doc.replaces + doc.related),
        ):
            if key not in known:
                raise DemoDataError(f"{place}: unknown {kind} “{key}”.")
    return docs


TEXTS = read_demo_data(DATA / "texts.yaml")
TYPES, ISSUERS, FIELDS, SIGNERS = load_classifications()
DOCUMENTS = load_documents()


def file_names(doc: Doc, type_name: str) -> tuple[str, ...]:
    """ "Chỉ thị 92-CT-UBND về kinh phí công đoàn.pdf", then the extras."""
    main = f"{type_name} {doc.number.replace('/', '-')} {doc.title}"
    return (main + (".docx" if doc.word else ".pdf"), *doc.extras)


# ---------------------------------------------------------------------------------------
# The text of a document, as its file shows it.


def _vi_date(day: date) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _page(doc: Doc, issued: date, effective: date | None, type_name: str) -> Page:
    issuer = ISSUERS[doc.issuer]
    signer = SIGNERS[doc.signer]
    in_force = f"{(effective or issued):%d/%m/%Y}"
    body = tuple(line.format(effective=in_force) for line in TEXTS["bodies"][doc.type])
    return Page(
        header=issuer.header,
        right=tuple(TEXTS["party_name" if issuer.party else "national_motto"]),
        number=doc.number,
        dated=f"{issuer.place}, {_vi_date(issued)}",
        heading="" if doc.type == "CV" else type_name.upper(),
        summary=doc.summary,
        body=body,
        capacity=signer.capacity,
        signer=signer.name,
    )


def _appendix(page: Page, name: str, type_name: str, issued: date) -> Page:
    title = Path(name).stem
    return Page(
        header=page.header,
        right=page.right,
        number=page.number,
        dated=page.dated,
        heading=title.upper(),
        summary=(
            f"(Kèm theo {type_name} số {page.number} ngày {issued:%d/%m/%Y})"
            if page.heading
            else f"(Kèm theo văn bản số {page.number} ngày {issued:%d/%m/%Y})"
        ),
        body=(),
        capacity=(),
        signer="",
        appendix=title,
    )


# ---------------------------------------------------------------------------------------
# Loading.

ADMINISTRATOR = "quantri"


def seed_documents(stdout, *, logins: bool = True, **options) -> None:
    today = timezone.localdate()
    clerk = _demo_user(ADMINISTRATOR) if logins else None
    types = _seed_types()
    issuers = _seed_issuers()
    fields = _seed_fields()
    signers = _seed_signers()

    documents, created, skipped = {}, 0, []
    for doc in DOCUMENTS:
        issuer = issuers[doc.issuer]
        document = Document.objects.filter(issuer=issuer, number_key=number_key(doc.number))
        document = document.first()
        if document is not None and not is_demo(document):
            skipped.append(doc.number)
            continue
        issued = _issued(doc, today)
        effective = issued + timedelta(days=doc.effective) if doc.effective is not None else None
        is_new = document is None
        if is_new:
            document = Document(
                number=doc.number,
                summary=doc.summary,
                type=types[doc.type],
                issuer=issuer,
                signer=signers[doc.signer],
                issued_on=issued,
                effective_on=effective,
                expires_on=doc.expires,
                is_public=doc.public,
                posted_at=_posting_time(doc, issued),
            )
            services.save_document(document=document, user=clerk)
            document.fields.set([fields[key] for key in doc.fields])
            created += 1
        remember(document)
        documents[doc.number] = document
        type_name = types[doc.type].name
        page = _page(doc, document.issued_on, document.effective_on, type_name)
        _seed_files(document, doc, page, type_name)
        if is_new:
            _seed_counters(document, doc, today)

    for doc in DOCUMENTS:
        if doc.number not in documents:
            continue
        document = documents[doc.number]
        # add(), never set(): "related" is symmetrical, and set() on one document would
        # drop the links other documents made to it.
        document.replaces.add(*(documents[n] for n in doc.replaces if n in documents))
        document.related.add(*(documents[n] for n in doc.related if n in documents))

    for number in skipped:
        stdout.write(
            f"Skipped the demo document {number}: a document that is not demo content has "
            "that number."
        )
    _report(stdout, documents, created, types, issuers, fields, signers, today)


def _issued(doc: Doc, today: date) -> date:
    return today - timedelta(days=doc.issued) if isinstance(doc.issued, int) else doc.issued


def _posting_time(doc: Doc, issued: date) -> datetime:
    """A working hour one to five days after the issue date, never in the future."""
    rng = random.Random(f"dang:{doc.number}")
    day = issued + timedelta(days=rng.randint(1, 5))
    moment = timezone.make_aware(
        datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59)))
    )
    return min(moment, timezone.now() - timedelta(hours=1))


def _seed_files(document: Document, doc: Doc, page: Page, type_name: str) -> None:
    """Attach the files the document lacks, found by name."""
    have = set(document.files.values_list("original_name", flat=True))
    for order, name in enumerate(file_names(doc, type_name)):
        if name in have:
            continue
        shown = page if order == 0 else _appendix(page, name, type_name, document.issued_on)
        content = (
            docx_bytes(shown, document.issued_on) if name.endswith(".docx") else pdf_bytes(shown)
        )
        if DocumentFile.objects.filter(checksum=hashlib.sha256(content).hexdigest()).exists():
            continue  # the same bytes are already in the library
        upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
        remember(services.attach_file(document=document, upload=upload, order=order))


def _seed_counters(document: Document, doc: Doc, today: date) -> None:
    """Views and downloads a document of its age might have; none for a private one."""
    if not document.is_public:
        return
    rng = random.Random(f"luot:{doc.number}")
    age = max((today - timezone.localtime(document.posted_at).date()).days, 1)
    views = int(min(age, 700) * rng.uniform(0.6, 2.4)) + rng.randint(12, 90)
    files = list(document.files.order_by("order", "pk"))
    downloads = []
    for index, _file in enumerate(files):
        share = rng.uniform(0.22, 0.45) if index == 0 else rng.uniform(0.05, 0.15)
        downloads.append(int(views * share))
    for document_file, count in zip(files, downloads, strict=True):
        DocumentFile.objects.filter(pk=document_file.pk).update(downloads=count)
    Document.objects.filter(pk=document.pk).update(views=views, downloads=sum(downloads))
    document.views, document.downloads = views, sum(downloads)


def _report(stdout, documents, created, types, issuers, fields, signers, today) -> None:
    seeded = Document.objects.filter(pk__in=[d.pk for d in documents.values()])
    by_status = Counter(seeded.with_status(today).values_list("status", flat=True))
    files = DocumentFile.objects.filter(document__in=seeded)
    stdout.write(
        f"Documents: {len(types)} types, {len(issuers)} issuing bodies, {len(fields)} fields, "
        f"{len(signers)} signers, {len(documents)} documents ({created} new; "
        f"{by_status.get(Status.IN_FORCE, 0)} in force, {by_status.get(Status.PENDING, 0)} "
        f"not yet in force, {by_status.get(Status.EXPIRED, 0)} expired, "
        f"{by_status.get(Status.REPLACED, 0)} replaced; "
        f"{seeded.filter(is_public=False).count()} not public), {files.count()} files "
        f"({files.filter(kind='pdf').count()} PDF, {files.filter(kind='docx').count()} Word)."
    )


# --- Classifications: found by name; a row staff made is used but never changed or claimed.


def _claim(model, lookup: dict, defaults: dict):
    row = model.objects.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **defaults)
        row.full_clean()
        row.save()
        return remember(row)
    if is_demo(row):
        changed = False
        for name, value in defaults.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
                changed = True
        if changed:
            row.full_clean()
            row.save()
    return row


def _seed_types() -> dict[str, DocumentType]:
    return {
        abbreviation: _claim(
            DocumentType, {"name": name}, {"abbreviation": abbreviation, "order": order}
        )
        for order, (abbreviation, name) in enumerate(TYPES.items(), start=1)
    }


def _seed_issuers() -> dict[str, Issuer]:
    return {
        key: _claim(
            Issuer, {"name": spec.name}, {"abbreviation": spec.abbreviation, "order": order}
        )
        for order, (key, spec) in enumerate(ISSUERS.items(), start=1)
    }


def _seed_fields() -> dict[str, Field]:
    return {
        key: _claim(Field, {"name": name}, {"order": order})
        for order, (key, name) in enumerate(FIELDS.items(), start=1)
    }


def _seed_signers() -> dict[str, Signer]:
    return {
        key: _claim(Signer, {"name": spec.name, "position": spec.position}, {})
        for key, spec in SIGNERS.items()
    }


def _demo_user(username: str):
    """The demo login, never a real account that has the name."""
    user = get_user_model().objects.filter(username=username).first()
    return user if user is not None and is_demo(user) else None
