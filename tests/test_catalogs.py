"""The translators' catalogs kept in step with the English, and what publishing an edition requires of them
(unsigned_peace/machinery/steps/catalogs.py, .../shared/interface.py, .../steps/editions.py)."""

from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from unsigned_peace.machinery.shared.interface import fill, interface_texts
from unsigned_peace.machinery.shared.translations import catalog_path, edition_href
from unsigned_peace.machinery.steps import catalogs
from unsigned_peace.machinery.steps.editions import CODE_PROMPTS, HIDDEN_INPUT_TAG, edition_config

ROOT = Path(__file__).resolve().parent.parent

PARAGRAPH = "There are {eval}`claims_total` claims, see the {doc}`glossary`."
PAGE = "chapters/01-article"


def template(*messages: str) -> Catalog:
    made = Catalog()
    for message in messages:
        made.add(message, locations=[(f"{PAGE}.ipynb", 10002)])
    return made


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def translate(root: Path, language: str, domain: str, translations: dict[str, str], fuzzy=()) -> None:
    path = catalog_path(root, language, domain)
    catalog = read(path)
    for message in catalog:
        if message.id in translations:
            message.string = translations[message.id]
            if message.id in fuzzy:
                message.flags.add("fuzzy")
    write(path, catalog)


def test_a_new_catalog_has_every_english_message_untranslated(tmp_path):
    written = catalogs.update_catalogs(tmp_path, {PAGE: template("Title", PARAGRAPH)}, ("ja",))
    path = tmp_path / "locale" / "ja" / "LC_MESSAGES" / f"{PAGE}.po"
    assert written == [path]
    catalog = read(path)
    assert [(m.id, m.string) for m in catalog if m.id] == [("Title", ""), (PARAGRAPH, "")]
    assert str(catalog.locale) == "ja" and catalog.get("Title").locations == [(f"{PAGE}.ipynb", 10002)]


def test_an_english_message_that_changed_keeps_its_old_translation_marked_fuzzy(tmp_path):
    catalogs.update_catalogs(tmp_path, {PAGE: template("Title", PARAGRAPH, "Gone")}, ("ru",))
    translate(tmp_path, "ru", PAGE, {"Title": "Заголовок", PARAGRAPH: "Претензий {eval}`claims_total`, см. "
                                     "{doc}`глоссарий <glossary>`.", "Gone": "Нет"})
    changed = PARAGRAPH.replace("claims.", "claims in all.").replace("claims,", "claims in all,")
    catalogs.update_catalogs(tmp_path, {PAGE: template("Title", changed, "New")}, ("ru",))
    catalog = read(catalog_path(tmp_path, "ru", PAGE))
    assert catalog.get("Title").string == "Заголовок" and not catalog.get("Title").fuzzy
    assert catalog.get(changed).fuzzy and catalog.get(changed).string.startswith("Претензий")
    assert catalog.get("New").string == "" and catalog.get("Gone") is None


def test_an_update_that_changes_nothing_writes_nothing(tmp_path):
    templates = {PAGE: template("Title"), "interface": template("Data behind this chart")}
    assert len(catalogs.update_catalogs(tmp_path, templates, ("ja", "ru"))) == 4
    assert catalogs.update_catalogs(tmp_path, templates, ("ja", "ru")) == []


def test_the_catalog_of_a_page_no_longer_in_the_book_goes(tmp_path):
    catalogs.update_catalogs(tmp_path, {PAGE: template("Title"), "chapters/old": template("Old")}, ("ja",))
    removed = catalogs.update_catalogs(tmp_path, {PAGE: template("Title")}, ("ja",))
    assert removed == [catalog_path(tmp_path, "ja", "chapters/old")]
    assert not removed[0].exists()


