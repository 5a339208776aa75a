// Shared by the analyst pages: send a JSON request to the API with the session's CSRF token.
"use strict";

window.truceApi = (function () {
  function csrfToken() {
    const found = document.cookie.split("; ").find((part) => part.startsWith("truce_csrf="));
    return found ? decodeURIComponent(found.slice("truce_csrf=".length)) : "";
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
      body: JSON.stringify(body),
    });
    let answer = null;
    try {
      answer = await response.json();
    } catch (error) {
      answer = null;
    }
    if (!response.ok) {
      const detail = answer && answer.detail;
      const message = Array.isArray(detail)
        ? detail.map((d) => (d.loc || []).slice(-1)[0] + ": " + d.msg).join("; ")
        : detail || response.statusText;
      throw new Error(message);
    }
    return answer;
  }

  return { post: post, csrfToken: csrfToken };
})();
