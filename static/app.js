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
