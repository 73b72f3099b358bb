"""Translations: Qt's ``tr()`` text, loaded from ``resources/translations`` at start-up.

A translation is a compiled ``pht-desktop_<locale>.qm`` file (see docs/translating.md);
when none matches the user's languages, the English source text is shown. Qt's own
strings (standard buttons, colour dialogs) come from Qt's ``qtbase_<locale>.qm``.

English itself has one catalogue, ``pht-desktop_en.qm``, holding only the plural forms
("%n day(s)" → "1 day" / "2 days"). It is always installed first, under any other
language, so a text a translation lacks still reads as English, not as "1 day(s)".
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pht_desktop.resources import resource

log = logging.getLogger(__name__)

CATALOGUE = "pht-desktop"
ENGLISH = f"{CATALOGUE}_en"
"""The English plural forms, installed under every language."""


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
    installed = install_english_plurals(app)
    if locale.language() == QLocale.Language.English:
        return installed
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


def install_english_plurals(app: QCoreApplication) -> list[QTranslator]:
    """The English plural forms (the translator installed first is searched last)."""
    translator = QTranslator(app)
    if translator.load(ENGLISH, str(translations_dir())) and app.installTranslator(translator):
        return [translator]
    log.warning("English plural forms not found in %s", translations_dir())
    translator.deleteLater()
    return []
