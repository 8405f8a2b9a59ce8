"""The report's page: one self-contained HTML file, readable offline, by keyboard, and on paper.

Everything the page shows that came from the details file (student names, answers, notebook
names, reasons) is HTML-escaped; only markup this module writes is trusted, marked by :class:`Html`.
Figures are inline ``data:`` URIs, the stylesheet is inline and there is no script, so opening
the page makes no request to any host. Each figure has its alt text and the table of what it
draws beside it. A print stylesheet drops the navigation and keeps tables and figures whole.
"""

from __future__ import annotations

import html
import math
import re
from typing import Iterable, Sequence

from .analysis import Analysis, Item
from .charts import BANDS, HEAT_ROWS, Chart, band_counts, heat_hex, text_colour
from .distractors import SHOWN_WRONG
from .objectives import MASTERED
from .pairs import SEVERAL, SHOWN as SHOWN_PAIRS, UNCOMMON_SHARE
from .stats import (FLAG_NEGATIVE, MIN_STUDENTS, POPULAR_WRONG, TOO_EASY, TOO_HARD, WEAK)

KINDS = {"choice": "multiple choice", "select": "multiple select", "text": "short text", "number": "number",
         "data": "data (computed in code)", "order": "ordering", "match": "matching"}
#: Types whose answers are typed, so how students wrote them is worth showing beside the normal form.
TYPED = ("text", "number", "data")
#: A student line lists at most this many unanswered questions.
SHOWN_MISSING = 12
#: The weakest objectives "Teach again" lists.
TEACH_AGAIN = 3


class Html(str):
    """Markup written by this module (never student text): inserted as it is."""


def esc(value) -> Html:
    """``value`` as HTML text (markup written here passes through)."""
    if isinstance(value, Html):
        return value
    return Html(html.escape("" if value is None else str(value), quote=True))


def percent(value: float) -> str:
    """``0.625`` → ``"63 %"``; a share that rounds to 0 but is not 0 → ``"<1 %"``; NaN → ``"n/a"``."""
    if value is None or math.isnan(value):
        return "n/a"
    return "<1 %" if 0 < value < 0.005 else f"{100 * value:.0f} %"


_STRONG = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


def course_text(text: str) -> Html:
    """A prompt or an objective (the course's text, not students'): escaped, then its **bold** and `code` drawn."""
    return Html(_CODE.sub(r"<code>\1</code>", _STRONG.sub(r"<strong>\1</strong>", esc(text))))


def decimal(value: float | None) -> str:
    """Two decimals, or ``"n/a"``."""
    return "n/a" if value is None or math.isnan(value) else f"{value:.2f}"


def table(caption: str, header: Sequence[str], rows: Iterable[Sequence], *, label: str, css: str = "") -> Html:
    """A table with a caption, column headers and each row's first cell as its row header, in a
    scrollable region a keyboard can reach."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in header)
    body = []
    for row in rows:
        cells = [f'<th scope="row">{esc(row[0])}</th>']
        for value in row[1:]:
            if isinstance(value, tuple):  # (content, attributes written here)
                cells.append(f"<td {value[1]}>{esc(value[0])}</td>")
            else:
                cells.append(f"<td>{esc(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return Html(f'<div class="scroll" role="region" tabindex="0" aria-labelledby="{label}">'
                f'<table class="{css}"><caption id="{label}">{esc(caption)}</caption>'
                f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def figure(chart: Chart) -> Html:
    """A figure with its alt text and caption."""
    return Html(f'<figure><img src="{chart.uri}" alt="{esc(chart.alt)}">'
                f"<figcaption>{esc(chart.caption)}</figcaption></figure>")


def section(key: str, title: str, *parts: str) -> Html:
    """A top-level section with its heading."""
    return Html(f'<section id="{key}" aria-labelledby="{key}-h"><h2 id="{key}-h">{esc(title)}</h2>'
                + "".join(parts) + "</section>")


def paragraph(text) -> Html:
    """A paragraph of text (escaped unless it is :class:`Html`)."""
    return Html(f"<p>{esc(text)}</p>")


def question_link(qid: str) -> Html:
    """A link to a question's own part of the page."""
    return Html(f'<a href="#q-{esc(qid)}">{esc(qid)}</a>')


def flags_text(item: Item) -> str:
    """The flags of a question in words, or "" when none."""
    return "; ".join(item.flags)