def test_publishing_needs_every_message_translated_with_one_line_for_each_one_that_is_not(tmp_path):
    templates = {PAGE: template("Title", PARAGRAPH, "Missing", "Fuzzy", "Kept"), "chapters/none": template("X")}
    catalogs.update_catalogs(tmp_path, {PAGE: template("Title", PARAGRAPH, "Fuzzy", "Kept")}, ("ja",))
    translate(tmp_path, "ja", PAGE, {"Title": "題", PARAGRAPH: "主張は{eval}`claims_total`件。", "Fuzzy": "古い",
                                     "Kept": "保持"}, fuzzy={"Fuzzy"})
    problems = catalogs.catalog_problems(tmp_path, "ja", templates)
    page = f"locale/ja/LC_MESSAGES/{PAGE}.po"
    assert problems == [
        f'{page}: "There are {{eval}}`claims_total` claims, see the {{doc}}`glossary`.": its translation lacks '
        "{doc}`glossary`: keep the English's inline values, references and placeholders, each written as the "
        "English writes it",
        f'{page}: "Missing" is not in the catalog: run python -m unsigned_peace catalogs, then translate it',
        f'{page}: "Fuzzy" is marked fuzzy (its English changed): check the translation against the English, then '
        "remove the fuzzy flag",
        "locale/ja/LC_MESSAGES/chapters/none.po: no catalog for the page's 1 message: run python -m unsigned_peace "
        "catalogs, then translate it",
    ]
    assert catalogs.catalog_counts(tmp_path, "ja", {PAGE: templates[PAGE]})[0].translated == 3


def test_an_empty_translation_is_no_translation(tmp_path):
    catalogs.update_catalogs(tmp_path, {PAGE: template("Title")}, ("ru",))
    assert catalogs.catalog_problems(tmp_path, "ru", {PAGE: template("Title")}) == [
        f'locale/ru/LC_MESSAGES/{PAGE}.po: "Title" has no translation: write its msgstr']


def test_a_translation_keeps_the_values_references_links_and_placeholders_of_the_english():
    english = "Of {eval}`claims_total` claims ([the table](#tbl-claims)), see {doc}`glossary`; {total} in all."
    assert catalogs.changed_markup(english, "{total}件。{doc}`用語集 <glossary>`、[表](#tbl-claims)、"
                                            "{eval}`claims_total`") == ""
    assert catalogs.changed_markup(english, "{eval}`claims` [表](#tbl-claims) {doc}`glossary` {shown}") == (
        "lacks {eval}`claims_total` {total} and adds {eval}`claims` {shown}")


def test_words_are_counted_as_a_translator_reads_them():
    assert catalogs.words("There are {eval}`claims_total` claims ([the table](#tbl-claims)); Japan's case.") == 8


def test_the_interface_speaks_the_edition_s_language_and_english_where_a_draft_has_no_translation(tmp_path):
    catalogs.update_catalogs(tmp_path, {"interface": template("Cite this chapter", "Showing all {total} {noun}")},
                             ("ja",))
    translate(tmp_path, "ja", "interface", {"Showing all {total} {noun}": "全{total}件の{noun}を表示"})
    texts = interface_texts(tmp_path, "ja")
    assert fill(texts("Showing all {total} {noun}"), total="147", noun="出来事") == "全147件の出来事を表示"
    assert texts("Cite this chapter") == "Cite this chapter"
    assert interface_texts(tmp_path, "en")("Cite this chapter") == "Cite this chapter"
    # A brace a translation adds of its own is kept as written.
    assert fill("{total} {unknown}", total=3) == "3 {unknown}"


