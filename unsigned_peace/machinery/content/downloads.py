"""Data downloads and the data dictionary, both generated from `data/datapackage.json`.

- The HTML build copies `datapackage.json` and every CSV it lists into `_downloads/data/`, beside one
  another, so the folder a reader downloads from is itself a valid data package.
- The `{data-package}` directive writes the "Data and downloads" page: a table of the data's tables
  (title, description, rows, fields, download link), then one section per table with a table of its
  fields (name, type, required, description, allowed values), then one section for every translation
  table together (`data/translations/<language>/`, which all share one form): a paragraph on that form
  and a table of the files (download link, what each translates, its language, rows). Nothing on it is
  typed by hand: edit the descriptor and the page follows. A translated edition shows the descriptor's
  words (titles, descriptions, the codebooks' labels) as the data translates them
  (`unsigned_peace.translations.descriptor_in`: `data/translations/<language>/descriptor.csv` and
  `codebooks.csv`).

Everything is built as docutils nodes, whose text the writers escape; no descriptor text is parsed
as markup.
"""

from __future__ import annotations

import csv
import posixpath
import shutil
from pathlib import Path

from babel import Locale
from babel.numbers import format_decimal
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from unsigned_peace.escape import for_spreadsheet, starts_like_formula
from unsigned_peace.language import SOURCE_LANGUAGE
from unsigned_peace.machinery.content.table_cells import column_shares
from unsigned_peace.machinery.content.translation import edition_language
from unsigned_peace.machinery.shared.editions import is_website
from unsigned_peace.machinery.shared.interface import N_, Texts, english, fill, interface_texts
from unsigned_peace.paths import DESCRIPTOR_NAME, data_dir
from unsigned_peace.schema import descriptor as read_descriptor
from unsigned_peace.translations import CODEBOOKS, DESCRIPTOR, descriptor_in, descriptor_inputs, translates

DOWNLOAD_FOLDER = "data"  # under the HTML builder's `_downloads/`
DESCRIPTOR_TEXT = "up-data-resource"


def package_files(folder: Path) -> list[str]:
    """`datapackage.json` and the path of every resource it lists, relative to the data folder."""
    return [DESCRIPTOR_NAME, *(resource["path"] for resource in read_descriptor(folder)["resources"])]


def count_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


class data_download(nodes.Inline, nodes.TextElement):
    """A link to one file of the data package; HTML gets a download link, other builders the name."""


def visit_data_download_html(self, node: data_download) -> None:
    if not is_website(self.builder):  # the EPUB holds no data files: their names alone
        return
    href = posixpath.join(self.builder.dlpath, DOWNLOAD_FOLDER, node["filename"])
    self.body.append(self.starttag(node, "a", "", CLASS="reference download internal", href=href,
                                   download=""))


def depart_data_download_html(self, node: data_download) -> None:
    if is_website(self.builder):
        self.body.append("</a>")


def _pass(self, node) -> None:
    pass


def download_link(filename: str) -> data_download:
    link = data_download("", "", filename=filename)
    link += nodes.literal(filename, filename)
    return link


def _table(table_id: str, caption: str, header: list[str], rows: list[list[nodes.Node | str]]) -> nodes.table:
    # The web page's widths, from the cells as print reads them (which then lets the table break across pages).
    table = nodes.table(classes=["up-data-table", "colwidths-given"])
    table["ids"].append(table_id)
    table["names"].append(table_id)
    table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(header))
    table += group
    heading, body_rows = _row(header, header=True), [_row(cells) for cells in rows]
    for width in column_shares(list(heading.children), [list(row.children) for row in body_rows]):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += heading
    body = nodes.tbody()
    group += body
    body.extend(body_rows)
    return table


def _row(cells: list[nodes.Node | str], header: bool = False) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        if isinstance(cell, nodes.Node):
            entry += cell if isinstance(cell, nodes.Body) else nodes.paragraph("", "", cell)
        else:
            entry += nodes.paragraph(cell, cell)
        row += entry
    return row


TYPE_RULES = {"date": N_("a date written YYYY-MM-DD"), "integer": N_("a whole number"), "number": N_("a number")}
ANY_TEXT = N_("any text")


def _field_rules(spec: dict, texts: Texts = english) -> str:
    """The constraints of one field in words."""
    rules = []
    constraints = spec.get("constraints", {})
    if "enum" in constraints:
        rules.append(fill(texts(N_("one of: {values}")), values=", ".join(map(str, constraints["enum"]))))
    if spec.get("type") == "list":
        rules.append(fill(texts(N_("a list separated by “{delimiter}”")), delimiter=spec.get("delimiter", ",")))
        if "itemEnum" in spec:
            rules.append(fill(texts(N_("each one of: {values}")), values=", ".join(map(str, spec["itemEnum"]))))
        if "itemReference" in spec:
            reference = spec["itemReference"]
            rules.append(fill(texts(N_("each a {field} in {resource}")), field=reference["field"],
                              resource=reference["resource"]))
    if spec.get("format") == "uri":
        rules.append(texts(N_("a web address beginning http:// or https://")))
    if "pattern" in constraints:
        rules.append(fill(texts(N_("matches the pattern {pattern}")), pattern=constraints["pattern"]))
    if "maxLength" in constraints:
        rules.append(fill(texts(N_("at most {count} characters")), count=constraints["maxLength"]))
    if "minimum" in constraints or "maximum" in constraints:
        rules.append(fill(texts(N_("from {minimum} to {maximum}")), minimum=constraints.get("minimum", "…"),
                          maximum=constraints.get("maximum", "…")))
    if "trueValues" in spec:
        rules.append(fill(texts(N_("written {values}")),
                          values=texts(N_(" or ")).join(spec["trueValues"] + spec.get("falseValues", []))))
    if not rules:
        rules.append(texts(TYPE_RULES.get(spec.get("type", "string"), ANY_TEXT)))
    return "; ".join(rules)