CSS = """
:root { color: #1a1a1a; background: #ffffff; font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
        line-height: 1.45; }
body { margin: 0 auto; max-width: 78rem; padding: 0 1.25rem 3rem; }
a { color: #0b5394; }
a:focus-visible, .scroll:focus-visible { outline: 3px solid #0b5394; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #ffffff; padding: .5rem; }
header { border-bottom: 2px solid #0072b2; margin-bottom: 1rem; }
nav ul { columns: 2; padding-left: 1.2rem; }
nav a { display: inline-block; min-height: 24px; padding: 3px 0; }
h1 { font-size: 1.9rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #cccccc; }
h3 { margin-top: 2rem; } .kind { font-weight: normal; font-size: .9em; color: #4a4a4a; }
figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: .95em; color: #333333; }
.scroll { overflow-x: auto; margin: .75rem 0 1.25rem; }
table { border-collapse: collapse; font-size: .92em; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #c8c8c8; padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f6; }
tbody th { font-weight: 600; white-space: nowrap; }
td.number { text-align: right; white-space: nowrap; }
.bar { display: inline-block; height: .7em; background: #0072b2; margin-right: .35em; vertical-align: baseline; }
.bar.right { background: #00734f; }
.flag { display: inline-block; border: 1px solid #a33b00; color: #7a2900; background: #fdeee6;
        padding: 0 .35em; margin: .1em .2em .1em 0; border-radius: .2em; }
.flag.key { border-width: 2px; font-weight: 700; }
td.popular { font-weight: 700; color: #7a2900; background: #fdeee6; }
.notes { border-left: 4px solid #e69f00; background: #fff8e6; padding: .5rem 1rem; }
.muted { color: #4a4a4a; }
.heat td { text-align: center; min-width: 2.6em; }
dt { font-weight: 600; margin-top: .5rem; }
@media print {
  nav, .skip { display: none; }
  :root { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  .scroll { overflow: visible; }
  figure, tr, .question .facts { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .bar { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .heat td { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  @page { margin: 14mm; }
}
"""


def render(report: Analysis, charts: dict[str, Chart]) -> str:
    """The whole page for ``report``, with the rendered ``charts`` (keys: items, objectives, heat, scores)."""
    data = report.grid
    source = report.source.name
    parts = [
        section("first", "Read this first", _notes(report)),
        section("teach-again", "Teach again", *_teach_again(report)),
        section("questions", "Questions at a glance", figure(charts["items"]), _items_table(report)),
        section("by-question", "Question by question", *(_question(report, item) for item in report.items)),
        section("objectives", "Objectives", *_objectives(report, charts)),
        section("who", "Who needs help with what", *_heat(report, charts)),
        section("students", "Students", figure(charts["scores"]), _bands_table(report), _students_table(report)),
        section("worth-a-look", "Worth a look: shared uncommon wrong answers", *_pairs(report)),
        section("how", "How to read this report", _how()),
        section("files", "Files", _files()),
    ]
    contents = "".join(f'<li><a href="#{key}">{esc(title)}</a></li>' for key, title in (
        ("first", "Read this first"), ("teach-again", "Teach again"), ("questions", "Questions at a glance"),
        ("by-question", "Question by question"), ("objectives", "Objectives"), ("who", "Who needs help with what"),
        ("students", "Students"), ("worth-a-look", "Worth a look"), ("how", "How to read this report"),
        ("files", "Files")))
    return ("<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="generator" content="natocourse report">'
            f"<title>What the class got wrong: {esc(source)}</title><style>{CSS}</style></head><body>"
            '<a class="skip" href="#main">Skip to the report</a>'
            f"<header><h1>What the class got wrong</h1><p>From <code>{esc(source)}</code>: "
            f"{len(data.students)} student(s), {len(data.questions)} question(s), "
            f"{len(report.mastery.objectives)} objective(s). Made {esc(report.made)}.</p></header>"
            f'<nav aria-label="Contents"><ul>{contents}</ul></nav>'
            f'<main id="main">{"".join(parts)}</main>'
            "<footer><p class=\"muted\">Made by <code>python -m natocourse report</code>. Statistics are "
            "prompts for a teacher's judgement, never verdicts on a student.</p></footer></body></html>\n")


