// chat2task dashboard — plain JS single-page app, no build step, no dependencies.
// Served by the chat2task binary at /app.js. Hash routes:
//   #/login  #/  #/inbox  #/risk  #/p/{id}[/board|gantt|list|chat|new][?filters]  #/t/{id}
'use strict';
(() => {
  // ---------- small helpers ----------
  const $ = (s, r = document) => r.querySelector(s);
  const $$ = (s, r = document) => Array.from(r.querySelectorAll(s));
  const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const STATUS = ['proposed', 'todo', 'doing', 'done', 'cancelled'];
  const ST = { proposed: '待确认', todo: '待办', doing: '进行中', done: '已完成', cancelled: '已取消' };
  const PW = { P0: 4, P1: 3, P2: 2, P3: 1 };
  const EV = { owner: '负责人', deadline: '截止时间', action: '事项', time: '时间', task: '任务' };
  const AT_RISK_TIP = '风险任务：2 天内到期且尚未开始（状态为“待办”）。这是延期预测模型上线前的临时规则。';
  const pad = (n) => String(n).padStart(2, '0');
  const ymd = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const today = () => ymd(new Date());
  const parseDay = (s) => { const [y, m, d] = s.split('-').map(Number); return new Date(y, m - 1, d); };
  const addDays = (s, n) => { const d = parseDay(s); d.setDate(d.getDate() + n); return ymd(d); };
  const dayDiff = (a, b) => Math.round((parseDay(b) - parseDay(a)) / 86400000);
  const localDay = (iso) => (iso ? ymd(new Date(iso)) : null);
  const fmtTime = (iso) => { if (!iso) return ''; const d = new Date(iso); return `${ymd(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`; };
  const isOpen = (t) => t.status === 'todo' || t.status === 'doing';
  const nowHM = () => { const d = new Date(); return `${pad(d.getHours())}:${pad(d.getMinutes())}`; };
  function isOverdue(t, td = today()) {
    if (!isOpen(t) || !t.due_date) return false;
    return t.due_date < td || (t.due_date === td && !!t.due_time && t.due_time < nowHM());
  }
  function isAtRisk(t, td = today()) {
    return t.status === 'todo' && !!t.due_date && !isOverdue(t, td) && t.due_date >= td && t.due_date <= addDays(td, 2);
  }
  function dueLabel(t) {
    if (!t.due_date) return '<span class="muted">无截止</span>';
    const td = today(); const n = dayDiff(td, t.due_date);
    let rel = n === 0 ? '今天' : n === 1 ? '明天' : n === -1 ? '昨天' : n < 0 ? `${-n} 天前` : `${n} 天后`;
    const cls = isOverdue(t, td) ? 'due overdue' : isAtRisk(t, td) ? 'due risk' : 'due';
    const tip = isOverdue(t, td) ? '已逾期' : isAtRisk(t, td) ? AT_RISK_TIP : '';
    return `<span class="${cls}" title="${esc(tip)}">${esc(t.due_date.slice(5))}${t.due_time ? ' ' + esc(t.due_time) : ''} · ${rel}${isOverdue(t, td) ? ' · 逾期' : ''}</span>`;
  }

  // ---------- state ----------
  const S = {
    token: localStorage.getItem('c2t_token') || '',
    role: localStorage.getItem('c2t_role') || '',
    writable: {}, // project id -> true/false (probed)
    projectCache: new Map(), // pid -> {at, project, stages, tasks}
    members: null,
    seq: 0,
    expanded: {},
    suggestAvailable: null,
  };

  class ApiError extends Error {
    constructor(status, code, message) { super(message); this.status = status; this.code = code; }
  }
  function errText(e) {
    if (!(e instanceof ApiError)) return `出错了：${e && e.message ? e.message : e}`;
    const pre = { 0: '无法连接服务器', 400: '请求有误', 401: '令牌无效或已过期', 403: '没有权限', 404: '未找到', 409: '冲突', 413: '内容过大', 422: '数据不合法', 429: '请求过于频繁' }[e.status]
      || (e.status >= 500 ? '服务器出错' : `错误 ${e.status}`);
    return e.message && e.status !== 0 ? `${pre}：${e.message}` : pre;
  }

  async function api(method, path, body) {
    let res;
    try {
      res = await fetch(path, {
        method,
        headers: Object.assign({ Authorization: 'Bearer ' + S.token }, body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch (e) {
      throw new ApiError(0, 'network', '无法连接服务器，请检查服务是否在运行');
    }
    const txt = await res.text();
    let data = null;
    try { data = txt ? JSON.parse(txt) : null; } catch (_) { data = null; }
    if (!res.ok) {
      const err = new ApiError(res.status, data?.error?.code || `http_${res.status}`, data?.error?.message || res.statusText);
      if (res.status === 401) signOut(true);
      throw err;
    }
    return data;
  }
  const qs = (o) => Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

  // Fetches every page of GET /v1/tasks (500 per page, pages after the first in parallel).
  async function fetchAllTasks(params) {
    const first = await api('GET', `/v1/tasks?${qs({ ...params, limit: 500, offset: 0 })}`);
    const items = first.items.slice();
    const rest = [];
    for (let off = 500; off < first.total; off += 500) rest.push(api('GET', `/v1/tasks?${qs({ ...params, limit: 500, offset: off })}`));
    for (const p of await Promise.all(rest)) items.push(...p.items);
    return items;
  }
  async function members() {
    if (!S.members) S.members = await api('GET', '/v1/members');
    return S.members;
  }
  async function loadProject(pid, fresh) {
    const c = S.projectCache.get(pid);
    if (c && !fresh && Date.now() - c.at < 30000) return c;
    const [project, stages, tasks] = await Promise.all([
      api('GET', `/v1/projects/${pid}`), api('GET', `/v1/projects/${pid}/stages`), fetchAllTasks({ project_id: pid }),
    ]);
    const v = { at: Date.now(), project, stages, tasks };
    S.projectCache.set(pid, v);
    return v;
  }
  function invalidate(pid) { if (pid) S.projectCache.delete(pid); else S.projectCache.clear(); }

  // Write permission probe, once per project: POST /v1/tasks with an invalid due_date. The server
  // checks project access before validating, so 403 = this token may not create/change tasks here
  // (guest, read-only), 422/400 = it may (nothing is created). Members may still get 403 on tasks they
  // neither own nor created; those writes show the server's message and revert.
  async function canWrite(pid) {
    if (S.writable[pid] !== undefined) return S.writable[pid];
    try {
      await api('POST', '/v1/tasks', { project_id: pid, title: '权限探测（不会创建）', due_date: 'not-a-date' });
      S.writable[pid] = true; // should not happen; treat as writable
    } catch (e) {
      if (e.status === 401) throw e;
      if (e.status === 403) S.writable[pid] = false;
      else if (e.status === 400 || e.status === 422) S.writable[pid] = true;
      else return true; // unknown (network/5xx): do not cache
    }
    return S.writable[pid];
  }
  function noteForbidden(e, pid) {
    // A 403 on a create means the whole project is read-only for this token; on a single task it may
    // only mean "not your task", so only creates flip the project.
    if (e instanceof ApiError && e.status === 403 && pid && /create/.test(e.message || '')) S.writable[pid] = false;
  }

  // ---------- UI chrome ----------
  let toastTimer = 0;
  function toast(msg, kind = 'info') {
    const el = $('#toast');
    el.textContent = msg; el.className = `toast ${kind}`; el.hidden = false;
    clearTimeout(toastTimer); toastTimer = setTimeout(() => { el.hidden = true; }, kind === 'error' ? 6000 : 3000);
  }
  function setView(html) { $('#app').innerHTML = html; }
  function errorState(e, retry = true) {
    const net = e instanceof ApiError && e.status === 0;
    const srv = e instanceof ApiError && e.status >= 500;
    return `<div class="state error" data-state="error"><h2>${net ? '无法连接服务器' : srv ? '服务器出错' : '加载失败'}</h2>
      <p>${esc(errText(e))}</p>${retry ? '<button type="button" data-act="retry">重试</button>' : ''}</div>`;
  }
  function emptyState(title, body = '') { return `<div class="state empty" data-state="empty"><h2>${esc(title)}</h2>${body}</div>`; }
  function signOut(expired) {
    S.token = ''; localStorage.removeItem('c2t_token'); localStorage.removeItem('c2t_role');
    S.writable = {}; S.projectCache.clear(); S.members = null; S.role = '';
    location.hash = expired ? '#/login?expired=1' : '#/login';
  }
  function roleBadge(pid) {
    const b = $('#role-badge');
    const ro = pid ? S.writable[pid] === false : S.role === 'guest';
    const label = ro ? '只读' : { admin: '管理员', pm: '项目经理', member: '成员', guest: '访客' }[S.role] || '';
    b.hidden = !label; b.textContent = label; b.classList.toggle('ro', ro);
    b.title = ro ? '当前令牌没有写权限：只能查看' : '';
  }

  // ---------- routing ----------
  function parseHash() {
    const raw = location.hash || '#/';
    const [path, query] = raw.split('?');
    return { path, params: new URLSearchParams(query || '') };
  }
  async function route() {
    const seq = ++S.seq;
    const { path, params } = parseHash();
    const top = $('#top');
    if (!S.token && path !== '#/login') { location.hash = '#/login'; return; }
    top.hidden = path === '#/login';
    $$('#nav a').forEach((a) => a.classList.toggle('active', a.getAttribute('href') === path || (path === '#' && a.dataset.nav === 'overview')));
    roleBadge(null);
    if (path !== '#/login' && Date.now() - (S.inboxAt || 0) > 60000) { S.inboxAt = Date.now(); refreshInboxCount(); }
    let m;
    try {
      if (path === '#/login') return viewLogin(params);
      if (path === '#/' || path === '#' || path === '') return await viewOverview(seq);
      if (path === '#/inbox') return await viewInbox(seq);
      if (path === '#/risk') return await viewRisk(seq);
      if ((m = path.match(/^#\/p\/(\d+)(?:\/(board|gantt|list|chat|new))?$/))) return await viewProject(seq, Number(m[1]), m[2] || 'board', params);
      if ((m = path.match(/^#\/t\/(\d+)$/))) return await viewTask(seq, Number(m[1]));
      setView(emptyState('页面不存在', '<p><a href="#/">返回总览</a></p>'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return; // signOut already redirected
      if (seq === S.seq) setView(errorState(e));
      if (e instanceof ApiError) console.warn(e); else console.error(e);
    }
  }
  const stale = (seq) => seq !== S.seq;

  // ---------- sign-in ----------
  function viewLogin(params) {
    const expired = params.get('expired');
    setView(`<section class="login card">
      <h1>chat2task 任务看板</h1>
      <p class="muted">请输入 API 令牌登录（由管理员用 <code>chat2task token create</code> 生成）。</p>
      ${expired ? '<p class="alert" data-state="expired">令牌无效或已过期，请重新输入。</p>' : ''}
      <form id="login-form">
        <label>API 令牌<input id="token" name="token" type="password" autocomplete="off" required placeholder="c2t_…"></label>
        <button type="submit">登录</button>
        <p id="login-msg" class="alert" hidden></p>
      </form></section>`);
    $('#login-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const tok = $('#token').value.trim();
      const msg = $('#login-msg');
      if (!tok) return;
      S.token = tok;
      try {
        const r = await fetch('/v1/projects', { headers: { Authorization: 'Bearer ' + tok } });
        if (r.status === 401) { msg.textContent = '令牌无效或已过期'; msg.hidden = false; S.token = ''; return; }
        if (!r.ok) { msg.textContent = `服务器出错（${r.status}），请稍后再试`; msg.hidden = false; S.token = ''; return; }
      } catch (_) { msg.textContent = '无法连接服务器'; msg.hidden = false; S.token = ''; return; }
      localStorage.setItem('c2t_token', tok);
      // Role hint: only admins may list tokens.
      try { const r = await fetch('/v1/tokens', { headers: { Authorization: 'Bearer ' + tok } }); S.role = r.ok ? 'admin' : ''; } catch (_) { S.role = ''; }
      localStorage.setItem('c2t_role', S.role);
      location.hash = '#/';
    });
    $('#token').focus();
  }

  // ---------- health metrics (see HEALTH.md) ----------
  function metrics(tasks) {
    const td = today(); const weekAgo = addDays(td, -7);
    const m = { total: 0, done: 0, open: 0, overdue: 0, atRisk: 0, proposed: 0, doneWithDue: 0, onTime: 0, wOpen: 0, wOver: 0, wRisk: 0, done7: 0, overdue7: 0 };
    for (const t of tasks) {
      if (t.status === 'cancelled') continue;
      if (t.status === 'proposed') { m.proposed++; continue; }
      m.total++;
      const w = PW[t.priority] || 2;
      if (t.status === 'done') {
        m.done++;
        const dd = localDay(t.done_at);
        if (t.due_date && dd) { m.doneWithDue++; if (dd <= t.due_date) m.onTime++; }
        if (dd && dd > weekAgo) m.done7++;
        continue;
      }
      m.open++; m.wOpen += w;
      if (isOverdue(t, td)) { m.overdue++; m.wOver += w; if (t.due_date >= weekAgo) m.overdue7++; } else if (isAtRisk(t, td)) { m.atRisk++; m.wRisk += w; }
    }
    m.onTimeRate = m.doneWithDue ? m.onTime / m.doneWithDue : 1;
    m.overShare = m.wOpen ? m.wOver / m.wOpen : 0;
    m.riskShare = m.wOpen ? m.wRisk / m.wOpen : 0;
    m.completion = m.total ? m.done / m.total : 0;
    m.score = m.total ? Math.max(0, Math.min(100, Math.round(100 - 40 * (1 - m.onTimeRate) - 40 * m.overShare - 20 * m.riskShare))) : null;
    m.trend = m.done7 - m.overdue7;
    return m;
  }
  const band = (s) => (s === null ? 'none' : s >= 80 ? 'good' : s >= 60 ? 'warn' : 'bad');
  const bandText = (s) => (s === null ? '暂无数据' : s >= 80 ? '健康' : s >= 60 ? '需关注' : '危险');
  const pct = (x) => `${Math.round(x * 100)}%`;

  // ---------- overview ----------
  async function viewOverview(seq) {
    setView('<p class="muted">正在加载项目…</p>');
    const projects = await api('GET', '/v1/projects');
    if (stale(seq)) return;
    const canCreate = S.role !== 'guest';
    const createForm = canCreate ? `<form id="new-project" class="inline-form"><input name="name" required placeholder="新项目名称"><button type="submit">创建项目</button></form>` : '';
    if (!projects.length) {
      setView(emptyState('还没有项目', `<p>把工作群绑定到项目后，聊天里提到的任务会出现在这里。</p>${createForm}`));
      bindNewProject();
      return;
    }
    const rows = await Promise.all(projects.map(async (p) => {
      try { return { p, m: metrics(await fetchAllTasks({ project_id: p.id })) }; } catch (e) { if (e.status === 401) throw e; return { p, err: e }; }
    }));
    if (stale(seq)) return;
    const cards = rows.map(({ p, m, err }) => {
      if (err) return `<article class="card project-card"><h3><a href="#/p/${p.id}">${esc(p.name)}</a></h3><p class="alert">${esc(errText(err))}</p></article>`;
      const trend = m.trend > 0 ? `<span class="up" title="近 7 天完成 ${m.done7} 个，新逾期 ${m.overdue7} 个">↑ 向好</span>` : m.trend < 0 ? `<span class="down" title="近 7 天完成 ${m.done7} 个，新逾期 ${m.overdue7} 个">↓ 变差</span>` : `<span class="flat" title="近 7 天完成 ${m.done7} 个，新逾期 ${m.overdue7} 个">→ 持平</span>`;
      return `<article class="card project-card" data-project="${p.id}">
        <div class="health ${band(m.score)}" title="健康分：100 − 40×(1−按时完成率) − 40×逾期加权占比 − 20×风险加权占比（详见 HEALTH.md）">
          <b data-score>${m.score === null ? '—' : m.score}</b><small>${bandText(m.score)}</small></div>
        <div class="pc-body">
          <h3><a href="#/p/${p.id}">${esc(p.name)}</a>${p.archived ? ' <span class="pill">已归档</span>' : ''}</h3>
          <p class="muted small">${esc(p.description || '')}</p>
          <div class="progress" title="完成率 ${pct(m.completion)}"><i style="width:${pct(m.completion)}"></i></div>
          <dl class="stats">
            <div><dt>完成率</dt><dd>${pct(m.completion)}</dd></div>
            <div><dt>按时率</dt><dd>${m.doneWithDue ? pct(m.onTimeRate) : '—'}</dd></div>
            <div><dt>逾期</dt><dd class="${m.overdue ? 'bad' : ''}">${m.overdue}</dd></div>
            <div><dt title="${esc(AT_RISK_TIP)}">风险 ⓘ</dt><dd class="${m.atRisk ? 'warn' : ''}" title="${esc(AT_RISK_TIP)}">${m.atRisk}</dd></div>
            <div><dt>待确认</dt><dd>${m.proposed}</dd></div>
            <div><dt>趋势</dt><dd>${trend}</dd></div>
          </dl>
        </div></article>`;
    }).join('');
    setView(`<section><div class="section-head"><h1>项目总览</h1>${createForm}</div><div class="grid">${cards}</div></section>`);
    bindNewProject();
    refreshInboxCount();
  }
  function bindNewProject() {
    const f = $('#new-project'); if (!f) return;
    f.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try { const p = await api('POST', '/v1/projects', { name: f.name.value.trim() }); toast('项目已创建'); location.hash = `#/p/${p.id}`; } catch (e) { toast(errText(e), 'error'); }
    });
  }
  async function refreshInboxCount() {
    try {
      const r = await api('GET', '/v1/tasks?status=proposed&limit=1');
      const el = $('#inbox-count'); el.textContent = r.total; el.hidden = !r.total;
    } catch (_) { /* ignore */ }
  }

  // ---------- project ----------
  const TABS = [['board', '看板'], ['gantt', '甘特图'], ['list', '列表'], ['chat', '聊天记录'], ['new', '新建任务']];
  async function viewProject(seq, pid, tab, params) {
    if (!$('#project-view') || $('#project-view').dataset.pid !== String(pid)) setView('<p class="muted">正在加载项目…</p>');
    const data = await loadProject(pid);
    if (stale(seq)) return;
    const w = await canWrite(pid);
    if (stale(seq)) return;
    roleBadge(pid);
    const tabs = TABS.filter(([k]) => k !== 'new' || w).map(([k, l]) => `<a href="#/p/${pid}/${k}" class="${k === tab ? 'active' : ''}" data-tab="${k}">${l}</a>`).join('');
    setView(`<section id="project-view" data-pid="${pid}">
      <div class="section-head"><h1>${esc(data.project.name)}</h1>
      <button type="button" class="link" data-act="reload" title="重新加载">⟳ 刷新</button></div>
      ${w ? '' : '<p class="notice" data-state="readonly">只读模式：当前令牌没有写权限，仅可查看。</p>'}
      <nav class="tabs">${tabs}</nav><div id="tab"></div></section>`);
    const el = $('#tab');
    if (tab === 'board') renderBoard(el, pid, data, w);
    else if (tab === 'gantt') renderGantt(el, pid, data);
    else if (tab === 'list') await renderList(el, pid, data, params, seq);
    else if (tab === 'chat') await renderChat(el, pid, data, params, seq);
    else if (tab === 'new') await renderNew(el, pid, data, w, seq);
  }

  // ----- kanban -----
  const COL_CAP = 100;
  const byDue = (a, b) => (a.due_date || '9999') < (b.due_date || '9999') ? -1 : (a.due_date || '9999') > (b.due_date || '9999') ? 1 : a.id - b.id;
  function cardHtml(t, w) {
    const cls = isOverdue(t) ? ' overdue' : isAtRisk(t) ? ' risk' : '';
    return `<article class="kcard${cls}" data-task="${t.id}" ${w ? 'draggable="true"' : ''}>
      <a class="kt" href="#/t/${t.id}">${esc(t.title)}</a>
      <div class="km"><span class="prio ${t.priority}">${t.priority}</span>${dueLabel(t)}</div>
      <div class="km"><span class="owners">${t.owners.length ? esc(t.owners.join('、')) : '<span class="muted">未指派</span>'}</span>
      ${w ? `<button type="button" class="move" data-move="${t.id}" aria-label="移动任务" title="移动到…">⋯</button>` : ''}</div></article>`;
  }
  function renderBoard(el, pid, data, w) {
    const cols = {}; STATUS.forEach((s) => { cols[s] = []; });
    for (const t of data.tasks) (cols[t.status] || (cols[t.status] = [])).push(t);
    const html = STATUS.map((s) => {
      const list = cols[s].sort(byDue);
      const exp = S.expanded[`${pid}:${s}`];
      const shown = exp ? list : list.slice(0, COL_CAP);
      return `<section class="col" data-status="${s}"><h2>${ST[s]} <span class="count">${list.length}</span></h2>
        <div class="col-body" data-drop="${s}">${shown.map((t) => cardHtml(t, w)).join('')}</div>
        ${list.length > shown.length ? `<button type="button" class="link more" data-expand="${s}">显示全部 ${list.length} 个（已显示 ${shown.length}）</button>` : ''}</section>`;
    }).join('');
    el.innerHTML = data.tasks.length
      ? `<p class="muted small">${w ? '拖动卡片或点“⋯”改变状态。' : ''}<span title="${esc(AT_RISK_TIP)}">黄色 = 风险（2 天内到期未开始）ⓘ</span>，红色 = 已逾期。</p><div class="board" id="board">${html}</div>`
      : emptyState('这个项目还没有任务', w ? `<p><a href="#/p/${pid}/new">新建任务</a>，或把工作群绑定到该项目。</p>` : '');
    // first-paint measurement hook (used by the browser tests)
    requestAnimationFrame(() => {
      performance.mark('c2t:board-painted');
      window.__c2t = { boardPaintedMs: performance.now(), tasks: data.tasks.length, cards: $$('.kcard', el).length };
    });
  }
  function boardDrop(pid, id, status) { moveTask(pid, id, status); }
  async function moveTask(pid, id, status) {
    const data = S.projectCache.get(pid);
    const t = data && data.tasks.find((x) => x.id === id);
    if (!t || t.status === status) return;
    const old = t.status;
    const card = $(`.kcard[data-task="${id}"]`);
    const from = card && card.closest('.col');
    const to = $(`.col[data-status="${status}"] .col-body`);
    t.status = status;
    if (card && to) { to.prepend(card); card.classList.add('pending'); }
    updateCounts();
    try {
      const nt = await api('PATCH', `/v1/tasks/${id}`, { status });
      Object.assign(t, nt);
      if (card) { card.classList.remove('pending'); card.outerHTML = cardHtml(t, true); }
      toast(`“${t.title}” 已移到「${ST[status]}」`);
    } catch (e) {
      t.status = old;
      if (card && from) { $('.col-body', from).prepend(card); card.classList.remove('pending'); }
      updateCounts();
      noteForbidden(e, pid);
      toast(`移动失败，已还原：${errText(e)}`, 'error');
    }
  }
  function updateCounts() {
    const pid = Number($('#project-view')?.dataset.pid);
    const data = S.projectCache.get(pid); if (!data) return;
    for (const s of STATUS) { const c = $(`.col[data-status="${s}"] .count`); if (c) c.textContent = data.tasks.filter((t) => t.status === s).length; }
  }
  function openMoveMenu(btn) {
    closeMenus();
    const id = Number(btn.dataset.move);
    const pid = Number($('#project-view')?.dataset.pid);
    const t = S.projectCache.get(pid)?.tasks.find((x) => x.id === id);
    const menu = document.createElement('div');
    menu.className = 'menu'; menu.setAttribute('role', 'menu');
    menu.innerHTML = STATUS.filter((s) => s !== t?.status).map((s) => `<button type="button" role="menuitem" data-to="${s}" data-id="${id}">移到「${ST[s]}」</button>`).join('');
    btn.closest('.kcard').append(menu);
    menu.querySelector('button')?.focus();
  }
  function closeMenus() { $$('.menu').forEach((m) => m.remove()); }

  // ----- gantt -----
  const GANTT_MAX = 400;
  function renderGantt(el, pid, data) {
    const td = today();
    const tasks = data.tasks.filter((t) => t.due_date && t.status !== 'cancelled').sort(byDue);
    const undated = data.tasks.filter((t) => !t.due_date && t.status !== 'cancelled').length;
    if (!tasks.length && !data.stages.some((s) => s.start_date || s.end_date)) {
      el.innerHTML = emptyState('没有可显示的日期', '<p>任务设置截止日期、阶段设置起止日期后，这里会显示甘特图。</p>');
      return;
    }
    const shown = tasks.slice(0, GANTT_MAX);
    let min = td, max = td;
    const upd = (d) => { if (!d) return; if (d < min) min = d; if (d > max) max = d; };
    for (const s of data.stages) { upd(s.start_date); upd(s.end_date); }
    for (const t of shown) { upd(localDay(t.created_at)); upd(t.due_date); }
    min = addDays(min, -2); max = addDays(max, 3);
    const days = dayDiff(min, max) + 1;
    const DW = days > 120 ? 10 : days > 60 ? 16 : 24, LW = 200, RH = 24, HEAD = 40;
    const x = (d) => LW + dayDiff(min, d) * DW;
    const rows = [];
    const byStage = new Map(); data.stages.forEach((s) => byStage.set(s.id, []));
    const loose = [];
    for (const t of shown) (byStage.get(t.stage_id) || loose).push(t);
    for (const s of data.stages) { rows.push({ stage: s }); for (const t of byStage.get(s.id)) rows.push({ task: t }); }
    if (loose.length) { rows.push({ stage: { name: '未分阶段' } }); for (const t of loose) rows.push({ task: t }); }
    const W = LW + days * DW + 10, H = HEAD + rows.length * RH + 10;
    const parts = [];
    // grid: week lines and month labels
    for (let i = 0; i < days; i++) {
      const d = addDays(min, i); const dt = parseDay(d);
      if (dt.getDay() === 1) parts.push(`<line x1="${x(d)}" y1="${HEAD - 12}" x2="${x(d)}" y2="${H}" class="g-week"/><text x="${x(d) + 2}" y="${HEAD - 4}" class="g-day">${d.slice(5)}</text>`);
      if (dt.getDate() === 1 || i === 0) parts.push(`<text x="${x(d) + 2}" y="14" class="g-month">${dt.getFullYear()}年${dt.getMonth() + 1}月</text>`);
    }
    rows.forEach((r, i) => {
      const y = HEAD + i * RH;
      if (r.stage) {
        const s = r.stage;
        parts.push(`<rect x="0" y="${y}" width="${W}" height="${RH}" class="g-stage-row"/><text x="6" y="${y + 16}" class="g-stage-label">${esc(s.name)}</text>`);
        if (s.start_date && s.end_date) parts.push(`<rect x="${x(s.start_date)}" y="${y + 5}" width="${Math.max(DW, (dayDiff(s.start_date, s.end_date) + 1) * DW)}" height="${RH - 10}" rx="3" class="g-stage"><title>${esc(s.name)}：${s.start_date} → ${s.end_date}</title></rect>`);
      } else {
        const t = r.task;
        const c = localDay(t.created_at) || t.due_date;
        const a = c < t.due_date ? c : t.due_date;
        const cls = isOverdue(t, td) ? 'overdue' : isAtRisk(t, td) ? 'risk' : t.status;
        const label = t.title.length > 14 ? t.title.slice(0, 13) + '…' : t.title;
        parts.push(`<a href="#/t/${t.id}" class="g-task" data-task="${t.id}"><text x="14" y="${y + 16}" class="g-label">${esc(label)}</text>
          <rect x="${x(a)}" y="${y + 6}" width="${(dayDiff(a, t.due_date) + 1) * DW}" height="${RH - 12}" rx="3" class="g-bar ${cls}"><title>${esc(t.title)}｜${ST[t.status]}｜${localDay(t.created_at)} → ${t.due_date}${t.owners.length ? '｜' + esc(t.owners.join('、')) : ''}</title></rect></a>`);
      }
    });
    parts.push(`<line x1="${x(td) + DW / 2}" y1="${HEAD - 12}" x2="${x(td) + DW / 2}" y2="${H}" class="g-today"><title>今天 ${td}</title></line>`);
    el.innerHTML = `<p class="muted small">条形：创建日期 → 截止日期；<span class="lg todo"></span>待办 <span class="lg doing"></span>进行中 <span class="lg done"></span>已完成 <span class="lg proposed"></span>待确认 <span class="lg risk"></span>风险 <span class="lg overdue"></span>逾期；红线为今天。
      ${tasks.length > GANTT_MAX ? `仅显示截止最早的 ${GANTT_MAX} 个任务（共 ${tasks.length} 个）。` : ''}${undated ? `${undated} 个任务无截止日期，未显示。` : ''}</p>
      <div class="gantt-wrap"><svg id="gantt" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="甘特图">${parts.join('')}</svg></div>`;
  }

  // ----- list with filters -----
  async function renderList(el, pid, data, params, seq) {
    const ms = await members();
    if (stale(seq)) return;
    const f = Object.fromEntries(['status', 'owner', 'tag', 'due_after', 'due_before', 'q'].map((k) => [k, params.get(k) || '']));
    const tags = [...new Set(data.tasks.flatMap((t) => t.tags))].sort();
    const owners = [...new Set([...ms.filter((m) => m.active && !m.placeholder).map((m) => m.name), ...data.tasks.flatMap((t) => t.owners)])].sort();
    el.innerHTML = `<form id="filters" class="filters">
      <label>状态<select name="status"><option value="">全部</option>${STATUS.map((s) => `<option value="${s}" ${f.status === s ? 'selected' : ''}>${ST[s]}</option>`).join('')}</select></label>
      <label>负责人<select name="owner"><option value="">全部</option>${owners.map((o) => `<option ${f.owner === o ? 'selected' : ''}>${esc(o)}</option>`).join('')}</select></label>
      <label>标签<select name="tag"><option value="">全部</option>${tags.map((o) => `<option ${f.tag === o ? 'selected' : ''}>${esc(o)}</option>`).join('')}</select></label>
      <label>截止不早于<input type="date" name="due_after" value="${esc(f.due_after)}"></label>
      <label>截止不晚于<input type="date" name="due_before" value="${esc(f.due_before)}"></label>
      <label>关键词<input type="search" name="q" value="${esc(f.q)}" placeholder="标题/描述"></label>
      <button type="submit">筛选</button> <a class="link" href="#/p/${pid}/list">清除</a></form>
      <div id="list-body"><p class="muted">加载中…</p></div>`;
    $('#filters').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const fd = new FormData(ev.target); const o = {}; for (const [k, v] of fd) if (v) o[k] = v;
      location.hash = `#/p/${pid}/list${Object.keys(o).length ? '?' + qs(o) : ''}`;
    });
    let offset = 0; const rowsAll = [];
    const body = $('#list-body');
    async function page() {
      const r = await api('GET', `/v1/tasks?${qs({ project_id: pid, ...f, limit: 100, offset })}`);
      if (stale(seq)) return;
      rowsAll.push(...r.items); offset = r.next_offset;
      if (!rowsAll.length) { body.innerHTML = emptyState('没有符合条件的任务'); return; }
      body.innerHTML = `<p class="muted small">共 ${r.total} 个任务</p><table class="tasks"><thead><tr><th>标题</th><th>状态</th><th>负责人</th><th>截止</th><th>优先级</th><th>标签</th></tr></thead><tbody>
        ${rowsAll.map((t) => `<tr data-task="${t.id}" class="${isOverdue(t) ? 'overdue' : isAtRisk(t) ? 'risk' : ''}"><td data-l="标题"><a href="#/t/${t.id}">${esc(t.title)}</a></td><td data-l="状态"><span class="st ${t.status}">${ST[t.status] || t.status}</span></td>
        <td data-l="负责人">${esc(t.owners.join('、')) || '<span class="muted">未指派</span>'}</td><td data-l="截止">${dueLabel(t)}</td><td data-l="优先级"><span class="prio ${t.priority}">${t.priority}</span></td><td data-l="标签">${t.tags.map((g) => `<span class="tag">${esc(g)}</span>`).join(' ')}</td></tr>`).join('')}
        </tbody></table>${offset != null ? '<button type="button" id="more" class="link more">加载更多</button>' : ''}`;
      $('#more')?.addEventListener('click', () => page().catch((e) => toast(errText(e), 'error')));
    }
    await page();
  }

  // ----- chat archive -----
  async function renderChat(el, pid, data, params, seq) {
    const q = params.get('q') || '', sender = params.get('sender') || '';
    el.innerHTML = `<form id="chat-search" class="filters"><label>搜索消息<input type="search" name="q" value="${esc(q)}" placeholder="关键词"></label>
      <label>发送人<input name="sender" value="${esc(sender)}" placeholder="姓名"></label><button type="submit">搜索</button></form><div id="chat-body"><p class="muted">加载中…</p></div>`;
    $('#chat-search').addEventListener('submit', (ev) => {
      ev.preventDefault(); const fd = new FormData(ev.target); const o = {}; for (const [k, v] of fd) if (v) o[k] = v;
      location.hash = `#/p/${pid}/chat${Object.keys(o).length ? '?' + qs(o) : ''}`;
    });
    const fromMsg = new Map(); for (const t of data.tasks) if (t.source_message) { const a = fromMsg.get(t.source_message) || []; a.push(t); fromMsg.set(t.source_message, a); }
    const all = []; let offset = 0;
    const body = $('#chat-body');
    const hl = (text) => { const e = esc(text); if (!q) return e; const eq = esc(q).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); return e.replace(new RegExp(eq, 'gi'), (m) => `<mark>${m}</mark>`); };
    async function page() {
      const r = await api('GET', `/v1/messages?${qs({ project_id: pid, q, sender, limit: 50, offset })}`);
      if (stale(seq)) return;
      all.push(...r.items); offset = r.next_offset;
      if (!all.length) { body.innerHTML = emptyState(q || sender ? '没有找到相关消息' : '还没有聊天记录', q || sender ? '' : '<p>把工作群绑定到这个项目后，群消息会归档在这里。</p>'); return; }
      body.innerHTML = `<p class="muted small">共 ${r.total} 条消息（最新在前）</p><ol class="chat">${all.map((m) => `<li class="msg" data-msg="${esc(m.external_id)}">
        <div class="msg-head"><b>${esc(m.sender)}</b> <time>${esc(fmtTime(m.ts))}</time></div>
        ${m.reply_to ? `<blockquote>${esc(m.reply_to.sender || '')}：${esc(m.reply_to.text || '')}</blockquote>` : ''}
        <div class="msg-text">${hl(m.text)}</div>
        ${(fromMsg.get(m.external_id) || []).map((t) => `<a class="tag link" href="#/t/${t.id}">→ 任务：${esc(t.title)}</a>`).join(' ')}</li>`).join('')}</ol>
        ${offset != null ? '<button type="button" id="more" class="link more">加载更早的消息</button>' : ''}`;
      $('#more')?.addEventListener('click', () => page().catch((e) => toast(errText(e), 'error')));
    }
    await page();
  }

  // ----- planning: new task + assignee suggestions -----
  async function openLoad() {
    const [todo, doing] = await Promise.all([fetchAllTasks({ status: 'todo' }), fetchAllTasks({ status: 'doing' })]);
    const load = new Map();
    for (const t of [...todo, ...doing]) for (const o of t.owners) load.set(o, (load.get(o) || 0) + 1);
    return load;
  }
  async function suggestions(pid, form) {
    const body = { project_id: pid, title: form.title.value, description: form.description.value, due_date: form.due_date.value || null };
    if (S.suggestAvailable !== false) {
      try {
        const r = await api('POST', '/v1/assignees/suggest', body);
        S.suggestAvailable = true;
        if (r && Array.isArray(r.suggestions)) return { source: 'model', list: r.suggestions };
      } catch (e) { if (e.status === 401) throw e; if (e.status === 404 || e.status === 405) S.suggestAvailable = false; }
    }
    const [ms, load] = await Promise.all([members(), openLoad()]);
    const list = ms.filter((m) => m.active && !m.placeholder)
      .map((m) => ({ member: m.name, score: load.get(m.name) || 0, reasons: [`${load.get(m.name) || 0} 个未完成任务`].concat(m.skills?.length ? [`技能：${m.skills.join('、')}`] : []) }))
      .sort((a, b) => a.score - b.score || a.member.localeCompare(b.member, 'zh'));
    return { source: 'load', list };
  }
  async function renderNew(el, pid, data, w, seq) {
    if (!w) { el.innerHTML = emptyState('只读令牌不能创建任务'); return; }
    S.suggestAvailable = null; // ask the suggest endpoint again each time the form opens
    el.innerHTML = `<form id="new-task" class="form card">
      <label>标题 *<input name="title" required maxlength="200" placeholder="例如：周五前完成登录页联调"></label>
      <label>描述<textarea name="description" rows="3"></textarea></label>
      <div class="row">
        <label>阶段<select name="stage_id"><option value="">（无）</option>${data.stages.map((s) => `<option value="${s.id}">${esc(s.name)}</option>`).join('')}</select></label>
        <label>优先级<select name="priority">${['P0', 'P1', 'P2', 'P3'].map((p) => `<option ${p === 'P2' ? 'selected' : ''}>${p}</option>`).join('')}</select></label>
        <label>状态<select name="status"><option value="todo">待办</option><option value="proposed">待确认</option><option value="doing">进行中</option></select></label>
      </div>
      <div class="row">
        <label>截止日期<input type="date" name="due_date"></label>
        <label>截止时间<input type="time" name="due_time"></label>
        <label>标签<input name="tags" placeholder="用逗号分隔"></label>
      </div>
      <label>负责人<input name="owners" placeholder="用逗号分隔，或点击下面的建议"></label>
      <div id="suggest" class="suggest"><p class="muted small">正在计算指派建议…</p></div>
      <button type="submit">创建任务</button></form>`;
    const form = $('#new-task');
    const box = $('#suggest');
    async function refresh() {
      try {
        const r = await suggestions(pid, form);
        if (stale(seq)) return;
        const head = r.source === 'model' ? '<p class="small"><b>指派建议</b> <span class="muted" data-suggest-source="model">（来自指派建议服务）</span></p>'
          : '<p class="small"><b>指派建议</b> <span class="muted" data-suggest-source="load">按当前未完成任务数排序，最少者优先（智能指派建议接口尚未上线）</span></p>';
        box.innerHTML = head + (r.list.length ? r.list.slice(0, 8).map((s) => `<button type="button" class="chip" data-suggest="${esc(s.member)}" title="${esc((s.reasons || []).join('；'))}">${esc(s.member)} <small>${r.source === 'model' ? (Number(s.score) || 0).toFixed(2) : `${s.score} 个未完成`}</small></button>`).join('') : '<p class="muted">没有可指派的成员。</p>');
      } catch (e) { box.innerHTML = `<p class="alert">${esc(errText(e))}</p>`; }
    }
    let deb = 0;
    form.title.addEventListener('input', () => { if (S.suggestAvailable) { clearTimeout(deb); deb = setTimeout(refresh, 400); } });
    box.addEventListener('click', (ev) => {
      const b = ev.target.closest('[data-suggest]'); if (!b) return;
      const cur = form.owners.value.split(/[,，、\s]+/).filter(Boolean);
      if (!cur.includes(b.dataset.suggest)) cur.push(b.dataset.suggest);
      form.owners.value = cur.join('，');
    });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const split = (s) => s.split(/[,，、]+/).map((x) => x.trim()).filter(Boolean);
      const body = { project_id: pid, title: form.title.value.trim(), description: form.description.value, priority: form.priority.value, status: form.status.value,
        stage_id: form.stage_id.value ? Number(form.stage_id.value) : null, due_date: form.due_date.value || null, due_time: form.due_time.value || null,
        tags: split(form.tags.value), owners: split(form.owners.value) };
      try { const t = await api('POST', '/v1/tasks', body); invalidate(pid); toast('任务已创建'); location.hash = `#/t/${t.id}`; } catch (e) { noteForbidden(e, pid); toast(errText(e), 'error'); }
    });
    await refresh();
  }

  // ---------- task detail ----------
  function highlight(text, evidence) {
    const chars = Array.from(text || '');
    const spans = (Array.isArray(evidence) ? evidence : []).filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.start < e.end && e.start >= 0)
      .sort((a, b) => a.start - b.start);
    let out = '', i = 0;
    for (const s of spans) {
      const st = Math.max(s.start, i), en = Math.min(s.end, chars.length);
      if (st >= en) continue;
      out += esc(chars.slice(i, st).join(''));
      out += `<mark class="ev ev-${esc(s.label)}" title="${esc(EV[s.label] || s.label)}" data-ev="${esc(s.label)}">${esc(chars.slice(st, en).join(''))}</mark>`;
      i = en;
    }
    return out + esc(chars.slice(i).join(''));
  }
  async function findSourceMessage(t) {
    if (!t.source_message) return null;
    let chatIds = [];
    try { chatIds = (await api('GET', '/v1/chats')).filter((c) => c.external_id === t.source_chat).sort((a, b) => (b.project_id === t.project_id) - (a.project_id === t.project_id)).map((c) => c.id); } catch (e) { if (e.status === 401) throw e; }
    const scopes = chatIds.map((id) => ({ chat_id: id })).concat([{ project_id: t.project_id }]);
    for (const sc of scopes) {
      for (let offset = 0, n = 0; offset != null && n < 10; n++) {
        const r = await api('GET', `/v1/messages?${qs({ ...sc, limit: 500, offset })}`);
        const m = r.items.find((x) => x.external_id === t.source_message);
        if (m) return m;
        offset = r.next_offset;
      }
    }
    return null;
  }
  async function viewTask(seq, id) {
    setView('<p class="muted">加载任务…</p>');
    const t = await api('GET', `/v1/tasks/${id}`);
    const [events, project, w, ms] = await Promise.all([api('GET', `/v1/tasks/${id}/events`), api('GET', `/v1/projects/${t.project_id}`).catch(() => null), canWrite(t.project_id), members()]);
    if (stale(seq)) return;
    roleBadge(t.project_id);
    const evHtml = events.map((e) => `<li><time>${esc(fmtTime(e.created_at))}</time> <b>${esc(e.actor)}</b> ${esc(eventText(e))}</li>`).join('');
    const dis = w ? '' : 'disabled';
    setView(`<section class="task-detail" data-task="${t.id}">
      <p class="crumbs"><a href="#/p/${t.project_id}">${esc(project?.name || '项目')}</a> › 任务 #${t.id}</p>
      <h1>${esc(t.title)} <span class="st ${t.status}">${ST[t.status] || t.status}</span></h1>
      <p>${dueLabel(t)} · <span class="prio ${t.priority}">${t.priority}</span> · 负责人：${esc(t.owners.join('、')) || '未指派'}
        ${t.tags.map((g) => `<span class="tag">${esc(g)}</span>`).join(' ')}${t.confidence != null ? ` · 抽取置信度 ${Math.round(t.confidence * 100)}%` : ''}</p>
      ${t.description ? `<p class="desc">${esc(t.description)}</p>` : ''}
      <div class="two">
        <div>
          <h2>来源消息</h2><div id="source">${t.source_message ? '<p class="muted">查找来源消息…</p>' : '<p class="muted">手动创建的任务，没有来源消息。</p>'}</div>
          <h2>编辑</h2>
          ${w ? '' : '<p class="notice">只读：当前令牌不能修改任务。</p>'}
          <form id="edit-task" class="form">
            <label>标题<input name="title" value="${esc(t.title)}" ${dis}></label>
            <div class="row"><label>状态<select name="status" ${dis}>${STATUS.map((s) => `<option value="${s}" ${s === t.status ? 'selected' : ''}>${ST[s]}</option>`).join('')}</select></label>
            <label>优先级<select name="priority" ${dis}>${['P0', 'P1', 'P2', 'P3'].map((p) => `<option ${p === t.priority ? 'selected' : ''}>${p}</option>`).join('')}</select></label></div>
            <div class="row"><label>截止日期<input type="date" name="due_date" value="${esc(t.due_date || '')}" ${dis}></label>
            <label>截止时间<input type="time" name="due_time" value="${esc(t.due_time || '')}" ${dis}></label></div>
            <label>负责人<input name="owners" value="${esc(t.owners.join('，'))}" list="member-names" ${dis}></label>
            <datalist id="member-names">${ms.map((m) => `<option value="${esc(m.name)}">`).join('')}</datalist>
            ${w ? '<button type="submit">保存</button>' : ''}
          </form>
        </div>
        <div><h2>事件记录</h2><ol class="events">${evHtml || '<li class="muted">暂无</li>'}</ol>
          ${w ? '<form id="comment" class="inline-form"><input name="text" required placeholder="添加评论"><button type="submit">评论</button></form>' : ''}</div>
      </div></section>`);
    const form = $('#edit-task');
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const owners = form.owners.value.split(/[,，、]+/).map((x) => x.trim()).filter(Boolean);
      const patch = {};
      if (form.title.value.trim() !== t.title) patch.title = form.title.value.trim();
      if (form.status.value !== t.status) patch.status = form.status.value;
      if (form.priority.value !== t.priority) patch.priority = form.priority.value;
      if ((form.due_date.value || null) !== (t.due_date || null)) patch.due_date = form.due_date.value || null;
      if ((form.due_time.value || null) !== (t.due_time || null)) patch.due_time = form.due_time.value || null;
      if (owners.join('|') !== t.owners.join('|')) patch.owners = owners;
      if (!Object.keys(patch).length) { toast('没有修改'); return; }
      try { await api('PATCH', `/v1/tasks/${id}`, patch); invalidate(t.project_id); toast('已保存'); route(); } catch (e) { noteForbidden(e, t.project_id); toast(errText(e), 'error'); }
    });
    $('#comment')?.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try { await api('POST', `/v1/tasks/${id}/comments`, { text: ev.target.text.value }); route(); } catch (e) { toast(errText(e), 'error'); }
    });
    if (t.source_message) {
      const box = $('#source');
      try {
        const m = await findSourceMessage(t);
        if (stale(seq)) return;
        const labels = [...new Set((t.evidence || []).map((e) => e.label))];
        box.innerHTML = m ? `<figure class="msg source" data-msg="${esc(m.external_id)}"><div class="msg-head"><b>${esc(m.sender)}</b> <time>${esc(fmtTime(m.ts))}</time></div>
          <div class="msg-text" id="source-text">${highlight(m.text, t.evidence)}</div></figure>
          ${labels.length ? `<p class="small">抽取依据：${labels.map((l) => `<mark class="ev ev-${esc(l)}">${esc(EV[l] || l)}</mark>`).join(' ')}</p>` : ''}
          <p><a class="small" href="#/p/${t.project_id}/chat?q=${encodeURIComponent(Array.from(m.text).slice(0, 8).join(''))}">在聊天记录中查看</a></p>`
          : `<p class="muted">找不到来源消息（${esc(t.source_chat || '')} / ${esc(t.source_message)}），可能未归档到此项目。</p>`;
      } catch (e) { if (e.status !== 401) box.innerHTML = `<p class="alert">${esc(errText(e))}</p>`; }
    }
  }
  function eventText(e) {
    const f = { status: '状态', owners: '负责人', due_date: '截止日期', due_time: '截止时间', title: '标题', priority: '优先级', tags: '标签', description: '描述', stage_id: '阶段' }[e.field] || e.field;
    const v = (x) => (e.field === 'status' && ST[x] ? ST[x] : x ?? '空');
    if (e.kind === 'created') return `创建了任务${e.message_id ? `（来自消息 ${e.message_id}）` : ''}`;
    if (e.kind === 'comment' || e.kind === 'commented') return `评论：${e.new_value ?? ''}`;
    if (e.field) return `把${f}从「${v(e.old_value)}」改为「${v(e.new_value)}」`;
    return `${e.kind}${e.new_value ? '：' + e.new_value : ''}`;
  }

  // ---------- proposals inbox ----------
  async function viewInbox(seq) {
    setView('<p class="muted">加载待确认任务…</p>');
    const [items, projects] = await Promise.all([fetchAllTasks({ status: 'proposed' }), api('GET', '/v1/projects')]);
    if (stale(seq)) return;
    const pname = new Map(projects.map((p) => [p.id, p.name]));
    const pids = [...new Set(items.map((t) => t.project_id))];
    await Promise.all(pids.map((p) => canWrite(p)));
    if (stale(seq)) return;
    const el = $('#inbox-count'); el.textContent = items.length; el.hidden = !items.length;
    if (!items.length) { setView(`<h1>待确认任务</h1>${emptyState('没有待确认的任务', '<p>从聊天中识别出、但置信度不够高的任务会出现在这里，等你确认。</p>')}`); return; }
    items.sort(byDue);
    setView(`<h1>待确认任务 <span class="count">${items.length}</span></h1>
      <p class="muted small">从聊天中识别出的任务：确认后进入“待办”，拒绝后标记为“已取消”。</p>
      <ul class="inbox">${items.map((t) => inboxItem(t, pname.get(t.project_id), S.writable[t.project_id] !== false)).join('')}</ul>`);
  }
  function inboxItem(t, pn, w) {
    return `<li class="card proposal" data-task="${t.id}" data-pid="${t.project_id}">
      <div class="pbody"><a href="#/t/${t.id}" class="kt">${esc(t.title)}</a>
      <div class="km small"><span class="muted">${esc(pn || '')}</span> · ${esc(t.owners.join('、')) || '<span class="muted">未指派</span>'} · ${dueLabel(t)} · <span class="prio ${t.priority}">${t.priority}</span>${t.confidence != null ? ` · 置信度 ${Math.round(t.confidence * 100)}%` : ''}</div></div>
      ${w ? `<div class="actions"><button type="button" data-confirm="${t.id}" class="ok">确认</button><button type="button" data-edit="${t.id}">编辑</button><button type="button" data-reject="${t.id}" class="danger">拒绝</button></div>` : '<span class="muted small">只读</span>'}
      </li>`;
  }
  async function decide(id, patch, okMsg) {
    const li = $(`.proposal[data-task="${id}"]`);
    const pid = Number(li?.dataset.pid);
    $$('button', li).forEach((b) => { b.disabled = true; });
    try {
      await api('PATCH', `/v1/tasks/${id}`, patch);
      invalidate(pid);
      li.classList.add('gone'); setTimeout(() => li.remove(), 200);
      const el = $('#inbox-count'); const n = Math.max(0, Number(el.textContent) - 1); el.textContent = n; el.hidden = !n;
      $('h1 .count') && ($('h1 .count').textContent = n);
      toast(okMsg);
    } catch (e) {
      $$('button', li).forEach((b) => { b.disabled = false; });
      noteForbidden(e, pid);
      toast(errText(e), 'error');
    }
  }
  function openInboxEdit(id) {
    const li = $(`.proposal[data-task="${id}"]`); if (!li || $('form', li)) return;
    api('GET', `/v1/tasks/${id}`).then((t) => {
      const f = document.createElement('form'); f.className = 'form inbox-edit';
      f.innerHTML = `<label>标题<input name="title" value="${esc(t.title)}" required></label><div class="row">
        <label>负责人<input name="owners" value="${esc(t.owners.join('，'))}"></label>
        <label>截止日期<input type="date" name="due_date" value="${esc(t.due_date || '')}"></label>
        <label>截止时间<input type="time" name="due_time" value="${esc(t.due_time || '')}"></label>
        <label>优先级<select name="priority">${['P0', 'P1', 'P2', 'P3'].map((p) => `<option ${p === t.priority ? 'selected' : ''}>${p}</option>`).join('')}</select></label></div>
        <button type="submit" class="ok">保存并确认</button> <button type="button" class="link" data-cancel-edit>取消</button>`;
      li.append(f);
      f.title.focus();
      f.addEventListener('submit', (ev) => {
        ev.preventDefault();
        decide(id, { status: 'todo', title: f.title.value.trim(), owners: f.owners.value.split(/[,，、]+/).map((x) => x.trim()).filter(Boolean), due_date: f.due_date.value || null, due_time: f.due_time.value || null, priority: f.priority.value }, '已修改并确认');
      });
    }).catch((e) => toast(errText(e), 'error'));
  }

  // ---------- delay warnings & load ----------
  async function viewRisk(seq) {
    setView('<p class="muted">加载中…</p>');
    const [todo, doing, projects, ms] = await Promise.all([fetchAllTasks({ status: 'todo' }), fetchAllTasks({ status: 'doing' }), api('GET', '/v1/projects'), members()]);
    if (stale(seq)) return;
    const pname = new Map(projects.map((p) => [p.id, p.name]));
    const open = [...todo, ...doing];
    const td = today();
    const overdue = open.filter((t) => isOverdue(t, td)).sort(byDue);
    // The delay-risk model's predictions (probability and reasons), per project; the 2-day rule
    // only stands in when the risk endpoint cannot be reached.
    let modelRisk = null;
    try {
      const per = await Promise.all(projects.map((p) => api('GET', `/v1/projects/${p.id}/risks`)));
      modelRisk = new Map();
      for (const list of per) for (const r of (list || [])) if (r.probability >= 0.5) modelRisk.set(r.task_id, r);
    } catch (e) { if (e.status === 401) throw e; modelRisk = null; }
    if (stale(seq)) return;
    const risk = modelRisk
      ? open.filter((t) => modelRisk.has(t.id) && !isOverdue(t, td)).sort((a, b) => modelRisk.get(b.id).probability - modelRisk.get(a.id).probability)
      : open.filter((t) => isAtRisk(t, td)).sort(byDue);
    const riskNote = (t) => {
      const r = modelRisk && modelRisk.get(t.id);
      return r ? ` · <b class="warn">延期概率 ${Math.round(r.probability * 100)}%</b> <span class="muted small">${esc((r.reasons || []).map((x) => x.text).join('；'))}</span>` : '';
    };
    // this ISO week: Monday..Sunday
    const dow = (parseDay(td).getDay() + 6) % 7; const wkStart = addDays(td, -dow), wkEnd = addDays(wkStart, 6);
    const load = new Map();
    for (const m of ms) if (m.active && !m.placeholder) load.set(m.name, { open: 0, week: 0, overdue: 0 });
    for (const t of open) for (const o of (t.owners.length ? t.owners : ['（未指派）'])) {
      const l = load.get(o) || { open: 0, week: 0, overdue: 0 }; load.set(o, l);
      l.open++; if (t.due_date && t.due_date >= wkStart && t.due_date <= wkEnd) l.week++; if (isOverdue(t, td)) l.overdue++;
    }
    const maxOpen = Math.max(1, ...[...load.values()].map((l) => l.open));
    const row = (t) => `<li data-task="${t.id}"><a href="#/t/${t.id}">${esc(t.title)}</a> <span class="muted small">${esc(pname.get(t.project_id) || '')}</span> · ${esc(t.owners.join('、')) || '<span class="muted">未指派</span>'} · ${dueLabel(t)} · <span class="st ${t.status}">${ST[t.status]}</span>${riskNote(t)}</li>`;
    const loadRows = [...load.entries()].sort((a, b) => b[1].open - a[1].open || a[0].localeCompare(b[0], 'zh'))
      .map(([n, l]) => `<tr data-member="${esc(n)}"><td>${esc(n)}</td><td><div class="bar" title="${l.open} 个未完成"><i style="width:${(l.open / maxOpen) * 100}%" class="${l.overdue ? 'bad' : ''}"></i></div></td><td>${l.open}</td><td>${l.week}</td><td class="${l.overdue ? 'bad' : ''}">${l.overdue}</td></tr>`).join('');
    setView(`<h1>延期预警</h1>
      <p class="notice small">${modelRisk ? '延期风险来自延期预测模型（逻辑回归，按负责人负载、剩余工作日、改期次数等计算），列出概率 ≥ 50% 的未逾期任务及主要原因。' : esc('延期预测服务暂不可用，临时按规则判断：' + AT_RISK_TIP)}</p>
      <div class="two"><section><h2>已逾期 <span class="count bad">${overdue.length}</span></h2>${overdue.length ? `<ul class="risk-list" id="overdue">${overdue.slice(0, 200).map(row).join('')}</ul>${overdue.length > 200 ? `<p class="muted small">仅显示前 200 个</p>` : ''}` : '<p class="muted">没有逾期任务 🎉</p>'}
      <h2 title="${esc(AT_RISK_TIP)}">有延期风险 ⓘ <span class="count warn">${risk.length}</span></h2>${risk.length ? `<ul class="risk-list" id="at-risk">${risk.slice(0, 200).map(row).join('')}</ul>` : '<p class="muted">没有风险任务</p>'}</section>
      <section><h2>成员负载</h2><p class="muted small">本周：${wkStart} 至 ${wkEnd}</p>
      <table class="load"><thead><tr><th>成员</th><th></th><th>未完成</th><th>本周到期</th><th>逾期</th></tr></thead><tbody>${loadRows || '<tr><td colspan="5" class="muted">没有成员</td></tr>'}</tbody></table></section></div>`);
  }

  // ---------- global event delegation ----------
  document.addEventListener('click', (ev) => {
    const t = ev.target;
    if (!(t instanceof Element)) return;
    if (t.closest('[data-act="retry"]') || t.closest('[data-act="reload"]')) { invalidate(); S.members = null; route(); return; }
    const mv = t.closest('[data-move]'); if (mv) { ev.preventDefault(); openMoveMenu(mv); return; }
    const to = t.closest('[data-to]'); if (to) { const pid = Number($('#project-view')?.dataset.pid); closeMenus(); moveTask(pid, Number(to.dataset.id), to.dataset.to); return; }
    if (!t.closest('.menu')) closeMenus();
    const ex = t.closest('[data-expand]'); if (ex) { const pid = Number($('#project-view')?.dataset.pid); S.expanded[`${pid}:${ex.dataset.expand}`] = true; renderBoard($('#tab'), pid, S.projectCache.get(pid), S.writable[pid] !== false); return; }
    const c = t.closest('[data-confirm]'); if (c) { decide(Number(c.dataset.confirm), { status: 'todo' }, '已确认，进入待办'); return; }
    const r = t.closest('[data-reject]'); if (r) { decide(Number(r.dataset.reject), { status: 'cancelled' }, '已拒绝'); return; }
    const e = t.closest('[data-edit]'); if (e) { openInboxEdit(Number(e.dataset.edit)); return; }
    const ce = t.closest('[data-cancel-edit]'); if (ce) { ce.closest('form').remove(); return; }
  });
  document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') closeMenus(); });
  // HTML5 drag and drop on the board
  document.addEventListener('dragstart', (ev) => {
    const c = ev.target instanceof Element && ev.target.closest('.kcard[draggable="true"]');
    if (!c) return;
    ev.dataTransfer.setData('text/plain', c.dataset.task); ev.dataTransfer.effectAllowed = 'move'; c.classList.add('dragging');
  });
  document.addEventListener('dragend', (ev) => { if (ev.target instanceof Element) ev.target.classList?.remove('dragging'); $$('.col.over').forEach((x) => x.classList.remove('over')); });
  document.addEventListener('dragover', (ev) => {
    const col = ev.target instanceof Element && ev.target.closest('.col');
    if (!col) return;
    ev.preventDefault(); ev.dataTransfer.dropEffect = 'move';
    $$('.col.over').forEach((x) => x !== col && x.classList.remove('over')); col.classList.add('over');
  });
  document.addEventListener('drop', (ev) => {
    const col = ev.target instanceof Element && ev.target.closest('.col');
    if (!col) return;
    ev.preventDefault(); col.classList.remove('over');
    const id = Number(ev.dataTransfer.getData('text/plain'));
    const pid = Number($('#project-view')?.dataset.pid);
    if (id && pid) boardDrop(pid, id, col.dataset.status);
  });
  $('#signout').addEventListener('click', () => signOut(false));
  window.addEventListener('hashchange', route);
  window.addEventListener('unhandledrejection', (ev) => { if (!(ev.reason instanceof ApiError && ev.reason.status === 401)) toast(errText(ev.reason), 'error'); });
  route();
})();
