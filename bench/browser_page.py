"""The browser benchmark's page machinery: the scripts it installs in every page to know
when the page has settled and how long that took, and the view control's actions."""

from __future__ import annotations

from dataclasses import dataclass

NO_RUN_GRACE_MS = 10_000  # how long to wait for a rerun to show before settling without one

# Installed in every page before its own scripts: notes the time of the latest user input,
# of the latest visible DOM change, and whether the app's script state changed since that
# input. Changes inside a <canvas> are left out: that is fallback content nobody sees (the
# data grid rewrites its accessible copy of the cells a few hundred ms after drawing them).
WATCH_SCRIPT = """
(() => {
  const b = window.__bench = {lastInput: 0, lastMutation: 0, runSeen: false, scriptDone: 0};
  const attribute = 'data-test-script-state';
  const visible = (record) => {
    const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
    return !(node && node.closest('canvas'));
  };
  new MutationObserver((records) => {
    const now = performance.now();
    if (records.some(visible)) b.lastMutation = now;
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute(attribute);
    if (state === 'running' || records.some((r) => r.attributeName === attribute)) {
      b.runSeen = true;
    }
    if (state === 'running') b.scriptDone = 0;
    else if (state === 'notRunning' && b.runSeen && !b.scriptDone) b.scriptDone = now;
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  for (const type of ['pointerdown', 'keydown']) {
    document.addEventListener(type, () => {
      b.lastInput = performance.now(); b.runSeen = false; b.scriptDone = 0;
    }, true);
  }
})();
"""
# True once the app has finished its run and the DOM has been quiet for ``quiet`` ms.
SETTLED_SCRIPT = """
([quiet, grace]) => {
  const b = window.__bench;
  if (!b) return false;
  const now = performance.now();
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (!b.runSeen && now - b.lastInput < grace) return false;
  return now - Math.max(b.lastMutation, b.lastInput) >= quiet;
}
"""
# Seconds from the latest input to the last DOM change and to the end of the script run.
ELAPSED_SCRIPT = """
() => {
  const b = window.__bench;
  const since = (moment) => Math.max(0, moment - b.lastInput) / 1000;
  return [since(b.lastMutation), b.scriptDone ? since(b.scriptDone) : null, b.runSeen];
}
"""
CSV_FETCH_SCRIPT = """
async ([url, timeout]) => {
  const started = performance.now();
  const answer = await fetch(url, {signal: AbortSignal.timeout(timeout)});
  const text = await answer.text();
  const lines = text.split(String.fromCharCode(10)).length - 1;
  return [performance.now() - started, answer.status, lines];
}
"""


@dataclass
class Settings:
    rounds: int
    sessions: int
    quiet_ms: int
    action_timeout_ms: int
    round_seconds: float
    concurrency_seconds: float


# --- the browser -----------------------------------------------------------------------------


class ActionFailed(Exception):
    """A step could not be done (a widget not found, a wait over its cap)."""


async def new_page(browser, settings: Settings):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(settings.action_timeout_ms)
    await context.add_init_script(WATCH_SCRIPT)
    return context, await context.new_page()


@dataclass
class Timing:
    """Seconds from a user's input (or navigation start) to the page settled and to the end
    of the app's script run (None when no end was seen), and whether a run was seen."""

    settled: float
    script: float | None
    run_seen: bool


async def settle(page, settings: Settings) -> Timing:
    """Wait until the page has settled and say how long it took."""
    try:
        await page.wait_for_function(
            SETTLED_SCRIPT,
            arg=[settings.quiet_ms, NO_RUN_GRACE_MS],
            polling=50,
            timeout=settings.action_timeout_ms,
        )
    except Exception as error:  # Playwright's TimeoutError and a closed page alike
        raise ActionFailed(f"page did not settle: {str(error).splitlines()[0]}") from None
    settled, script, run_seen = await page.evaluate(ELAPSED_SCRIPT)
    return Timing(settled, script, bool(run_seen))


async def open_first_page(page, url: str, settings: Settings) -> Timing:
    await page.goto(url, wait_until="domcontentloaded")
    return await settle(page, settings)


def view_control(page):
    return page.locator(".st-key-view")


async def discover_views(page) -> list[str]:
    """The views the page offers, read from its view control (radios or tabs)."""
    control = view_control(page)
    for role in ("radio", "tab"):
        options = control.get_by_role(role)
        if await options.count():
            return [t.strip() for t in await options.all_inner_texts()]
    raise ActionFailed("no view control (an element with key 'view') on the page")


async def current_view(page) -> str | None:
    checked = view_control(page).locator('[aria-checked="true"], [aria-selected="true"]')
    return (await checked.first.inner_text()).strip() if await checked.count() else None


async def switch_view(page, view: str, settings: Settings) -> Timing:
    control = view_control(page)
    option = control.get_by_role("radio", name=view, exact=True)
    if not await option.count():
        option = control.get_by_role("tab", name=view, exact=True)
    await option.click()
    return await settle(page, settings)
