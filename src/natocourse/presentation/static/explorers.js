/* natocourse explorers in the built book: the lesson explorers without a kernel.
 *
 * Each explorer is rendered by Python as static HTML,
 *   <div class="natocourse-explorer" data-explorer="NAME" data-start='JSON'>starting card</div>,
 * and this script replaces the starting card with native, labelled controls that recompute in the
 * browser. The computations mirror the Python functions they stand for (named at each function);
 * the data come from window.NATOCOURSE_EXPLORER_DATA, written at build time by
 * natocourse.presentation.static (a script, not a fetch, so pages also work from file://).
 * Plain JavaScript, no library, no build step, nothing requested from anywhere. If the data are missing the static
 * cards stay as they are: no control is ever shown that cannot work.
 */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];

  /* ---------- text helpers (Python's html.escape and number formats) ---------- */

  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  /* Python's format(x, ".Nf") for N = 0 or 1: the nearest decimal, ties to even (JavaScript's
     toFixed breaks exact ties upwards, Python to the even digit). */
  function pyFixed(x, digits) {
    var scale = digits === 0 ? 1 : 10;
    var negative = x < 0 || (x === 0 && 1 / x < 0);
    var a = Math.abs(x);
    var text;
    var scaled = a * scale;  /* exact for the ties we test below */
    var tie = digits === 0 ? (Number.isInteger(a * 2) && !Number.isInteger(a))
                           : (Number.isInteger(a * 4) && !Number.isInteger(a * 2));
    if (tie) {
      var low = Math.floor(scaled);
      var n = (low % 2 === 0) ? low : low + 1;
      text = digits === 0 ? String(n) : (Math.floor(n / 10) + "." + (n % 10));
    } else {
      text = a.toFixed(digits);
    }
    return (negative ? "-" : "") + text;
  }

  /* Python's format(x, ",.0f"). */
  function pyThousands0(x) {
    var text = pyFixed(x, 0);
    var sign = text.charAt(0) === "-" ? "-" : "";
    var digits = sign ? text.slice(1) : text;
    return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  /* ---------- calendar dates, without time zones ({y, m, d}) ---------- */

  function isLeap(y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }

  function daysInMonth(y, m) {
    return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }

  /* "YYYY-MM-DD" (years 1-9999, as Python's datetime.date) to {y, m, d}, or null. */
  function parseIso(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text || "").trim());
    if (!match) { return null; }
    var y = +match[1], m = +match[2], d = +match[3];
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) { return null; }
    return {y: y, m: m, d: d};
  }

  function pad(n, width) { var s = String(n); while (s.length < width) { s = "0" + s; } return s; }

  function isoDate(day) { return pad(day.y, 4) + "-" + pad(day.m, 2) + "-" + pad(day.d, 2); }

  /* Days since 1 January of year 1 (proleptic Gregorian), like date.toordinal() - 1. */
  function ordinal(day) {
    var y = day.y - 1;
    var n = y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
    for (var m = 1; m < day.m; m++) { n += daysInMonth(day.y, m); }
    return n + day.d - 1;
  }

  function fromOrdinal(n) {
    if (n < 0 || n > ordinal({y: 9999, m: 12, d: 31})) { throw new Error("date value out of range"); }
    var y = Math.floor(n / 365.2425) + 1;
    while (ordinal({y: y, m: 1, d: 1}) > n) { y--; }
    while (y < 9999 && ordinal({y: y + 1, m: 1, d: 1}) <= n) { y++; }
    var rest = n - ordinal({y: y, m: 1, d: 1}), m = 1;
    while (rest >= daysInMonth(y, m)) { rest -= daysInMonth(y, m); m++; }
    return {y: y, m: m, d: rest + 1};
  }

  /* withdrawal.add_days: the day plus N calendar days. */
  function addDays(day, days) { return fromOrdinal(ordinal(day) + days); }

  /* withdrawal.add_years: same day and month N years later; 29 February falls back to 28 February. */
  function addYears(day, years) {
    var y = day.y + years;
    if (y < 1 || y > 9999) { throw new Error("year " + y + " is out of range"); }
    var d = (day.m === 2 && day.d === 29 && !isLeap(y)) ? 28 : day.d;
    return {y: y, m: day.m, d: d};
  }

  function compareDays(a, b) { return ordinal(a) - ordinal(b); }

  /* The course's long date: "1 June 2027" (Python: f"{day.day} {day:%B %Y}"). */
  function longDate(day) { return day.d + " " + MONTHS[day.m - 1] + " " + day.y; }

  /* ---------- the explorers' logic ---------- */

  /* analysis.withdrawal.withdrawal_timeline(enactment, notice=None); dates as "YYYY-MM-DD". */
  function withdrawalTimeline(data, enactmentIso, noticeIso) {
    var rules = data.withdrawal;
    var enactment = parseIso(enactmentIso);
    if (!enactment) { throw new Error("expected a date such as '2026-01-15', got '" + enactmentIso + "'"); }
    var deadline = addDays(enactment, rules.notice_deadline_days);
    var notice = deadline;
    if (noticeIso !== null && noticeIso !== undefined) {
      notice = parseIso(noticeIso);
      if (!notice) { throw new Error("expected a date such as '2026-01-15', got '" + noticeIso + "'"); }
    }
    if (compareDays(notice, enactment) < 0) {
      throw new Error("the notice (" + isoDate(notice) + ") cannot come before the Act is enacted (" +
                      isoDate(enactment) + ")");
    }
    var effective = addYears(notice, rules.notice_period_years);
    return {
      enactment: enactment, notice_deadline: deadline, notice: notice, effective: effective,
      earliest_effective: addYears(enactment, rules.notice_period_years),
      latest_effective: addYears(deadline, rules.notice_period_years),
      on_time: compareDays(notice, deadline) <= 0,
      days_from_enactment: ordinal(effective) - ordinal(enactment)
    };
  }

  /* The card of explore.withdrawal_calculator (noticeIso null: the deadline). */
  function withdrawalCardHtml(data, enactmentIso, noticeIso) {
    if (!enactmentIso) { return "<p>Pick an enactment date.</p>"; }
    var t;
    try {
      t = withdrawalTimeline(data, enactmentIso, noticeIso);
    } catch (problem) {
      return "<p><strong>Check the dates:</strong> " + escapeHtml(problem.message) + ".</p>";
    }
    var late = t.on_time ? "" : " <em>(later than the bill allows)</em>";
    return "<table>" +
      "<tr><td>Act enacted (hypothetical)</td><td><strong>" + longDate(t.enactment) + "</strong></td></tr>" +
      "<tr><td>Last day for notice (+30 days)</td><td>" + longDate(t.notice_deadline) + "</td></tr>" +
      "<tr><td>Notice of denunciation given</td><td>" + longDate(t.notice) + late + "</td></tr>" +
      "<tr><td>United States ceases to be a Party (notice + 1 year)</td>" +
      "<td><strong>" + longDate(t.effective) + "</strong></td></tr>" +
      "<tr><td>Days from enactment to withdrawal</td><td>" + t.days_from_enactment + "</td></tr>" +
      "</table>" +
      "<p>Range if the President complies with the bill: " + longDate(t.earliest_effective) +
      " (notice on the day of enactment) to " + longDate(t.latest_effective) + " (notice on the last day).</p>";
  }

  function byCodePoint(a, b) { return a < b ? -1 : (a > b ? 1 : 0); }

  /* analysis.history.membership_snapshot(year). */
  function membershipSnapshot(data, year) {
    var first = data.membership.first_year;
    if (year < first) {
      throw new Error("NATO was founded in " + first + "; choose a year from " + first + " on (got " + year + ")");
    }
    var end = pad(year, 4) + "-12-31";
    var allies = data.members.filter(function (row) { return row.accession_date <= end; });
    allies.sort(function (a, b) {
      return byCodePoint(a.accession_date, b.accession_date) || byCodePoint(a.country, b.country);
    });
    var names = function (rows) { return rows.map(function (row) { return row.country; }); };
    return {
      year: year,
      allies: names(allies),
      joined_that_year: names(allies.filter(function (row) { return +row.accession_date.slice(0, 4) === year; })),
      joined_since_warsaw_pact: names(allies.filter(function (row) {
        return row.accession_date > data.membership.warsaw_pact_dissolved;
      }))
    };
  }

  /* MembershipSnapshot.sentence(). */
  function membershipSentence(snapshot) {
    var text = "At the end of " + snapshot.year + " NATO had " + snapshot.allies.length + " allies.";
    if (snapshot.joined_that_year.length) { text += " Joined that year: " + snapshot.joined_that_year.join(", ") + "."; }
    if (snapshot.joined_since_warsaw_pact.length) {
      text += " " + snapshot.joined_since_warsaw_pact.length + " of them joined after the Warsaw Pact " +
              "was dissolved in July 1991.";
    }
    return text;
  }

  /* The card of explore.membership_explorer. */
  function membershipCardHtml(data, year) {
    var snapshot = membershipSnapshot(data, year);
    var names = snapshot.allies.map(function (name) {
      return snapshot.joined_that_year.indexOf(name) >= 0 ? "<strong>" + escapeHtml(name) + "</strong>" : escapeHtml(name);
    }).join(", ");
    return "<p>" + escapeHtml(membershipSentence(snapshot)) + "</p>" +
           "<p>Allies, in order of joining (new that year in bold): " + names + ".</p>";
  }

  /* The card of explore.ally_card. */
  function allyCardHtml(data, iso3) {
    var row = data.members.filter(function (r) { return r.iso3 === iso3; })[0];
    var joined = longDate(parseIso(row.accession_date));
    var round = row.enlargement === 1949 ? "a founding member" : "the " + row.enlargement + " enlargement";
    return "<p><strong>" + escapeHtml(row.country) + "</strong> (" + iso3 + ") joined NATO on " + joined +
           ", as " + escapeHtml(round) + ".</p>";
  }

  /* numpy's float64 sum (pandas Series.sum): pairwise, eight accumulators per block of 128. */
  function pairwiseSum(values, start, n) {
    var i, res;
    if (n < 8) {
      res = 0;  /* numpy starts from -0.0; 0 + x and -0.0 + x agree for every x that is not -0.0 */
      for (i = 0; i < n; i++) { res += values[start + i]; }
      return res;
    }
    if (n <= 128) {
      var r = values.slice(start, start + 8);
      for (i = 8; i < n - (n % 8); i += 8) {
        for (var j = 0; j < 8; j++) { r[j] += values[start + i + j]; }
      }
      res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) { res += values[start + i]; }
      return res;
    }
    var half = Math.floor(n / 2);
    half -= half % 8;
    return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, n - half);
  }

  /* A compensated (Kahan) sum, as pandas sums each group. */
  function compensatedSum(values) {
    var sum = 0, compensation = 0;
    values.forEach(function (value) {
      var y = value - compensation, t = sum + y;
      compensation = (t - sum) - y;
      sum = t;
    });
    return sum;
  }

  function baselineRows(data, year) {
    var rows = data.scenario.baselines[String(year)];
    if (!rows) { return null; }
    var columns = data.scenario.baseline_columns;
    return rows.map(function (values) {
      var row = {};
      columns.forEach(function (column, k) { row[column] = values[k]; });
      return row;
    });
  }

  /* presentation.lab.changed_groups: only sliders moved away from their start override their group. */
  function changedGroups(start, values) {
    var moved = {};
    Object.keys(values).forEach(function (group) {
      if (Math.abs(values[group] - start[group]) > 1e-9) { moved[group] = values[group]; }
    });
    return moved;
  }

  /* analysis.scenarios.summary(analysis.scenarios.apply(baseline(year), shares)), shares by group. */
  function scenarioSummary(data, year, shares) {
    var groups = data.scenario.groups;
    var rows = baselineRows(data, year).map(function (row) {
      var pct = Object.prototype.hasOwnProperty.call(shares, row.group) ? shares[row.group] : row.pct_gdp;
      return {group: row.group, pct_gdp: pct, spend_bn: row.gdp_bn * pct / 100};
    });
    var total = pairwiseSum(rows.map(function (row) { return row.spend_bn; }), 0, rows.length);
    var byGroup = {};
    groups.forEach(function (group) {
      var members = rows.filter(function (row) { return row.group === group; });
      byGroup[group] = members.length ? compensatedSum(members.map(function (row) { return row.spend_bn; })) : 0;
    });
    var us = byGroup["United States"] || 0;
    var result = {total_bn: total, without_us_bn: total - us, us_share: total ? us / total : 0};
    groups.forEach(function (group) { result[group + " (US$ bn)"] = byGroup[group]; });
    data.scenario.thresholds.forEach(function (threshold, k) {
      result["allies at " + data.scenario.threshold_labels[k] + " %"] =
        rows.filter(function (row) { return row.pct_gdp >= threshold; }).length;
    });
    return result;
  }

  /* presentation.lab.summary_html. */
  function summaryHtml(data, result) {
    var rows = [["Allies' total", "US$ " + pyThousands0(result.total_bn) + " bn"],
                ["Without the United States", "US$ " + pyThousands0(result.without_us_bn) + " bn"],
                ["United States' share", pyFixed(100 * result.us_share, 1) + " %"]];
    data.scenario.threshold_labels.forEach(function (label) {
      rows.push(["Allies at or above " + label + " % of GDP", String(result["allies at " + label + " %"])]);
    });
    var body = rows.map(function (row) {
      return "<tr><th scope='row'>" + escapeHtml(row[0]) + "</th><td>" + escapeHtml(row[1]) + "</td></tr>";
    }).join("");
    return "<table class='natocourse-scenario'><caption>" + escapeHtml(data.scenario.caption) + "</caption>" + body + "</table>";
  }

  /* ---------- the controls ---------- */

  var counter = 0;

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] === true) { node.setAttribute(name, ""); } else { node.setAttribute(name, attributes[name]); }
    });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* A row holding a visible <label> and its control (label after a checkbox, before anything else). */
  function labelled(id, text, control, after) {
    var row = element("div", {"class": "natocourse-explorer-control"});
    var label = element("label", {"for": id}, text);
    if (after) { row.appendChild(control); row.appendChild(document.createTextNode(" ")); row.appendChild(label); }
    else { row.appendChild(label); row.appendChild(document.createTextNode(" ")); row.appendChild(control); }
    return row;
  }

  function liveCard() {
    return element("div", {"class": "natocourse-explorer-card", "aria-live": "polite"});
  }

  function listen(controls, update) {
    controls.forEach(function (control) {
      control.addEventListener("input", update);
      control.addEventListener("change", update);
    });
  }

  var BUILDERS = {
    "ally-card": function (root, data, start, id) {
      var allowed = start.allies || null;
      var rows = data.members.filter(function (row) { return !allowed || allowed.indexOf(row.iso3) >= 0; });
      if (!rows.length) { return null; }
      var select = element("select", {id: id + "-ally"});
      rows.forEach(function (row) { select.appendChild(element("option", {value: row.iso3}, row.country)); });
      var known = rows.some(function (row) { return row.iso3 === start.iso3; });
      select.value = known ? start.iso3 : rows[0].iso3;
      var card = liveCard();
      var update = function () { card.innerHTML = allyCardHtml(data, select.value); };
      listen([select], update);
      return {parts: [labelled(select.id, "Ally:", select), card], update: update};
    },

    "withdrawal-calculator": function (root, data, start, id) {
      var first = parseIso(start.enactment);
      if (!first) { return null; }
      var range = {type: "date", min: "0001-01-01", max: "9999-12-31", value: isoDate(first)};
      var enacted = element("input", Object.assign({id: id + "-enacted"}, range));
      var ownNotice = element("input", {type: "checkbox", id: id + "-own"});
      var notice = element("input", Object.assign({id: id + "-notice", disabled: true}, range));
      var card = liveCard();
      var update = function () {
        notice.disabled = !ownNotice.checked;
        var noticeValue = ownNotice.checked && notice.value ? notice.value : null;
        card.innerHTML = withdrawalCardHtml(data, enacted.value, noticeValue);
      };
      listen([enacted, ownNotice, notice], update);
      return {parts: [labelled(enacted.id, "Hypothetical enactment date:", enacted),
                      labelled(ownNotice.id, "Notice earlier than the deadline", ownNotice, true),
                      labelled(notice.id, "Notice given on:", notice), card],
              update: update};
    },

    "membership-explorer": function (root, data, start, id) {
      var first = data.membership.first_year, last = data.membership.last_year;
      var year = Math.min(Math.max(parseInt(start.year, 10) || first, first), last);
      var slider = element("input", {type: "range", id: id + "-year", min: first, max: last, step: 1, value: year});
      var shown = element("output", {"for": slider.id}, String(year));
      var card = liveCard();
      var update = function () {
        shown.textContent = slider.value;
        card.innerHTML = membershipCardHtml(data, parseInt(slider.value, 10));
      };
      listen([slider], update);
      var row = labelled(slider.id, "End of year:", slider);
      row.appendChild(document.createTextNode(" "));
      row.appendChild(shown);
      return {parts: [row, card], update: update};
    },

    "scenario-lab": function (root, data, start, id) {
      var year = String(start.year);
      var starts = data.scenario.starts[year];
      if (!starts || !data.scenario.baselines[year]) { return null; }
      var bounds = data.scenario.slider;
      var decimals = Math.max(0, -Math.floor(Math.log10(bounds.step) + 1e-9));
      var scale = Math.pow(10, decimals);
      var values = {}, parts = [], sliders = [];
      var card = liveCard();
      data.scenario.groups.forEach(function (group, k) {
        values[group] = starts[group];
        /* step "any" so that the slider can start at the group's own share (e.g. 3.42); moves are
           rounded to the widget's step, and the arrow keys move by a hundredth of the range (0.1). */
        var slider = element("input", {type: "range", id: id + "-group" + k, min: bounds.min, max: bounds.max,
                                       step: "any", value: starts[group]});
        var shown = element("output", {"for": slider.id}, starts[group].toFixed(2));
        slider.addEventListener("input", function () {
          var value = Math.round(parseFloat(slider.value) * scale) / scale;
          value = Math.min(Math.max(value, bounds.min), bounds.max);
          if (parseFloat(slider.value) !== value) { slider.value = String(value); }
          values[group] = value;
          shown.textContent = value.toFixed(2);
        });
        var row = labelled(slider.id, group + " (% of GDP):", slider);
        row.appendChild(document.createTextNode(" "));
        row.appendChild(shown);
        parts.push(row);
        sliders.push(slider);
      });
      var update = function () {
        card.innerHTML = summaryHtml(data, scenarioSummary(data, year, changedGroups(starts, values)));
      };
      listen(sliders, update);
      parts.push(card);
      return {parts: parts, update: update, keep: ".natocourse-explorer-note"};
    }
  };

  /* Make one static explorer live; returns false (and leaves it static) if it cannot work. */
  function activate(root, data) {
    var build = BUILDERS[root.getAttribute("data-explorer")];
    if (!build || root.getAttribute("data-live") === "true") { return false; }
    var start;
    try { start = JSON.parse(root.getAttribute("data-start") || "{}"); } catch (problem) { return false; }
    counter += 1;
    var live;
    try {
      live = build(root, data, start || {}, "natocourse-explorer-" + counter);
      if (!live) { return false; }
      live.update();  /* the first card is computed before anything on the page changes */
    } catch (problem) {
      if (window.console) { window.console.error("natocourse explorer " + root.getAttribute("data-explorer") +
                                                 " left static: " + problem.message); }
      return false;
    }
    var kept = live.keep ? Array.prototype.slice.call(root.querySelectorAll(live.keep)) : [];
    while (root.firstChild) { root.removeChild(root.firstChild); }
    kept.concat(live.parts).forEach(function (part) { root.appendChild(part); });
    root.setAttribute("data-live", "true");
    return true;
  }

  /* Make every static explorer in scope (default: the page) live; returns how many became live. */
  function init(scope) {
    var data = window.NATOCOURSE_EXPLORER_DATA;
    if (!data) { return 0; }
    var roots = (scope || document).querySelectorAll("[data-explorer]");
    var made = 0;
    Array.prototype.forEach.call(roots, function (root) { if (activate(root, data)) { made += 1; } });
    return made;
  }

  window.NatocourseExplorers = {
    init: init, pyFixed: pyFixed, pyThousands0: pyThousands0, withdrawalTimeline: withdrawalTimeline,
    withdrawalCardHtml: withdrawalCardHtml, membershipSnapshot: membershipSnapshot,
    membershipSentence: membershipSentence, membershipCardHtml: membershipCardHtml, allyCardHtml: allyCardHtml,
    scenarioSummary: scenarioSummary, summaryHtml: summaryHtml, changedGroups: changedGroups,
    longDate: longDate, isoDate: isoDate, addDays: addDays, addYears: addYears, parseIso: parseIso
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(); });
  } else {
    init();
  }
  /* Again once everything has loaded, in case the data script came after this one (already-live
     explorers are skipped). */
  window.addEventListener("load", function () { init(); });
}());
