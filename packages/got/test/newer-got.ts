import got, { type Got } from 'got';
import gotOldest from 'got-oldest';

/** got 15 and 16 declare `engines.node >=22` and use what Node 20 lacks; their suites skip there. */
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** Whether this Node line can run got 15 and 16. */
const RUNS_NEWER_GOT = NODE_MAJOR >= 22;

/**
 * The title of a got 15/16 suite: on Node < 22 it says why the suite is skipped, so a skip is never silent.
 */
export function newerGotTitle(label: string): string {
  return RUNS_NEWER_GOT ? label : `${label} (skipped: it needs Node >= 22, this is Node ${process.versions.node})`;
}

/** Loads a got 15/16 copy only where it can run: importing it on Node 20 could fail before any test is skipped. */
export async function loadNewerGot(load: () => Promise<{ default: unknown }>): Promise<Got | undefined> {
  return RUNS_NEWER_GOT ? ((await load()).default as Got) : undefined;
}

/**
 * Every got the suites run against on this Node line, labelled: 14.6.5 and 14.6.1 everywhere, the oldest and
 * newest 15 and 16 where Node is 22 or newer.
 */
export async function loadRunnableGotVersions(): Promise<[string, Got][]> {
  const versions: [string, Got][] = [
    ['got@14.6.5', got],
    ['got@14.6.1', gotOldest as unknown as Got],
  ];
  for (const [label, load] of [
    ['got@15.0.0', () => import('got-15-oldest')],
    ['got@15.1.0', () => import('got-15')],
    ['got@16.0.0', () => import('got-16-oldest')],
    ['got@16.1.0', () => import('got-16')],
  ] as const) {
    const loaded = await loadNewerGot(load);
    if (loaded !== undefined) versions.push([label, loaded]);
  }
  return versions;
}
