import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { API, type AdminClient } from '../support/admin-client.js';
import { multipartBody, type UploadPart } from './media-fixtures.js';

/** Uploads as the editor's browser does: multipart, session cookie, CSRF header. */
export function upload(
  app: FastifyInstance,
  client: AdminClient,
  file: UploadPart | null,
  fields: Readonly<Record<string, string>> = {},
  path = '/media',
) {
  const { payload, headers } = multipartBody(file, fields);
  return app.inject({
    method: 'POST',
    url: `${API}${path}`,
    cookies: { gz_session: client.cookie },
    headers: { ...headers, 'x-csrf-token': client.csrf },
    payload,
  });
}

/** Every file under `dir` (temporary uploads included), relative to it. */
export function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found.sort();
}

export interface UploadedView {
  id: number;
  url: string;
  filename: string;
  mime: string;
  size: number;
  width?: number;
  height?: number;
  variants?: { width: number; url: string; format: string }[];
  sha256: string;
  version: number;
  textStatus: string;
  deduplicated: boolean;
  findings: { rule: string; field: string; severity: string; message: string }[];
}
