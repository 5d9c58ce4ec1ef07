// Progress for large uploads on "Bijlage toevoegen". Without this script the form posts as
// usual; with it the same POST goes through XMLHttpRequest, whose upload events feed <progress>.
"use strict";
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-upload")) return;
  event.preventDefault();
  var voortgang = form.querySelector(".voortgang");
  var balk = form.querySelector("progress");
  var tekst = form.querySelector(".voortgang__tekst");
  var knop = form.querySelector("button[type=submit]");
  voortgang.hidden = false;
  knop.disabled = true;
  var xhr = new XMLHttpRequest();
  xhr.open("POST", form.action || window.location.href);
  xhr.setRequestHeader("X-Passend-Upload", "1");
  xhr.upload.addEventListener("progress", function (e) {
    if (!e.lengthComputable) return;
    var procent = Math.floor((e.loaded / e.total) * 100);
    balk.value = procent;
    tekst.textContent = procent + "%";
  });
  xhr.upload.addEventListener("load", function () {
    tekst.textContent = "Bestanden worden gecontroleerd…";
  });
  xhr.addEventListener("load", function () {
    var doel = xhr.getResponseHeader("X-Passend-Doorsturen");
    if (doel) {
      window.location.assign(doel);
      return;
    }
    // A refusal: show the answered page's content (messages beside the field) in place.
    var nieuw = new DOMParser().parseFromString(xhr.responseText, "text/html");
    var inhoud = nieuw.getElementById("inhoud");
    if (inhoud) {
      document.getElementById("inhoud").replaceWith(document.adoptNode(inhoud));
      document.title = nieuw.title;
      var fout = document.querySelector(".veld--fout input, .foutsamenvatting");
      if (fout) fout.focus();
    } else {
      form.submit();
    }
  });
  xhr.addEventListener("error", function () {
    knop.disabled = false;
    voortgang.hidden = true;
    form.submit();
  });
  xhr.send(new FormData(form));
});
