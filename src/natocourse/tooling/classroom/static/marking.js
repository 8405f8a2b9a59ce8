/* The marking view in JupyterLab (an anywidget module; natocourse/tooling/classroom/marking.py).
 *
 * The kernel keeps the marks: every mark and comment is sent to it at once and written to the
 * marks file there. This file draws the answer being marked (its text with textContent only, never
 * as markup), the aids, the rubric as one radio group per criterion and the comment box, and turns
 * keys into marks: a digit marks the current criterion and moves on, Enter in the comment box saves
 * it and opens the next answer, n and p go to the next and previous answer, c to the comment box.
 */

function element(tag, attributes, text) {
  var node = document.createElement(tag);
  Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
  if (text !== undefined) node.textContent = text;
  return node;
}

var counter = 0;

function render({ model, el }) {
  var uid = "mk-" + (counter++);
  var root = element("section", { "class": "natocourse-marking", "aria-labelledby": uid + "-title" });
  root.appendChild(element("p", { "class": "mk-title", id: uid + "-title" }, "Marking written answers"));
  var bar = element("div", { "class": "mk-bar" });
  bar.appendChild(element("label", { "for": uid + "-question" }, "Question"));
  var select = element("select", { id: uid + "-question" });
  var names = element("button", { type: "button", "aria-pressed": "false" }, "Show names");
  bar.appendChild(select); bar.appendChild(names);
  root.appendChild(bar);
  var prompt = element("p", { "class": "mk-prompt" });
  var where = element("p", { "class": "mk-where", id: uid + "-where" });
  var text = element("div", { "class": "mk-answer", tabindex: "0", role: "region", "aria-labelledby": uid + "-where" });
  var aids = element("div", { "class": "mk-aids" });
  var rubric = element("div", { "class": "mk-rubric" });
  var commentLabel = element("label", { "for": uid + "-comment" },
    "Comment (optional). Enter saves it and opens the next answer; Shift+Enter starts a new line.");
  var comment = element("textarea", { id: uid + "-comment", rows: "3" });
  var buttons = element("div", { "class": "mk-buttons" });
  var previous = element("button", { type: "button" }, "Previous answer");
  var next = element("button", { type: "button" }, "Next answer");
  buttons.appendChild(previous); buttons.appendChild(next);
  var model_answer = element("details", { "class": "mk-model" });
  model_answer.appendChild(element("summary", {}, "Model answer"));
  var modelText = element("div", { "class": "mk-model-text" });
  model_answer.appendChild(modelText);
  var status = element("p", { "class": "mk-status", "aria-live": "polite" });
  [prompt, where, text, aids, rubric, commentLabel, comment, buttons, model_answer, status]
    .forEach(function (n) { root.appendChild(n); });
  el.appendChild(root);

  var groups = [];  // per criterion: {name, radios}
  var shown = "";   // the answer on screen (question, position and code), to move focus when it changes
  var pending = false;  // a move to another answer was asked for and has not arrived yet

  /* Every mark and comment names the answer it is for: the kernel refuses it if another is shown. */
  function send(message) {
    var card = model.get("card") || {};
    model.send(Object.assign({ question: model.get("question"), code: card.code }, message));
  }
  function go(to) { pending = true; model.send({ event: "go", to: to }); }

  function drawRubric() {
    rubric.textContent = "";
    groups = model.get("rubric").map(function (criterion, n) {
      var fieldset = element("fieldset", { "class": "mk-criterion" });
      fieldset.appendChild(element("legend", {}, criterion.criterion + " (" + criterion.points + " points)"));
      var radios = criterion.levels.map(function (level, k) {
        var id = uid + "-c" + n + "-l" + k;
        var radio = element("input", { type: "radio", id: id, name: uid + "-c" + n, value: String(level.points) });
        var row = element("div", { "class": "mk-level" });
        row.appendChild(radio);
        row.appendChild(element("label", { "for": id }, level.points + ": " + level.descriptor));
        fieldset.appendChild(row);
        radio.addEventListener("change", function () {
          if (radio.checked && !pending) send({ event: "mark", criterion: criterion.criterion, points: level.points });
        });
        return radio;
      });
      rubric.appendChild(fieldset);
      return { name: criterion.criterion, radios: radios, levels: criterion.levels };
    });
  }

  function drawQuestions() {
    select.textContent = "";
    model.get("questions").forEach(function (q) {
      var option = element("option", { value: q.id }, q.id + ": " + q.marked + " of " + q.count + " answers marked");
      if (q.id === model.get("question")) option.selected = true;
      select.appendChild(option);
    });
  }

  function drawCard() {
    var card = model.get("card") || {}, given = model.get("given") || {};
    prompt.textContent = model.get("prompt");
    modelText.textContent = model.get("model_answer");
    if (!card.code) {
      where.textContent = "No answers to mark for this question.";
      text.textContent = ""; aids.textContent = "";
      return;
    }
    where.textContent = "Answer " + card.position + " of " + card.count + ": " + (card.name ? card.name + ", " : "") + card.code;
    text.textContent = card.text;
    aids.textContent = "";
    if ((card.aids || []).length) {
      aids.appendChild(element("p", { "class": "mk-label" }, "Aids (what the student saw)"));
      var list = element("ul");
      card.aids.forEach(function (aid) { list.appendChild(element("li", {}, (aid.ok ? "\u2714 " : "\u26a0 ") + aid.text)); });
      aids.appendChild(list);
    }
    groups.forEach(function (group) {
      group.radios.forEach(function (radio) {
        radio.checked = Object.prototype.hasOwnProperty.call(given, group.name) && Number(radio.value) === given[group.name];
      });
    });
    if (document.activeElement !== comment) comment.value = model.get("comment_text");
    var now = model.get("question") + "/" + card.position + "/" + card.code;
    if (now !== shown) {
      var first = shown === "";
      shown = now;
      pending = false;
      comment.value = model.get("comment_text");
      if (!first || el.contains(document.activeElement)) focusCriterion(firstUnmarked());
    }
  }

  function firstUnmarked() {
    var given = model.get("given") || {};
    for (var n = 0; n < groups.length; n++) if (!Object.prototype.hasOwnProperty.call(given, groups[n].name)) return n;
    return 0;
  }

  function focusCriterion(n) {
    if (n >= groups.length) { comment.focus(); return; }
    var group = groups[n];
    var target = group.radios.filter(function (r) { return r.checked; })[0] || group.radios[0];
    if (target) target.focus();
  }

  function currentCriterion() {
    for (var n = 0; n < groups.length; n++) if (groups[n].radios.indexOf(document.activeElement) >= 0) return n;
    return firstUnmarked();
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.key === "Escape") return;
    if (event.target === comment) {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        if (!pending) {
          send({ event: "comment", text: comment.value });
          go("next");
        }
      }
      event.stopPropagation();  // typing, and Shift+Enter's new line, are the comment box's
      return;
    }
    if (event.shiftKey && event.key === "Enter") return;
    var onControl = event.target && event.target.matches && event.target.matches("input, select, button, textarea, .mk-answer");
    if (/^[0-9]$/.test(event.key) && groups.length) {
      event.preventDefault();
      if (pending) { event.stopPropagation(); return; }
      var n = currentCriterion(), group = groups[n], points = Number(event.key);
      var radio = group.radios.filter(function (r) { return Number(r.value) === points; })[0];
      if (!radio) {
        status.textContent = "Not saved: " + group.name + " has no level worth " + points + " (levels: " +
          group.levels.map(function (l) { return l.points; }).join(", ") + ").";
      } else {
        radio.checked = true;
        send({ event: "mark", criterion: group.name, points: Number(radio.value) });
        focusCriterion(n + 1);
      }
    } else if (event.key === "n" || event.key === "p") {
      event.preventDefault();
      go(event.key === "n" ? "next" : "previous");
    } else if (event.key === "c") {
      event.preventDefault();
      comment.focus();
    }
    if (onControl) event.stopPropagation();
  }

  select.addEventListener("change", function () { model.send({ event: "question", id: select.value }); });
  names.addEventListener("click", function () { model.send({ event: "blind", value: !model.get("blind") }); });
  previous.addEventListener("click", function () { go("previous"); });
  next.addEventListener("click", function () { go("next"); });
  root.addEventListener("keydown", onKey);
  // Leaving the comment box saves what was typed in it, for the answer it was typed for.
  var editing = null;
  comment.addEventListener("focus", function () { editing = (model.get("card") || {}).code; });
  comment.addEventListener("blur", function () {
    var card = model.get("card") || {};
    if (editing && editing === card.code && !pending && comment.value !== model.get("comment_text")) {
      send({ event: "comment", text: comment.value });
    }
    editing = null;
  });

  function showBlind() {
    var blind = model.get("blind");
    names.textContent = blind ? "Show names" : "Hide names";
    names.setAttribute("aria-pressed", String(!blind));
  }
  function showStatus() { status.textContent = model.get("status"); }

  drawRubric(); drawQuestions(); drawCard(); showBlind(); showStatus();
  var listeners = [["change:rubric", function () { drawRubric(); drawCard(); }], ["change:questions", drawQuestions],
                   ["change:question", drawQuestions], ["change:card", drawCard], ["change:given", drawCard],
                   ["change:comment_text", drawCard], ["change:blind", showBlind], ["change:status", showStatus],
                   ["change:prompt", drawCard], ["change:model_answer", drawCard]];
  listeners.forEach(function (l) { model.on(l[0], l[1]); });
  return function () {
    root.removeEventListener("keydown", onKey);
    listeners.forEach(function (l) { model.off(l[0], l[1]); });
  };
}

export default { render };
