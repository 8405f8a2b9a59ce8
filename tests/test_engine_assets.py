"""The book's copy of the engine's JavaScript leaves out comment-only lines and nothing else."""

from natocourse import exercises
from natocourse.engine import export


def test_only_lines_that_are_all_comment_are_left_out():
    source = ("a();\n  /* one\n   * two */\n  /* kept */ keep();\n  b(); // tail\n  // gone\n"
              "  /* a */ x(); /* b */\n/* y */\nc();\n")
    assert export.without_comment_lines(source) == "a();\n  /* kept */ keep();\n  b(); // tail\n  /* a */ x(); /* b */\nc();\n"


def test_the_shipped_engine_is_the_sources_without_their_comment_lines(tmp_path):
    export.write_assets(tmp_path)
    shipped = (tmp_path / "natocourse" / "engine.js").read_text(encoding="utf-8")
    views = [v.read_text(encoding="utf-8") for v in export.type_views(exercises.all())]
    sources = "\n".join([export.VIEW_JS.read_text(encoding="utf-8"), *views, export.ENGINE_JS.read_text(encoding="utf-8")])
    code = [line for line in sources.splitlines() if line.strip() and not line.strip().startswith(("/*", "*", "//"))]
    assert [line for line in shipped.splitlines() if line.strip()] == code
