// Small helpers for pages that work without them: the phone menu's button, and putting back
// a form's text after the session ended.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
  // A table wider than the phone scrolls in its own box: keyboard users reach it by Tab
  // and scroll it with the arrow keys (WCAG 2.1.1).
  for (const box of document.querySelectorAll("main table, main .table-scroll")) {
    if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
    }
  }
  const button = document.querySelector(".menu-button button");
  const menu = document.getElementById("site-menu");
  if (button && menu) {
    button.addEventListener("click", () => {
      const open = menu.classList.toggle("open");
      button.setAttribute("aria-expanded", String(open));
    });
  }
});

// Puts back the text of a form that was posted after the session ended: the server kept
// it through the sign-in (accounts/web/idle.py) and hands it over as JSON on this page.
document.addEventListener("DOMContentLoaded", () => {
  const kept = document.getElementById("kept-form");
  if (!kept) return;
  const fields = JSON.parse(kept.textContent);
  for (const [name, values] of Object.entries(fields)) {
    for (const field of document.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = values.includes(field.value);
      } else if (field.type !== "file" && field.type !== "hidden") {
        field.value = values[0] ?? "";
      }
    }
  }
});
