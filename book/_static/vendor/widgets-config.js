// The widget HTML manager (embed-amd.js) loads its icon fonts from the folder require.js maps its
// module name to, which by default is relative to the page. Map it to this folder, where the fonts
// are shipped, so that no page requests a file that is not there (or from another host).
(function () {
  var here = document.currentScript.src.replace(/\/[^/]*$/, "");
  // The bundle computes its asset folder as the parent of its module's URL, and its modules are
  // defined inline, so these paths are never fetched themselves.
  require.config({
    paths: {
      "@jupyter-widgets/html-manager": here + "/html-manager",
      "@jupyter-widgets/html-manager/dist": here,
    },
  });
})();
