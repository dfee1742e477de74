// Sign in with a username and password (POST /api/session). The server's answer to a wrong
// password is shown as it comes (in the chosen language); after signing in the app goes to the
// page the user asked for (?next=) or the dashboard.
import { useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { useApp } from "../context";
import type { PageProps } from "../routes";

export default function SignIn(_: PageProps) {
  const { t, signIn } = useApp();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (!username.trim() || !password) return setError(t("signin.missing"));
    setBusy(true);
    setError("");
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setPassword("");
      // The server's own words for anything but the two answers every user may meet.
      if (!(err instanceof ApiError) || err.status === 0) setError(t("app.network"));
      else if (err.status === 401) setError(t("signin.wrong"));
      else if (err.status === 429) setError(t("signin.throttled"));
      else setError(err.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="signin">
      <div class="signin-top">
        <LanguageSwitch />
      </div>
      <form class="signin-card" onSubmit={submit} noValidate aria-describedby={error ? "signin-error" : undefined}>
        <div class="signin-brand">
          <span class="brand-mark" aria-hidden="true">
            ◆
          </span>
          <span>lnob</span>
        </div>
        <h1>{t("signin.title")}</h1>
        <p class="hint">{t("signin.intro")}</p>
        <label class="field">
          <span>{t("signin.username")}</span>
          <input
            name="username"
            autocomplete="username"
            autoFocus
            value={username}
            onInput={(e) => setUsername((e.target as HTMLInputElement).value)}
            required
          />
        </label>
        <label class="field">
          <span>{t("signin.password")}</span>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
            required
          />
        </label>
        {error && (
          <p id="signin-error" class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t("signin.submitting") : t("signin.submit")}
        </button>
        <p class="signin-foot">{t("app.tagline")}</p>
      </form>
    </div>
  );
}
