/**
 * The resident's chat page: a small self-contained HTML page (inline CSS and
 * JS, no CDN, no build step) served at <controlPrefix>/. It talks only to the
 * control API and polls it every 1.5 s.
 */
export function chatPageHtml(controlPrefix: string): string {
  const base = JSON.stringify(controlPrefix);
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Zalo mô phỏng · Gia đình số</title>
<meta name="color-scheme" content="light dark">
<style>
  /* Phone first (320-412 px), then two columns on a wide screen. Light, and dark when the phone is. */
  :root {
    --blue:#0068ff; --header:#0058d6; --on-header:#fff; --enter-bg:#fff; --enter-fg:#0048b0;
    --bg:#eef2f7; --card:#fff; --text:#1b2430; --muted:#4f5a69; --line:#dbe3ec;
    --me:#d6e8ff; --oa:#fff; --field:#fff; --field-line:#8d9aab; --btn:#fff; --btn-line:#8d9aab; --link:#0052cc;
    --tag:#eef2f7; --err:#b00020;
  }
  @media (prefers-color-scheme: dark) {
    :root {
      --header:#0a3a8c; --enter-bg:#e6efff; --enter-fg:#0a3a8c;
      --bg:#10151c; --card:#1a212b; --text:#e8edf3; --muted:#aeb9c7; --line:#2e3947;
      --me:#1d3a66; --oa:#222b37; --field:#10151c; --field-line:#5e6b7c; --btn:#222b37; --btn-line:#5e6b7c; --link:#8dbaff;
      --tag:#2a3441; --err:#ff8a9a;
    }
  }
  * { box-sizing:border-box; }
  body { margin:0; font:19px/1.5 system-ui,"Segoe UI",Roboto,"Noto Sans",sans-serif; background:var(--bg); color:var(--text); }
  header { background:var(--header); color:var(--on-header); padding:.45rem .6rem .55rem; font-size:16px; }
  header h1 { font-size:1.05rem; line-height:1.3; margin:0 0 .35rem; }
  header h1 small { font-weight:normal; opacity:.9; }
  .who { display:flex; flex-wrap:wrap; gap:.4rem; align-items:center; }
  .who input, .who select { font:inherit; padding:.4rem .5rem; border-radius:.4rem; border:0; min-width:0; max-width:100%; background:#fff; color:#1b2430; }
  .who input { flex:1 1 8rem; }
  .who select { flex:1 1 8rem; width:8rem; text-overflow:ellipsis; }
  .who #enter { flex:0 0 auto; font:inherit; font-weight:600; padding:.4rem .8rem; border-radius:.4rem; border:2px solid var(--enter-bg); background:var(--enter-bg); color:var(--enter-fg); cursor:pointer; }
  .who #enter:focus-visible, .who input:focus-visible, .who select:focus-visible { outline:3px solid #ffd54a; outline-offset:1px; }
  .sr { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
  button { font-size:1rem; padding:.5rem .9rem; border-radius:.5rem; border:1px solid var(--btn-line); background:var(--btn); color:var(--text); cursor:pointer; }
  button.primary { background:var(--blue); color:#fff; border-color:var(--blue); }
  button:disabled, button.primary:disabled { background:var(--tag); color:var(--muted); border-color:var(--line); cursor:default; }
  main { display:grid; grid-template-columns:minmax(0,1fr); gap:.6rem; padding:.5rem; max-width:1200px; margin:0 auto; }
  @media (min-width: 861px) { main { grid-template-columns:minmax(0,3fr) minmax(0,2fr); gap:1rem; padding:1rem; } }
  section { background:var(--card); border-radius:.8rem; box-shadow:0 1px 3px rgba(0,0,0,.08); display:flex; flex-direction:column; min-width:0; }
  section h2 { font-size:1.05rem; margin:0; padding:.5rem .8rem; border-bottom:1px solid var(--line); }
  .status { padding:.35rem .8rem; color:var(--muted); font-size:.9rem; border-bottom:1px solid var(--line); display:flex; gap:.4rem .6rem; flex-wrap:wrap; align-items:center; min-width:0; }
  .status > * { min-width:0; max-width:100%; overflow-wrap:anywhere; }
  .status select { font:inherit; max-width:100%; padding:.3rem; border-radius:.4rem; border:1px solid var(--field-line); background:var(--field); color:var(--text); }
  .status button { font-size:.9rem; padding:.3rem .7rem; }
  .thread { flex:1; overflow-y:auto; padding:.7rem; display:flex; flex-direction:column; gap:.6rem; min-height:40vh; max-height:52vh; }
  @media (min-width: 861px) { .thread { min-height:50vh; max-height:65vh; } }
  .msg { max-width:88%; padding:.55rem .75rem; border-radius:.8rem; white-space:pre-wrap; overflow-wrap:anywhere; }
  .msg.user { align-self:flex-end; background:var(--me); }
  .msg.oa { align-self:flex-start; background:var(--oa); border:1px solid var(--line); }
  .meta { font-size:.8rem; color:var(--muted); margin-top:.2rem; }
  .msg img { max-width:100%; border-radius:.5rem; display:block; margin-top:.3rem; }
  .btns { display:flex; flex-direction:column; gap:.35rem; margin-top:.5rem; }
  .btns button { text-align:left; border-color:var(--link); color:var(--link); background:var(--card); }
  .compose { display:flex; gap:.5rem; padding:.6rem; border-top:1px solid var(--line); }
  .compose input { flex:1; min-width:0; font-size:1.05rem; padding:.55rem; border-radius:.5rem; border:1px solid var(--field-line); background:var(--field); color:var(--text); }
  .empty { color:var(--muted); text-align:center; margin-top:1.5rem; }
  .err { color:var(--err); padding:0 .8rem; }
  .err:not(:empty) { padding:.3rem .8rem; }
  .tag { display:inline-block; padding:.05rem .5rem; border-radius:1rem; background:var(--tag); font-size:.85rem; }
</style>
</head>
<body>
<header>
  <h1>Zalo mô phỏng <small>· Gia đình số</small></h1>
  <div class="who">
    <label class="sr" for="uid">Mã người dùng</label>
    <input id="uid" inputmode="numeric" autocomplete="off" placeholder="Mã người dùng">
    <label class="sr" for="uname">Tên</label>
    <input id="uname" autocomplete="off" placeholder="Tên hiển thị">
    <button id="enter" type="button">Vào trò chuyện</button>
    <select id="known" aria-label="Hoặc chọn người đã có"><option value="">Hoặc chọn người đã có…</option></select>
  </div>
</header>
<div class="err" id="err" role="alert"></div>
<main>
  <section aria-label="Trò chuyện với trang Zalo của xã">
    <h2 id="chatTitle">Trò chuyện với trang Zalo của xã</h2>
    <div class="status" id="status">Chưa chọn người dùng.</div>
    <div class="thread" id="thread"><p class="empty">Nhập mã người dùng rồi bấm “Vào trò chuyện”, hoặc chọn người đã có.</p></div>
    <form class="compose" id="compose">
      <label class="sr" for="text">Tin nhắn</label>
      <input id="text" autocomplete="off" placeholder="Nhập tin nhắn…" disabled>
      <button class="primary" id="send" disabled>Gửi</button>
    </form>
  </section>
  <section aria-label="Nhóm Zalo của thôn">
    <h2>Nhóm Zalo của thôn (do trang của xã quản lý)</h2>
    <div class="status"><select id="groupSel" aria-label="Chọn nhóm"><option value="">— Chọn nhóm —</option></select></div>
    <div class="thread" id="groupThread"><p class="empty">Chưa có nhóm nào.</p></div>
  </section>
</main>
<script>
(function () {
  var BASE = ${base};
  var API = BASE + "/api";
  var current = localStorage.getItem("sim.uid") || "";
  var currentGroup = localStorage.getItem("sim.gid") || "";
  var lastRender = "";
  var lastGroupRender = "";
  var CHANNEL = { cs: "Tin tư vấn", transaction: "Tin giao dịch", promotion: "Tin truyền thông" };
  function $(id) { return document.getElementById(id); }
  function showError(msg) { $("err").textContent = msg || ""; }
  function api(method, path, body) {
    var init = { method: method, headers: {} };
    if (body !== undefined) { init.headers["content-type"] = "application/json"; init.body = JSON.stringify(body); }
    return fetch(API + path, init).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (!r.ok) throw new Error(j && j.error ? (j.error.message || j.error) : "Lỗi " + r.status);
        return j;
      });
    });
  }
  function fmtTime(ms) {
    var d = new Date(ms + 7 * 3600000);
    function p(n) { return (n < 10 ? "0" : "") + n; }
    return p(d.getUTCHours()) + ":" + p(d.getUTCMinutes()) + " " + p(d.getUTCDate()) + "/" + p(d.getUTCMonth() + 1);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function imageSrc(img) {
    if (!img) return "";
    if (img.attachment_id) return BASE + "/media/" + encodeURIComponent(img.attachment_id);
    return img.url || "";
  }
  function buttonLabel(b) {
    if (b.type === "oa.open.url") return "🔗 " + b.title;
    if (b.type === "oa.open.phone") return "📞 " + b.title;
    if (b.type === "oa.open.sms") return "✉️ " + b.title;
    return b.title;
  }
  function tap(messageId, index) {
    api("POST", "/users/" + encodeURIComponent(current) + "/tap", { message_id: messageId, index: index })
      .then(function (r) {
        if (r.action === "open_url") window.open(r.url, "_blank", "noopener");
        else if (r.action === "call") alert("Gọi số " + r.phone_code);
        else if (r.action === "sms") alert("Nhắn tin tới " + r.phone_code + ": " + r.content);
        refresh();
      })
      .catch(function (e) { showError(e.message); });
  }
  function renderThread(conv, inbox) {
    var byId = {};
    inbox.forEach(function (m) { byId[m.message_id] = m; });
    var key = JSON.stringify([conv, inbox]);
    if (key === lastRender) return;
    lastRender = key;
    var t = $("thread");
    var atBottom = t.scrollTop + t.clientHeight >= t.scrollHeight - 40;
    t.innerHTML = "";
    if (conv.length === 0) { t.appendChild(el("p", "empty", "Chưa có tin nhắn.")); return; }
    conv.forEach(function (c) {
      var mine = c.src === 1;
      var box = el("div", "msg " + (mine ? "user" : "oa"));
      var item = byId[c.message_id];
      if (c.type === "location") box.appendChild(el("div", null, "📍 Vị trí " + (c.location || "")));
      else if (c.type === "sticker") box.appendChild(el("div", null, "🙂 Nhãn dán"));
      else if (c.message) box.appendChild(el("div", null, c.message));
      var src = item ? imageSrc(item.image) : (c.type === "photo" ? c.url : "");
      if (src) { var img = el("img"); img.src = src; img.alt = "Hình ảnh"; box.appendChild(img); }
      if (item && item.form) box.appendChild(el("div", "meta", "Biểu mẫu: " + item.form.title));
      if (item && item.buttons && item.buttons.length) {
        var bs = el("div", "btns");
        item.buttons.forEach(function (b, i) {
          var btn = el("button", null, buttonLabel(b));
          btn.type = "button";
          btn.onclick = function () { tap(item.message_id, i); };
          bs.appendChild(btn);
        });
        box.appendChild(bs);
      }
      var meta = mine ? "Tôi" : (item && item.from_admin ? "Cán bộ (" + item.from_admin + ")" : (item ? CHANNEL[item.channel] || "Trang của xã" : "Trang của xã"));
      box.appendChild(el("div", "meta", meta + " · " + fmtTime(c.time)));
      t.appendChild(box);
    });
    if (atBottom) t.scrollTop = t.scrollHeight;
  }
  function renderStatus(u) {
    var s = $("status");
    s.innerHTML = "";
    s.appendChild(el("span", null, u.display_name + " (" + u.user_id + ")"));
    s.appendChild(el("span", "tag", u.follower ? "Đang quan tâm trang" : "Chưa quan tâm trang"));
    var w = u.cs_window || {};
    var wText = { open_free: "Xã nhắn lại được (miễn phí)", open_paid: "Xã nhắn lại được (tính phí)", closed: "Quá 7 ngày chưa nhắn tin", never: "Chưa nhắn tin lần nào" };
    s.appendChild(el("span", "tag", wText[w.state] || ""));
    if (u.blocked) s.appendChild(el("span", "tag", "Đã chặn trang"));
    var fb = el("button", null, u.follower ? "Bỏ quan tâm" : "Quan tâm");
    fb.type = "button";
    fb.onclick = function () {
      api("POST", "/users/" + encodeURIComponent(current) + (u.follower ? "/unfollow" : "/follow"), {})
        .then(refresh).catch(function (e) { showError(e.message); });
    };
    s.appendChild(fb);
  }
  function refreshUsers() {
    return api("GET", "/users").then(function (users) {
      var sel = $("known");
      var keep = sel.value;
      sel.innerHTML = "";
      var first = el("option", null, "Hoặc chọn người đã có…"); first.value = ""; sel.appendChild(first);
      users.forEach(function (u) { var o = el("option", null, u.display_name + " (" + u.user_id + ")"); o.value = u.user_id; sel.appendChild(o); });
      sel.value = keep;
    });
  }
  function refreshGroups() {
    return api("GET", "/groups").then(function (groups) {
      var owned = groups.filter(function (g) { return g.owned_by_oa; });
      var sel = $("groupSel");
      var opts = JSON.stringify(owned.map(function (g) { return [g.group_id, g.name, g.status]; }));
      if (sel.getAttribute("data-k") !== opts) {
        sel.setAttribute("data-k", opts);
        sel.innerHTML = "";
        var first = el("option", null, "— Chọn nhóm —"); first.value = ""; sel.appendChild(first);
        owned.forEach(function (g) {
          var o = el("option", null, g.name + " · " + g.total_member + " thành viên" + (g.status === "disabled" ? " (đã khoá)" : ""));
          o.value = g.group_id; sel.appendChild(o);
        });
      }
      if (currentGroup && !owned.some(function (g) { return g.group_id === currentGroup; })) currentGroup = "";
      if (!currentGroup && owned.length) currentGroup = owned[0].group_id;
      sel.value = currentGroup;
      if (!currentGroup) { $("groupThread").innerHTML = '<p class="empty">Chưa có nhóm nào.</p>'; return; }
      return api("GET", "/groups/" + encodeURIComponent(currentGroup) + "/messages").then(function (msgs) {
        var key = JSON.stringify(msgs);
        if (key === lastGroupRender) return;
        lastGroupRender = key;
        var t = $("groupThread");
        t.innerHTML = "";
        if (!msgs.length) { t.appendChild(el("p", "empty", "Nhóm chưa có tin nhắn.")); return; }
        msgs.forEach(function (m) {
          var box = el("div", "msg " + (m.from_oa ? "oa" : "user"));
          if (m.text) box.appendChild(el("div", null, m.text));
          var src = imageSrc(m.image);
          if (src) { var img = el("img"); img.src = src; img.alt = "Hình ảnh"; box.appendChild(img); }
          box.appendChild(el("div", "meta", (m.from_oa ? "Trang của xã" : "Thành viên " + m.from_user_id) + " · " + fmtTime(m.at)));
          t.appendChild(box);
        });
        t.scrollTop = t.scrollHeight;
      });
    });
  }
  function refresh() {
    var jobs = [refreshUsers(), refreshGroups()];
    if (current) {
      var id = encodeURIComponent(current);
      // POST /users with only the id is get-or-create: the page survives a simulator reset.
      jobs.push(Promise.all([api("POST", "/users", { user_id: current }), api("GET", "/users/" + id + "/conversation"), api("GET", "/users/" + id + "/inbox")])
        .then(function (r) { renderStatus(r[0]); renderThread(r[1], r[2]); }));
    }
    return Promise.all(jobs).then(function () { showError(""); }).catch(function (e) {
      showError(e && e.message === "Failed to fetch" ? "Không kết nối được máy chủ mô phỏng." : (e && e.message) || String(e));
    });
  }
  function enter(id, name) {
    if (!id) { showError("Hãy nhập mã người dùng."); return; }
    var body = { user_id: id };
    if (name) body.display_name = name;
    api("POST", "/users", body).then(function () {
      current = id; localStorage.setItem("sim.uid", id); lastRender = "";
      $("text").disabled = false; $("send").disabled = false; $("chatTitle").textContent = "Trò chuyện với trang Zalo của xã";
      $("text").focus();
      refresh();
    }).catch(function (e) { showError(e.message); });
  }
  $("enter").onclick = function () { enter($("uid").value.trim(), $("uname").value.trim()); };
  $("known").onchange = function () { if (this.value) { $("uid").value = this.value; enter(this.value, ""); } };
  $("groupSel").onchange = function () { currentGroup = this.value; localStorage.setItem("sim.gid", currentGroup); lastGroupRender = ""; refresh(); };
  $("compose").onsubmit = function (ev) {
    ev.preventDefault();
    var text = $("text").value.trim();
    if (!text || !current) return;
    $("text").value = "";
    api("POST", "/users/" + encodeURIComponent(current) + "/text", { text: text })
      .then(function (r) { if (!r.delivered) showError("Máy chủ của xã chưa nhận được tin (Zalo sẽ gửi lại)."); refresh(); })
      .catch(function (e) { showError(e.message); });
  };
  if (current) { $("uid").value = current; enter(current, ""); } else { refresh(); }
  setInterval(refresh, 1500);
})();
</script>
</body>
</html>`;
}
