"""The exercise engine: questions with instant feedback, free of any course content.

Layers inside the engine, each importing only those above it:

- :mod:`.policy` says when hints and explanations open and words every message around a verdict;
- :mod:`.answers` reads answers (the one normalisation layer); :mod:`.results` and :mod:`.keys`
  are the verdicts and the hashed answer keys;
- :mod:`.compare` compares data answers; :mod:`.registry` holds the questions and finds banks;
- :mod:`.question` the question format's contract; :mod:`.types` the question types, each one
  class that carries its checks, its spec, its public view, its secrets, its nbgrader key and how
  it is rebuilt from a spec (a new type is one class, plus one input view if it needs a new
  control: see :mod:`.question`); :mod:`.written` the written answer, marked by a person with a
  rubric, and :mod:`.evidence` its aids (word count, the figures and quotations it cites);
- :mod:`.variants` a question's variants (declared parameters, shuffled options), one per student;
- :mod:`.shipped` questions that travel inside a notebook (``add_questions``, an instructor's bank);
- :mod:`.progress` the saved attempts; :mod:`.render` HTML for prompts and feedback;
- front ends: :mod:`.widgets` (an anywidget, in the kernel), :mod:`.notebook` (``show``/``check``),
  :mod:`.export` (the JSON specs and the JavaScript front end of the built book).

A course declares its bank of questions as a ``natocourse.banks`` entry point (see
:mod:`.registry`) and declares questions in it::

    from natocourse.engine import MultipleChoice, Numeric, DataQuestion

    MultipleChoice("tour-01", "When was the North Atlantic Treaty signed?",
                   options=["1949-04-04", "1952-02-18", "1955-05-06"],
                   key="<hash printed by `python -m natocourse exercises key tour-01 choice 1949-04-04`>",
                   hints=["It is the date in finding 1 of the bill."],
                   feedback={"1952-02-18": "That is when Greece and Türkiye joined."},
                   explanation="The treaty was signed in Washington on 4 April 1949.")

    Numeric("tour-04", "What share of GDP did European allies and Canada spend in 2014?",
            answer=1.4, tolerance=0.05, units="%")

    DataQuestion("tour-08", "How many allies joined in 2004?",
                 expected=lambda data: int((data.load("members").accession_date.dt.year == 2004).sum()))

Keys of choice, select, text, order and match questions are salted hashes (:mod:`.keys`); print
one with ``python -m natocourse exercises key ID KIND ANSWER...`` (``order`` gives one hash per
position, ``match`` one per pair, ``text`` one per accepted spelling). Numeric and data questions
keep plain values: a tolerance cannot be checked against a hash.
"""

from . import policy, progress, registry, variants
from .answers import Reject, canonical_text, describe, is_unanswered, read_number, text_variants
from .compare import compare_data
from .keys import PACKAGE_SALT, answer_hash
from .notebook import assignment, check, show
from .shipped import add_questions
from .registry import UnknownQuestionError, all, chapter, discover, discovery_errors, get, unregister
from .results import STATUSES, Result, correct, incorrect, invalid, not_answered
from .types import (CHECKERS, ID_PATTERN, KINDS, DataQuestion, HashedQuestion, Matching, MultipleChoice,
                    MultipleSelect, Numeric, OptionsQuestion, Ordering, Question, ShortText, from_spec,
                    hashed_kinds, key)
from .variants import generated, shuffled
from .written import Written

__all__ = ["policy", "progress", "registry", "variants", "generated", "shuffled", "Reject", "canonical_text", "describe", "is_unanswered", "read_number",
           "text_variants", "compare_data", "PACKAGE_SALT", "answer_hash", "assignment", "check", "show", "add_questions",
           "UnknownQuestionError", "all", "chapter", "discover", "discovery_errors", "get", "unregister",
           "STATUSES", "Result", "correct", "incorrect", "invalid", "not_answered", "CHECKERS",
           "ID_PATTERN", "KINDS", "from_spec", "hashed_kinds", "DataQuestion", "HashedQuestion", "Matching", "MultipleChoice",
           "MultipleSelect", "Numeric", "OptionsQuestion", "Ordering", "Question", "ShortText", "Written", "key"]
