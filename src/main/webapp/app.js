// The video platform's page: the API in browser mode (HttpOnly cookie + X-CSRF-Token header).
// Everything a user typed reaches the page through textContent or attributes, never as HTML.
// Three views, chosen by the address's #fragment: #videos (everyone), #sessions (signed in) and
// #admin (holders of the admin role).

const $ = (id) => document.getElementById(id);
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const PAGE_SIZE = 12;
const USERS_PAGE_SIZE = 10;
const VIEWS = ["videos", "sessions", "admin"];
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

let me = null;
let page = 0;
let usersPage = 0;
let usersPages = 1;
let captchaId = null;
let shown = null;
let opener = null;
let toastTimer = null;

class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

function cookie(name) {
  const pair = document.cookie.split("; ").find((c) => c.startsWith(name + "="));
  return pair ? decodeURIComponent(pair.slice(name.length + 1)) : null;
}

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (UNSAFE.has(method) && cookie("csrf_token")) headers["X-CSRF-Token"] = cookie("csrf_token");
  const response = await fetch("api/" + path, {
    method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null; // not ours: a proxy's error page
  }
  if (!response.ok) {
    throw new ApiError(response.status, data || {}, response.headers.get("Retry-After"));
  }
  return data;
}

/** An element with attributes and children; strings become text nodes, never HTML. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function button(label, className, onClick) {
  const b = el("button", { type: "button", class: className }, label);
  b.addEventListener("click", onClick);
  return b;
}

/** 95 -> "1:35", 3725 -> "1:02:05". */
function clock(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

const day = (iso) => dateFormat.format(new Date(iso));
const moment = (iso) => timeFormat.format(new Date(iso));
const isAdmin = () => !!me && me.roles.includes("admin");
const owner = (video) => (me && video.ownerId === me.userId ? "by you" : `by user ${video.ownerId}`);
const userName = (user) => user.nickname || user.mobile;

function say(text, isError = false) {
  clearTimeout(toastTimer);
  $("message").textContent = text;
  $("toast").classList.toggle("is-error", isError);
  $("toast").hidden = !text;
  // news fades after a while; an error stays until it is dismissed or replaced
  if (text && !isError) toastTimer = setTimeout(() => ($("toast").hidden = true), 8000);
}

function clearErrors(form) {
  form.querySelectorAll("[data-error-for]").forEach((e) => (e.textContent = ""));
  form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
}

/** Puts a message next to a field of the form, marks the field invalid; false when there is no such field. */
function fieldError(form, field, message) {
  const slot = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
  if (!slot) return false;
  slot.textContent = message;
  const input = form.elements[field];
  if (input) input.setAttribute("aria-invalid", "true");
  return true;
}

/** Shows a failure where it belongs: field errors next to their fields, a form's own failure in the form, the rest as a message. */
function fail(error, form) {
  if (!(error instanceof ApiError)) {
    say("Something went wrong. Please try again.", true);
    return;
  }
  const problem = error.problem;
  if (form && problem.errors) {
    const unplaced = problem.errors.filter(({ field, message }) => !fieldError(form, field, message));
    fieldError(form, "form", unplaced.length ? unplaced.map((e) => e.message).join(" ") : "Please correct the marked fields.");
    const first = form.querySelector("[aria-invalid=true]");
    if (first) first.focus();
    return;
  }
  if (form && problem.code === "CAPTCHA_INVALID" && fieldError(form, "captchaCode", problem.detail)) {
    form.elements.captchaCode.focus();
    return;
  }
  let text;
  switch (error.status) {
    case 401:
      if (problem.code === "INVALID_CREDENTIALS") {
        text = "The mobile or the password is wrong.";
      } else {
        signedOut();
        loadVideos();
        say("Your session has ended. Please sign in again.", true);
        return;
      }
      break;
    case 403:
      text = problem.code === "CSRF_INVALID" ? "Your session needs a fresh sign-in. Please sign out and in again."
        : problem.code === "ACCOUNT_DISABLED" ? "This account is disabled. Please contact the support team."
          : "You may not do that.";
      break;
    case 429:
      text = `Too many attempts. Please wait ${error.retryAfter || "a few"} seconds and try again.`;
      break;
    case 503:
      text = "The service is unavailable right now. Please try again shortly.";
      break;
    default:
      text = problem.errors ? problem.errors.map((e) => e.message).join(" ")
        : problem.detail || `The request failed (${error.status}). Please try again.`;
  }
  if (!(form && fieldError(form, "form", text))) say(text, true);
}

function formData(form) {
  return Object.fromEntries(new FormData(form).entries());
}

/** Asks before an action that cannot simply be undone; resolves to true when confirmed. */
function confirmAction(title, text, okLabel, danger = false) {
  const dialog = $("confirm");
  $("confirm-title").textContent = title;
  $("confirm-text").textContent = text;
  $("confirm-ok").textContent = okLabel;
  $("confirm-ok").className = danger ? "danger solid" : "";
  dialog.returnValue = "";
  dialog.showModal();
  $("confirm-cancel").focus();
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true }));
}

