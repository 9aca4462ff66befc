"""Every sentence the layers below the UI raise is a template the interface translates.

The walk finds, with ``ast``, every known-condition error (a ``StoreError`` subclass) and
every ``Message`` built in app/store, app/capture, app/export and app/domain (and the
command line's own sentences), and checks that each is given a template marked
``QT_TRANSLATE_NOOP("Errors", ...)``, never an f-string; then that each template, in the
Chinese interface, has a Chinese sentence with the same placeholders and no English one,
and that the English interface shows no Chinese.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import app
from app.domain.messages import Message, MessageValueError
from app.store.errors import StoreError
from app.ui import i18n

APP = Path(app.__file__).parent
LAYERS = ("store", "capture", "export", "domain")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
# Three Latin words in a row is a sentence; commands and options are names, not sentences.
LATIN_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}")
COMMAND = re.compile(r"fieldarchive(?: [a-z][\w-]*)*|--[\w-]+(?: [A-Z]+)?|e\.g\.")


def layer_files(*names: str) -> list[Path]:
    return sorted(p for name in names for p in (APP / name).rglob("*.py")
                  if "migrations" not in p.parts)


def import_layers() -> None:
    for name in LAYERS:
        package = importlib.import_module(f"app.{name}")
        for info in pkgutil.walk_packages(package.__path__, f"app.{name}."):
            if ".migrations" not in info.name:
                importlib.import_module(info.name)


def subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def error_classes() -> dict[str, type]:
    import_layers()
    found = {c.__name__: c for c in subclasses(StoreError)}
    return {"StoreError": StoreError, "MessageValueError": MessageValueError, **found}


def takes_template(cls: type) -> bool:
    """Classes with their own constructor (DuplicateItem) build their template inside."""
    if cls is MessageValueError:
        return True
    own = [c for c in cls.__mro__[:cls.__mro__.index(StoreError)] if "__init__" in c.__dict__]
    return not own


def marked(node: ast.expr) -> bool:
    if isinstance(node, ast.IfExp):  # one of two marked templates
        return marked(node.body) and marked(node.orelse)
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "QT_TRANSLATE_NOOP" and len(node.args) == 2
            and isinstance(node.args[0], ast.Constant) and node.args[0].value == "Errors")


def marked_constants() -> set[str]:
    """Module-level names anywhere in app/ assigned a marked template
    (``ENTRY_TOO_LONG = QT_TRANSLATE_NOOP("Errors", ...)``)."""
    found = set()
    for path in APP.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and marked(node.value):
                found |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return found


_CONSTANTS: set[str] = set()


def passed_on(node: ast.expr) -> bool:
    """A template handed on: ``err.template``, a code table's marked ``label_en``, a
    variable holding marked templates, or a module constant that is one."""
    if isinstance(node, ast.Attribute) and node.attr in ("template", "label_en"):
        return True
    if not _CONSTANTS:
        _CONSTANTS.update(marked_constants())
    # A lookup in a table of marked templates (FIELD_LABELS.get(code), REASON_WORDS[key]).
    table = (node.value if isinstance(node, ast.Subscript) else
             node.func.value if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute) and node.func.attr == "get" else None)
    if isinstance(table, ast.Name) and table.id.isupper():
        return True
    return isinstance(node, ast.Name) and node.id in {"template", "CUT_SHORT",
                                                       "STOPPED_BY_USER", "NEED_PASSPHRASE", "what",
                                                       *_CONSTANTS}


def call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def unmarked_calls(paths: list[Path], names: set[str]) -> list[str]:
    bad = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and call_name(node) in names:
                first = node.args[0] if node.args else None
                if first is None or not (marked(first) or passed_on(first)):
                    bad.append(f"{path.relative_to(APP.parent)}:{node.lineno} "
                               f"{call_name(node)}(...)")
    return bad


def templates(paths: list[Path]) -> set[str]:
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and marked(node) and not isinstance(node, ast.IfExp):
                value = node.args[1]
                assert isinstance(value, ast.Constant), f"{path}:{node.lineno}"
                found.add(value.value)
    return found


def test_every_error_the_layers_raise_is_given_a_marked_template() -> None:
    classes = {name for name, cls in error_classes().items() if takes_template(cls)}
    assert {"NotFound", "InvalidInput", "CameraError", "MicrophoneError", "DamagedFile",
            "FontMissing", "DoubtfulTime"} <= classes
    assert unmarked_calls(layer_files(*LAYERS), classes) == []


def test_every_message_of_the_layers_and_the_command_line_is_marked() -> None:
    paths = layer_files(*LAYERS, "cli")
    assert unmarked_calls(paths, {"Message", "say"}) == []
    # The command line raises the layers' errors too (e.g. a recording lost to a full disk).
    assert unmarked_calls(layer_files("cli"), set(error_classes())) == []


def all_templates() -> list[str]:
    found = templates(layer_files(*LAYERS, "cli"))
    assert len(found) > 150
    return sorted(found)


@pytest.fixture
def chinese(tmp_path: Path) -> Iterator[None]:
    assert i18n.install_command_line_translation("zh_CN", tmp_path / "cache")
    yield
    i18n.uninstall_command_line_translation()


def sample(template: str) -> dict[str, str]:
    return {name: f"\u27e6{name}\u27e7" for name in PLACEHOLDER.findall(template)}


def without_names(text: str) -> str:
    text = re.sub("\u27e6\\w+\u27e7", " ", text)
    return COMMAND.sub(" ", text)


def test_the_chinese_interface_gets_chinese_with_the_same_placeholders(chinese: None) -> None:
    latin, untranslated, mismatched = [], [], []
    for template in all_templates():
        text = i18n.message_text(Message(template, sample(template)))
        words = without_names(text)
        if LATIN_RUN.search(words):
            latin.append(text)
        if text == Message(template, sample(template)).__str__() and CJK.search(
                without_names(template) + "中") and re.search(r"[A-Za-z]{3}", words):
            untranslated.append(template)
        translated = i18n._translate("Errors", template)
        if set(PLACEHOLDER.findall(translated)) != set(PLACEHOLDER.findall(template)):
            mismatched.append(template)
    assert latin == []
    assert untranslated == []
    assert mismatched == []


def test_the_english_interface_gets_no_chinese(tmp_path: Path) -> None:
    assert i18n.install_command_line_translation("en", tmp_path / "cache")
    try:
        chinese_in_english = [t for t in all_templates()
                              if CJK.search(without_names(
                                  i18n.message_text(Message(t, sample(t)))))]
    finally:
        i18n.uninstall_command_line_translation()
    assert chinese_in_english == []


def test_an_error_from_the_store_reads_in_chinese_with_its_arguments_kept(
        chinese: None, repos) -> None:
    from app.store.errors import NotFound

    with pytest.raises(NotFound) as caught:
        repos.incidents.get("EQ2099-99")
    text = i18n.message_text(caught.value)
    assert "EQ2099-99" in text and "本档案库中没有事件" in text
    assert "There is no incident" in str(caught.value)  # the log keeps English


def test_a_camera_that_cannot_open_reads_in_chinese(chinese: None, tmp_path: Path) -> None:
    from app.capture.camera import CameraError, CameraSession

    with pytest.raises(CameraError) as caught:
        CameraSession(tmp_path / "test-scene.mp4").open()
    assert i18n.message_text(caught.value) == (
        f"视频文件 {tmp_path / 'test-scene.mp4'} 不存在。")
    ended = CameraSession(tmp_path / "test-scene.mp4").source.name()
    assert i18n.message_text(ended) == "视频文件 test-scene.mp4"


def test_a_code_table_names_itself_in_the_interface_language(chinese: None, repos) -> None:
    from app.store.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        repos.operators.add("李娜", "旗档案馆", "boss")
    text = i18n.message_text(caught.value)
    assert text.startswith("未知的角色“boss”") and "Unknown" not in text


def test_signature_of_store_error_is_template_first() -> None:
    params = list(inspect.signature(StoreError.__init__).parameters)
    assert params[:2] == ["self", "template"]
