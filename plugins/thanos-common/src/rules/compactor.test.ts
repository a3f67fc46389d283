import type { CompactorStatus } from '../types';
import {
  compactorPod,
  compactorWith,
  healthyCompactor,
} from './__fixtures__/compactor';
import { NOW } from './__fixtures__/storeEndpoints';
import { judgeCompactor } from './compactor';

const ids = (status: CompactorStatus) => status.findings.map(f => f.id);
const backlog = healthyCompactor.metrics!.backlog;

describe('judgeCompactor', () => {
  it('reports a working compactor with its last run and backlog', () => {
    const status = judgeCompactor(
      compactorWith({
        backlog: { ...backlog, todoCompactions: 0, todoCompactionBlocks: 0 },
      }),
    );
    expect(status.state).toBe('ok');
    expect(status.findings).toEqual([]);
    expect(status.summary).toBe(
      'Running; last successful run 12 minutes ago; no backlog',
    );
    expect(status.evidence).toMatchObject({
      halted: false,
      instancesUp: 1,
      retention: { raw: '30d', fiveMinutes: '90d', oneHour: '1y' },
      version: '0.42.4',
      pods: [compactorPod],
    });
  });

  it('reports a small backlog as information only', () => {
    const status = judgeCompactor(healthyCompactor);
    expect(status.state).toBe('ok');
    expect(ids(status)).toEqual(['compactor.backlog']);
    expect(status.findings[0].severity).toBe('info');
    expect(status.findings[0].detail).toContain(
      '3 compactions, 12 blocks to compact',
    );
    expect(status.summary).toBe(
      'Running; last successful run 12 minutes ago; backlog 3 compactions',
    );
  });

  it('errors when the compactor is halted, even though its pod is ready', () => {
    const status = judgeCompactor(
      compactorWith({
        halted: true,
        backlog: { ...backlog, todoCompactions: 0 },
      }),
    );
    expect(status.state).toBe('error');
    expect(ids(status)).toEqual(['compactor.halted']);
    expect(status.findings[0].alert).toBe('ThanosCompactHalted');
    expect(status.findings[0].hint).toContain(
      'critical error detected; halting',
    );
    expect(status.findings[0].hint).toContain('thanos tools bucket verify');
    expect(status.findings[0].hint).toContain('resets to 0 on restart');
    expect(status.summary).toBe(
      'Halted — compaction stopped (ThanosCompactHalted)',
    );
  });

  it('errors when no compactor is up', () => {
    const status = judgeCompactor(
      compactorWith({
        instancesUp: 0,
        backlog: { ...backlog, todoCompactions: 0 },
      }),
    );
    expect(ids(status)).toEqual(['compactor.down']);
    expect(status.findings[0].alert).toBe('ThanosCompactIsDown');
    expect(status.summary).toBe('Compactor is down (ThanosCompactIsDown)');
  });

  it('errors when two compactors are up', () => {
    const status = judgeCompactor(
      compactorWith({
        instancesUp: 2,
        backlog: { ...backlog, todoCompactions: 0 },
      }),
    );
    expect(ids(status)).toEqual(['compactor.multiple-running']);
    expect(status.findings[0]).toMatchObject({
      alert: 'ThanosCompactMultipleRunning',
      source: 'promql',
    });
    expect(status.findings[0].detail).toContain('2 compactor targets are up');
  });

  it('errors when Kubernetes shows two compactor workloads on one bucket', () => {
    const status = judgeCompactor(
      compactorWith(
        { backlog: { ...backlog, todoCompactions: 0 } },
        { workloadsForBucket: 2 },
      ),
    );
    expect(ids(status)).toEqual(['compactor.multiple-running']);
    expect(status.findings[0]).toMatchObject({
      alert: 'ThanosCompactMultipleRunning',
      source: 'kubernetes',
    });
    expect(status.findings[0].detail).toContain(
      "2 compactor replicas write to the cluster's bucket (Kubernetes)",
    );
  });

  it('warns when there was no successful run for more than 24 hours', () => {
    const status = judgeCompactor(
      compactorWith({
        lastSuccessfulRunTime: NOW / 1000 - 30 * 3600,
        backlog: { ...backlog, todoCompactions: 0 },
      }),
    );
    expect(status.state).toBe('warning');
    expect(ids(status)).toEqual(['compactor.has-not-run']);
    expect(status.findings[0]).toMatchObject({
      alert: 'ThanosCompactHasNotRun',
      title: 'Compactor has not run successfully for 30 hours',
    });
  });

  it('warns when nothing was uploaded since the compactor started', () => {
    const status = judgeCompactor(
      compactorWith({
        lastSuccessfulRunTime: 0,
        backlog: { ...backlog, todoCompactions: 0 },
      }),
    );
    expect(ids(status)).toEqual(['compactor.has-not-run']);
    expect(status.findings[0].title).toBe(
      'Compactor has not uploaded a block since it started',
    );
    expect(status.summary).toBe(
      'Running; no backlog; compactor has not uploaded a block since it started (ThanosCompactHasNotRun)',
    );
  });

  it('does not warn at exactly the thresholds', () => {
    const status = judgeCompactor(
      compactorWith({
        lastSuccessfulRunTime: NOW / 1000 - 24 * 3600,
        compactionFailurePercent: 5,
        bucketOperationFailurePercent: 5,
        backlog: { ...backlog, todoCompactions: 100 },
      }),
    );
    expect(ids(status)).toEqual(['compactor.backlog']);
  });

  it('warns about a high compaction failure ratio', () => {
    const status = judgeCompactor(
      compactorWith({
        compactionFailurePercent: 12.5,
        backlog: { ...backlog, todoCompactions: 0 },
      }),
    );
    expect(ids(status)).toEqual(['compactor.compaction-failures']);
    expect(status.findings[0].alert).toBe(
      'ThanosCompactHighCompactionFailures',
    );
    expect(status.findings[0].detail).toContain('12.5 %');
  });

  it('warns about a high bucket operation failure ratio', () => {
    const status = judgeCompactor(
      compactorWith({
        bucketOperationFailurePercent: 40,
        backlog: { ...backlog, todoCompactions: 0 },
      }),
    );
    expect(ids(status)).toEqual(['compactor.bucket-failures']);
    expect(status.findings[0].alert).toBe(
      'ThanosCompactBucketHighOperationFailures',
    );
  });

  it('warns about downsampling failures', () => {
    const status = judgeCompactor(
      compactorWith({
        downsampleFailures: 2,
        backlog: { ...backlog, todoCompactions: 0 },
      }),
    );
    expect(ids(status)).toEqual(['compactor.downsample-failures']);
    expect(status.findings[0].alert).toBeUndefined();
  });

  it('warns about a high backlog', () => {
    const status = judgeCompactor(
      compactorWith({ backlog: { ...backlog, todoCompactions: 250 } }),
    );
    expect(status.state).toBe('warning');
    expect(ids(status)).toEqual(['compactor.backlog-high']);
    expect(status.summary).toBe(
      'Running; last successful run 12 minutes ago; backlog 250 compactions; compactor is falling behind',
    );
  });

  it('errors on a crash-looping pod and says why halted reads 0', () => {
    const status = judgeCompactor(
      compactorWith(
        { backlog: { ...backlog, todoCompactions: 0 } },
        {
          pods: [
            {
              ...compactorPod,
              ready: false,
              restarts: 7,
              waitingReason: 'CrashLoopBackOff',
              lastTerminationReason: 'OOMKilled',
              lastTerminationExitCode: 137,
            },
          ],
        },
      ),
    );
    expect(status.state).toBe('error');
    expect(ids(status)).toEqual(['compactor.pod-crashlooping']);
    expect(status.findings[0].detail).toContain(
      'last terminated: OOMKilled (exit code 137)',
    );
    expect(status.findings[0].detail).toContain('resets to 0 on every restart');
    expect(status.findings[0].hint).toMatch(
      /^It was killed for using too much memory: raise the compactor's memory limit/,
    );
  });

  it('counts many restarts of a pod that is not ready as a crash loop', () => {
    const status = judgeCompactor({
      ...healthyCompactor,
      metrics: null,
      pods: [
        {
          ...compactorPod,
          ready: false,
          restarts: 4,
          lastTerminationReason: 'Error',
          lastTerminationExitCode: 1,
        },
      ],
    });
    expect(ids(status)).toEqual([
      'compactor.pod-crashlooping',
      'compactor.metrics-unavailable',
    ]);
    expect(status.state).toBe('error');
    expect(status.findings[0].hint).toContain(
      'kubectl -n monitoring logs thanos-compactor-0 --previous',
    );
  });

  it('warns about a pod that is not ready yet', () => {
    const status = judgeCompactor(
      compactorWith(
        { backlog: { ...backlog, todoCompactions: 0 } },
        { pods: [{ ...compactorPod, ready: false, phase: 'Pending' }] },
      ),
    );
    expect(ids(status)).toEqual(['compactor.pod-not-ready']);
    expect(status.state).toBe('warning');
  });

  it('is unknown when neither metrics nor pods can be read', () => {
    const status = judgeCompactor({
      ...healthyCompactor,
      metrics: null,
      pods: null,
    });
    expect(status.state).toBe('unknown');
    expect(ids(status)).toEqual(['compactor.metrics-unavailable']);
    expect(status.summary).toBe('Compactor metrics unavailable');
    expect(status.evidence).toMatchObject({
      halted: null,
      instancesUp: null,
      pods: null,
    });
  });

  it('stays unknown with ready pods but no metrics, since a halted compactor looks ready', () => {
    const status = judgeCompactor({ ...healthyCompactor, metrics: null });
    expect(status.state).toBe('unknown');
    expect(ids(status)).toEqual(['compactor.metrics-unavailable']);
  });
});