def _notes(report: Analysis) -> Html:
    notes = list(report.notices)
    if not report.has_attempts:
        notes.append("Attempts are not recorded in this details file (the grader keeps each student's final "
                     "answer), so the report shows none.")
    if not notes:
        return paragraph("Every row of the details file was read and used.")
    return Html('<div class="notes"><ul>' + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul></div>")


def _teach_again(report: Analysis) -> list[Html]:
    taught = report.mastery
    if not taught.objectives:
        return [paragraph("None of these questions practises a lesson's objective, so there is nothing to "
                          "rank (the exercise tour's questions have no objectives).")]
    means = taught.class_mean()
    mastered = taught.mastered_share()
    order = sorted((k for k in range(len(means)) if not math.isnan(means[k])), key=lambda k: (means[k], k))
    items = []
    for k in order[:TEACH_AGAIN]:
        objective = taught.objectives[k]
        if objective.sections:
            where = Html(f"Taught in <code>{esc(objective.lesson)}</code>, section"
                         f"{'s' if len(objective.sections) > 1 else ''} "
                         + ", ".join(f"“{esc(s)}”" for s in objective.sections) + ".")
        elif objective.lesson:
            where = Html(f"Taught in <code>{esc(objective.lesson)}</code> (no section matched).")
        else:
            where = esc("Its lesson notebook was not found beside the package.")
        practised = ", ".join(question_link(q) for q in taught.practised[k])
        items.append(f"<li><strong>{esc(objective.key)}</strong> {course_text(objective.text)} "
                     f"<span class=\"muted\">(chapter {objective.number}, {esc(objective.title)})</span>. "
                     f"Class mastery {percent(means[k])}; {percent(mastered[k])} of the students mastered it. "
                     f"Exercises: {practised}. {where}</li>")
    intro = paragraph("The objectives the class has mastered least, weakest first, with the lesson sections "
                      "that teach them (found by matching the objective's words with the lesson's sections: "
                      "check them).")
    return [intro, Html("<ol>" + "".join(items) + "</ol>")]


def _items_table(report: Analysis) -> Html:
    rows = []
    for item in report.items:
        s = item.stats
        top = item.answers.top_wrong
        rows.append([question_link(item.id), KINDS.get(item.answers.kind, item.answers.kind),
                     (f"{s.n} of {len(report.grid.students)}", 'class="number"'),
                     (percent(s.p_correct), 'class="number"'), (decimal(s.discrimination), 'class="number"'),
                     (decimal(s.attempts) if s.attempts is not None else "not recorded", 'class="number"'),
                     f"{top.answer} ({top.count})" if top else "none", flags_text(item) or "none"])
    return table("Each question: answers, share correct, discrimination, attempts, commonest wrong answer, flags",
                 ["Question", "Type", "Answered", "Correct", "Discrimination", "Attempts (mean)",
                  "Commonest wrong answer (students)", "Flags"], rows, label="items-table")


def _question(report: Analysis, item: Item) -> Html:
    s, answers, question = item.stats, item.answers, item.question
    key = f"q-{item.id}"
    attempts = (f"mean attempts {decimal(s.attempts)}" if s.attempts is not None
                else "attempts not recorded")
    facts = (f"Answered by {s.n} of {len(report.grid.students)} students · {percent(s.p_correct)} correct "
             f"({s.n_correct}) · discrimination {decimal(s.discrimination)} · {attempts}")
    flags = "".join(f'<span class="flag{" key" if f == FLAG_NEGATIVE else ""}">{esc(f)}</span>' for f in item.flags)
    parts = [f'<article class="question" id="{key}" aria-labelledby="{key}-h">',
             f'<h3 id="{key}-h">{esc(item.id)} <span class="kind">{esc(KINDS.get(answers.kind, answers.kind))}'
             "</span></h3>",
             f'<p class="prompt">{course_text(getattr(question, "prompt", ""))}</p>',
             f'<p class="facts">{esc(facts)}</p>',
             f"<p>Flags: {flags}</p>" if flags else "<p>Flags: none.</p>"]
    if answers.options:
        rows = []
        for option in answers.options:
            bar = Html(f'<span class="bar{" right" if option.right else ""}" style="width: '
                       f'{max(0.0, min(1.0, option.share)) * 6:.2f}em" aria-hidden="true"></span>')
            popular = not option.right and option.share >= POPULAR_WRONG and answers.answered >= MIN_STUDENTS
            key = ("right", "") if option.right else (("wrong, and popular", 'class="popular"') if popular
                                                      else ("wrong", ""))
            rows.append([option.option, key,
                         (option.count, 'class="number"'), (Html(bar + esc(percent(option.share))), ""),
                         option.feedback or ("" if option.right else "none: a candidate for new feedback")])
        what = "chose it" if answers.kind == "choice" else "ticked it"
        parts.append(table(f"{item.id}: the students who answered and {what}, option by option",
                           ["Option", "Key", "Students", "Share of answers", "Feedback it gives"], rows,
                           label=f"{key}-options"))
    if answers.kind != "choice":
        parts.append(_wrong_table(item, key))
    parts.append("</article>")
    return Html("".join(parts))


def _wrong_table(item: Item, key: str) -> Html:
    answers = item.answers
    if not answers.wrong:
        return paragraph("No wrong answer was given." if answers.answered else "Nobody answered this question.")
    typed = answers.kind in TYPED
    rows = []
    for wrong in answers.wrong[:SHOWN_WRONG]:
        rows.append([wrong.answer, *([wrong.written] if typed else []), (wrong.count, 'class="number"'),
                     (percent(wrong.share), 'class="number"'),
                     wrong.feedback or "none yet: a candidate for new feedback"])
    more = len(answers.wrong) - SHOWN_WRONG
    caption = (f"{item.id}: the commonest wrong answers, after the checks' normalisation"
               + (f" ({more} rarer ones in wrong-answers.csv)" if more > 0 else ""))
    return table(caption, ["Answer (normalised)", *(["As most often written"] if typed else []), "Students",
                           "Share of answers", "Feedback it gets"], rows, label=f"{key}-wrong")


def _objectives(report: Analysis, charts: dict[str, Chart]) -> list[Html]:
    taught = report.mastery
    parts: list[Html] = []
    if taught.objectives:
        means, mastered = taught.class_mean(), taught.mastered_share()
        rows = []
        for k, objective in enumerate(taught.objectives):
            rows.append([objective.key, f"{objective.number}. {objective.title}", course_text(objective.text),
                         Html(", ".join(question_link(q) for q in taught.practised[k])),
                         (percent(means[k]), 'class="number"'), (percent(mastered[k]), 'class="number"'),
                         "; ".join(objective.sections) or "not found"])
        parts += [figure(charts["objectives"]),
                  table(f"Each objective: the exercises that practise it, the class's mastery and the share of "
                        f"students who mastered it ({MASTERED:.0%} of its exercises right)",
                        ["Objective", "Chapter", "Students will be able to", "Exercises", "Class mastery",
                         "Mastered by", "Lesson sections"], rows, label="objectives-table")]
    else:
        parts.append(paragraph("No question of this set practises a lesson's objective."))
    if report.unmapped:
        parts.append(paragraph(Html("Questions that practise no declared objective: "
                                    + ", ".join(question_link(q) for q in report.unmapped) + ".")))
    return parts


def heat_rows(report: Analysis) -> list[int]:
    """The students the heat map shows: everyone in a small class, else the weakest first."""
    shares = report.mastery.shares
    students = len(report.grid.students)
    if students <= HEAT_ROWS:
        return list(range(students))
    means = [float("inf") if all(math.isnan(v) for v in row) else
             sum(v for v in row if not math.isnan(v)) / sum(not math.isnan(v) for v in row) for row in shares]
    return sorted(range(students), key=lambda i: (means[i], i))[:HEAT_ROWS]


def _heat(report: Analysis, charts: dict[str, Chart]) -> list[Html]:
    taught = report.mastery
    if not taught.objectives:
        return [paragraph("No objective is assessed, so there is no map of who needs help with what.")]
    shown = heat_rows(report)
    students = report.grid.students
    rows = []
    for i in shown:
        cells = [students[i]]
        for value in taught.shares[i]:
            if math.isnan(value):
                cells.append(("not assessed", 'class="muted"'))
            else:
                cells.append((percent(value), f'style="background: {heat_hex(value)}; color: {text_colour(value)}"'))
        rows.append(cells)
    which = ("every student, in the gradebook's order" if len(shown) == len(students)
             else f"the {len(shown)} students with the lowest mastery, weakest first (mastery.csv has all "
                  f"{len(students)})")
    return [paragraph(f"Each cell is the share of the objective's exercises the student got right; "
                      f"{MASTERED:.0%} or more counts as mastered. The objectives' keys are those of the table "
                      "above. Shown: " + which + "."),
            figure(charts["heat"]),
            table("Mastery by student and objective, the table the heat map draws",
                  ["Student", *(o.key for o in taught.objectives)], rows, label="heat-table", css="heat")]


def _bands_table(report: Analysis) -> Html:
    counts = band_counts([line.percent for line in report.students])
    rows = [[f"{a}–{b} %" if b < 100 else f"{a}–100 %", (n, 'class="number"')] for (a, b), n in zip(BANDS, counts)]
    return table("Students per score band, the table the bar chart draws", ["Score band", "Students"], rows,
                 label="bands-table")


def _students_table(report: Analysis) -> Html:
    rows = []
    for line in report.students:
        missing = ", ".join(line.not_answered[:SHOWN_MISSING])
        if len(line.not_answered) > SHOWN_MISSING:
            missing += f" and {len(line.not_answered) - SHOWN_MISSING} more"
        rows.append([line.student, (f"{line.percent:.0f} %" if not math.isnan(line.percent) else "n/a",
                                    'class="number"'),
                     (f"{line.points:g} of {line.possible:g}", 'class="number"'),
                     (f"{line.mastered} of {line.assessed}", 'class="number"'),
                     missing or "none", "; ".join(line.problems) or ""])
    return table("One line per student, in the gradebook's order",
                 ["Student", "Score", "Points", "Objectives mastered", "Not answered", "Notebooks not graded"],
                 rows, label="students-table")


def _pairs(report: Analysis) -> list[Html]:
    intro = paragraph(
        f"Pairs of students who gave the same uncommon wrong answer (one given by at most {UNCOMMON_SHARE:.0%} "
        f"of the students who answered, or by two students alone in a small class) on {SEVERAL} questions or more. "
        "This is not evidence of copying: students who revise together, use the same wrong source or share a "
        "misconception answer alike too. It is a list worth a look, for a conversation, never a verdict.")
    if not report.enough_students:
        return [intro, paragraph(f"Not computed: with fewer than {MIN_STUDENTS} students no answer can be "
                                 "called uncommon.")]
    if not report.pairs:
        return [intro, paragraph(f"No pair of students shares {SEVERAL} or more uncommon wrong answers.")]
    rows = []
    for pair in report.pairs[:SHOWN_PAIRS]:
        evidence = Html("<ul>" + "".join(
            f"<li>{question_link(s.question)}: “{esc(s.answer)}” (given by {s.given_by} of {s.answered})</li>"
            for s in pair.shared) + "</ul>")
        rows.append([f"{pair.first} and {pair.second}", (len(pair.shared), 'class="number"'), (evidence, "")])
    more = len(report.pairs) - SHOWN_PAIRS
    caption = "Pairs worth a look, the most shared answers first" + (
        f" ({more} more in pairs.csv)" if more > 0 else "")
    return [intro, table(caption, ["Students", "Uncommon wrong answers shared", "The answers"], rows,
                         label="pairs-table")]


def _how() -> Html:
    terms = [
        ("Answered", "Students who gave an answer, right, wrong or unreadable. Not answered and grading errors "
                     "are not answers."),
        ("Correct", "The share of those answers that were correct."),
        ("Discrimination", "The point-biserial correlation between the question (1 right, 0 not; a missing "
                           "answer counts 0, as in the gradebook) and the rest of the student's score (their "
                           "total without this question). Near 0: the question does not tell stronger from "
                           "weaker students. Below 0: stronger students got it wrong more often than weaker ones, "
                           "which most often means a wrong key or an ambiguous question."),
        ("Flags", f"“too easy”: {TOO_EASY:.0%} correct or more. “too hard”: under {TOO_HARD:.0%}. "
                  f"“does not separate stronger from weaker students”: discrimination from 0 to under {WEAK}. "
                  "“negative discrimination (check the key)”: below 0. “popular wrong answer”: one wrong answer "
                  f"given by {POPULAR_WRONG:.0%} of the answers or more. No flag on fewer than {MIN_STUDENTS} "
                  "answers, and no discrimination with fewer than "
                  f"{MIN_STUDENTS} students. These are rules of thumb: a flag asks for a look, not a change."),
        ("Normalised answers", "Wrong answers are grouped as the checks read them: case, accents, spacing and end "
                               "punctuation do not matter for text; numbers are compared as numbers; options are "
                               "named in any accepted spelling."),
        ("Mastery", f"A student's share of an objective's exercises answered right; {MASTERED:.0%} or more is "
                    "mastered. The class's mastery is the mean over the students graded on it."),
    ]
    return Html("<dl>" + "".join(f"<dt>{esc(t)}</dt><dd>{esc(d)}</dd>" for t, d in terms) + "</dl>")


def _files() -> Html:
    described = [("items.csv", "one row per question: the statistics, the commonest wrong answer and the flags"),
                 ("options.csv", "each option of the choice and select questions and who chose it"),
                 ("wrong-answers.csv", "every wrong answer, normalised, with its count and feedback"),
                 ("objectives.csv", "each objective with its class mastery and lesson sections"),
                 ("mastery.csv", "every student × objective share"),
                 ("students.csv", "one line per student"),
                 ("pairs.csv", "every pair sharing uncommon wrong answers")]
    return Html("<p>Beside this page (spreadsheet-safe CSV, UTF-8):</p><ul>" + "".join(
        f'<li><a href="{name}">{name}</a>: {esc(what)}</li>' for name, what in described) + "</ul>")
