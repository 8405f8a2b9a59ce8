/* The written answer's view (natocourse/engine/written.py): a labelled multi-line text box with a
 * live word count, a Submit button, and after a submission the aids (word count and evidence
 * check, as the caller sends them) and the rubric as a checklist to assess oneself with.
 *
 * Everything a student wrote is shown with textContent, never as markup. The word count follows
 * the rule of natocourse.engine.evidence.count_words with the same tables (WORD_RULES below;
 * tests/test_written.py holds them equal to Python's).
 */
(function () {
  "use strict";

  var WORD_RULES = {
    spaces: "\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000",
    nonWord: [[0x00D7, 0x00D7], [0x00F7, 0x00F7], [0x2000, 0x2BFF], [0x3000, 0x303F], [0xD800, 0xDFFF],
              [0xFE30, 0xFE4F], [0xFF00, 0xFF0F], [0xFF1A, 0xFF20], [0xFF3B, 0xFF40], [0xFF5B, 0xFF65]]
  };

  function wordChar(ch) {
    if (/^[A-Za-z0-9]$/.test(ch)) return true;
    var code = ch.codePointAt(0);
    return code >= 0xC0 && !WORD_RULES.nonWord.some(function (r) { return code >= r[0] && code <= r[1]; });
  }

  /* Words: runs between spaces that hold at least one character of a word (evidence.count_words). */
  function countWords(text) {
    var count = 0, inside = false;
    for (var ch of String(text || "")) {
      if (WORD_RULES.spaces.indexOf(ch) >= 0) inside = false;
      else if (!inside && wordChar(ch)) { count++; inside = true; }
    }
    return count;
  }

  var element = NatoCourseView.element;

  NatoCourseView.countWords = countWords;
  NatoCourseView.addInput("essay", function (spec, body, context) {
    var id = context.uid + "-answer", low = spec.word_range[0], high = spec.word_range[1];
    if (spec.guidance) {
      var guidance = element("div", { "class": "nc-guidance" });
      guidance.appendChild(element("p", { "class": "nc-label" }, "Guidance"));
      body.appendChild(NatoCourseView.markdown(spec.guidance, guidance));
    }
    var wrap = element("div", { "class": "nc-essay" });
    wrap.appendChild(element("label", { "for": id }, "Your answer (" + low + "\u2013" + high + " words)"));
    var box = element("textarea", { id: id, rows: "12", spellcheck: "true", "aria-describedby": id + "-count" });
    var count = element("p", { "class": "nc-word-count", id: id + "-count" });
    wrap.appendChild(box); wrap.appendChild(count); body.appendChild(wrap);
    function recount() {
      count.textContent = NatoCourseView.fill(context.words.word_count, { n: countWords(box.value), low: low, high: high });
    }
    box.addEventListener("input", recount);
    recount();

    // After a submission: the aids the caller sends, and the rubric as a checklist.
    var after = element("div", { "class": "nc-after-submit" });
    var aids = element("div", { "class": "nc-aids" });
    var rubric = element("fieldset", { "class": "nc-rubric", hidden: "" });
    rubric.appendChild(element("legend", {}, "Rubric: tick each criterion your answer meets"));
    spec.rubric.forEach(function (criterion, n) {
      var row = element("div", { "class": "nc-criterion" });
      var tick = element("input", { type: "checkbox", id: context.uid + "-c" + n });
      var top = criterion.levels[0];
      row.appendChild(tick);
      row.appendChild(element("label", { "for": context.uid + "-c" + n },
        criterion.criterion + " (" + criterion.points + " points): " + top.descriptor));
      var levels = element("ul", { "class": "nc-levels" });
      criterion.levels.slice(1).forEach(function (level) {
        levels.appendChild(element("li", {}, level.points + " points: " + level.descriptor));
      });
      row.appendChild(levels);
      rubric.appendChild(row);
    });
    after.appendChild(aids); after.appendChild(rubric);

    return {
      read: function () { return box.value; },
      write: function (answer) { box.value = typeof answer === "string" ? answer : ""; recount(); },
      labels: { check: "Submit", explain: "Show model answer", explanation: "Model answer" },
      after: after,
      verdict: function (verdict) {
        aids.textContent = "";
        if (verdict.aids && verdict.aids.length) {
          aids.appendChild(element("p", { "class": "nc-label" }, "Aids (not a grade)"));
          var list = element("ul");
          verdict.aids.forEach(function (aid) {
            var item = element("li", { "class": aid.ok ? "nc-aid-ok" : "nc-aid-check" });
            item.appendChild(element("span", { "class": "nc-symbol", "aria-hidden": "true" }, aid.ok ? "\u2714 " : "\u26a0 "));
            item.appendChild(document.createTextNode(aid.text));
            list.appendChild(item);
          });
          aids.appendChild(list);
        }
        if (verdict.status === "to_mark") rubric.removeAttribute("hidden");
      }
    };
  });
})();
