// Loading and error states shared by every page.
import { ApiError } from "../api/client";
import { useApp } from "../context";

export function Loading() {
  const { t } = useApp();
  return (
    <p class="status" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {t("app.loading")}
    </p>
  );
}

// The server's message (in the user's language) when there is one, else a general one.
export function ErrorBox({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useApp();
  const message =
    error instanceof ApiError ? (error.status === 0 ? t("app.network") : error.message) : error.message;
  return (
    <div class="error-box" role="alert">
      <strong>{t("app.error")}</strong>
      <p>{message}</p>
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          {t("app.retry")}
        </button>
      )}
    </div>
  );
}
