// GetFunction's Code.Location: like AWS's presigned S3 URL (valid 10 minutes, no credentials needed),
// a one-off URL on this endpoint that downloads the function's code as a real deployment-package zip.
import { randomBytes } from 'node:crypto';
import { zipDirectory } from '../../project/zipWriter';
import type { ApiReply, ApiRequest, Route } from '../http/router';

/** How long a code location stays valid (AWS: 10 minutes). */
export const CODE_LOCATION_TTL_MS = 10 * 60_000;
const PATH = '/workbench/v1/code/';

/** Issues and serves code locations; the token is the only key, held in memory by this engine. */
export class CodeLocations {
  private readonly issued = new Map<string, { readonly codeDir: string; readonly name: string; readonly expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Replaces a GetFunction document's `file://` location with a download URL on the host the caller used. */
  presign(doc: Record<string, unknown>, req: ApiRequest): Record<string, unknown> {
    const code = doc.Code as { Location?: string } | undefined;
    if (!code?.Location?.startsWith('file://')) return doc;
    const name = String((doc.Configuration as { FunctionName?: unknown } | undefined)?.FunctionName ?? 'function');
    const now = this.now();
    for (const [t, e] of this.issued) if (e.expires <= now) this.issued.delete(t);
    const token = randomBytes(24).toString('base64url');
    this.issued.set(token, { codeDir: code.Location.slice('file://'.length), name, expires: now + CODE_LOCATION_TTL_MS });
    // The Host header was checked to be a loopback name (or an allowed host) before any route runs.
    const host = req.headers.host ?? '127.0.0.1';
    return { ...doc, Code: { ...code, Location: `http://${host}${PATH}${token}/${encodeURIComponent(name)}.zip` } };
  }

  /** The download route; it authenticates by its token, like a presigned URL. */
  routes(): Route[] {
    return [
      {
        method: 'GET',
        pattern: /^\/workbench\/v1\/code\/([\w-]+)\/[^/]+\.zip$/,
        selfAuthenticated: true,
        handler: (req): ApiReply => {
          const entry = this.issued.get(req.params[0] as string);
          if (!entry || entry.expires <= this.now()) {
            if (entry) this.issued.delete(req.params[0] as string);
            return { status: 403, headers: { 'Content-Type': 'application/xml' }, body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>' };
          }
          const zip = zipDirectory(entry.codeDir);
          return { status: 200, headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${entry.name}.zip"` }, body: zip };
        },
      },
    ];
  }
}
