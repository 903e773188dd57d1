// The print view's 打印 button. A file, not inline code: the CSP forbids
// inline scripts.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("print-button");
  if (button) {
    button.addEventListener("click", function () { window.print(); });
  }
});
