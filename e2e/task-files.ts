import { crc32, deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/** A small PNG photo made on the spot: a sky over a green field with a red roof (no image library needed). */
export function makePng(width = 160, height = 120): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < width; x++) {
      const isRoof = y > height * 0.35 && y < height * 0.6 && Math.abs(x - width / 2) < (y - height * 0.35) * 1.2;
      const isField = y >= height * 0.6;
      const [r, g, b] = isRoof ? [200, 40, 40] : isField ? [60, 150, 70] : [120, 180, 235];
      raw.set([r, g, b], row + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** One task row of the import template, by column header (without the required mark). */
export type TTemplateRow = Record<string, string>;

/** The template's task sheet filled with these rows, found by their headers; answers the workbook's bytes. */
export async function fillTemplate(template: Buffer, rows: TTemplateRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('任务清单');
  if (!sheet) throw new Error('the template has no sheet 任务清单');
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => columns.set(String(cell.value).replace(/[\s*＊]/g, ''), col));
  rows.forEach((values, i) => {
    const row = sheet.getRow(i + 2);
    for (const [header, value] of Object.entries(values)) {
      const col = columns.get(header);
      if (!col) throw new Error(`the template has no column ${header}`);
      row.getCell(col).value = value;
    }
    row.commit();
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The text of each row's cell under a header, for the rows 2.. of a workbook's first sheet. */
export async function readColumn(workbook: Buffer, header: string): Promise<Map<number, string>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(workbook as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('an empty workbook');
  let col = 0;
  sheet.getRow(1).eachCell((cell, c) => {
    if (String(cell.value).replace(/[\s*＊]/g, '') === header) col = c;
  });
  const texts = new Map<number, string>();
  if (!col) return texts;
  sheet.eachRow((row, n) => {
    const text = row.getCell(col).text;
    if (n > 1 && text) texts.set(n, text);
  });
  return texts;
}
