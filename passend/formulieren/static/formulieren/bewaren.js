// "Formulier bewerken" keeps what is typed in this tab's sessionStorage until the form is
// saved, so nothing is lost when the session expired meanwhile: the save leads to the login
// page, and after logging in again this page puts the answers back. sessionStorage lives only
// as long as the tab. Without this script the form works as before.
(function () {
  "use strict";
  var form = document.querySelector("form[data-bewaren]");
  var opgeslagen = document.querySelector("[data-bewaard]");
  if (opgeslagen) {
    sessionStorage.removeItem("passend:" + opgeslagen.getAttribute("data-bewaard"));
  }
  if (!form) return;
  var sleutel = "passend:" + form.getAttribute("data-bewaren");

  function velden() {
    return Array.prototype.filter.call(form.elements, function (veld) {
      return veld.name && veld.name !== "csrfmiddlewaretoken" && !veld.disabled &&
        veld.type !== "submit" && veld.type !== "hidden";
    });
  }

  function bewaren() {
    var waarden = {};
    velden().forEach(function (veld) {
      if (veld.type === "checkbox" || veld.type === "radio") {
        waarden[veld.name + "=" + veld.value] = veld.checked;
      } else {
        waarden[veld.name] = veld.value;
      }
    });
    sessionStorage.setItem(sleutel, JSON.stringify(waarden));
  }

  // A page the server filled from a POST (a message beside a field) already shows what was
  // typed; only a fresh page takes the kept answers back.
  var bewaard = sessionStorage.getItem(sleutel);
  if (bewaard && !form.hasAttribute("data-ingevuld")) {
    var waarden = JSON.parse(bewaard);
    velden().forEach(function (veld) {
      if (veld.type === "checkbox" || veld.type === "radio") {
        var sleutelwaarde = veld.name + "=" + veld.value;
        if (sleutelwaarde in waarden) veld.checked = waarden[sleutelwaarde];
      } else if (veld.name in waarden) {
        veld.value = waarden[veld.name];
      }
    });
    var melding = document.getElementById("teruggezet");
    if (melding) melding.hidden = false;
  }
  form.addEventListener("input", bewaren);
  form.addEventListener("change", bewaren);
})();
