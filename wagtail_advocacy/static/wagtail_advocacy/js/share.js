/* wagtail-advocacy share panel: live counter, suggestions, clipboard and popup.
 * Progressive enhancement only: without this file the form posts and the server
 * redirects to the network (or shows the text to copy). */
(function () {
  "use strict";

  var URL_RE = /https?:\/\/\S+/gi;
  var LIGHT = [[0, 4351], [8192, 8205], [8208, 8223], [8242, 8247]];
  var PICTO = /\p{Extended_Pictographic}/u;

  function graphemes(text) {
    if (window.Intl && Intl.Segmenter) {
      return Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text), function (s) { return s.segment; });
    }
    return Array.from(text);
  }

  function xWeight(cluster) {
    if (PICTO.test(cluster)) return 2;
    var weight = 0;
    Array.from(cluster).forEach(function (ch) {
      var point = ch.codePointAt(0);
      var light = LIGHT.some(function (r) { return point >= r[0] && point <= r[1]; });
      weight += light ? 1 : 2;
    });
    return weight;
  }

  function countX(text) {
    var total = 0, last = 0, match;
    URL_RE.lastIndex = 0;
    while ((match = URL_RE.exec(text)) !== null) {
      graphemes(text.slice(last, match.index)).forEach(function (c) { total += xWeight(c); });
      total += 23;
      last = match.index + match[0].length;
    }
    graphemes(text.slice(last)).forEach(function (c) { total += xWeight(c); });
    return total;
  }

  function withDisclosure(text, disclosure) {
    text = text.trim();
    if (!disclosure || text.toLowerCase().indexOf(disclosure.toLowerCase()) !== -1) return text;
    return text ? text + " " + disclosure : disclosure;
  }

  function composed(network, text, link) {
    if (!link) return text;
    if (!text) return link;
    return text.indexOf("\n") !== -1 ? text + "\n" + link : text + " " + link;
  }

  function measure(network, text, link) {
    var full = composed(network, text, link);
    if (network.counter === "x") return countX(full);
    if (network.counter === "graphemes") return graphemes(full).length;
    if (network.counter === "links23") full = full.replace(URL_RE, "x".repeat(23));
    return Array.from(full).length;
  }

  function normalise(text) { return text.replace(/\s+/g, " ").trim().toLowerCase(); }

  function init(panel) {
    var configNode = document.getElementById("advocacy-share-config");
    var form = panel.querySelector("form");
    if (!configNode || !form) return;
    var config = JSON.parse(configNode.textContent);
    var textarea = form.querySelector("textarea[name=text]");
    var counter = panel.querySelector("#advocacy-counter");
    var nudge = panel.querySelector("#advocacy-nudge");
    var status = panel.querySelector("[data-status]");
    var instanceField = panel.querySelector("[data-instance-field]");
    var submit = form.querySelector("button[type=submit]");

    function selected() {
      var input = form.querySelector("input[name=network]:checked");
      return input ? config.networks[input.value] && Object.assign({ key: input.value }, config.networks[input.value]) : null;
    }

    function update() {
      var network = selected();
      if (!network) return;
      instanceField.hidden = !network.needsInstance;
      panel.querySelectorAll("[data-network]").forEach(function (item) {
        item.classList.toggle("advocacy-dim", item.dataset.network !== network.key);
      });
      var text = withDisclosure(textarea.value, config.disclosure);
      var length = measure(network, text, network.countsLink ? config.sampleLink : "");
      if (network.limit) {
        counter.textContent = length + " / " + network.limit;
        var over = length > network.limit;
        counter.classList.toggle("advocacy-counter--over", over);
        submit.disabled = over;
      } else {
        counter.textContent = String(length);
        counter.classList.remove("advocacy-counter--over");
        submit.disabled = false;
      }
      var mine = normalise(textarea.value);
      var copied = config.suggestions.some(function (s) { return normalise(s.text) === mine; });
      nudge.hidden = !copied && mine.length > 0;
    }

    panel.querySelectorAll("[data-suggestion]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        textarea.value = config.suggestions[Number(button.dataset.suggestion)].text;
        var radio = form.querySelector("input[name=network][value='" + button.closest("[data-network]").dataset.network + "']");
        if (radio) radio.checked = true;
        // A network the employee does not use sits in the collapsed "Other networks".
        var more = radio && radio.closest("details");
        if (more) more.open = true;
        textarea.focus();
        update();
      });
    });
    form.addEventListener("change", update);
    textarea.addEventListener("input", update);
    update();

    function copyText(text) {
      // The clipboard API needs a secure context (https) and can refuse when the page
      // lost focus to the network's window; the caller then shows the text to copy.
      if (!window.isSecureContext || !navigator.clipboard) return Promise.reject();
      return navigator.clipboard.writeText(text);
    }

    function showTextToCopy(text) {
      status.textContent = form.dataset.copyYourselfMessage;
      var box = document.createElement("textarea");
      box.readOnly = true;
      box.rows = 5;
      box.value = text;
      box.setAttribute("aria-label", form.dataset.copyYourselfMessage);
      status.appendChild(document.createElement("br"));
      status.appendChild(box);
      box.focus();
      box.select();
    }

    form.addEventListener("submit", function (event) {
      var network = selected();
      if (!network || !window.fetch) return;
      event.preventDefault();
      var popup = null;
      // Opened now, inside the click, so pop-up blockers allow it; pointed at the network later.
      if (network.hasIntent && network.key !== "email") popup = window.open("", "_blank");
      status.textContent = "";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (result) {
        if (!result.ok) {
          if (popup) popup.close();
          status.textContent = result.data.error;
          status.classList.add("advocacy-error");
          return;
        }
        var data = result.data;
        status.classList.remove("advocacy-error");
        if (!data.copy_first) {
          status.textContent = form.dataset.sharedMessage;
        } else {
          copyText(data.clipboard_text).then(function () {
            status.textContent = form.dataset.copiedMessage;
          }, function () {
            showTextToCopy(data.clipboard_text);
          });
        }
        if (data.intent_url) {
          if (popup) { popup.opener = null; popup.location = data.intent_url; }
          else { window.location.href = data.intent_url; }
        } else if (popup) {
          popup.close();
        }
      }).catch(function () {
        if (popup) popup.close();
        form.submit();
      });
    });
  }

  document.querySelectorAll("[data-advocacy-share]").forEach(init);
})();
