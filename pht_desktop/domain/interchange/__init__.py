"""The interchange format as pure data and functions (see docs/data-format.md).

One table per kind, written as CSV files in a zip or as one JSON document. No I/O: the
service reads and writes the bytes. One concept per module:

- :mod:`.schema`: names, limits, columns, kinds, problems;
- :mod:`.kinds`: the table of kinds (every file's columns, key and checks);
- :mod:`.checks`: the domain validators adapted to cells and rows;
- :mod:`.values`: formula neutralisation, UTC moments, bounded JSON;
- :mod:`.encode`: typed records → the files of an export;
- :mod:`.parse`: cells → typed, checked values; rows → records;
- :mod:`.decode`: an export's files → validated tables, cross-file references;
- :mod:`.report`: what an import did, as sentences.

Callers import from the package; the names below are its public face.
"""

from pht_desktop.domain.interchange.decode import (
    Parsed,
    check_references,
    decode_archive,
    iter_csv,
    read_csv,
)
from pht_desktop.domain.interchange.encode import (
    dump_document,
    encode_archive,
    encode_cell,
    encode_csv,
    encode_json_value,
    exercise_refs,
    manifest,
    verdict_records,
)
from pht_desktop.domain.interchange.kinds import IMPORT_KINDS, KINDS, KINDS_BY_NAME
from pht_desktop.domain.interchange.parse import Row, duplicate_keys, parse_rows, parse_value
from pht_desktop.domain.interchange.report import ImportReport, KindCount
from pht_desktop.domain.interchange.schema import (
    CUSTOM_REF_PREFIX,
    EARLIEST_UTC_OFFSET,
    FORMAT_NAME,
    FORMAT_VERSION,
    JSON_DOCUMENT_NAME,
    LATEST_UTC_OFFSET,
    MANIFEST_NAME,
    MAX_JSON_DEPTH,
    MAX_PROBLEMS,
    MAX_PROBLEMS_SHOWN,
    MAX_ROWS_PER_KIND,
    Check,
    Column,
    ColumnType,
    Context,
    Kind,
    Problem,
    Record,
)
from pht_desktop.domain.interchange.values import (
    FORMULA_STARTS,
    exc_line,
    json_depth,
    load_json,
    neutralise,
    unneutralise,
)

__all__ = [
    "CUSTOM_REF_PREFIX",
    "EARLIEST_UTC_OFFSET",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "FORMULA_STARTS",
    "IMPORT_KINDS",
    "JSON_DOCUMENT_NAME",
    "KINDS",
    "KINDS_BY_NAME",
    "LATEST_UTC_OFFSET",
    "MANIFEST_NAME",
    "MAX_JSON_DEPTH",
    "MAX_PROBLEMS",
    "MAX_PROBLEMS_SHOWN",
    "MAX_ROWS_PER_KIND",
    "Check",
    "Column",
    "ColumnType",
    "Context",
    "ImportReport",
    "Kind",
    "KindCount",
    "Parsed",
    "Problem",
    "Record",
    "Row",
    "check_references",
    "decode_archive",
    "dump_document",
    "duplicate_keys",
    "encode_archive",
    "encode_cell",
    "encode_csv",
    "encode_json_value",
    "exc_line",
    "exercise_refs",
    "iter_csv",
    "json_depth",
    "load_json",
    "manifest",
    "neutralise",
    "parse_rows",
    "parse_value",
    "read_csv",
    "unneutralise",
    "verdict_records",
]
