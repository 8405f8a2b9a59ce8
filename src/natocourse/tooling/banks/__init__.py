"""An instructor's own question bank: YAML files kept outside the package, answers written plainly.

An instructor who grades for credit keeps questions the public course does not hold in a private
repository, one or more YAML files, and hands them to ``assign``, ``exam``, ``grade``, ``collect``
and the book build with ``--bank PATH`` (a file, or a folder searched for ``*.yml`` and ``*.yaml``;
repeat ``--bank`` for more). ``python -m natocourse questions check FILE...`` reports every
problem of a bank with its file, line and what to write instead.

A bank file holds a list of questions, or a mapping with an optional ``title`` (what a problem set
says a question comes from) and ``questions`` (a list, or a mapping id → question)::

    title: Alliance history, spring quiz
    questions:
      - id: quiz-01
        type: choice
        prompt: On which date was the North Atlantic Treaty signed?
        options: ["1949-04-04", "1952-02-18", "1955-05-06"]
        answer: "1949-04-04"
        shuffle: true
        feedback: {"1952-02-18": That is when Greece and Türkiye joined.}
        hints: [The treaty created NATO.]
        explanation: It was signed in Washington on 4 April 1949.
        points: 2
        objectives: [date the founding of the alliance]

Each type's answer, written plainly (:data:`ANSWER_FIELDS`): ``answer`` (choice: one of the
options; number and data: a number, with ``tolerance`` and ``units``), ``answers`` (select: the
options that apply; text: every accepted spelling), ``order`` (order: the items in order),
``pairs`` (match: item → option, ``options`` adding distractors), and for a written answer
``word_range``, ``rubric``, ``guidance`` and ``model_answer``. Every type also takes ``prompt``,
``hints``, ``explanation``, ``feedback`` (wrong answer → why), ``reveal_after``, ``points`` (the
default when ``--points`` gives none) and ``objectives``. A ``data`` question's answer is the
number the student computes in code (the file holds the number, not the computation).

Loading hashes each answer with its type's own key function (:meth:`.HashedQuestion.key`) and
builds real engine questions, so the widget, the book, grading and exam keys handle them as they
handle the course's. Ids follow the course's pattern (``slug-NN``); a bank's chapter slug is never
one of the course's, and an id is refused when another bank already uses it.

In a problem set each bank question's setup cell carries the question's spec and registers it in
the student's kernel (:func:`natocourse.engine.add_questions`): with hashed keys (a number's answer
is plain, as in the book), or with no key at all under ``--feedback none``. Grading checks every
answer with the instructor's bank (``--bank``), never with that copy.

The package, in the order a bank is read: :mod:`.format` (the fields, :class:`Entry`,
:class:`Problem`), :mod:`.yaml_lines` (YAML with the line of every key), :mod:`.reader` (one
question's fields, each problem with its line), :mod:`.kinds` (each type's right answer made a
key), :mod:`.files` (one file), :mod:`.loading` (banks together, against the course, registered
once) and :mod:`.commands` (``--bank``, the problem-set cells, ``questions check``).
"""


from .commands import (add_bank_option, cells, configure, load_banks, require_assignment, require_known, run,
                       setup_source, summary, with_default_points)
from .files import read_file, read_text
from .format import ANSWER_FIELDS, COMMON_FIELDS, MAX_BYTES, SUFFIXES, TYPE_FIELDS, BankError, Entry, Problem
from .loading import check, files, forget, load, loaded
from .reader import read_id

__all__ = ["ANSWER_FIELDS", "COMMON_FIELDS", "MAX_BYTES", "SUFFIXES", "TYPE_FIELDS", "BankError", "Entry", "Problem",
           "add_bank_option", "cells", "check", "configure", "files", "forget", "load", "load_banks", "loaded",
           "read_file", "read_id", "read_text", "require_assignment", "require_known", "run", "setup_source",
           "summary", "with_default_points"]