class DataPackageDirective(SphinxDirective):
    """``{data-package}``: the table of files and one field table per file."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        texts = interface_texts(Path(self.env.srcdir), edition_language(self.env.config))
        language = edition_language(self.env.config)
        folder = data_dir(Path(self.env.srcdir))
        # The descriptor's words in the edition's language (the English edition's, the descriptor itself).
        descriptor = descriptor_in(read_descriptor(folder), language, folder)
        self.env.note_dependency(str(folder / DESCRIPTOR_NAME))
        for path in descriptor_inputs(language, folder):
            self.env.note_dependency(str(path))
        primary_keys = {}
        # The translation tables are described together, after the data's own tables.
        tables = [resource for resource in descriptor["resources"] if translates(resource) is None]
        translation_tables = [resource for resource in descriptor["resources"] if translates(resource) is not None]

        files_rows = []
        for resource in tables:
            path = folder / resource["path"]
            self.env.note_dependency(str(path))
            primary_keys[resource["name"]] = resource["schema"].get("primaryKey", [])
            files_rows.append([
                download_link(resource["path"]), resource.get("title", resource["name"]),
                resource.get("description", ""), format_decimal(count_rows(path), locale=language),
                str(len(resource["schema"]["fields"])),
            ])

        intro = nodes.paragraph()
        before, _, after = texts(N_("Download the whole package description, with every field's type and rules, "
                                    "as {file} (a Frictionless Data Package, version {version}).")).partition("{file}")
        intro += nodes.Text(before)
        intro += download_link(DESCRIPTOR_NAME)
        intro += nodes.Text(fill(after, version=descriptor.get("version", "?")))
        licences = ", ".join(licence.get("title", licence.get("name", ""))
                             for licence in descriptor.get("licenses", []))
        if licences:
            intro += nodes.Text(" " + fill(texts(N_("Licence: {licences}.")), licences=licences))
        output: list[nodes.Node] = [intro, _table(
            "tbl-data-files", texts(N_("The files of the data package")),
            [texts(N_("File")), texts(N_("Title")), texts(N_("Description")), texts(N_("Rows")), texts(N_("Fields"))],
            files_rows,
        )]
        output += source_kinds(folder, descriptor, texts, language)

        for resource in tables:
            section_id = nodes.make_id(f"data-{resource['name']}")
            # Marked as the descriptor's own text (translated with the data, descriptor.csv).
            section = nodes.section(ids=[section_id], names=[section_id], classes=[DESCRIPTOR_TEXT])
            heading = resource.get("title", resource["name"])
            section += nodes.title(heading, heading)
            lead = nodes.paragraph()
            lead += download_link(resource["path"])
            lead += nodes.Text(": " + resource.get("description", ""))
            keys = primary_keys[resource["name"]]
            if keys:
                lead += nodes.Text(" " + fill(texts(N_("Each row is identified by {keys}.")), keys=", ".join(keys)))
            section += lead
            field_rows = []
            for spec in resource["schema"]["fields"]:
                required = texts(N_("yes") if spec.get("constraints", {}).get("required") else N_("no"))
                description = spec.get("description", "")
                title = spec.get("title")
                kind = spec.get("type", "string")
                # The name and the type as the descriptor writes them (Frictionless's words), in every edition.
                field_rows.append([
                    nodes.literal(spec["name"], spec["name"]), nodes.literal(kind, kind), required,
                    f"{title}: {description}" if title else description, _field_rules(spec, texts),
                ])
            section += _table(
                f"tbl-data-fields-{nodes.make_id(resource['name'])}",
                fill(texts(N_("The fields of {file}")), file=resource["path"]),
                [texts(N_("Field")), texts(N_("Type")), texts(N_("Required")), texts(N_("Description")),
                 texts(N_("Allowed values"))], field_rows,
            )
            output.append(section)
        if translation_tables:
            output.append(translations_section(folder, descriptor, translation_tables, texts, language))
            for resource in translation_tables:
                self.env.note_dependency(str(folder / resource["path"]))
        for node in output:
            node["support_smartquotes"] = False  # the descriptor's text as written, like the CSVs'
            # The descriptor's text and the book's own words (the interface catalog's) are no messages of the
            # page's catalog: a translated edition gets them from the data and the interface.
            for text in node.findall(nodes.TextElement):
                text["translatable"] = False
        return output


TRANSLATIONS_LEAD = N_(
    "The Japanese and Russian editions show the data's text in their language from the files below, one for "
    "each table and language, one for the codebooks' labels and meanings and one for this page's titles and "
    "descriptions. Each row translates one cell: the key of the row it translates (for the codebooks, codebook "
    "and value; for the package description, path), then column (what it translates), en (the English it "
    "translates) and text (the translation). The data check refuses a row whose en is no longer the English: "
    "its translation must then be renewed.")


def translations_section(folder: Path, descriptor: dict, resources: list[dict], texts: Texts = english,
                         language: str = SOURCE_LANGUAGE) -> nodes.section:
    """Every translation table in one section: what they share, then one row per file (its link, what it
    translates, its language, its rows), each table's languages side by side."""
    section_id = "data-translations"
    section = nodes.section(ids=[section_id], names=[section_id])
    heading = texts(N_("Translations of the data"))
    section += nodes.title(heading, heading)
    section += nodes.paragraph(text=texts(TRANSLATIONS_LEAD))
    titles = {r["name"]: r.get("title", r["name"]) for r in descriptor["resources"]}
    paths = {r["name"]: r["path"] for r in descriptor["resources"]}
    subjects = list(dict.fromkeys(translates(r)[0] for r in resources))
    names = Locale.parse(language).languages
    rows = []
    for resource in sorted(resources, key=lambda r: subjects.index(translates(r)[0])):
        subject, translated_language = translates(resource)
        if subject == CODEBOOKS:
            what = texts(N_("The codebooks' labels and meanings"))
        elif subject == DESCRIPTOR:
            what = texts(N_("The titles and descriptions of this page"))
        else:
            what = fill(texts(N_("{title} ({file})")), title=titles.get(subject, subject),
                        file=paths.get(subject, subject))
        name = names.get(translated_language, translated_language)
        rows.append([download_link(resource["path"]), what, name[:1].upper() + name[1:],
                     format_decimal(count_rows(folder / resource["path"]), locale=language)])
    section += _table("tbl-data-translations", texts(N_("The translation tables")),
                      [texts(N_("File")), texts(N_("Translates")), texts(N_("Language")), texts(N_("Rows"))], rows)
    return section


