// A tile map: one square per unit, coloured by a rate (darker is higher), in a grid that wraps to
// the width. Each tile is a button (Tab to reach it, Enter to choose it); its accessible name says
// the unit and its figures. Used where a drawn map would be too heavy for a slow link.
import { useApp } from "../context";
import { formatPercent } from "../format";

export interface Tile {
  code: string;
  name: string;
  value: number; // the rate that colours the tile, percent
  secondary: number; // shown under it, percent
}

const STOPS = ["#fff4e0", "#fdd49e", "#fc8d59", "#d7301f", "#7f0000"];

function mix(a: string, b: string, f: number): string {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return "#" + pa.map((v, i) => Math.round(v + (pb[i] - v) * f).toString(16).padStart(2, "0")).join("");
}

// The colour of `value` on a scale from 0 to `max`.
export function rateColor(value: number, max: number): string {
  const x = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const pos = x * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(pos));
  return mix(STOPS[i], STOPS[i + 1], pos - i);
}

export function TileMap(props: { tiles: Tile[]; max: number; onSelect?: (code: string) => void; label: string }) {
  const { t, lang } = useApp();
  return (
    <div class="tilemap-wrap">
      <ul class="tilemap" aria-label={props.label} data-testid="tilemap">
        {props.tiles.map((tile) => {
          const dark = props.max > 0 && tile.value / props.max > 0.55;
          const name = t("dash.tile", {
            name: tile.name,
            rate: formatPercent(tile.value, lang),
            near: formatPercent(tile.secondary, lang),
          });
          return (
            <li key={tile.code}>
              <button
                type="button"
                class={dark ? "tile tile-dark" : "tile"}
                style={{ background: rateColor(tile.value, props.max) }}
                aria-label={name}
                title={name}
                data-code={tile.code}
                onClick={() => props.onSelect?.(tile.code)}
              >
                <span class="tile-name">{tile.name}</span>
                <span class="tile-value">{formatPercent(tile.value, lang, 1)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <div class="legend" aria-hidden="true">
        <span>{t("dash.legendLow")} 0%</span>
        <span class="legend-bar" />
        <span>
          {formatPercent(props.max, lang, 0)} {t("dash.legendHigh")}
        </span>
      </div>
    </div>
  );
}
