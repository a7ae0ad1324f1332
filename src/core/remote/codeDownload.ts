// Downloads a code location (a presigned S3 URL from GetFunction) into memory, reporting progress and
// honouring cancellation; the URL itself is never logged, since it carries a signature.
export interface DownloadProgress {
  readonly received: number;
  /** Content-Length when the server sent one. */
  readonly total: number | undefined;
}

/** The bytes at `url`; throws with the HTTP status (and the S3 error code, when there is one). */
export async function downloadCode(url: string, options: { readonly signal?: AbortSignal; readonly onProgress?: (p: DownloadProgress) => void } = {}): Promise<Buffer> {
  const response = await fetch(url, options.signal ? { signal: options.signal } : {});
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    throw new Error(`Downloading the code failed with HTTP ${response.status}${code ? ` (${code})` : ''}. The code location is valid for 10 minutes: try again.`);
  }
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const chunks: Buffer[] = [];
  let received = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    chunks.push(Buffer.from(chunk));
    received += chunk.length;
    options.onProgress?.({ received, total });
  }
  return Buffer.concat(chunks);
}
