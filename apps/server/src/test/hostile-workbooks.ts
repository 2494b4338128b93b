import JSZip from 'jszip';

/**
 * The workbook with its first shared string grown to `chars` characters, deflated: a file of a few hundred KB whose
 * one cell inflates to as much as asked (the upload that once took the server to 3.7 GB).
 */
export async function withHugeCell(file: Buffer, chars: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  const strings = await zip.file('xl/sharedStrings.xml')?.async('string');
  if (!strings?.includes('<t')) throw new Error('the workbook has no shared string to grow');
  zip.file(
    'xl/sharedStrings.xml',
    strings.replace(/<t( [^>]*)?>/, (open) => `${open}${'A'.repeat(chars)}`),
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}
