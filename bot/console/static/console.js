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
    // The appliances: an appliance's hours (the fridge's label, size and stars) appear once
    // it is counted, or when they hold something already.
    var counted = function (input) {
      var text = input.value.trim();
      return text !== "" && !/^[0\u0B66\u0966]+$/.test(text);
    };
    form.querySelectorAll(".appliance[data-appliance]").forEach(function (row) {
      var count = row.querySelector("input.count");
      var name = row.getAttribute("data-appliance");
      var more = Array.prototype.slice.call(row.querySelectorAll("[data-more]"))
        .concat(Array.prototype.slice.call(form.querySelectorAll("[data-more-of='" + name + "']")));
      var reveal = function () {
        var on = counted(count);
        more.forEach(function (element) {
          var filled = Array.prototype.some.call(
            element.matches("input") ? [element] : element.querySelectorAll("input, select"),
            function (field) { return field.value.trim() !== ""; });
          element.hidden = !on && !filled;
        });
      };
      count.addEventListener("input", reveal);
      reveal();
    });
  }
  // The batch upload: sent with fetch so the page can count the rows coming back against
  // the rows in the file; the result is saved as a download. Without fetch streams the form
  // posts as usual and the browser downloads the answer itself.
  var batch = document.getElementById("batch-form");
  if (batch && window.fetch && window.ReadableStream && window.TextDecoder) {
    batch.addEventListener("submit", function (event) {
      var input = document.getElementById("file");
      if (!input.files.length) { return; }
      event.preventDefault();
      var bar = document.getElementById("batch-progress");
      var status = document.getElementById("batch-status");
      var button = document.getElementById("batch-button");
      var say = function (done, total) {
        status.textContent = status.getAttribute("data-progress")
          .replace("{done}", done).replace("{total}", total);
        bar.value = total ? done / total : 0;
      };
      button.disabled = true;
      input.files[0].text().then(function (text) {
        var total = text.split(/\r?\n/).filter(function (line) { return line.trim(); }).length - 1;
        bar.hidden = false;
        say(0, total);
        return fetch(batch.action, { method: "POST", body: new FormData(batch) }).then(
          function (response) {
            var type = response.headers.get("content-type") || "";
            if (!response.ok || type.indexOf("text/csv") !== 0) {
              return response.text().then(function (html) {
                document.open(); document.write(html); document.close();
              });
            }
            var reader = response.body.getReader();
            var decoder = new TextDecoder();
            var parts = [];
            var lines = 0;
            var pump = function () {
              return reader.read().then(function (step) {
                if (step.done) { return; }
                parts.push(step.value);
                lines += (decoder.decode(step.value, { stream: true }).match(/\n/g) || []).length;
                say(Math.min(Math.max(lines - 1, 0), total), total);
                return pump();
              });
            };
            return pump().then(function () {
              var name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") || "");
              var link = document.createElement("a");
              link.href = URL.createObjectURL(new Blob(parts, { type: "text/csv" }));
              link.download = name ? name[1] : "bijuli-batch.csv";
              document.body.appendChild(link);
              link.click();
              say(total, total);
              status.textContent = status.getAttribute("data-done");
              button.disabled = false;
            });
          });
      });
    });
  }
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
