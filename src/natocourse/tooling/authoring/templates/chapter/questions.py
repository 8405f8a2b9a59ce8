"""Questions of chapter {number}, "{title}".

Declare each question once; ids are ``{slug}-01``, ``{slug}-02``, ... For exact-match answers
(choice, select, text, order, match) store the hash printed by
``python -m natocourse exercises key {slug}-02 choice "the answer"``, never the answer itself.
"""

from natocourse.engine import DataQuestion

CHAPTER = ({number}, "{title}")

DataQuestion(
    "{slug}-01", "How many allies does NATO have today? Count them in the `members` table.",
    expected=lambda data: len(data.load("members")),
    hints=["Each row of `data.load(\"members\")` is one ally.", "`len()` counts the rows of a DataFrame."],
    explanation="`answer = len(data.load(\"members\"))` counts one row per ally.",
)
