/** The bytes of a finished download. */
export async function readDownload(download: { path(): Promise<string | null> }): Promise<Buffer> {
  const { readFile } = await import('node:fs/promises');
  const file = await download.path();
  if (!file) throw new Error('the download failed');
  return readFile(file);
}
