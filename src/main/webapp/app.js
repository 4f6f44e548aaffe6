// The video platform's page: the API in browser mode (HttpOnly cookie + X-CSRF-Token header).
// Everything a user typed reaches the page through textContent or attributes, never as HTML.

const $ = (id) => document.getElementById(id);
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const PAGE_SIZE = 10;

let me = null;
let page = 0;
let captchaId = null;
let shown = null;

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
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, data || {}, response.headers.get("Retry-After"));
  }
  return data;
}

function say(text, isError = false) {
  const box = $("message");
  box.textContent = text;
  box.classList.toggle("error-message", isError);
  box.hidden = !text;
}

function clearErrors(form) {
  form.querySelectorAll(".error").forEach((e) => (e.textContent = ""));
}

/** Shows a failure: field errors next to their fields, the rest as a message. */
function fail(error, form) {
  if (!(error instanceof ApiError)) {
    say("Something went wrong: " + error.message, true);
    return;
  }
  const problem = error.problem;
  if (form && problem.errors) {
    let placed = false;
    for (const { field, message } of problem.errors) {
      const slot = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
      if (slot) {
        slot.textContent = message;
        placed = true;
      }
    }
    if (placed) {
      say("Please correct the marked fields.", true);
      return;
    }
  }
  switch (error.status) {
    case 401:
      if (problem.code === "INVALID_CREDENTIALS") {
        say("The mobile or the password is wrong.", true);
      } else {
        signedOut();
        say("Please sign in.", true);
      }
      break;
    case 403:
      say(problem.code === "CSRF_INVALID" ? "Your session needs a fresh sign-in." : "You may not do that.", true);
      break;
    case 429:
      say(`Too many attempts. Please wait ${error.retryAfter || "a few"} seconds.`, true);
      break;
    case 503:
      say("The service is unavailable right now; please try again shortly.", true);
      break;
    default:
      say(problem.detail || `Request failed (${error.status}).`, true);
  }
}

function formData(form) {
  return Object.fromEntries(new FormData(form).entries());
}

async function newCaptcha() {
  try {
    const captcha = await api("GET", "passport/captcha");
    captchaId = captcha.captchaId;
    $("captcha-image").src = captcha.image;
    $("captcha-image").dataset.captchaId = captchaId;
    $("up-captcha").value = "";
  } catch (e) {
    fail(e);
  }
}

function signedOut() {
  me = null;
  $("account").hidden = true;
  $("signed-out").hidden = false;
  $("signed-in").hidden = true;
  $("video-detail").hidden = true;
}

async function loadMe() {
  try {
    me = await api("GET", "passport/me");
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      signedOut();
      return;
    }
    throw e;
  }
  $("who").textContent = me.nickname;
  $("account").hidden = false;
  $("signed-out").hidden = true;
  $("signed-in").hidden = false;
  await loadSessions();
}

async function loadVideos() {
  try {
    const list = await api("GET", `videos?page=${page}&size=${PAGE_SIZE}`);
    const ol = $("video-list");
    ol.replaceChildren();
    ol.start = page * PAGE_SIZE + 1;
    for (const video of list.items) {
      const li = document.createElement("li");
      const open = document.createElement("button");
      open.type = "button";
      open.textContent = video.title;
      open.addEventListener("click", () => showVideo(video.id));
      li.append(open, ` (${video.durationSeconds} s)`);
      ol.append(li);
    }
    if (list.items.length === 0) {
      const li = document.createElement("li");
      li.textContent = "No videos yet.";
      ol.append(li);
    }
    const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    $("page-info").textContent = `Page ${page + 1} of ${pages}`;
    $("prev").disabled = page === 0;
    $("next").disabled = page + 1 >= pages;
  } catch (e) {
    fail(e);
  }
}

async function showVideo(id) {
  if (!me) {
    say("Sign in to watch videos.");
    return;
  }
  try {
    const video = await api("GET", `videos/${id}`);
    shown = video;
    $("detail-title").textContent = video.title;
    $("detail-description").textContent = video.description || "";
    $("detail-url").href = /^https?:\/\//i.test(video.url) ? video.url : "#";
    $("detail-duration").textContent = `${video.durationSeconds} seconds`;
    $("detail-actions").hidden = !(video.ownerId === me.userId || me.roles.includes("admin"));
    $("video-detail").hidden = false;
  } catch (e) {
    fail(e);
  }
}

async function loadSessions() {
  const sessions = await api("GET", "passport/sessions");
  const ul = $("sessions");
  ul.replaceChildren();
  for (const s of sessions) {
    const li = document.createElement("li");
    const label = document.createElement("span");
    label.textContent = `${s.userAgent || "unknown device"} · ${s.ip || "?"} · ${new Date(s.createdAt).toLocaleString()}`
      + (s.current ? " (this device)" : "");
    const end = document.createElement("button");
    end.type = "button";
    end.textContent = "Sign out this device";
    end.addEventListener("click", async () => {
      try {
        await api("DELETE", `passport/sessions/${encodeURIComponent(s.sessionId)}`);
        if (s.current) {
          signedOut();
          say("Signed out.");
        } else {
          await loadSessions();
        }
      } catch (e) {
        fail(e);
      }
    });
    li.append(label, end);
    ul.append(li);
  }
}

function editVideo(video) {
  const form = $("video-form");
  form.elements.id.value = video ? video.id : "";
  form.elements.title.value = video ? video.title : "";
  form.elements.description.value = video ? video.description || "" : "";
  form.elements.durationSeconds.value = video ? video.durationSeconds : "";
  form.elements.url.value = video ? video.url : "";
  $("video-form-title").textContent = video ? "Edit the video" : "Add a video";
  $("video-cancel").hidden = !video;
  if (video) form.elements.title.focus();
}

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
    $("in-mobile").value = mobile;
    say("Your account is ready. Sign in with your mobile and password.");
    $("in-password").focus();
  } catch (e) {
    fail(e, form);
  } finally {
    newCaptcha(); // a captcha is good for one attempt
  }
});

$("captcha-new").addEventListener("click", newCaptcha);

$("sign-out").addEventListener("click", async () => {
  try {
    await api("POST", "passport/logout");
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) fail(e);
  }
  signedOut();
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
    await loadVideos();
    await showVideo(saved.id);
  } catch (e) {
    fail(e, form);
  }
});

$("video-cancel").addEventListener("click", () => editVideo(null));
$("edit").addEventListener("click", () => editVideo(shown));
$("delete").addEventListener("click", async () => {
  try {
    await api("DELETE", `videos/${shown.id}`);
    $("video-detail").hidden = true;
    say("Video deleted.");
    await loadVideos();
  } catch (e) {
    fail(e);
  }
});
$("prev").addEventListener("click", () => { page = Math.max(0, page - 1); loadVideos(); });
$("next").addEventListener("click", () => { page += 1; loadVideos(); });

newCaptcha();
loadMe().catch((e) => fail(e));
loadVideos();
