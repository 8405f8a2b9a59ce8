/* natocourse explorer guard in JupyterLab (an anywidget ES module, drawn as nothing).
 *
 * An explorer is a box of ipywidgets controls. JupyterLab's notebook listens to keys on the whole
 * page, and when focus is on a list, a slider or a button (anything but a text box) its command
 * mode takes them: the arrows move to another cell instead of changing the list, and letters
 * typed to jump to an option add or delete cells ("d d"). This widget sits in the explorer's box
 * and stops key presses on the box's controls there, after the control has done its own work.
 * Shortcuts with Ctrl, Alt or Meta, Shift+Enter and Escape still reach JupyterLab (the exercise
 * widget, engine/static/lab.js, follows the same rule).
 *
 * It also makes the explorer's result card (class natocourse-explorer-result) a polite live
 * region, so a screen reader hears the new result when a control changes it. */
function keepKeys(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.key === "Escape") return;
  if (event.shiftKey && event.key === "Enter") return;
  var target = event.target;
  if (target && target.matches && target.matches("input, select, button, textarea, [role=slider]")) event.stopPropagation();
}

function render({ model, el }) {
  var host = null, frames = 0;
  var wantsResult = model.get("announces_result");
  function attach() {
    var box = el.parentElement;
    var result = box && box.querySelector(".natocourse-explorer-result");
    if (box && (result || !wantsResult)) {
      host = box;
      host.addEventListener("keydown", keepKeys);
      if (result) result.setAttribute("aria-live", "polite");
    } else if (frames++ < 600) {
      window.requestAnimationFrame(attach);  // the box draws its children one by one
    }
  }
  attach();
  return function () { if (host) host.removeEventListener("keydown", keepKeys); };
}

export default { render };
