// The portal's own script (no inline code: the Content-Security-Policy allows the site's files only).
// A button with data-print prints the page.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
