/* Accessibility repairs for markup the course does not write itself: myst-nb's hide-cell toggles,
 * docutils' bibliography, pandas' table corners and the theme's sidebar and buttons (markup added
 * after the page has loaded is repaired as it arrives). Each repair names the axe-core rule it answers; tests/browser/test_axe_book.py runs
 * axe-core over every page of the built book to keep them at zero. */
(function () {
  "use strict";

  /* label-content-name-mismatch: myst-nb labels each hide-cell <summary> "Toggle hidden content"
   * while it shows "Show code cell source"; without the label the shown text is its name. */
  function nameTogglesByTheirText(root) {
    root.querySelectorAll('summary[aria-label="Toggle hidden content"]').forEach(function (summary) {
      summary.removeAttribute("aria-label");
    });
  }

  /* aria-required-children, aria-allowed-role, aria-deprecated-role: docutils puts the deprecated
   * role doc-biblioentry on <div> entries of a role="list"; a list's entries are list items. */
  function bibliographyEntriesAreListItems(root) {
    root.querySelectorAll('[role="doc-biblioentry"]').forEach(function (entry) {
      entry.setAttribute("role", "listitem");
    });
  }

  /* empty-table-header: pandas leaves the corner above the row labels (and the gaps of a
   * multi-level header) as empty <th>; an empty cell heads nothing, so it becomes a <td>. */
  function emptyHeaderCellsAreCells(root) {
    root.querySelectorAll("table th").forEach(function (th) {
      if (th.textContent.trim() || th.querySelector("img, svg, [aria-label]")) return;
      var td = document.createElement("td");
      Array.prototype.forEach.call(th.attributes, function (a) { td.setAttribute(a.name, a.value); });
      while (th.firstChild) td.appendChild(th.firstChild);
      th.replaceWith(td);
    });
  }

  /* region: the site title at the top of the primary sidebar sat outside every landmark. */
  function sidebarIsALandmark() {
    var sidebar = document.getElementById("pst-primary-sidebar");
    if (sidebar && !sidebar.hasAttribute("role")) {
      sidebar.setAttribute("role", "complementary");
      sidebar.setAttribute("aria-label", "Course contents and search");
    }
  }

  /* The colour-mode button cycles light, dark and the system's setting, but its name never said
   * which is on; it now does ("Color mode: dark"), so a screen reader hears what a press did. */
  function colourModeIsAnnounced() {
    var modes = { light: "light", dark: "dark", auto: "system setting" };
    function name() {
      var mode = modes[document.documentElement.dataset.mode] || modes.auto;
      document.querySelectorAll(".theme-switch-button").forEach(function (button) {
        button.setAttribute("aria-label", "Color mode: " + mode);
      });
    }
    name();
    new MutationObserver(name).observe(document.documentElement, { attributes: true, attributeFilter: ["data-mode"] });
  }

  /* Focus order (WCAG 2.4.3): sphinx-book-theme blurs its colour-mode, search and sidebar buttons
   * on every click, to hide their tooltips after a mouse click; pressed from the keyboard, focus
   * fell to the page body and the next Tab started again at the top. A keyboard press (a click
   * with detail 0) gets its focus back, unless the button moved focus somewhere on purpose. */
  function keyboardKeepsFocus() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest(
        ".theme-switch-button, .search-button, .primary-toggle, .secondary-toggle");
      if (!button || event.detail !== 0) return;
      window.setTimeout(function () {
        if (document.activeElement === document.body || document.activeElement === null) button.focus();
      }, 0);
    });
  }

  function repair(root) {
    nameTogglesByTheirText(root);
    bibliographyEntriesAreListItems(root);
    emptyHeaderCellsAreCells(root);
  }

  function start() {
    sidebarIsALandmark();
    colourModeIsAnnounced();
    keyboardKeepsFocus();
    repair(document);
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; repair(document); });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
