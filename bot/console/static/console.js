// The agent console's one script: the category search, the fields a category needs, and the
// print button. Without it every field is shown and the form still works.
(function () {
  "use strict";
  var form = document.getElementById("estimate-form");
  if (form) {
    var select = document.getElementById("category");
    var search = document.getElementById("category-search");
    var fields = form.querySelectorAll(".field[data-field]");
    var show = function () {
      var option = select.options[select.selectedIndex];
      var asks = option && option.value ? option.getAttribute("data-asks").split(" ") : [];
      var needs = option && option.value ? option.getAttribute("data-needs").split(" ") : [];
      fields.forEach(function (field) {
        var name = field.getAttribute("data-field");
        field.hidden = asks.indexOf(name) < 0;
        field.classList.toggle("needs", needs.indexOf(name) >= 0);
      });
    };
    var filter = function () {
      var words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var query = words.join(" ");
      var first = null;
      var best = null;  // a category whose own short name starts with what was typed
      for (var i = 1; i < select.options.length; i++) {
        var option = select.options[i];
        var text = option.getAttribute("data-search");
        var match = words.every(function (word) { return text.indexOf(word) >= 0; });
        option.hidden = !match;
        option.disabled = !match;
        if (match && first === null) { first = option; }
        if (match && best === null && query && option.getAttribute("data-names").split("|")
            .some(function (name) { return name.indexOf(query) === 0; })) { best = option; }
      }
      first = best || first;
      var chosen = select.options[select.selectedIndex];
      if (words.length && first && (!chosen.value || chosen.disabled)) {
        select.value = first.value;
      }
      show();
    };
    select.addEventListener("change", show);
    search.addEventListener("input", filter);
    show();
  }
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
