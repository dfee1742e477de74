// Any path that no route matches.
import { useApp } from "../context";
import { Link } from "../router";
import type { PageProps } from "../routes";

export default function NotFound(_: PageProps) {
  const { t } = useApp();
  return (
    <div class="page narrow">
      <h1>{t("app.notFound")}</h1>
      <p>{t("app.notFoundBody")}</p>
      <Link href="/" class="button">
        {t("app.backHome")}
      </Link>
    </div>
  );
}
