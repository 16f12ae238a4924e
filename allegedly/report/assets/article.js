/* allegedly: the article view's script (web app and offline HTML; no inline handlers).
   Clicking a sentence shows its claim details without jumping the page, keeps the sentence
   selected and puts its id in the address (#...), and the legend switches layers on and off.
   Without this script the details still open: every sentence links to #its-details. */
(function () {
  "use strict";

  function show(article, claimId, push) {
    var side = article.querySelector(".alg-side");
    article.querySelectorAll(".alg-claim.alg-selected").forEach(function (el) {
      el.classList.remove("alg-selected");
    });
    article.querySelectorAll(".alg-claim-detail.alg-shown").forEach(function (el) {
      el.classList.remove("alg-shown");
    });
    var detail = null;
    article.querySelectorAll(".alg-claim-detail").forEach(function (el) {
      if (el.getAttribute("data-claim") === claimId) { detail = el; }
    });
    if (!detail) { return; }
    detail.classList.add("alg-shown");
    if (side) { side.classList.add("alg-has-selection"); }
    article.querySelectorAll(".alg-claim").forEach(function (el) {
      if (el.getAttribute("data-claim") === claimId) { el.classList.add("alg-selected"); }
    });
    if (push && window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#" + detail.id);
    }
  }

  function wire(article) {
    article.classList.add("alg-js");
    article.addEventListener("click", function (event) {
      var link = event.target.closest(".alg-claim, .alg-claim-ref");
      if (!link || !article.contains(link)) { return; }
      event.preventDefault();
      show(article, link.getAttribute("data-claim"), true);
    });
    article.querySelectorAll("input.alg-layer").forEach(function (box) {
      box.hidden = false;
      box.addEventListener("change", function () {
        article.classList.toggle("alg-off-" + box.getAttribute("data-layer"), !box.checked);
      });
    });
    var hash = decodeURIComponent(window.location.hash.slice(1));
    article.querySelectorAll(".alg-claim-detail").forEach(function (el) {
      if (el.id === hash) { show(article, el.getAttribute("data-claim"), false); }
    });
  }

  function init() { document.querySelectorAll(".alg-article").forEach(wire); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