function currentView() {
  const wanted = location.hash.slice(1);
  if (wanted === "sessions" && me) return "sessions";
  if (wanted === "admin" && isAdmin()) return "admin";
  return "videos";
}

function render(moveFocus = false) {
  const view = currentView();
  for (const v of VIEWS) $("view-" + v).hidden = v !== view;
  for (const link of document.querySelectorAll("#nav a")) {
    if (link.dataset.view === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.title = { videos: "Videos", sessions: "My sessions", admin: "Users" }[view] + " · Video platform";
  if (view === "sessions") loadSessions();
  if (view === "admin") loadUsers();
  if (moveFocus) $(`${view}-title`).focus();
}

function goToSignIn() {
  if (currentView() !== "videos") location.hash = "videos";
  $("in-mobile").focus();
  $("sign-in").scrollIntoView({ block: "center" });
}

function signedIn(user) {
  me = user;
  $("who").textContent = me.nickname;
  $("account").hidden = false;
  $("guest").hidden = true;
  $("signed-out").hidden = true;
  $("signed-in").hidden = false;
  $("nav").hidden = false;
  $("nav-admin").hidden = !isAdmin();
  render();
}

function signedOut() {
  me = null;
  $("account").hidden = true;
  $("guest").hidden = false;
  $("signed-out").hidden = false;
  $("signed-in").hidden = true;
  $("nav").hidden = true;
  closePlayer();
  editVideo(null);
  render();
}

async function loadMe() {
  try {
    signedIn(await api("GET", "passport/me"));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      signedOut();
      return;
    }
    fail(e);
  }
}

function card(video) {
  const open = el("button", { type: "button", class: "card-open" },
    el("span", { class: "thumb", "aria-hidden": "true" }, el("span", { class: "length" }, clock(video.durationSeconds))),
    el("span", { class: "card-title" }, video.title),
    el("span", { class: "meta" }, el("span", { class: "sr-only" }, `${clock(video.durationSeconds)} long, `),
      `${owner(video)} · `, el("time", { datetime: video.createdAt }, day(video.createdAt))));
  open.addEventListener("click", () => watch(video.id, open));
  return el("li", { class: "card", "data-video-id": String(video.id) }, open);
}

async function loadVideos() {
  let list;
  try {
    list = await api("GET", `videos?page=${page}&size=${PAGE_SIZE}`);
  } catch (e) {
    fail(e);
    return;
  }
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  if (list.items.length === 0 && page > 0) {
    page = pages - 1; // the page emptied since (videos were deleted): show the last one there is
    await loadVideos();
    return;
  }
  $("video-list").replaceChildren(...list.items.map(card));
  $("empty").hidden = list.items.length > 0;
  $("empty-signed-out").hidden = !!me;
  $("empty-signed-in").hidden = !me;
  $("pager").hidden = pages <= 1;
  $("page-info").textContent = `Page ${page + 1} of ${pages}`;
  $("prev").disabled = page === 0;
  $("next").disabled = page + 1 >= pages;
}

async function turnPage(step) {
  const from = step < 0 ? $("prev") : $("next");
  page = Math.max(0, page + step);
  await loadVideos();
  // keep the keyboard where it was, unless that button has just been disabled at the end of the list
  if (from.disabled) (step < 0 ? $("next") : $("prev")).focus();
}

async function watch(id, from) {
  if (!me) {
    say("Sign in to watch videos.");
    goToSignIn();
    return;
  }
  let video;
  try {
    video = await api("GET", `videos/${id}`);
  } catch (e) {
    fail(e);
    return;
  }
  shown = video;
  opener = from;
  const player = $("player-video");
  const playable = /^https?:\/\//i.test(video.url);
  $("player-title").textContent = video.title;
  $("player-meta").replaceChildren(`${clock(video.durationSeconds)} · ${owner(video)} · `,
    el("time", { datetime: video.createdAt }, day(video.createdAt)));
  $("player-description").textContent = video.description || "";
  $("player-description").hidden = !video.description;
  $("player-actions").hidden = !(video.ownerId === me.userId || isAdmin());
  $("player-link").href = playable ? video.url : "#";
  $("player-link").hidden = !playable;
  $("player-error").hidden = playable;
  if (playable) {
    player.src = video.url;
  } else {
    player.removeAttribute("src");
    player.load();
  }
  $("player").hidden = false;
  $("player").scrollIntoView({ block: "start" });
  $("player-title").focus();
}

function closePlayer() {
  const player = $("player-video");
  player.pause();
  player.removeAttribute("src");
  player.load();
  $("player").hidden = true;
  shown = null;
  if (opener && opener.isConnected) opener.focus();
  opener = null;
}

function editVideo(video) {
  const form = $("video-form");
  clearErrors(form);
  form.elements.id.value = video ? video.id : "";
  form.elements.title.value = video ? video.title : "";
  form.elements.description.value = video ? video.description || "" : "";
  form.elements.durationSeconds.value = video ? video.durationSeconds : "";
  form.elements.url.value = video ? video.url : "";
  $("video-form-title").textContent = video ? "Edit the video" : "Add a video";
  $("video-cancel").hidden = !video;
  if (video) form.elements.title.focus();
}

function sessionRow(session, index) {
  const nameId = `session-${index}`;
  const name = el("p", {}, el("strong", { id: nameId }, session.device || "Unknown device"));
  if (session.current) name.append(el("span", { class: "tag" }, "This device"));
  const meta = el("p", { class: "meta" }, `${session.ip || "Unknown address"} · signed in ${moment(session.createdAt)}`);
  const main = el("div", { class: "row-main" }, name, meta);
  if (!session.device && session.userAgent) main.append(el("span", { class: "agent" }, session.userAgent));
  const end = button("Sign out", "secondary", async () => {
    try {
      await api("DELETE", `passport/sessions/${encodeURIComponent(session.sessionId)}`);
      if (session.current) {
        signedOut();
        loadVideos();
        say("Signed out.");
      } else {
        say(`${session.device || "That device"} is signed out.`);
        await loadSessions();
      }
    } catch (e) {
      fail(e);
    }
  });
  end.setAttribute("aria-describedby", nameId);
  return el("li", { class: "panel row" }, main, el("div", { class: "actions" }, end));
}

async function loadSessions() {
  try {
    const sessions = await api("GET", "passport/sessions");
    $("sessions").replaceChildren(...sessions.map(sessionRow));
  } catch (e) {
    fail(e);
  }
}

/** What each admin action asks, sends and reports. */
function adminActions(user) {
  const name = userName(user);
  const admin = user.roles.includes("admin");
  return [
    {
      label: admin ? "Remove admin" : "Make admin",
      ask: admin ? `Remove the admin role from ${name}?` : `Make ${name} an admin?`,
      why: "Every session of theirs ends now; the new role applies from their next sign-in.",
      send: () => api("PUT", `admin/users/${user.userId}/roles`, { roles: admin ? ["user"] : ["user", "admin"] }),
      done: admin ? `${name} is no longer an admin.` : `${name} is now an admin, from their next sign-in.`,
    },
    {
      label: "Sign out everywhere",
      ask: `Sign ${name} out everywhere?`,
      why: "Every session of theirs ends now; they can sign in again.",
      send: () => api("DELETE", `admin/users/${user.userId}/sessions`),
      done: `${name} is signed out everywhere.`,
    },
    user.enabled ? {
      label: "Disable",
      ask: `Disable the account of ${name}?`,
      why: "They are signed out everywhere and cannot sign in until the account is enabled again.",
      send: () => api("PUT", `admin/users/${user.userId}/status`, { enabled: false }),
      done: `The account of ${name} is disabled.`,
      danger: true,
    } : {
      label: "Enable",
      ask: `Enable the account of ${name}?`,
      why: "They can sign in again.",
      send: () => api("PUT", `admin/users/${user.userId}/status`, { enabled: true }),
      done: `The account of ${name} is enabled.`,
    },
  ];
}

function userRow(user) {
  const nameId = `user-${user.userId}`;
  const name = el("p", {}, el("strong", { id: nameId }, userName(user)));
  for (const role of user.roles) name.append(el("span", { class: "tag" }, role));
  if (!user.enabled) name.append(el("span", { class: "tag warn" }, "Disabled"));
  const meta = el("p", { class: "meta" }, `${user.mobile} · joined ${day(user.createdAt)} · `
    + (user.lastLoginAt ? `last signed in ${moment(user.lastLoginAt)}` : "never signed in"));
  const actions = el("div", { class: "actions" });
  for (const action of adminActions(user)) {
    const b = button(action.label, action.danger ? "danger" : "secondary", async () => {
      if (!(await confirmAction(action.ask, action.why, action.label, action.danger))) return;
      try {
        await action.send();
        say(action.done);
        if (user.userId === me.userId) {
          await loadMe(); // their own roles or sessions: this session may have ended with them
          await loadVideos();
        } else {
          await loadUsers();
        }
      } catch (e) {
        fail(e);
      }
    });
    b.setAttribute("aria-describedby", nameId);
    actions.append(b);
  }
  return el("li", { class: "panel row", "data-user-id": String(user.userId) }, el("div", { class: "row-main" }, name, meta), actions);
}

async function loadUsers() {
  let list;
  try {
    list = await api("GET", `admin/users?page=${usersPage}&size=${USERS_PAGE_SIZE}`);
  } catch (e) {
    fail(e);
    return;
  }
  const pages = Math.max(1, Math.ceil(list.total / USERS_PAGE_SIZE));
  if (list.items.length === 0 && usersPage > 0) {
    usersPage = pages - 1;
    await loadUsers();
    return;
  }
  $("users").replaceChildren(...list.items.map(userRow));
  $("users-pager").hidden = pages <= 1;
  $("users-page-info").textContent = `Page ${usersPage + 1} of ${pages}`;
  $("users-first").disabled = $("users-prev").disabled = usersPage === 0;
  $("users-last").disabled = $("users-next").disabled = usersPage + 1 >= pages;
  usersPages = pages;
}

/** To page {@code to} of the users; keeps the keyboard on the pager when the pressed button has just been disabled. */
async function showUsersPage(to, from) {
  usersPage = Math.min(Math.max(0, to), usersPages - 1);
  await loadUsers();
  if (from.disabled) (usersPage === 0 ? $("users-next") : $("users-prev")).focus();
}

async function newCaptcha() {
  try {
    const captcha = await api("GET", "passport/captcha");
    captchaId = captcha.captchaId;
    $("captcha-image").src = captcha.image;
    $("captcha-image").dataset.captchaId = captchaId;
    $("up-captcha").value = "";
  } catch (e) {
    fail(e, $("sign-up"));
  }
}

$("sign-up-box").addEventListener("toggle", () => {
  if ($("sign-up-box").open && !captchaId) newCaptcha();
});

$("sign-in").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  clearErrors(form);
  const { mobile, password } = formData(form);
  try {
    await api("POST", "passport/login", { mobile, password, cookie: true });
    form.reset();
    say("");
    await loadMe();
    await loadVideos();
    $("videos-title").focus();
  } catch (e) {
    fail(e, form);
  }
});

