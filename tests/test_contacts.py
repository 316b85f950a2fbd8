"""Every contact with another package's internals is listed with a test that guards it, and that test exists."""

import ast

from conftest import ROOT

from unsigned_peace.machinery.wiring.contacts import CONTACTS


def test_each_contact_names_a_test_that_exists_and_a_file_of_the_book():
    assert CONTACTS
    for contact in CONTACTS:
        test_file, _, test_name = contact.guarded_by.partition("::")
        path = ROOT / test_file
        assert path.is_file(), f"{contact.reaches}: no {test_file}"
        names = {node.name for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.FunctionDef)}
        assert test_name in names, f"{contact.reaches}: {test_file} has no {test_name}"
        where = ROOT / contact.where if contact.where.startswith("tests/") else (
            ROOT / "unsigned_peace" / "machinery" / contact.where)
        assert where.exists(), contact.where
        assert contact.why.strip()
