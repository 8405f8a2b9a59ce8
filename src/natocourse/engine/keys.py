"""Answer keys as salted hashes, so that neither the source nor a notebook shows the answer.

A key is the SHA-256 of ``PACKAGE_SALT``, the question id and the canonical answer, joined by
``\\x1e``. The book's JavaScript computes the same hash (Web Crypto, or its own SHA-256 where
Web Crypto is unavailable). Hashes keep answers out of sight, not out of reach: a multiple-choice
hash falls to trying each option. Exam mode (:mod:`natocourse.tooling.classroom.exam`) therefore
ships no keys at all.
"""

from __future__ import annotations

import hashlib

#: Mixed into every answer hash together with the question id (change it and every key changes).
PACKAGE_SALT = "natocourse-answer-key-v1"

#: Separates the salt, the id and the answer; joins the parts of a set or an order.
SEPARATOR = "\x1e"
#: Joins an item and its option in a matching pair.
PAIR = "\x1d"
#: Joins an item and its position in an ordering key.
POSITION = "\x1f"


def answer_hash(question_id: str, canonical: str) -> str:
    """The salted SHA-256 (hex) of a canonical answer."""
    salted = f"{PACKAGE_SALT}{SEPARATOR}{question_id}{SEPARATOR}{canonical}"
    return hashlib.sha256(salted.encode("utf-8")).hexdigest()