$("sign-up").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  clearErrors(form);
  const { mobile, password, nickname, captchaCode } = formData(form);
  try {
    await api("POST", "passport/register", { mobile, password, nickname: nickname || null, captchaId, captchaCode });
    form.reset();
    $("sign-up-box").open = false;
    $("in-mobile").value = mobile;
    say("Your account is ready. Sign in with your mobile and password.");
    $("in-password").focus();
  } catch (e) {
    fail(e, form);
  } finally {
    await newCaptcha(); // a captcha is good for one attempt, right or wrong
  }
});

$("sign-out").addEventListener("click", async () => {
  try {
    await api("POST", "passport/logout");
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) fail(e);
  }
  signedOut();
  loadVideos();
  say("Signed out.");
});

$("video-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  clearErrors(form);
  const data = formData(form);
  const body = {
    title: data.title,
    description: data.description || null,
    durationSeconds: data.durationSeconds === "" ? null : Number(data.durationSeconds),
    url: data.url,
  };
  try {
    const saved = data.id ? await api("PUT", `videos/${data.id}`, body) : await api("POST", "videos", body);
    editVideo(null);
    say(data.id ? "Video saved." : "Video added.");
    if (!data.id) page = 0; // the newest come first
    await loadVideos();
    await watch(saved.id, document.querySelector(`[data-video-id="${saved.id}"] button`));
  } catch (e) {
    fail(e, form);
  }
});

