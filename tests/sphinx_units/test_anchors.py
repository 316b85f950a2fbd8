"""The `up-anchor` role a table row's first cell carries: an id on the page that `{ref}` can link to."""

from tiny_projects import tiny_build

from unsigned_peace.machinery.content.anchors import anchor_role
from unsigned_peace.table_markup import ANCHOR_ROLE

EVENT_ID = "1855-treaty-of-shimoda"


def build_pages(tmp_path, pages: dict[str, str]):
    return tiny_build(tmp_path, pages, lambda app: app.add_role(ANCHOR_ROLE, anchor_role))


def test_an_anchor_is_an_id_in_the_page_and_a_label_another_page_links_to(tmp_path):
    built = build_pages(tmp_path, {
        "index": f"# Chronology\n\n| Event | What |\n|---|---|\n| {{{ANCHOR_ROLE}}}`{EVENT_ID}`Shimoda | A treaty |\n\n"
                 "```{toctree}\nclaims\n```\n",
        "claims": f"# Claims\n\nSee {{ref}}`the treaty <{EVENT_ID}>`.\n",
    })
    assert built.warnings == ""
    assert f'id="{EVENT_ID}"' in built.output("index.html")
    assert f'href="index.html#{EVENT_ID}"' in built.output("claims.html")


def test_an_anchor_that_is_not_lowercase_words_joined_by_hyphens_is_an_error(tmp_path):
    built = build_pages(tmp_path, {"index": f"# Chronology\n\n{{{ANCHOR_ROLE}}}`Treaty of Shimoda` signed.\n"})
    assert f"{ANCHOR_ROLE}: 'Treaty of Shimoda' is not lowercase words joined by hyphens" in built.warnings
    assert 'id="Treaty of Shimoda"' not in built.output("index.html")


def test_two_rows_with_one_id_are_reported(tmp_path):
    row = f"| {{{ANCHOR_ROLE}}}`{EVENT_ID}`Shimoda | A treaty |\n"
    built = build_pages(tmp_path, {"index": f"# Chronology\n\n| Event | What |\n|---|---|\n{row}{row}"})
    assert EVENT_ID in built.warnings and "duplicate" in built.warnings.lower()
