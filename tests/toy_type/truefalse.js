/* The toy true/false question's input (tests/toy_type/truefalse.py): two toggle buttons. */
NatoCourseView.addInput("truefalse", function (spec, body) {
  var group = NatoCourseView.element("div", { role: "group", "aria-label": "True or false", "class": "nc-truefalse" });
  var value = null;
  var buttons = spec.options.map(function (option) {
    var button = NatoCourseView.element("button", { type: "button", "aria-pressed": "false", "data-value": option }, option);
    button.addEventListener("click", function () { write(option); });
    group.appendChild(button);
    return button;
  });
  function write(answer) {
    value = spec.options.indexOf(answer) >= 0 ? answer : null;
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-value") === value)); });
  }
  body.appendChild(group);
  return { read: function () { return value; }, write: write };
});
