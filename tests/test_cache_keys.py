"""The one key every cache is kept under, and its stamp file (unsigned_peace.cache_keys)."""

from unsigned_peace.cache_keys import Stamp, inputs_digest


def test_the_same_inputs_give_the_same_key_and_any_change_another(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("id\n1\n")
    second.write_text("id\n2\n")
    key = inputs_digest([first, second], "800", "source")
    assert inputs_digest([first, second], "800", "source") == key

    other_keys = {
        "other words": inputs_digest([first, second], "800", "another source"),
        "words split elsewhere": inputs_digest([first, second], "80", "0source"),
        "one file fewer": inputs_digest([first], "800", "source"),
        "files in another order": inputs_digest([second, first], "800", "source"),
    }
    second.write_text("id\n3\n")
    other_keys["other bytes"] = inputs_digest([first, second], "800", "source")
    second.write_text("id\n2\n")
    renamed = second.rename(tmp_path / "c.csv")
    other_keys["another name"] = inputs_digest([first, renamed], "800", "source")
    assert key not in other_keys.values()
    assert len(set(other_keys.values())) == len(other_keys)


def test_a_shorter_key_is_the_start_of_the_whole_one(tmp_path):
    whole = inputs_digest((), "figure")
    assert len(whole) == 64
    assert inputs_digest((), "figure", length=20) == whole[:20]


def test_a_stamp_holds_the_key_it_recorded_and_no_other(tmp_path):
    stamp = Stamp(tmp_path / "cache" / "inputs.sha256")
    key, other = inputs_digest((), "one"), inputs_digest((), "two")
    assert not stamp.holds(key)  # nothing recorded yet: the work is done
    stamp.record(key)
    assert stamp.holds(key)
    assert not stamp.holds(other)
    stamp.record(other)
    assert stamp.holds(other) and not stamp.holds(key)
