"""Translations: Qt's ``tr()`` text, loaded from ``resources/translations`` at start-up.

A translation is a compiled ``pht-desktop_<locale>.qm`` file (see docs/translating.md);
when none matches the user's languages, the English source text is shown. Qt's own
strings (standard buttons, colour dialogs) come from Qt's ``qtbase_<locale>.qm``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pht_desktop.resources import resource

log = logging.getLogger(__name__)

CATALOGUE = "pht-desktop"


def translations_dir() -> Path:
    return resource("translations")


def install_translator(
    app: QCoreApplication, locale: QLocale | None = None, directory: Path | None = None
) -> list[QTranslator]:
    """Install the app's (and Qt's) translations for ``locale`` (default: the system's).

    Returns the translators installed, parented to ``app`` so they live as long as it;
    an empty list means English source text.
    """
    locale = QLocale() if locale is None else locale
    folder = translations_dir() if directory is None else directory
    installed: list[QTranslator] = []
    for name, where in (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        (CATALOGUE, str(folder)),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", where, ".qm") and app.installTranslator(translator):
            installed.append(translator)
            log.info("translation loaded: %s", translator.filePath())
        else:
            translator.deleteLater()
    return installed
