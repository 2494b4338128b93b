import { PHOTO_MAX_BYTES, PHOTO_MAX_SIDE } from '@duban/domain';

/** Types the server takes as photos as they are, when the phone cannot redraw the picture. */
const PASSABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

/** JPEG qualities tried in turn until the photo fits PHOTO_MAX_BYTES. */
const QUALITIES = [0.8, 0.65, 0.5];

export class PhotoError extends Error {
  constructor(readonly reason: 'unreadable' | 'tooLarge') {
    super(reason);
    this.name = 'PhotoError';
  }
}

const toJpeg = (canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> =>
  new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));

/** The file's name with the extension of what it became. */
const jpegName = (name: string): string => `${name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;

/**
 * Resizes a photo on the phone before it is kept and uploaded: its longer side to at most PHOTO_MAX_SIDE pixels,
 * as JPEG at about 0.8 quality (lower if needed to stay under PHOTO_MAX_BYTES), the camera's orientation applied.
 * A picture the browser cannot draw is sent as it is when the server takes its type and size.
 */
export async function resizePhoto(file: File): Promise<{ blob: Blob; filename: string }> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    if (PASSABLE.has(file.type) && file.size <= PHOTO_MAX_BYTES) return { blob: file, filename: file.name };
    throw new PhotoError('unreadable');
  }
  try {
    const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new PhotoError('unreadable');
    // JPEG has no transparency: a white ground rather than black behind a transparent PNG.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    for (const quality of QUALITIES) {
      const blob = await toJpeg(canvas, quality);
      if (blob && blob.size <= PHOTO_MAX_BYTES) return { blob, filename: jpegName(file.name) };
    }
    throw new PhotoError('tooLarge');
  } finally {
    bitmap.close();
  }
}
