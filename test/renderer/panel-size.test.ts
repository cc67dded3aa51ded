// The PowerShell panel's splitter (renderer/src/components/panelSize.ts): the WAI-ARIA window splitter's keys, the
// limits that keep a screen's primary action in view, and the remembered layout (collapsed the first time).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clampPanel,
  DEFAULT_LAYOUT,
  MAIN_KEEPS,
  PANEL_DEFAULT,
  PANEL_MIN,
  PANEL_STEP,
  panelMax,
  parseLayout,
  splitterKey,
} from '../../renderer/src/components/panelSize';

// The workspace under the header at 1280x720.
const AVAILABLE = 640;

describe('the PowerShell panel splitter', () => {
  it('grows with ArrowUp and shrinks with ArrowDown by one step, within the limits', () => {
    assert.deepEqual(splitterKey('ArrowUp', 200, AVAILABLE), { height: 200 + PANEL_STEP });
    assert.deepEqual(splitterKey('ArrowDown', 200, AVAILABLE), { height: 200 - PANEL_STEP });
    assert.deepEqual(splitterKey('ArrowDown', PANEL_MIN, AVAILABLE), { height: PANEL_MIN });
    assert.deepEqual(splitterKey('ArrowUp', panelMax(AVAILABLE), AVAILABLE), { height: panelMax(AVAILABLE) });
    // From collapsed (0), ArrowUp opens it at its smallest.
    assert.deepEqual(splitterKey('ArrowUp', 0, AVAILABLE), { height: PANEL_MIN });
  });

  it('goes to the smallest with Home, the largest with End, and toggles with Enter', () => {
    assert.deepEqual(splitterKey('Home', 300, AVAILABLE), { height: PANEL_MIN });
    assert.deepEqual(splitterKey('End', 150, AVAILABLE), { height: AVAILABLE - MAIN_KEEPS });
    assert.deepEqual(splitterKey('Enter', 150, AVAILABLE), { toggle: true });
    for (const key of ['ArrowLeft', 'ArrowRight', 'Tab', ' ', 'a'])
      assert.equal(splitterKey(key, 150, AVAILABLE), null);
  });

  it('always leaves the main area its share, even in a tiny window', () => {
    assert.equal(clampPanel(10_000, AVAILABLE), AVAILABLE - MAIN_KEEPS);
    assert.equal(clampPanel(-5, AVAILABLE), PANEL_MIN);
    assert.equal(clampPanel(200.6, AVAILABLE), 201);
    assert.equal(panelMax(200), PANEL_MIN);
    assert.equal(clampPanel(Number.NaN, AVAILABLE), PANEL_DEFAULT);
  });

  it('reads the remembered layout, collapsed by default and on anything unreadable', () => {
    assert.deepEqual(parseLayout(null), DEFAULT_LAYOUT);
    assert.equal(DEFAULT_LAYOUT.open, false);
    assert.deepEqual(parseLayout('{"open":true,"height":300}'), { open: true, height: 300 });
    assert.deepEqual(parseLayout('{"open":"yes","height":3}'), { open: false, height: PANEL_DEFAULT });
    for (const text of ['', 'not json', 'null', '[1]', '42']) {
      assert.equal(parseLayout(text).open, false, text);
    }
  });
});
