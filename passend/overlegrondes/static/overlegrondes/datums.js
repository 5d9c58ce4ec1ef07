// "Nieuwe overlegronde toevoegen" (R36): when the einddatum reacties changes, the einddatum
// inzage follows at seven days later until the user types one; a gap under seven days gets a
// warning with a suggestion beside the field. The server checks the same rule on saving; this
// only helps while typing, and the form works without it.
(function () {
  "use strict";
  var reacties = document.getElementById("id_einddatum_reacties");
  var inzage = document.getElementById("id_einddatum_inzage");
  var melding = document.getElementById("datums-melding");
  if (!reacties || !inzage || !melding) return;
  var zelfGetypt = false;

  function lees(tekst) {
    var m = /^\s*(\d{1,2})[-\/](\d{1,2})[-\/](\d{4})\s*$/.exec(tekst);
    if (!m) return null;
    var datum = new Date(+m[3], +m[2] - 1, +m[1]);
    return datum.getDate() === +m[1] ? datum : null;
  }
  function schrijf(datum) {
    var dd = String(datum.getDate()).padStart(2, "0");
    var mm = String(datum.getMonth() + 1).padStart(2, "0");
    return dd + "-" + mm + "-" + datum.getFullYear();
  }
  function plus(datum, dagen) {
    return new Date(datum.getFullYear(), datum.getMonth(), datum.getDate() + dagen);
  }
  function controleer() {
    var r = lees(reacties.value), i = lees(inzage.value);
    melding.textContent = "";
    if (r && i && (i - r) / 86400000 < 6.5) {
      melding.textContent = melding.dataset.tekst.replace("%s", schrijf(plus(r, 7)));
    }
  }
  reacties.addEventListener("input", function () {
    var r = lees(reacties.value);
    if (r && !zelfGetypt) inzage.value = schrijf(plus(r, 7));
    controleer();
  });
  inzage.addEventListener("input", function () {
    zelfGetypt = true;
    controleer();
  });
})();
