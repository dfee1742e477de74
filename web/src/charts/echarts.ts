// ECharts with only the charts and components the app draws (echarts/core keeps the bundle small).
// Loaded on demand by EChart.tsx, so a page shows its figures while the charts still download.
// A page that needs another chart type registers it here.
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export { echarts };
