"""The language the command line answers in: ``--lang``, else the environment's locale.

Chinese when the choice starts with ``zh``, English otherwise. The environment is read as
gettext does: LANGUAGE (a list, first entry) unless the locale is C/POSIX, then LC_ALL,
LC_MESSAGES and LANG.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from platformdirs import user_cache_path

from app.ui.i18n import install_command_line_translation

APPLICATION = "FieldArchive"
LANG_OPTION = "--lang"


def environment_language(env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    locale = next((env[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(k)), "")
    choice = locale
    if locale.split(".")[0] not in ("C", "POSIX") and env.get("LANGUAGE"):
        choice = env["LANGUAGE"].split(":")[0]
    return "zh_CN" if choice.lower().startswith("zh") else "en"


def option_language(args: Sequence[str]) -> str | None:
    """The value of ``--lang X`` / ``--lang=X`` anywhere on the command line."""
    for i, arg in enumerate(args):
        if arg == LANG_OPTION and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(LANG_OPTION + "="):
            return arg.split("=", 1)[1]
    return None


def chosen_language(args: Sequence[str], env: Mapping[str, str] | None = None) -> str:
    given = option_language(args)
    if given:
        return "zh_CN" if given.lower().startswith("zh") else "en"
    return environment_language(env)


def install(args: Sequence[str]) -> str:
    """Make ``message_text`` answer in the chosen language; returns the language in use."""
    language = chosen_language(args)
    cache = user_cache_path(APPLICATION, appauthor=False) / "i18n"
    if not install_command_line_translation(language, cache):
        return "en"
    return language
