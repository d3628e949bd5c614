/* wagtail-advocacy: the live check of a suggested post in the page editor.
 *
 * A Stimulus controller ("advocacy-post-check") registered on Wagtail's own application
 * (window.wagtail.app, window.StimulusModule), on the wrapper that SuggestedPostTextarea
 * renders around a suggested post's text. It asks the admin's check endpoint for the
 * post's count on the row's network and for the tone advice: as soon as the editor opens
 * (so a reviewer opening the page from a workflow task sees it without typing), as the
 * editor types (debounced), and when the row's network, the page's public share URL or
 * its campaign changes. It names the page (or a new page's parent, read from the
 * editor's form address) and the campaign chosen, so the count includes the disclosure
 * the page's shares will carry and blocked words of the page's site are warned about.
 * The server counts and advises exactly as the save does; every sentence shown comes
 * translated from the server. Without this file the text box is a plain one and
 * the save still checks everything.
 */
(function () {
  "use strict";

  function define() {
    var Controller = window.StimulusModule.Controller;

    class PostCheckController extends Controller {
      connect() {
        this.sequence = 0;
        this.shownAdvice = null;
        this.check();
      }

      disconnect() {
        window.clearTimeout(this.timer);
        if (this.pending) this.pending.abort();
      }

      form() {
        return this.textTarget.form;
      }

      field(name) {
        var form = this.form();
        var field = form ? form.elements.namedItem(name) : null;
        return field && field.nodeType === 1 ? field : null;
      }

      networkField() {
        return this.field(this.textTarget.name.replace(/-text$/, "-network"));
      }

      linkField() {
        return this.field("share_url");
      }

      campaignField() {
        return this.field("campaign");
      }

      // The page edited (…/pages/5/edit/) or, for a new page, its parent
      // (…/pages/add/app/model/3/): whose site's compliance settings apply.
      pageIds() {
        var form = this.form();
        var action = (form && form.getAttribute("action")) || "";
        var edit = action.match(/\/pages\/(\d+)\/edit\//);
        var add = action.match(/\/pages\/add\/[^/]+\/[^/]+\/(\d+)\//);
        return { page: edit ? edit[1] : "", parent: add ? add[1] : "" };
      }

      // input@document and change@document: only this row's text and network, the page's
      // public share URL (whether a tracked link is counted) and its campaign (whose
      // disclosure is counted) are of interest.
      queue(event) {
        var target = event.target;
        var network = this.networkField();
        var link = this.linkField();
        var campaign = this.campaignField();
        var immediate =
          event.type === "change" && (target === network || (campaign && target === campaign));
        var typed = event.type === "input" && (target === this.textTarget || target === link);
        if (!immediate && !typed) return;
        window.clearTimeout(this.timer);
        this.timer = window.setTimeout(this.check.bind(this, 1), immediate ? 0 : this.delayValue);
      }

      csrfToken() {
        var input = this.field("csrfmiddlewaretoken");
        if (input) return input.value;
        return (window.wagtailConfig && window.wagtailConfig.CSRF_TOKEN) || "";
      }

      // attempt: a check that failed on the server's side (5xx) or on the way (network)
      // is asked again, one second later then two, before "unavailable" is shown, so a
      // request dropped among the several an editor opening makes, or a busy server,
      // does not hide the advice.
      check(attempt) {
        attempt = typeof attempt === "number" ? attempt : 1;
        var text = this.textTarget.value;
        var sequence = ++this.sequence;
        if (this.pending) this.pending.abort();
        this.pending = null;
        if (!text.trim()) {
          this.show({ label: "", over: false, advice: [] });
          return;
        }
        var network = this.networkField();
        var link = this.linkField();
        var body = new FormData();
        body.append("network", network ? network.value : "");
        body.append("text", text);
        body.append("has_link", link && link.value.trim() ? "true" : "false");
        var ids = this.pageIds();
        var campaign = this.campaignField();
        body.append("page", ids.page);
        body.append("parent", ids.parent);
        body.append("campaign", campaign ? campaign.value : "");
        var pending = window.AbortController ? new AbortController() : null;
        this.pending = pending;
        var self = this;
        window
          .fetch(this.urlValue, {
            method: "POST",
            body: body,
            credentials: "same-origin",
            signal: pending ? pending.signal : undefined,
            headers: {
              Accept: "application/json",
              "X-CSRFToken": this.csrfToken(),
              "X-Requested-With": "XMLHttpRequest",
            },
          })
          .then(function (response) {
            if (response.status >= 500) throw new Error("server");
            return response.json().then(function (data) {
              return { ok: response.ok, data: data };
            });
          })
          .then(function (result) {
            if (sequence !== self.sequence) return;
            if (result.ok) self.show(result.data);
            else self.fail(result.data && result.data.error);
          })
          .catch(function (error) {
            if (error && error.name === "AbortError") return;
            if (sequence !== self.sequence) return;
            if (attempt >= self.attemptsValue) {
              self.fail("");
              return;
            }
            window.clearTimeout(self.timer);
            self.timer = window.setTimeout(function () {
              if (sequence === self.sequence) self.check(attempt + 1);
            }, self.retryDelayValue * attempt);
          });
      }

      show(data) {
        var count = this.countTarget;
        count.textContent = data.label || "";
        count.hidden = !data.label;
        count.classList.toggle("error-message", Boolean(data.over));
        count.classList.toggle("advocacy-post-check__count--over", Boolean(data.over));
        this.showAdvice(data.advice || [], "", data.warnings || []);
      }

      fail(message) {
        this.countTarget.hidden = true;
        this.countTarget.textContent = "";
        this.showAdvice(null, message || this.unavailableValue);
      }

      // The advice region is aria-live: it changes only when the advice does, so a screen
      // reader announces new advice once, not at every key. Warnings (blocked words)
      // come first, in their own block.
      showAdvice(advice, message, warnings) {
        warnings = warnings || [];
        var key = JSON.stringify([advice, message || "", warnings]);
        if (key === this.shownAdvice) return;
        this.shownAdvice = key;
        var region = this.adviceTarget;
        region.replaceChildren();
        if (message) {
          var paragraph = document.createElement("p");
          paragraph.className = "help-block";
          paragraph.textContent = message;
          region.appendChild(paragraph);
          return;
        }
        if (warnings.length && this.hasWarningTemplateTarget) {
          region.appendChild(this.listBlock(this.warningTemplateTarget, warnings));
        }
        if (advice.length) region.appendChild(this.listBlock(this.adviceTemplateTarget, advice));
      }

      listBlock(template, sentences) {
        var block = template.content.firstElementChild.cloneNode(true);
        var list = block.querySelector("ul");
        sentences.forEach(function (sentence) {
          var item = document.createElement("li");
          item.textContent = sentence;
          list.appendChild(item);
        });
        return block;
      }
    }

    PostCheckController.targets = ["text", "count", "advice", "adviceTemplate", "warningTemplate"];
    PostCheckController.values = {
      url: String,
      unavailable: String,
      delay: { type: Number, default: 400 },
      retryDelay: { type: Number, default: 1000 },
      attempts: { type: Number, default: 3 },
    };
    window.wagtail.app.register("advocacy-post-check", PostCheckController);
  }

  function ready() {
    return window.StimulusModule && window.wagtail && window.wagtail.app;
  }

  if (ready()) define();
  else
    document.addEventListener("DOMContentLoaded", function () {
      if (ready()) define();
    });
})();
