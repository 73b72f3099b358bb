"""A watch's run file (GPX 1.1, TCX, FIT) read into one :class:`RunRecord` (issue 14).

Pure: bytes in, a value out, no file system and no database. Each format is decoded by
a well-kept parser (``fitdecode`` for FIT, the standard library's ElementTree through
``defusedxml`` for GPX and TCX) into a :class:`Track`, and every track then goes
through the same :func:`summarise`, so a run means the same thing whichever watch wrote
it. A file that cannot be read raises :class:`RunFileError` with one sentence; a
readable activity that is not a run raises :class:`NotARunError`. One concept per module:

- :mod:`.track`: what a reader hands on (``Track``, ``Sample``) and the two refusals;
- :mod:`.parse`: bytes → record: size caps, gzip, the format, reader then summary;
- :mod:`.xml_readers`: GPX and TCX (no DTD, no entity, ever);
- :mod:`.fit_reader`: FIT through fitdecode, the whole file's CRC checked;
- :mod:`.summary`: track → ``RunRecord``: times, distance, run-walk, the sport;
- :mod:`.climbing`: heights → gain, steepest 300 m, short hill efforts;
- :mod:`.paces`: fastest stretches, 20 s window paces.

Callers import from the package; the names below are its public face. ``pace_label``
(``domain/pace.py``) and ``SUFFIXES`` (``domain/run_file_names.py``) live outside it,
so what the start shows and the window's drops need none of the readers.
"""

from pht_desktop.domain.pace import pace_label
from pht_desktop.domain.run_file_names import SUFFIXES
from pht_desktop.domain.run_files.climbing import (
    CLIMB_SEGMENT_M,
    ELEVATION_NOISE_M,
    GPS_ELEVATION_NOISE_M,
    HEIGHT_STEP_M,
    HILL_EFFORT_GRADE,
    HILL_EFFORT_MIN_M,
    SMOOTH_GPS_M,
    STEADY_BEND_M,
    Climbing,
    climbing,
    climbs,
    elevation_gain,
    heights_are_steady,
    moving_average,
)
from pht_desktop.domain.run_files.fit_reader import read_fit
from pht_desktop.domain.run_files.paces import (
    BEST_KM_M,
    FAST_SEGMENT_M,
    GLITCH_SPEED_MPS,
    MOVING_SPEED_MPS,
    STRIDE_STEP_S,
    STRIDE_WINDOW_S,
    fastest_over,
    median_pace,
    window_noise_mps,
    window_paces,
)
from pht_desktop.domain.run_files.parse import (
    MAX_BYTES,
    MAX_FILE_BYTES,
    detect_format,
    gunzip_bounded,
    parse_run_file,
)
from pht_desktop.domain.run_files.summary import (
    EARLIEST_START,
    MAX_DURATION_S,
    MAX_RUN_SPEED_MPS,
    MAX_SAMPLES,
    RUN_WALK_SHARE,
    STYLE_WINDOW_S,
    THIN_TO_S,
    UNTYPED_MAX_SPEED_MPS,
    WALK_AVG_SPEED_MPS,
    WALK_SPEED_MPS,
    RunRecord,
    judge_sport,
    normalise_sport,
    summarise,
)
from pht_desktop.domain.run_files.track import (
    FORMAT_NAMES,
    NotARunError,
    RunFileError,
    RunFormat,
    Sample,
    Track,
)
from pht_desktop.domain.run_files.xml_readers import read_gpx, read_tcx

__all__ = [
    "BEST_KM_M",
    "CLIMB_SEGMENT_M",
    "EARLIEST_START",
    "ELEVATION_NOISE_M",
    "FAST_SEGMENT_M",
    "FORMAT_NAMES",
    "GLITCH_SPEED_MPS",
    "GPS_ELEVATION_NOISE_M",
    "HEIGHT_STEP_M",
    "HILL_EFFORT_GRADE",
    "HILL_EFFORT_MIN_M",
    "MAX_BYTES",
    "MAX_DURATION_S",
    "MAX_FILE_BYTES",
    "MAX_RUN_SPEED_MPS",
    "MAX_SAMPLES",
    "MOVING_SPEED_MPS",
    "RUN_WALK_SHARE",
    "SMOOTH_GPS_M",
    "STEADY_BEND_M",
    "STRIDE_STEP_S",
    "STRIDE_WINDOW_S",
    "STYLE_WINDOW_S",
    "SUFFIXES",
    "THIN_TO_S",
    "UNTYPED_MAX_SPEED_MPS",
    "WALK_AVG_SPEED_MPS",
    "WALK_SPEED_MPS",
    "Climbing",
    "NotARunError",
    "RunFileError",
    "RunFormat",
    "RunRecord",
    "Sample",
    "Track",
    "climbing",
    "climbs",
    "detect_format",
    "elevation_gain",
    "fastest_over",
    "gunzip_bounded",
    "heights_are_steady",
    "judge_sport",
    "median_pace",
    "moving_average",
    "normalise_sport",
    "pace_label",
    "parse_run_file",
    "read_fit",
    "read_gpx",
    "read_tcx",
    "summarise",
    "window_noise_mps",
    "window_paces",
]
