import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics';

/**
 * Paths answered by middleware rather than a controller (no route pattern to name them by): the
 * click redirect, static files, Bull Board and the API docs. Anything else without a route is
 * `unmatched`, so a scan of made-up paths never makes a label of its own.
 */
const MOUNTS = ['/r/', '/newsroom/assets/', '/samples/', '/admin/queues', '/api/docs'];

/** The route a request was answered by, as a bounded label: the pattern (`/api/editions/:id`), never the path. */
export function routeOf(req: Pick<Request, 'baseUrl' | 'path'> & { route?: { path?: unknown } }): string {
  // Nest answers unknown paths from a catch-all route (`/{*path}`): that is no route either.
  if (typeof req.route?.path === 'string' && !req.route.path.includes('*')) return `${req.baseUrl ?? ''}${req.route.path}` || '/';
  const mount = MOUNTS.find((prefix) => req.path.startsWith(prefix) || `${req.path}/` === prefix);
  return mount ? `${mount.replace(/\/$/, '')}/*` : 'unmatched';
}

/** Times every request, from the first middleware to the last byte written. */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.once('finish', () => metrics.httpRequest(req.method, routeOf(req), res.statusCode, (performance.now() - started) / 1000));
    next();
  };
}
