"""Output types of the book's own displays, other than charts (charts/mime.py), named where the book's
build can read them without loading pandas."""

# An index of a table's rows by the values a reader can filter them on (unsigned_peace.chronology).
FILTER_MIME = "application/vnd.unsigned-peace.row-filter+json"
