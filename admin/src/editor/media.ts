import { ApiError, api } from '../api';
import { translate } from '../i18n';
import type { MediaItem } from './types';

/**
 * Uploads one file to the media library (`POST /admin/api/media`, multipart `file` and `alt`). A server
 * without the media library (or a proxy that does not pass the path) answers 404 or 405: that is reported
 * as its own clear message rather than as "not found".
 */
export async function uploadMedia(file: File, alt: string, siteId: number): Promise<MediaItem> {
  const fields: Record<string, string> = { siteId: String(siteId) };
  if (alt) fields['alt'] = alt;
  try {
    return await api.upload<MediaItem>('/media', file, file.name, fields);
  } catch (error) {
    // Uploading has no other reason to answer 404 or 405.
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
      throw new ApiError(error.status, {
        code: 'GZ_MEDIA_UNAVAILABLE',
        message: translate('en', 'editor.mediaUnavailable'),
        messageZh: translate('zh', 'editor.mediaUnavailable'),
      });
    }
    throw error;
  }
}

export { formatSize } from '../../../src/core/file-size';
