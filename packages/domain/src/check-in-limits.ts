// The check-in's limits, apart from its schemas: the Today page reads them, and zod stays out of its load.

/** A photo may be at most this large once resized on the phone. */
export const PHOTO_MAX_BYTES = 3 * 1024 * 1024;
/** The longer side a phone resizes a photo to before uploading. */
export const PHOTO_MAX_SIDE = 1600;
export const PHOTOS_PER_ENTRY = 6;
/** How far back an offline entry may have been recorded. */
export const CHECK_IN_MAX_AGE_DAYS = 7;