def test_an_edition_s_configuration_has_its_language_catalogs_and_translated_settings(tmp_path):
    (tmp_path / "_config.yml").write_text("title: The Book\ndescription: >-\n  A book\n  about islands.\n"
                                          "sphinx:\n  config:\n    language: en\n    numfig: true\n"
                                          "    html_theme_options:\n      navbar_persistent: []\n", encoding="utf-8")
    catalogs.update_catalogs(tmp_path, {"interface": catalogs.extract_interface(tmp_path)}, ("ru",))
    translate(tmp_path, "ru", "interface", {"The Book": "Книга", "A book about islands.": "Книга об островах.",
                                            "Show code cell source": "Показать код"})
    config = edition_config(tmp_path, "ru")
    assert config["title"] == "Книга" and config["description"] == "Книга об островах."
    sphinx = config["sphinx"]["config"]
    assert sphinx["language"] == "ru" and sphinx["locale_dirs"] == ["locale"] and sphinx["numfig"] is True
    assert sphinx["gettext_compact"] is False
    assert sphinx["nb_code_prompt_show"] == "Показать код" and sphinx["nb_code_prompt_hide"] == "Hide code cell source"
    # The search field's placeholder, untranslated in a draft, joins the theme's other options.
    assert sphinx["html_theme_options"] == {"navbar_persistent": [], "search_bar_text": "Search this book..."}


def test_the_code_toggles_are_translated_whole_for_the_only_cells_the_book_hides():
    """myst-nb writes "source" into its label of a toggle for a cell whose input is hidden (`{type}`), "outputs"
    or "content" for the others: an edition translates the whole label of the one kind the book uses."""
    import nbformat

    tags = {tag for notebook in sorted((ROOT / "chapters").glob("*.ipynb"))
            for cell in nbformat.read(notebook, as_version=4).cells
            for tag in cell.get("metadata", {}).get("tags", []) if tag.startswith("hide-")}
    assert tags == {HIDDEN_INPUT_TAG}
    assert not any("{type}" in prompt for prompt in CODE_PROMPTS.values())


def test_the_interface_messages_come_from_the_machinery_the_scripts_and_the_settings(tmp_path):
    (tmp_path / "_config.yml").write_text("title: The Book\nauthor: The Book's authors\n", encoding="utf-8")
    (tmp_path / "CITATION.cff").write_text('title: "The Book"\nauthors:\n  - name: "The Book\'s authors"\n'
                                           '  - given-names: Ann\n    family-names: Smith\n', encoding="utf-8")
    found = {message.id: message for message in catalogs.extract_interface(tmp_path) if message.id}
    # The authors' line as the theme shows it and as the citations give a body's name; a person's name is no message.
    assert found["The Book's authors"].locations == [("_config.yml", None), ("CITATION.cff", None)]
    assert "Ann Smith" not in found and "Smith" not in found
    assert found["Data behind this chart"].locations == [("unsigned_peace/machinery/content/charts.py", None)]
    assert [file for file, _ in found["Showing all {total} {noun}"].locations] == [
        "unsigned_peace/machinery/content/filters.py", "unsigned_peace/machinery/html/static/unsigned-peace-filter.js"]
    assert "Loading the interactive chart…" in found
    assert found["The Book"].locations == [("_config.yml", None), ("CITATION.cff", None)]


def test_a_page_links_to_itself_in_every_edition():
    assert edition_href("chapters/01-article.html", "en", "ja") == "../ja/chapters/01-article.html"
    assert edition_href("chapters/01-article.html", "ja", "en") == "../../chapters/01-article.html"
    assert edition_href("chapters/01-article.html", "ja", "ru") == "../../ru/chapters/01-article.html"
    assert edition_href("search.html", "ru", "ru") == "search.html"


def test_the_book_reads_no_page_from_a_hidden_folder_of_the_checkout(tmp_path):
    """Tools leave hidden folders with a README.md in the checkout (pytest's cache, when run without the
    project's options); the translated editions' message extraction reads every page Sphinx finds, and
    took one for a page of the book without a catalog, which failed the build."""
    from sphinx.util.matching import get_matching_files

    for page in (".pytest_cache/README.md", "chapters/.ipynb_checkpoints/intro-checkpoint.md", "chapters/intro.md"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("# A page\n", encoding="utf-8")
    excluded = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["exclude_patterns"]
    assert sorted(get_matching_files(tmp_path, exclude_patterns=excluded)) == ["chapters/intro.md"]
