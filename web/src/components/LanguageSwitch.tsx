// Vietnamese / English, remembered across visits (i18n/index.ts).
import { useApp } from "../context";
import { LANGS } from "../i18n";

export function LanguageSwitch() {
  const { lang, setLang, t } = useApp();
  return (
    <div class="lang-switch" role="group" aria-label={t("header.language")}>
      {LANGS.map((l) => (
        <button
          type="button"
          key={l}
          lang={l}
          aria-pressed={lang === l}
          data-lang={l}
          onClick={() => setLang(l)}
        >
          {l === "vi" ? "Tiếng Việt" : "English"}
        </button>
      ))}
    </div>
  );
}
