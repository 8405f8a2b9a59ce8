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
 * asks the kernel (lab.js). This file decides nothing, stores nothing and words no verdict: the
 * messages come from the caller, in the words of natocourse.engine.policy.
 *
 * The answer control is drawn by the input builder the spec names (``spec.input``). A question
 * type that needs a control of its own ships a view file that calls
 * ``NatoCourseView.addInput(name, builder)``; it is loaded after this file in the book and in
 * JupyterLab (see Question.view in natocourse/engine/question.py).
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

  /* A template of the policy's words with each {name} filled from ``values`` (policy.fill in Python). */
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }

  /* The input builders, by the name a spec gives in ``input`` (Question.input in Python). A
   * builder draws the answer control into ``body`` and returns {read, write}: read() gives the
   * answer as JSON (a text, a list or a dict; null when nothing is entered), write(answer) shows
   * one again. ``context`` holds ``uid`` (a page-unique prefix for ids), ``onEnter`` (Check) and
   * ``words`` (the policy's words). A question type with a control of its own registers it with
   * addInput from its view file; its builder may also return ``labels`` (the buttons' and the
   * explanation's names: {check, explain, explanation}), ``verdict(verdict)`` (to show what a
   * verdict brings beyond its message, e.g. a written answer's aids) and ``after`` (a node drawn
   * after the explanation, e.g. a rubric to assess oneself with). */
  var INPUTS = Object.create(null);

  function addInput(name, builder) { INPUTS[name] = builder; }

  function optionsInput(type, legend, many) {
    return function (spec, body, context) {
      var fieldset = element("fieldset", { "class": "nc-options" });
      fieldset.appendChild(element("legend", {}, legend));
      var inputs = spec.options.map(function (option, n) {
        var id = context.uid + "-o" + n;
        var input = element("input", { type: type, id: id, name: context.uid, value: option });
        var row = element("div", { "class": "nc-option" });
        row.appendChild(input); row.appendChild(element("label", { "for": id }, option)); fieldset.appendChild(row);
        return input;
      });
      body.appendChild(fieldset);
      return {
        read: function () {
          var picked = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
          return many ? picked : (picked[0] === undefined ? null : picked[0]);
        },
        write: function (answer) {
          var wanted = Array.isArray(answer) ? answer : [answer];
          inputs.forEach(function (i) { i.checked = wanted.indexOf(i.value) >= 0; });
        }
      };
    };
  }

  function selectsInput(legend, rowsOf, read, valueOf) {
    return function (spec, body, context) {
      var group = element("fieldset", { "class": "nc-selects" });
      group.appendChild(element("legend", {}, legend));
      var selects = rowsOf(spec).map(function (labelText, n) {
        var id = context.uid + "-s" + n;
        var row = element("div", { "class": "nc-select-row" });
        row.appendChild(element("label", { "for": id }, labelText));
        var select = element("select", { id: id });
        select.appendChild(element("option", { value: "" }, "— choose —"));
        spec.options.forEach(function (o) { select.appendChild(element("option", { value: o }, o)); });
        row.appendChild(select); group.appendChild(row);
        return select;
      });
      body.appendChild(group);
      return {
        read: function () { return read(spec, selects); },
        write: function (answer) {
          selects.forEach(function (s, n) {
            var value = valueOf(spec, answer, n);
            s.value = typeof value === "string" && spec.options.indexOf(value) >= 0 ? value : "";
          });
        }
      };
    };
  }

  function textInput(labelOf) {
    return function (spec, body, context) {
      var id = context.uid + "-answer";
      var wrap = element("div", { "class": "nc-text" });
      wrap.appendChild(element("label", { "for": id }, labelOf(spec)));
      var box = element("input", { type: "text", id: id, autocomplete: "off", spellcheck: "false" });
      wrap.appendChild(box); body.appendChild(wrap);
      box.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); context.onEnter(); } });
      return {
        read: function () { return box.value; },
        write: function (answer) { box.value = typeof answer === "string" || typeof answer === "number" ? String(answer) : ""; }
      };
    };
  }

  addInput("radio", optionsInput("radio", "Choose one option", false));
  addInput("checkboxes", optionsInput("checkbox", "Tick every option that applies", true));
  addInput("positions", selectsInput("Choose the item for each position",
    function (spec) { return spec.options.map(function (_, n) { return "Position " + (n + 1); }); },
    function (spec, selects) { return selects.map(function (s) { return s.value || null; }); },
    function (spec, answer, n) { return (answer || [])[n]; }));
  addInput("pairs", selectsInput("Choose an option for each item",
    function (spec) { return spec.items; },
    function (spec, selects) {
      var answer = {};
      spec.items.forEach(function (item, n) { answer[item] = selects[n].value || null; });
      return answer;
    },
    function (spec, answer, n) { return (answer || {})[spec.items[n]]; }));
  addInput("text", textInput(function () { return "Your answer"; }));
  addInput("number", textInput(function (spec) { return "Your answer" + (spec.units ? " (in " + spec.units + ")" : ""); }));
  addInput("value", textInput(function () { return "Your answer (the value you computed)"; }));

  /* Draw the question ``spec`` into ``container`` and return the handles to fill it in.
   *
   * ``actions`` holds the buttons' work: ``check()``, ``hint()`` and ``explain()``, and
   * ``another()`` when ``options.another`` is true (a question with other versions to practise
   * on: a "Try another" button). ``options.words`` are the policy's words (policy.WORDS: at least
   * ``attempts``). With ``options.input === false`` (a question answered in code, in JupyterLab)
   * there is no input and no Check button. ``spec.hint_count`` (or ``spec.hints.length``) numbers
   * the hints. ``view.replace(spec)`` draws another version of the same question in place: its
   * prompt, instructions and answer control change, the buttons and live regions stay (so focus
   * stays on "Try another" and the regions keep announcing).
   */
  function question(container, spec, actions, options) {
    var withInput = !(options && options.input === false);
    var words = options.words;
    var another = Boolean(options && options.another);
    var uid = "nc-" + spec.id + "-" + (counter++);
    var hintCount = spec.hint_count !== undefined ? spec.hint_count : (spec.hints || []).length;
    container.textContent = "";
    container.classList.add("nc-live");
    container.setAttribute("role", "group");
    container.setAttribute("aria-labelledby", uid + "-title");
    container.appendChild(element("p", { "class": "nc-title", id: uid + "-title" }, "Question " + spec.id));
    var stem = [], io, labels, drawn = 0;
    /* The parts of the question that change from one version to another: prompt, instructions and
     * the answer control (with ids of their own, so no label points at a control that is gone). */
    function draw(shown, before) {
      stem.forEach(function (node) { node.remove(); });
      var id = uid + (drawn++ ? "-v" + drawn : "");
      var prompt = markdown(shown.prompt, element("div", { "class": "nc-prompt" }));
      var note = shown.instructions ? element("p", { "class": "nc-instructions" }, shown.instructions.replace(/`/g, "")) : null;
      var body = element("div", { "class": "nc-body" });
      stem = [prompt, note, body].filter(Boolean);
      stem.forEach(function (node) { container.insertBefore(node, before); });
      var build = INPUTS[shown.input];
      if (withInput && !build) throw new Error("question " + shown.id + ": no input view named '" + shown.input + "' is loaded");
      io = withInput ? build(shown, body, { uid: id, onEnter: actions.check, words: words }) : { read: function () { return null; }, write: function () {} };
      labels = io.labels || {};
      hintCount = shown.hint_count !== undefined ? shown.hint_count : (shown.hints || []).length;
    }
    var buttons = element("div", { "class": "nc-buttons" });
    container.appendChild(buttons);
    draw(spec, buttons);
    var checkButton = element("button", { type: "button", "class": "nc-check" }, labels.check || "Check");
    var hintButton = element("button", { type: "button", "class": "nc-hint" });
    var explainButton = element("button", { type: "button", "class": "nc-explain" }, labels.explain || "Show explanation");
    var anotherButton = element("button", { type: "button", "class": "nc-another" }, "Try another");
    (withInput ? [checkButton, hintButton, explainButton] : [hintButton, explainButton])
      .concat(another ? [anotherButton] : []).forEach(function (b) { buttons.appendChild(b); });
    // The live regions, made once: the feedback first (the markup contract), then the rest.
    var feedback = element("div", { "class": "nc-feedback", "aria-live": "polite" });
    var attempts = element("p", { "class": "nc-attempts", "aria-live": "polite" });
    var hints = element("div", { "class": "nc-hints", "aria-live": "polite" });
    var explanation = element("div", { "class": "nc-explanation", "aria-live": "polite" });
    (withInput ? [feedback, attempts, hints, explanation] : [feedback, hints, explanation])
      .forEach(function (n) { container.appendChild(n); });
    if (io.after) container.appendChild(io.after);
    checkButton.addEventListener("click", function () { actions.check(); });
    hintButton.addEventListener("click", function () { actions.hint(); });
    explainButton.addEventListener("click", function () { actions.explain(); });
    anotherButton.addEventListener("click", function () { actions.another(); });

    var view = {
      read: function () { return io.read(); },
      write: function (answer) { io.write(answer); },
      /* Draw another version of the question (a spec with the same id and input) in place of the
       * one shown: an empty answer, no hint, no explanation and no attempt shown. The caller then
       * says so in the feedback region (view.verdict with a message and no status). */
      replace: function (shown) {
        var after = io.after;
        draw(shown, buttons);
        if (after) after.remove();
        if (io.after) container.appendChild(io.after);
        view.verdict(null);
        if (withInput) view.attempts(0);
        view.hints([], "");
        view.explanation(false, "");
      },
      /* Show a verdict ({status, message}) in the feedback region: the message as the caller words
       * it. A message without a status is a note (e.g. that another version is shown). */
      verdict: function (verdict) {
        feedback.textContent = "";
        if (io.verdict) io.verdict(verdict || {});
        if (verdict && !verdict.status && verdict.message) {
          feedback.className = "nc-feedback nc-note";
          feedback.appendChild(document.createTextNode(verdict.message));
          return;
        }
        if (!verdict || !verdict.status) { feedback.className = "nc-feedback"; return; }
        feedback.className = "nc-feedback nc-" + verdict.status;
        feedback.appendChild(element("span", { "class": "nc-symbol", "aria-hidden": "true" },
          verdict.status === "correct" ? "✔ " : verdict.status === "incorrect" ? "✘ " : verdict.status === "to_mark" ? "✎ " : "… "));
        feedback.appendChild(document.createTextNode(verdict.message));
      },
      attempts: function (n) { attempts.textContent = fill(words.attempts, { n: n }); },
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
      /* Show the explanation (``open``, Markdown) or the note that says what opens it. */
      explanation: function (open, text) {
        explanation.textContent = "";
        if (open) {
          explanation.appendChild(element("p", { "class": "nc-label" }, labels.explanation || "Explanation"));
          markdown(text, explanation);
        } else if (text) {
          explanation.appendChild(element("p", {}, text));
        }
      }
    };
    if (withInput) view.attempts(0);
    view.hints([], "");
    return view;
  }

  return { element: element, markdown: markdown, fill: fill, addInput: addInput, question: question };
})();
