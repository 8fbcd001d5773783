import { describe, expect, it } from 'vitest';
import { renderPlot } from '../../../experiments/plots/renderPlot.ts';

describe('renderPlot', () => {
  it('renders a Vega-Lite spec to an SVG with its axis titles and a PNG at twice its size, with no system fonts', async () => {
    const { svg, png } = await renderPlot({
      width: 200,
      height: 100,
      data: { values: [{ sites: 2, gas: 10 }, { sites: 4, gas: 30 }] },
      mark: 'line',
      encoding: { x: { field: 'sites', type: 'quantitative', title: 'sites in the round' }, y: { field: 'gas', type: 'quantitative', title: 'commit gas' } },
    });
    expect(svg).toContain('sites in the round');
    expect(svg).toContain('commit gas');
    expect(svg).toContain('DejaVu Sans');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    const [width, height] = [view.getUint32(16), view.getUint32(20)];
    const [svgWidth, svgHeight] = [/width="(\d+)"/.exec(svg)?.[1], /height="(\d+)"/.exec(svg)?.[1]].map(Number);
    expect([width, height]).toEqual([2 * svgWidth!, 2 * svgHeight!]);
  });
});
