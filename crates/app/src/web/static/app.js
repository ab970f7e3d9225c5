// dossier: marks the passage a link points to (#p-START-END). Passages may overlap, so
// one passage can be several pieces of text; each carries its passages in data-p.
(function () {
  function mark() {
    document.querySelectorAll(".passage.marked").forEach(function (el) {
      el.classList.remove("marked");
    });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^p-[0-9]+-[0-9]+$/.test(id)) return;
    var pieces = document.querySelectorAll('.passage[data-p~="' + id + '"]');
    pieces.forEach(function (el) {
      el.classList.add("marked");
    });
    if (pieces.length > 0) pieces[0].scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", mark);
  document.addEventListener("DOMContentLoaded", mark);
})();
