"""The demo's data files: a mistake in one stops the demo with a message naming the file
and the entry, before anything is loaded."""

from pathlib import Path

import pytest
import yaml

from documents.seed import load_documents
from federation.demo import DemoDataError, read_demo_data
from members.demo import load_units
from news.seed import load_stories

ROOT = Path(__file__).resolve().parents[2]


def rewrite(source: Path, target: Path, change) -> Path:
    """A copy of a data file with one change made to what it holds."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    change(data)
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def test_the_data_files_as_committed_load():
    # The loaders read them when imported; this states what the other tests change.
    assert len(load_stories()) == 32
    assert len(load_documents()) == 45
    assert len(load_units()["branches"]) == 61


def test_a_story_without_a_title_names_the_file_and_the_story(tmp_path):
    def drop_title(data):
        del data["stories"][2]["title"]

    path = rewrite(ROOT / "news/demo/stories.yaml", tmp_path / "stories.yaml", drop_title)
    with pytest.raises(DemoDataError) as error:
        load_stories(path)
    assert str(error.value) == f"{path}, story 3: missing title."


def test_a_story_in_an_unknown_category_names_the_file_the_story_and_the_category(tmp_path):
    def move(data):
        data["stories"][0]["category"] = "the-thao"

    path = rewrite(ROOT / "news/demo/stories.yaml", tmp_path / "stories.yaml", move)
    with pytest.raises(DemoDataError) as error:
        load_stories(path)
    assert str(error.value) == (
        f"{path}, story 1 “Liên đoàn Lao động tỉnh triển khai chương trình “Tết Sum vầy”, dự "
        "kiến trao hơn 5.200 suất quà”: unknown category “the-thao”."
    )


def test_a_story_with_an_unknown_body_block_is_refused(tmp_path):
    def bad_block(data):
        data["stories"][1]["body"].append({"paragraph": "Một đoạn văn."})

    path = rewrite(ROOT / "news/demo/stories.yaml", tmp_path / "stories.yaml", bad_block)
    with pytest.raises(DemoDataError, match=r"story 2 “Ban Chấp hành.*: a body block is one of"):
        load_stories(path)


def test_a_document_with_an_unknown_field_names_the_document(tmp_path):
    def bad_field(data):
        data["documents"][4]["fields"] = ["to-chuc", "the-thao"]

    path = rewrite(ROOT / "documents/demo/documents.yaml", tmp_path / "documents.yaml", bad_field)
    with pytest.raises(DemoDataError) as error:
        load_documents(path)
    assert str(error.value) == f"{path}, document 5 “11/KH-LĐLĐ”: unknown field “the-thao”."


def test_a_branch_under_an_unknown_union_names_the_branch(tmp_path):
    def orphan(data):
        data["branches"][1]["parent"] = "Công đoàn xã Không Có"

    path = rewrite(ROOT / "members/demo/units.yaml", tmp_path / "units.yaml", orphan)
    with pytest.raises(DemoDataError) as error:
        load_units(path)
    assert str(error.value) == (
        f"{path}, branch 2 “Công đoàn Trường Mầm non Hoa Ban”: unknown parent "
        "“Công đoàn xã Không Có”."
    )


def test_a_file_that_is_not_yaml_names_the_file(tmp_path):
    path = tmp_path / "stories.yaml"
    path.write_text("stories:\n  - title: [unclosed\n", encoding="utf-8")
    with pytest.raises(DemoDataError, match=rf"^{path}: not valid YAML"):
        read_demo_data(path)
