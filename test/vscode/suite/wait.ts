// Waiting in the extension tests: poll a condition until it holds or a deadline passes (never a
// fixed sleep). Shared by the test files of both sessions.

/** Resolves with the first truthy result of `check`, polled every 250 ms; rejects after `ms`. */
export async function untilAsync<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const r = await check();
    if (r) return r;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((res) => setTimeout(res, 250));
  }
}
