// Keyboard shortcuts for the review pages; the pages work without them.
document.addEventListener("keydown", (event) => {
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement.tagName);
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const page = document.body.dataset.page;
  if (page === "queue") {
    const rows = [...document.querySelectorAll("tr[data-href]")];
    if (!rows.length) return;
    let i = rows.findIndex((r) => r.classList.contains("selected"));
    if (event.key === "j" || event.key === "k") {
      if (i >= 0) rows[i].classList.remove("selected");
      i = event.key === "j" ? Math.min(i + 1, rows.length - 1) : Math.max(i - 1, 0);
      rows[i].classList.add("selected");
      rows[i].scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter" && i >= 0) {
      window.location = rows[i].dataset.href;
    }
  } else if (page === "flag") {
    const click = (id) => { const el = document.getElementById(id); if (el && !el.disabled) el.click(); };
    if (event.key === "a") click("accept");
    else if (event.key === "r") { event.preventDefault(); document.getElementById("reason").focus(); }
    else if (event.key === "e") { event.preventDefault(); const el = document.getElementById("replacement"); if (el) el.select(); }
    else if (event.key === "s") { event.preventDefault(); const el = document.getElementById("sentence"); if (el) el.focus(); }
    else if (event.key === "q") window.location = "/" + window.location.search;
  }
});