def source_kinds(folder: Path, descriptor: dict, texts: Texts = english,
                 language: str = SOURCE_LANGUAGE) -> list[nodes.Node]:
    """How many sources of each kind the book uses (the kinds' labels from the descriptor's codebook),
    and how many of them were read on a copy of the page rather than the page itself."""
    resource = next((r for r in descriptor["resources"] if r["name"] == "sources"), None)
    kind_field = next((f for f in (resource or {}).get("schema", {}).get("fields", []) if f["name"] == "kind"), {})
    labels = {value: entry["label"] for value, entry in
              descriptor.get("codebooks", {}).get(kind_field.get("codebook", ""), {}).items()}
    if resource is None or not labels:
        return []
    with (folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
        sources = list(csv.DictReader(handle))
    rows = []
    for value, label in labels.items():
        of_kind = [s for s in sources if s.get("kind") == value]
        copies = sum(1 for s in of_kind if s.get("read_at"))
        rows.append([label, format_decimal(len(of_kind), locale=language), format_decimal(copies, locale=language)])
    rows.append([texts(N_("All sources")), format_decimal(len(sources), locale=language),
                 format_decimal(sum(1 for s in sources if s.get("read_at")), locale=language)])
    lead = nodes.paragraph(text=texts(N_(
        "Every source the data cites is listed in sources.csv with its kind, so a reader can weigh it. Where a page "
        "could be read only on a copy, the source names the original and read_at gives the copy's address.")))
    return [lead, _table("tbl-data-source-kinds", texts(N_("The sources the book uses, by kind")),
                         [texts(N_("Kind of source")), texts(N_("Sources")), texts(N_("Of them read on a copy"))],
                         rows)]


def copy_downloads(app: Sphinx, exception: Exception | None) -> None:
    """Copy the data package into `_downloads/data/` of an HTML build."""
    if exception is not None or not is_website(app.builder):
        return
    folder = data_dir(Path(app.srcdir))
    target = Path(app.outdir) / "_downloads" / DOWNLOAD_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for name in package_files(folder):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".csv"):
            copy_for_spreadsheets(folder / name, target / name)
        else:
            shutil.copyfile(folder / name, target / name)


def copy_for_spreadsheets(source: Path, target: Path) -> None:
    """Copy a CSV that readers will open in a spreadsheet. The data check refuses a cell a spreadsheet
    would run as a formula, so this is a byte-for-byte copy; should such a cell ever get past the check,
    it is written as text (escape.for_spreadsheet) rather than handed to a reader's spreadsheet."""
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not any(starts_like_formula(cell) for row in rows for cell in row):
        shutil.copyfile(source, target)
        return
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([[for_spreadsheet(cell) for cell in row] for row in rows])


HTML_VISITORS = (visit_data_download_html, depart_data_download_html)
# Other builders write nothing for a download link.
OTHER_VISITORS = {builder: (_pass, _pass) for builder in ("latex", "text", "man", "texinfo")}
