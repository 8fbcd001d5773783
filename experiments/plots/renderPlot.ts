// A Vega-Lite spec to SVG (vega, headless) and PNG (resvg) with the DejaVu Sans font shipped by the dejavu-fonts-ttf
// package: no system fonts and no network, so a plot renders the same text on a fresh machine.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export const PLOT_FONT = 'DejaVu Sans';
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => join(fontDir, file));

export interface RenderedPlot {
  readonly svg: string;
  readonly png: Uint8Array;
}

/** Renders at twice the spec's size in pixels, for legible text on high-density screens. */
export async function renderPlot(spec: TopLevelSpec): Promise<RenderedPlot> {
  const withFont = { ...spec, config: { font: PLOT_FONT, ...spec.config } } as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(withFont).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, {
      background: 'white',
      fitTo: { mode: 'zoom', value: 2 },
      font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: PLOT_FONT },
    }).render().asPng();
    return { svg, png: new Uint8Array(png) };
  } finally {
    view.finalize();
  }
}
