/* natocourse exercise engine: the book's front end, a mirror of natocourse.engine (Python).
 *
 * Python is the source of truth: engine-data.js holds the normalisation tables of
 * natocourse.engine.answers and questions.js every question's spec, both written at book build.
 * This file reads answers and checks them with the same rules as Question.check in Python, then
 * renders every [data-question] element as native controls. No framework, no network, no build
 * step; works from file:// and from any web server. Progress is kept in localStorage in the same
 * JSON format as the kernel's progress.json, so it can be exported to JupyterLab and back.
 *
 * The checking half (up to "Front end") must stay a line-by-line mirror of answers.py, the
 * checking families of types.py (question.CHECKERS) and policy.py: tests/browser/test_engine_parity.py
 * runs both over thousands of answers and requires the same verdict and the same words. Every
 * word a student reads around a verdict comes from engine-data.js (policy.WORDS in Python).
 */
(function () {
  "use strict";

  var ENGINE = window.NATOCOURSE_ENGINE || {};
  var QUESTIONS = window.NATOCOURSE_QUESTIONS || {};
  var WORDS = ENGINE.words || {};
  var View = window.NatoCourseView;
  var fill = View.fill;
  var hasOwn = function (object, key) { return Object.prototype.hasOwnProperty.call(object, key); };

  // ---- answers.py ------------------------------------------------------------------------

  var FOLD = ENGINE.fold || {};
  var SPACES = {};
  var SPACE_CHARACTERS = ENGINE.spaces || " ";
  Array.from(SPACE_CHARACTERS).forEach(function (ch) { SPACES[ch] = true; });
  var ESCAPED = ENGINE.escaped || [];
  var SHORT_ESCAPES = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  var END = ENGINE.end_punctuation || " .;:!";
  var MAX_TEXT = ENGINE.max_text || 500;
  var WRITTEN_MAX = ENGINE.written_max || 20000;
  var BRITISH_AMERICAN = Object.assign(Object.create(null), ENGINE.british_american || {});
  var AMERICAN_BRITISH = Object.create(null);
  Object.keys(BRITISH_AMERICAN).forEach(function (word) { AMERICAN_BRITISH[BRITISH_AMERICAN[word]] = word; });
  var TITLE = new RegExp("^(?:(?:" + (ENGINE.titles || []).map(function (t) {
    return t.replace(/[.*+?^${}()|[\]\\\-]/g, "\\$&");
  }).join("|") + ")\\.? +)+");
  var PARENTHETICAL = / *[(\[][^()\[\]]*[)\]]/g;
  var SPACE_BEFORE_PERCENT = / +%/g;
  var WORD = /[a-z]+/g;
  var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  var NUMBER = /^([+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|[+-]?\.[0-9]+)(?:e([+-]?[0-9]{1,3}))? *(.*)$/;
  var DECIMAL_COMMA = /[0-9],[0-9]/;

  function Reject(message) { this.message = message; }

  function codePoints(text) { return Array.from(text); }

  function fold(text) {
    var out = "";
    for (var ch of text) {
      if (ch.charCodeAt(0) < 0x80 && ch.length === 1) {
        out += SPACES[ch] ? " " : ch.toLowerCase();
      } else {
        out += hasOwn(FOLD, ch) ? FOLD[ch] : ch;
      }
    }
    return out;
  }

  function strip(text, chars) {
    var start = 0, end = text.length;
    while (start < end && chars.indexOf(text[start]) >= 0) start++;
    while (end > start && chars.indexOf(text[end - 1]) >= 0) end--;
    return text.slice(start, end);
  }

  function rstrip(text, chars) {
    var end = text.length;
    while (end > 0 && chars.indexOf(text[end - 1]) >= 0) end--;
    return text.slice(0, end);
  }

  function collapse(folded) { return strip(folded.replace(/ {2,}/g, " "), " "); }

  function canonicalText(text) { return strip(collapse(fold(text)), END); }

  function respell(text, table) {
    return text.replace(WORD, function (word) { return table[word] !== undefined ? table[word] : word; });
  }

  function textVariants(text) {
    var base = canonicalText(text);
    var forms = [base];
    var trimmed = canonicalText(base.replace(PARENTHETICAL, ""));
    if (trimmed) forms.push(trimmed);
    forms.slice().forEach(function (form) {
      var untitled = form.replace(TITLE, "");
      if (untitled && untitled !== form) forms.push(untitled);
    });
    forms.slice().forEach(function (form) { if (form.indexOf("the ") === 0) forms.push(form.slice(4)); });
    forms.slice().forEach(function (form) {
      forms.push(form.replace(SPACE_BEFORE_PERCENT, "%"));
      forms.push(respell(form, BRITISH_AMERICAN));
      forms.push(respell(form, AMERICAN_BRITISH));
    });
    var unique = [];
    forms.forEach(function (form) { if (form && unique.indexOf(form) < 0) unique.push(form); });
    return unique;
  }

  function matchingForm(text) {
    var form = canonicalText(canonicalText(text).replace(PARENTHETICAL, "")) || canonicalText(text);
    if (form.indexOf("the ") === 0) form = form.slice(4);
    return respell(form.replace(SPACE_BEFORE_PERCENT, "%"), BRITISH_AMERICAN);
  }

  function isUnanswered(answer) {
    if (answer === null || answer === undefined) return true;
    if (typeof answer === "string") return codePoints(answer).every(function (ch) { return SPACES[ch]; });
    return false;
  }

  /* A whole number below 2**53: what Python reads from the same JSON as an int. */
  function isInt(value) { return Number.isInteger(value) && Math.abs(value) < 9007199254740992; }

  function typeName(value) {
    if (value === null) return "NoneType";
    if (Array.isArray(value)) return "list";
    if (typeof value === "object") return "dict";
    if (typeof value === "number") return isInt(value) ? "int" : "float";
    if (typeof value === "boolean") return "bool";
    if (typeof value === "string") return "str";
    return typeof value;
  }

  function escaped(code) {
    return ESCAPED.some(function (range) { return code >= range[0] && code <= range[1]; });
  }

  function quote(text) {
    var mark = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'", out = "";
    for (var ch of text) {
      var code = ch.codePointAt(0);
      if (hasOwn(SHORT_ESCAPES, ch)) out += SHORT_ESCAPES[ch];
      else if (ch === mark) out += "\\" + ch;
      else if (escaped(code)) out += code < 0x100 ? "\\x" + code.toString(16).padStart(2, "0") : "\\u" + code.toString(16).padStart(4, "0");
      else out += ch;
    }
    return mark + out + mark;
  }

  /* Python's repr of a float: the shortest digits that read back, fixed notation from 1e-4 to 1e16. */
  function floatRepr(value) {
    if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
    var parts = Math.abs(value).toExponential().split("e");
    var digits = parts[0].replace(".", ""), point = parseInt(parts[1], 10) + 1, text;
    if (point <= -4 || point > 16) {
      var exponent = point - 1;
      text = digits[0] + (digits.length > 1 ? "." + digits.slice(1) : "") + "e" + (exponent < 0 ? "-" : "+") +
             String(Math.abs(exponent)).padStart(2, "0");
    } else if (point <= 0) {
      text = "0." + "0".repeat(-point) + digits;
    } else if (point < digits.length) {
      text = digits.slice(0, point) + "." + digits.slice(point);
    } else {
      text = digits + "0".repeat(point - digits.length) + ".0";
    }
    return (value < 0 ? "-" : "") + text;
  }

  function pythonRepr(value, budget) {
    if (typeof value === "string") return quote(value);
    if (value === null || value === undefined) return "None";
    if (typeof value === "boolean") return value ? "True" : "False";
    if (typeof value === "number") return isInt(value) ? String(value) : floatRepr(value);
    var list = Array.isArray(value), entries = list ? value : Object.keys(value), parts = [], used = 0;
    for (var i = 0; i < entries.length; i++) {
      if (used > budget) { parts.push("…"); break; }
      var part = list ? pythonRepr(entries[i], budget) : quote(entries[i]) + ": " + pythonRepr(value[entries[i]], budget);
      parts.push(part);
      used += codePoints(part).length + 2;
    }
    return list ? "[" + parts.join(", ") + "]" : "{" + parts.join(", ") + "}";
  }

  /* A short description of an answer for messages: Python's way of writing it (answers.describe). */
  function describe(value) {
    var text;
    try { text = pythonRepr(value, 60); } catch (e) { text = "<" + typeName(value) + " nested too deeply>"; }
    var points = codePoints(text);
    return points.length <= 60 ? text : points.slice(0, 59).join("") + "…";
  }

  function stripSpaces(text) { return strip(text, SPACE_CHARACTERS); }

  function asText(answer, what) {
    what = what || "a text answer in quotes";
    if (typeof answer !== "string") throw new Reject("expected " + what + ", got " + typeName(answer) + " " + describe(answer));
    if (LONE_SURROGATE.test(answer)) throw new Reject("that answer holds a broken character; type it again");
    var length = codePoints(answer).length;
    if (length > MAX_TEXT) throw new Reject("that answer is " + length + " characters long; keep it under " + MAX_TEXT);
    return answer;
  }

  function finite(value) {
    if (Number.isNaN(value)) throw new Reject("that is NaN (not a number); give a number");
    if (!Number.isFinite(value)) throw new Reject("that is infinite; give a finite number");
    if (Math.abs(value) > 1e15) throw new Reject("that number is far too large to be the answer");
    return value;
  }

  function readNumber(answer, unitNames, units) {
    if (typeof answer === "boolean") throw new Reject("True/False is not a number; give a number");
    if (typeof answer === "number") {
      if (isInt(answer)) {
        if (Math.abs(answer) > 1e15) throw new Reject("that number is far too large to be the answer");
        return [answer, false];
      }
      return [finite(answer), false];
    }
    var text = rstrip(collapse(fold(asText(answer, "a number"))), ";:! ");
    var match = NUMBER.exec(text);
    if (!match) {
      throw new Reject("could not read " + describe(stripSpaces(answer)) + " as one number" +
                       (DECIMAL_COMMA.test(text) ? " (use a point for decimals)" : "") + "; write e.g. 2.5");
    }
    var mantissa = match[1].replace(/,/g, ""), exponent = match[2], unit = strip(match[3], " ");
    var value = Number(mantissa + (exponent ? "e" + exponent : ""));
    if (/[0-9]/.test(unit)) {
      if (DECIMAL_COMMA.test(text)) {
        throw new Reject("could not read " + describe(stripSpaces(answer)) + " as one number (use a point for " +
                         "decimals; a comma only between groups of three digits); write e.g. 2.5");
      }
      throw new Reject(describe(stripSpaces(answer)) + " holds more than one number; give one number");
    }
    if (unit && (unitNames || []).indexOf(unit) < 0) {
      throw new Reject(describe(match[3]) + " is not a unit this question uses; answer " + (units ? "in " + units : "without units"));
    }
    return [finite(value), Boolean(unit)];
  }

  function close(value, expected, tolerance) {
    return Math.abs(value - expected) <= tolerance + 1e-9 * Math.max(1.0, Math.abs(expected));
  }

  function percentMatches(value, unitGiven, expected, tolerance) {
    if (close(value, expected, tolerance)) return "percent";
    if (!unitGiven && value >= -1 && value <= 1 && close(value * 100, expected, tolerance)) return "share";
    return "";
  }

  /* Python's "%g": six significant digits, exponent form below 1e-4 and from 1e6. */
  function formatNumber(value) {
    if (value === 0) return Object.is(value, -0) ? "-0" : "0";
    var parts = value.toExponential(5).split("e");
    var exponent = parseInt(parts[1], 10);
    if (exponent < -4 || exponent >= 6) {
      var mantissa = parts[0].replace(/\.?0+$/, "");
      return mantissa + "e" + (exponent < 0 ? "-" : "+") + String(Math.abs(exponent)).padStart(2, "0");
    }
    var fixed = value.toFixed(Math.max(0, 5 - exponent));
    return fixed.indexOf(".") >= 0 ? fixed.replace(/\.?0+$/, "") : fixed;
  }

  // ---- keys.py: SHA-256 (Web Crypto where the page is a secure context, else our own) ----

  var K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
           0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
           0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
           0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
           0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
           0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
           0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
           0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];

  function sha256Fallback(bytes) {
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var length = bytes.length, total = ((length + 9 + 63) >> 6) << 6;
    var padded = new Uint8Array(total);
    padded.set(bytes);
    padded[length] = 0x80;
    var bits = length * 8;
    for (var i = 0; i < 8; i++) padded[total - 1 - i] = Math.floor(bits / Math.pow(2, 8 * i)) & 0xff;
    var w = new Int32Array(64);
    for (var offset = 0; offset < total; offset += 64) {
      for (var t = 0; t < 16; t++) {
        var j = offset + 4 * t;
        w[t] = (padded[j] << 24) | (padded[j + 1] << 16) | (padded[j + 2] << 8) | padded[j + 3];
      }
      for (t = 16; t < 64; t++) {
        var a15 = w[t - 15], a2 = w[t - 2];
        var s0 = ((a15 >>> 7) | (a15 << 25)) ^ ((a15 >>> 18) | (a15 << 14)) ^ (a15 >>> 3);
        var s1 = ((a2 >>> 17) | (a2 << 15)) ^ ((a2 >>> 19) | (a2 << 13)) ^ (a2 >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var ch = (e & f) ^ (~e & g);
        var temp1 = (k + S1 + ch + K[t] + w[t]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var maj = (a & b) ^ (a & c) ^ (b & c);
        var temp2 = (S0 + maj) | 0;
        k = g; g = f; f = e; e = (d + temp1) | 0; d = c; c = b; b = a; a = (temp1 + temp2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    return h.map(function (x) { return (x >>> 0).toString(16).padStart(8, "0"); }).join("");
  }

  var hashCache = new Map();
  var settings = { forceFallbackHash: false };

  function webCrypto() {
    return !settings.forceFallbackHash && window.isSecureContext && window.crypto && window.crypto.subtle;
  }

  function sha256Hex(text) {
    var bytes = new TextEncoder().encode(text);
    if (webCrypto()) {
      return window.crypto.subtle.digest("SHA-256", bytes).then(function (buffer) {
        return Array.from(new Uint8Array(buffer)).map(function (x) { return x.toString(16).padStart(2, "0"); }).join("");
      });
    }
    return Promise.resolve(sha256Fallback(bytes));
  }

  function answerHash(questionId, canonical) {
    var salted = ENGINE.salt + ENGINE.separator + questionId + ENGINE.separator + canonical;
    if (hashCache.has(salted)) return Promise.resolve(hashCache.get(salted));
    return sha256Hex(salted).then(function (digest) { hashCache.set(salted, digest); return digest; });
  }

  function matches(spec, canonical) {
    return answerHash(spec.id, canonical).then(function (digest) { return spec.keys.indexOf(digest) >= 0; });
  }

  // ---- results.py, in the words of policy.py ---------------------------------------------

  function result(status, message) { return { status: status, correct: status === "correct", message: message }; }
  function correct(extra) { return result("correct", WORDS.correct + (extra ? " " + extra : "")); }
  function incorrect(reason) { return result("incorrect", fill(WORDS.incorrect, { reason: reason })); }
  function notAnswered() { return result("not_answered", WORDS.not_answered); }
  function invalid(reason) { return result("invalid", fill(WORDS.invalid, { reason: reason })); }
  function toMark(aids) { var r = result("to_mark", WORDS.to_mark); r.aids = aids; return r; }

  // ---- policy.py: when hints and the explanation open, and the words around a verdict ------

  var FEEDBACK_MODES = ["instant", "none", "attempts"];
  var INSTANT = { assignment: "", feedback: "instant", attempts: null, due: "" };
  var ATTEMPT_STATUSES = ["correct", "incorrect", "recorded", "to_mark"];

  var POLICY = {
    /* {attempts, wrong, solved, submitted} from recorded attempts: only checked ones (right, wrong, or
     * recorded without a verdict) and submitted ones (to mark) count. */
    standing: function (attempts) {
      return attempts.reduce(function (s, a) { return POLICY.after(s, a.status); },
                             { attempts: 0, wrong: 0, solved: false, submitted: 0 });
    },
    after: function (s, status) {
      if (ATTEMPT_STATUSES.indexOf(status) < 0) return s;
      return { attempts: s.attempts + 1, wrong: s.wrong + (status === "incorrect"), solved: s.solved || status === "correct",
               submitted: (s.submitted || 0) + (status === "to_mark") };
    },
    /* The mode a page declares (Mode.to_json in Python, written by exercises.assignment), checked as
     * check_mode does; a declared mode that cannot be read gives nothing away: "none". */
    mode: function (declared) {
      if (declared === undefined || declared === null) return INSTANT;
      var m = declared, ok = m && typeof m === "object" && FEEDBACK_MODES.indexOf(m.feedback) >= 0;
      if (ok && m.feedback === "attempts") ok = Number.isInteger(m.attempts) && m.attempts >= 1 && m.attempts <= 20;
      else if (ok) ok = m.attempts === null || m.attempts === undefined;
      if (!ok) return { assignment: "", feedback: "none", attempts: null, due: "" };
      return { assignment: typeof m.assignment === "string" ? m.assignment : "", feedback: m.feedback,
               attempts: m.feedback === "attempts" ? m.attempts : null, due: typeof m.due === "string" ? m.due : "" };
    },
    /* A question marked by a person (Policy(marked=True) in Python): its checking family is "written". */
    marked: function (spec) { return Boolean(spec) && spec.check === "written"; },
    explanationOpen: function (spec, s, mode) {
      if ((mode || INSTANT).feedback !== "instant") return false;
      if (POLICY.marked(spec)) return (s.submitted || 0) > 0;
      return s.solved || s.wrong >= spec.reveal_after;
    },
    explanationNote: function (spec, mode) {
      if ((mode || INSTANT).feedback !== "instant") return POLICY.marked(spec) ? WORDS.model_answer_graded : WORDS.explanation_graded;
      if (POLICY.marked(spec)) return fill(WORDS.model_answer_locked, { how: WORDS.how_to_submit });
      return fill(WORDS.explanation_locked, { reveal_after: spec.reveal_after, how: WORDS.how_in_view });
    },
    /* A question marked by a person never closes: its submissions are not judged, so they use no attempt. */
    closed: function (mode, s, spec) {
      if (mode.feedback !== "attempts" || POLICY.marked(spec)) return "";
      if (s.solved) return WORDS.already_right;
      return s.attempts >= mode.attempts ? fill(WORDS.attempts_used, { max: mode.attempts }) : "";
    },
    reported: function (mode, verdict) {
      if (mode.feedback === "none" && (verdict.status === "correct" || verdict.status === "incorrect" || verdict.message === WORDS.recorded)) {
        return { status: "recorded", correct: false, message: WORDS.recorded };
      }
      return verdict;
    },
    attemptsWords: function (mode, spec) {
      return mode.feedback === "attempts" && !POLICY.marked(spec) ? WORDS.attempts_of.replace("{max}", String(mode.attempts)) : WORDS.attempts;
    },
    describe: function (mode) { return fill(WORDS["mode_" + mode.feedback], { max: mode.attempts }); },
    nextHint: function (shown, total) {
      if (shown < total) return [shown + 1, ""];
      return [total, total ? fill(WORDS.hints_all_shown, { total: total }) : WORDS.no_hints];
    },
    shown: function (verdict, spec) {
      var prefix = WORDS.invalid.split("{")[0], marked = POLICY.marked(spec);
      if (verdict.status === "not_answered" && verdict.message === WORDS.not_answered) {
        return marked ? WORDS.view_not_written : WORDS.view_not_answered;
      }
      if (verdict.status === "invalid" && verdict.message.indexOf(prefix) === 0) {
        return fill(marked ? WORDS.view_not_saved : WORDS.view_invalid, { reason: verdict.message.slice(prefix.length) });
      }
      return verdict.message;
    },
    kept: function (correct, status) {
      if (status === "recorded") return WORDS.kept_recorded;
      if (status === "to_mark") return WORDS.kept_to_mark;
      return WORDS[correct ? "kept_correct" : "kept_incorrect"];
    }
  };

  // ---- evidence.py: a written answer's aids (word count, figures, quotations) ----------------

  var EVIDENCE = ENGINE.evidence || {};
  var EVIDENCE_INDEX = window.NATOCOURSE_EVIDENCE || null;
  var NON_WORD = EVIDENCE.non_word || [];
  var PAIRS = EVIDENCE.pairs || {};
  var SCALES = {};
  (EVIDENCE.scales || []).forEach(function (pair) { SCALES[pair[0]] = pair[1]; });
  var LINE_BREAKS = ["\n", "\r", "\u2028", "\u2029"];

  function space(ch) { return Boolean(SPACES[ch]); }
  function asciiAlnum(ch) { return ch !== undefined && /^[A-Za-z0-9]$/.test(ch); }
  function digit(ch) { return ch !== undefined && ch >= "0" && ch <= "9"; }

  function wordChar(ch) {
    if (asciiAlnum(ch)) return true;
    var code = ch.codePointAt(0);
    return code >= 0xC0 && !NON_WORD.some(function (r) { return code >= r[0] && code <= r[1]; });
  }

  function countWords(text) {
    var count = 0, inside = false;
    for (var ch of text) {
      if (space(ch)) inside = false;
      else if (!inside && wordChar(ch)) { count++; inside = true; }
    }
    return count;
  }

  function wordAid(n, low, high) {
    if (n < low) return { kind: "words", ok: false, text: fill(WORDS.words_short, { n: n, missing: low - n, low: low }) };
    if (n > high) return { kind: "words", ok: false, text: fill(WORDS.words_over, { n: n, extra: n - high, high: high }) };
    return { kind: "words", ok: true, text: fill(WORDS.words_in_range, { n: n, low: low, high: high }) };
  }

  function quotes(cps) {
    var found = [], i = 0, n = cps.length;
    while (i < n) {
      var ch = cps[i], closer = "";
      var before = i > 0 ? cps[i - 1] : " ", after = i + 1 < n ? cps[i + 1] : " ";
      if (hasOwn(PAIRS, ch)) closer = PAIRS[ch];
      else if (ch === '"') closer = '"';
      else if ((ch === "'" || ch === "\u2018") && !wordChar(before) && wordChar(after)) closer = ch === "'" ? "'" : "\u2019";
      if (!closer) { i++; continue; }
      var end = i + 1;
      while (end < n) {
        var mark = cps[end];
        if (mark === closer && ((closer !== "'" && closer !== "\u2019") ||
            (!space(cps[end - 1]) && !wordChar(end + 1 < n ? cps[end + 1] : " ")))) break;
        end++;
      }
      if (end >= n) { i++; continue; }
      found.push([i + 1, end]);
      i = end + 1;
    }
    return found;
  }

  function inside(position, spans) { return spans.some(function (s) { return s[0] <= position && position < s[1]; }); }

  function endsWithWord(text, words) {
    for (var k = 0; k < words.length; k++) {
      var word = words[k];
      if (text.endsWith(word)) {
        var cut = text.length - word.length;
        if (cut === 0 || text[cut - 1] === " " || text[cut - 1] === "(") return word;
      }
    }
    return "";
  }

  function startsWithWord(text, words) {
    for (var k = 0; k < words.length; k++) {
      var word = words[k];
      if (text.startsWith(word) && (text.length === word.length || !asciiAlnum(text[word.length]) || !asciiAlnum(word[word.length - 1]))) return word;
    }
    return "";
  }

  function boundary(cps, i) {
    var ch = cps[i];
    if (LINE_BREAKS.indexOf(ch) >= 0) return true;
    if ((ch !== "." && ch !== "!" && ch !== "?") || (i + 1 < cps.length && !space(cps[i + 1]))) return false;
    if (ch === "." && i > 0 && cps[i - 1] >= "A" && cps[i - 1] <= "Z" && (i < 2 || space(cps[i - 2]) || cps[i - 2] === ".")) return false;
    return true;
  }

  function sentence(cps, start, end) {
    var low = start, high = end;
    while (low > 0 && !boundary(cps, low - 1)) low--;
    while (high < cps.length && !boundary(cps, high)) high++;
    return [low, high];
  }

  function numberAt(cps, i) {
    var n = cps.length, end = i;
    while (end < n && digit(cps[end])) end++;
    if (end - i <= 3) {
      while (end + 3 < n && cps[end] === "," && digit(cps[end + 1]) && digit(cps[end + 2]) && digit(cps[end + 3]) &&
             !(end + 4 < n && digit(cps[end + 4]))) end += 4;
    }
    if (end + 1 < n && cps[end] === "." && digit(cps[end + 1])) {
      end++;
      while (end < n && digit(cps[end])) end++;
    }
    return end;
  }

  function rstripSpace(text) { return text.replace(/ +$/, ""); }
  function lstripSpace(text) { return text.replace(/^ +/, ""); }

  function readNumbers(text) {
    var cps = codePoints(text), spans = quotes(cps), found = [], i = 0, n = cps.length;
    var units = Object.keys(SCALES);
    while (i < n) {
      if (!digit(cps[i]) || (i > 0 && (asciiAlnum(cps[i - 1]) || cps[i - 1] === "." || cps[i - 1] === ","))) { i++; continue; }
      var start = i, end = numberAt(cps, i);
      i = end;
      var digits = cps.slice(start, end).join("");
      var entry = { start: start, end: end, kind: "skip", quoted: inside(start, spans) };
      found.push(entry);
      var prev = start > 0 ? cps[start - 1] : " ", next = end < n ? cps[end] : " ";
      if (prev === "/" || (next === "/" && end + 1 < n && digit(cps[end + 1]))) continue;
      if (prev === "-" && start > 1 && asciiAlnum(cps[start - 2])) continue;
      if (next === "-" && end + 1 < n && asciiAlnum(cps[end + 1]) && !digit(cps[end + 1])) continue;
      var before = rstripSpace(fold(cps.slice(Math.max(0, start - 24), start).join("")));
      var afterRaw = fold(cps.slice(end, end + 32).join(""));
      var attached = "";
      if (/^[A-Za-z]$/.test(next)) {
        attached = startsWithWord(afterRaw, ["bn", "tn", "mn", "m"]);
        if (!attached) continue;
      }
      var whole = digits.indexOf(",") < 0 && digits.indexOf(".") < 0;
      if (endsWithWord(before, EVIDENCE.references)) continue;
      var after = lstripSpace(afterRaw);
      if (whole && parseInt(digits, 10) <= 31 && (startsWithWord(after, EVIDENCE.months) || endsWithWord(before, EVIDENCE.months))) continue;
      var percent = startsWithWord(after, EVIDENCE.percent);
      var scaleWord = percent ? "" : (attached || startsWithWord(after, units));
      var rest = lstripSpace(after.slice((percent || scaleWord).length));
      var sign = endsWithWord(before, EVIDENCE.dollars_before.concat(EVIDENCE.euros_before));
      var dollars = EVIDENCE.dollars_before.indexOf(sign) >= 0 || Boolean(startsWithWord(rest, EVIDENCE.dollars_after));
      var euros = !dollars && (EVIDENCE.euros_before.indexOf(sign) >= 0 || Boolean(startsWithWord(rest, EVIDENCE.euros_after)));
      var money = Boolean(scaleWord || dollars || euros);
      if (whole && digits.length === 4 && parseInt(digits, 10) >= 1800 && parseInt(digits, 10) <= 2100 && !(percent || scaleWord || sign)) {
        entry.kind = "year";
        continue;
      }
      var unitEnd = (percent || scaleWord) ? end + (codePoints(afterRaw).length - codePoints(after).length) + codePoints(percent || scaleWord).length : end;
      var cut = start;
      if (sign) {
        while (cut > 0 && space(cps[cut - 1])) cut--;
        cut -= codePoints(sign).length;
      }
      entry.kind = "figure";
      entry.value = digits.replace(/,/g, "");
      entry.decimals = digits.indexOf(".") >= 0 ? digits.split(".")[1].length : 0;
      entry.unit = percent ? "%" : money ? "money" : "count";
      entry.currency = dollars ? "usd" : euros ? "eur" : "";
      entry.scale = money ? (hasOwn(SCALES, scaleWord) ? SCALES[scaleWord] : 1e-6) : 1.0;
      entry.shown = collapseSpaces(cps.slice(cut, unitEnd).join(""));
    }
    return found;
  }

  function collapseSpaces(text) {
    var out = "", gap = false;
    for (var ch of text) {
      if (space(ch)) { gap = true; continue; }
      if (gap && out) out += " ";
      gap = false;
      out += ch;
    }
    return out;
  }

  function squeeze(text) { return text.split(" ").filter(function (p) { return p; }).join(" "); }
  function normalise(text) {
    var out = "";
    for (var ch of fold(text)) out += wordChar(ch) ? ch : " ";
    return squeeze(out);
  }
  function plain(text) {
    var out = "";
    for (var ch of text) out += asciiAlnum(ch) ? ch : " ";
    return squeeze(out);
  }

  function fragments(quotation) {
    return fold(quotation).split("...").map(normalise).filter(function (p) { return p; });
  }

  function readQuotations(text) {
    var cps = codePoints(text), out = [];
    quotes(cps).forEach(function (span) {
      var inner = cps.slice(span[0], span[1]).join("");
      if (countWords(inner) >= 2) out.push({ start: span[0], end: span[1], text: inner });
    });
    return out;
  }

  function namedIn(sentenceText, index) {
    var padded = " " + plain(sentenceText) + " ", found = {};
    Object.keys(index.names).forEach(function (who) {
      if (index.names[who].some(function (a) { return padded.indexOf(" " + a + " ") >= 0; })) found[who] = true;
    });
    return found;
  }

  function label(index, series, year, value) {
    var who = hasOwn(index.labels, series.who) ? index.labels[series.who] : series.who;
    return (who ? who + ", " : "") + year + ": " + series.what + " (" + value + ")";
  }

  function figureAid(figure, whoNamed, years, index) {
    var units = figure.unit === "%" ? ["%"] : figure.unit === "count" ? ["count"] :
      figure.currency === "usd" ? ["US$ m"] : figure.currency === "eur" ? ["EUR m"] : ["US$ m", "EUR m"];
    var x = Number(figure.value), tolerance = EVIDENCE.half[Math.min(figure.decimals, 4)] + 1e-9;
    var best = null, bestScore = -1, atBest = 0, total = 0;
    index.series.forEach(function (series) {
      if (units.indexOf(series.unit) < 0) return;
      series.values.forEach(function (value, offset) {
        if (value === null) return;
        var v = Number(value);
        if (figure.unit === "money") v = v / figure.scale;
        if (Math.abs(x - v) > tolerance) return;
        var year = series.start + offset;
        var score = 2 * (whoNamed[series.who] ? 1 : 0) + (years.indexOf(year) >= 0 ? 1 : 0);
        total++;
        if (score > bestScore) { best = [series, year, value]; bestScore = score; atBest = 1; }
        else if (score === bestScore) atBest++;
      });
    });
    if (!best) return { kind: "figure", ok: false, text: fill(WORDS.evidence_unmatched, { number: figure.shown }) };
    var match = label(index, best[0], best[1], best[2]);
    if (total === 1 || (bestScore > 0 && atBest === 1) || bestScore >= 2) {
      return { kind: "figure", ok: true, text: fill(WORDS.evidence_match, { number: figure.shown, match: match }) };
    }
    return { kind: "figure", ok: true, text: fill(WORDS.evidence_matches, { number: figure.shown, count: total, match: match }) };
  }

  function quotationAid(quotation, index) {
    var pieces = fragments(quotation), shown = collapseSpaces(quotation);
    if (codePoints(shown).length > 80) shown = codePoints(shown).slice(0, 79).join("") + "\u2026";
    for (var k = 0; k < index.passages.length && pieces.length; k++) {
      var text = " " + index.passages[k].text + " ", at = 0, all = true;
      for (var m = 0; m < pieces.length; m++) {
        var where = text.indexOf(" " + pieces[m] + " ", at);
        if (where < 0) { all = false; break; }
        at = where + pieces[m].length + 1;
      }
      if (all) return { kind: "quotation", ok: true, text: fill(WORDS.evidence_found, { quote: shown, source: index.passages[k].source }) };
    }
    return { kind: "quotation", ok: false, text: fill(WORDS.evidence_missing, { quote: shown }) };
  }

  function evidenceCheck(text, index) {
    if (!index) return [{ kind: "evidence", ok: false, text: WORDS.evidence_unavailable }];
    var cps = codePoints(text), numbers = readNumbers(text), aids = [];
    numbers.filter(function (f) { return f.kind === "figure" && !f.quoted; }).slice(0, EVIDENCE.max_figures).forEach(function (figure) {
      var range = sentence(cps, figure.start, figure.end);
      var whoNamed = namedIn(fold(cps.slice(range[0], range[1]).join("")), index);
      var years = [];
      numbers.forEach(function (y) {
        if (y.kind === "year" && range[0] <= y.start && y.start < range[1]) years.push(parseInt(cps.slice(y.start, y.end).join(""), 10));
      });
      aids.push(figureAid(figure, whoNamed, years, index));
    });
    readQuotations(text).slice(0, EVIDENCE.max_quotations).forEach(function (q) { aids.push(quotationAid(q.text, index)); });
    if (!aids.length) aids.push({ kind: "evidence", ok: false, text: WORDS.evidence_nothing });
    return aids;
  }

  function writtenAids(text, low, high) { return [wordAid(countWords(text), low, high)].concat(evidenceCheck(text, EVIDENCE_INDEX)); }

  // ---- types.py --------------------------------------------------------------------------

  function compareCodePoints(a, b) {
    var x = codePoints(a), y = codePoints(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  /* {matching form: name} of a spec's options or items, from the forms Python precomputed in their order. */
  function named(spec, which) {
    var key = " " + which;
    if (!hasOwn(spec, key)) {
      var names = spec[which], forms = spec[which === "options" ? "option_forms" : "item_forms"], map = Object.create(null);
      forms.forEach(function (form, n) { if (!(form in map)) map[form] = names[n]; });
      Object.defineProperty(spec, key, { value: map });
    }
    return spec[key];
  }

  function resolve(spec, answer) {
    var text = asText(answer, "one of the options in quotes");
    var form = matchingForm(text), options = named(spec, "options");
    if (!(form in options)) {
      throw new Reject(describe(stripSpaces(text)) + " is not one of the options: " + spec.options.join("; "));
    }
    return options[form];
  }

  function resolveMany(spec, answer) {
    if (typeof answer === "string") return [resolve(spec, answer)];
    if (!Array.isArray(answer)) {
      throw new Reject("give a list of options in quotes, e.g. [" + quote(spec.options[0]) + "], not " + typeName(answer));
    }
    if (answer.length > 10 * spec.options.length) {
      throw new Reject("that list has " + answer.length + " items; there are only " + spec.options.length + " options");
    }
    return answer.filter(function (item) { return !isUnanswered(item); }).map(function (item) { return resolve(spec, item); });
  }

  function asSequence(answer) {
    if (Array.isArray(answer)) {
      if (answer.length > 1000) throw new Reject("that list has " + answer.length + " items; far more than the question has");
      return answer.slice();
    }
    throw new Reject("give a list, not " + typeName(answer) + " " + describe(answer));
  }

  function judgeNumber(spec, value, unitGiven, expected) {
    if (spec.units === "%") {
      var how = percentMatches(value, unitGiven, expected, spec.tolerance);
      if (how === "percent") return correct();
      if (how === "share") return correct("(read " + formatNumber(value) + " as a share: " + formatNumber(value * 100) + " %)");
    } else if (close(value, expected, spec.tolerance)) {
      return correct();
    }
    var near = null;
    Object.keys(spec.feedback || {}).forEach(function (wrong) {
      var shown = Number(wrong), distance = null;
      if (close(value, shown, spec.tolerance)) distance = Math.abs(value - shown);
      else if (spec.units === "%" && !unitGiven && value >= -1 && value <= 1 && close(value * 100, shown, spec.tolerance)) {
        distance = Math.abs(value * 100 - shown);
      }
      if (distance !== null && (!near || distance < near[0] || (distance === near[0] && shown < near[1]))) near = [distance, shown, wrong];
    });
    if (near) return incorrect(spec.feedback[near[2]]);
    return incorrect(formatNumber(value) + (spec.units ? " " + spec.units : "") + " is " +
                     (value > expected ? "too high" : "too low") + ".");
  }

  function anyMatch(spec, canonicals) {
    return Promise.all(canonicals.map(function (c) { return matches(spec, c); }));
  }

  /* The checking families (types.CHECKERS in Python): a spec names its family in ``check``. */
  var CHECKERS = {
    choice: function (spec, answer) {
      var option = resolve(spec, answer);
      return matches(spec, canonicalText(option)).then(function (right) {
        if (right) return correct();
        return incorrect((hasOwn(spec.feedback || {}, option) && spec.feedback[option]) || quote(option) + " is not the right option.");
      });
    },
    select: function (spec, answer) {
      var chosen = resolveMany(spec, answer).filter(function (o, i, all) { return all.indexOf(o) === i; });
      chosen.sort(function (a, b) { return spec.options.indexOf(a) - spec.options.indexOf(b); });
      if (!chosen.length) return notAnswered();
      var forms = chosen.map(canonicalText).filter(function (f, i, all) { return all.indexOf(f) === i; });
      forms.sort(compareCodePoints);
      return matches(spec, forms.join(ENGINE.separator)).then(function (right) {
        if (right) return correct();
        var reasons = chosen.filter(function (o) { return hasOwn(spec.feedback || {}, o); })
                            .map(function (o) { return spec.feedback[o]; });
        if (reasons.length) return incorrect(reasons.join(" "));
        return incorrect("your " + chosen.length + " choice(s) are right as far as they go, but at least one option that applies is missing.");
      });
    },
    text: function (spec, answer) {
      var variants = textVariants(asText(answer));
      return anyMatch(spec, variants).then(function (found) {
        if (found.indexOf(true) >= 0) return correct();
        for (var i = 0; i < variants.length; i++) {
          if (hasOwn(spec.feedback || {}, variants[i])) return incorrect(spec.feedback[variants[i]]);
        }
        return incorrect(describe(stripSpaces(answer)) + " is not an answer this question accepts.");
      });
    },
    order: function (spec, answer) {
      if (typeof answer === "string") {
        throw new Reject("give the items as a list in order, e.g. [" + spec.options.slice(0, 2).map(quote).join(", ") + ", ...]");
      }
      var order = asSequence(answer).map(function (item) { return isUnanswered(item) ? null : item; });
      if (order.every(function (item) { return item === null; })) return notAnswered();
      if (order.indexOf(null) >= 0) throw new Reject("fill every position (position " + (order.indexOf(null) + 1) + " is empty)");
      order = order.map(function (item) { return resolve(spec, item); });
      var missing = spec.options.filter(function (i) { return order.indexOf(i) < 0; });
      var repeated = spec.options.filter(function (i) { return order.indexOf(i) !== order.lastIndexOf(i); });
      if (repeated.length || missing.length || order.length !== spec.options.length) {
        var parts = (repeated.length ? ["repeated: " + repeated.join(", ")] : []).concat(missing.length ? ["missing: " + missing.join(", ")] : []);
        throw new Reject("use each of the " + spec.options.length + " items exactly once" + (parts.length ? " (" + parts.join("; ") + ")" : ""));
      }
      var placed = order.map(function (item, n) { return canonicalText(item) + ENGINE.position + (n + 1); });
      return anyMatch(spec, placed).then(function (right) {
        var wrong = [];
        right.forEach(function (ok, n) { if (!ok) wrong.push(order[n] + " (position " + (n + 1) + ")"); });
        if (!wrong.length) return correct();
        return incorrect((order.length - wrong.length) + " of " + order.length + " items are in the right place. Misplaced: " + wrong.join("; ") + ".");
      });
    },
    match: function (spec, answer) {
      var pairs;
      if (answer !== null && typeof answer === "object" && !Array.isArray(answer)) {
        pairs = Object.keys(answer).map(function (k) { return [k, answer[k]]; });
      } else {
        pairs = asSequence(answer).map(function (pair) {
          if (Array.isArray(pair) && pair.length === 2) return pair;
          throw new Reject("give a dict {item: option} or a list of (item, option) pairs");
        });
      }
      if (pairs.length > 10 * spec.items.length) throw new Reject("that answer has " + pairs.length + " pairs; there are " + spec.items.length + " items");
      var chosen = {}, names = [];
      pairs.forEach(function (pair) {
        var itemForm = matchingForm(asText(pair[0], "an item name"));
        if (!(itemForm in named(spec, "items"))) throw new Reject(describe(pair[0]) + " is not one of the items: " + spec.items.join(", "));
        var name = named(spec, "items")[itemForm], option = pair[1];
        if (isUnanswered(option)) return;
        if (typeof option === "number" && isInt(option)) option = String(option);
        var optionForm = matchingForm(asText(option, "an option"));
        if (!(optionForm in named(spec, "options"))) throw new Reject(describe(option) + " is not one of the options: " + spec.options.join(", "));
        if (!hasOwn(chosen, name)) names.push(name);
        chosen[name] = named(spec, "options")[optionForm];
      });
      if (!names.length) return notAnswered();
      var missing = spec.items.filter(function (i) { return !hasOwn(chosen, i); });
      if (missing.length) throw new Reject("match every item; still missing: " + missing.join(", "));
      var canon = spec.items.map(function (i) {
        var pair = i + "=" + chosen[i], cut = pair.indexOf("=");
        return canonicalText(pair.slice(0, cut)) + ENGINE.pair + canonicalText(pair.slice(cut + 1));
      });
      return anyMatch(spec, canon).then(function (right) {
        var wrong = spec.items.filter(function (i, n) { return !right[n]; });
        if (!wrong.length) return correct();
        return incorrect((spec.items.length - wrong.length) + " of " + spec.items.length + " pairs are right. Not matched right yet: " + wrong.join(", ") + ".");
      });
    },
    number: function (spec, answer) {
      var read = readNumber(answer, spec.unit_names, spec.units);
      return judgeNumber(spec, read[0], read[1], spec.answer);
    },
    /* written.py: never judged; the text is saved to be marked, with its aids. */
    written: function (spec, answer) {
      if (typeof answer !== "string") throw new Reject("give your answer as text in quotes (a string), not " + typeName(answer));
      if (LONE_SURROGATE.test(answer)) throw new Reject("that answer holds a broken character; type it again");
      var length = codePoints(answer).length;
      if (length > WRITTEN_MAX) throw new Reject(fill(WORDS.too_long, { n: length, limit: WRITTEN_MAX }));
      return toMark(writtenAids(answer, spec.word_range[0], spec.word_range[1]));
    }
  };

  /* Check an answer against a question spec: a Promise of {status, correct, message}; never rejects. */
  function check(specOrId, answer) {
    var spec = typeof specOrId === "string" ? QUESTIONS[specOrId] : specOrId;
    return new Promise(function (done) {
      if (!spec) { done(invalid("unknown question")); return; }
      if (isUnanswered(answer)) { done(notAnswered()); return; }
      Promise.resolve().then(function () { return CHECKERS[spec.check](spec, answer); }).then(done, function (problem) {
        done(problem instanceof Reject ? invalid(problem.message)
             : invalid("reading it failed; give a plain value like the examples in the question"));
      });
    });
  }

  // ---- progress.py: the same attempts format, kept in localStorage ------------------------

  var STORE = "natocourse-progress";

  function readStore() {
    try {
      var content = JSON.parse(window.localStorage.getItem(STORE) || "null");
      return validProgress(content) ? content.attempts : [];
    } catch (e) {
      return [];
    }
  }

  function writeStore(attempts) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify({ version: 1, attempts: attempts }));
      return true;
    } catch (e) {
      return false;
    }
  }

  var FIELDS = { question: "string", chapter: "string", correct: "boolean", status: "string", time: "string" };

  function validProgress(content) {
    if (!content || typeof content !== "object" || !Array.isArray(content.attempts)) return false;
    return content.attempts.every(function (a) {
      return a && typeof a === "object" && Object.keys(FIELDS).every(function (k) { return typeof a[k] === FIELDS[k]; });
    });
  }

  function now() { return new Date().toISOString().replace(/\.\d+Z$/, "Z"); }

  /* A raw answer as natocourse.engine.answers.serialise stores it (dicts as pairs). */
  function serialise(answer) {
    if (Array.isArray(answer)) return answer.map(serialise);
    if (answer !== null && typeof answer === "object") {
      return { "__dict__": Object.keys(answer).map(function (k) { return [k, serialise(answer[k])]; }) };
    }
    return answer === undefined ? null : answer;
  }

  function deserialise(stored) {
    if (Array.isArray(stored)) return stored.map(deserialise);
    if (stored && typeof stored === "object" && Array.isArray(stored.__dict__)) {
      var out = {};
      stored.__dict__.forEach(function (pair) { if (Array.isArray(pair) && pair.length === 2) out[String(pair[0])] = deserialise(pair[1]); });
      return out;
    }
    return stored;
  }

  function record(spec, verdict, answer, mode) {
    var attempts = readStore();
    var attempt = { question: spec.id, chapter: spec.chapter, correct: verdict.status === "correct", status: verdict.status,
                    time: now(), source: "book", notebook: "", answer: serialise(answer) };
    if (mode && mode.assignment) attempt.assignment = mode.assignment;
    attempts.push(attempt);
    writeStore(attempts);
  }

  function identity(a) { return JSON.stringify([a.question, a.time, a.status, a.answer === undefined ? null : a.answer, a.source || null]); }

  function importProgress(content) {
    if (!validProgress(content)) throw new Error("not a progress file: it needs a list of attempts with question, chapter, correct, status and time");
    var mine = readStore(), seen = {};
    mine.forEach(function (a) { seen[identity(a)] = true; });
    var fresh = content.attempts.filter(function (a) { return !seen[identity(a)]; });
    writeStore(mine.concat(fresh));
    return fresh.length;
  }

  function history(questionId, mode) {
    var assignment = mode && mode.assignment;
    return readStore().filter(function (a) { return a.question === questionId && (!assignment || a.assignment === assignment); });
  }

  /* The feedback mode of this page: the one a problem set's first cell declared, else instant. */
  function pageMode() {
    var node = document.querySelector("[data-natocourse-mode]");
    if (!node) return INSTANT;
    try { return POLICY.mode(JSON.parse(node.getAttribute("data-natocourse-mode"))); } catch (e) { return POLICY.mode({}); }
  }

  // ---- Front end (the markup is view.js's, shared with JupyterLab) -------------------------

  var element = View.element;
  var counter = 0;

  function render(container, mode) {
    var declared = QUESTIONS[container.getAttribute("data-question")];
    if (!declared) return;
    mode = mode || INSTANT;
    var spec = declared, state = POLICY.standing(history(spec.id, mode)), hints = 0;
    // "Try another": the versions Python made at build (never made here), then the declared one
    // again. Not in a problem set: there the version to answer is the one set. A practice
    // version's answers are checked with its own spec and never recorded (the record is the
    // declared question's, and stays one question's).
    var versions = [declared].concat(Array.isArray(declared.variants) ? declared.variants : []), shown = 0;
    var offered = versions.length > 1 && !mode.assignment;
    var view = View.question(container, spec, {
      check: function () {
        var closed = POLICY.closed(mode, state, spec);
        if (closed) {
          view.verdict({ status: "closed", message: closed });
          return Promise.resolve({ status: "closed", correct: false, message: closed });
        }
        var answer = view.read();
        return check(spec, answer).then(function (checked) {
          var verdict = POLICY.reported(mode, checked);
          if (ATTEMPT_STATUSES.indexOf(verdict.status) >= 0) {
            state = POLICY.after(state, verdict.status);
            if (spec === declared) record(spec, verdict, answer, mode);
          }
          view.verdict({ status: verdict.status, message: POLICY.shown(verdict, spec), aids: verdict.aids });
          view.attempts(state.attempts);
          container.setAttribute("data-checks", String(Number(container.getAttribute("data-checks") || 0) + 1));
          document.dispatchEvent(new CustomEvent("natocourse:checked", { detail: { id: spec.id, verdict: verdict } }));
          return verdict;
        });
      },
      hint: function () {
        var next = POLICY.nextHint(hints, spec.hints.length);
        hints = next[0];
        view.hints(spec.hints.slice(0, hints), next[1]);
      },
      explain: function () {
        if (POLICY.explanationOpen(spec, state, mode)) view.explanation(true, spec.explanation || WORDS.no_explanation);
        else view.explanation(false, POLICY.explanationNote(spec, mode));
      },
      another: function () {
        shown = (shown + 1) % versions.length;
        spec = versions[shown];
        state = shown ? POLICY.standing([]) : POLICY.standing(history(spec.id, mode));
        hints = 0;
        view.replace(spec);
        view.attempts(state.attempts);
        view.verdict({ message: shown ? WORDS.another : WORDS.another_back });
        container.setAttribute("data-version", String(shown));
      }
    }, { words: Object.assign({}, WORDS, { attempts: POLICY.attemptsWords(mode, spec) }), another: offered });
    view.attempts(state.attempts);
    var last = history(spec.id, mode).filter(function (a) { return ATTEMPT_STATUSES.indexOf(a.status) >= 0; }).pop();
    if (last) {
      var answer = last.answer === undefined ? undefined : deserialise(last.answer);
      if (answer !== undefined) view.write(answer);
      var kept = { status: last.status, message: POLICY.kept(last.status === "correct", last.status) };
      view.verdict(kept);
      if (last.status === "to_mark" && typeof answer === "string") {
        check(spec, answer).then(function (verdict) { kept.aids = verdict.aids; view.verdict(kept); });
      }
    }
  }

  /* The page's summary: questions solved (answered, in the mode "none"), written answers saved for
   * marking (never counted as solved), and those still open. */
  function summarise(box, ids, mode) {
    var blind = mode && mode.feedback === "none", done = {}, saved = {};
    readStore().forEach(function (a) {
      if (blind ? a.status === "recorded" && a.assignment === mode.assignment : a.correct) done[a.question] = true;
      if (a.status === "to_mark" && (!(mode && mode.assignment) || a.assignment === mode.assignment)) saved[a.question] = true;
    });
    var open = ids.filter(function (id) { return !done[id] && !saved[id]; });
    var written = ids.filter(function (id) { return saved[id] && !done[id]; }).length;
    box.querySelector(".nc-summary-text").textContent = (blind ? "Answered " : "Solved ") + (ids.length - open.length - written) +
      " of " + ids.length + " questions on this page" +
      (written ? "; " + written + " written answer" + (written > 1 ? "s" : "") + " saved for marking" : "") +
      "." + (open.length ? " Still open: " + open.join(", ") + "." : " All done.");
  }

  function progressBox(ids, mode) {
    var box = element("section", { "class": "nc-progress", "aria-label": "Your progress on this page" });
    box.appendChild(element("p", { "class": "nc-summary-text", "aria-live": "polite" }));
    var row = element("div", { "class": "nc-buttons" });
    var exportButton = element("button", { type: "button" }, "Export progress");
    var fileId = "nc-import-" + (counter++);
    var importLabel = element("label", { "for": fileId, "class": "nc-import-label" }, "Import progress (JSON file)");
    var importInput = element("input", { type: "file", id: fileId, accept: ".json,application/json" });
    var clearButton = element("button", { type: "button" }, "Clear progress");
    var status = element("p", { "class": "nc-progress-status", "aria-live": "polite" });
    [exportButton, importLabel, importInput, clearButton].forEach(function (n) { row.appendChild(n); });
    box.appendChild(row);
    box.appendChild(status);
    exportButton.addEventListener("click", function () {
      var blob = new Blob([JSON.stringify({ version: 1, attempts: readStore() }, null, 1)], { type: "application/json" });
      var link = element("a", { href: URL.createObjectURL(blob), download: "progress.json" });
      document.body.appendChild(link); link.click(); link.remove();
      status.textContent = "Exported " + readStore().length + " attempts as progress.json.";
    });
    importInput.addEventListener("change", function () {
      var file = importInput.files && importInput.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var added = importProgress(JSON.parse(text));
        status.textContent = "Imported " + added + " new attempts from " + file.name + ". Reload the page to see them in the questions.";
        summarise(box, ids, mode);
      }).catch(function (problem) {
        status.textContent = "Could not import " + file.name + ": " + (problem && problem.message ? problem.message : "not a progress file") +
          ". Your progress is unchanged.";
      });
    });
    clearButton.addEventListener("click", function () {
      if (window.confirm && !window.confirm("Forget every answer saved in this browser?")) return;
      writeStore([]);
      status.textContent = "Progress cleared. Export first if you want to keep a copy.";
      summarise(box, ids, mode);
    });
    document.addEventListener("natocourse:checked", function () { summarise(box, ids, mode); });
    summarise(box, ids, mode);
    return box;
  }

  function start() {
    var containers = Array.from(document.querySelectorAll("[data-question]"));
    var ids = [], mode = pageMode();
    containers.forEach(function (c) {
      var id = c.getAttribute("data-question");
      if (QUESTIONS[id]) { render(c, mode); if (ids.indexOf(id) < 0) ids.push(id); }
    });
    if (ids.length) {
      var first = containers[0];
      var section = first.closest("section") || first.parentNode;
      var article = document.querySelector("article") || section.parentNode;
      article.insertBefore(progressBox(ids, mode), article.firstChild);
    }
    window.NatoCourse.readyAt = window.performance ? window.performance.now() : 0;
    document.documentElement.setAttribute("data-natocourse-ready", String(ids.length));
  }

  window.NatoCourse = {
    check: check, canonicalText: canonicalText, textVariants: textVariants, matchingForm: matchingForm,
    readNumber: function (answer, unitNames) { try { return readNumber(answer, unitNames); } catch (e) { return null; } },
    formatNumber: formatNumber, sha256: sha256Hex, sha256Fallback: function (text) { return sha256Fallback(new TextEncoder().encode(text)); },
    settings: settings, progress: { read: readStore, write: writeStore, importProgress: importProgress, serialise: serialise },
    policy: POLICY, checkers: Object.keys(CHECKERS), describe: describe, questions: QUESTIONS, start: start, mode: pageMode,
    evidence: { countWords: countWords, readNumbers: readNumbers, readQuotations: readQuotations,
                check: function (text) { return evidenceCheck(text, EVIDENCE_INDEX); } }
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
