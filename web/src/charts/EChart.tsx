// One ECharts chart in a <div role="img">, sized by CSS, redrawn when `option` changes and resized
// with its box. ECharts itself (./echarts.ts) is fetched the first time a chart is shown. `label`
// is what a screen reader hears; pair a chart with a table or list of its figures.
//
//   <EChart option={{ xAxis: {...}, series: [...] }} label="Poverty rate by commune" height={320} />
import type { EChartsCoreOption } from "echarts/core";
import { useEffect, useRef, useState } from "preact/hooks";

type Lib = typeof import("./echarts");
let lib: Promise<Lib> | null = null;
function loadLib(): Promise<Lib> {
  return (lib ??= import("./echarts"));
}

export type ChartOption = EChartsCoreOption;

export function EChart(props: { option: ChartOption; label: string; height: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<Lib["echarts"]["init"]> | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let live = true;
    let observer: ResizeObserver | undefined;
    loadLib().then(({ echarts }) => {
      if (!live || !box.current) return;
      const c = echarts.init(box.current, undefined, { renderer: "svg" });
      chart.current = c;
      observer = new ResizeObserver(() => c.resize());
      observer.observe(box.current);
      setReady(true);
    });
    return () => {
      live = false;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!chart.current || !box.current) return;
    chart.current.setOption({ animation: false, ...props.option }, true); // draws at once
    box.current.dataset.ready = "true"; // for tests: the chart shows this option
  }, [ready, props.option]);

  return (
    <div
      ref={box}
      class="chart"
      role="img"
      aria-label={props.label}
      aria-busy={!ready}
      data-testid={props.testId}
      style={{ height: props.height + "px" }}
    />
  );
}
