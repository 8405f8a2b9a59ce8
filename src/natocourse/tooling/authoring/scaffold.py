"""Start a new chapter from the template: ``python -m natocourse new-chapter 11-my-topic "My topic"``.

A chapter is three files made from ``templates/chapter/`` — the lesson ``notebooks/NN-slug.ipynb``,
the exercises with answers ``solutions/NN-slug.ipynb`` and the questions
``src/natocourse/questions/<slug>.py`` — plus two lines in ``_toc.yml``. ``exercises/`` is generated
from ``solutions/`` later (``python -m natocourse exercises build``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..course import Course

TEMPLATES = Path(__file__).resolve().parent / "templates" / "chapter"
NAME = re.compile(r"^(?P<number>\d{2})-(?P<words>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)$")
EXERCISES_PART = "  - caption: Exercises"


class ScaffoldError(ValueError):
    """The chapter cannot be created as asked; the message says why and what to do."""


@dataclass
class Chapter:
    """The names derived from a chapter's file stem, e.g. ``11-my-topic``."""

    stem: str
    title: str
    question_prefix: str = ""

    @property
    def number(self) -> str:
        """The two-digit chapter number, without a leading zero when shown to readers."""
        return str(int(self.stem[:2]))

    @property
    def slug(self) -> str:
        """The question-id prefix: as given, or the stem's words without hyphens (``mytopic``)."""
        return self.question_prefix or self.stem[3:].replace("-", "")


SLUG = re.compile(r"^[a-z][a-z0-9]*$")


def parse(stem: str, title: str, slug: str = "") -> Chapter:
    """Validate a chapter stem (``NN-words``), title and optional question-id prefix."""
    if not NAME.match(stem or ""):
        raise ScaffoldError(f"{stem!r} is not a chapter name: use two digits, a hyphen and lower-case "
                            "words joined by hyphens, e.g. 11-my-topic")
    if not title or not title.strip():
        raise ScaffoldError("give the chapter a title, e.g. \"My topic\"")
    if slug and not SLUG.match(slug):
        raise ScaffoldError(f"{slug!r} cannot prefix question ids: use lower-case letters and digits, e.g. burden")
    return Chapter(stem, title.strip(), slug)


def _fill(text: str, chapter: Chapter) -> str:
    return (text.replace("{number}", chapter.number).replace("{title}", chapter.title)
            .replace("{slug}", chapter.slug))


def add_to_toc(toc: str, chapter: Chapter) -> str:
    """Return ``toc`` with the lesson at the end of the last part before Exercises, and the
    solutions at the end of the Exercises part."""
    lines = toc.splitlines()
    if EXERCISES_PART not in lines:
        raise ScaffoldError("_toc.yml has no 'Exercises' part to add the solutions to")
    exercises_at = lines.index(EXERCISES_PART)
    end = next((i for i in range(exercises_at + 1, len(lines)) if lines[i].startswith("  - caption:")), len(lines))
    lines.insert(end, f"      - file: solutions/{chapter.stem}")
    lines.insert(exercises_at, f"      - file: notebooks/{chapter.stem}")
    return "\n".join(lines) + "\n"


def new_chapter(stem: str, title: str, root: Path | None = None, *, slug: str = "") -> list[Path]:
    """Create the chapter's three files from the template and list it in ``_toc.yml``.

    ``slug`` is the question-id prefix (default: the stem's words without hyphens). Refuses to
    overwrite anything: an existing file is an error that names it.
    """
    chapter = parse(stem, title, slug)
    course = Course(root)
    targets = {
        course.notebooks / f"{stem}.ipynb": TEMPLATES / "lesson.ipynb",
        course.solutions / f"{stem}.ipynb": TEMPLATES / "solutions.ipynb",
        course.questions / f"{chapter.slug}.py": TEMPLATES / "questions.py",
    }
    for target in targets:
        if target.exists():
            raise ScaffoldError(f"{target} already exists: choose another chapter name")
    toc_path = course.toc
    toc = add_to_toc(toc_path.read_text(encoding="utf-8"), chapter)
    for target, template in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_fill(template.read_text(encoding="utf-8"), chapter), encoding="utf-8")
    toc_path.write_text(toc, encoding="utf-8")
    return list(targets) + [toc_path]
