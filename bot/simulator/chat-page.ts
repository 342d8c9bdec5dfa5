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
<title>Zalo mô phỏng · Gia Đình Số</title>
<style>
  :root { --blue:#0068ff; --bg:#eef2f7; --me:#d6e8ff; --oa:#fff; --muted:#5b6675; }
  * { box-sizing:border-box; }
  body { margin:0; font:19px/1.5 system-ui,"Segoe UI",Roboto,"Noto Sans",sans-serif; background:var(--bg); color:#1b2430; }
  header { background:var(--blue); color:#fff; padding:.7rem 1rem; display:flex; flex-wrap:wrap; gap:.6rem; align-items:center; }
  header h1 { font-size:1.2rem; margin:0 1rem 0 0; }
  header input, header select { font-size:1rem; padding:.4rem .5rem; border-radius:.4rem; border:0; }
  button { font-size:1rem; padding:.5rem .9rem; border-radius:.5rem; border:1px solid #b8c4d4; background:#fff; cursor:pointer; }
  button.primary { background:var(--blue); color:#fff; border-color:var(--blue); }
  main { display:grid; grid-template-columns: minmax(0,3fr) minmax(0,2fr); gap:1rem; padding:1rem; max-width:1200px; margin:0 auto; }
  @media (max-width: 860px) { main { grid-template-columns: 1fr; } }
  section { background:#fff; border-radius:.8rem; box-shadow:0 1px 3px rgba(0,0,0,.08); display:flex; flex-direction:column; min-height:60vh; }
  section h2 { font-size:1.1rem; margin:0; padding:.7rem 1rem; border-bottom:1px solid #e3e8ef; }
  .status { padding:.4rem 1rem; color:var(--muted); font-size:.95rem; border-bottom:1px solid #e3e8ef; display:flex; gap:.6rem; flex-wrap:wrap; align-items:center; }
  .thread { flex:1; overflow-y:auto; padding:1rem; display:flex; flex-direction:column; gap:.6rem; max-height:65vh; }
  .msg { max-width:85%; padding:.6rem .8rem; border-radius:.8rem; white-space:pre-wrap; word-wrap:break-word; }
  .msg.user { align-self:flex-end; background:var(--me); }
  .msg.oa { align-self:flex-start; background:var(--oa); border:1px solid #dbe3ec; }
  .meta { font-size:.8rem; color:var(--muted); margin-top:.2rem; }
  .msg img { max-width:100%; border-radius:.5rem; display:block; margin-top:.3rem; }
  .btns { display:flex; flex-direction:column; gap:.35rem; margin-top:.5rem; }
  .btns button { text-align:left; border-color:var(--blue); color:var(--blue); }
  .compose { display:flex; gap:.5rem; padding:.7rem; border-top:1px solid #e3e8ef; }
  .compose input { flex:1; font-size:1.05rem; padding:.6rem; border-radius:.5rem; border:1px solid #b8c4d4; }
  .empty { color:var(--muted); text-align:center; margin-top:2rem; }
  .err { color:#b00020; padding:.3rem 1rem; min-height:1.6rem; }
  .tag { display:inline-block; padding:.05rem .5rem; border-radius:1rem; background:#eef2f7; font-size:.85rem; }
</style>
</head>
<body>
<header>
  <h1>Zalo mô phỏng</h1>
  <label>Mã người dùng <input id="uid" size="12" placeholder="vd: u001"></label>
  <label>Tên <input id="uname" size="16" placeholder="Nguyễn Văn An"></label>
  <button id="enter" class="primary">Vào trò chuyện</button>
  <select id="known" aria-label="Người dùng đã có"><option value="">— Người dùng đã có —</option></select>
</header>
<div class="err" id="err" role="alert"></div>
<main>
  <section aria-label="Trò chuyện với OA">
    <h2 id="chatTitle">Trò chuyện với Official Account</h2>
    <div class="status" id="status">Chưa chọn người dùng.</div>
    <div class="thread" id="thread"><p class="empty">Nhập mã người dùng rồi bấm “Vào trò chuyện”.</p></div>
    <form class="compose" id="compose">
      <input id="text" autocomplete="off" placeholder="Nhập tin nhắn…" disabled>
      <button class="primary" id="send" disabled>Gửi</button>
    </form>
  </section>
  <section aria-label="Nhóm thôn">
    <h2>Nhóm thôn do OA quản lý</h2>
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
        if (!r.ok) throw new Error(j && j.error ? j.error : "Lỗi " + r.status);
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
      var meta = mine ? "Bạn" : (item && item.from_admin ? "Cán bộ (" + item.from_admin + ")" : (item ? CHANNEL[item.channel] || "OA" : "OA"));
      box.appendChild(el("div", "meta", meta + " · " + fmtTime(c.time)));
      t.appendChild(box);
    });
    if (atBottom) t.scrollTop = t.scrollHeight;
  }
  function renderStatus(u) {
    var s = $("status");
    s.innerHTML = "";
    s.appendChild(el("span", null, u.display_name + " (" + u.user_id + ")"));
    s.appendChild(el("span", "tag", u.follower ? "Đang quan tâm OA" : "Chưa quan tâm OA"));
    var w = u.cs_window || {};
    var wText = { open_free: "OA được trả lời miễn phí", open_paid: "OA được trả lời (tính phí)", closed: "Quá 7 ngày chưa tương tác", never: "Chưa tương tác" };
    s.appendChild(el("span", "tag", wText[w.state] || ""));
    if (u.blocked) s.appendChild(el("span", "tag", "Đã chặn OA"));
    var fb = el("button", null, u.follower ? "Bỏ quan tâm" : "Quan tâm OA");
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
      var first = el("option", null, "— Người dùng đã có —"); first.value = ""; sel.appendChild(first);
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
          box.appendChild(el("div", "meta", (m.from_oa ? "OA" : "Thành viên " + m.from_user_id) + " · " + fmtTime(m.at)));
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
      $("text").disabled = false; $("send").disabled = false; $("chatTitle").textContent = "Trò chuyện với Official Account";
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
      .then(function (r) { if (!r.delivered) showError("Bot chưa nhận được tin (Zalo sẽ gửi lại)."); refresh(); })
      .catch(function (e) { showError(e.message); });
  };
  if (current) { $("uid").value = current; enter(current, ""); } else { refresh(); }
  setInterval(refresh, 1500);
})();
</script>
</body>
</html>`;
}
