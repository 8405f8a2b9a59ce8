"""Reading YAML with the line of every key, every item and the keys written twice."""

from __future__ import annotations

from typing import Any

from .format import Problem


# ---- reading YAML with the line of every key --------------------------------------------------

class _Map(dict):
    """A YAML mapping with its line, each key's line and the keys written twice."""

    line = 1

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: dict = {}
        self.twice: list = []


class _List(list):
    """A YAML sequence with its line and each item's line."""

    line = 1

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []


class _Int(int):
    """A YAML integer that remembers how it was written (an option "1952" stays "1952")."""

    text = ""


class _Float(float):
    """A YAML float that remembers how it was written (an option "1.40" stays "1.40")."""

    text = ""


def _loader():
    import yaml

    class Loader(yaml.SafeLoader):
        """SafeLoader whose mappings and lists know their lines, whose dates stay texts and whose
        booleans are only true and false (YAML 1.1 also reads yes, no, on and off)."""

    def mapping(loader, node):
        data = _Map()
        data.line = node.start_mark.line + 1
        yield data
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark,
                    "found a key that is a list or a mapping (a key is a plain text)", key_node.start_mark) from None
            if key in data:
                data.twice.append((key, key_node.start_mark.line + 1))
            data[key] = loader.construct_object(value_node, deep=True)
            data.lines[key] = key_node.start_mark.line + 1

    def sequence(loader, node):
        data = _List()
        data.line = node.start_mark.line + 1
        yield data
        for child in node.value:
            data.append(loader.construct_object(child, deep=True))
            data.lines.append(child.start_mark.line + 1)

    def integer(loader, node):
        value = _Int(yaml.SafeLoader.construct_yaml_int(loader, node))
        value.text = node.value
        return value

    def real(loader, node):
        value = _Float(yaml.SafeLoader.construct_yaml_float(loader, node))
        value.text = node.value
        return value

    def boolean(loader, node):
        text = loader.construct_scalar(node)
        return {"true": True, "false": False}.get(text.lower(), text)

    Loader.add_constructor("tag:yaml.org,2002:map", mapping)
    Loader.add_constructor("tag:yaml.org,2002:seq", sequence)
    Loader.add_constructor("tag:yaml.org,2002:int", integer)
    Loader.add_constructor("tag:yaml.org,2002:float", real)
    Loader.add_constructor("tag:yaml.org,2002:bool", boolean)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    return Loader


def _parse(text: str, path: str) -> tuple[Any, list[Problem]]:
    """The YAML document of ``text`` (with lines), or the parser's problem in plain words."""
    try:
        import yaml
    except ImportError:
        return None, [Problem(path, 1, "reading a bank needs PyYAML: python -m pip install pyyaml")]
    try:
        return yaml.load(text, Loader=_loader()), []  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        said = " ".join(str(part).strip() for part in (exc.context, exc.problem) if part)
        began = exc.context_mark
        if began is not None and "end of stream" in str(exc.problem):
            mark, said = began, f"{str(exc.context or '').strip()} that starts here, and the file ends before it does"
        elif began is not None and mark is not None and began.line != mark.line:
            said += f" (what it was reading began on line {began.line + 1}, column {began.column + 1})"
        for jargon, plain in (("while scanning a", "reading a"), ("while parsing a", "reading a"),
                              ("scalar", "text"), ("block mapping", "block of fields"), ("block end", "end of a block")):
            said = said.replace(jargon, plain)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, None)
        return None, [Problem(path, line, f"this is not valid YAML: {said or 'the parser stopped here'}. "
                                          "Put a text that holds ': ', ' #' or starts with a quote, [, {, *, &, ! "
                                          "or % in double quotes, and indent the fields of a question alike",
                              column)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, f"this is not valid YAML: {' '.join(str(exc).split())}")]
    except RecursionError:
        return None, [Problem(path, 1, "this YAML is nested too deeply to read; a question is one level of fields")]
