/* natocourse question widget in JupyterLab (an anywidget ES module; view.js is prepended to it).
 *
 * The kernel decides everything: Check sends the raw answer to Python (widgets.QuestionWidget),
 * which checks it, records it and sends back the verdict, the attempt count, the hints and the
 * explanation as model state, already worded by the kernel's policy (natocourse.engine.policy).
 * This file only draws them with the book's view and forwards clicks. A question answered in code
 * has no ``input`` in its spec, and so no input and no Check button. "Try another" (a spec with
 * ``try_another``) asks the kernel for another version, which it sends as a new spec.
 */

/* JupyterLab's notebook handles keys on the whole page: when focus is on a radio button, a
 * checkbox, a select or a button (anything but a text box) its command mode takes them, so arrows
 * move to another cell, letters insert or delete cells and Enter opens a cell's editor. A key
 * pressed on one of the question's controls stops here, where the control already did its own
 * work (pick the next option, open the list, press the button). Shortcuts with Ctrl, Alt or Meta,
 * Shift+Enter (run the cell) and Escape still reach JupyterLab. The explorers' key guard
 * (presentation/static/guard.js) follows the same rule: the engine may not read course code. */
function keepKeys(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.key === "Escape") return;
  if (event.shiftKey && event.key === "Enter") return;
  var target = event.target;
  if (target && target.matches && target.matches("input, select, button, textarea")) event.stopPropagation();
}

function render({ model, el }) {
  var spec = model.get("spec");
  var box = document.createElement("div");
  box.className = "natocourse-question";
  el.appendChild(box);
  var view = NatoCourseView.question(box, spec, {
    check: function () { model.send({ event: "check", answer: view.read() }); },
    hint: function () { model.send({ event: "hint" }); },
    explain: function () { model.send({ event: "explain" }); },
    another: function () { model.send({ event: "another" }); }
  }, { input: Boolean(spec.input), words: spec.words, another: Boolean(spec.try_another) });

  /* A verdict is drawn once: the live region is refilled only when it changes (each check counts in
   * it, so the same words after another check are read out again), never twice for one message. */
  var verdictShown = null;
  function showVerdict() {
    var verdict = model.get("verdict"), key = JSON.stringify(verdict);
    if (key === verdictShown) return;
    verdictShown = key;
    view.verdict(verdict);
  }
  function showAttempts() { view.attempts(model.get("attempts")); }
  function showHints() { view.hints(model.get("hints"), model.get("hint_note")); }
  function showExplanation() { var e = model.get("explanation"); view.explanation(!!e.open, e.text || ""); }

  var value = model.get("value");
  if (value !== null && value !== undefined) view.write(value);
  function showAll() { showVerdict(); showAttempts(); showHints(); showExplanation(); }
  /* "Try another": the kernel sent another version of the question with its fresh state in one
   * message, so every value read here is already the new version's. */
  function showVersion() { view.replace(model.get("spec")); verdictShown = null; showAll(); }
  showAll();
  var listeners = [["change:spec", showVersion], ["change:verdict", showVerdict], ["change:attempts", showAttempts],
                   ["change:hints", showHints], ["change:hint_note", showHints], ["change:explanation", showExplanation]];
  listeners.forEach(function (l) { model.on(l[0], l[1]); });
  el.addEventListener("keydown", keepKeys);
  return function () {
    el.removeEventListener("keydown", keepKeys);
    listeners.forEach(function (l) { model.off(l[0], l[1]); });
  };
}

export default { render };
