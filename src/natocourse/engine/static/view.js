/* natocourse question view: the markup of one question, shared by the book and JupyterLab.
 *
 * Both front ends draw a question with this file, so a reader of the book and a student in
 * JupyterLab meet the same controls: the question is a group named by its title; options are
 * native radio buttons or checkboxes in a fieldset with a legend (one shared name, so a screen
 * reader says "1 of 4"); a free answer is one labelled text box (Enter checks); ordering and
 * matching use one labelled select per position or item. The feedback, the attempt count, the
 * hints and the explanation each have one live region, made once with the question and then
 * only refilled, so every change is announced.
 *
 * What the buttons do is up to the caller: the book checks in the page (engine.js), JupyterLab
 * asks the kernel (lab.js). This file decides nothing and stores nothing.
 *
 * No export statement: the book loads it as a classic script (it then defines the global
 * NatoCourseView) and JupyterLab's widget prepends it to its ES module.
 */
var NatoCourseView = (function () {
  "use strict";

  var counter = 0;

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The small Markdown subset of render.markdown_to_html, built as DOM nodes (no innerHTML). */
  function markdown(text, container) {
    String(text || "").trim().split(/\n\s*\n/).forEach(function (block) {
      var p = element("p");
      var pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*/g, last = 0, m;
      while ((m = pattern.exec(block)) !== null) {
        p.appendChild(document.createTextNode(block.slice(last, m.index)));
        p.appendChild(element(m[1] !== undefined ? "code" : m[2] !== undefined ? "strong" : "em", {}, m[1] || m[2] || m[3]));
        last = pattern.lastIndex;
      }
      p.appendChild(document.createTextNode(block.slice(last)));
      container.appendChild(p);
    });
    return container;
  }

  /* What a reader sees for a verdict ({status, message}): always words, never colour alone. */
  function message(verdict) {
    if (verdict.status === "correct" || verdict.status === "incorrect" || verdict.status === "recorded") return verdict.message;
    if (verdict.status === "not_answered") return "Not yet answered: choose or type an answer, then press Check.";
    return "Not yet checkable: " + String(verdict.message).replace(/^Cannot check this answer: /, "");
  }

  function buildInput(spec, body, uid, onEnter) {
    var read, write;
    if (spec.type === "choice" || spec.type === "select") {
      var fieldset = element("fieldset", { "class": "nc-options" });
      fieldset.appendChild(element("legend", {}, spec.type === "choice" ? "Choose one option" : "Tick every option that applies"));
      var inputs = spec.options.map(function (option, n) {
        var id = uid + "-o" + n;
        var input = element("input", { type: spec.type === "choice" ? "radio" : "checkbox", id: id, name: uid, value: option });
        var label = element("label", { "for": id }, option);
        var row = element("div", { "class": "nc-option" });
        row.appendChild(input); row.appendChild(label); fieldset.appendChild(row);
        return input;
      });
      body.appendChild(fieldset);
      read = function () {
        var picked = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        return spec.type === "choice" ? (picked[0] === undefined ? null : picked[0]) : picked;
      };
      write = function (answer) {
        var wanted = Array.isArray(answer) ? answer : [answer];
        inputs.forEach(function (i) { i.checked = wanted.indexOf(i.value) >= 0; });
      };
    } else if (spec.type === "order" || spec.type === "match") {
      var group = element("fieldset", { "class": "nc-selects" });
      group.appendChild(element("legend", {}, spec.type === "order" ? "Choose the item for each position" : "Choose an option for each item"));
      var rows = spec.type === "order" ? spec.options.map(function (_, n) { return "Position " + (n + 1); }) : spec.items;
      var selects = rows.map(function (labelText, n) {
        var id = uid + "-s" + n;
        var row = element("div", { "class": "nc-select-row" });
        row.appendChild(element("label", { "for": id }, labelText));
        var select = element("select", { id: id });
        select.appendChild(element("option", { value: "" }, "— choose —"));
        spec.options.forEach(function (o) { select.appendChild(element("option", { value: o }, o)); });
        row.appendChild(select); group.appendChild(row);
        return select;
      });
      body.appendChild(group);
      read = function () {
        if (spec.type === "order") return selects.map(function (s) { return s.value || null; });
        var answer = {};
        spec.items.forEach(function (item, n) { answer[item] = selects[n].value || null; });
        return answer;
      };
      write = function (answer) {
        selects.forEach(function (s, n) {
          var value = spec.type === "order" ? (answer || [])[n] : (answer || {})[spec.items[n]];
          s.value = typeof value === "string" && spec.options.indexOf(value) >= 0 ? value : "";
        });
      };
    } else {
      var id = uid + "-answer";
      var wrap = element("div", { "class": "nc-text" });
      var what = spec.type === "data" ? "Your answer (the value you computed)" :
                 spec.type === "number" ? "Your answer" + (spec.units ? " (in " + spec.units + ")" : "") : "Your answer";
      wrap.appendChild(element("label", { "for": id }, what));
      var box = element("input", { type: "text", id: id, autocomplete: "off", spellcheck: "false" });
      wrap.appendChild(box); body.appendChild(wrap);
      box.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); onEnter(); } });
      read = function () { return box.value; };
      write = function (answer) { box.value = typeof answer === "string" || typeof answer === "number" ? String(answer) : ""; };
    }
    return { read: read, write: write };
  }

  /* Draw the question ``spec`` into ``container`` and return the handles to fill it in.
   *
   * ``actions`` holds the buttons' work: ``check()``, ``hint()`` and ``explain()``. With
   * ``options.input === false`` (a data question in JupyterLab, answered in code) there is no
   * input and no Check button. ``spec.hint_count`` (or ``spec.hints.length``) numbers the hints.
   */
  function question(container, spec, actions, options) {
    var withInput = !(options && options.input === false);
    var uid = "nc-" + spec.id + "-" + (counter++);
    var hintCount = spec.hint_count !== undefined ? spec.hint_count : (spec.hints || []).length;
    container.textContent = "";
    container.classList.add("nc-live");
    container.setAttribute("role", "group");
    container.setAttribute("aria-labelledby", uid + "-title");
    container.appendChild(element("p", { "class": "nc-title", id: uid + "-title" }, "Question " + spec.id));
    container.appendChild(markdown(spec.prompt, element("div", { "class": "nc-prompt" })));
    if (spec.instructions) container.appendChild(element("p", { "class": "nc-instructions" }, spec.instructions.replace(/`/g, "")));
    var body = element("div", { "class": "nc-body" });
    container.appendChild(body);
    var io = withInput ? buildInput(spec, body, uid, actions.check) : { read: function () { return null; }, write: function () {} };
    var buttons = element("div", { "class": "nc-buttons" });
    var checkButton = element("button", { type: "button", "class": "nc-check" }, "Check");
    var hintButton = element("button", { type: "button", "class": "nc-hint" });
    var explainButton = element("button", { type: "button", "class": "nc-explain" }, "Show explanation");
    (withInput ? [checkButton, hintButton, explainButton] : [hintButton, explainButton])
      .forEach(function (b) { buttons.appendChild(b); });
    container.appendChild(buttons);
    // The live regions, made once: the feedback first (the markup contract), then the rest.
    var feedback = element("div", { "class": "nc-feedback", "aria-live": "polite" });
    var attempts = element("p", { "class": "nc-attempts", "aria-live": "polite" });
    var hints = element("div", { "class": "nc-hints", "aria-live": "polite" });
    var explanation = element("div", { "class": "nc-explanation", "aria-live": "polite" });
    (withInput ? [feedback, attempts, hints, explanation] : [feedback, hints, explanation])
      .forEach(function (n) { container.appendChild(n); });
    checkButton.addEventListener("click", function () { actions.check(); });
    hintButton.addEventListener("click", function () { actions.hint(); });
    explainButton.addEventListener("click", function () { actions.explain(); });

    var view = {
      read: io.read,
      write: io.write,
      /* Show a verdict ({status, message}) in the feedback region. */
      verdict: function (verdict) {
        feedback.textContent = "";
        if (!verdict || !verdict.status) { feedback.className = "nc-feedback"; return; }
        feedback.className = "nc-feedback nc-" + verdict.status;
        feedback.appendChild(element("span", { "class": "nc-symbol", "aria-hidden": "true" },
          verdict.status === "correct" ? "✔ " : verdict.status === "incorrect" ? "✘ " : "… "));
        feedback.appendChild(document.createTextNode(message(verdict)));
      },
      attempts: function (n) { attempts.textContent = "Attempts: " + n; },
      /* Show the first ``shown`` hints (markdown strings) and, once all are out, a note. */
      hints: function (shown, note) {
        hints.textContent = "";
        if (shown.length) {
          hints.appendChild(element("p", { "class": "nc-label" }, "Hints"));
          var list = element("ol");
          shown.forEach(function (h) { list.appendChild(markdown(h, element("li"))); });
          hints.appendChild(list);
        }
        if (note) hints.appendChild(element("p", {}, note));
        hintButton.textContent = shown.length < hintCount ? "Hint " + (shown.length + 1) + " of " + hintCount
          : (hintCount ? "No more hints" : "No hints");
      },
      /* Show the explanation (``open``) or the note that says what opens it. */
      explanation: function (open, text) {
        explanation.textContent = "";
        if (open) {
          explanation.appendChild(element("p", { "class": "nc-label" }, "Explanation"));
          markdown(text || "No explanation is written for this question.", explanation);
        } else if (text) {
          explanation.appendChild(element("p", {}, text));
        }
      }
    };
    if (withInput) view.attempts(0);
    view.hints([], "");
    return view;
  }

  return { element: element, markdown: markdown, message: message, question: question };
})();
