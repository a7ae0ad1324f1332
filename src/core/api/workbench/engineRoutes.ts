// Who runs this engine and handing it over (issue 13): another window or tool that finds the state
// directory locked asks here whether the holder answers, and may ask it to give the directory up.
import { ApiError } from '../../errors';
import type { Route } from '../http/router';

/** What the holder of a state directory says about itself. */
export interface EngineIdentity {
  readonly pid: number;
  readonly stateDir: string;
  /** Whether POST /workbench/v1/engine/handover is supported by this engine's owner. */
  readonly handover: boolean;
}

/** GET /workbench/v1/engine; POST /workbench/v1/engine/handover (the engine stops after replying). */
export function engineRoutes(stateDir: string, handover: (() => void) | undefined): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/workbench\/v1\/engine\/?$/,
      handler: () => ({ status: 200, body: { pid: process.pid, stateDir, handover: handover !== undefined } satisfies EngineIdentity }),
    },
    {
      method: 'POST',
      pattern: /^\/workbench\/v1\/engine\/handover\/?$/,
      handler: (req) => {
        if (!handover) throw new ApiError('ResourceConflictException', 409, 'This engine does not hand its state directory over; stop its process instead.');
        // After the reply is written: the owner stops the engine, which closes this server.
        req.raw.res.once('finish', () => handover());
        return { status: 202, body: { pid: process.pid, stateDir } };
      },
    },
  ];
}
