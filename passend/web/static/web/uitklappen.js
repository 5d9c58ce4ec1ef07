// On a narrow screen the main menu and the overview's filters fold behind a button
// (WCAG 1.4.10 reflow). CSS shows the button and hides what it controls only below 40rem;
// without this script the button stays hidden and everything stays open.
"use strict";
document.querySelectorAll("[data-uitklapknop]").forEach(function (knop) {
  knop.setAttribute("aria-expanded", knop.hasAttribute("data-open") ? "true" : "false");
  knop.hidden = false;
  knop.addEventListener("click", function () {
    var open = knop.getAttribute("aria-expanded") === "true";
    knop.setAttribute("aria-expanded", open ? "false" : "true");
  });
});