$("player-video").addEventListener("error", () => {
  if ($("player-video").getAttribute("src")) $("player-error").hidden = false;
});
$("player-close").addEventListener("click", closePlayer);
$("video-cancel").addEventListener("click", () => editVideo(null));
$("edit").addEventListener("click", () => editVideo(shown));
$("delete").addEventListener("click", async () => {
  const video = shown;
  if (!(await confirmAction(`Delete “${video.title}”?`, "The video is removed for everyone. This cannot be undone.", "Delete", true))) return;
  try {
    await api("DELETE", `videos/${video.id}`);
    closePlayer();
    say("Video deleted.");
    await loadVideos();
    $("videos-title").focus();
  } catch (e) {
    fail(e);
  }
});

$("prev").addEventListener("click", () => turnPage(-1));
$("next").addEventListener("click", () => turnPage(1));
$("users-first").addEventListener("click", (e) => showUsersPage(0, e.currentTarget));
$("users-prev").addEventListener("click", (e) => showUsersPage(usersPage - 1, e.currentTarget));
$("users-next").addEventListener("click", (e) => showUsersPage(usersPage + 1, e.currentTarget));
$("users-last").addEventListener("click", (e) => showUsersPage(usersPages - 1, e.currentTarget));
$("skip").addEventListener("click", (event) => {
  event.preventDefault(); // the #fragment names the view: focus this view's heading instead
  $(`${currentView()}-title`).focus();
});
$("go-sign-in").addEventListener("click", goToSignIn);
$("empty-sign-in").addEventListener("click", goToSignIn);
$("empty-add").addEventListener("click", () => $("v-title").focus());
$("captcha-new").addEventListener("click", newCaptcha);
$("message-close").addEventListener("click", () => say(""));
$("confirm-ok").addEventListener("click", () => $("confirm").close("ok"));
$("confirm-cancel").addEventListener("click", () => $("confirm").close("cancel"));
window.addEventListener("hashchange", () => render(true));

render();
loadMe().then(loadVideos);
