import type { Finding } from '../types';
import { bySeverity, stateOfFindings, worstState } from './healthState';

const finding = (id: string, severity: Finding['severity']): Finding => ({
  id,
  severity,
  title: id,
  detail: '',
  hint: '',
  source: 'promql',
});

describe('worstState', () => {
  it('ranks error over warning over unknown over ok', () => {
    expect(worstState(['ok', 'unknown'])).toBe('unknown');
    expect(worstState(['unknown', 'warning', 'ok'])).toBe('warning');
    expect(worstState(['warning', 'error', 'unknown'])).toBe('error');
  });

  it('is ok when nothing was judged', () => {
    expect(worstState([])).toBe('ok');
  });
});

describe('stateOfFindings', () => {
  it('takes the worst severity and lets info findings pass', () => {
    expect(stateOfFindings([finding('a', 'info')])).toBe('ok');
    expect(
      stateOfFindings([finding('a', 'info'), finding('b', 'warning')]),
    ).toBe('warning');
    expect(
      stateOfFindings([finding('a', 'warning'), finding('b', 'error')]),
    ).toBe('error');
  });
});

describe('bySeverity', () => {
  it('puts errors first and keeps the order within a severity', () => {
    const ordered = bySeverity([
      finding('info', 'info'),
      finding('warning-1', 'warning'),
      finding('error', 'error'),
      finding('warning-2', 'warning'),
    ]);
    expect(ordered.map(f => f.id)).toEqual([
      'error',
      'warning-1',
      'warning-2',
      'info',
    ]);
  });
});
