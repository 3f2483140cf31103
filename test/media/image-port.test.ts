import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadMedia, type AppDeps, type ImageProcessor } from '../../src/app/index.js';
import { GazetteError } from '../../src/core/index.js';
import { startTestGazette, type TestGazette } from '../support/gazette.js';
import { png } from './media-fixtures.js';

/** Uploads process images through the port the composition root hands over, never an image library of their own. */
let t: TestGazette;
beforeAll(async () => {
  t = await startTestGazette();
});
afterAll(() => t.close());

const SYSTEM = { kind: 'system', reason: 'test' } as const;

/** The installation's deps with `images` in place of the processor boot wired. */
function withImages(images: ImageProcessor): AppDeps {
  const deps = t.gazette.deps;
  return { ...deps, media: { ...deps.media!, images } };
}

function incoming(bytes: Uint8Array): string {
  const path = t.gazette.deps.media!.files.incomingPath();
  writeFileSync(path, bytes);
  return path;
}

describe('image processing behind its port', () => {
  it('hands an uploaded image to the port with its type and the pixel limit, and stores what it returns', async () => {
    const real = t.gazette.deps.media!.images;
    const calls: { mime: string; maxPixels: number }[] = [];
    const deps = withImages({
      process: (path, type, maxPixels) => {
        calls.push({ mime: type.mime, maxPixels });
        return real.process(path, type, maxPixels);
      },
    });
    const bytes = await png(640, 480, { r: 10, g: 120, b: 200 });
    const stored = await uploadMedia(deps, SYSTEM, { tempPath: incoming(bytes), filename: '端口.png' });
    expect(calls).toEqual([{ mime: 'image/png', maxPixels: t.gazette.config.media.maxPixels }]);
    expect(stored).toMatchObject({ width: 640, height: 480 });
    // The same bytes again are the stored file: not processed a second time.
    await uploadMedia(deps, SYSTEM, { tempPath: incoming(bytes), filename: '端口2.png' });
    expect(calls).toHaveLength(1);
  });

  it("passes the port's refusal on to the caller", async () => {
    const deps = withImages({
      process: () => Promise.reject(new GazetteError('GZ_MEDIA_IMAGE_BROKEN', 'refused by the port')),
    });
    const bytes = await png(32, 32, { r: 1, g: 2, b: 3 });
    const refused = await uploadMedia(deps, SYSTEM, {
      tempPath: incoming(bytes),
      filename: '坏.png',
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GazetteError);
    expect((refused as GazetteError).code).toBe('GZ_MEDIA_IMAGE_BROKEN');
  });
});
