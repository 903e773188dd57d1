// The form editor's few behaviours htmx does not have (templates/form.html
// "editform"; the CSP forbids inline scripts, so they live here):
//
//   - a warning before leaving the page while there are unsaved changes,
//     cleared by a successful save (the server marks it X-Saved-Version);
//   - the editor's refusals (4xx: a conflict, a locked form, a value too
//     long) are swapped in like answers, so their message shows; an ended
//     session (the answer is the login page) is said in the status line;
//   - the autosave waits while a conflict panel asks for a choice;
//   - a row added or removed is a change: it is checked and autosaved.
(function () {
  "use strict";

  var edits = 0;     // changes made on the page
  var savedEdits = 0; // changes the last successful save held

  function inEditor(elt) {
    return elt && elt.closest && elt.closest("#editor") !== null;
  }
  function isSave(detail) {
    var path = (detail.requestConfig && detail.requestConfig.path) || "";
    return /\/save$/.test(path);
  }
  function isRows(detail) {
    var path = (detail.requestConfig && detail.requestConfig.path) || "";
    return /\/rows$/.test(path);
  }

  document.addEventListener("input", function (e) {
    if (inEditor(e.target) && !e.target.closest("#conflicts")) {
      edits++;
    }
  });

  // the live check answers only the slots that change: it is told which
  // show findings now (web/edit.go, unchanged)
  document.addEventListener("htmx:configRequest", function (e) {
    if (/\/check$/.test(e.detail.path || "")) {
      var ids = [];
      document.querySelectorAll("#editor .notes:not(:empty)").forEach(function (n) { ids.push(n.id); });
      e.detail.parameters["_shown"] = ids.join(" ");
    }
  });

  document.addEventListener("htmx:beforeRequest", function (e) {
    var d = e.detail;
    if (!isSave(d)) {
      return;
    }
    if (d.elt.id === "autosave" && document.querySelector("#conflicts [data-conflict]")) {
      e.preventDefault(); // the user is choosing how to merge: 合并后保存 saves
      return;
    }
    d.xhr.jixiaoEdits = edits; // what this save holds
  });

  document.addEventListener("htmx:afterRequest", function (e) {
    var d = e.detail;
    if (!d.xhr) {
      return;
    }
    if (isSave(d) && d.successful && d.xhr.getResponseHeader("X-Saved-Version")) {
      savedEdits = Math.max(savedEdits, d.xhr.jixiaoEdits || 0);
    }
  });

  document.addEventListener("htmx:beforeSwap", function (e) {
    var d = e.detail;
    if (!d.xhr || !inEditor(d.requestConfig && d.requestConfig.elt)) {
      return;
    }
    if (/\/login$/.test(new URL(d.xhr.responseURL || location.href).pathname)) {
      // the session ended: the answer is the login page; keep the editor
      d.shouldSwap = false;
      var st = document.getElementById("edit-status");
      if (st) {
        st.className = "bad";
        st.textContent = "登录已过期，修改未保存：请在新的标签页登录本系统，再回到这里点“保存”（本页填写的内容还在）。";
      }
      return;
    }
    if (d.xhr.status >= 400 && d.xhr.getResponseHeader("X-Jixiao-Editor")) {
      d.shouldSwap = true; // the answer says why, in the status line or the conflict panel
      d.isError = false;
    }
  });

  // after the editor is swapped in again and htmx has set it up (settled;
  // the fragments swapped beside it settle too, hence the target test)
  document.addEventListener("htmx:afterSettle", function (e) {
    var d = e.detail;
    if (!isRows(d) || !d.xhr || d.xhr.status >= 400 || !e.target || e.target.id !== "editor") {
      return;
    }
    // the new row's first cell has the focus (autofocus): the caret goes
    // after what it holds (指标6：), where the name is typed
    var f = document.activeElement;
    if (f && (f.tagName === "TEXTAREA" || f.tagName === "INPUT") && inEditor(f)) {
      f.selectionStart = f.selectionEnd = f.value.length;
    }
    // a row added or removed is a change not saved yet: the input event
    // counts it, checks and autosaves
    var form = document.getElementById("editor");
    if (form) {
      form.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });

  window.addEventListener("beforeunload", function (e) {
    if (edits !== savedEdits && document.getElementById("editor")) {
      e.preventDefault();
      e.returnValue = ""; // older Chromium needs it set
    }
  });
})();
